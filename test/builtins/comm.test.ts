import { describe, expect, it } from "vitest";
import { comm } from "../../builtins/comm.js";
import { runCommand } from "../helpers/command-context.js";
import { decodeUtf8, latin1ToBytes } from "../../src/io/utf8.js";

// Expected outputs recorded from GNU comm (LC_ALL=C.UTF-8) by running each case for real
// in a directory holding FILES.
const FILES: Record<string, string | Uint8Array> = { "dir/": "", "empty": "", "f1": "a\nb\n", "f2": "3 c\n1 a\n2 b\n", "j1": "a 1\nb 2\nc 3\n", "j2": "a x\nb y\nd z\n", "jc1": "a:1:\nb::2\n", "jc2": "a:x\nb:y\n", "jd1": "a 1\na 2\nb 3\n", "jd2": "a x\na y\n", "jh1": "K V\na 1\n", "jh2": "K W\na 2\n", "jt1": "a\nc\nb\n", "jt2": "a\n", "ju": "b 2\na 1\n", "nonl": "x\ny", "out": "b\n", "p1": "1\n2\n3\n", "p2": "a\nb", "r15": "qrùß\u000f\u0019¦È\u0001\u0016mé$\u0011", "r16": "\u0016Ð\u0000Õb1¢ðF¥SÖø\u0010\u0010", "s1": "a\nc\ne\n", "s1nonl": "a\nc\ne", "s2": "b\nc\nd\n", "s2nonl": "b\nd\ne", "srt": "a\nb\nc\n", "u1": "a\na\nb\nc\nc\nc\nd\n", "uns1": "a\nc\nb\n", "uns2": "b\na\n" };
/** Bytes given as a latin1 string (input or output that is not valid UTF-8). */
const bytes = (s: string) => latin1ToBytes(s);
type Case = [string, string[], string | Uint8Array, string | Uint8Array, string, number];
const CASES: Case[] = [
  ["s1 s2", ["s1","s2"], "", "a\n\tb\n\t\tc\n\td\ne\n", "", 0],
  ["uns1 srt", ["uns1","srt"], "", "\t\ta\n\tb\n\t\tc\nb\n", "comm: file 1 is not in sorted order\ncomm: input is not in sorted order\n", 1],
  ["--check-order uns1 srt", ["--check-order","uns1","srt"], "", "\t\ta\n\tb\n\t\tc\n", "comm: file 1 is not in sorted order\n", 1],
  ["--nocheck-order uns1 srt", ["--nocheck-order","uns1","srt"], "", "\t\ta\n\tb\n\t\tc\nb\n", "", 0],
  ["srt srt --check-order", ["srt","srt","--check-order"], "", "\t\ta\n\t\tb\n\t\tc\n", "", 0],
  ["uns2 uns2", ["uns2","uns2"], "", "\t\tb\n\t\ta\n", "", 0],
  ["uns2 uns2 --check-order", ["uns2","uns2","--check-order"], "", "\t\tb\n", "comm: file 1 is not in sorted order\n", 1],
  ["uns1 uns2", ["uns1","uns2"], "", "a\n\tb\n\ta\nc\nb\n", "comm: file 2 is not in sorted order\ncomm: file 1 is not in sorted order\ncomm: input is not in sorted order\n", 1],
  ["--output-delimiter=:: s1 s2", ["--output-delimiter=::","s1","s2"], "", "a\n::b\n::::c\n::d\ne\n", "", 0],
  ["--output-delimiter=:: --output-delimiter=, s1 s2", ["--output-delimiter=::","--output-delimiter=,","s1","s2"], "", "", "comm: multiple output delimiters specified\n", 1],
  ["--output-delimiter=:: --output-delimiter=:: s1 s2", ["--output-delimiter=::","--output-delimiter=::","s1","s2"], "", "a\n::b\n::::c\n::d\ne\n", "", 0],
  ["-12 s1 s2", ["-12","s1","s2"], "", "c\n", "", 0],
  ["-3 s1 s2", ["-3","s1","s2"], "", "a\n\tb\n\td\ne\n", "", 0],
  ["-1 s1 s2", ["-1","s1","s2"], "", "b\n\tc\nd\n", "", 0],
  ["-2 s1 s2", ["-2","s1","s2"], "", "a\n\tc\ne\n", "", 0],
  ["-23 s1 s2", ["-23","s1","s2"], "", "a\ne\n", "", 0],
  ["-13 s1 s2", ["-13","s1","s2"], "", "b\nd\n", "", 0],
  ["-123 s1 s2", ["-123","s1","s2"], "", "", "", 0],
  ["--total s1 s2", ["--total","s1","s2"], "", "a\n\tb\n\t\tc\n\td\ne\n2\t2\t1\ttotal\n", "", 0],
  ["--total -123 s1 s2", ["--total","-123","s1","s2"], "", "2\t2\t1\ttotal\n", "", 0],
  ["--total --output-delimiter=, s1 s2", ["--total","--output-delimiter=,","s1","s2"], "", "a\n,b\n,,c\n,d\ne\n2,2,1,total\n", "", 0],
  ["s1", ["s1"], "", "", "comm: missing operand after ‘s1’\nTry 'comm --help' for more information.\n", 1],
  ["(no args)", [], "", "", "comm: missing operand\nTry 'comm --help' for more information.\n", 1],
  ["s1 s2 s1", ["s1","s2","s1"], "", "", "comm: extra operand ‘s1’\nTry 'comm --help' for more information.\n", 1],
  ["nofile s1", ["nofile","s1"], "", "", "comm: nofile: No such file or directory\n", 1],
  ["s1 nofile", ["s1","nofile"], "", "", "comm: nofile: No such file or directory\n", 1],
  ["--output-delimiter= s1 s2", ["--output-delimiter=","s1","s2"], "", "a\n\u0000b\n\u0000\u0000c\n\u0000d\ne\n", "", 0],
  ["s1 s2nonl", ["s1","s2nonl"], "", "a\n\tb\nc\n\td\n\t\te\n", "", 0],
  ["s1nonl s2", ["s1nonl","s2"], "", "a\n\tb\n\t\tc\n\td\ne\n", "", 0],
  ["s1 - <<< b\\\\nc\\\\nz\\\\n", ["s1","-"], "b\nc\nz\n", "a\n\tb\n\t\tc\ne\n\tz\n", "", 0],
  ["- s1 <<< b\\\\nc\\\\nz\\\\n", ["-","s1"], "b\nc\nz\n", "\ta\nb\n\t\tc\n\te\nz\n", "", 0],
  ["empty s1", ["empty","s1"], "", "\ta\n\tc\n\te\n", "", 0],
  ["s1 empty", ["s1","empty"], "", "a\nc\ne\n", "", 0],
  ["empty empty", ["empty","empty"], "", "", "", 0],
  ["-z - empty <<< a\\\\0c\\\\0", ["-z","-","empty"], "a\u0000c\u0000", "a\u0000c\u0000", "", 0],
  ["dir s1", ["dir","s1"], "", "", "comm: dir: Is a directory\n", 1],
  ["-Q s1 s2", ["-Q","s1","s2"], "", "", "comm: invalid option -- 'Q'\nTry 'comm --help' for more information.\n", 1],
  ["--foo s1 s2", ["--foo","s1","s2"], "", "", "comm: unrecognized option '--foo'\nTry 'comm --help' for more information.\n", 1],
  ["s1 s2 --check-order --nocheck-order", ["s1","s2","--check-order","--nocheck-order"], "", "a\n\tb\n\t\tc\n\td\ne\n", "", 0],
  ["- s1 <<< é\\\\nz\\\\n", ["-","s1"], "é\nz\n", "\ta\n\tc\n\te\né\nz\n", "comm: file 1 is not in sorted order\ncomm: input is not in sorted order\n", 1],
];

const text = (v: string | Uint8Array) => (typeof v === "string" ? v : decodeUtf8(v));

describe("comm (recorded from GNU)", () => {
  it.each(CASES)("%s", async (_name, args, stdin, stdout, stderr, status) => {
    const r = await runCommand(comm, { args, stdin, files: FILES });
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout: text(stdout), stderr, status });
  });
});
