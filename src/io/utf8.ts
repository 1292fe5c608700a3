/**
 * Bytes <-> strings without losing bytes. Valid UTF-8 decodes to ordinary
 * characters; each byte of an invalid sequence decodes to U+DC80..U+DCFF (a lone
 * low surrogate, as Python's "surrogateescape"), and encodes back to that byte.
 * So text tools see characters where the input is UTF-8 and still pass binary
 * data through unchanged.
 */

// Made on first use: a fatal TextDecoder costs ~0.1 ms to make (Node loads its encoding module
// for the first TextEncoder/TextDecoder), and short ASCII never needs one (cold start).
let fatalDecoder: TextDecoder | undefined;
let encoder: TextEncoder | undefined;
const ESCAPED = /[\uDC80-\uDCFF]/;

/** Decodes bytes; invalid sequences become escaped bytes (see above). */
export function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.length === 0) return "";
  let ascii = true;
  // Short ASCII strings are the common case (arguments, small files): skip the decoder.
  if (bytes.length < 64) {
    for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) { ascii = false; break; }
    if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }
  try {
    return (fatalDecoder ??= new TextDecoder("utf-8", { fatal: true })).decode(bytes);
  } catch {
    return decodeSlow(bytes);
  }
}

function decodeSlow(b: Uint8Array): string {
  let out = "";
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    let len = 0;
    let cp = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; min = 0x10000; }
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) {
      const cc = b[i + k];
      if ((cc & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (cc & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      out += String.fromCodePoint(cp);
      i += len;
    } else {
      out += String.fromCharCode(0xdc00 | c);
      i++;
    }
  }
  return out;
}

/**
 * Up to this many characters, ASCII text is copied by hand: its bytes then live in the JS heap,
 * while TextEncoder's buffer is allocated outside it, ~8x the cost for an `echo` line.
 */
const SHORT_TEXT = 64;

/** Encodes a string; U+DC80..U+DCFF become the raw bytes they stand for. */
export function encodeUtf8(s: string): Uint8Array {
  const n = s.length;
  if (n <= SHORT_TEXT) {
    const out = new Uint8Array(n);
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      out[i] = c;
    }
    if (i === n) return out;
  }
  if (!ESCAPED.test(s)) return (encoder ??= new TextEncoder()).encode(s);
  const parts: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff) {
      // A lone low surrogate (not preceded by a high one) is an escaped byte.
      const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
      if (!(prev >= 0xd800 && prev <= 0xdbff)) {
        parts.push(c & 0xff);
        continue;
      }
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (cp < 0x80) parts.push(cp);
    else if (cp < 0x800) parts.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) parts.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else parts.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(parts);
}

/** Bytes as a "binary string": one char per byte (for byte-oriented tools: od, cmp, tr -b). */
export function bytesToLatin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 8192) {
    s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  }
  return s;
}

/** Inverse of bytesToLatin1. */
export function latin1ToBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

/** Characters, not UTF-16 units: bash counts characters in a UTF-8 locale. */
export function charLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
