import { BlockHash, wordsToBytes } from "./block-hash.js";

/** SM3 (GB/T 32905-2016), the Chinese national standard hash cksum -a sm3 offers. */

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const p0 = (x: number) => x ^ rotl(x, 9) ^ rotl(x, 17);
const p1 = (x: number) => x ^ rotl(x, 15) ^ rotl(x, 23);

export class Sm3 extends BlockHash {
  private readonly h = Int32Array.from(IV);
  private readonly w = new Int32Array(68);

  constructor() {
    super(64, 8, false);
  }

  protected compress(data: Uint8Array, offset: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const p = offset + i * 4;
      w[i] = (data[p] << 24) | (data[p + 1] << 16) | (data[p + 2] << 8) | data[p + 3];
    }
    for (let j = 16; j < 68; j++) w[j] = p1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6];
    let [a, b, c, d, e, f, g, h] = this.h;
    for (let j = 0; j < 64; j++) {
      const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + rotl(t, j % 32)) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + (w[j] ^ w[j + 4])) | 0;
      const tt2 = (gg + h + ss1 + w[j]) | 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = p0(tt2);
    }
    const s = this.h;
    s[0] ^= a;
    s[1] ^= b;
    s[2] ^= c;
    s[3] ^= d;
    s[4] ^= e;
    s[5] ^= f;
    s[6] ^= g;
    s[7] ^= h;
  }

  protected output(): Uint8Array {
    return wordsToBytes(this.h, 8, false);
  }
}
