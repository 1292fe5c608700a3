/**
 * sort's line comparison (sort.c keycompare + compare), built once per run:
 * every key of every line is located and converted up front (a byte string, a
 * double, a month number...), so each of the n log n comparisons only compares
 * precomputed values.
 */
import { SIZE_MAX, type KeyField } from "./keyspec.js";
import type { LineTable } from "./lines.js";
import {
  BLANK, compareNumeric, parseGeneral, monthValue, numericValue, unitOrder,
} from "./numeric.js";
import { versionKey } from "./version.js";
import { compareBytes, type RadixKey } from "./radix.js";

/** Compares two line indices. */
export type LineCompare = (a: number, b: number) => number;

export interface CompareSettings {
  keys: KeyField[];
  /** The -t byte, or -1 for blank-separated fields. */
  tab: number;
  /** Global -r: reverses the last-resort comparison. */
  reverse: boolean;
  /** -s or -u: no last-resort comparison when keys tie. */
  noLastResort: boolean;
  /** Seeded PRNG for -R. */
  random: () => number;
}

/** begfield: where the key starts in line [s, e). */
export function begField(d: Uint8Array, s: number, e: number, key: KeyField, tab: number): number {
  let p = s;
  let sword = key.sword;
  if (tab >= 0) {
    while (p < e && sword-- > 0) {
      while (p < e && d[p] !== tab) p++;
      if (p < e) p++;
    }
  } else {
    while (p < e && sword-- > 0) {
      while (p < e && BLANK[d[p]]) p++;
      while (p < e && !BLANK[d[p]]) p++;
    }
  }
  if (key.skipsblanks) while (p < e && BLANK[d[p]]) p++;
  return Math.min(e, p + key.schar);
}

/** limfield: where the key ends in line [s, e). */
export function limField(d: Uint8Array, s: number, e: number, key: KeyField, tab: number): number {
  let p = s;
  let eword = key.eword;
  const echar = key.echar;
  if (echar === 0) eword++;
  if (tab >= 0) {
    while (p < e && eword-- > 0) {
      while (p < e && d[p] !== tab) p++;
      if (p < e && (eword > 0 || echar)) p++;
    }
  } else {
    while (p < e && eword-- > 0) {
      while (p < e && BLANK[d[p]]) p++;
      while (p < e && !BLANK[d[p]]) p++;
    }
  }
  if (echar !== 0) {
    if (key.skipeblanks) while (p < e && BLANK[d[p]]) p++;
    p = Math.min(e, p + echar);
  }
  return p;
}

/** The key's byte range in every line. */
function keyRanges(lines: LineTable, key: KeyField, tab: number): [Int32Array, Int32Array] {
  const { data: d, starts, ends, count } = lines;
  const kb = new Int32Array(count);
  const ke = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const s = starts[i];
    const e = ends[i];
    const lim = key.eword === SIZE_MAX ? e : limField(d, s, e, key, tab);
    let beg: number;
    if (key.sword !== SIZE_MAX) beg = begField(d, s, e, key, tab);
    else {
      beg = s;
      if (key.skipsblanks) while (beg < lim && BLANK[d[beg]]) beg++;
    }
    kb[i] = beg;
    ke[i] = lim < beg ? beg : lim;
  }
  return [kb, ke];
}

const FOLD = /[a-z]+/g;
const NOT_DICTIONARY = /[^A-Za-z0-9 \t\n]+/g;
const NOT_PRINTABLE = /[^\x20-\x7e]+/g;
const upper = (m: string) => m.toUpperCase();

/** The key text of every line as byte strings, after -d/-i and -f. */
function keyStrings(text: string, kb: Int32Array, ke: Int32Array, key: KeyField): string[] {
  const out = new Array<string>(kb.length);
  for (let i = 0; i < kb.length; i++) {
    let s = text.substring(kb[i], ke[i]);
    if (key.ignore === "d") s = s.replace(NOT_DICTIONARY, "");
    else if (key.ignore === "i") s = s.replace(NOT_PRINTABLE, "");
    if (key.translate) s = s.replace(FOLD, upper);
    out[i] = s;
  }
  return out;
}

const compareStrings = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** A seeded 53-bit hash of each key, for -R: equal keys hash equal, order is random otherwise. */
function randomHashes(strs: string[], random: () => number): Float64Array {
  const s1 = (random() * 2 ** 32) >>> 0;
  const s2 = (random() * 2 ** 32) >>> 0;
  const out = new Float64Array(strs.length);
  for (let i = 0; i < strs.length; i++) {
    const s = strs[i];
    let h1 = s1 ^ 0x811c9dc5;
    let h2 = s2 ^ 0x01000193;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
    h1 ^= h1 >>> 13;
    h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35);
    h2 ^= h2 >>> 16;
    out[i] = (h1 >>> 0) * 2 ** 21 + ((h2 >>> 0) & 0x1fffff);
  }
  return out;
}

