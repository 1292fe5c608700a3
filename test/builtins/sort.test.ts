import { describe, expect, it } from "vitest";
import { sort } from "../../builtins/sort.js";
import { runCommand } from "../helpers/command-context.js";
import { decodeUtf8, latin1ToBytes } from "../../src/io/utf8.js";

// Expected outputs recorded from GNU sort (LC_ALL=C.UTF-8) by running each case for real
// in a directory holding FILES.
const FILES: Record<string, string | Uint8Array> = { "dir/": "", "f1": "a\nb\n", "f2": "3 c\n1 a\n2 b\n", "nonl": "x\ny", "out": "a\nb\n", "r15": "qrùß\u000f\u0019¦È\u0001\u0016mé$\u0011", "r16": "\u0016Ð\u0000Õb1¢ðF¥SÖø\u0010\u0010", "s1": "a\nc\ne\n", "s2": "b\nc\nd\n" };
/** Bytes given as a latin1 string (input or output that is not valid UTF-8). */
const bytes = (s: string) => latin1ToBytes(s);
type Case = [string, string[], string | Uint8Array, string | Uint8Array, string, number];
const CASES: Case[] = [
  ["(no args) <<< b\\\\na\\\\nc\\\\n", [], "b\na\nc\n", "a\nb\nc\n", "", 0],
  ["(no args) <<< b\\\\na\\\\nc", [], "b\na\nc", "a\nb\nc\n", "", 0],
  ["(no args)", [], "", "", "", 0],
  ["(no args) <<< \\\\n\\\\n\\\\n", [], "\n\n\n", "\n\n\n", "", 0],
  ["-r <<< b\\\\na\\\\nc\\\\n", ["-r"], "b\na\nc\n", "c\nb\na\n", "", 0],
  ["-n <<< 10\\\\n9\\\\n-1\\\\n1.5\\\\n-0\\\\n0\\\\nabc\\\\n-abc\\\\n 3\\\\n", ["-n"], "10\n9\n-1\n1.5\n-0\n0\nabc\n-abc\n 3\n", "-1\n-0\n-abc\n0\nabc\n1.5\n 3\n9\n10\n", "", 0],
  ["-nr <<< 10\\\\n9\\\\n-1\\\\n1.5\\\\n-0\\\\n0\\\\nabc\\\\n-abc\\\\n 3\\\\n", ["-nr"], "10\n9\n-1\n1.5\n-0\n0\nabc\n-abc\n 3\n", "10\n9\n 3\n1.5\nabc\n0\n-abc\n-0\n-1\n", "", 0],
  ["-n -s <<< 10\\\\n9\\\\n-1\\\\n1.5\\\\n-0\\\\n0\\\\nabc\\\\n-abc\\\\n 3\\\\n", ["-n","-s"], "10\n9\n-1\n1.5\n-0\n0\nabc\n-abc\n 3\n", "-1\n-0\n0\nabc\n-abc\n1.5\n 3\n9\n10\n", "", 0],
  ["-nu <<< 10\\\\n9\\\\n-1\\\\n1.5\\\\n-0\\\\n0\\\\nabc\\\\n-abc\\\\n 3\\\\n", ["-nu"], "10\n9\n-1\n1.5\n-0\n0\nabc\n-abc\n 3\n", "-1\n-0\n1.5\n 3\n9\n10\n", "", 0],
  ["-g <<< 1e3\\\\n2\\\\n-inf\\\\ninf\\\\nnan\\\\nabc\\\\n0x10\\\\n-1.5e-3\\\\n 4\\\\n+5\\\\n", ["-g"], "1e3\n2\n-inf\ninf\nnan\nabc\n0x10\n-1.5e-3\n 4\n+5\n", "abc\nnan\n-inf\n-1.5e-3\n2\n 4\n+5\n0x10\n1e3\ninf\n", "", 0],
  ["-gr <<< 1e3\\\\n2\\\\n-inf\\\\ninf\\\\nnan\\\\nabc\\\\n0x10\\\\n-1.5e-3\\\\n 4\\\\n+5\\\\n", ["-gr"], "1e3\n2\n-inf\ninf\nnan\nabc\n0x10\n-1.5e-3\n 4\n+5\n", "inf\n1e3\n0x10\n+5\n 4\n2\n-1.5e-3\n-inf\nnan\nabc\n", "", 0],
  ["-h <<< 1K\\\\n2M\\\\n3\\\\n1G\\\\n0.5K\\\\n-1M\\\\n", ["-h"], "1K\n2M\n3\n1G\n0.5K\n-1M\n", "-1M\n3\n0.5K\n1K\n2M\n1G\n", "", 0],
  ["-V <<< file10\\\\nfile2\\\\nfile1\\\\nfile1.txt\\\\nfile1.tar.gz\\\\n.hidden\\\\n.\\\\n..\\\\nv1.2~rc1\\\\nv1.2\\\\n", ["-V"], "file10\nfile2\nfile1\nfile1.txt\nfile1.tar.gz\n.hidden\n.\n..\nv1.2~rc1\nv1.2\n", ".\n..\n.hidden\nfile1\nfile1.tar.gz\nfile1.txt\nfile2\nfile10\nv1.2~rc1\nv1.2\n", "", 0],
  ["-M <<< Feb\\\\njan\\\\nDEC\\\\n  mar\\\\nfoo\\\\nJune\\\\n", ["-M"], "Feb\njan\nDEC\n  mar\nfoo\nJune\n", "foo\njan\nFeb\n  mar\nJune\nDEC\n", "", 0],
  ["-Mr <<< Feb\\\\njan\\\\nDEC\\\\n  mar\\\\nfoo\\\\nJune\\\\n", ["-Mr"], "Feb\njan\nDEC\n  mar\nfoo\nJune\n", "DEC\nJune\n  mar\nFeb\njan\nfoo\n", "", 0],
  ["-f <<< B\\\\na\\\\nb\\\\nA\\\\nc\\\\n", ["-f"], "B\na\nb\nA\nc\n", "A\na\nB\nb\nc\n", "", 0],
  ["-fu <<< B\\\\na\\\\nb\\\\nA\\\\nc\\\\n", ["-fu"], "B\na\nb\nA\nc\n", "a\nB\nc\n", "", 0],
  ["-fs <<< B\\\\na\\\\nb\\\\nA\\\\nc\\\\n", ["-fs"], "B\na\nb\nA\nc\n", "a\nA\nB\nb\nc\n", "", 0],
  ["-d <<< a-b\\\\nab\\\\na.c\\\\n_x\\\\n", ["-d"], "a-b\nab\na.c\n_x\n", "a-b\nab\na.c\n_x\n", "", 0],
  ["-i <<< a\\\\tb\\\\na b\\\\nab\\\\n", ["-i"], "a\tb\na b\nab\n", "a b\na\tb\nab\n", "", 0],
  ["(no args) <<<  b\\\\na\\\\n  c\\\\n", [], " b\na\n  c\n", "  c\n b\na\n", "", 0],
  ["-b <<<  b\\\\na\\\\n  c\\\\n", ["-b"], " b\na\n  c\n", "a\n b\n  c\n", "", 0],
  ["-k2 <<< a 3\\\\nb 1\\\\nc 2\\\\n", ["-k2"], "a 3\nb 1\nc 2\n", "b 1\nc 2\na 3\n", "", 0],
  ["-k2n <<< a 3\\\\nb 1\\\\nc 2\\\\n", ["-k2n"], "a 3\nb 1\nc 2\n", "b 1\nc 2\na 3\n", "", 0],
  ["-k2,2nr <<< a 3\\\\nb 1\\\\nc 2\\\\n", ["-k2,2nr"], "a 3\nb 1\nc 2\n", "a 3\nc 2\nb 1\n", "", 0],
  ["-t: -k3,3 -k2n <<< a:3:x\\\\nb:1:y\\\\nc:2:x\\\\n", ["-t:","-k3,3","-k2n"], "a:3:x\nb:1:y\nc:2:x\n", "c:2:x\na:3:x\nb:1:y\n", "", 0],
  ["-t : -k 3,3 -k 2,2nr <<< a:3:x\\\\nb:1:y\\\\nc:2:x\\\\n", ["-t",":","-k","3,3","-k","2,2nr"], "a:3:x\nb:1:y\nc:2:x\n", "a:3:x\nc:2:x\nb:1:y\n", "", 0],
  ["-t: -k3,3 -s <<< a:3:x\\\\nb:1:y\\\\nc:2:x\\\\n", ["-t:","-k3,3","-s"], "a:3:x\nb:1:y\nc:2:x\n", "a:3:x\nc:2:x\nb:1:y\n", "", 0],
  ["-t: -k3,3 -u <<< a:3:x\\\\nb:1:y\\\\nc:2:x\\\\n", ["-t:","-k3,3","-u"], "a:3:x\nb:1:y\nc:2:x\n", "a:3:x\nb:1:y\n", "", 0],
  ["-k1.2,1.3 <<< abcd\\\\nabce\\\\nxbcc\\\\n", ["-k1.2,1.3"], "abcd\nabce\nxbcc\n", "abcd\nabce\nxbcc\n", "", 0],
  ["-k1.4 <<< abcd\\\\nabce\\\\nxbcc\\\\n", ["-k1.4"], "abcd\nabce\nxbcc\n", "xbcc\nabcd\nabce\n", "", 0],
  ["-k2 <<< x  b\\\\ny a\\\\n", ["-k2"], "x  b\ny a\n", "x  b\ny a\n", "", 0],
  ["-k2b <<< x  b\\\\ny a\\\\n", ["-k2b"], "x  b\ny a\n", "y a\nx  b\n", "", 0],
  ["-b -k2 <<< x  b\\\\ny a\\\\n", ["-b","-k2"], "x  b\ny a\n", "y a\nx  b\n", "", 0],
  ["-k2.1b <<< x  b\\\\ny a\\\\n", ["-k2.1b"], "x  b\ny a\n", "y a\nx  b\n", "", 0],
  ["-u <<< a\\\\nb\\\\na\\\\nc\\\\nb\\\\n", ["-u"], "a\nb\na\nc\nb\n", "a\nb\nc\n", "", 0],
  ["-ru <<< a\\\\nb\\\\na\\\\nc\\\\nb\\\\n", ["-ru"], "a\nb\na\nc\nb\n", "c\nb\na\n", "", 0],
  ["-c <<< b\\\\na\\\\n", ["-c"], "b\na\n", "", "sort: -:2: disorder: a\n", 1],
  ["-c <<< a\\\\nb\\\\n", ["-c"], "a\nb\n", "", "", 0],
  ["-C <<< b\\\\na\\\\n", ["-C"], "b\na\n", "", "", 1],
  ["-cu <<< a\\\\na\\\\n", ["-cu"], "a\na\n", "", "sort: -:2: disorder: a\n", 1],
  ["-Cu <<< a\\\\na\\\\n", ["-Cu"], "a\na\n", "", "", 1],
  ["-m s1 s2", ["-m","s1","s2"], "", "a\nb\nc\nc\nd\ne\n", "", 0],
  ["-m s2 s1 -u", ["-m","s2","s1","-u"], "", "a\nb\nc\nd\ne\n", "", 0],
  ["-m f1 s1", ["-m","f1","s1"], "", "a\na\nb\nc\ne\n", "", 0],
  ["f1 f2", ["f1","f2"], "", "1 a\n2 b\n3 c\na\nb\n", "", 0],
  ["f1 nonl", ["f1","nonl"], "", "a\nb\nx\ny\n", "", 0],
  ["nonl f1", ["nonl","f1"], "", "a\nb\nx\ny\n", "", 0],
  ["nofile", ["nofile"], "", "", "sort: cannot read: nofile: No such file or directory\n", 2],
  ["dir", ["dir"], "", "", "sort: read failed: dir: Is a directory\n", 2],
  ["f1 nofile", ["f1","nofile"], "", "", "sort: cannot read: nofile: No such file or directory\n", 2],
  ["-c f1 f2", ["-c","f1","f2"], "", "", "sort: extra operand 'f2' not allowed with -c\n", 2],
  ["-c -o x f1", ["-c","-o","x","f1"], "", "", "sort: options '-co' are incompatible\n", 2],
  ["-cC f1", ["-cC","f1"], "", "", "sort: options '-cC' are incompatible\n", 2],
  ["-c f1", ["-c","f1"], "", "", "", 0],
  ["-C f1", ["-C","f1"], "", "", "", 0],
  ["-z <<< b\\\\0a\\\\0c\\\\0", ["-z"], "b\u0000a\u0000c\u0000", "a\u0000b\u0000c\u0000", "", 0],
  ["-z <<< b\\\\na\\\\0c\\\\n\\\\0", ["-z"], "b\na\u0000c\n\u0000", "b\na\u0000c\n\u0000", "", 0],
  ["-Q <<< b\\\\na\\\\n", ["-Q"], "b\na\n", "", "sort: invalid option -- 'Q'\nTry 'sort --help' for more information.\n", 2],
  ["--foo <<< b\\\\na\\\\n", ["--foo"], "b\na\n", "", "sort: unrecognized option '--foo'\nTry 'sort --help' for more information.\n", 2],
  ["-k <<< b\\\\na\\\\n", ["-k"], "b\na\n", "", "sort: option requires an argument -- 'k'\nTry 'sort --help' for more information.\n", 2],
  ["-k0 <<< b\\\\na\\\\n", ["-k0"], "b\na\n", "", "sort: field number is zero: invalid field specification ‘0’\n", 2],
  ["-k1.0 <<< b\\\\na\\\\n", ["-k1.0"], "b\na\n", "", "sort: character offset is zero: invalid field specification ‘1.0’\n", 2],
  ["-k1,0 <<< b\\\\na\\\\n", ["-k1,0"], "b\na\n", "", "sort: field number is zero: invalid field specification ‘1,0’\n", 2],
  ["-kx <<< b\\\\na\\\\n", ["-kx"], "b\na\n", "", "sort: invalid number at field start: invalid count at start of ‘x’\n", 2],
  ["-k1x <<< b\\\\na\\\\n", ["-k1x"], "b\na\n", "", "sort: stray character in field spec: invalid field specification ‘1x’\n", 2],
  ["-k1.x <<< b\\\\na\\\\n", ["-k1.x"], "b\na\n", "", "sort: invalid number after '.': invalid count at start of ‘x’\n", 2],
  ["-k1,x <<< b\\\\na\\\\n", ["-k1,x"], "b\na\n", "", "sort: invalid number after ',': invalid count at start of ‘x’\n", 2],
  ["-t '' <<< b\\\\na\\\\n", ["-t",""], "b\na\n", "", "sort: empty tab\n", 2],
  ["-t ab <<< b\\\\na\\\\n", ["-t","ab"], "b\na\n", "", "sort: multi-character tab ‘ab’\n", 2],
  ["-t a -t b <<< b\\\\na\\\\n", ["-t","a","-t","b"], "b\na\n", "", "sort: incompatible tabs\n", 2],
  ["-nM <<< b\\\\na\\\\n", ["-nM"], "b\na\n", "", "sort: options '-Mn' are incompatible\n", 2],
  ["-k1nrd <<< b\\\\na\\\\n", ["-k1nrd"], "b\na\n", "", "sort: options '-dn' are incompatible\n", 2],
  ["-dn <<< b\\\\na\\\\n", ["-dn"], "b\na\n", "", "sort: options '-dn' are incompatible\n", 2],
  ["-hg <<< b\\\\na\\\\n", ["-hg"], "b\na\n", "", "sort: options '-gh' are incompatible\n", 2],
  ["-Vn <<< b\\\\na\\\\n", ["-Vn"], "b\na\n", "", "sort: options '-nV' are incompatible\n", 2],
  ["-dV <<< b\\\\na\\\\n", ["-dV"], "b\na\n", "a\nb\n", "", 0],
  ["-S abc <<< b\\\\na\\\\n", ["-S","abc"], "b\na\n", "", "sort: invalid -S argument 'abc'\n", 2],
  ["-S 5x <<< b\\\\na\\\\n", ["-S","5x"], "b\na\n", "", "sort: invalid suffix in -S argument '5x'\n", 2],
  ["-S 10K <<< b\\\\na\\\\n", ["-S","10K"], "b\na\n", "a\nb\n", "", 0],
  ["-S 10% <<< b\\\\na\\\\n", ["-S","10%"], "b\na\n", "a\nb\n", "", 0],
  ["--parallel=0 <<< b\\\\na\\\\n", ["--parallel=0"], "b\na\n", "", "sort: number in parallel must be nonzero\n", 2],
  ["--parallel=x <<< b\\\\na\\\\n", ["--parallel=x"], "b\na\n", "", "sort: invalid --parallel argument 'x'\n", 2],
  ["--parallel=2 <<< b\\\\na\\\\n", ["--parallel=2"], "b\na\n", "a\nb\n", "", 0],
  ["--sort=foo <<< b\\\\na\\\\n", ["--sort=foo"], "b\na\n", "", "sort: invalid argument ‘foo’ for ‘--sort’\nValid arguments are:\n  - ‘general-numeric’\n  - ‘human-numeric’\n  - ‘month’\n  - ‘numeric’\n  - ‘random’\n  - ‘version’\nTry 'sort --help' for more information.\n", 1],
  ["--sort=num <<< b\\\\na\\\\n", ["--sort=num"], "b\na\n", "a\nb\n", "", 0],
  ["--sort=numeric <<< b\\\\n10\\\\n9\\\\n", ["--sort=numeric"], "b\n10\n9\n", "b\n9\n10\n", "", 0],
  ["--sort=n <<< b\\\\n10\\\\n9\\\\n", ["--sort=n"], "b\n10\n9\n", "b\n9\n10\n", "", 0],
  ["--check=foo <<< b\\\\na\\\\n", ["--check=foo"], "b\na\n", "", "sort: invalid argument ‘foo’ for ‘--check’\nValid arguments are:\n  - ‘quiet’, ‘silent’\n  - ‘diagnose-first’\nTry 'sort --help' for more information.\n", 1],
  ["--check=quiet <<< b\\\\na\\\\n", ["--check=quiet"], "b\na\n", "", "", 1],
  ["--check=q <<< b\\\\na\\\\n", ["--check=q"], "b\na\n", "", "", 1],
  ["--check <<< b\\\\na\\\\n", ["--check"], "b\na\n", "", "sort: -:2: disorder: a\n", 1],
  ["--check=diagnose-first <<< b\\\\na\\\\n", ["--check=diagnose-first"], "b\na\n", "", "sort: -:2: disorder: a\n", 1],
  ["+1 <<< b a\\\\na b\\\\n", ["+1"], "b a\na b\n", "b a\na b\n", "", 0],
  ["+0 -1 <<< b a\\\\na b\\\\n", ["+0","-1"], "b a\na b\n", "a b\nb a\n", "", 0],
  ["+1 -2 <<< c b a\\\\na b c\\\\nb a c\\\\n", ["+1","-2"], "c b a\na b c\nb a c\n", "b a c\na b c\nc b a\n", "", 0],
  ["+1n -2 <<< c b a\\\\na b c\\\\nb a c\\\\n", ["+1n","-2"], "c b a\na b c\nb a c\n", "a b c\nb a c\nc b a\n", "", 0],
  ["-y <<< b\\\\na\\\\n", ["-y"], "b\na\n", "", "sort: option requires an argument -- 'y'\nTry 'sort --help' for more information.\n", 2],
  ["-T /tmp <<< b\\\\na\\\\n", ["-T","/tmp"], "b\na\n", "a\nb\n", "", 0],
  ["--debug <<< b\\\\na\\\\n", ["--debug"], "b\na\n", "a\n_\nb\n_\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\n", 0],
  ["(no args) <<< é\\\\ne\\\\nf\\\\nÉ\\\\n\\\\xff\\\\n\\\\xc3\\\\n", [], bytes("Ã©\ne\nf\nÃ\nÿ\nÃ\n"), bytes("e\nf\nÃ\nÃ\nÃ©\nÿ\n"), "", 0],
  ["-f <<< é\\\\ne\\\\nf\\\\nÉ\\\\n\\\\xff\\\\n\\\\xc3\\\\n", ["-f"], bytes("Ã©\ne\nf\nÃ\nÿ\nÃ\n"), bytes("e\nf\nÃ\nÃ\nÃ©\nÿ\n"), "", 0],
  ["(no args) <<< a\\\\r\\\\nb\\\\nA\\\\r\\\\n", [], "a\r\nb\nA\r\n", "A\r\na\r\nb\n", "", 0],
  ["(no args) <<< \\\\xef\\\\xbc\\\\xa1\\\\n\\\\xf0\\\\x9f\\\\x98\\\\x80\\\\n\\\\xee\\\\x80\\\\x80\\\\nz\\\\n", [], "Ａ\n😀\n\nz\n", "z\n\nＡ\n😀\n", "", 0],
  ["-r <<< \\\\xef\\\\xbc\\\\xa1\\\\n\\\\xf0\\\\x9f\\\\x98\\\\x80\\\\n\\\\xee\\\\x80\\\\x80\\\\nz\\\\n", ["-r"], "Ａ\n😀\n\nz\n", "😀\nＡ\n\nz\n", "", 0],
  ["-n <<< 1\\\\n01\\\\n001\\\\n1.0\\\\n", ["-n"], "1\n01\n001\n1.0\n", "001\n01\n1\n1.0\n", "", 0],
  ["-nu <<< 1\\\\n01\\\\n001\\\\n1.0\\\\n", ["-nu"], "1\n01\n001\n1.0\n", "1\n", "", 0],
  ["-n <<< 123456789012345678901\\\\n123456789012345678900\\\\n9\\\\n", ["-n"], "123456789012345678901\n123456789012345678900\n9\n", "9\n123456789012345678900\n123456789012345678901\n", "", 0],
  ["-n <<< 0.1\\\\n.1\\\\n0.10\\\\n-.1\\\\n-0.05\\\\n", ["-n"], "0.1\n.1\n0.10\n-.1\n-0.05\n", "-.1\n-0.05\n.1\n0.1\n0.10\n", "", 0],
  ["-o out f1 <<< 2\\\\n1\\\\n", ["-o","out","f1"], "2\n1\n", "", "", 0],
  ["-o f1 <<< b\\\\na\\\\n", ["-o","f1"], "b\na\n", "", "", 0],
  ["-o /nonexist/x f1", ["-o","/nonexist/x","f1"], "", "", "sort: open failed: /nonexist/x: No such file or directory\n", 2],
  ["-o dir f1", ["-o","dir","f1"], "", "", "sort: open failed: dir: Is a directory\n", 2],
  ["-k3,3r -k1 <<< a b c\\\\nd e f\\\\n", ["-k3,3r","-k1"], "a b c\nd e f\n", "d e f\na b c\n", "", 0],
  ["-R --random-source=/dev/null <<< a\\\\nb\\\\n", ["-R","--random-source=/dev/null"], "a\nb\n", "", "sort: ‘/dev/null’: end of file\n", 2],
  ["-rn -k1,1 <<< 3\\\\n1\\\\n2\\\\n", ["-rn","-k1,1"], "3\n1\n2\n", "3\n2\n1\n", "", 0],
  ["-k2n -r <<< x 2\\\\ny 10\\\\nz 2\\\\n", ["-k2n","-r"], "x 2\ny 10\nz 2\n", "z 2\nx 2\ny 10\n", "", 0],
  ["-k2n,2 -k1r <<< x 2\\\\ny 10\\\\nz 2\\\\n", ["-k2n,2","-k1r"], "x 2\ny 10\nz 2\n", "z 2\nx 2\ny 10\n", "", 0],
  ["-t, <<< a,b\\\\na\\\\n", ["-t,"], "a,b\na\n", "a\na,b\n", "", 0],
  ["-t, -k1,1 <<< b,\\\\nb\\\\n", ["-t,","-k1,1"], "b,\nb\n", "b\nb,\n", "", 0],
  ["--debug -k2n <<< a 1\\\\n  b 22\\\\nc\\\\n", ["--debug","-k2n"], "a 1\n  b 22\nc\n", "c\n ^ no match for key\n_\na 1\n  _\n___\n  b 22\n    __\n______\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: key 1 is numeric and spans multiple fields\nsort: note numbers use ‘.’ as a decimal point in this locale\n", 0],
  ["--debug -t '\\t' -k2 <<< a\\\\tb\\\\n", ["--debug","-t","\\t","-k2"], "a\tb\n", "", "sort: multi-character tab ‘\\\\t’\n", 2],
  ["--debug -k2h -k1,1 <<< x 1.5K\\\\n", ["--debug","-k2h","-k1,1"], "x 1.5K\n", "x 1.5K\n  ____\n_\n______\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: key 1 is numeric and spans multiple fields\nsort: leading blanks are significant in key 2; consider also specifying 'b'\nsort: note numbers use ‘.’ as a decimal point in this locale\n", 0],
  ["--debug -r -s <<< b\\\\na\\\\n", ["--debug","-r","-s"], "b\na\n", "b\n_\na\n_\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\n", 0],
  ["--debug -u -f <<< b\\\\na\\\\n", ["--debug","-u","-f"], "b\na\n", "a\n_\nb\n_\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\n", 0],
  ["--debug -M <<< Jan x\\\\n", ["--debug","-M"], "Jan x\n", "Jan x\n___\n_____\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\n", 0],
  ["--debug -n <<<  12 x\\\\n-3\\\\n", ["--debug","-n"], " 12 x\n-3\n", "-3\n__\n__\n 12 x\n __\n_____\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: note numbers use ‘.’ as a decimal point in this locale\n", 0],
  ["--debug -g <<< 1e5x\\\\n", ["--debug","-g"], "1e5x\n", "1e5x\n___\n____\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: note numbers use ‘.’ as a decimal point in this locale\n", 0],
  ["--debug -k1.5 <<< ab\\\\n", ["--debug","-k1.5"], "ab\n", "ab\n  ^ no match for key\n__\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: leading blanks are significant in key 1; consider also specifying 'b'\n", 0],
  ["--debug -k2 <<< é b\\\\n", ["--debug","-k2"], "é b\n", "é b\n __\n___\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: leading blanks are significant in key 1; consider also specifying 'b'\n", 0],
  ["--debug +1 <<< b a\\\\na b\\\\n", ["--debug","+1"], "b a\na b\n", "b a\n __\n___\na b\n __\n___\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: obsolescent key ‘+1’ used; consider ‘-k 2’ instead\nsort: leading blanks are significant in key 1; consider also specifying 'b'\n", 0],
  ["--debug +0 -1 <<< b a\\\\na b\\\\n", ["--debug","+0","-1"], "b a\na b\n", "a b\n_\n___\nb a\n_\n___\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: obsolescent key ‘+0 -1’ used; consider ‘-k 1,1’ instead\nsort: leading blanks are significant in key 1; consider also specifying 'b'\n", 0],
  ["--debug -k2,1 <<< b a\\\\na b\\\\n", ["--debug","-k2,1"], "b a\na b\n", "a b\n ^ no match for key\n___\nb a\n ^ no match for key\n___\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: key 1 has zero width and will be ignored\n", 0],
  ["--debug -r -k2 <<< b a\\\\na b\\\\n", ["--debug","-r","-k2"], "b a\na b\n", "a b\n __\n___\nb a\n __\n___\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: leading blanks are significant in key 1; consider also specifying 'b'\n", 0],
  ["--debug -n -k2 <<< b a\\\\na b\\\\n", ["--debug","-n","-k2"], "b a\na b\n", "a b\n  ^ no match for key\n___\nb a\n  ^ no match for key\n___\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: key 1 is numeric and spans multiple fields\nsort: note numbers use ‘.’ as a decimal point in this locale\n", 0],
  ["--debug -nf -k2 -s <<< b a\\\\na b\\\\n", ["--debug","-nf","-k2","-s"], "b a\na b\n", "b a\n  ^ no match for key\na b\n  ^ no match for key\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: key 1 is numeric and spans multiple fields\nsort: note numbers use ‘.’ as a decimal point in this locale\n", 0],
  ["--debug -t. -k1n <<< 1.5\\\\n", ["--debug","-t.","-k1n"], "1.5\n", "1.5\n___\n___\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: key 1 is numeric and spans multiple fields\nsort: field separator ‘.’ is treated as a decimal point in numbers\n", 0],
  ["--debug -t- -k1n <<< 1-5\\\\n", ["--debug","-t-","-k1n"], "1-5\n", "1-5\n_\n___\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: key 1 is numeric and spans multiple fields\nsort: field separator ‘-’ is treated as a minus sign in numbers\nsort: note numbers use ‘.’ as a decimal point in this locale\n", 0],
  ["--debug -t+ -k1g <<< 1+5\\\\n", ["--debug","-t+","-k1g"], "1+5\n", "1+5\n_\n___\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\nsort: key 1 is numeric and spans multiple fields\nsort: field separator ‘+’ is treated as a plus sign in numbers\nsort: note numbers use ‘.’ as a decimal point in this locale\n", 0],
  ["--debug -c <<< b\\\\na\\\\n", ["--debug","-c"], "b\na\n", "", "sort: options '-c --debug' are incompatible\n", 2],
  ["--debug -o x <<< b\\\\na\\\\n", ["--debug","-o","x"], "b\na\n", "", "sort: options '-o --debug' are incompatible\n", 2],
  ["--debug -z <<< b\\\\0a\\\\0", ["--debug","-z"], "b\u0000a\u0000", "a\n_\nb\n_\n", "sort: text ordering performed using ‘C.UTF-8’ sorting rules\n", 0],
];

const text = (v: string | Uint8Array) => (typeof v === "string" ? v : decodeUtf8(v));

describe("sort (recorded from GNU)", () => {
  it.each(CASES)("%s", async (_name, args, stdin, stdout, stderr, status) => {
    const r = await runCommand(sort, { args, stdin, files: FILES });
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout: text(stdout), stderr, status });
  });
});

describe("sort -R", () => {
  it("is a seeded permutation that keeps equal keys together", async () => {
    const input = "b\na\nc\na\nb\nd\ne\nf\na\n";
    const one = await runCommand(sort, { args: ["-R"], stdin: input, seed: 7 });
    const two = await runCommand(sort, { args: ["-R"], stdin: input, seed: 7 });
    expect(one.stdout).toBe(two.stdout);
    const lines = one.stdout.split("\n").slice(0, -1);
    expect([...lines].sort()).toEqual(input.split("\n").slice(0, -1).sort());
    // Each distinct line occupies one contiguous run.
    const runs = lines.filter((l, i) => i === 0 || lines[i - 1] !== l);
    expect(new Set(runs).size).toBe(runs.length);
  });
});
