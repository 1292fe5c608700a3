import { describe, expect, it } from "vitest";
import { fold } from "../../builtins/fold.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU fold (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["default 80", [], "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", {}, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nxxxxxxxxxxxxxxxxxxxx\n", "", 0],
  ["-w 3", ["-w", "3"], "abcdefghij\n", {}, "abc\ndef\nghi\nj\n", "", 0],
  ["-w3 attached", ["-w3"], "abcdefghij\n", {}, "abc\ndef\nghi\nj\n", "", 0],
  ["-3 obsolete", ["-3"], "abcdef\n", {}, "abc\ndef\n", "", 0],
  ["--width=4", ["--width=4"], "abcdefghij\n", {}, "abcd\nefgh\nij\n", "", 0],
  ["-s", ["-s", "-w", "5"], "ab cd ef gh\n", {}, "ab \ncd \nef gh\n", "", 0],
  ["-s no blank", ["-s", "-w", "3"], "abcdefg hi\n", {}, "abc\ndef\ng \nhi\n", "", 0],
  ["-s long text", ["-sw", "20"], "The quick brown fox jumps over the lazy dog and keeps running far away\n", {}, "The quick brown fox \njumps over the lazy \ndog and keeps \nrunning far away\n", "", 0],
  ["tabs", ["-w", "10"], "a\tb\tc\n", {}, "a\tb\n\tc\n", "", 0],
  ["tabs -b", ["-b", "-w", "4"], "a\tb\tc\n", {}, "a\tb\t\nc\n", "", 0],
  ["tab at line start wider", ["-w", "4"], "\tab\n", {}, "\t\nab\n", "", 0],
  ["backspace", ["-w", "2"], "ab\bcd\n", {}, "ab\bc\nd\n", "", 0],
  ["carriage return", ["-w", "3"], "abc\rdefg\n", {}, "abc\rdef\ng\n", "", 0],
  ["utf8 split by bytes", ["-w", "3"], "\u00e9\u00e9\u00e9\u00e9\u00e9\n", {}, "\u00e9\udcc3\n\udca9\u00e9\n\u00e9\udcc3\n\udca9\n", "", 0],
  ["no trailing newline", ["-w2"], "abcdef", {}, "ab\ncd\nef", "", 0],
  ["exact width", ["-w", "3"], "abc\nabcd\n", {}, "abc\nabc\nd\n", "", 0],
  ["-s with tab", ["-s", "-w", "6"], "ab\tcdefgh\n", {}, "ab\n\t\ncdefgh\n", "", 0],
  ["two files", ["-w2", "a", "b"], undefined, {"a": "abc", "b": "def\n"}, "ab\ncde\nf\n", "", 0],
  ["missing file", ["x", "a"], undefined, {"a": "a\n"}, "a\n", "fold: x: No such file or directory\n", 1],
  ["directory", ["d"], undefined, {"d/": ""}, "", "fold: d: Is a directory\n", 1],
  ["width 0", ["-w", "0"], "", {}, "", "fold: invalid number of columns: \u20180\u2019: Numerical result out of range\n", 1],
  ["width x", ["-w", "x"], "", {}, "", "fold: invalid number of columns: \u2018x\u2019\n", 1],
  ["width negative", ["-w", "-1"], "", {}, "", "fold: invalid number of columns: \u2018-1\u2019\n", 1],
  ["width huge", ["-w", "99999999999999999999"], "", {}, "", "fold: invalid number of columns: \u201899999999999999999999\u2019: Value too large for defined data type\n", 1],
  ["width plus", ["-w", "+2"], "abc\n", {}, "ab\nc\n", "", 0],
  ["CRLF", ["-w", "2"], "abc\r\n", {}, "ab\nc\r\n", "", 0],
  ["binary", ["-w", "2"], new Uint8Array([0,1,255,254,128,10]), {}, "\u0000\u0001\n\udcff\udcfe\n\udc80\n", "", 0],
  ["empty", [], "", {}, "", "", 0],
  ["invalid option", ["-x"], "", {}, "", "fold: invalid option -- 'x'\nTry 'fold --help' for more information.\n", 1],
  ["empty lines", ["-w1"], "\n\nab\n", {}, "\n\na\nb\n", "", 0],
];

describe("fold", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(fold, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});
