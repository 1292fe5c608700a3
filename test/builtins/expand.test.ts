import { describe, expect, it } from "vitest";
import { expand } from "../../builtins/expand.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU expand (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["default", [], "a\tb\tc\n\tx\n", {}, "a       b       c\n        x\n", "", 0],
  ["-t 4", ["-t", "4"], "a\tb\tc\n", {}, "a   b   c\n", "", 0],
  ["-t4 attached", ["-t4"], "ab\tc\n", {}, "ab  c\n", "", 0],
  ["-4 obsolete", ["-4"], "a\tb\n", {}, "a   b\n", "", 0],
  ["-2,6 obsolete", ["-2,6"], "a\tb\tc\n", {}, "a b   c\n", "", 0],
  ["list", ["-t", "2,6"], "a\tb\tc\td\n", {}, "a b   c d\n", "", 0],
  ["list with spaces", ["-t", "2 6"], "a\tb\tc\td\n", {}, "a b   c d\n", "", 0],
  ["slash", ["-t", "2,/4"], "a\tb\tc\td\te\n", {}, "a b c   d   e\n", "", 0],
  ["plus", ["-t", "2,+4"], "a\tb\tc\td\te\n", {}, "a b   c   d   e\n", "", 0],
  ["slash alone", ["-t", "/4"], "a\tb\tc\n", {}, "a   b   c\n", "", 0],
  ["-i", ["-i"], "\ta\tb\n \tc\n", {}, "        a\tb\n        c\n", "", 0],
  ["backspace", [], "ab\bc\td\n", {}, "ab\bc      d\n", "", 0],
  ["utf8 counts bytes", [], "\u00e9\tx\n", {}, "\u00e9      x\n", "", 0],
  ["across files", ["f1", "f2"], undefined, {"f1": "a", "f2": "\tb\n"}, "a       b\n", "", 0],
  ["no trailing newline", [], "a\tb", {}, "a       b", "", 0],
  ["CRLF", [], "a\tb\r\n", {}, "a       b\r\n", "", 0],
  ["empty", [], "", {}, "", "", 0],
  ["invalid char", ["-t", "x"], "", {}, "", "expand: tab size contains invalid character(s): \u2018x\u2019\n", 1],
  ["zero", ["-t", "0"], "", {}, "", "expand: tab size cannot be 0\n", 1],
  ["not ascending", ["-t", "4,2"], "", {}, "", "expand: tab sizes must be ascending\n", 1],
  ["too large", ["-t", "99999999999999999999999"], "", {}, "", "expand: tab stop is too large \u201899999999999999999999999\u2019\n", 1],
  ["slash not at start", ["-t", "4/"], "", {}, "", "expand: '/' specifier not at start of number: \u2018/\u2019\n", 1],
  ["two slashes", ["-t", "/2,/4"], "", {}, "", "expand: '/' specifier only allowed with the last value\n", 1],
  ["slash then value", ["-t", "/4,2"], "", {}, "", "expand: '/' specifier only allowed with the last value\n", 1],
  ["plus and slash", ["-t", "+2,/4"], "", {}, "", "expand: '/' specifier is mutually exclusive with '+'\n", 1],
  ["two -t", ["-t", "2", "-t", "5"], "a\tb\tc\n", {}, "a b  c\n", "", 0],
  ["missing file", ["x", "a"], undefined, {"a": "\ta\n"}, "        a\n", "expand: x: No such file or directory\n", 1],
  ["directory", ["d"], undefined, {"d/": ""}, "", "expand: d: Is a directory\n", 1],
  ["long option", ["--tabs=3", "--initial"], "\ta\tb\n", {}, "   a\tb\n", "", 0],
  ["invalid option", ["-x"], "", {}, "", "expand: invalid option -- 'x'\nTry 'expand --help' for more information.\n", 1],
  ["many tabs", [], "\t\t\t|\n", {}, "                        |\n", "", 0],
];

describe("expand", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(expand, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});
