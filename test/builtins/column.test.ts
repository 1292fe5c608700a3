import { describe, expect, it } from "vitest";
import { column } from "../../builtins/column.js";
import { runCommand } from "../helpers/command-context.js";
import { decodeUtf8, latin1ToBytes } from "../../src/io/utf8.js";

// Expected outputs recorded from GNU column (LC_ALL=C.UTF-8) by running each case for real
// in a directory holding FILES.
const FILES: Record<string, string | Uint8Array> = { "dir/": "", "empty": "", "f1": "a\nb\n", "f2": "3 c\n1 a\n2 b\n", "j1": "a 1\nb 2\nc 3\n", "j2": "a x\nb y\nd z\n", "jc1": "a:1:\nb::2\n", "jc2": "a:x\nb:y\n", "jd1": "a 1\na 2\nb 3\n", "jd2": "a x\na y\n", "jh1": "K V\na 1\n", "jh2": "K W\na 2\n", "jt1": "a\nc\nb\n", "jt2": "a\n", "ju": "b 2\na 1\n", "nonl": "x\ny", "p1": "1\n2\n3\n", "p2": "a\nb", "r15": "qrùß\u000f\u0019¦È\u0001\u0016mé$\u0011", "r16": "\u0016Ð\u0000Õb1¢ðF¥SÖø\u0010\u0010", "s1": "a\nc\ne\n", "s1nonl": "a\nc\ne", "s2": "b\nc\nd\n", "s2nonl": "b\nd\ne", "srt": "a\nb\nc\n", "u1": "a\na\nb\nc\nc\nc\nd\n", "uns1": "a\nc\nb\n", "uns2": "b\na\n", "words": "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n" };
/** Bytes given as a latin1 string (input or output that is not valid UTF-8). */
const bytes = (s: string) => latin1ToBytes(s);
type Case = [string, string[], string | Uint8Array, string | Uint8Array, string, number];
const CASES: Case[] = [
  ["-t -s, <<< a,,b\\\\nccc,d,e\\\\n", ["-t","-s,"], "a,,b\nccc,d,e\n", "a       b\nccc  d  e\n", "", 0],
  ["-t <<< a b c\\\\nlonger  x\\\\n\\\\n  spaced y\\\\n", ["-t"], "a b c\nlonger  x\n\n  spaced y\n", "a       b  c\nlonger  x  \nspaced  y  \n", "", 0],
  ["-t -L <<< a b c\\\\nlonger  x\\\\n\\\\n  spaced y\\\\n", ["-t","-L"], "a b c\nlonger  x\n\n  spaced y\n", "a       b  c\nlonger  x  \n           \nspaced  y  \n", "", 0],
  ["-c 30 words", ["-c","30","words"], "", "one\tfive\tnine\ntwo\tsix\tten\nthree\tseven\televen\nfour\teight\ttwelve\n", "", 0],
  ["-x -c 30 words", ["-x","-c","30","words"], "", "one\ttwo\tthree\nfour\tfive\tsix\nseven\teight\tnine\nten\televen\ttwelve\n", "", 0],
  ["words", ["words"], "", "one\tthree\tfive\tseven\tnine\televen\ntwo\tfour\tsix\teight\tten\ttwelve\n", "", 0],
  ["-c 20 words", ["-c","20","words"], "", "one\tseven\ntwo\teight\nthree\tnine\nfour\tten\nfive\televen\nsix\ttwelve\n", "", 0],
  ["-c 100 words", ["-c","100","words"], "", "one\ttwo\tthree\tfour\tfive\tsix\tseven\teight\tnine\tten\televen\ttwelve\n", "", 0],
  ["-x words", ["-x","words"], "", "one\ttwo\tthree\tfour\tfive\tsix\tseven\teight\tnine\tten\neleven\ttwelve\n", "", 0],
  ["-L <<< a\\\\n\\\\nb\\\\n", ["-L"], "a\n\nb\n", "a\t\tb\n", "", 0],
  ["(no args) <<< a\\\\n\\\\nb\\\\n", [], "a\n\nb\n", "a\tb\n", "", 0],
  ["-t -o ' | ' <<< a b\\\\nc d\\\\n", ["-t","-o"," | "], "a b\nc d\n", "a | b\nc | d\n", "", 0],
  ["-t -N X,Y <<< a b\\\\nc d\\\\n", ["-t","-N","X,Y"], "a b\nc d\n", "X  Y\na  b\nc  d\n", "", 0],
  ["-t -N X,Y -R Y <<< a b\\\\nc d\\\\n", ["-t","-N","X,Y","-R","Y"], "a b\nc d\n", "X  Y\na  b\nc  d\n", "", 0],
  ["-t -R 2 <<< a b\\\\nc dd\\\\n", ["-t","-R","2"], "a b\nc dd\n", "a   b\nc  dd\n", "", 0],
  ["-t -H 2 <<< a b c\\\\n", ["-t","-H","2"], "a b c\n", "a  c\n", "", 0],
  ["-t -l 2 <<< a b c d\\\\n", ["-t","-l","2"], "a b c d\n", "a  b c d\n", "", 0],
  ["-J -N X,Y <<< a b\\\\nc d\\\\n", ["-J","-N","X,Y"], "a b\nc d\n", "{\n   \"table\": [\n      {\n         \"x\": \"a\",\n         \"y\": \"b\"\n      },{\n         \"x\": \"c\",\n         \"y\": \"d\"\n      }\n   ]\n}\n", "", 0],
  ["-J <<< a b\\\\nc d\\\\n", ["-J"], "a b\nc d\n", "", "column: option --table-columns required for --json\n", 1],
  ["-t -O 2,1 -N X,Y <<< a b\\\\n", ["-t","-O","2,1","-N","X,Y"], "a b\n", "Y  X\nb  a\n", "", 0],
  ["nofile", ["nofile"], "", "", "column: nofile: No such file or directory\n", 1],
  ["-Q <<< a b\\\\n", ["-Q"], "a b\n", "", "column: invalid option -- 'Q'\nTry 'column --help' for more information.\n", 1],
  ["-t <<< a\\\\xffb c\\\\n", ["-t"], bytes("aÿb c\n"), "a\\xffb  c\n", "", 0],
  ["-t <<< é b\\\\nxx y\\\\n", ["-t"], "é b\nxx y\n", "é   b\nxx  y\n", "", 0],
  ["-t <<< a\\\\tb c\\\\n", ["-t"], "a\tb c\n", "a  b  c\n", "", 0],
  ["(no args) <<< a\\\\tb c\\\\n", [], "a\tb c\n", "a\tb c\n", "", 0],
  ["-t -s '' <<< a b\\\\n", ["-t","-s",""], "a b\n", "a b\n", "", 0],
  ["-J -N X,Y -n tbl <<< a b\\\\nc d\\\\n", ["-J","-N","X,Y","-n","tbl"], "a b\nc d\n", "{\n   \"tbl\": [\n      {\n         \"x\": \"a\",\n         \"y\": \"b\"\n      },{\n         \"x\": \"c\",\n         \"y\": \"d\"\n      }\n   ]\n}\n", "", 0],
  ["-t <<< \\\\n\\\\n", ["-t"], "\n\n", "", "", 0],
  ["(no args)", [], "", "", "", 0],
  ["-c 0 <<< ab\\\\n", ["-c","0"], "ab\n", "ab\n", "", 0],
  ["-c x <<< ab\\\\n", ["-c","x"], "ab\n", "", "column: invalid columns argument: 'x'\n", 1],
  ["-t -s ' ' <<< a  b\\\\n", ["-t","-s"," "], "a  b\n", "a    b\n", "", 0],
  ["-t -o '' <<< a b\\\\n", ["-t","-o",""], "a b\n", "ab\n", "", 0],
  ["-t -d -N 1,2,3 <<< a b c\\\\nd e\\\\n", ["-t","-d","-N","1,2,3"], "a b c\nd e\n", "a  b  c\nd  e  \n", "", 0],
  ["-t -N A,B -R C <<< a b c\\\\n", ["-t","-N","A,B","-R","C"], "a b c\n", "", "column: undefined column name 'C'\n", 1],
  ["-t -N X,Y <<< a b c\\\\nd\\\\n", ["-t","-N","X,Y"], "a b c\nd\n", "X  Y  \na  b  c\nd     \n", "", 0],
  ["-J -N X,Y,Z <<< a b c\\\\nd\\\\n", ["-J","-N","X,Y,Z"], "a b c\nd\n", "{\n   \"table\": [\n      {\n         \"x\": \"a\",\n         \"y\": \"b\",\n         \"z\": \"c\"\n      },{\n         \"x\": \"d\",\n         \"y\": null,\n         \"z\": null\n      }\n   ]\n}\n", "", 0],
  ["-J -N X,Y -s '|' <<< a \\\"q\\\" \\\\\\\\ b\\\\n", ["-J","-N","X,Y","-s","|"], "a \"q\" \\ b\n", "{\n   \"table\": [\n      {\n         \"x\": \"a \\\"q\\\" \\\\ b\",\n         \"y\": null\n      }\n   ]\n}\n", "", 0],
  ["-t -N X,Y -R X -H Y <<< a b\\\\n", ["-t","-N","X,Y","-R","X","-H","Y"], "a b\n", "X\na\n", "", 0],
  ["-t -R 2 <<< a b\\\\nc\\\\n", ["-t","-R","2"], "a b\nc\n", "a  b\nc  \n", "", 0],
  ["-t -N 'Long Name,Y' <<< a b\\\\n", ["-t","-N","Long Name,Y"], "a b\n", "Long Name  Y\na          b\n", "", 0],
  ["-c 5 <<< a\\\\tb\\\\n", ["-c","5"], "a\tb\n", "a\tb\n", "", 0],
  ["-x -t <<< a b\\\\n", ["-x","-t"], "a b\n", "", "column: mutually exclusive arguments: --table --fillrows\n", 1],
  ["-t <<< 日本 x\\\\nab y\\\\n", ["-t"], "日本 x\nab y\n", "日本  x\nab    y\n", "", 0],
  ["-c 20 <<< 日本\\\\nab\\\\nc\\\\n", ["-c","20"], "日本\nab\nc\n", "日本\tc\nab\n", "", 0],
  ["-t -s: -o: <<< a:b:c\\\\nlong:x:y\\\\n", ["-t","-s:","-o:"], "a:b:c\nlong:x:y\n", "a   :b:c\nlong:x:y\n", "", 0],
  ["--table --output-separator=, <<< one two\\\\nthree four\\\\n", ["--table","--output-separator=,"], "one two\nthree four\n", "one  ,two\nthree,four\n", "", 0],
  ["--version <<< x\\\\n", ["--version"], "x\n", "column from util-linux 2.38.1\n", "", 0],
  ["-t <<< a b\\\\r\\\\nc d\\\\r\\\\n", ["-t"], "a b\r\nc d\r\n", "a  b\r\nc  d\r\n", "", 0],
  ["-t -R 2 <<< a bb\\\\nc\\\\nd e\\\\n", ["-t","-R","2"], "a bb\nc\nd e\n", "a  bb\nc  \nd   e\n", "", 0],
  ["-t -R 2 <<< a bb x\\\\nc\\\\nd e\\\\n", ["-t","-R","2"], "a bb x\nc\nd e\n", "a  bb  x\nc      \nd   e  \n", "", 0],
];

const text = (v: string | Uint8Array) => (typeof v === "string" ? v : decodeUtf8(v));

describe("column (recorded from GNU)", () => {
  it.each(CASES)("%s", async (_name, args, stdin, stdout, stderr, status) => {
    const r = await runCommand(column, { args, stdin, files: FILES });
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout: text(stdout), stderr, status });
  });
});
