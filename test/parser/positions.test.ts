/** Word parts' positions: each part spans exactly its own text (a literal ends where the next part starts). */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
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
