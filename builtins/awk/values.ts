/**
 * awk values. A value is a number, a string, a strnum (text that came from input:
 * fields, getline, split, ARGV, ENVIRON, -v) or undefined (uninitialised). POSIX
 * compares two values as numbers when both are numeric (numbers, strnums that look
 * numeric, uninitialised), else as strings.
 */

/** Input text: a number when it looks like one, else a string. */
export class Strnum {
  /** Numeric value (the leading-number prefix when not numeric-looking). */
  readonly n: number;
  /** Whether the whole text (blanks aside) is a number. */
  readonly isNum: boolean;
  constructor(readonly s: string) {
    this.n = scanNumber(s);
    this.isNum = scanWhole;
  }
}

export type Value = undefined | number | string | Strnum;

/**
 * An untyped variable that has been read as a scalar: still "" and 0, but gawk
 * now refuses to use it as an array.
 */
export const UNINIT: Strnum = Object.assign(Object.create(Strnum.prototype) as Strnum, { s: "", n: 0, isNum: true });

/** Set by scanNumber: whether the whole string was a number. */
let scanWhole = false;

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * The number at the start of s, as awk converts strings (decimal only; "+inf",
 * "-nan" need their sign). Sets scanWhole when nothing but blanks follows.
 */
export function scanNumber(s: string): number {
  return scanRange(s, 0, s.length);
}

/** scanNumber on s[from, to) (a field still inside its record). */
export function scanRange(s: string, from: number, to: number): number {
  const n = to;
  let i = from;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  const start = i;
  let c = s.charCodeAt(i);
  let neg = false;
  if (c === 43 || c === 45) {
    neg = c === 45;
    i++;
    c = s.charCodeAt(i);
    // gawk: only an explicitly signed "inf"/"nan" is special.
    if ((c | 32) === 105 || (c | 32) === 110) {
      const word = s.slice(i, i + 3).toLowerCase();
      if (word === "inf" || word === "nan") {
        let j = i + 3;
        while (j < n && isSpace(s.charCodeAt(j))) j++;
        scanWhole = j === n && i + 3 === s.slice(0, n).trimEnd().length;
        if (word === "inf") return neg ? -Infinity : Infinity;
        return neg ? NEG_NAN : NaN;
      }
    }
  }
  let value = 0;
  let digits = 0;
  let simple = true;
  while (i < n) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i < n && c === 46) {
    simple = false;
    i++;
    while (i < n) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      digits++;
      i++;
    }
  }
  if (digits === 0) {
    scanWhole = false;
    return 0;
  }
  if (i < n && (c === 101 || c === 69)) {
    let j = i + 1;
    const d = s.charCodeAt(j);
    if (d === 43 || d === 45) j++;
    const e = s.charCodeAt(j);
    if (e >= 48 && e <= 57) {
      simple = false;
      j++;
      while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
      i = j;
    }
  }
  const end = i;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  scanWhole = i === n;
  if (simple && digits < 16) return neg ? -value : value;
  return Number(s.slice(start, end));
}

/** Whether the last scanNumber() consumed the whole string (a strnum that looks numeric). */
export function scannedWhole(): boolean {
  return scanWhole;
}

/** awk's string-to-number conversion. */
export function strToNum(s: string): number {
  return scanNumber(s);
}

/** Whether a string looks numeric (the strnum test). */
export function looksNumeric(s: string): boolean {
  scanNumber(s);
  return scanWhole;
}

export function toNum(v: Value): number {
  if (typeof v === "number") return v;
  if (v === undefined) return 0;
  if (typeof v === "string") return scanNumber(v);
  return v.n;
}

const f64 = new Float64Array(1);
const f64bytes = new Uint8Array(f64.buffer);

/** gawk prints NaN and infinities with their sign: "-nan", "+inf". */
export function specialToStr(n: number): string {
  if (n !== n) {
    f64[0] = n;
    return f64bytes[7] & 0x80 ? "-nan" : "+nan";
  }
  return n > 0 ? "+inf" : "-inf";
}

/** A NaN with the sign bit set, as glibc's log(-1) returns. */
export const NEG_NAN = (() => {
  f64[0] = NaN;
  f64bytes[7] |= 0x80;
  return f64[0];
})();

/** Integral values print as integers (exactly, even past 2^53); others with fmt. */
export function numToStr(n: number, fmt: string, format: (fmt: string, n: number) => string): string {
  if (Number.isInteger(n)) {
    if (n > -9007199254740992 && n < 9007199254740992) return n === 0 ? "0" : String(n);
    return BigInt(n).toString();
  }
  if (n !== n || n === Infinity || n === -Infinity) return specialToStr(n);
  return format(fmt, n);
}

/** Truthiness: numbers by value, strings by emptiness, strnums by what they look like. */
export function toBool(v: Value): boolean {
  if (typeof v === "number") return v !== 0;
  if (v === undefined) return false;
  if (typeof v === "string") return v !== "";
  return v.isNum ? v.n !== 0 : v.s !== "";
}

/** Whether a value takes part in comparisons as a number. */
export function isNumeric(v: Value): boolean {
  if (typeof v === "number" || v === undefined) return true;
  if (typeof v === "string") return false;
  return v.isNum;
}
