import { describe, expect, it } from "vitest";
import { head } from "../../builtins/head.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU head (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["default 10 lines", [], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", {}, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "", 0],
  ["-n 3", ["-n", "3"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n", "", 0],
  ["-n3 attached", ["-n3"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n", "", 0],
  ["--lines=2", ["--lines=2"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n", "", 0],
  ["-3 obsolete", ["-3"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n", "", 0],
  ["-2c obsolete bytes", ["-2c"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n", "", 0],
  ["-c 5", ["-c", "5"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3", "", 0],
  ["-c 1K", ["-c", "1K"], "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", {}, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "", 0],
  ["-c 1KB", ["-c", "1KB"], "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", {}, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "", 0],
  ["-n -3 all but last", ["-n", "-3"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n4\n5\n6\n7\n", "", 0],
  ["-n -1 unterminated", ["-n", "-1"], "a\nb\nc", {}, "a\nb\n", "", 0],
  ["-n -0", ["-n", "-0"], "a\nb\nc", {}, "a\nb\nc", "", 0],
  ["-n -20 more than all", ["-n", "-20"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "", 0],
  ["-c -15", ["-c", "-15"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n", "", 0],
  ["-c -100", ["-c", "-100"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "", 0],
  ["-n 0", ["-n", "0"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "", 0],
  ["-z", ["-z", "-n", "2"], "a\u0000b\u0000c\u0000", {}, "a\u0000b\u0000", "", 0],
  ["no trailing newline", ["-n", "5"], "a\nb", {}, "a\nb", "", 0],
  ["two files headers", ["-n", "1", "a", "b"], undefined, {"a": "1\n2\n", "b": "x\ny\n"}, "==> a <==\n1\n\n==> b <==\nx\n", "", 0],
  ["-q two files", ["-q", "-n", "1", "a", "b"], undefined, {"a": "1\n2\n", "b": "x\ny\n"}, "1\nx\n", "", 0],
  ["-v one file", ["-v", "-n", "1", "a"], undefined, {"a": "1\n2\n"}, "==> a <==\n1\n", "", 0],
  ["-q -v last wins", ["-q", "-v", "-n1", "a"], undefined, {"a": "1\n2\n"}, "==> a <==\n1\n", "", 0],
  ["stdin dash header", ["-n1", "-", "a"], "s\n", {"a": "1\n2\n"}, "==> standard input <==\ns\n\n==> a <==\n1\n", "", 0],
  ["missing file", ["-n1", "x", "a"], undefined, {"a": "1\n2\n"}, "==> a <==\n1\n", "head: cannot open 'x' for reading: No such file or directory\n", 1],
  ["directory", ["-n1", "d", "a"], undefined, {"a": "1\n2\n", "d/": ""}, "==> d <==\n\n==> a <==\n1\n", "head: error reading 'd': Is a directory\n", 1],
  ["missing then dir", ["x", "d"], undefined, {"d/": ""}, "==> d <==\n", "head: cannot open 'x' for reading: No such file or directory\nhead: error reading 'd': Is a directory\n", 1],
  ["invalid lines", ["-n", "x"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "head: invalid number of lines: \u2018x\u2019\n", 1],
  ["invalid bytes", ["-c", "1B"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "head: invalid number of bytes: \u20181B\u2019\n", 1],
  ["overflow", ["-n", "99999999999999999999999"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "head: invalid number of lines: \u201899999999999999999999999\u2019: Value too large for defined data type\n", 1],
  ["huge ok", ["-n", "18446744073709551615"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "", 0],
  ["empty number", ["-n", ""], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "head: invalid number of lines: \u2018\u2019\n", 1],
  ["invalid option", ["-x"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "head: invalid option -- 'x'\nTry 'head --help' for more information.\n", 1],
  ["missing argument", ["-n"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "head: option requires an argument -- 'n'\nTry 'head --help' for more information.\n", 1],
  ["trailing digit option", ["-n", "3", "-5"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "head: invalid trailing option -- 5\nTry 'head --help' for more information.\n", 1],
  ["obsolete bad trailing", ["-3x"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "head: invalid trailing option -- x\nTry 'head --help' for more information.\n", 1],
  ["last of -n -c wins", ["--lines=2", "--bytes=3"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "1\n2", "", 0],
  ["binary bytes", ["-c", "4"], new Uint8Array([255,254,0,1,2]), {}, "\udcff\udcfe\u0000\u0001", "", 0],
  ["CRLF lines", ["-n", "1"], "a\r\nb\r\n", {}, "a\r\n", "", 0],
  ["utf8 bytes split", ["-c", "2"], "\u00e9\u20ac", {}, "\u00e9", "", 0],
  ["empty input", [], "", {}, "", "", 0],
  ["--silent prefix", ["--si", "-n1", "a", "a"], undefined, {"a": "1\n2\n"}, "1\n1\n", "", 0],
  ["quoted name", ["a b"], undefined, {}, "", "head: cannot open 'a b' for reading: No such file or directory\n", 1],
  ["obsolete with q", ["-1q", "a", "a"], undefined, {"a": "1\n2\n"}, "1\n1\n", "", 0],
  ["obsolete -1v", ["-1v"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "==> standard input <==\n1\n", "", 0],
  ["unknown long", ["--foo"], "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", {}, "", "head: unrecognized option '--foo'\nTry 'head --help' for more information.\n", 1],
];

describe("head", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(head, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});

describe("head over many chunks", () => {
  const big = Array.from({ length: 100000 }, (_, i) => `${i + 1}\n`).join("");
  // Outputs of `seq 100000 | head ...` from GNU head.
  it("-n -99997 from a file", async () => {
    const r = await runCommand(head, { args: ["-n", "-99997", "big"], files: { big } });
    expect(r.stdout).toBe("1\n2\n3\n");
  });
  it("-c -588888 from stdin", async () => {
    const r = await runCommand(head, { args: ["-c", "-588888"], stdin: big });
    expect(r.stdout).toBe("1\n2\n3\n4");
  });
  it("-n -99998 unterminated", async () => {
    const r = await runCommand(head, { args: ["-n", "-99998"], stdin: big.slice(0, -1) });
    expect(r.stdout).toBe("1\n2\n");
  });
});

describe("head streaming", () => {
  it("stops reading an endless stdin once it has its lines", async () => {
    const { makeContext } = await import("../helpers/command-context.js");
    const u = makeContext({ name: "head", args: ["-n", "2"] });
    let reads = 0;
    let closed = false;
    u.ctx.stdin = {
      async read() {
        reads++;
        return new TextEncoder().encode("y\n".repeat(1000));
      },
      close() {
        closed = true;
      },
    };
    expect(await head.run(u.ctx)).toBe(0);
    expect(u.stdout()).toBe("y\ny\n");
    expect(reads).toBe(1);
    expect(closed).toBe(false);
  });
});
