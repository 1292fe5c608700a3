import { describe, expect, it } from "vitest";
import { nl } from "../../builtins/nl.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU nl (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["default", [], "a\n\nb\n", {}, "     1\ta\n       \n     2\tb\n", "", 0],
  ["-ba", ["-ba"], "a\n\nb\n", {}, "     1\ta\n     2\t\n     3\tb\n", "", 0],
  ["-bn", ["-bn"], "a\n\nb\n", {}, "       a\n       \n       b\n", "", 0],
  ["-s XY", ["-s", "XY"], "a\n\nb\n", {}, "     1XYa\n        \n     2XYb\n", "", 0],
  ["-ba -s XY", ["-ba", "-sXY"], "a\n\nb\n", {}, "     1XYa\n     2XY\n     3XYb\n", "", 0],
  ["no trailing newline", [], "a", {}, "     1\ta\n", "", 0],
  ["sections", ["-ha", "-fa"], "h1\n\\:\\:\\:\nH\n\\:\\:\nb1\nb2\n\\:\nf1\n\\:\\:\\:\nH2\n\\:\\:\nb3\n", {}, "     1\th1\n\n     1\tH\n\n     1\tb1\n     2\tb2\n\n     1\tf1\n\n     1\tH2\n\n     1\tb3\n", "", 0],
  ["sections -p", ["-p"], "h1\n\\:\\:\\:\nH\n\\:\\:\nb1\nb2\n\\:\nf1\n\\:\\:\\:\nH2\n\\:\\:\nb3\n", {}, "     1\th1\n\n       H\n\n     2\tb1\n     3\tb2\n\n       f1\n\n       H2\n\n     4\tb3\n", "", 0],
  ["-l 2", ["-ba", "-l2"], "a\n\n\n\n\nb\n", {}, "     1\ta\n       \n     2\t\n       \n     3\t\n     4\tb\n", "", 0],
  ["-n ln", ["-n", "ln"], "a\nb\n", {}, "1     \ta\n2     \tb\n", "", 0],
  ["-n rz", ["-n", "rz"], "a\nb\n", {}, "000001\ta\n000002\tb\n", "", 0],
  ["-n rz negative", ["-n", "rz", "-w3", "-v", "-5"], "a\nb\n", {}, "-05\ta\n-04\tb\n", "", 0],
  ["-bp regex", ["-bpy\\+"], "x\nyy\n", {}, "       x\n     1\tyy\n", "", 0],
  ["-v -i", ["-v", "10", "-i", "5"], "a\nb\nc\n", {}, "    10\ta\n    15\tb\n    20\tc\n", "", 0],
  ["-i 0", ["-i", "0"], "a\nb\n", {}, "     1\ta\n     1\tb\n", "", 0],
  ["-w 2", ["-w", "2"], "a\na\na\n", {}, " 1\ta\n 2\ta\n 3\ta\n", "", 0],
  ["-w 1 overflow digits", ["-w", "1", "-v", "99"], "a\nb\n", {}, "99\ta\n100\tb\n", "", 0],
  ["-d X", ["-dX"], "a\nX:X:\nb\n", {}, "     1\ta\n\n     1\tb\n", "", 0],
  ["-d XY", ["-dXY"], "a\nXYXY\nb\n", {}, "     1\ta\n\n     1\tb\n", "", 0],
  ["-d XYZ", ["-dXYZ"], "a\nXYZXYZ\nb\n", {}, "     1\ta\n\n     1\tb\n", "", 0],
  ["files continue numbering", ["a", "b"], undefined, {"a": "1\n2\n", "b": "3\n"}, "     1\t1\n     2\t2\n     3\t3\n", "", 0],
  ["missing file", ["x", "a"], undefined, {"a": "1\n"}, "     1\t1\n", "nl: x: No such file or directory\n", 1],
  ["directory", ["d"], undefined, {"d/": ""}, "", "nl: d: Is a directory\n", 1],
  ["bad style", ["-b", "x"], "a\n", {}, "", "nl: invalid body numbering style: \u2018x\u2019\nTry 'nl --help' for more information.\n", 1],
  ["bad header style", ["-h", "x"], "a\n", {}, "", "nl: invalid header numbering style: \u2018x\u2019\nTry 'nl --help' for more information.\n", 1],
  ["bad footer style", ["-f", "x"], "a\n", {}, "", "nl: invalid footer numbering style: \u2018x\u2019\nTry 'nl --help' for more information.\n", 1],
  ["bad format", ["-n", "xx"], "a\n", {}, "", "nl: invalid line numbering format: \u2018xx\u2019\nTry 'nl --help' for more information.\n", 1],
  ["width 0", ["-w", "0"], "a\n", {}, "", "nl: invalid line number field width: \u20180\u2019: Numerical result out of range\n", 1],
  ["width x", ["-w", "x"], "a\n", {}, "", "nl: invalid line number field width: \u2018x\u2019\n", 1],
  ["increment x", ["-i", "x"], "a\n", {}, "", "nl: invalid line number increment: \u2018x\u2019\n", 1],
  ["start x", ["-v", "x"], "a\n", {}, "", "nl: invalid starting line number: \u2018x\u2019\n", 1],
  ["join 0", ["-l", "0"], "a\n", {}, "", "nl: invalid line number of blank lines: \u20180\u2019: Numerical result out of range\n", 1],
  ["join x", ["-l", "x"], "a\n", {}, "", "nl: invalid line number of blank lines: \u2018x\u2019\n", 1],
  ["bad regex", ["-bp\\("], "a\n", {}, "", "nl: Unmatched ( or \\(\n", 1],
  ["CRLF", [], "a\r\n\r\nb\r\n", {}, "     1\ta\r\n     2\t\r\n     3\tb\r\n", "", 0],
  ["utf8 and binary", [], new Uint8Array([195,169,10,255,0,10]), {}, "     1\t\u00e9\n     2\t\udcff\u0000\n", "", 0],
  ["empty", [], "", {}, "", "", 0],
  ["long options", ["--body-numbering=a", "--number-separator=:", "--number-width=3"], "a\n\nb\n", {}, "  1:a\n  2:\n  3:b\n", "", 0],
  ["invalid option", ["-x"], "", {}, "", "nl: invalid option -- 'x'\nTry 'nl --help' for more information.\n", 1],
  ["empty delimiter", ["-d", ""], "a\n\\:\nb\n", {}, "     1\ta\n     2\t\\:\n     3\tb\n", "", 0],
  ["stdin dash", ["a", "-"], "s\n", {"a": "1\n"}, "     1\t1\n     2\ts\n", "", 0],
  ["width too large", ["-w", "3000000000"], "", {}, "", "nl: invalid line number field width: \u20183000000000\u2019: Value too large for defined data type\n", 1],
  ["join overflow", ["-l", "99999999999999999999"], "", {}, "", "nl: invalid line number of blank lines: \u201899999999999999999999\u2019: Value too large for defined data type\n", 1],
  ["start overflow negative", ["-v", "-99999999999999999999"], "", {}, "", "nl: invalid starting line number: \u2018-99999999999999999999\u2019: Value too large for defined data type\n", 1],
];

describe("nl", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(nl, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});
