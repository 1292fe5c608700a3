/**
 * The parser never crashes or hangs: random token soups and mutations of the
 * corpus's real scripts each yield an AST or a ParseError (fast-check).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listFeatures, loadCases } from "../differential/cases.js";
import { parse, ParseError } from "../../src/index.js";

const TOKENS = [
  "echo", "x", "$x", "${x", "${x:-", "}", "$(", ")", "(", "((", "))", "$((", "`", "'", '"', "\\", "|", "||", "&&", "&",
  ";", ";;", ";&", "\n", " ", "\t", "<", ">", ">>", "<<", "<<-", "<<<", "EOF", "2>&1", "{", "}", "[[", "]]", "if", "then",
  "else", "fi", "for", "in", "do", "done", "while", "case", "esac", "function", "f()", "=", "a=(", "[", "]", "*", "?", "#",
  "~", "$'", "@(", "!", "{a,b}", "{1..3}", "$@", "${#a[@]}", "${a/b/c}", "=~", "-n", "let", "declare", "coproc", "select",
];

function parsesCleanly(script: string): void {
  try {
    parse(script);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
  }
}

const corpus: string[] = [];
for (const f of listFeatures()) for (const c of loadCases(f)) corpus.push(c.script);

describe("parser fuzzing", () => {
  it("token soups yield an AST or a ParseError", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (toks) => {
        parsesCleanly(toks.join(""));
        parsesCleanly(toks.join(" "));
      }),
      { numRuns: 3000, seed: 20261129 },
    );
  });

  it("mutated corpus scripts yield an AST or a ParseError", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpus),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom("delete", "insert", "swap"), fc.constantFrom(...TOKENS)), { maxLength: 5 }),
        (script, edits) => {
          let s = script;
          for (const [at, op, tok] of edits) {
            const i = s.length ? at % s.length : 0;
            if (op === "delete") s = s.slice(0, i) + s.slice(i + 1 + (at % 3));
            else if (op === "insert") s = s.slice(0, i) + tok + s.slice(i);
            else s = s.slice(0, i) + tok + s.slice(i + tok.length);
          }
          parsesCleanly(s);
        },
      ),
      { numRuns: 3000, seed: 20261129 },
    );
  });

  it("random printable text yields an AST or a ParseError", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), parsesCleanly), { numRuns: 3000, seed: 20261129 });
  });

  it("deep nesting fails cleanly instead of overflowing the stack", () => {
    const deep = [
      "(".repeat(100_000) + "echo" + ")".repeat(100_000),
      "echo " + "$(".repeat(100_000) + "x" + ")".repeat(100_000),
      "echo " + "${x:-".repeat(100_000) + "y" + "}".repeat(100_000),
      "echo $((" + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "))",
      "{ ".repeat(100_000) + "echo; " + "} ".repeat(100_000),
      "echo " + "`echo ".repeat(2000),
    ];
    for (const s of deep) {
      let ok = false;
      try {
        parse(s);
        ok = true;
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError);
        ok = true;
      }
      expect(ok).toBe(true);
    }
  });

  it("a 10 MB script parses", { timeout: 120_000 }, () => {
    const line = 'for i in 1 2 3; do echo "$i ${x:-y}" | grep -c x > /dev/null; done\n';
    const big = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    const ast = parse(big);
    expect(ast.length).toBe(Math.ceil((10 * 1024 * 1024) / line.length));
  });
});
