/**
 * gnulib filenvercmp (the 2022 version in coreutils 9.1), used by sort -V and
 * ls -v: Debian version comparison with file-suffix handling and the special
 * ordering of ".", ".." and hidden names. Works on byte strings (one char per
 * byte, see sort/lines.ts), so char codes are bytes.
 */

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Length of s[0..len) without its suffix (\.[A-Za-z~][A-Za-z0-9~]*)*$ . */
function prefixLength(d: string, n: number): number {
  let prefixlen = 0;
  for (let i = 0; ; ) {
    if (i === n) return prefixlen;
    i++;
    prefixlen = i;
    while (i + 1 < n && d.charCodeAt(i) === 0x2e && (isAlpha(d.charCodeAt(i + 1)) || d.charCodeAt(i + 1) === 0x7e)) {
      for (i += 2; i < n && (isAlpha(d.charCodeAt(i)) || isDigit(d.charCodeAt(i)) || d.charCodeAt(i) === 0x7e); i++);
    }
  }
}

/** The sort weight of the byte at pos (pos === len sorts before all but '~'). */
function order(d: string, pos: number, len: number): number {
  if (pos === len) return -1;
  const c = d.charCodeAt(pos);
  if (isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 0x7e) return -2;
  return c + 256;
}

function verrevcmp(a: string, alen: number, b: string, blen: number): number {
  let ap = 0;
  let bp = 0;
  while (ap < alen || bp < blen) {
    let firstDiff = 0;
    while ((ap < alen && !isDigit(a.charCodeAt(ap))) || (bp < blen && !isDigit(b.charCodeAt(bp)))) {
      const ac = order(a, ap, alen);
      const bc = order(b, bp, blen);
      if (ac !== bc) return ac - bc;
      ap++;
      bp++;
    }
    while (ap < alen && a.charCodeAt(ap) === 0x30) ap++;
    while (bp < blen && b.charCodeAt(bp) === 0x30) bp++;
    while (ap < alen && bp < blen && isDigit(a.charCodeAt(ap)) && isDigit(b.charCodeAt(bp))) {
      if (!firstDiff) firstDiff = a.charCodeAt(ap) - b.charCodeAt(bp);
      ap++;
      bp++;
    }
    if (ap < alen && isDigit(a.charCodeAt(ap))) return 1;
    if (bp < blen && isDigit(b.charCodeAt(bp))) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/** Compares versions a and b. */
export function compareVersion(a: string, b: string): number {
  const alen = a.length;
  const blen = b.length;
  if (alen === 0) return blen === 0 ? 0 : -1;
  if (blen === 0) return 1;
  if (a.charCodeAt(0) === 0x2e) {
    if (b.charCodeAt(0) !== 0x2e) return -1;
    const adot = alen === 1;
    const bdot = blen === 1;
    if (adot) return bdot ? 0 : -1;
    if (bdot) return 1;
    const adotdot = a.charCodeAt(1) === 0x2e && alen === 2;
    const bdotdot = b.charCodeAt(1) === 0x2e && blen === 2;
    if (adotdot) return bdotdot ? 0 : -1;
    if (bdotdot) return 1;
  } else if (b.charCodeAt(0) === 0x2e) {
    return 1;
  }
  const ap = prefixLength(a, alen);
  const bp = prefixLength(b, blen);
  const onePassOnly = ap === alen && bp === blen;
  const result = verrevcmp(a, ap, b, bp);
  return result || onePassOnly ? result : verrevcmp(a, alen, b, blen);
}

/** Character codes of the sortable encoding (see versionKey). */
const TILDE = 1;
const TERM = 2;

/** Encodes s[0..len) so that plain string order equals verrevcmp's order (see versionKey). */
function encodeVersion(s: string, len: number): string {
  const out: number[] = [];
  let pos = 0;
  do {
    // A run of non-digits: each char by its weight, then the terminator.
    for (; pos < len && !isDigit(s.charCodeAt(pos)); pos++) {
      const c = s.charCodeAt(pos);
      out.push(c === 0x7e ? TILDE : isAlpha(c) ? c + 3 : c + 259);
    }
    out.push(TERM);
    while (pos < len && s.charCodeAt(pos) === 0x30) pos++;
    const digits = pos;
    while (pos < len && isDigit(s.charCodeAt(pos))) pos++;
    out.push(Math.min(pos - digits, 0xffff));
    for (let k = digits; k < pos; k++) out.push(s.charCodeAt(k));
  } while (pos < len);
  // The end compares like the end of a run: above '~', below other characters.
  out.push(TERM);
  let r = "";
  for (let i = 0; i < out.length; i += 4096) r += String.fromCharCode(...out.slice(i, i + 4096));
  return r;
}

/**
 * A precomputed form of filenvercmp for sorting many strings: plain string
 * order of the keys has the sign of compareVersion. The first char ranks empty,
 * ".", "..", hidden and other names; then come the encoded name without its
 * suffix and the encoded whole name (the second pass of filenvercmp). Non-digit
 * runs become per-char weights ('~' lowest, then the end of the run, letters,
 * other bytes) and digit runs their length without leading zeros, then the
 * digits. Only the first run can be empty (a leading number), so the runs of
 * two keys stay aligned and no encoding is a proper prefix of another.
 */
export function versionKey(s: string): string {
  const len = s.length;
  if (len === 0) return "\0";
  if (s === ".") return "\x01";
  if (s === "..") return "\x02";
  const rank = s.charCodeAt(0) === 0x2e ? "\x03" : "\x04";
  const p = prefixLength(s, len);
  const prefix = encodeVersion(s, p);
  return rank + prefix + (p === len ? prefix : encodeVersion(s, len));
}
