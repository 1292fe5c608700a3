/**
 * Raw DEFLATE decoding (RFC 1951), written for gzip, zip and tar -z. Unlike a
 * one-shot library call it reports where the compressed stream ended (gzip reads
 * a trailer and possibly another member after it) and stops at an output limit,
 * so a small bomb cannot fill memory.
 */

export class InflateError extends Error {
  constructor(
    message: string,
    /** True when the input ended before the stream did ("unexpected end of file"). */
    readonly truncated = false,
  ) {
    super(message);
  }
}

/** Thrown when the output would grow past the caller's limit. */
export class InflateLimitError extends Error {
  constructor() {
    super("output limit exceeded");
  }
}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A decoding table indexed by the next `bits` input bits (LSB first): entry = symbol << 4 | length. */
interface Table {
  entries: Int32Array;
  bits: number;
}

function buildTable(lengths: ArrayLike<number>, count: number): Table {
  let max = 0;
  const blCount = new Int32Array(16);
  for (let i = 0; i < count; i++) {
    blCount[lengths[i]]++;
    if (lengths[i] > max) max = lengths[i];
  }
  blCount[0] = 0;
  // Over-subscribed code sets are invalid; incomplete ones are allowed (a single distance code).
  let left = 1;
  for (let len = 1; len <= 15; len++) {
    left = (left << 1) - blCount[len];
    if (left < 0) throw new InflateError("invalid compressed data--format violated");
  }
  const next = new Int32Array(16);
  for (let len = 1, code = 0; len <= 15; len++) {
    code = (code + blCount[len - 1]) << 1;
    next[len] = code;
  }
  const bits = Math.max(max, 1);
  const entries = new Int32Array(1 << bits).fill(-1);
  for (let sym = 0; sym < count; sym++) {
    const len = lengths[sym];
    if (!len) continue;
    let code = next[len]++;
    // Reverse the code: DEFLATE sends Huffman codes most significant bit first.
    let rev = 0;
    for (let i = 0; i < len; i++) {
      rev = (rev << 1) | (code & 1);
      code >>= 1;
    }
    for (let i = rev; i < 1 << bits; i += 1 << len) entries[i] = (sym << 4) | len;
  }
  return { entries, bits };
}

let fixedLit: Table | undefined;
let fixedDist: Table | undefined;

function fixedTables(): [Table, Table] {
  if (!fixedLit || !fixedDist) {
    const l = new Uint8Array(288);
    l.fill(8, 0, 144);
    l.fill(9, 144, 256);
    l.fill(7, 256, 280);
    l.fill(8, 280, 288);
    fixedLit = buildTable(l, 288);
    fixedDist = buildTable(new Uint8Array(30).fill(5), 30);
  }
  return [fixedLit, fixedDist];
}

export interface InflateResult {
  data: Uint8Array;
  /** Offset just past the last byte of the compressed stream. */
  end: number;
}

/**
 * Decodes the raw DEFLATE stream starting at input[start]. `limit` caps the output
 * size (InflateLimitError); `step` is called every few thousand symbols (time budget).
 */
