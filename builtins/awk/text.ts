/**
 * Character-indexed string helpers. awk counts characters (code points in a
 * UTF-8 locale), JS strings count UTF-16 units; they differ only where a string
 * holds surrogate pairs, so the common case stays on plain indices.
 */

const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

export function hasPairs(s: string): boolean {
  return PAIR.test(s);
}

/** Length in characters. */
export function charLength(s: string): number {
  if (!hasPairs(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The UTF-16 offset of character index ci (clamped to the end). */
export function unitOffset(s: string, ci: number): number {
  let i = 0;
  for (let k = 0; k < ci && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

/** The character index of UTF-16 offset u. */
export function charIndex(s: string, u: number): number {
  if (!hasPairs(s)) return u;
  return charLength(s.slice(0, u));
}

/** Characters [start, start+len) (0-based character indices). */
export function charSlice(s: string, start: number, len: number): string {
  if (!hasPairs(s)) return s.substr(start, len);
  const a = unitOffset(s, start);
  const b = unitOffset(s, start + len);
  return s.slice(a, b);
}
