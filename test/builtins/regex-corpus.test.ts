import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileRegex } from "../../builtins/_lib/regex/index.js";
import { substitute } from "../../builtins/sed/subst.js";
import type { ReplPart } from "../../builtins/sed/types.js";

/**
 * 600 random ERE patterns over a small alphabet, each applied with
 * `sed -E 's/RE/[&|\1|\2]/g'` (as many groups as the pattern has) by GNU sed
 * 4.9 (LC_ALL=C.UTF-8) when the corpus was made: checks leftmost-longest
 * extents, POSIX submatches and the global iteration (empty matches) of the
 * regex layer against GNU.
 */
const CORPUS = JSON.parse(readFileSync(new URL("./regex-corpus.json", import.meta.url), "utf8")) as Array<
  [string, string, string]
>;

/** Cases where we differ on purpose or have not matched glibc yet (run as expected failures). */
const DIVERGE = new Map<string, string>([
  // DIVERGE: among equal-length alternatives glibc prefers the one that sets a
  // group (POSIX subexpression rule); the Pike VM takes the first branch.
  ["a\\>|([ab])|[ab]", "equal-length alternatives: glibc prefers the branch that sets \\1"],
]);

describe("regex corpus recorded from GNU sed", () => {
  it("has its cases", () => expect(CORPUS.length).toBe(600));
  for (const [pattern, text, expected] of CORPUS) {
    const test = DIVERGE.has(pattern) ? it.fails : it;
    test(`s/${pattern}/…/g on ${JSON.stringify(text)}`, () => {
      const re = compileRegex(pattern, { syntax: "ERE" });
      const repl: ReplPart[] = [{ t: "text", s: "[" }, { t: "group", n: 0 }];
      for (let g = 1; g <= Math.min(2, re.groups); g++) repl.push({ t: "text", s: "|" }, { t: "group", n: g });
      repl.push({ t: "text", s: "]" });
      const sub = { re: { re }, repl, global: true, nth: 1, print: 0, evaluate: false };
      expect(substitute(re, text, sub, { step() {} }) ?? text).toBe(expected);
    });
  }
});
