import { describe, expect, it } from "vitest";
import { cat } from "../../builtins/cat.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from GNU cat (LC_ALL=C.UTF-8) by running each case for real.
type Case = [string, string[], string | Uint8Array | undefined, Record<string, string | Uint8Array>, string, string, number];
const CASES: Case[] = [
  ["stdin passthrough", [], "a\nb\n", {}, "a\nb\n", "", 0],
  ["files and stdin", ["a", "-", "b"], "S\n", {"a": "A\n", "b": "B"}, "A\nS\nB", "", 0],
  ["-n", ["-n"], "a\n\nb\n", {}, "     1\ta\n     2\t\n     3\tb\n", "", 0],
  ["-n across files", ["-n", "a", "b"], undefined, {"a": "x\ny", "b": "z\nw\n"}, "     1\tx\n     2\tyz\n     3\tw\n", "", 0],
  ["-b", ["-b"], "\n\na\n\nb", {}, "\n\n     1\ta\n\n     2\tb", "", 0],
  ["-b overrides -n", ["-n", "-b"], "a\n\nb\n", {}, "     1\ta\n\n     2\tb\n", "", 0],
  ["-s", ["-s"], "\n\n\na\n\n\n\nb\n\n", {}, "\na\n\nb\n\n", "", 0],
  ["-s across files", ["-s", "e", "e", "a"], undefined, {"e": "\n\n", "a": "a\n"}, "\na\n", "", 0],
  ["-sn", ["-sn"], "\n\n\na\n\n\nb\n\n", {}, "     1\t\n     2\ta\n     3\t\n     4\tb\n     5\t\n", "", 0],
  ["-E", ["-E"], "a\r\nb\n\nc", {}, "a^M$\nb$\n$\nc", "", 0],
  ["-T", ["-T"], "a\tb\n", {}, "a^Ib\n", "", 0],
  ["-v all bytes", ["-v"], new Uint8Array([0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143,144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159,160,161,162,163,164,165,166,167,168,169,170,171,172,173,174,175,176,177,178,179,180,181,182,183,184,185,186,187,188,189,190,191,192,193,194,195,196,197,198,199,200,201,202,203,204,205,206,207,208,209,210,211,212,213,214,215,216,217,218,219,220,221,222,223,224,225,226,227,228,229,230,231,232,233,234,235,236,237,238,239,240,241,242,243,244,245,246,247,248,249,250,251,252,253,254,255]), {}, "^@^A^B^C^D^E^F^G^H\t\n^K^L^M^N^O^P^Q^R^S^T^U^V^W^X^Y^Z^[^\\^]^^^_ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~^?M-^@M-^AM-^BM-^CM-^DM-^EM-^FM-^GM-^HM-^IM-^JM-^KM-^LM-^MM-^NM-^OM-^PM-^QM-^RM-^SM-^TM-^UM-^VM-^WM-^XM-^YM-^ZM-^[M-^\\M-^]M-^^M-^_M- M-!M-\"M-#M-$M-%M-&M-'M-(M-)M-*M-+M-,M--M-.M-/M-0M-1M-2M-3M-4M-5M-6M-7M-8M-9M-:M-;M-<M-=M->M-?M-@M-AM-BM-CM-DM-EM-FM-GM-HM-IM-JM-KM-LM-MM-NM-OM-PM-QM-RM-SM-TM-UM-VM-WM-XM-YM-ZM-[M-\\M-]M-^M-_M-`M-aM-bM-cM-dM-eM-fM-gM-hM-iM-jM-kM-lM-mM-nM-oM-pM-qM-rM-sM-tM-uM-vM-wM-xM-yM-zM-{M-|M-}M-~M-^?", "", 0],
  ["-A all bytes", ["-A"], new Uint8Array([0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143,144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159,160,161,162,163,164,165,166,167,168,169,170,171,172,173,174,175,176,177,178,179,180,181,182,183,184,185,186,187,188,189,190,191,192,193,194,195,196,197,198,199,200,201,202,203,204,205,206,207,208,209,210,211,212,213,214,215,216,217,218,219,220,221,222,223,224,225,226,227,228,229,230,231,232,233,234,235,236,237,238,239,240,241,242,243,244,245,246,247,248,249,250,251,252,253,254,255]), {}, "^@^A^B^C^D^E^F^G^H^I$\n^K^L^M^N^O^P^Q^R^S^T^U^V^W^X^Y^Z^[^\\^]^^^_ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~^?M-^@M-^AM-^BM-^CM-^DM-^EM-^FM-^GM-^HM-^IM-^JM-^KM-^LM-^MM-^NM-^OM-^PM-^QM-^RM-^SM-^TM-^UM-^VM-^WM-^XM-^YM-^ZM-^[M-^\\M-^]M-^^M-^_M- M-!M-\"M-#M-$M-%M-&M-'M-(M-)M-*M-+M-,M--M-.M-/M-0M-1M-2M-3M-4M-5M-6M-7M-8M-9M-:M-;M-<M-=M->M-?M-@M-AM-BM-CM-DM-EM-FM-GM-HM-IM-JM-KM-LM-MM-NM-OM-PM-QM-RM-SM-TM-UM-VM-WM-XM-YM-ZM-[M-\\M-]M-^M-_M-`M-aM-bM-cM-dM-eM-fM-gM-hM-iM-jM-kM-lM-mM-nM-oM-pM-qM-rM-sM-tM-uM-vM-wM-xM-yM-zM-{M-|M-}M-~M-^?", "", 0],
  ["-e", ["-e"], "a\tb\u0001\n", {}, "a\tb^A$\n", "", 0],
  ["-t", ["-t"], "a\tb\u0001\n", {}, "a^Ib^A\n", "", 0],
  ["-u ignored", ["-u"], "x\n", {}, "x\n", "", 0],
  ["utf8 -A", ["-A"], "\u00e9\u20ac\n", {}, "M-CM-)M-bM-^BM-,$\n", "", 0],
  ["missing file continues", ["x", "a"], undefined, {"a": "A\n"}, "A\n", "cat: x: No such file or directory\n", 1],
  ["directory", ["d", "a"], undefined, {"a": "A\n", "d/": ""}, "A\n", "cat: d: Is a directory\n", 1],
  ["quoted missing", ["a b", "c:d"], undefined, {}, "", "cat: 'a b': No such file or directory\ncat: 'c:d': No such file or directory\n", 1],
  ["invalid option", ["-z"], "", {}, "", "cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n", 1],
  ["long options", ["--number", "--show-ends"], "a\nb\n", {}, "     1\ta$\n     2\tb$\n", "", 0],
  ["--number-nonblank --squeeze-blank", ["--number-nonblank", "--squeeze-blank"], "a\n\n\n\nb\n", {}, "     1\ta\n\n     2\tb\n", "", 0],
  ["empty", ["-n"], "", {}, "", "", 0],
  ["dash dash", ["--", "-n"], undefined, {"-n": "file named -n\n"}, "file named -n\n", "", 0],
  ["number widths", ["-n"], "x\nx\nx\nx\nx\nx\nx\nx\nx\nx\nx\nx\n", {}, "     1\tx\n     2\tx\n     3\tx\n     4\tx\n     5\tx\n     6\tx\n     7\tx\n     8\tx\n     9\tx\n    10\tx\n    11\tx\n    12\tx\n", "", 0],
  ["binary passthrough", [], new Uint8Array([0,255,254,10,13]), {}, "\u0000\udcff\udcfe\n\r", "", 0],
  ["stdin twice", ["-", "-"], "once\n", {}, "once\n", "", 0],
  ["ambiguous long", ["--show"], "", {}, "", "cat: option '--show' is ambiguous; possibilities: '--show-nonprinting' '--show-ends' '--show-tabs' '--show-all'\nTry 'cat --help' for more information.\n", 1],
  ["--help-like unknown", ["--bogus"], "", {}, "", "cat: unrecognized option '--bogus'\nTry 'cat --help' for more information.\n", 1],
  ["-E CR handling", ["-E"], "a\rb\r\n\r\r\n\r", {}, "a\rb^M$\n\r^M$\n\r", "", 0],
  ["-nE CR line", ["-nE"], "\r\n\r\n", {}, "     1\t^M$\n     2\t^M$\n", "", 0],
  ["-E CR across files", ["-E", "cr", "nlb"], undefined, {"cr": "a\r", "nlb": "\nb\n"}, "a^M$\nb$\n", "", 0],
  ["ambiguous with value", ["--show=1"], "", {}, "", "cat: option '--show=1' is ambiguous; possibilities: '--show-nonprinting' '--show-ends' '--show-tabs' '--show-all'\nTry 'cat --help' for more information.\n", 1],
  ["number doesn't take arg", ["--number=3"], "", {}, "", "cat: option '--number' doesn't allow an argument\nTry 'cat --help' for more information.\n", 1],
  ["-T CR", ["-T"], "\ta\r\n", {}, "^Ia\r\n", "", 0],
];

describe("cat", () => {
  for (const [name, args, stdin, files, stdout, stderr, status] of CASES) {
    it(name, async () => {
      const r = await runCommand(cat, { args, stdin, files });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});
