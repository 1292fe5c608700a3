import { describe, expect, it } from "vitest";
import { uniq } from "../../builtins/uniq.js";
import { runCommand } from "../helpers/command-context.js";
import { decodeUtf8, latin1ToBytes } from "../../src/io/utf8.js";

// Expected outputs recorded from GNU uniq (LC_ALL=C.UTF-8) by running each case for real
// in a directory holding FILES.
const FILES: Record<string, string | Uint8Array> = { "dir/": "", "f1": "a\nb\n", "f2": "3 c\n1 a\n2 b\n", "nonl": "x\ny", "out": "b\n", "r15": "qrùß\u000f\u0019¦È\u0001\u0016mé$\u0011", "r16": "\u0016Ð\u0000Õb1¢ðF¥SÖø\u0010\u0010", "s1": "a\nc\ne\n", "s2": "b\nc\nd\n", "u1": "a\na\nb\nc\nc\nc\nd\n" };
/** Bytes given as a latin1 string (input or output that is not valid UTF-8). */
const bytes = (s: string) => latin1ToBytes(s);
type Case = [string, string[], string | Uint8Array, string | Uint8Array, string, number];
const CASES: Case[] = [
  ["(no args) <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", [], "a\na\nb\nc\nc\nc\nd\n", "a\nb\nc\nd\n", "", 0],
  ["--group <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--group"], "a\na\nb\nc\nc\nc\nd\n", "a\na\n\nb\n\nc\nc\nc\n\nd\n", "", 0],
  ["--group=prepend <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--group=prepend"], "a\na\nb\nc\nc\nc\nd\n", "\na\na\n\nb\n\nc\nc\nc\n\nd\n", "", 0],
  ["--group=append <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--group=append"], "a\na\nb\nc\nc\nc\nd\n", "a\na\n\nb\n\nc\nc\nc\n\nd\n\n", "", 0],
  ["--group=both <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--group=both"], "a\na\nb\nc\nc\nc\nd\n", "\na\na\n\nb\n\nc\nc\nc\n\nd\n\n", "", 0],
  ["--group=sep <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--group=sep"], "a\na\nb\nc\nc\nc\nd\n", "a\na\n\nb\n\nc\nc\nc\n\nd\n", "", 0],
  ["--group= <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--group="], "a\na\nb\nc\nc\nc\nd\n", "", "uniq: ambiguous argument ‘’ for ‘--group’\nValid arguments are:\n  - ‘prepend’\n  - ‘append’\n  - ‘separate’\n  - ‘both’\nTry 'uniq --help' for more information.\n", 1],
  ["--group=x <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--group=x"], "a\na\nb\nc\nc\nc\nd\n", "", "uniq: invalid argument ‘x’ for ‘--group’\nValid arguments are:\n  - ‘prepend’\n  - ‘append’\n  - ‘separate’\n  - ‘both’\nTry 'uniq --help' for more information.\n", 1],
  ["-D <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-D"], "a\na\nb\nc\nc\nc\nd\n", "a\na\nc\nc\nc\n", "", 0],
  ["--all-repeated=prepend <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--all-repeated=prepend"], "a\na\nb\nc\nc\nc\nd\n", "\na\na\n\nc\nc\nc\n", "", 0],
  ["--all-repeated=separate <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--all-repeated=separate"], "a\na\nb\nc\nc\nc\nd\n", "a\na\n\nc\nc\nc\n", "", 0],
  ["--all-repeated=none <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--all-repeated=none"], "a\na\nb\nc\nc\nc\nd\n", "a\na\nc\nc\nc\n", "", 0],
  ["--all-repeated= <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--all-repeated="], "a\na\nb\nc\nc\nc\nd\n", "", "uniq: ambiguous argument ‘’ for ‘--all-repeated’\nValid arguments are:\n  - ‘none’\n  - ‘prepend’\n  - ‘separate’\nTry 'uniq --help' for more information.\n", 1],
  ["-d <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-d"], "a\na\nb\nc\nc\nc\nd\n", "a\nc\n", "", 0],
  ["-u <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-u"], "a\na\nb\nc\nc\nc\nd\n", "b\nd\n", "", 0],
  ["-c <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-c"], "a\na\nb\nc\nc\nc\nd\n", "      2 a\n      1 b\n      3 c\n      1 d\n", "", 0],
  ["-dc <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-dc"], "a\na\nb\nc\nc\nc\nd\n", "      2 a\n      3 c\n", "", 0],
  ["-uc <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-uc"], "a\na\nb\nc\nc\nc\nd\n", "      1 b\n      1 d\n", "", 0],
  ["-du <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-du"], "a\na\nb\nc\nc\nc\nd\n", "", "", 0],
  ["-cD <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-cD"], "a\na\nb\nc\nc\nc\nd\n", "", "uniq: printing all duplicated lines and repeat counts is meaningless\nTry 'uniq --help' for more information.\n", 1],
  ["--group -c <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--group","-c"], "a\na\nb\nc\nc\nc\nd\n", "", "uniq: --group is mutually exclusive with -c/-d/-D/-u\nTry 'uniq --help' for more information.\n", 1],
  ["--group -u <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["--group","-u"], "a\na\nb\nc\nc\nc\nd\n", "", "uniq: --group is mutually exclusive with -c/-d/-D/-u\nTry 'uniq --help' for more information.\n", 1],
  ["-D -u <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-D","-u"], "a\na\nb\nc\nc\nc\nd\n", "a\nc\nc\n", "", 0],
  ["-D -d <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-D","-d"], "a\na\nb\nc\nc\nc\nd\n", "a\na\nc\nc\nc\n", "", 0],
  ["-Dc <<< a\\\\na\\\\nb\\\\nc\\\\nc\\\\nc\\\\nd\\\\n", ["-Dc"], "a\na\nb\nc\nc\nc\nd\n", "", "uniq: printing all duplicated lines and repeat counts is meaningless\nTry 'uniq --help' for more information.\n", 1],
  ["-i <<< a\\\\nA\\\\n", ["-i"], "a\nA\n", "a\n", "", 0],
  ["-i -c <<< a\\\\nA\\\\n", ["-i","-c"], "a\nA\n", "      2 a\n", "", 0],
  ["(no args) <<< a\\\\nA\\\\nb\\\\n", [], "a\nA\nb\n", "a\nA\nb\n", "", 0],
  ["-f1 -c <<< a\\\\t x\\\\nb  x\\\\n", ["-f1","-c"], "a\t x\nb  x\n", "      1 a\t x\n      1 b  x\n", "", 0],
  ["-f1 -c <<< a x\\\\nb x\\\\n", ["-f1","-c"], "a x\nb x\n", "      2 a x\n", "", 0],
  ["-f 1 <<< a x\\\\nb x\\\\n", ["-f","1"], "a x\nb x\n", "a x\n", "", 0],
  ["-1 <<< a x\\\\nb x\\\\n", ["-1"], "a x\nb x\n", "a x\n", "", 0],
  ["+1 <<< ab\\\\ncb\\\\n", ["+1"], "ab\ncb\n", "ab\n", "", 0],
  ["-s1 <<< ab\\\\ncb\\\\n", ["-s1"], "ab\ncb\n", "ab\n", "", 0],
  ["-s 1 -c <<< ab\\\\ncb\\\\n", ["-s","1","-c"], "ab\ncb\n", "      2 ab\n", "", 0],
  ["-w2 <<< abc\\\\nabd\\\\n", ["-w2"], "abc\nabd\n", "abc\n", "", 0],
  ["-w 2 -c <<< abc\\\\nabd\\\\n", ["-w","2","-c"], "abc\nabd\n", "      2 abc\n", "", 0],
  ["--check-chars=2 <<< abc\\\\nabd\\\\n", ["--check-chars=2"], "abc\nabd\n", "abc\n", "", 0],
  ["-w0 <<< abc\\\\nabd\\\\n", ["-w0"], "abc\nabd\n", "abc\n", "", 0],
  ["-s1 -w2 -c <<< xabc\\\\nyabd\\\\n", ["-s1","-w2","-c"], "xabc\nyabd\n", "      2 xabc\n", "", 0],
  ["-f x", ["-f","x"], "", "", "uniq: x: invalid number of fields to skip\n", 1],
  ["-s x", ["-s","x"], "", "", "uniq: x: invalid number of bytes to skip\n", 1],
  ["-w x", ["-w","x"], "", "", "uniq: x: invalid number of bytes to compare\n", 1],
  ["-w -1", ["-w","-1"], "", "", "uniq: -1: invalid number of bytes to compare\n", 1],
  ["-f 99999999999999999999999", ["-f","99999999999999999999999"], "", "", "", 0],
  ["a b c <<< a\\\\nb\\\\n", ["a","b","c"], "a\nb\n", "", "uniq: extra operand ‘c’\nTry 'uniq --help' for more information.\n", 1],
  ["nofile", ["nofile"], "", "", "uniq: nofile: No such file or directory\n", 1],
  ["- /nonexist/x <<< a\\\\n", ["-","/nonexist/x"], "a\n", "", "uniq: /nonexist/x: No such file or directory\n", 1],
  ["(no args) <<< a\\\\na", [], "a\na", "a\n", "", 0],
  ["-c <<< a\\\\na", ["-c"], "a\na", "      2 a\n", "", 0],
  ["-z <<< a\\\\0a\\\\0b", ["-z"], "a\u0000a\u0000b", "a\u0000b\u0000", "", 0],
  ["-z -f1 <<< a\\\\nx\\\\0b\\\\nx\\\\0", ["-z","-f1"], "a\nx\u0000b\nx\u0000", "a\nx\u0000", "", 0],
  ["-f1 <<< a\\\\vx\\\\nb\\\\vx\\\\n", ["-f1"], "a\u000bx\nb\u000bx\n", "a\u000bx\n", "", 0],
  ["-w1 -c <<< éa\\\\néb\\\\n", ["-w1","-c"], "éa\néb\n", "      2 éa\n", "", 0],
  ["-s1 -w2 -c <<< xéa\\\\nyéb\\\\n", ["-s1","-w2","-c"], "xéa\nyéb\n", "      2 xéa\n", "", 0],
  ["(no args)", [], "", "", "", 0],
  ["-c <<< \\\\n\\\\n\\\\n", ["-c"], "\n\n\n", "      3 \n", "", 0],
  ["dir", ["dir"], "", "", "uniq: error reading 'dir'\n", 1],
  ["f1", ["f1"], "", "a\nb\n", "", 0],
  ["nonl", ["nonl"], "", "x\ny\n", "", 0],
  ["- out <<< b\\\\nb\\\\n", ["-","out"], "b\nb\n", "", "", 0],
  ["-Q", ["-Q"], "", "", "uniq: invalid option -- 'Q'\nTry 'uniq --help' for more information.\n", 1],
  ["--foo", ["--foo"], "", "", "uniq: unrecognized option '--foo'\nTry 'uniq --help' for more information.\n", 1],
  ["-f", ["-f"], "", "", "uniq: option requires an argument -- 'f'\nTry 'uniq --help' for more information.\n", 1],
  ["-c <<< a\\\\r\\\\na\\\\nA\\\\r\\\\n", ["-c"], "a\r\na\nA\r\n", "      1 a\r\n      1 a\n      1 A\r\n", "", 0],
  ["-ci <<< a\\\\r\\\\na\\\\nA\\\\r\\\\n", ["-ci"], "a\r\na\nA\r\n", "      1 a\r\n      1 a\n      1 A\r\n", "", 0],
  ["-D --all-repeated=separate <<< a\\\\na\\\\nb\\\\nb\\\\nc\\\\n", ["-D","--all-repeated=separate"], "a\na\nb\nb\nc\n", "a\na\n\nb\nb\n", "", 0],
  ["--all-repeated=separate <<< a\\\\na\\\\nb\\\\nb\\\\nc\\\\nc\\\\n", ["--all-repeated=separate"], "a\na\nb\nb\nc\nc\n", "a\na\n\nb\nb\n\nc\nc\n", "", 0],
  ["--all-repeated=prepend -s1 <<< a\\\\na\\\\nb\\\\nb\\\\nc\\\\nc\\\\n", ["--all-repeated=prepend","-s1"], "a\na\nb\nb\nc\nc\n", "\na\na\nb\nb\nc\nc\n", "", 0],
];

const text = (v: string | Uint8Array) => (typeof v === "string" ? v : decodeUtf8(v));

describe("uniq (recorded from GNU)", () => {
  it.each(CASES)("%s", async (_name, args, stdin, stdout, stderr, status) => {
    const r = await runCommand(uniq, { args, stdin, files: FILES });
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout: text(stdout), stderr, status });
  });
});
