/**
 * The lexer of gnulib's parse_datetime (yylex and lookup_word): numbers with
 * their digit counts and signs, decimals to the nanosecond, words looked up
 * in its tables (months, days, units, zones, military letters), comments in
 * parentheses skipped.
 */

/** A number token: unsigned (tUNUMBER) or written with a sign (tSNUMBER). */
export interface NumTok {
  t: "unum" | "snum";
  value: number;
  digits: number;
  negative: boolean;
}

/** Meridians (the grammar's MERam, MERpm, MER24). */
export const MER_AM = 0;
export const MER_PM = 1;
export const MER_24 = 2;

export type Tok =
  | NumTok
  | { t: "udec" | "sdec"; sec: number; ns: number }
  | { t: "word"; kind: WordKind; value: number }
  | { t: "char"; c: string }
  | { t: "end" };

export type WordKind =
  | "meridian" | "month" | "day" | "zone" | "dayzone" | "localzone" | "dst" | "J" | "T"
  | "yearUnit" | "monthUnit" | "dayUnit" | "hourUnit" | "minuteUnit" | "secUnit" | "dayShift" | "ordinal" | "ago";

const HOUR = 3600;
const MONTHS = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "SEPT", "OCTOBER", "NOVEMBER", "DECEMBER"];
const MONTH_NUM = [1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 11, 12];
const DAYS: Array<[string, number]> = [
  ["SUNDAY", 0], ["MONDAY", 1], ["TUESDAY", 2], ["TUES", 2], ["WEDNESDAY", 3], ["WEDNES", 3],
  ["THURSDAY", 4], ["THUR", 4], ["THURS", 4], ["FRIDAY", 5], ["SATURDAY", 6],
];
const UNITS: Record<string, [WordKind, number]> = {
  YEAR: ["yearUnit", 1], MONTH: ["monthUnit", 1], FORTNIGHT: ["dayUnit", 14], WEEK: ["dayUnit", 7], DAY: ["dayUnit", 1],
  HOUR: ["hourUnit", 1], MINUTE: ["minuteUnit", 1], MIN: ["minuteUnit", 1], SECOND: ["secUnit", 1], SEC: ["secUnit", 1],
};
const RELATIVE: Record<string, [WordKind, number]> = {
  TOMORROW: ["dayShift", 1], YESTERDAY: ["dayShift", -1], TODAY: ["dayShift", 0], NOW: ["dayShift", 0],
  LAST: ["ordinal", -1], THIS: ["ordinal", 0], NEXT: ["ordinal", 1], FIRST: ["ordinal", 1], THIRD: ["ordinal", 3],
  FOURTH: ["ordinal", 4], FIFTH: ["ordinal", 5], SIXTH: ["ordinal", 6], SEVENTH: ["ordinal", 7], EIGHTH: ["ordinal", 8],
  NINTH: ["ordinal", 9], TENTH: ["ordinal", 10], ELEVENTH: ["ordinal", 11], TWELFTH: ["ordinal", 12],
  AGO: ["ago", -1], HENCE: ["ago", 1],
};
const UNIVERSAL: Record<string, number> = { GMT: 0, UT: 0, UTC: 0 };
const ZONES: Record<string, [WordKind, number]> = {
  WET: ["zone", 0], WEST: ["dayzone", 0], BST: ["dayzone", 0], ART: ["zone", -3 * HOUR], BRT: ["zone", -3 * HOUR],
  BRST: ["dayzone", -3 * HOUR], NST: ["zone", -(3 * HOUR + 1800)], NDT: ["dayzone", -(3 * HOUR + 1800)],
  AST: ["zone", -4 * HOUR], ADT: ["dayzone", -4 * HOUR], CLT: ["zone", -4 * HOUR], CLST: ["dayzone", -4 * HOUR],
  EST: ["zone", -5 * HOUR], EDT: ["dayzone", -5 * HOUR], CST: ["zone", -6 * HOUR], CDT: ["dayzone", -6 * HOUR],
  MST: ["zone", -7 * HOUR], MDT: ["dayzone", -7 * HOUR], PST: ["zone", -8 * HOUR], PDT: ["dayzone", -8 * HOUR],
  AKST: ["zone", -9 * HOUR], AKDT: ["dayzone", -9 * HOUR], HST: ["zone", -10 * HOUR], HAST: ["zone", -10 * HOUR],
  HADT: ["dayzone", -10 * HOUR], SST: ["zone", -12 * HOUR], WAT: ["zone", HOUR], CET: ["zone", HOUR],
  CEST: ["dayzone", HOUR], MET: ["zone", HOUR], MEZ: ["zone", HOUR], MEST: ["dayzone", HOUR], MESZ: ["dayzone", HOUR],
  EET: ["zone", 2 * HOUR], EEST: ["dayzone", 2 * HOUR], CAT: ["zone", 2 * HOUR], SAST: ["zone", 2 * HOUR],
  EAT: ["zone", 3 * HOUR], MSK: ["zone", 3 * HOUR], MSD: ["dayzone", 3 * HOUR], IST: ["zone", 5 * HOUR + 1800],
  SGT: ["zone", 8 * HOUR], KST: ["zone", 9 * HOUR], JST: ["zone", 9 * HOUR], GST: ["zone", 10 * HOUR],
  NZST: ["zone", 12 * HOUR], NZDT: ["dayzone", 12 * HOUR],
};
const MILITARY = "ABCDEFGHIKLMNOPQRSTUVWXYZ";

