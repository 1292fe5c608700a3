import { describe, expect, it } from "vitest";
import { dirname } from "../../builtins/dirname.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU dirname (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["'/a/b/c'", ["/a/b/c"], undefined, {}, "/a/b\n", "", 0],
  ["'/a/b/c/'", ["/a/b/c/"], undefined, {}, "/a/b\n", "", 0],
  ["'c'", ["c"], undefined, {}, ".\n", "", 0],
  ["'/'", ["/"], undefined, {}, "/\n", "", 0],
  ["'//'", ["//"], undefined, {}, "/\n", "", 0],
  ["'///'", ["///"], undefined, {}, "/\n", "", 0],
  ["''", [""], undefined, {}, ".\n", "", 0],
  ["'a/'", ["a/"], undefined, {}, ".\n", "", 0],
  ["'//a'", ["//a"], undefined, {}, "/\n", "", 0],
  ["'///a'", ["///a"], undefined, {}, "/\n", "", 0],
  ["'//a//b//'", ["//a//b//"], undefined, {}, "//a\n", "", 0],
  ["'a/b'", ["a/b"], undefined, {}, "a\n", "", 0],
  ["'a//b'", ["a//b"], undefined, {}, "a\n", "", 0],
  ["'./a'", ["./a"], undefined, {}, ".\n", "", 0],
  ["'../a'", ["../a"], undefined, {}, "..\n", "", 0],
  ["'-z' 'a/b' 'c'", ["-z", "a/b", "c"], undefined, {}, "a\u0000.\u0000", "", 0],
  ["'a' 'b/c' '/d'", ["a", "b/c", "/d"], undefined, {}, ".\nb\n/\n", "", 0],
  ["'.'", ["."], undefined, {}, ".\n", "", 0],
  ["'..'", [".."], undefined, {}, ".\n", "", 0],
  ["'/a'", ["/a"], undefined, {}, "/\n", "", 0],
  ["'-x'", ["-x"], undefined, {}, "", "dirname: invalid option -- 'x'\nTry 'dirname --help' for more information.\n", 1],
  ["none", [], undefined, {}, "", "dirname: missing operand\nTry 'dirname --help' for more information.\n", 1],
  ["'--' '-z'", ["--", "-z"], undefined, {}, ".\n", "", 0],
  ["'a/b' '-z'", ["a/b", "-z"], undefined, {}, "a\u0000", "", 0],
  ["'--zero' 'x/y'", ["--zero", "x/y"], undefined, {}, "x\u0000", "", 0],
  ["'\u00e9/\u00fc'", ["\u00e9/\u00fc"], undefined, {}, "\u00e9\n", "", 0],
  ["'/a/./b/'", ["/a/./b/"], undefined, {}, "/a/.\n", "", 0],
];

describe("dirname", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(dirname, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});
