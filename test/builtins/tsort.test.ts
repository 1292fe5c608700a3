import { describe, expect, it } from "vitest";
import { tsort } from "../../builtins/tsort.js";
import { runCommand } from "../helpers/command-context.js";
import { decodeUtf8, latin1ToBytes } from "../../src/io/utf8.js";

// Expected outputs recorded from GNU tsort (LC_ALL=C.UTF-8) by running each case for real
// in a directory holding FILES.
const FILES: Record<string, string | Uint8Array> = { "dir/": "", "empty": "", "f1": "a\nb\n", "f2": "3 c\n1 a\n2 b\n", "j1": "a 1\nb 2\nc 3\n", "j2": "a x\nb y\nd z\n", "jc1": "a:1:\nb::2\n", "jc2": "a:x\nb:y\n", "jd1": "a 1\na 2\nb 3\n", "jd2": "a x\na y\n", "jh1": "K V\na 1\n", "jh2": "K W\na 2\n", "jt1": "a\nc\nb\n", "jt2": "a\n", "ju": "b 2\na 1\n", "nonl": "x\ny", "p1": "1\n2\n3\n", "p2": "a\nb", "r15": "qrùß\u000f\u0019¦È\u0001\u0016mé$\u0011", "r16": "\u0016Ð\u0000Õb1¢ðF¥SÖø\u0010\u0010", "s1": "a\nc\ne\n", "s1nonl": "a\nc\ne", "s2": "b\nc\nd\n", "s2nonl": "b\nd\ne", "srt": "a\nb\nc\n", "u1": "a\na\nb\nc\nc\nc\nd\n", "uns1": "a\nc\nb\n", "uns2": "b\na\n", "words": "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n" };
/** Bytes given as a latin1 string (input or output that is not valid UTF-8). */
const bytes = (s: string) => latin1ToBytes(s);
type Case = [string, string[], string | Uint8Array, string | Uint8Array, string, number];
const CASES: Case[] = [
  ["(no args) <<< a b\\\\nb c\\\\n", [], "a b\nb c\n", "a\nb\nc\n", "", 0],
  ["(no args) <<< b c\\\\na b\\\\n", [], "b c\na b\n", "a\nb\nc\n", "", 0],
  ["(no args) <<< a b\\\\nc d\\\\ne f\\\\n", [], "a b\nc d\ne f\n", "a\nc\ne\nb\nd\nf\n", "", 0],
  ["(no args) <<< 3 8\\\\n3 10\\\\n5 11\\\\n7 8\\\\n7 11\\\\n8 9\\\\n11 2\\\\n11 9\\\\n11 10\\\\n", [], "3 8\n3 10\n5 11\n7 8\n7 11\n8 9\n11 2\n11 9\n11 10\n", "3\n5\n7\n11\n8\n10\n2\n9\n", "", 0],
  ["(no args) <<< a b\\\\nb a\\\\n", [], "a b\nb a\n", "a\nb\n", "tsort: -: input contains a loop:\ntsort: a\ntsort: b\n", 1],
  ["(no args) <<< a b\\\\nb c\\\\nc a\\\\n", [], "a b\nb c\nc a\n", "a\nb\nc\n", "tsort: -: input contains a loop:\ntsort: a\ntsort: b\ntsort: c\n", 1],
  ["(no args) <<< a b\\\\nb c\\\\nc a\\\\nd e\\\\ne d\\\\n", [], "a b\nb c\nc a\nd e\ne d\n", "a\nb\nc\nd\ne\n", "tsort: -: input contains a loop:\ntsort: a\ntsort: b\ntsort: c\ntsort: -: input contains a loop:\ntsort: d\ntsort: e\n", 1],
  ["(no args) <<< a b\\\\nb c\\\\nc b\\\\nc d\\\\n", [], "a b\nb c\nc b\nc d\n", "a\nb\nc\nd\n", "tsort: -: input contains a loop:\ntsort: b\ntsort: c\n", 1],
  ["(no args) <<< a a\\\\n", [], "a a\n", "a\n", "", 0],
  ["(no args) <<< a\\\\n", [], "a\n", "", "tsort: -: input contains an odd number of tokens\n", 1],
  ["(no args) <<< a b c\\\\n", [], "a b c\n", "", "tsort: -: input contains an odd number of tokens\n", 1],
  ["(no args)", [], "", "", "", 0],
  ["(no args) <<<   a   b\\\\n\\\\n\\\\tc  d\\\\n", [], "  a   b\n\n\tc  d\n", "a\nc\nb\nd\n", "", 0],
  ["- x <<< a b\\\\n", ["-","x"], "a b\n", "", "tsort: extra operand ‘x’\nTry 'tsort --help' for more information.\n", 1],
  ["nofile", ["nofile"], "", "", "tsort: nofile: No such file or directory\n", 1],
  ["dir", ["dir"], "", "", "", 0],
  ["(no args) <<< é a\\\\nz é\\\\n", [], "é a\nz é\n", "z\né\na\n", "", 0],
  ["(no args) <<< x y\\\\ny z\\\\nx z\\\\nw x\\\\n", [], "x y\ny z\nx z\nw x\n", "w\nx\ny\nz\n", "", 0],
  ["(no args) <<< 1 2\\\\n2 3\\\\n3 1\\\\n3 4\\\\n4 5\\\\n5 3\\\\n", [], "1 2\n2 3\n3 1\n3 4\n4 5\n5 3\n", "4\n5\n1\n2\n3\n", "tsort: -: input contains a loop:\ntsort: 4\ntsort: 5\ntsort: 3\ntsort: -: input contains a loop:\ntsort: 1\ntsort: 2\ntsort: 3\n", 1],
  ["(no args) <<< a b\\\\nb c", [], "a b\nb c", "a\nb\nc\n", "", 0],
  ["(no args) <<< a b\\\\r\\\\nb c\\\\r\\\\n", [], "a b\r\nb c\r\n", "a\nb\nb\r\nc\r\n", "", 0],
];

const text = (v: string | Uint8Array) => (typeof v === "string" ? v : decodeUtf8(v));

describe("tsort (recorded from GNU)", () => {
  it.each(CASES)("%s", async (_name, args, stdin, stdout, stderr, status) => {
    const r = await runCommand(tsort, { args, stdin, files: FILES });
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout: text(stdout), stderr, status });
  });
});
