import { describe, expect, it } from "vitest";
import { tail } from "../../builtins/tail.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU tail (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["default 10 lines", [], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", {}, "3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "", 0],
  ["-n 3", ["-n", "3"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "8\n9\n10\n", "", 0],
  ["-n3", ["-n3"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "8\n9\n10\n", "", 0],
  ["-n -3", ["-n", "-3"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "8\n9\n10\n", "", 0],
  ["-n +8", ["-n", "+8"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "8\n9\n10\n", "", 0],
  ["-n +0", ["-n", "+0"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "", 0],
  ["-n 0", ["-n", "0"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "", 0],
  ["-c 5", ["-c", "5"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "9\n10\n", "", 0],
  ["-c +18", ["-c", "+18"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "\n10\n", "", 0],
  ["-c 1K of less", ["-c", "1K"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "", 0],
  ["-3 obsolete", ["-3"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "8\n9\n10\n", "", 0],
  ["+8 obsolete", ["+8"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "8\n9\n10\n", "", 0],
  ["-2c obsolete", ["-2c"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "0\n", "", 0],
  ["+18c obsolete", ["+18c"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "\n10\n", "", 0],
  ["-3l obsolete", ["-3l"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "8\n9\n10\n", "", 0],
  ["-2b obsolete", ["-2b"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "", 0],
  ["-b obsolete", ["-b"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "", 0],
  ["+ obsolete", ["+"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "10\n", "", 0],
  ["obsolete with file", ["-2", "a"], undefined, {"a": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"}, "9\n10\n", "", 0],
  ["obsolete not with two files", ["-2", "a", "a"], undefined, {"a": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"}, "", "tail: option used in invalid context -- 2\n", 1],
  ["+x is a file", ["+x", "a"], undefined, {"a": "1\n"}, "==> a <==\n1\n", "tail: cannot open '+x' for reading: No such file or directory\n", 1],
  ["obsolete overflow", ["-99999999999999999999999"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "tail: invalid number: \u2018-99999999999999999999999\u2019: Numerical result out of range\n", 1],
  ["unterminated last line", ["-n", "2"], "a\nb\nc", {}, "b\nc", "", 0],
  ["unterminated -n 1", ["-n1"], "a\nb", {}, "b", "", 0],
  ["-z", ["-z", "-n", "2"], "a\u0000b\u0000c\u0000", {}, "b\u0000c\u0000", "", 0],
  ["two files", ["-n", "1", "a", "b"], undefined, {"a": "1\n2\n", "b": "x\ny\n"}, "==> a <==\n2\n\n==> b <==\ny\n", "", 0],
  ["-q", ["-q", "-n1", "a", "b"], undefined, {"a": "1\n2\n", "b": "x\ny\n"}, "2\ny\n", "", 0],
  ["-v", ["-v", "-n1", "a"], undefined, {"a": "1\n2\n"}, "==> a <==\n2\n", "", 0],
  ["stdin named", ["-n1", "-", "a"], "s\n", {"a": "1\n2\n"}, "==> standard input <==\ns\n\n==> a <==\n2\n", "", 0],
  ["missing", ["x", "a"], undefined, {"a": "1\n"}, "==> a <==\n1\n", "tail: cannot open 'x' for reading: No such file or directory\n", 1],
  ["directory", ["d", "a"], undefined, {"a": "1\n", "d/": ""}, "==> d <==\n\n==> a <==\n1\n", "tail: error reading 'd': Is a directory\n", 1],
  ["invalid number", ["-n", "x"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "tail: invalid number of lines: \u2018x\u2019\n", 1],
  ["invalid bytes", ["-c", "1Q"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "tail: invalid number of bytes: \u20181Q\u2019\n", 1],
  ["digit in invalid context", ["-n", "2", "-3"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "tail: option used in invalid context -- 3\n", 1],
  ["-f on pipe", ["-f"], "x\ny\n", {}, "x\ny\n", "", 0],
  ["-f -n1 on pipe", ["-fn1"], "x\ny\n", {}, "y\n", "", 0],
  ["-f missing", ["-f", "nope"], undefined, {}, "", "tail: cannot open 'nope' for reading: No such file or directory\ntail: no files remaining\n", 1],
  ["-f missing and stdin", ["-f", "nope", "-"], "y\n", {}, "==> standard input <==\ny\n", "tail: cannot open 'nope' for reading: No such file or directory\ntail: no files remaining\n", 1],
  ["-F on stdin", ["-F"], "x\n", {}, "", "tail: cannot follow '-' by name\n", 1],
  ["--follow=name stdin", ["--follow=name"], "x\n", {}, "", "tail: cannot follow '-' by name\n", 1],
  ["--follow=foo", ["--follow=foo"], "x\n", {}, "", "tail: invalid argument \u2018foo\u2019 for \u2018--follow\u2019\nValid arguments are:\n  - \u2018descriptor\u2019\n  - \u2018name\u2019\nTry 'tail --help' for more information.\n", 1],
  ["--follow=d", ["--follow=d"], "x\n", {}, "x\n", "", 0],
  ["-s x", ["-s", "x"], "x\n", {}, "", "tail: invalid number of seconds: \u2018x\u2019\n", 1],
  ["--pid=x", ["--pid=x"], "x\n", {}, "", "tail: invalid PID: \u2018x\u2019\n", 1],
  ["--retry warning", ["--retry"], "a\n", {}, "a\n", "tail: warning: --retry ignored; --retry is useful only when following\n", 0],
  ["empty", [], "", {}, "", "", 0],
  ["only newlines", ["-n", "2"], "\n\n\n\n", {}, "\n\n", "", 0],
  ["CRLF", ["-n", "1"], "a\r\nb\r\n", {}, "b\r\n", "", 0],
  ["binary", ["-c", "3"], new Uint8Array([0,255,254,128]), {}, "\udcff\udcfe\udc80", "", 0],
  ["utf8 split", ["-c", "1"], "\u00e9", {}, "\udca9", "", 0],
  ["-c -0", ["-c", "-0"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "", 0],
  ["huge count", ["-n", "18446744073709551615"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "", 0],
  ["-n overflow", ["-n", "18446744073709551616"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "tail: invalid number of lines: \u201818446744073709551616\u2019: Value too large for defined data type\n", 1],
  ["missing arg", ["-n"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "tail: option requires an argument -- 'n'\nTry 'tail --help' for more information.\n", 1],
];

describe("tail", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(tail, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});

describe("tail over many chunks", () => {
  const big = Array.from({ length: 100000 }, (_, i) => `${i + 1}\n`).join("");
  // Outputs of `seq 100000 | tail ...` from GNU tail.
  const cases: Array<[string[], string]> = [
    [["-n", "3"], "99998\n99999\n100000\n"],
    [["-c", "9"], "9\n100000\n"],
    [["-n", "+99999"], "99999\n100000\n"],
    [["-c", "+588888"], "\n100000\n"],
  ];
  for (const [args, expected] of cases) {
    it(args.join(" "), async () => {
      expect((await runCommand(tail, { args, stdin: big })).stdout).toBe(expected);
      expect((await runCommand(tail, { args: [...args, "big"], files: { big } })).stdout).toBe(expected);
    });
  }
  it("-n 20000 spans chunks", async () => {
    const r = await runCommand(tail, { args: ["-n", "20000"], stdin: big });
    expect(r.stdout.length).toBe(120001); // `seq 100000 | tail -n 20000 | wc -c`
    expect(r.stdout.startsWith("80001\n")).toBe(true);
  });
});