/** The local zone's abbreviations (standard and daylight), looked up before the fixed table. */
export type LocalZones = Array<{ name: string; isdst: number }>;

function lookupZone(word: string, local: LocalZones): [WordKind, number] | null {
  if (Object.hasOwn(UNIVERSAL, word)) return ["zone", UNIVERSAL[word]];
  const l = local.find((z) => z.name === word);
  if (l) return ["localzone", l.isdst];
  return Object.hasOwn(ZONES, word) ? ZONES[word] : null;
}

/** lookup_word: a word (letters and periods) to its token, or null. */
function lookupWord(raw: string, local: LocalZones): [WordKind, number] | null {
  let word = raw.toUpperCase();
  if (word === "AM" || word === "A.M.") return ["meridian", MER_AM];
  if (word === "PM" || word === "P.M.") return ["meridian", MER_PM];
  const abbrev = word.length === 3 || (word.length === 4 && word[3] === ".");
  for (let i = 0; i < MONTHS.length; i++) {
    if (abbrev ? MONTHS[i].startsWith(word.slice(0, 3)) : MONTHS[i] === word) return ["month", MONTH_NUM[i]];
  }
  for (const [name, n] of DAYS) if (abbrev ? name.startsWith(word.slice(0, 3)) : name === word) return ["day", n];
  const zone = lookupZone(word, local);
  if (zone) return zone;
  if (word === "DST") return ["dst", 0];
  if (Object.hasOwn(UNITS, word)) return UNITS[word];
  if (word.endsWith("S") && Object.hasOwn(UNITS, word.slice(0, -1))) return UNITS[word.slice(0, -1)];
  if (Object.hasOwn(RELATIVE, word)) return RELATIVE[word];
  if (word.length === 1) {
    // coreutils 9.1's gnulib has no 'J' (local time) letter: it is an unknown word.
    if (word === "J") return null;
    if (word === "T") return ["T", 0];
    const i = MILITARY.indexOf(word);
    if (i >= 0) {
      const offsets = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, 0];
      return ["zone", offsets[i] * HOUR];
    }
  }
  if (word.includes(".")) {
    word = word.replace(/\./g, "");
    return lookupZone(word, local);
  }
  return null;
}

const isSpace = (c: string | undefined) => c !== undefined && " \t\n\v\f\r".includes(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isAlpha = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);

/** yylex over the whole string; an unknown word or overflow is the '?' character token. */
export function tokenize(s: string, local: LocalZones): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  for (;;) {
    while (isSpace(s[i])) i++;
    const c = s[i];
    if (c === undefined) {
      out.push({ t: "end" });
      return out;
    }
    if (isDigit(c) || c === "-" || c === "+") {
      let p = i;
      let sign = 0;
      if (c === "-" || c === "+") {
        sign = c === "-" ? -1 : 1;
        p++;
        while (isSpace(s[p])) p++;
        if (!isDigit(s[p])) {
          i = p;
          continue;
        }
      }
      const start = p;
      let value = 0;
      while (isDigit(s[p])) value = value * 10 + Number(s[p++]);
      if (value > Number.MAX_SAFE_INTEGER) {
        out.push({ t: "char", c: "?" });
        i = p;
        continue;
      }
      if ((s[p] === "." || s[p] === ",") && isDigit(s[p + 1])) {
        p++;
        let frac = "";
        while (isDigit(s[p])) frac += s[p++];
        let ns = Number((frac + "000000000").slice(0, 9));
        let sec = sign < 0 ? -value : value;
        // Negative fractions truncate toward -infinity, as in yylex.
        if (sign < 0 && /[1-9]/.test(frac.slice(9))) ns++;
        if (sign < 0 && ns) {
          sec -= 1;
          ns = 1e9 - ns;
        }
        out.push({ t: sign ? "sdec" : "udec", sec, ns });
      } else {
        out.push({ t: sign ? "snum" : "unum", value: sign < 0 ? -value : value, digits: p - start, negative: sign < 0 });
      }
      i = p;
      continue;
    }
    if (isAlpha(c)) {
      let p = i;
      let word = "";
      while (isAlpha(s[p]) || s[p] === ".") {
        if (word.length < 19) word += s[p];
        p++;
      }
      i = p;
      const w = lookupWord(word, local);
      out.push(w ? { t: "word", kind: w[0], value: w[1] } : { t: "char", c: "?" });
      continue;
    }
    if (c !== "(") {
      out.push({ t: "char", c });
      i++;
      continue;
    }
    // A parenthesised comment, nested.
    let depth = 0;
    do {
      const ch = s[i++];
      if (ch === undefined) {
        out.push({ t: "end" });
        return out;
      }
      if (ch === "(") depth++;
      else if (ch === ")") depth--;
    } while (depth !== 0);
  }
}

