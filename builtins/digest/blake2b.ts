import type { Hasher } from "./block-hash.js";
import { IV512 } from "./sha512.js";

/**
 * BLAKE2b (RFC 7693) without a key, any output length from 1 to 64 bytes.
 * 64-bit words are kept as [lo, hi] pairs of 32-bit halves. The final block
 * is held back until digest() because it is compressed with the last-block flag.
 */

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/** The IV as [lo, hi] pairs (IV512 is [hi, lo]). */
const IV = new Uint32Array(16);
for (let i = 0; i < 8; i++) {
  IV[2 * i] = IV512[2 * i + 1];
  IV[2 * i + 1] = IV512[2 * i];
}

export class Blake2b implements Hasher {
  private readonly h = new Uint32Array(IV);
  private readonly v = new Uint32Array(32);
  private readonly m = new Uint32Array(32);
  private readonly block = new Uint8Array(128);
  private fill = 0;
  private count = 0;

  constructor(private readonly outBytes = 64) {
    this.h[0] ^= 0x01010000 ^ outBytes;
  }

  update(data: Uint8Array): void {
    for (let i = 0; i < data.length; ) {
      if (this.fill === 128) {
        this.count += 128;
        this.compress(false);
        this.fill = 0;
      }
      const take = Math.min(128 - this.fill, data.length - i);
      this.block.set(data.subarray(i, i + take), this.fill);
      this.fill += take;
      i += take;
    }
  }

  digest(): Uint8Array {
    this.count += this.fill;
    this.block.fill(0, this.fill);
    this.compress(true);
    const out = new Uint8Array(this.outBytes);
    for (let i = 0; i < this.outBytes; i++) out[i] = this.h[i >> 2] >>> (8 * (i & 3));
    return out;
  }

  private compress(last: boolean): void {
    const { v, m, h, block } = this;
    for (let i = 0; i < 32; i++) {
      m[i] = block[4 * i] | (block[4 * i + 1] << 8) | (block[4 * i + 2] << 16) | (block[4 * i + 3] << 24);
    }
    v.set(h, 0);
    v.set(IV, 16);
    v[24] ^= this.count >>> 0;
    v[25] ^= Math.floor(this.count / 0x100000000);
    if (last) {
      v[28] = ~v[28];
      v[29] = ~v[29];
    }
    for (let r = 0; r < 12; r++) {
      const s = SIGMA[r % 10];
      this.g(0, 8, 16, 24, s[0], s[1]);
      this.g(2, 10, 18, 26, s[2], s[3]);
      this.g(4, 12, 20, 28, s[4], s[5]);
      this.g(6, 14, 22, 30, s[6], s[7]);
      this.g(0, 10, 20, 30, s[8], s[9]);
      this.g(2, 12, 22, 24, s[10], s[11]);
      this.g(4, 14, 16, 26, s[12], s[13]);
      this.g(6, 8, 18, 28, s[14], s[15]);
    }
    for (let i = 0; i < 16; i++) h[i] ^= v[i] ^ v[i + 16];
  }

  /** v[a] += v[b] (64-bit). */
  private add(a: number, b: number): void {
    const v = this.v;
    const lo = v[a] + v[b];
    v[a + 1] = v[a + 1] + v[b + 1] + (lo >= 0x100000000 ? 1 : 0);
    v[a] = lo;
  }

  /** v[a] += message word x. */
  private addWord(a: number, x: number): void {
    const v = this.v;
    const lo = v[a] + this.m[2 * x];
    v[a + 1] = v[a + 1] + this.m[2 * x + 1] + (lo >= 0x100000000 ? 1 : 0);
    v[a] = lo;
  }

  /** The mixing function G on pair indices a, b, c, d with message words x, y. */
  private g(a: number, b: number, c: number, d: number, x: number, y: number): void {
    const v = this.v;
    this.add(a, b);
    this.addWord(a, x);
    let lo = v[d] ^ v[a];
    let hi = v[d + 1] ^ v[a + 1];
    v[d] = hi; // rotr 32
    v[d + 1] = lo;
    this.add(c, d);
    lo = v[b] ^ v[c];
    hi = v[b + 1] ^ v[c + 1];
    v[b] = (lo >>> 24) | (hi << 8); // rotr 24
    v[b + 1] = (hi >>> 24) | (lo << 8);
    this.add(a, b);
    this.addWord(a, y);
    lo = v[d] ^ v[a];
    hi = v[d + 1] ^ v[a + 1];
    v[d] = (lo >>> 16) | (hi << 16); // rotr 16
    v[d + 1] = (hi >>> 16) | (lo << 16);
    this.add(c, d);
    lo = v[b] ^ v[c];
    hi = v[b + 1] ^ v[c + 1];
    v[b] = (hi >>> 31) | (lo << 1); // rotr 63
    v[b + 1] = (lo >>> 31) | (hi << 1);
  }
}