/** The comparison of one key, before -r. */
function keyCompare(lines: LineTable, text: () => string, key: KeyField, s: CompareSettings): LineCompare {
  const d = lines.data;
  const [kb, ke] = keyRanges(lines, key, s.tab);
  const n = lines.count;
  if (key.numeric || key.human) {
    const v = new Float64Array(n);
    const units = key.human ? new Int8Array(n) : null;
    for (let i = 0; i < n; i++) {
      v[i] = numericValue(d, kb[i], ke[i]);
      if (units) units[i] = unitOrder(d, kb[i], ke[i]);
    }
    return (a, b) => {
      if (units && units[a] !== units[b]) return units[a] - units[b];
      const x = v[a];
      const y = v[b];
      if (x === x && y === y) return x < y ? -1 : x > y ? 1 : 0;
      return compareNumeric(d, kb[a], ke[a], kb[b], ke[b]);
    };
  }
  if (key.general) {
    const v = new Float64Array(n);
    const kind = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      const g = parseGeneral(d, kb[i], ke[i]);
      kind[i] = g.kind;
      v[i] = g.value;
    }
    return (a, b) => {
      if (kind[a] !== kind[b]) return kind[a] - kind[b];
      const x = v[a];
      const y = v[b];
      return x < y ? -1 : x > y ? 1 : 0;
    };
  }
  if (key.month) {
    const m = new Int8Array(n);
    for (let i = 0; i < n; i++) m[i] = monthValue(d, kb[i], ke[i]);
    return (a, b) => m[a] - m[b];
  }
  const strs = keyStrings(text(), kb, ke, key);
  if (key.random) {
    const h = randomHashes(strs, s.random);
    return (a, b) => (h[a] < h[b] ? -1 : h[a] > h[b] ? 1 : compareStrings(strs[a], strs[b]));
  }
  if (key.version) {
    const vk = strs.map(versionKey);
    return (a, b) => compareStrings(vk[a], vk[b]);
  }
  return (a, b) => compareStrings(strs[a], strs[b]);
}

/** A plain key (no -d/-i/-f, no numeric or special ordering) compares raw bytes. */
function isPlainKey(k: KeyField): boolean {
  return !(k.ignore || k.translate || k.numeric || k.general || k.human || k.month || k.random || k.version);
}

/** What sort needs: the full comparison, and the radix-sortable first part when there is one. */
export interface SortComparison {
  cmp: LineCompare;
  /** The first ordering, by raw key bytes (radix-sortable), or null. */
  radix: RadixKey | null;
  /** What decides between lines whose radix keys are equal (null: nothing, they tie). */
  rest: LineCompare | null;
}

/** Chains comparisons: the first nonzero result wins. */
function chain(cmps: LineCompare[]): LineCompare | null {
  if (cmps.length === 0) return null;
  if (cmps.length === 1) return cmps[0];
  if (cmps.length === 2) {
    const [x, y] = cmps;
    return (a, b) => x(a, b) || y(a, b);
  }
  return (a, b) => {
    for (let k = 0; k < cmps.length; k++) {
      const diff = cmps[k](a, b);
      if (diff) return diff;
    }
    return 0;
  };
}

/** The full comparison of sort: keys in order, then (unless -s/-u) the whole line. */
export function buildComparison(lines: LineTable, text: () => string, s: CompareSettings): SortComparison {
  const d = lines.data;
  const parts: LineCompare[] = [];
  let radix: RadixKey | null = null;
  s.keys.forEach((k, n) => {
    let c: LineCompare;
    if (isPlainKey(k)) {
      const [kb, ke] = keyRanges(lines, k, s.tab);
      if (n === 0) radix = { data: d, kb, ke, reverse: k.reverse };
      c = (a, b) => compareBytes(d, kb[a], ke[a], kb[b], ke[b]);
    } else {
      c = keyCompare(lines, text, k, s);
    }
    parts.push(k.reverse ? (a: number, b: number) => -c(a, b) : c);
  });
  if (s.keys.length === 0 || !s.noLastResort) {
    const { starts, ends } = lines;
    const last: LineCompare = s.reverse
      ? (a, b) => compareBytes(d, starts[b], ends[b], starts[a], ends[a])
      : (a, b) => compareBytes(d, starts[a], ends[a], starts[b], ends[b]);
    if (s.keys.length === 0) radix = { data: d, kb: starts, ke: ends, reverse: s.reverse };
    parts.push(last);
  }
  const cmp = chain(parts) ?? (() => 0);
  return { cmp, radix, rest: radix ? chain(parts.slice(1)) : null };
}
