import { describe, expect, it } from "vitest";
import { unexpand } from "../../builtins/unexpand.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU unexpand (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["leading spaces", [], "        a       b\n", {}, "\ta       b\n", "", 0],
  ["-a", ["-a"], "        a       b       c\n", {}, "\ta\tb\tc\n", "", 0],
  ["-a short runs", ["-a"], "a b  c   d    e\n", {}, "a b  c\t d    e\n", "", 0],
  ["single space before stop", ["-a"], "1234567 x\n", {}, "1234567 x\n", "", 0],
  ["two spaces before stop", ["-a"], "123456  x\n", {}, "123456\tx\n", "", 0],
  ["-t 4", ["-t", "4"], "    a   b\n", {}, "\ta\tb\n", "", 0],
  ["-t list", ["-t", "2,6"], "  a   b c\n", {}, "\ta\tb c\n", "", 0],
  ["-3 obsolete no -a", ["-3"], "   a   b\n", {}, "\ta   b\n", "", 0],
  ["--first-only with -t", ["-t", "4", "--first-only"], "    a   b\n", {}, "\ta   b\n", "", 0],
  ["tabs mixed", ["-a"], "  \t  x \t y\n", {}, "\t  x\t y\n", "", 0],
  ["trailing blanks", ["-a"], "a        \n", {}, "a\t \n", "", 0],
  ["blanks at EOF", [], "        ", {}, "\t", "", 0],
  ["backspace", ["-a"], "ab\b      x\n", {}, "ab\b      x\n", "", 0],
  ["across files", ["f1", "f2"], undefined, {"f1": "    ", "f2": "    a\n"}, "\ta\n", "", 0],
  ["CRLF", [], "        a\r\n", {}, "\ta\r\n", "", 0],
  ["utf8", ["-a"], "\u00e9       x\n", {}, "\u00e9\t x\n", "", 0],
  ["empty", [], "", {}, "", "", 0],
  ["invalid tabs", ["-t", "a"], "", {}, "", "unexpand: tab size contains invalid character(s): \u2018a\u2019\n", 1],
  ["not ascending", ["-t", "4,2"], "", {}, "", "unexpand: tab sizes must be ascending\n", 1],
  ["missing file", ["x"], undefined, {}, "", "unexpand: x: No such file or directory\n", 1],
  ["long options", ["--all", "--tabs=4"], "a   b       c\n", {}, "a\tb\t\tc\n", "", 0],
  ["plus stops", ["-t", "2,+3"], "  a  b   c\n", {}, "\ta\tb\t c\n", "", 0],
  ["list end", ["-t", "2,4"], "    a       b\n", {}, "\t\ta       b\n", "", 0],
  ["invalid option", ["-x"], "", {}, "", "unexpand: invalid option -- 'x'\nTry 'unexpand --help' for more information.\n", 1],
  ["only spaces line", [], "                \n", {}, "\t\t\n", "", 0],
];

describe("unexpand", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(unexpand, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});
