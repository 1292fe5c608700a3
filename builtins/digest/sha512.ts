import { BlockHash } from "./block-hash.js";

/**
 * SHA-512 and SHA-384 (FIPS 180-4) on pairs of 32-bit halves. The constants
 * are derived at load time from their definition (fractional bits of the
 * square and cube roots of the first primes), with BigInt integer roots.
 */

function primes(n: number): number[] {
  const out: number[] = [];
  for (let c = 2; out.length < n; c++) if (out.every((p) => c % p !== 0)) out.push(c);
  return out;
}

/** floor(x^(1/k)) for a BigInt x, by Newton's method. */
function iroot(x: bigint, k: bigint): bigint {
  let r = 1n << BigInt(Math.ceil(x.toString(2).length / Number(k)) + 1);
  for (;;) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k;
    if (next >= r) return r;
    r = next;
  }
}

/** The first 64 fractional bits of p^(1/k), split into [hi, lo]. */
function fracBits(p: number, k: bigint): [number, number] {
  const v = iroot(BigInt(p) << (64n * k), k) & ((1n << 64n) - 1n);
  return [Number(v >> 32n) | 0, Number(v & 0xffffffffn) | 0];
}

const P = primes(80);
const K = new Int32Array(160);
P.forEach((p, i) => K.set(fracBits(p, 3n), 2 * i));
export const IV512 = P.slice(0, 8).flatMap((p) => fracBits(p, 2n));
const IV384 = P.slice(8, 16).flatMap((p) => fracBits(p, 2n));

export class Sha512 extends BlockHash {
  private readonly h: Int32Array;
  private readonly w = new Int32Array(160);

  /** `bits`: 512, or 384 for SHA-384 (other IV, truncated output). */
  constructor(private readonly bits: 384 | 512 = 512) {
    super(128, 16, false);
    this.h = Int32Array.from(bits === 512 ? IV512 : IV384);
  }

  protected compress(data: Uint8Array, offset: number): void {
    const w = this.w;
    for (let i = 0; i < 32; i++) {
      const p = offset + i * 4;
      w[i] = (data[p] << 24) | (data[p + 1] << 16) | (data[p + 2] << 8) | data[p + 3];
    }
    for (let i = 16; i < 80; i++) {
      // σ0 = rotr1 ^ rotr8 ^ shr7 of w[i-15]; σ1 = rotr19 ^ rotr61 ^ shr6 of w[i-2].
      let xh = w[2 * (i - 15)];
      let xl = w[2 * (i - 15) + 1];
      const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
      const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
      xh = w[2 * (i - 2)];
      xl = w[2 * (i - 2) + 1];
      const s1h = ((xh >>> 19) | (xl << 13)) ^ ((xl >>> 29) | (xh << 3)) ^ (xh >>> 6);
      const s1l = ((xl >>> 19) | (xh << 13)) ^ ((xh >>> 29) | (xl << 3)) ^ ((xl >>> 6) | (xh << 26));
      let lo = (w[2 * (i - 16) + 1] >>> 0) + (s0l >>> 0) + (w[2 * (i - 7) + 1] >>> 0) + (s1l >>> 0);
      const hi = w[2 * (i - 16)] + s0h + w[2 * (i - 7)] + s1h + Math.floor(lo / 0x100000000);
      lo >>>= 0;
      w[2 * i] = hi | 0;
      w[2 * i + 1] = lo | 0;
    }
    const s = this.h;
    let ah = s[0], al = s[1], bh = s[2], bl = s[3], ch = s[4], cl = s[5], dh = s[6], dl = s[7];
    let eh = s[8], el = s[9], fh = s[10], fl = s[11], gh = s[12], gl = s[13], hh = s[14], hl = s[15];
    for (let i = 0; i < 80; i++) {
      // Σ1(e) = rotr14 ^ rotr18 ^ rotr41; Ch(e,f,g).
      const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
      const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
      const chh = (eh & fh) ^ (~eh & gh);
      const chl = (el & fl) ^ (~el & gl);
      let t1l = (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (K[2 * i + 1] >>> 0) + (w[2 * i + 1] >>> 0);
      let t1h = hh + S1h + chh + K[2 * i] + w[2 * i] + Math.floor(t1l / 0x100000000);
      t1l >>>= 0;
      t1h |= 0;
      // Σ0(a) = rotr28 ^ rotr34 ^ rotr39; Maj(a,b,c).
      const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
      const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
      const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
      const majl = (al & bl) ^ (al & cl) ^ (bl & cl);
      let t2l = (S0l >>> 0) + (majl >>> 0);
      const t2h = (S0h + majh + Math.floor(t2l / 0x100000000)) | 0;
      t2l >>>= 0;
      hh = gh; hl = gl;
      gh = fh; gl = fl;
      fh = eh; fl = el;
      let l = (dl >>> 0) + t1l;
      eh = (dh + t1h + Math.floor(l / 0x100000000)) | 0;
      el = l | 0;
      dh = ch; dl = cl;
      ch = bh; cl = bl;
      bh = ah; bl = al;
      l = t1l + t2l;
      ah = (t1h + t2h + Math.floor(l / 0x100000000)) | 0;
      al = l | 0;
    }
    const add = (i: number, h: number, lo: number) => {
      const l = (s[i + 1] >>> 0) + (lo >>> 0);
      s[i] = (s[i] + h + Math.floor(l / 0x100000000)) | 0;
      s[i + 1] = l | 0;
    };
    add(0, ah, al);
    add(2, bh, bl);
    add(4, ch, cl);
    add(6, dh, dl);
    add(8, eh, el);
    add(10, fh, fl);
    add(12, gh, gl);
    add(14, hh, hl);
  }

  protected output(): Uint8Array {
    const out = new Uint8Array(this.bits / 8);
    const view = new DataView(out.buffer);
    for (let i = 0; i < out.length / 4; i++) view.setUint32(i * 4, this.h[i] >>> 0, false);
    return out;
  }
}
