import { describe, expect, it } from "vitest";
import { awk } from "../../builtins/awk/awk.js";
import { runCommand } from "../helpers/command-context.js";

// Expected outputs recorded from gawk 5.2.1 (LC_ALL=C.UTF-8, TZ=UTC) by running
// each case for real; "gawk:" in its messages reads "awk:" as we are invoked as awk.
type Case = [string[], string | undefined, Record<string, string>, string, string, number];
const CASES: Case[] = [
  [["{ print $1 }"], "a b\nc d\n", {}, "a\nc\n", "", 0],
  [["-F:", "{ print $2 }"], "a:b:c\n", {}, "b\n", "", 0],
  [["BEGIN { printf \"%5.2f|%-4d|%x|%c\\n\", 3.14159, 7, 255, 65 }"], undefined, {}, " 3.14|7   |ff|A\n", "", 0],
  [["BEGIN { print 1e300 * 1e300, -1e300 * 1e300, 2^53 + 1, 0.1 + 0.2 }"], undefined, {}, "+inf -inf 9007199254740992 0.3\n", "", 0],
  [["BEGIN { x = sprintf(\"%.3e\", 12345.6789); print x }"], undefined, {}, "1.235e+04\n", "", 0],
  [["{ s += $2 } END { print s }"], "a 1\nb 2.5\n", {}, "3.5\n", "", 0],
  [["{ c[$1]++ } END { for (k in c) print k, c[k] }"], "x\ny\nx\nz\nw\nx\n", {}, "w 1\nx 3\ny 1\nz 1\n", "", 0],
  [["BEGIN { for (i = 0; i < 50; i++) a[\"k\" i * 7]; for (k in a) printf \"%s \", k; print \"\" }"], undefined, {}, "k238 k252 k77 k91 k259 k273 k98 k294 k315 k105 k336 k126 k140 k147 k161 k21 k168 k182 k203 k28 k42 k189 k224 k49 k63 k245 k84 k266 k280 k301 k287 k308 k322 k112 k329 k343 k119 k133 k0 k154 k14 k7 k175 k210 k35 k196 k217 k231 k56 k70 \n", "", 0],
  [["BEGIN { for (i = 40; i > -40; i -= 3) a[i]; for (k in a) printf \"%s \", k; print \"\" }"], undefined, {}, "-14 -8 -26 -20 -17 -35 -23 -2 -11 -29 -5 -32 -38 1 4 7 10 13 16 19 22 25 28 31 34 37 40 \n", "", 0],
  [["BEGIN { srand(3); for (i = 0; i < 400; i++) { k = int(rand() * 3000); if (rand() < 0.3) delete a[k]; else a[k] } n = 0; for (k in a) if (n++ < 40) printf \"%s \", k; print \"\" }"], undefined, {}, "367 2956 2890 2896 891 943 1012 2082 246 2070 1729 1500 1389 2103 1655 959 2715 2423 2266 154 34 2639 1082 550 2505 795 1068 1930 2633 2400 1080 1822 2979 1794 1185 131 1731 2760 1678 1399 \n", "", 0],
  [["{ n = gsub(/o+/, \"<&>\"); print n, $0 }"], "foo boo xo\n", {}, "3 f<oo> b<oo> x<o>\n", "", 0],
  [["BEGIN { print substr(\"hello\", 2, 3), index(\"hello\", \"ll\"), length(\"héllo\"), toupper(\"abc\") }"], undefined, {}, "ell 3 5 ABC\n", "", 0],
  [["BEGIN { print match(\"aXbbbY\", /b+/), RSTART, RLENGTH }"], undefined, {}, "3 3 3\n", "", 0],
  [["BEGIN { print gensub(/(a)(b)/, \"\\\\2\\\\1\", \"g\", \"abab\") }"], undefined, {}, "baba\n", "", 0],
  [["BEGIN { n = split(\"a,b,,c\", p, \",\"); print n, p[4] }"], undefined, {}, "4 c\n", "", 0],
  [["NR == 2 { next } { print NR }"], "1\n2\n3\n", {}, "1\n3\n", "", 0],
  [["BEGIN { while ((getline line < \"f\") > 0) print \"got\", line }"], undefined, {"f": "one\ntwo\n"}, "got one\ngot two\n", "", 0],
  [["BEGIN { print \"x\" > \"out\"; close(\"out\"); getline y < \"out\"; print y }"], undefined, {}, "x\n", "", 0],
  [["function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2) } BEGIN { print f(15) }"], undefined, {}, "610\n", "", 0],
  [["BEGIN { RS = \"\" } { print NR \": \" $1 }"], "a\nb\n\n\nc\n", {}, "1: a\n2: c\n", "", 0],
  [["BEGIN { RS = \"[0-9]+\" } { print $0 \"|\" RT }"], "a1b22c", {}, "a|1\nb|22\nc|\n", "", 0],
  [["BEGIN { FIELDWIDTHS = \"2 3\" } { print $2 }"], "abcdef\n", {}, "cde\n", "", 0],
  [["BEGIN { FPAT = \"[0-9]+\" } { print NF, $2 }"], "a1b22c333\n", {}, "3 22\n", "", 0],
  [["{ $3 = \"X\"; print; print NF }"], "a b\n", {}, "a b X\n3\n", "", 0],
  [["BEGIN { x; print length(x), (x == 0), (x == \"\") }"], undefined, {}, "0 1 1\n", "", 0],
  [["{ print ($1 < $2) }"], "10 9\nabc abd\n", {}, "0\n1\n", "", 0],
  [["BEGIN { print rand(), rand() }"], undefined, {}, "0.924046 0.593909\n", "", 0],
  [["BEGIN { printf \"%d %d\\n\", \"0x1A\", 1e18 }"], undefined, {}, "0 1000000000000000000\n", "", 0],
  [["BEGIN { print -0, 1/3, 100000, 1000000, 1e-5 }"], undefined, {}, "0 0.333333 100000 1000000 1e-05\n", "", 0],
  [["BEGIN { exit 3 } END { print \"end\" }"], undefined, {}, "end\n", "", 3],
  [["BEGIN { x = }"], undefined, {}, "", "awk: cmd. line:1: BEGIN { x = }\nawk: cmd. line:1:             ^ syntax error\n", 1],
  [["{ print $(-1) }"], "x\n", {}, "", "awk: cmd. line:1: (FILENAME=- FNR=1) fatal: attempt to access field -1\n", 2],
  [["BEGIN { printf \"%s %s\\n\", \"a\" }"], undefined, {}, "", "awk: cmd. line:1: fatal: not enough arguments to satisfy format string\n\t`%s %s\n'\n\t    ^ ran out for this one\n", 2],
  [["BEGIN { print length() }"], undefined, {}, "0\n", "", 0],
  [["BEGIN { a[1] = 1; a = 2 }"], undefined, {}, "", "awk: cmd. line:1: fatal: attempt to use array `a' in a scalar context\n", 2],
  [["-v", "x=a\\tb", "BEGIN { print x }"], undefined, {}, "a\tb\n", "", 0],
  [["{ print v, $0 }", "v=1", "f", "v=2", "f"], undefined, {"f": "line\n"}, "1 line\n2 line\n", "", 0],
  [["BEGIN { IGNORECASE = 1; print (\"ABC\" ~ /b/), (\"ABC\" == \"abc\") }"], undefined, {}, "1 1\n", "", 0],
  [["BEGIN { PROCINFO[\"sorted_in\"] = \"@ind_num_desc\"; a[3]; a[10]; a[1]; for (k in a) printf \"%s \", k; print \"\" }"], undefined, {}, "10 3 1 \n", "", 0],
  [["BEGIN { n = asort(a); a[\"x\"] = 3; a[\"y\"] = 1; n = asort(a, b); print n, b[1], b[2] }"], undefined, {}, "2 1 3\n", "", 0],
  [["BEGIN { print strftime(\"%Y-%m-%d %H:%M:%S\", 1700000000, 1) }"], undefined, {}, "2023-11-14 22:13:20\n", "", 0],
  [["BEGIN { print and(6, 3), or(6, 3), xor(6, 3), lshift(3, 2), compl(1) }"], undefined, {}, "2 7 5 12 18014398509481982\n", "", 0],
  [["BEGIN { print typeof(1), typeof(\"a\"), typeof(x) }"], undefined, {}, "number string untyped\n", "", 0],
  [["{ print NF }"], "a b c", {}, "3\n", "", 0],
  [["BEGIN { printf \"%c\", 256 }"], undefined, {}, "Ā", "", 0],
  [["BEGIN { OFMT = \"%.2f\"; print 3.14159, 3.14159 \"\" }"], undefined, {}, "3.14 3.14159\n", "", 0],
  [["BEGIN { printf \"%.0f %.0f %.1f %.2f\\n\", 0.5, 1.5, 0.25, 1.005 }"], undefined, {}, "0 2 0.2 1.00\n", "", 0],
  [["BEGIN { printf \"%g %g %g %#g\\n\", 1e-5, 123456789, 0.0001, 2 }"], undefined, {}, "1e-05 1.23457e+08 0.0001 2.00000\n", "", 0],
  [["BEGIN { printf \"%a\\n\", 0.1 }"], undefined, {}, "0x1.999999999999ap-4\n", "", 0],
];

describe("awk (recorded from gawk)", () => {
  for (const [args, stdin, files, stdout, stderr, status] of CASES) {
    it(args.join(" ").slice(0, 100), async () => {
      const r = await runCommand(awk, { name: "awk", args, stdin, files, env: { HOME: "/home/user", PATH: "/usr/bin:/bin" } });
      expect(r.stdout).toBe(stdout);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});
