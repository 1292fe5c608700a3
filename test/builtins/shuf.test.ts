import { describe, expect, it } from "vitest";
import { shuf } from "../../builtins/shuf.js";
import { runCommand } from "../helpers/command-context.js";
import { decodeUtf8, latin1ToBytes } from "../../src/io/utf8.js";

// Expected outputs recorded from GNU shuf (LC_ALL=C.UTF-8) by running each case for real
// in a directory holding FILES.
const FILES: Record<string, string | Uint8Array> = { "dir/": "", "empty": "", "f1": "a\nb\n", "f2": "3 c\n1 a\n2 b\n", "j1": "a 1\nb 2\nc 3\n", "j2": "a x\nb y\nd z\n", "jc1": "a:1:\nb::2\n", "jc2": "a:x\nb:y\n", "jd1": "a 1\na 2\nb 3\n", "jd2": "a x\na y\n", "jh1": "K V\na 1\n", "jh2": "K W\na 2\n", "jt1": "a\nc\nb\n", "jt2": "a\n", "ju": "b 2\na 1\n", "nonl": "x\ny", "p1": "1\n2\n3\n", "p2": "a\nb", "r15": "qrùß\u000f\u0019¦È\u0001\u0016mé$\u0011", "r16": "\u0016Ð\u0000Õb1¢ðF¥SÖø\u0010\u0010", "s1": "a\nc\ne\n", "s1nonl": "a\nc\ne", "s2": "b\nc\nd\n", "s2nonl": "b\nd\ne", "srt": "a\nb\nc\n", "u1": "a\na\nb\nc\nc\nc\nd\n", "uns1": "a\nc\nb\n", "uns2": "b\na\n", "words": "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n" };
/** Bytes given as a latin1 string (input or output that is not valid UTF-8). */
const bytes = (s: string) => latin1ToBytes(s);
type Case = [string, string[], string | Uint8Array, string | Uint8Array, string, number];
const CASES: Case[] = [
  ["-i x", ["-i","x"], "", "", "shuf: invalid input range: ‘x’\n", 1],
  ["-i 5-1", ["-i","5-1"], "", "", "shuf: invalid input range: ‘5-1’\n", 1],
  ["-i 1-3 -e a", ["-i","1-3","-e","a"], "", "", "shuf: cannot combine -e and -i options\nTry 'shuf --help' for more information.\n", 1],
  ["-n x", ["-n","x"], "", "", "shuf: invalid line count: ‘x’\n", 1],
  ["-n -1", ["-n","-1"], "", "", "shuf: invalid line count: ‘-1’\n", 1],
  ["-i 1-3 foo", ["-i","1-3","foo"], "", "", "shuf: extra operand ‘foo’\nTry 'shuf --help' for more information.\n", 1],
  ["a b", ["a","b"], "", "", "shuf: extra operand ‘b’\nTry 'shuf --help' for more information.\n", 1],
  ["nofile", ["nofile"], "", "", "shuf: nofile: No such file or directory\n", 1],
  ["-e", ["-e"], "", "", "", 0],
  ["-n 0 -e a b", ["-n","0","-e","a","b"], "", "", "", 0],
  ["-i 1-0", ["-i","1-0"], "", "", "", 0],
  ["-i 3-3", ["-i","3-3"], "", "3\n", "", 0],
  ["-r -n 3 -e x", ["-r","-n","3","-e","x"], "", "x\nx\nx\n", "", 0],
  ["-r -e", ["-r","-e"], "", "", "shuf: no lines to repeat\n", 1],
  ["-i 1-5 -i 2-3", ["-i","1-5","-i","2-3"], "", "", "shuf: multiple -i options specified\n", 1],
  ["dir", ["dir"], "", "", "shuf: read error: Is a directory\n", 1],
  ["-i 1-99999999999999999999", ["-i","1-99999999999999999999"], "", "", "shuf: invalid input range: ‘99999999999999999999’: Value too large for defined data type\n", 1],
  ["-i '1 - 3'", ["-i","1 - 3"], "", "", "shuf: invalid input range: ‘1 ’\n", 1],
  ["--random-source=/dev/null -e a b", ["--random-source=/dev/null","-e","a","b"], "", "", "shuf: ‘/dev/null’: end of file\n", 1],
  ["--random-source=/dev/null -e a", ["--random-source=/dev/null","-e","a"], "", "a\n", "", 0],
  ["-e a", ["-e","a"], "", "a\n", "", 0],
  ["(no args) <<< a\\\\n", [], "a\n", "a\n", "", 0],
  ["(no args) <<< a", [], "a", "a\n", "", 0],
  ["empty", ["empty"], "", "", "", 0],
  ["-n 1 -e only", ["-n","1","-e","only"], "", "only\n", "", 0],
  ["-z -e only", ["-z","-e","only"], "", "only\u0000", "", 0],
  ["-Q", ["-Q"], "", "", "shuf: invalid option -- 'Q'\nTry 'shuf --help' for more information.\n", 1],
  ["-i 7-7 -n 5", ["-i","7-7","-n","5"], "", "7\n", "", 0],
  ["-r -i 4-4 -n 2", ["-r","-i","4-4","-n","2"], "", "4\n4\n", "", 0],
  ["-n 0 nofile", ["-n","0","nofile"], "", "", "", 0],
];

const text = (v: string | Uint8Array) => (typeof v === "string" ? v : decodeUtf8(v));

describe("shuf (recorded from GNU)", () => {
  it.each(CASES)("%s", async (_name, args, stdin, stdout, stderr, status) => {
    const r = await runCommand(shuf, { args, stdin, files: FILES });
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout: text(stdout), stderr, status });
  });
});

describe("shuf randomness", () => {
  it("is a seeded permutation of the input", async () => {
    const one = await runCommand(shuf, { args: ["-i", "1-50"], seed: 3 });
    const two = await runCommand(shuf, { args: ["-i", "1-50"], seed: 3 });
    expect(one.stdout).toBe(two.stdout);
    const nums = one.stdout.trim().split("\n").map(Number);
    expect([...nums].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(nums).not.toEqual([...nums].sort((a, b) => a - b));
  });

  it("picks -n distinct lines from a huge range without building it", async () => {
    const r = await runCommand(shuf, { args: ["-i", "1-1000000000000", "-n", "5"] });
    const nums = r.stdout.trim().split("\n").map(Number);
    expect(new Set(nums).size).toBe(5);
    for (const n of nums) expect(n >= 1 && n <= 1e12).toBe(true);
  });

  it("repeats with -r", async () => {
    const r = await runCommand(shuf, { args: ["-r", "-n", "20", "-e", "a", "b"] });
    expect(r.stdout.split("\n").slice(0, -1).every((l) => l === "a" || l === "b")).toBe(true);
    expect(r.stdout.split("\n").length - 1).toBe(20);
  });
});
