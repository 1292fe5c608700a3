/** Word parts' positions: each part spans exactly its own text (a literal ends where the next part starts). */
import { describe, expect, it } from "vitest";
import { lineColumn, parse } from "../../src/index.js";
import type { SimpleCommand } from "../../src/index.js";

function spans(script: string): string[][] {
  const cmd = parse(script)[0].command as SimpleCommand;
  return cmd.words.map((w) => w.parts.map((p) => `${p.type}:${script.slice(p.pos, p.end)}`));
}

describe("word part positions", () => {
  it("a literal before $x, ${x}, a brace or a tilde ends where that part starts", () => {
    expect(spans("echo ab$x cd")).toEqual([["Literal:echo"], ["Literal:ab", "Param:$x"], ["Literal:cd"]]);
    expect(spans("echo ab${x}y")).toEqual([["Literal:echo"], ["Literal:ab", "Param:${x}", "Literal:y"]]);
    expect(spans("echo x{a,b}")).toEqual([["Literal:echo"], ["Literal:x", "Brace:{a,b}"]]);
    expect(spans("echo 'q'$1\"d\"")).toEqual([["Literal:echo"], ["SingleQuoted:'q'", "Param:$1", 'DoubleQuoted:"d"']]);
  });
});

/** Every Literal and Param in the AST, as type:text-at-its-position. */
function allSpans(script: string): string[] {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== "object") return;
    if (Array.isArray(x)) return x.forEach(walk);
    const o = x as { type?: string; pos?: number; end?: number };
    if ((o.type === "Literal" || o.type === "Param") && o.pos !== undefined) out.push(`${o.type}:${script.slice(o.pos, o.end)}`);
    Object.values(o).forEach(walk);
  };
  walk(parse(script));
  return out;
}

describe("positions inside texts parsed on their own", () => {
  it("a backquote body's nodes point into the script, escapes and nesting included", () => {
    expect(allSpans("echo `ls $d` x")).toEqual(["Literal:echo", "Literal:ls", "Param:$d", "Literal:x"]);
    expect(allSpans('a=`echo \\$x "\\"$r\\""` z')).toEqual(["Literal:echo", "Param:$x", "Param:$r", "Literal:z"]);
    expect(allSpans("echo `echo \\`ls $n\\``")).toEqual(["Literal:echo", "Literal:echo", "Literal:ls", "Param:$n"]);
  });

  it("a here-document body's nodes point into the script, <<- tabs included", () => {
    expect(allSpans("cat <<EOF\nhi $x $(ls $y)\nEOF")).toEqual(["Literal:cat", "Literal:EOF", "Literal:hi ", "Param:$x", "Literal: ", "Literal:ls", "Param:$y", "Literal:\n"]);
    expect(allSpans("cat <<-EOF\n\t\ta $x\n\tEOF")).toEqual(["Literal:cat", "Literal:EOF", "Literal:a ", "Param:$x", "Literal:\n"]);
  });
});

describe("lineColumn", () => {
  it("gives 1-based lines and columns of offsets, the script's end included", () => {
    const script = "echo a\nif true; then\n  ls `pwd`\nfi";
    const ls = script.indexOf("ls");
    expect(lineColumn(script, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(script, 6)).toEqual({ line: 1, column: 7 });
    expect(lineColumn(script, 7)).toEqual({ line: 2, column: 1 });
    expect(lineColumn(script, ls)).toEqual({ line: 3, column: 3 });
    expect(lineColumn(script, script.length + 5)).toEqual({ line: 4, column: 3 });
    const pwd = (((parse(script)[1].command as { clauses: Array<{ body: Array<{ command: SimpleCommand }> }> }).clauses[0].body[0].command.words[1].parts[0] as { body: Array<{ command: SimpleCommand }> }).body[0].command.words[0]);
    expect(lineColumn(script, pwd.pos)).toEqual({ line: 3, column: 7 });
  });
});
