import { describe, expect, it } from "vitest";
import { compileRegex, RegexSyntaxError, type RegexOptions } from "../../builtins/_lib/regex/index.js";
import { compileGlob } from "../../builtins/_lib/regex/glob.js";

// Expected values recorded from the real tools (LC_ALL=C.UTF-8): match spans from GNU sed 4.9
// `s/RE/[&]/`, error texts from GNU grep 3.8, glob results from bash 5.2 `[[ s == pat ]]`.
type MatchCase = [syntax: "BRE" | "ERE", pattern: string, text: string, span: [number, number] | null];
const MATCHES: MatchCase[] = [
  ["BRE", "ab\\|abcd", "abcd", [0, 4]],
  ["BRE", "a*\\(ab\\)\\?", "aab", [0, 3]],
  ["ERE", "(a|ab)(c|bcd)?", "abc", [0, 3]],
  ["BRE", "x*", "aXb", [0, 0]],
  ["BRE", "\\(a*\\)\\1", "xaaaay", [0, 0]],
  ["ERE", "[[:alpha:]]+", "12héllo wörld", [2, 7]],
  ["BRE", "\\<w", "a wx", [2, 3]],
  ["ERE", "a|ab|abc", "abcd", [0, 3]],
  ["ERE", "(foo|foobar)(bar)?", "foobarbar", [0, 9]],
  ["ERE", "x(y|yz)?z?", "xyz", [0, 3]],
  ["BRE", "a\\{2,3\\}", "aaaa", [0, 3]],
  ["ERE", "a{,2}", "aaa", [0, 2]],
  ["ERE", "(a|b)*c", "abbac", [0, 5]],
  ["ERE", "(ab|a)(bc|c)", "abc", [0, 3]],
  ["ERE", "(a*)(a|b)", "aab", [0, 3]],
  ["BRE", "[]a]*", "]a]b", [0, 3]],
  ["BRE", "[^]a]", "]ab", [2, 3]],
  ["ERE", "\\bfo+\\b", "xfoo foo", [5, 8]],
  ["ERE", "\\Bo", "foo", [1, 2]],
  ["ERE", "o\\>", "foo bar", [2, 3]],
  ["ERE", "\\w+", "--ab_1--", [2, 6]],
  ["ERE", "\\W+", "ab--cd", [2, 4]],
  ["ERE", "\\s+", "a \t b", [1, 4]],
  ["ERE", "\\S+", "  ab  ", [2, 4]],
  ["BRE", "a\\+b\\?", "caab", [1, 4]],
  ["BRE", "*a", "x*a", [1, 3]],
  ["BRE", "^*a", "*a", [0, 2]],
  ["ERE", "a^b", "a^b", null],
  ["BRE", "a^b", "a^b", [0, 3]],
  ["BRE", "a$b", "a$b", [0, 3]],
  ["ERE", "[a-c]+", "xxbcay", [2, 5]],
  ["ERE", "[[:digit:][:upper:]]+", "abC9Dx", [2, 5]],
  ["ERE", "[.]", "a.b", [1, 2]],
  ["ERE", "a.c", "a\nc", [0, 3]],
  ["ERE", "(.)\\1", "abccd", [2, 4]],
  ["ERE", "(a)|b\\1", "b", null],
  ["ERE", "(a+|b)*", "ab", [0, 2]],
  ["ERE", "(a|ab)*c", "ababc", [0, 5]],
  ["ERE", "é+", "aéés", [1, 3]],
  ["ERE", "(x|xy)(z|yz)", "xyz", [0, 3]],
  ["ERE", "()", "abc", [0, 0]],
  ["ERE", "a?b?c?", "abc", [0, 3]],
  ["ERE", "(ab)*(abab)", "ababab", [0, 6]],
  ["BRE", "\\(ab\\)*\\1", "ababab", [0, 6]],
  ["ERE", "[[:punct:]]+", "a,.;b", [1, 4]],
  ["ERE", "[^[:space:]]+", "  xy z", [2, 4]],
  ["ERE", "colou?r", "the colour", [4, 10]],
  ["ERE", "(a|aa)+$", "aaaa", [0, 4]],
  ["ERE", "(wee|week)(knights|night)", "weeknights", [0, 10]],
  ["ERE", "(.*)(.*)", "abc", [0, 3]],
  ["ERE", "(a*)+", "aaa", [0, 3]],
  ["ERE", "(a*)*b", "aab", [0, 3]],
  ["ERE", "x{0}y", "xy", [1, 2]],
];
const ERRORS: Array<[syntax: "BRE" | "ERE", pattern: string, message: string]> = [
  ["BRE", "a\\{1", "Unmatched \\{"],
  ["BRE", "\\(", "Unmatched ( or \\("],
  ["ERE", "(", "Unmatched ( or \\("],
  ["BRE", "a\\)", "Unmatched ) or \\)"],
  ["BRE", "[a", "Unmatched [, [^, [:, [., or [="],
  ["BRE", "[[:foo:]]", "Invalid character class name"],
  ["BRE", "\\1", "Invalid back reference"],
  ["BRE", "[b-a]", "Invalid range end"],
  ["BRE", "a\\{99999\\}", "Regular expression too big"],
  ["BRE", "a\\{1,0\\}", "Invalid content of \\{\\}"],
  ["ERE", "a{1,0}", "Invalid content of \\{\\}"],
  ["BRE", "[[.ab.]]", "Invalid collation character"],
  ["BRE", "a\\", "Trailing backslash"],
  ["BRE", "\\(a\\1\\)", "Invalid back reference"],
  ["BRE", "[[:alpha:]-z]", "Invalid range end"],
  ["BRE", "[a-b-c]", "Invalid range end"],
  ["ERE", "a{32768}", "Regular expression too big"],
  ["BRE", "[[:alpha:]", "Unmatched [, [^, [:, [., or [="],
  ["BRE", "[", "Invalid regular expression"],
  ["BRE", "[é-ë]", "Invalid collation character"],
  ["ERE", "[a-é]", "Invalid collation character"],
];
const GLOBS: Array<[pattern: string, text: string, extglob: boolean, matches: boolean]> = [
  ["*.txt", "a.txt", false, true],
  ["*.txt", "a.txtx", false, false],
  ["a?c", "abc", false, true],
  ["[!a]x", "bx", false, true],
  ["[!a]x", "ax", false, false],
  ["[^a]x", "ax", false, false],
  ["[[:digit:]]*", "1abc", false, true],
  ["@(foo|bar).c", "bar.c", true, true],
  ["!(foo).c", "foo.c", true, false],
  ["!(foo).c", "fo.c", true, true],
  ["+(ab)", "ababab", true, true],
  ["*(a|b)c", "abbac", true, true],
  ["[a", "[a", false, true],
  ["\\*", "*", false, true],
  ["\\*", "a", false, false],
  ["!(*.c|*.h)", "x.c", true, false],
  ["!(*.c|*.h)", "x.o", true, true],
  ["?(x)y", "y", true, true],
  ["?(x)y", "xxy", true, false],
  ["a*b*c", "aXbYc", false, true],
  ["*", "", false, true],
  ["?", "", false, false],
  ["[]]", "]", false, true],
  ["[a-]", "-", false, true],
  ["x!(y)z", "xz", true, true],
  ["x!(y)z", "xyz", true, false],
  ["*([0-9])", "123", true, true],
  ["*([0-9])", "12a", true, false],
  ["[[:upper:]]*", "Abc", false, true],
  ["é?", "éx", false, true],
];

