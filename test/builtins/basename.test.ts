import { describe, expect, it } from "vitest";
import { basename } from "../../builtins/basename.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU basename (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["'/a/b/c'", ["/a/b/c"], undefined, {}, "c\n", "", 0],
  ["'/a/b/c/'", ["/a/b/c/"], undefined, {}, "c\n", "", 0],
  ["'c'", ["c"], undefined, {}, "c\n", "", 0],
  ["'/'", ["/"], undefined, {}, "/\n", "", 0],
  ["'//'", ["//"], undefined, {}, "/\n", "", 0],
  ["'///'", ["///"], undefined, {}, "/\n", "", 0],
  ["''", [""], undefined, {}, "\n", "", 0],
  ["'a/'", ["a/"], undefined, {}, "a\n", "", 0],
  ["'/a/b/c.txt' '.txt'", ["/a/b/c.txt", ".txt"], undefined, {}, "c\n", "", 0],
  ["'c.txt' '.txt'", ["c.txt", ".txt"], undefined, {}, "c\n", "", 0],
  ["'.txt' '.txt'", [".txt", ".txt"], undefined, {}, ".txt\n", "", 0],
  ["'-a' '/x/y' '/z/w/'", ["-a", "/x/y", "/z/w/"], undefined, {}, "y\nw\n", "", 0],
  ["'-s' '.c' 'a.c' 'b.c'", ["-s", ".c", "a.c", "b.c"], undefined, {}, "a\nb\n", "", 0],
  ["'-z' 'a/b'", ["-z", "a/b"], undefined, {}, "b\u0000", "", 0],
  ["'a' 'b' 'c'", ["a", "b", "c"], undefined, {}, "", "basename: extra operand \u2018c\u2019\nTry 'basename --help' for more information.\n", 1],
  ["'-as' '.h' 'x.h'", ["-as", ".h", "x.h"], undefined, {}, "x\n", "", 0],
  ["'--suffix=.x' 'y.x'", ["--suffix=.x", "y.x"], undefined, {}, "y\n", "", 0],
  ["'-a'", ["-a"], undefined, {}, "", "basename: missing operand\nTry 'basename --help' for more information.\n", 1],
  ["none", [], undefined, {}, "", "basename: missing operand\nTry 'basename --help' for more information.\n", 1],
  ["'//a//b//'", ["//a//b//"], undefined, {}, "b\n", "", 0],
  ["'a.txt' 'txt'", ["a.txt", "txt"], undefined, {}, "a.\n", "", 0],
  ["'/usr/' '/'", ["/usr/", "/"], undefined, {}, "usr\n", "", 0],
  ["'/' '/'", ["/", "/"], undefined, {}, "/\n", "", 0],
  ["'--' '-a'", ["--", "-a"], undefined, {}, "-a\n", "", 0],
  ["'-a' '--' '-x'", ["-a", "--", "-x"], undefined, {}, "-x\n", "", 0],
  ["'-x'", ["-x"], undefined, {}, "", "basename: invalid option -- 'x'\nTry 'basename --help' for more information.\n", 1],
  ["'-s'", ["-s"], undefined, {}, "", "basename: option requires an argument -- 's'\nTry 'basename --help' for more information.\n", 1],
  ["'\u00e9/\u00fc.txt' '.txt'", ["\u00e9/\u00fc.txt", ".txt"], undefined, {}, "\u00fc\n", "", 0],
  ["'a b/c d'", ["a b/c d"], undefined, {}, "c d\n", "", 0],
  ["'-za' 'a/b' 'c/'", ["-za", "a/b", "c/"], undefined, {}, "b\u0000c\u0000", "", 0],
  ["'dir/' 'r'", ["dir/", "r"], undefined, {}, "di\n", "", 0],
  ["'--multiple' 'a/b' 'c'", ["--multiple", "a/b", "c"], undefined, {}, "b\nc\n", "", 0],
];

describe("basename", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(basename, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});
