/**
 * The number readers of sort (coreutils 9.1 sort.c under LC_ALL=C.UTF-8, where
 * the decimal point is '.' and there is no thousands separator):
 * -n strnumcmp, -h find_unit_order + strnumcmp, -g strtold, -M getmonth.
 * All work on a byte range [s, e) of the input, never on decoded text.
 */

/** sort's "blanks": isblank() plus newline (field_sep in sort.c). */
export const BLANK = new Uint8Array(256);
BLANK[0x20] = 1;
BLANK[0x09] = 1;
BLANK[0x0a] = 1;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** A -n number split into its parts: sign, integer digits without leading zeros, fraction without trailing zeros. */
interface NumParts {
  neg: boolean;
  intStart: number;
  intEnd: number;
  fracStart: number;
  fracEnd: number;
}

function numParts(d: Uint8Array, s: number, e: number): NumParts {
  while (s < e && BLANK[d[s]]) s++;
  let neg = false;
  if (s < e && d[s] === 0x2d) {
    neg = true;
    s++;
  }
  while (s < e && d[s] === 0x30) s++;
  const intStart = s;
  while (s < e && isDigit(d[s])) s++;
  const intEnd = s;
  let fracStart = s;
  let fracEnd = s;
  if (s < e && d[s] === 0x2e) {
    fracStart = ++s;
    while (s < e && isDigit(d[s])) s++;
    fracEnd = s;
    while (fracEnd > fracStart && d[fracEnd - 1] === 0x30) fracEnd--;
  }
  return { neg, intStart, intEnd, fracStart, fracEnd };
}

/** Compares the magnitudes of two -n numbers. */
function compareMagnitude(d: Uint8Array, a: NumParts, b: NumParts): number {
  const la = a.intEnd - a.intStart;
  const lb = b.intEnd - b.intStart;
  if (la !== lb) return la < lb ? -1 : 1;
  for (let i = 0; i < la; i++) {
    const x = d[a.intStart + i] - d[b.intStart + i];
    if (x) return x < 0 ? -1 : 1;
  }
  const fa = a.fracEnd - a.fracStart;
  const fb = b.fracEnd - b.fracStart;
  const n = Math.min(fa, fb);
  for (let i = 0; i < n; i++) {
    const x = d[a.fracStart + i] - d[b.fracStart + i];
    if (x) return x < 0 ? -1 : 1;
  }
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** strnumcmp: compares the leading numbers of two keys exactly, any length. */
export function compareNumeric(d: Uint8Array, as: number, ae: number, bs: number, be: number): number {
  const a = numParts(d, as, ae);
  const b = numParts(d, bs, be);
  const za = a.intEnd === a.intStart && a.fracEnd === a.fracStart;
  const zb = b.intEnd === b.intStart && b.fracEnd === b.fracStart;
  const sa = za ? 0 : a.neg ? -1 : 1;
  const sb = zb ? 0 : b.neg ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const m = compareMagnitude(d, a, b);
  return sa < 0 ? -m : m;
}

/**
 * The value of a -n key as a double when the double orders it exactly (at most 15
 * significant digits), else NaN: the caller then falls back to compareNumeric.
 */
export function numericValue(d: Uint8Array, s: number, e: number): number {
  const p = numParts(d, s, e);
  const il = p.intEnd - p.intStart;
  const fl = p.fracEnd - p.fracStart;
  if (il === 0 && fl === 0) return 0;
  if (il + fl > 15 || p.fracEnd - p.intStart > 300) return NaN;
  let v = 0;
  for (let i = p.intStart; i < p.intEnd; i++) v = v * 10 + (d[i] - 0x30);
  if (fl > 0) {
    // Exact: parse the digits as one integer, then one correctly rounded division.
    let f = 0;
    for (let i = p.fracStart; i < p.fracEnd; i++) f = f * 10 + (d[i] - 0x30);
    v = (v * 10 ** fl + f) / 10 ** fl;
  }
  return p.neg ? -v : v;
}

/** Unit multipliers of -h (coreutils 9.1 knows K..Y; k is K). */
const UNIT_ORDER = new Int8Array(256);
"KMGTPEZY".split("").forEach((c, i) => (UNIT_ORDER[c.charCodeAt(0)] = i + 1));
UNIT_ORDER[0x6b] = 1;

/**
 * traverse_raw_number: from p (after any '-'), digits, then one '.' and more
 * digits; returns the end of the number and whether a digit was seen / a nonzero one.
 */
function rawNumber(d: Uint8Array, p: number, e: number): { end: number; digit: boolean; nonzero: boolean } {
  let digit = false;
  let nonzero = false;
  while (p < e && isDigit(d[p])) {
    digit = true;
    if (d[p++] !== 0x30) nonzero = true;
  }
  if (p < e && d[p] === 0x2e) {
    p++;
    while (p < e && isDigit(d[p])) {
      digit = true;
      if (d[p++] !== 0x30) nonzero = true;
    }
  }
  return { end: p, digit, nonzero };
}

/**
 * find_unit_order: the power suffix right after the number (negated for a
 * negative number), 0 when there is none or every digit is zero.
 */
export function unitOrder(d: Uint8Array, s: number, e: number): number {
  while (s < e && BLANK[d[s]]) s++;
  const neg = s < e && d[s] === 0x2d;
  const r = rawNumber(d, neg ? s + 1 : s, e);
  if (!r.nonzero || r.end >= e) return 0;
  const order = UNIT_ORDER[d[r.end]];
  return neg ? -order : order;
}

/** Where a -n/-h number starting at s (blanks skipped) ends, for --debug; s when there is none. */
export function numberEnd(d: Uint8Array, s: number, e: number, human: boolean): number {
  const r = rawNumber(d, s < e && d[s] === 0x2d ? s + 1 : s, e);
  if (!r.digit) return s;
  return r.end + (human && r.end < e && UNIT_ORDER[d[r.end]] ? 1 : 0);
}

const MONTHS: Record<string, number> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
};