describe("regex layer: leftmost-longest matches as GNU", () => {
  for (const [syntax, pattern, text, span] of MATCHES) {
    it(`${syntax} ${JSON.stringify(pattern)} on ${JSON.stringify(text)}`, () => {
      const m = compileRegex(pattern, { syntax, escapes: "sed" }).exec(text);
      expect(m ? [m.index, m.end] : null).toEqual(span);
    });
  }
});

describe("regex layer: GNU error messages", () => {
  for (const [syntax, pattern, message] of ERRORS) {
    it(`${syntax} ${JSON.stringify(pattern)}`, () => {
      let thrown: unknown;
      try {
        compileRegex(pattern, { syntax, rparenLiteral: true });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(RegexSyntaxError);
      expect((thrown as Error).message).toBe(message);
    });
  }
});

describe("regex layer: submatches", () => {
  // From GNU sed: echo abc | sed -E 's/(a|ab)(c|bcd)?/[\1,\2]/' -> [ab,c]
  it("POSIX groups follow the longest overall match", () => {
    const m = compileRegex("(a|ab)(c|bcd)?", { syntax: "ERE" }).exec("abc")!;
    expect(Array.from(m.spans)).toEqual([0, 3, 0, 2, 2, 3]);
  });
  it("unset group is -1", () => {
    const m = compileRegex("a(b)?c", { syntax: "ERE" }).exec("ac")!;
    expect(Array.from(m.spans)).toEqual([0, 2, -1, -1]);
  });
  it("exec from an offset does not match ^ there", () => {
    const re = compileRegex("^a", { syntax: "ERE" });
    expect(re.exec("aa", 1)).toBeNull();
  });
  it("multiline ^ and $ match at newlines", () => {
    const re = compileRegex("^b$", { syntax: "BRE", multiline: true });
    expect(re.exec("a\nb\nc")).toMatchObject({ index: 2, end: 3 });
  });
  it("lineMode never lets a match cross a newline", () => {
    const re = compileRegex("a[^x]*b", { syntax: "BRE", lineMode: true });
    expect(re.find("a\nb", 0)).toBeNull();
    expect(re.find("a\nacb", 0)).toEqual({ index: 2, end: 5 });
  });
  it("ignoreCase", () => {
    expect(compileRegex("ÉCOLE", { syntax: "BRE", ignoreCase: true }).test("une école")).toBe(true);
  });
});

/** Runs fn and fails when it takes longer than ms. */
function bounded<T>(ms: number, fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  expect(performance.now() - t0).toBeLessThan(ms);
  return r;
}

describe("regex DoS: no pattern stalls the host", () => {
  const as = "a".repeat(50_000) + "!";
  const xs = "x".repeat(50_000);
  const opts: RegexOptions = { syntax: "ERE" };
  // Whether each matches was checked with GNU grep -cE on the same kind of input.
  const cases: Array<[string, string, boolean]> = [
    ["(a+)+$", as, false], ["(a|aa)+$", as, false], ["(x+x+)+y", xs, false], ["(a*)*$", as, true],
    ["(a|a?)+$", as, true], ["((a+)|(b+))+$", as, false], ["(a+){1,10}b", as, false], ["(.*a){12}!x", as, false],
    ["a*a*a*a*a*a*b", as, false], ["(\\w+\\s?)+$", "word ".repeat(10_000) + "!", false],
    ["^(([a-z])+.)+[A-Z]([a-z])+$", as, false], [".*.*.*=.*", xs, false],
  ];
  for (const [pattern, text, matches] of cases) {
    it(`${pattern} on ${text.length} characters`, () => {
      const re = compileRegex(pattern, opts);
      expect(bounded(3000, () => re.exec(text)) !== null).toBe(matches);
      expect(bounded(3000, () => re.find(text, 0)) !== null).toBe(matches);
    });
  }
  it("BRE forms too", () => {
    const re = compileRegex("\\(a*\\)*b", { syntax: "BRE" });
    expect(bounded(3000, () => re.test(as))).toBe(false);
  });
  it("many lines of a grep buffer stay linear", () => {
    const buf = ("a".repeat(200) + "!\n").repeat(2000);
    const re = compileRegex("(a|aa)+$", { syntax: "ERE", lineMode: true });
    expect(bounded(3000, () => re.find(buf, 0))).toBeNull();
  });
  it("back-references are bounded by the budget", () => {
    let steps = 0;
    const budget = {
      step() {
        if (++steps > 1000) throw new Error("budget exhausted");
      },
    };
    const re = compileRegex("\\(a*\\)*\\1b", { syntax: "BRE", budget });
    expect(() => bounded(5000, () => re.exec("a".repeat(300)))).toThrow("budget exhausted");
  });
  it("glob patterns stay bounded", () => {
    const g = compileGlob("*a*a*a*a*a*b");
    expect(bounded(3000, () => g.test("a".repeat(20_000)))).toBe(false);
  });
});

describe("glob layer as bash", () => {
  for (const [pattern, text, extglob, matches] of GLOBS) {
    it(`[[ ${JSON.stringify(text)} == ${pattern} ]]${extglob ? " (extglob)" : ""}`, () => {
      expect(compileGlob(pattern, { extglob }).test(text)).toBe(matches);
    });
  }
  it("pathname: * does not cross /", () => {
    expect(compileGlob("*.c", { pathname: true }).test("a/b.c")).toBe(false);
    expect(compileGlob("*/*.c", { pathname: true }).test("a/b.c")).toBe(true);
  });
  it("nocase", () => {
    expect(compileGlob("*.TXT", { nocase: true }).test("a.txt")).toBe(true);
  });
});
