/**
 * The Merkle–Damgård frame shared by MD5 and the SHA family: input is cut into
 * fixed blocks for `compress`, and the last block gets a 0x80 byte, zeros and
 * the message length in bits (little-endian for MD5, big-endian for SHA).
 */

/** A streaming digest. */
export interface Hasher {
  update(data: Uint8Array): void;
  /** The digest; the hasher is spent afterwards. */
  digest(): Uint8Array;
}

export abstract class BlockHash implements Hasher {
  private readonly block: Uint8Array;
  private fill = 0;
  private bytes = 0;

  constructor(
    private readonly blockSize: number,
    private readonly lengthBytes: number,
    private readonly littleEndianLength: boolean,
  ) {
    this.block = new Uint8Array(blockSize);
  }

  /** Mixes one block (data[offset .. offset + blockSize)) into the state. */
  protected abstract compress(data: Uint8Array, offset: number): void;
  /** The final state as bytes. */
  protected abstract output(): Uint8Array;

  update(data: Uint8Array): void {
    this.bytes += data.length;
    let i = 0;
    if (this.fill > 0) {
      const take = Math.min(this.blockSize - this.fill, data.length);
      this.block.set(data.subarray(0, take), this.fill);
      this.fill += take;
      i = take;
      if (this.fill < this.blockSize) return;
      this.compress(this.block, 0);
      this.fill = 0;
    }
    for (; i + this.blockSize <= data.length; i += this.blockSize) this.compress(data, i);
    if (i < data.length) {
      this.block.set(data.subarray(i), 0);
      this.fill = data.length - i;
    }
  }

  digest(): Uint8Array {
    const bits = BigInt(this.bytes) * 8n;
    const padLen = ((this.blockSize * 2 - this.lengthBytes - 1 - this.fill) % this.blockSize) + 1;
    const tail = new Uint8Array(padLen + this.lengthBytes);
    tail[0] = 0x80;
    for (let k = 0; k < 8; k++) {
      const byte = Number((bits >> BigInt(8 * k)) & 0xffn);
      if (this.littleEndianLength) tail[padLen + k] = byte;
      else tail[tail.length - 1 - k] = byte;
    }
    const saved = this.bytes;
    this.update(tail);
    this.bytes = saved;
    return this.output();
  }
}

/** Writes 32-bit words big-endian (SHA) or little-endian (MD5). */
export function wordsToBytes(words: ArrayLike<number>, count: number, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(count * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++) view.setUint32(i * 4, words[i] >>> 0, littleEndian);
  return out;
}
