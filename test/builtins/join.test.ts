import { describe, expect, it } from "vitest";
import { join } from "../../builtins/join.js";
import { runCommand } from "../helpers/command-context.js";
import { decodeUtf8, latin1ToBytes } from "../../src/io/utf8.js";

// Expected outputs recorded from GNU join (LC_ALL=C.UTF-8) by running each case for real
// in a directory holding FILES.
const FILES: Record<string, string | Uint8Array> = { "dir/": "", "empty": "", "f1": "a\nb\n", "f2": "3 c\n1 a\n2 b\n", "j1": "a 1\nb 2\nc 3\n", "j2": "a x\nb y\nd z\n", "jc1": "a:1:\nb::2\n", "jc2": "a:x\nb:y\n", "jd1": "a 1\na 2\nb 3\n", "jd2": "a x\na y\n", "jh1": "K V\na 1\n", "jh2": "K W\na 2\n", "jt1": "a\nc\nb\n", "jt2": "a\n", "ju": "b 2\na 1\n", "nonl": "x\ny", "out": "b\n", "p1": "1\n2\n3\n", "p2": "a\nb", "r15": "qrùß\u000f\u0019¦È\u0001\u0016mé$\u0011", "r16": "\u0016Ð\u0000Õb1¢ðF¥SÖø\u0010\u0010", "s1": "a\nc\ne\n", "s1nonl": "a\nc\ne", "s2": "b\nc\nd\n", "s2nonl": "b\nd\ne", "srt": "a\nb\nc\n", "u1": "a\na\nb\nc\nc\nc\nd\n", "uns1": "a\nc\nb\n", "uns2": "b\na\n" };
/** Bytes given as a latin1 string (input or output that is not valid UTF-8). */
const bytes = (s: string) => latin1ToBytes(s);
type Case = [string, string[], string | Uint8Array, string | Uint8Array, string, number];
const CASES: Case[] = [
  ["j1 j2", ["j1","j2"], "", "a 1 x\nb 2 y\n", "", 0],
  ["-a1 j1 j2", ["-a1","j1","j2"], "", "a 1 x\nb 2 y\nc 3\n", "", 0],
  ["-a2 j1 j2", ["-a2","j1","j2"], "", "a 1 x\nb 2 y\nd z\n", "", 0],
  ["-a 1 -a 2 j1 j2", ["-a","1","-a","2","j1","j2"], "", "a 1 x\nb 2 y\nc 3\nd z\n", "", 0],
  ["-v1 j1 j2", ["-v1","j1","j2"], "", "c 3\n", "", 0],
  ["-v2 j1 j2", ["-v2","j1","j2"], "", "d z\n", "", 0],
  ["-v2 -v1 j1 j2", ["-v2","-v1","j1","j2"], "", "c 3\nd z\n", "", 0],
  ["-o 1.2,2.2 j1 j2", ["-o","1.2,2.2","j1","j2"], "", "1 x\n2 y\n", "", 0],
  ["-o '1.2 2.2' j1 j2", ["-o","1.2 2.2","j1","j2"], "", "1 x\n2 y\n", "", 0],
  ["-o 0,2.2,1.3 -e X j1 j2", ["-o","0,2.2,1.3","-e","X","j1","j2"], "", "a x X\nb y X\n", "", 0],
  ["-a1 -a2 -o auto -e - j1 j2", ["-a1","-a2","-o","auto","-e","-","j1","j2"], "", "a 1 x\nb 2 y\nc 3 -\nd - z\n", "", 0],
  ["-a1 -a2 -o 0,1.2,2.2 -e NA j1 j2", ["-a1","-a2","-o","0,1.2,2.2","-e","NA","j1","j2"], "", "a 1 x\nb 2 y\nc 3 NA\nd NA z\n", "", 0],
  ["-a1 -a2 -o auto j1 j2", ["-a1","-a2","-o","auto","j1","j2"], "", "a 1 x\nb 2 y\nc 3 \nd  z\n", "", 0],
  ["jd1 jd2", ["jd1","jd2"], "", "a 1 x\na 1 y\na 2 x\na 2 y\n", "", 0],
  ["jd2 jd1", ["jd2","jd1"], "", "a x 1\na x 2\na y 1\na y 2\n", "", 0],
  ["ju j2", ["ju","j2"], "", "b 2 y\n", "join: ju:2: is not sorted: a 1\njoin: input is not in sorted order\n", 1],
  ["--check-order ju j2", ["--check-order","ju","j2"], "", "", "join: ju:2: is not sorted: a 1\n", 1],
  ["--nocheck-order ju j2", ["--nocheck-order","ju","j2"], "", "b 2 y\n", "", 0],
  ["jt1 jt2", ["jt1","jt2"], "", "a\n", "", 0],
  ["jt2 jt1", ["jt2","jt1"], "", "a\n", "", 0],
  ["-t: j1 j2", ["-t:","j1","j2"], "", "", "", 0],
  ["-j 2 j1 j2", ["-j","2","j1","j2"], "", "", "", 0],
  ["-1 2 -2 1 j1 j2", ["-1","2","-2","1","j1","j2"], "", "", "", 0],
  ["--header jh1 jh2", ["--header","jh1","jh2"], "", "K V W\na 1 2\n", "", 0],
  ["--header jh1 empty", ["--header","jh1","empty"], "", "K V\n", "", 0],
  ["--header -a1 -a2 jh1 j2", ["--header","-a1","-a2","jh1","j2"], "", "K V x\na 1\nb y\nd z\n", "", 0],
  ["-i j1 - <<< A q\\\\n", ["-i","j1","-"], "A q\n", "a 1 q\n", "", 0],
  ["j1 - <<< A q\\\\n", ["j1","-"], "A q\n", "", "", 0],
  ["j1", ["j1"], "", "", "join: missing operand after ‘j1’\nTry 'join --help' for more information.\n", 1],
  ["(no args)", [], "", "", "join: missing operand\nTry 'join --help' for more information.\n", 1],
  ["-o 3.1 j1 j2", ["-o","3.1","j1","j2"], "", "", "join: invalid file number in field spec: ‘3.1’\n", 1],
  ["-o 1.0 j1 j2", ["-o","1.0","j1","j2"], "", "", "join: invalid field number: ‘0’\n", 1],
  ["-a3 j1 j2", ["-a3","j1","j2"], "", "", "join: invalid field number: ‘3’\n", 1],
  ["-1 0 j1 j2", ["-1","0","j1","j2"], "", "", "join: invalid field number: ‘0’\n", 1],
  ["-t ab j1 j2", ["-t","ab","j1","j2"], "", "", "join: multi-character tab ‘ab’\n", 1],
  ["-e", ["-e"], "", "", "join: option requires an argument -- 'e'\nTry 'join --help' for more information.\n", 1],
  ["-v x j1 j2", ["-v","x","j1","j2"], "", "", "join: invalid field number: ‘x’\n", 1],
  ["-o 1.x j1 j2", ["-o","1.x","j1","j2"], "", "", "join: invalid field number: ‘x’\n", 1],
  ["-o 4 j1 j2", ["-o","4","j1","j2"], "", "", "join: invalid file number in field spec: ‘4’\n", 1],
  ["-o 0.1 j1 j2", ["-o","0.1","j1","j2"], "", "", "join: invalid field specifier: ‘0.1’\n", 1],
  ["-1 a j1 j2", ["-1","a","j1","j2"], "", "", "join: invalid field number: ‘a’\n", 1],
  ["-1 1 -j 2 j1 j2", ["-1","1","-j","2","j1","j2"], "", "", "join: incompatible join fields 1, 2\n", 1],
  ["-e a -e b j1 j2", ["-e","a","-e","b","j1","j2"], "", "", "join: conflicting empty-field replacement strings\n", 1],
  ["-t : -t , j1 j2", ["-t",":","-t",",","j1","j2"], "", "", "join: incompatible tabs\n", 1],
  ["- - <<< a 1\\\\n", ["-","-"], "a 1\n", "", "join: both files cannot be standard input: No such file or directory\n", 1],
  ["j1 j2 j1", ["j1","j2","j1"], "", "", "join: extra operand 'j1'\nTry 'join --help' for more information.\n", 1],
  ["j1 nofile", ["j1","nofile"], "", "", "join: nofile: No such file or directory\n", 1],
  ["nofile j1", ["nofile","j1"], "", "", "join: nofile: No such file or directory\n", 1],
  ["-i -t: j1 j2", ["-i","-t:","j1","j2"], "", "", "", 0],
  ["-a1 -e X -o auto - empty <<< a b \\\\n", ["-a1","-e","X","-o","auto","-","empty"], "a b \n", "a b X\n", "", 0],
  ["-a1 -e X -o 1.1,1.2,1.3 - empty <<<   a  b\\\\n", ["-a1","-e","X","-o","1.1,1.2,1.3","-","empty"], "  a  b\n", "a b X\n", "", 0],
  ["-t: -a1 -e X -o auto - empty <<< a:b:\\\\n", ["-t:","-a1","-e","X","-o","auto","-","empty"], "a:b:\n", "a:b:X\n", "", 0],
  ["-t '' -a1 -o 1.1,1.2 -e X - empty <<< a b\\\\n", ["-t","","-a1","-o","1.1,1.2","-e","X","-","empty"], "a b\n", "a b\nX\n", "", 0],
  ["-t '' - -  <<< a b\\\\na c\\\\n", ["-t","","-","-"], "a b\na c\n", "", "join: both files cannot be standard input: No such file or directory\n", 1],
  ["-t '\\0' -a1 -o 1.1,1.2 - empty <<< a\\\\0b\\\\n", ["-t","\\0","-a1","-o","1.1,1.2","-","empty"], "a\u0000b\n", "a\u0000b\n", "", 0],
  ["-a1 -a2 - j2 <<< x 1\\\\n", ["-a1","-a2","-","j2"], "x 1\n", "a x\nb y\nd z\nx 1\n", "", 0],
  ["-t: jc1 jc2", ["-t:","jc1","jc2"], "", "a:1::x\nb::2:y\n", "", 0],
  ["-t: -e E jc1 jc2", ["-t:","-e","E","jc1","jc2"], "", "a:1:E:x\nb:E:2:y\n", "", 0],
  ["-t: -o 1.2,1.3,2.2 -e E jc1 jc2", ["-t:","-o","1.2,1.3,2.2","-e","E","jc1","jc2"], "", "1:E:x\nE:2:y\n", "", 0],
  ["-z - j1 <<< a 1\\\\0b 2\\\\0", ["-z","-","j1"], "a 1\u0000b 2\u0000", "a 1 1 b 2 c 3 \u0000", "", 0],
  ["-z -a1 - empty <<< a 1\\\\0b 2\\\\0", ["-z","-a1","-","empty"], "a 1\u0000b 2\u0000", "a 1\u0000b 2\u0000", "", 0],
  ["empty empty", ["empty","empty"], "", "", "", 0],
  ["empty j1", ["empty","j1"], "", "", "", 0],
  ["-v1 empty j1", ["-v1","empty","j1"], "", "", "", 0],
  ["-t ' <<< a\\\\tx\\\\nb\\\\ty\\\\n", ["-t"], "a\tx\nb\ty\n", "", "join: option requires an argument -- 't'\nTry 'join --help' for more information.\n", 1],
  ["- j1 <<< a\\\\tx\\\\nb\\\\ty\\\\n", ["-","j1"], "a\tx\nb\ty\n", "a x 1\nb y 2\n", "", 0],
  ["- j2 <<< a 1\\\\r\\\\nb 2\\\\r\\\\n", ["-","j2"], "a 1\r\nb 2\r\n", "a 1\r x\nb 2\r y\n", "", 0],
  ["- -  <<< é 1\\\\nz 2\\\\n", ["-","-"], "é 1\nz 2\n", "", "join: both files cannot be standard input: No such file or directory\n", 1],
  ["-a1 - j1 <<< é 1\\\\nz 2\\\\n", ["-a1","-","j1"], "é 1\nz 2\n", "é 1\nz 2\n", "join: -:2: is not sorted: z 2\njoin: input is not in sorted order\n", 1],
  ["-Q j1 j2", ["-Q","j1","j2"], "", "", "join: invalid option -- 'Q'\nTry 'join --help' for more information.\n", 1],
  ["--foo j1 j2", ["--foo","j1","j2"], "", "", "join: unrecognized option '--foo'\nTry 'join --help' for more information.\n", 1],
  ["dir j1", ["dir","j1"], "", "", "join: read error: Is a directory\n", 1],
];

const text = (v: string | Uint8Array) => (typeof v === "string" ? v : decodeUtf8(v));

describe("join (recorded from GNU)", () => {
  it.each(CASES)("%s", async (_name, args, stdin, stdout, stderr, status) => {
    const r = await runCommand(join, { args, stdin, files: FILES });
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout: text(stdout), stderr, status });
  });
});