export function inflateRaw(input: Uint8Array, start = 0, limit = Infinity, step?: () => void): InflateResult {
  let pos = start;
  let bitBuf = 0;
  let bitCount = 0;
  let out = new Uint8Array(Math.max(1024, Math.min(limit, (input.length - start) * 4)));
  let outLen = 0;

  const need = (n: number) => {
    while (bitCount < n) {
      if (pos >= input.length) throw new InflateError("unexpected end of file", true);
      bitBuf |= input[pos++] << bitCount;
      bitCount += 8;
    }
  };
  const bits = (n: number): number => {
    if (n === 0) return 0;
    need(n);
    const v = bitBuf & ((1 << n) - 1);
    bitBuf >>>= n;
    bitCount -= n;
    return v;
  };
  const decode = (t: Table): number => {
    // Fill as many bits as the table wants, but near the end of the input accept fewer.
    while (bitCount < t.bits && pos < input.length) {
      bitBuf |= input[pos++] << bitCount;
      bitCount += 8;
    }
    const e = t.entries[bitBuf & ((1 << t.bits) - 1)];
    const len = e & 15;
    if (e < 0 || len > bitCount) {
      if (pos >= input.length) throw new InflateError("unexpected end of file", true);
      throw new InflateError("invalid compressed data--format violated");
    }
    bitBuf >>>= len;
    bitCount -= len;
    return e >> 4;
  };
  const ensure = (extra: number) => {
    if (outLen + extra <= out.length) return;
    if (outLen + extra > limit) throw new InflateLimitError();
    let size = out.length * 2;
    while (size < outLen + extra) size *= 2;
    const bigger = new Uint8Array(Math.min(size, Math.max(limit, outLen + extra)));
    bigger.set(out.subarray(0, outLen));
    out = bigger;
  };

  let final = 0;
  let symbols = 0;
  do {
    final = bits(1);
    const type = bits(2);
    if (type === 0) {
      bitBuf = 0;
      bitCount = 0;
      if (pos + 4 > input.length) throw new InflateError("unexpected end of file", true);
      const len = input[pos] | (input[pos + 1] << 8);
      const nlen = input[pos + 2] | (input[pos + 3] << 8);
      pos += 4;
      if ((len ^ 0xffff) !== nlen) throw new InflateError("invalid compressed data--format violated");
      if (pos + len > input.length) throw new InflateError("unexpected end of file", true);
      ensure(len);
      out.set(input.subarray(pos, pos + len), outLen);
      outLen += len;
      pos += len;
      step?.();
      continue;
    }
    let lit: Table;
    let dist: Table;
    if (type === 1) [lit, dist] = fixedTables();
    else if (type === 2) {
      const hlit = bits(5) + 257;
      const hdist = bits(5) + 1;
      const hclen = bits(4) + 4;
      const clLens = new Uint8Array(19);
      for (let i = 0; i < hclen; i++) clLens[CODE_LENGTH_ORDER[i]] = bits(3);
      const clTable = buildTable(clLens, 19);
      const lens = new Uint8Array(hlit + hdist);
      for (let i = 0; i < hlit + hdist; ) {
        const sym = decode(clTable);
        if (sym < 16) lens[i++] = sym;
        else {
          let repeat: number;
          let value = 0;
          if (sym === 16) {
            if (i === 0) throw new InflateError("invalid compressed data--format violated");
            value = lens[i - 1];
            repeat = 3 + bits(2);
          } else if (sym === 17) repeat = 3 + bits(3);
          else repeat = 11 + bits(7);
          if (i + repeat > hlit + hdist) throw new InflateError("invalid compressed data--format violated");
          lens.fill(value, i, i + repeat);
          i += repeat;
        }
      }
      lit = buildTable(lens.subarray(0, hlit), hlit);
      dist = buildTable(lens.subarray(hlit), hdist);
    } else throw new InflateError("invalid compressed data--format violated");

    for (;;) {
      const sym = decode(lit);
      if (sym < 256) {
        ensure(1);
        out[outLen++] = sym;
      } else if (sym === 256) break;
      else {
        const li = sym - 257;
        if (li >= 29) throw new InflateError("invalid compressed data--format violated");
        const len = LEN_BASE[li] + bits(LEN_EXTRA[li]);
        const di = decode(dist);
        if (di >= 30) throw new InflateError("invalid compressed data--format violated");
        const d = DIST_BASE[di] + bits(DIST_EXTRA[di]);
        if (d > outLen) throw new InflateError("invalid compressed data--format violated");
        ensure(len);
        for (let k = 0; k < len; k++, outLen++) out[outLen] = out[outLen - d];
      }
      if ((++symbols & 0xfff) === 0) step?.();
    }
  } while (!final);
  // Unused whole bytes left in the bit buffer belong to whatever follows the stream.
  pos -= bitCount >> 3;
  return { data: out.subarray(0, outLen), end: pos };
}
