import { describe, expect, it } from "vitest";
import { tac } from "../../builtins/tac.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU tac (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["lines", [], "1\n2\n3\n", {}, "3\n2\n1\n", "", 0],
  ["no trailing newline", [], "a\nb", {}, "ba\n", "", 0],
  ["-b", ["-b"], "a\nb\n", {}, "\n\nba", "", 0],
  ["-s comma", ["-s,"], "a,b,c", {}, "cb,a,", "", 0],
  ["-s comma -b", ["-s,", "-b"], "a,b,c,", {}, ",,c,ba", "", 0],
  ["multi-char separator", ["-s", "XY"], "aXYbXYc", {}, "cbXYaXY", "", 0],
  ["overlapping separator", ["-s", "aa", "-b"], "aaaaa", {}, "aaaaa", "", 0],
  ["-r digits", ["-r", "-s", "[0-9]+"], "a12b345c", {}, "c54b32a1", "", 0],
  ["-r backslash plus literal", ["-r", "-s", "[0-9]\\+"], "a12b345c", {}, "a12b345c", "", 0],
  ["-r empty matches", ["-rb", "-s", "[0-9]*"], "x1y22z", {}, "z22y1x", "", 0],
  ["-r alternation", ["-r", "-s", "a\\|b"], "abab", {}, "baba", "", 0],
  ["-r literal parens", ["-r", "-s", "(b)"], "a(b)c", {}, "ca(b)", "", 0],
  ["-r braces literal", ["-r", "-s", "x\\{2\\}"], "axxbxc", {}, "axxbxc", "", 0],
  ["-r caret", ["-r", "-s", "^"], "a\nb\nc", {}, "cb\na\n", "", 0],
  ["-r b dollar", ["-r", "-s", "b$"], "a\nb\nc\n", {}, "\nc\na\nb", "", 0],
  ["-r classes literal", ["-r", "-s", "[[:digit:]]"], "a1b2c", {}, "a1b2c", "", 0],
  ["-r unmatched paren", ["-r", "-s", "\\("], "x", {}, "", "tac: Unmatched ( or \\(\n", 1],
  ["empty separator", ["-s", ""], "ab\ncd", {}, "ab\ncd", "", 0],
  ["empty input", [], "", {}, "", "", 0],
  ["only newlines", [], "\n\n", {}, "\n\n", "", 0],
  ["two files", ["a", "a"], undefined, {"a": "1\n2\n"}, "2\n1\n2\n1\n", "", 0],
  ["missing and dir", ["d", "x", "a"], undefined, {"a": "1\n2\n", "d/": ""}, "2\n1\n", "tac: d: read error: Is a directory\ntac: failed to open 'x' for reading: No such file or directory\n", 1],
  ["CRLF", [], "a\r\nb\r\n", {}, "b\r\na\r\n", "", 0],
  ["utf8 and binary", [], new Uint8Array([195,169,10,255,0,10]), {}, "\udcff\u0000\n\u00e9\n", "", 0],
  ["utf8 separator", ["-s", "\u00e9"], "a\u00e9b\u00e9c", {}, "cb\u00e9a\u00e9", "", 0],
  ["stdin dash", ["-", "a"], "s1\ns2\n", {"a": "1\n2\n"}, "s2\ns1\n2\n1\n", "", 0],
  ["long options", ["--before", "--separator=,"], "a,b,", {}, ",,ba", "", 0],
  ["invalid option", ["-x"], "", {}, "", "tac: invalid option -- 'x'\nTry 'tac --help' for more information.\n", 1],
  ["NUL separator", ["-s", "x"], "1x2x3", {}, "32x1x", "", 0],
];

describe("tac", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(tac, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});
