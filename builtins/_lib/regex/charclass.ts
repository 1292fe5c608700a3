import type { CharSet } from "./ast.js";

/**
 * Character classes as glibc defines them in the C.UTF-8 locale, written as
 * the inside of a JS `u`-mode character class. Both engines use these: V8
 * directly, the Pike VM and backtracker through `setTester`.
 */
const SPACE = "\\t\\n\\v\\f\\r \\u{1680}\\u{2000}-\\u{2006}\\u{2008}-\\u{200a}\\u{2028}\\u{2029}\\u{205f}\\u{3000}";
export const CLASS_SOURCE: Record<string, string> = {
  alpha: "\\p{L}",
  upper: "\\p{Lu}\\p{Lt}",
  lower: "\\p{Ll}",
  digit: "0-9",
  xdigit: "0-9A-Fa-f",
  alnum: "\\p{L}\\p{Nd}",
  word: "\\p{L}\\p{Nd}_",
  space: SPACE,
  blank: "\\t \\u{1680}\\u{2000}-\\u{2006}\\u{2008}-\\u{200a}\\u{205f}\\u{3000}",
  punct: "!-\\/:-@\\[-`{-~\\p{P}\\p{S}",
  cntrl: "\\x00-\\x1f\\x7f-\\x9f\\u{2028}\\u{2029}",
  graph: "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}",
  print: "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Zs}",
};

/** Invalid bytes (escaped as U+DC80..U+DCFF) never match `.` or a negated set in GNU tools. */
const INVALID_BYTES = "\\u{dc80}-\\u{dcff}";

/** How sets treat newline: "ordinary" (sed), "negated" (REG_NEWLINE: `.`/[^x] skip it), "never" (grep lines). */
export type NewlineMode = "ordinary" | "negated" | "never";

/** A code point as it may appear inside a JS u-mode class or pattern. */
export function cpSource(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) {
    return String.fromCharCode(cp);
  }
  return `\\u{${cp.toString(16)}}`;
}

/** The JS source of a set: `[...]` or `[^...]`. */
export function setSource(set: CharSet, newline: NewlineMode): string {
  let body = "";
  for (const [lo, hi] of set.ranges) body += lo === hi ? cpSource(lo) : `${cpSource(lo)}-${cpSource(hi)}`;
  for (const c of set.classes) body += CLASS_SOURCE[c];
  if (set.negate) {
    let extra = set.anyByte ? "" : INVALID_BYTES;
    if (newline !== "ordinary") extra += "\\n";
    return `[^${body}${extra}]`;
  }
  if (newline === "never" && body.length > 0 && matchesNewline(set)) {
    // A positive set that holds \n (e.g. [[:space:]]) must not join two lines.
    return `(?:(?!\\n)[${body}])`;
  }
  return `[${body}]`;
}

function matchesNewline(set: CharSet): boolean {
  if (set.ranges.some(([lo, hi]) => lo <= 10 && hi >= 10)) return true;
  return set.classes.some((c) => c === "space" || c === "cntrl");
}

/**
 * A membership test for one set, for the engines that walk code points.
 * Code points below 0x800 are cached in a table.
 */
export function setTester(set: CharSet, newline: NewlineMode, ignoreCase: boolean): (cp: number) => boolean {
  const re = new RegExp(`^${setSource(set, newline)}$`, ignoreCase ? "iu" : "u");
  const table = new Int8Array(0x800); // 0 unknown, 1 yes, 2 no
  return (cp) => {
    if (cp < 0x800) {
      const v = table[cp];
      if (v !== 0) return v === 1;
      const r = re.test(String.fromCodePoint(cp));
      table[cp] = r ? 1 : 2;
      return r;
    }
    return re.test(String.fromCodePoint(cp));
  };
}

/** The code points a literal matches: itself, and its case variants under ignoreCase. */
export function caseVariants(cp: number, ignoreCase: boolean): number[] {
  if (!ignoreCase) return [cp];
  const s = String.fromCodePoint(cp);
  const out = new Set<number>([cp]);
  for (const v of [s.toLowerCase(), s.toUpperCase()]) {
    if ([...v].length === 1) out.add(v.codePointAt(0)!);
  }
  return [...out];
}

let wordTester: ((cp: number) => boolean) | null = null;

/**
 * True for characters of `\w` (letters, digits, underscore), used by word assertions.
 * Built on first use: compiling its Unicode-property RegExp costs ~1 ms of every cold start.
 */
export function isWordChar(cp: number): boolean {
  return (wordTester ??= setTester({ t: "set", negate: false, ranges: [], classes: ["word"] }, "ordinary", false))(cp);
}
