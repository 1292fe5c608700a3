/**
 * The line table sort, uniq-like checks and merges work on: all input in one byte
 * buffer, with each line's start and end (delimiter excluded) in typed arrays,
 * so there is no per-line allocation. Text comparisons use a "byte string" of
 * the buffer (one char per byte, char code = byte), so JavaScript's string order
 * is exactly the byte order of C.UTF-8 collation and string offsets are byte offsets.
 */
import { bytesToLatin1 } from "../../src/io/utf8.js";

export interface LineTable {
  data: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

/** Splits data on delim; a last line without delimiter still counts. */
export function buildLineTable(data: Uint8Array, delim: number): LineTable {
  let cap = Math.max(16, data.length >> 5);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let count = 0;
  let s = 0;
  const n = data.length;
  for (let p = 0; p < n; p++) {
    if (data[p] !== delim) continue;
    if (count === cap) {
      cap *= 2;
      const ns = new Int32Array(cap);
      ns.set(starts);
      starts = ns;
      const ne = new Int32Array(cap);
      ne.set(ends);
      ends = ne;
    }
    starts[count] = s;
    ends[count++] = p;
    s = p + 1;
  }
  if (s < n) {
    if (count === cap) {
      const ns = new Int32Array(cap + 1);
      ns.set(starts);
      starts = ns;
      const ne = new Int32Array(cap + 1);
      ne.set(ends);
      ends = ne;
    }
    starts[count] = s;
    ends[count++] = n;
  }
  return { data, starts: starts.subarray(0, count), ends: ends.subarray(0, count), count };
}

/** True when every byte is ASCII. */
function isAscii(data: Uint8Array): boolean {
  // Eight bytes at a time where alignment allows.
  const n8 = data.byteOffset % 4 === 0 ? data.length >> 2 : 0;
  if (n8) {
    const w = new Uint32Array(data.buffer, data.byteOffset, n8);
    for (let i = 0; i < n8; i++) if (w[i] & 0x80808080) return false;
  }
  for (let i = n8 << 2; i < data.length; i++) if (data[i] & 0x80) return false;
  return true;
}

const asciiDecoder = new TextDecoder();

/** The byte string of data (see above). */
export function byteString(data: Uint8Array): string {
  return isAscii(data) ? asciiDecoder.decode(data) : bytesToLatin1(data);
}

/** Concatenates inputs, ending each non-empty one with the delimiter (sort treats each file's last line as complete). */
export function joinInputs(parts: Uint8Array[], delim: number): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length + (p.length > 0 && p[p.length - 1] !== delim ? 1 : 0);
  if (parts.length === 1 && total === parts[0].length) return parts[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
    if (p.length > 0 && p[p.length - 1] !== delim) out[o++] = delim;
  }
  return out;
}
