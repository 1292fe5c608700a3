import type { Hasher } from "./block-hash.js";

/**
 * The pre-digest checksums: POSIX cksum's CRC-32 (polynomial 0x04C11DB7, MSB
 * first, the length appended in as few bytes as needed, complemented) and the
 * BSD and System V `sum` checksums. Each digest is the checksum as 4
 * big-endian bytes; the byte count is kept for the output line.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();

function be32(v: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, v >>> 0, false);
  return out;
}

/** A checksum that also counts its bytes. */
export interface CountingHasher extends Hasher {
  length: number;
}

export class Crc implements CountingHasher {
  private crc = 0;
  length = 0;

  update(data: Uint8Array): void {
    let c = this.crc;
    for (let i = 0; i < data.length; i++) c = (c << 8) ^ CRC_TABLE[((c >>> 24) ^ data[i]) & 0xff];
    this.crc = c;
    this.length += data.length;
  }

  digest(): Uint8Array {
    let c = this.crc;
    for (let n = this.length; n > 0; n = Math.floor(n / 256)) c = (c << 8) ^ CRC_TABLE[((c >>> 24) ^ n) & 0xff];
    return be32(~c);
  }
}

export class BsdSum implements CountingHasher {
  private sum = 0;
  length = 0;

  update(data: Uint8Array): void {
    let s = this.sum;
    for (let i = 0; i < data.length; i++) s = (((s >> 1) + ((s & 1) << 15)) + data[i]) & 0xffff;
    this.sum = s;
    this.length += data.length;
  }

  digest(): Uint8Array {
    return be32(this.sum);
  }
}

export class SysvSum implements CountingHasher {
  private sum = 0;
  length = 0;

  update(data: Uint8Array): void {
    let s = this.sum;
    for (let i = 0; i < data.length; i++) s = (s + data[i]) >>> 0;
    this.sum = s;
    this.length += data.length;
  }

  digest(): Uint8Array {
    const r = (this.sum & 0xffff) + (this.sum >>> 16);
    return be32((r & 0xffff) + (r >>> 16));
  }
}