/** Where the month name at s ends, for --debug; s when there is none. */
export function monthEnd(d: Uint8Array, s: number, e: number): number {
  return monthValue(d, s, e) ? s + 3 : s;
}

/** getmonth: 1..12 for a key starting (after blanks) with a month abbreviation, any case; else 0. */
export function monthValue(d: Uint8Array, s: number, e: number): number {
  while (s < e && BLANK[d[s]]) s++;
  if (e - s < 3) return 0;
  let name = "";
  for (let i = s; i < s + 3; i++) {
    const c = d[i];
    name += String.fromCharCode(c >= 0x61 && c <= 0x7a ? c - 32 : c);
  }
  return MONTHS[name] ?? 0;
}

/** What strtold made of a -g key: a conversion error, a NaN, or a number. */
export const enum GeneralKind {
  Error = 0,
  NaN = 1,
  Number = 2,
}

const SPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]) SPACE[c] = 1;

function lowerAt(d: Uint8Array, i: number, e: number): number {
  if (i >= e) return -1;
  const c = d[i];
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

function matchWord(d: Uint8Array, i: number, e: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (lowerAt(d, i + k, e) !== word.charCodeAt(k)) return false;
  return true;
}

const hexVal = (c: number) =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 87 : c >= 0x41 && c <= 0x46 ? c - 55 : -1;

/** strtold on a key: the kind, the value (double precision) and where the number ends. */
export function parseGeneral(d: Uint8Array, s: number, e: number): { kind: GeneralKind; value: number; end: number } {
  let i = s;
  while (i < e && SPACE[d[i]]) i++;
  let sign = 1;
  if (i < e && (d[i] === 0x2b || d[i] === 0x2d)) {
    if (d[i] === 0x2d) sign = -1;
    i++;
  }
  if (matchWord(d, i, e, "inf")) {
    const end = matchWord(d, i, e, "infinity") ? i + 8 : i + 3;
    return { kind: GeneralKind.Number, value: sign * Infinity, end };
  }
  if (matchWord(d, i, e, "nan")) {
    let end = i + 3;
    if (end < e && d[end] === 0x28) {
      let j = end + 1;
      while (j < e && (isDigit(d[j]) || lowerAt(d, j, e) >= 0x61 && lowerAt(d, j, e) <= 0x7a || d[j] === 0x5f)) j++;
      if (j < e && d[j] === 0x29) end = j + 1;
    }
    return { kind: GeneralKind.NaN, value: NaN, end };
  }
  if (i + 1 < e && d[i] === 0x30 && (d[i + 1] === 0x78 || d[i + 1] === 0x58)) {
    const hex = hexFloat(d, i + 2, e);
    if (hex !== null) return { kind: GeneralKind.Number, value: sign * hex[0], end: hex[1] };
  }
  const start = i;
  let digits = 0;
  while (i < e && isDigit(d[i])) i++, digits++;
  if (i < e && d[i] === 0x2e) {
    i++;
    while (i < e && isDigit(d[i])) i++, digits++;
  }
  if (digits === 0) return { kind: GeneralKind.Error, value: 0, end: s };
  let end = i;
  if (i < e && (d[i] === 0x65 || d[i] === 0x45)) {
    let j = i + 1;
    if (j < e && (d[j] === 0x2b || d[j] === 0x2d)) j++;
    if (j < e && isDigit(d[j])) {
      while (j < e && isDigit(d[j])) j++;
      end = j;
    }
  }
  let text = "";
  for (let k = start; k < end; k++) text += String.fromCharCode(d[k]);
  return { kind: GeneralKind.Number, value: sign * Number(text), end };
}

/** Where strtold stops, for --debug. */
export function generalEnd(d: Uint8Array, s: number, e: number): number {
  return parseGeneral(d, s, e).end;
}

/** The value and end of a hex float body (after 0x), or null when there are no hex digits. */
function hexFloat(d: Uint8Array, i: number, e: number): [number, number] | null {
  let v = 0;
  let digits = 0;
  let scale = 0;
  while (i < e && hexVal(d[i]) >= 0) v = v * 16 + hexVal(d[i++]), digits++;
  if (i < e && d[i] === 0x2e) {
    i++;
    while (i < e && hexVal(d[i]) >= 0) v = v * 16 + hexVal(d[i++]), digits++, scale -= 4;
  }
  if (digits === 0) return null;
  if (i < e && (d[i] === 0x70 || d[i] === 0x50)) {
    let j = i + 1;
    let es = 1;
    if (j < e && (d[j] === 0x2b || d[j] === 0x2d)) es = d[j++] === 0x2d ? -1 : 1;
    if (j < e && isDigit(d[j])) {
      let ex = 0;
      while (j < e && isDigit(d[j])) ex = Math.min(ex * 10 + d[j++] - 0x30, 100000);
      scale += es * ex;
      i = j;
    }
  }
  return [v * 2 ** scale, i];
}
