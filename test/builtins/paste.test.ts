import { describe, expect, it } from "vitest";
import { paste } from "../../builtins/paste.js";
import { runCommand } from "../helpers/command-context.js";
import { decodeUtf8, latin1ToBytes } from "../../src/io/utf8.js";

// Expected outputs recorded from GNU paste (LC_ALL=C.UTF-8) by running each case for real
// in a directory holding FILES.
const FILES: Record<string, string | Uint8Array> = { "dir/": "", "empty": "", "f1": "a\nb\n", "f2": "3 c\n1 a\n2 b\n", "j1": "a 1\nb 2\nc 3\n", "j2": "a x\nb y\nd z\n", "jc1": "a:1:\nb::2\n", "jc2": "a:x\nb:y\n", "jd1": "a 1\na 2\nb 3\n", "jd2": "a x\na y\n", "jh1": "K V\na 1\n", "jh2": "K W\na 2\n", "jt1": "a\nc\nb\n", "jt2": "a\n", "ju": "b 2\na 1\n", "nonl": "x\ny", "out": "b\n", "p1": "1\n2\n3\n", "p2": "a\nb", "r15": "qrùß\u000f\u0019¦È\u0001\u0016mé$\u0011", "r16": "\u0016Ð\u0000Õb1¢ðF¥SÖø\u0010\u0010", "s1": "a\nc\ne\n", "s1nonl": "a\nc\ne", "s2": "b\nc\nd\n", "s2nonl": "b\nd\ne", "srt": "a\nb\nc\n", "u1": "a\na\nb\nc\nc\nc\nd\n", "uns1": "a\nc\nb\n", "uns2": "b\na\n" };
/** Bytes given as a latin1 string (input or output that is not valid UTF-8). */
const bytes = (s: string) => latin1ToBytes(s);
type Case = [string, string[], string | Uint8Array, string | Uint8Array, string, number];
const CASES: Case[] = [
  ["p1 p2", ["p1","p2"], "", "1\ta\n2\tb\n3\t\n", "", 0],
  ["-d '' p1 p2", ["-d","","p1","p2"], "", "1a\n2b\n3\n", "", 0],
  ["-d '\\0' p1 p2", ["-d","\\0","p1","p2"], "", "1a\n2b\n3\n", "", 0],
  ["-d 'x\\' p1 p2", ["-d","x\\","p1","p2"], "", "", "paste: delimiter list ends with an unescaped backslash: x\\\n", 1],
  ["-d ':,' p1 p2 p1", ["-d",":,","p1","p2","p1"], "", "1:a,1\n2:b,2\n3:,3\n", "", 0],
  ["-s p1 p2", ["-s","p1","p2"], "", "1\t2\t3\na\tb\n", "", 0],
  ["-s -d ',' p1 p2", ["-s","-d",",","p1","p2"], "", "1,2,3\na,b\n", "", 0],
  ["-s empty", ["-s","empty"], "", "\n", "", 0],
  ["empty", ["empty"], "", "", "", 0],
  ["p1 empty p2", ["p1","empty","p2"], "", "1\t\ta\n2\t\tb\n3\t\t\n", "", 0],
  ["- - <<< x\\\\ny\\\\nz\\\\nw\\\\n", ["-","-"], "x\ny\nz\nw\n", "x\ty\nz\tw\n", "", 0],
  ["- p1 - <<< x\\\\ny\\\\nz\\\\n", ["-","p1","-"], "x\ny\nz\n", "x\t1\ty\nz\t2\t\n\t3\t\n", "", 0],
  ["- - - <<< x\\\\ny\\\\nz\\\\n", ["-","-","-"], "x\ny\nz\n", "x\ty\tz\n", "", 0],
  ["-s - p1 <<< x\\\\ny\\\\nz\\\\n", ["-s","-","p1"], "x\ny\nz\n", "x\ty\tz\n1\t2\t3\n", "", 0],
  ["-s -d '\\n' - p1 <<< x\\\\ny\\\\nz\\\\n", ["-s","-d","\\n","-","p1"], "x\ny\nz\n", "x\ny\nz\n1\n2\n3\n", "", 0],
  ["p1 nofile", ["p1","nofile"], "", "", "paste: nofile: No such file or directory\n", 1],
  ["-s nofile p1", ["-s","nofile","p1"], "", "1\t2\t3\n", "paste: nofile: No such file or directory\n", 1],
  ["-d '\\t\\\\\\n\\z' p1 p2 p1 p1 p1", ["-d","\\t\\\\\\n\\z","p1","p2","p1","p1","p1"], "", "1\ta\\1\n1z1\n2\tb\\2\n2z2\n3\t\\3\n3z3\n", "", 0],
  ["-s -d '' p1", ["-s","-d","","p1"], "", "123\n", "", 0],
  ["-z p1", ["-z","p1"], "", "1\n2\n3\n\u0000", "", 0],
  ["-z - - <<< a\\\\0b\\\\0", ["-z","-","-"], "a\u0000b\u0000", "a\tb\u0000", "", 0],
  ["-z -s - <<< a\\\\0b\\\\0", ["-z","-s","-"], "a\u0000b\u0000", "a\tb\u0000", "", 0],
  ["-d é p1 p2 p1", ["-d","é","p1","p2","p1"], "", bytes("1Ãa©1\n2Ãb©2\n3Ã©3\n"), "", 0],
  ["-s -d é p1", ["-s","-d","é","p1"], "", bytes("1Ã2©3\n"), "", 0],
  ["p1 dir", ["p1","dir"], "", "1\t\n2\t\n3\t\n", "paste: dir: Is a directory\n", 1],
  ["-s dir", ["-s","dir"], "", "\n", "paste: dir: Is a directory\n", 1],
  ["(no args)", [], "", "", "", 0],
  ["(no args) <<< a\\\\nb\\\\n", [], "a\nb\n", "a\nb\n", "", 0],
  ["- - <<< a\\\\nb", ["-","-"], "a\nb", "a\tb\n", "", 0],
  ["- - <<< a\\\\r\\\\nb\\\\r\\\\n", ["-","-"], "a\r\nb\r\n", "a\r\tb\r\n", "", 0],
  ["-Q", ["-Q"], "", "", "paste: invalid option -- 'Q'\nTry 'paste --help' for more information.\n", 1],
  ["-d", ["-d"], "", "", "paste: option requires an argument -- 'd'\nTry 'paste --help' for more information.\n", 1],
  ["--foo", ["--foo"], "", "", "paste: unrecognized option '--foo'\nTry 'paste --help' for more information.\n", 1],
  ["-s --delimiters=: p2 p1", ["-s","--delimiters=:","p2","p1"], "", "a:b\n1:2:3\n", "", 0],
  ["-d '\\b\\f\\r\\v' p1 p1 p1 p1 p1", ["-d","\\b\\f\\r\\v","p1","p1","p1","p1","p1"], "", "1\b1\f1\r1\u000b1\n2\b2\f2\r2\u000b2\n3\b3\f3\r3\u000b3\n", "", 0],
  ["p1 p1 p1 -d -", ["p1","p1","p1","-d","-"], "", "1-1-1\n2-2-2\n3-3-3\n", "", 0],
];

const text = (v: string | Uint8Array) => (typeof v === "string" ? v : decodeUtf8(v));

describe("paste (recorded from GNU)", () => {
  it.each(CASES)("%s", async (_name, args, stdin, stdout, stderr, status) => {
    const r = await runCommand(paste, { args, stdin, files: FILES });
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout: text(stdout), stderr, status });
  });
});
