/**
 * sort's key fields: parsing -k POS1[,POS2] and the obsolete +POS1 [-POS2],
 * the ordering letters (bdfgiMhnRrV), inheritance of the global options, and
 * the "options '-Mn' are incompatible" check (coreutils 9.1 sort.c).
 */

/** SIZE_MAX in sort.c: "no field given" (whole line from its start / to its end). */
export const SIZE_MAX = Number.MAX_SAFE_INTEGER;

/** One key (struct keyfield). Positions are zero-based as in sort.c. */
export interface KeyField {
  sword: number;
  schar: number;
  eword: number;
  echar: number;
  skipsblanks: boolean;
  skipeblanks: boolean;
  /** -d (dictionary) or -i (printable only): which bytes the key ignores. */
  ignore: "d" | "i" | null;
  /** -f: fold a-z to A-Z. */
  translate: boolean;
  numeric: boolean;
  general: boolean;
  human: boolean;
  month: boolean;
  random: boolean;
  version: boolean;
  reverse: boolean;
  /** Given in the obsolete +POS1 -POS2 form (--debug mentions it). */
  traditional?: boolean;
}

export function newKey(): KeyField {
  return {
    sword: SIZE_MAX, schar: 0, eword: SIZE_MAX, echar: 0,
    skipsblanks: false, skipeblanks: false, ignore: null, translate: false,
    numeric: false, general: false, human: false, month: false, random: false, version: false,
    reverse: false,
  };
}

/** A bad -k, with sort.c's two-part message ("field number is zero: invalid field specification ‘0’"). */
export class KeySpecError extends Error {}

type BlankType = "start" | "end" | "both";

/** set_ordering: applies ordering letters; returns the index of the first other character. */
export function setOrdering(s: string, i: number, key: KeyField, blank: BlankType): number {
  for (; i < s.length; i++) {
    switch (s[i]) {
      case "b":
        if (blank !== "end") key.skipsblanks = true;
        if (blank !== "start") key.skipeblanks = true;
        break;
      case "d": key.ignore = "d"; break;
      case "f": key.translate = true; break;
      case "g": key.general = true; break;
      case "h": key.human = true; break;
      // -d implies -i, but -i does not override -d.
      case "i": if (!key.ignore) key.ignore = "i"; break;
      case "M": key.month = true; break;
      case "n": key.numeric = true; break;
      case "R": key.random = true; break;
      case "r": key.reverse = true; break;
      case "V": key.version = true; break;
      default: return i;
    }
  }
  return i;
}

/**
 * parse_field_count: a decimal count at s[i]; returns [value, next index], or
 * null when there is no number (huge numbers saturate at SIZE_MAX).
 */
function parseCount(s: string, i: number): [number, number] | null {
  let j = i;
  while (j < s.length && " \t\n\v\f\r".includes(s[j])) j++;
  if (s[j] === "+") j++;
  const digits = j;
  while (j < s.length && s[j] >= "0" && s[j] <= "9") j++;
  if (j === digits) return null;
  const v = Number(s.slice(digits, j));
  return [v > SIZE_MAX ? SIZE_MAX : v, j];
}

function countOrThrow(spec: string, s: string, i: number, what: string): [number, number] {
  const r = parseCount(s, i);
  if (!r) throw new KeySpecError(`${what}: invalid count at start of \u2018${s.slice(i)}\u2019`);
  return r;
}

function bad(spec: string, what: string): never {
  throw new KeySpecError(`${what}: invalid field specification \u2018${spec}\u2019`);
}

