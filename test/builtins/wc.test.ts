import { describe, expect, it } from "vitest";
import { wc } from "../../builtins/wc.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU wc (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["stdin default", [], "hello world\nfoo\n", {}, "      2       3      16\n", "", 0],
  ["stdin -l", ["-l"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "10\n", "", 0],
  ["stdin -w", ["-w"], " a b  c\n", {}, "3\n", "", 0],
  ["stdin -c", ["-c"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "21\n", "", 0],
  ["stdin -lc", ["-lc"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "     10      21\n", "", 0],
  ["one file", ["ten"], undefined, {"ten": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"}, "10 10 21 ten\n", "", 0],
  ["one file -l", ["-l", "ten"], undefined, {"ten": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"}, "10 ten\n", "", 0],
  ["two files", ["ten", "one"], undefined, {"ten": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "one": "a"}, "10 10 21 ten\n 0  1  1 one\n10 11 22 total\n", "", 0],
  ["two files -l", ["-l", "ten", "ten"], undefined, {"ten": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"}, "10 ten\n10 ten\n20 total\n", "", 0],
  ["file and stdin", ["ten", "-"], "x y\n", {"ten": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"}, "     10      10      21 ten\n      1       2       4 -\n     11      12      25 total\n", "", 0],
  ["all counts order", ["-L", "-w", "-l", "-m", "-c"], "\n", {}, "      1       0       1       1       0\n", "", 0],
  ["missing and dir", ["x", "d", "f"], undefined, {"f": "a\nb\n", "d/": ""}, "      0       0       0 d\n      2       2       4 f\n      2       2       4 total\n", "wc: x: No such file or directory\nwc: d: Is a directory\n", 1],
  ["missing only", ["x"], undefined, {}, "", "wc: x: No such file or directory\n", 1],
  ["-m utf8", ["-m"], "h\u00e9llo w\u00f6rld \u20ac\n", {}, "14\n", "", 0],
  ["-mwc invalid bytes", ["-mwc"], new Uint8Array([97,255,98,32,99,255]), {}, "      2       4       6\n", "", 0],
  ["nonprintable in word", ["-w"], "a\u0001b c\n\u0001 \u0001\n", {}, "2\n", "", 0],
  ["nbsp separates", ["-w"], "a\u00a0b c\u3000d e\u200bf\n", {}, "5\n", "", 0],
  ["-L wide", ["-L"], "\u4e2d\u6587\n", {}, "4\n", "", 0],
  ["-L combining", ["-Lm"], "e\u0301\n", {}, "      3       1\n", "", 0],
  ["-L tabs and cr", ["-L"], "a\tb\rcd\n", {}, "9\n", "", 0],
  ["-L form feed", ["-L"], "ab\fc\n", {}, "2\n", "", 0],
  ["-L vtab", ["-wL"], "a\u000bb\n", {}, "      2       2\n", "", 0],
  ["-L no newline", ["-L"], "abcdef", {}, "6\n", "", 0],
  ["-L two files", ["-L", "a", "b"], undefined, {"a": "abc\n", "b": "abcdefg\n"}, " 3 a\n 7 b\n 7 total\n", "", 0],
  ["empty", [], "", {}, "      0       0       0\n", "", 0],
  ["no trailing newline", [], "a b c", {}, "      0       3       5\n", "", 0],
  ["CRLF", [], "a b\r\nc\r\n", {}, "      2       3       8\n", "", 0],
  ["dev null", ["-c", "/dev/null", "one"], undefined, {"one": "a"}, "      0 /dev/null\n      1 one\n      1 total\n", "", 0],
  ["files0-from file", ["--files0-from=list"], undefined, {"list": "ten\u0000one\u0000", "ten": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "one": "a"}, "10 10 21 ten\n 0  1  1 one\n10 11 22 total\n", "", 0],
  ["files0-from stdin", ["--files0-from=-"], "ten\u0000one\u0000", {"ten": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "one": "a"}, "10 10 21 ten\n0 1 1 one\n10 11 22 total\n", "", 0],
  ["files0-from with operand", ["--files0-from=list", "ten"], undefined, {"list": "ten\u0000", "ten": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"}, "", "wc: extra operand 'ten'\nfile operands cannot be combined with --files0-from\nTry 'wc --help' for more information.\n", 1],
  ["files0-from empty name", ["--files0-from=-"], "ten\u0000\u0000x\u0000", {"ten": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"}, "10 10 21 ten\n10 10 21 total\n", "wc: -:2: invalid zero-length file name\nwc: x: No such file or directory\n", 1],
  ["newline in name", ["a\nb"], undefined, {}, "", "wc: 'a'$'\\n''b': No such file or directory\n", 1],
  ["invalid option", ["-x"], "", {}, "", "wc: invalid option -- 'x'\nTry 'wc --help' for more information.\n", 1],
  ["long options", ["--lines", "--words"], "a b\n", {}, "      1       2\n", "", 0],
  ["binary", [], new Uint8Array([0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143,144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159,160,161,162,163,164,165,166,167,168,169,170,171,172,173,174,175,176,177,178,179,180,181,182,183,184,185,186,187,188,189,190,191,192,193,194,195,196,197,198,199,200,201,202,203,204,205,206,207,208,209,210,211,212,213,214,215,216,217,218,219,220,221,222,223,224,225,226,227,228,229,230,231,232,233,234,235,236,237,238,239,240,241,242,243,244,245,246,247,248,249,250,251,252,253,254,255]), {}, "      1       1     256\n", "", 0],
  ["stdin dash label", ["-l", "-"], "a\n", {}, "1 -\n", "", 0],
  ["ambiguous", ["--ma"], "", {}, "0\n", "", 0],
];

describe("wc", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(wc, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});

describe("wc on input larger than a chunk", () => {
  // Expected lines from GNU wc on the same generated input.
  it("column width from the total size", async () => {
    const r = await runCommand(wc, { args: ["a", "b"], files: { a: "x".repeat(123456), b: "y\n" } });
    expect(r.stdout).toBe("     0      1 123456 a\n     1      1      2 b\n     1      2 123458 total\n");
  });
  it("words across chunks", async () => {
    expect((await runCommand(wc, { args: ["-w"], stdin: "ab ".repeat(30000) })).stdout).toBe("30000\n");
  });
  it("a UTF-8 sequence split across chunks", async () => {
    expect((await runCommand(wc, { args: ["-m"], stdin: "é".repeat(40000) })).stdout).toBe("40000\n");
  });
});