/** Parses a -k argument. */
export function parseKeySpec(spec: string): KeyField {
  const key = newKey();
  let [n, i] = countOrThrow(spec, spec, 0, "invalid number at field start");
  if (n === 0) bad(spec, "field number is zero");
  key.sword = n - 1;
  if (spec[i] === ".") {
    [n, i] = countOrThrow(spec, spec, i + 1, "invalid number after '.'");
    if (n === 0) bad(spec, "character offset is zero");
    key.schar = n - 1;
  }
  if (!(key.sword || key.schar)) key.sword = SIZE_MAX;
  i = setOrdering(spec, i, key, "start");
  if (spec[i] !== ",") {
    key.eword = SIZE_MAX;
    key.echar = 0;
  } else {
    [n, i] = countOrThrow(spec, spec, i + 1, "invalid number after ','");
    if (n === 0) bad(spec, "field number is zero");
    key.eword = n - 1;
    if (spec[i] === ".") [key.echar, i] = countOrThrow(spec, spec, i + 1, "invalid number after '.'");
    i = setOrdering(spec, i, key, "end");
  }
  if (i < spec.length) bad(spec, "stray character in field spec");
  return key;
}

/**
 * The obsolete form: +POS1 (zero-based field[.char] plus letters), optionally with
 * the following -POS2. Returns null when pos1 is not a valid +POS1 (then it is a file).
 */
export function parseObsoleteKey(pos1: string, pos2: string | undefined): KeyField | null {
  const key = newKey();
  let r = parseCount(pos1, 1);
  if (!r) return null;
  let i: number;
  [key.sword, i] = r;
  if (pos1[i] === ".") {
    r = parseCount(pos1, i + 1);
    if (!r) return null;
    [key.schar, i] = r;
  }
  if (!(key.sword || key.schar)) key.sword = SIZE_MAX;
  if (setOrdering(pos1, i, key, "start") !== pos1.length) return null;
  if (pos2 !== undefined) {
    [key.eword, i] = countOrThrow(pos2, pos2, 1, "invalid number after '-'");
    if (pos2[i] === ".") [key.echar, i] = countOrThrow(pos2, pos2, i + 1, "invalid number after '.'");
    // "-POS2" counts fields before the end; with no .char it ends the previous field.
    if (!key.echar && key.eword) key.eword--;
    if (setOrdering(pos2, i, key, "end") !== pos2.length) bad(pos2, "stray character in field spec");
  }
  key.traditional = true;
  return key;
}

/** default_key_compare: true when the key has no ordering option (reverse aside). */
export function isDefaultKey(k: KeyField): boolean {
  return !(
    k.ignore || k.translate || k.skipsblanks || k.skipeblanks || k.numeric || k.general ||
    k.human || k.month || k.version || k.random
  );
}

/** A key without options of its own takes the global ones (sort.c main). */
export function inheritGlobal(key: KeyField, g: KeyField): void {
  if (!isDefaultKey(key) || key.reverse) return;
  key.ignore = g.ignore;
  key.translate = g.translate;
  key.skipsblanks = g.skipsblanks;
  key.skipeblanks = g.skipeblanks;
  key.month = g.month;
  key.numeric = g.numeric;
  key.general = g.general;
  key.human = g.human;
  key.version = g.version;
  key.random = g.random;
  key.reverse = g.reverse;
}

/**
 * key_to_opts: the letters of a key's options. check_ordering_compatibility
 * clears b and r first (`ordering` true): its message names only the orderings.
 */
export function optionLetters(k: KeyField, ordering = false): string {
  let s = !ordering && (k.skipsblanks || k.skipeblanks) ? "b" : "";
  if (k.ignore === "d") s += "d";
  if (k.translate) s += "f";
  if (k.general) s += "g";
  if (k.human) s += "h";
  if (k.ignore === "i") s += "i";
  if (k.month) s += "M";
  if (k.numeric) s += "n";
  if (k.random) s += "R";
  if (!ordering && k.reverse) s += "r";
  if (k.version) s += "V";
  return s;
}

/** check_ordering_compatibility: the letters to complain about, or null when the key is fine. */
export function incompatibleLetters(k: KeyField): string | null {
  const n = +k.numeric + +k.general + +k.human + +k.month + +(k.version || k.random || !!k.ignore);
  return n > 1 ? optionLetters(k, true) : null;
}
