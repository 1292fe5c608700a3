/**
 * The order in which gawk's `for (k in a)` visits keys. gawk keeps arrays in
 * one of three structures chosen by the first subscript stored (array.c,
 * cint_array.c, int_array.c, str_array.c): non-negative integers in a "cint"
 * tree (listed ascending), other integers in an integer hash, strings in a
 * string hash (listed bucket by bucket); integer structures keep their odd keys
 * in a nested array listed first. Scripts print `for (k in a)` output directly,
 * so we mirror those structures here (keys only; values live in a Map) and
 * list keys exactly as gawk would.
 */

const SIZES = [
  13, 127, 1021, 8191, 16381, 32749, 65497, 131101, 262147, 524309, 1048583, 2097169, 4194319,
  8388617, 16777259, 33554467, 67108879, 134217757, 268435459, 536870923, 1073741827,
];
const STR_CHAIN_MAX = 2;
const INT_CHAIN_MAX = 2;
const NHAT = 10;
const THRESHOLD = 2 ** (NHAT + 1);

const INT_RE = /^(?:0|-?[1-9][0-9]*)$/;

/** gawk's is_integer on a subscript string: the form "%d" prints, within 32 bits. */
function intValue(key: string): number | null {
  if (key.length > 11 || !INT_RE.test(key)) return null;
  const v = Number(key);
  return v >= -2147483648 && v <= 2147483647 ? v : null;
}

const utf8 = new TextEncoder();

/** gawk's awk_hash (sdbm, 32-bit), over the UTF-8 bytes; bytes are signed chars. */
function strHash(key: string): number {
  let h = 0;
  let ascii = true;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    h = (Math.imul(h, 65599) + c) >>> 0;
  }
  if (ascii) return h;
  h = 0;
  const bytes = encodeKey(key);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    h = (Math.imul(h, 65599) + (b >= 0x80 ? b - 256 : b)) >>> 0;
  }
  return h;
}

function encodeKey(key: string): Uint8Array {
  // Escaped bytes (U+DC80..U+DCFF) stand for themselves.
  if (!/[\uDC80-\uDCFF]/.test(key)) return utf8.encode(key);
  const out: number[] = [];
  for (const ch of key) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xdc80 && c <= 0xdcff) out.push(c & 0xff);
    else out.push(...utf8.encode(ch));
  }
  return Uint8Array.from(out);
}

/** Paul Hsieh's final mix, as gawk's int_hash. */
function intHash(k: number, size: number): number {
  k >>>= 0;
  k = (k ^ (k << 3)) >>> 0;
  k = (k + (k >>> 5)) >>> 0;
  k = (k ^ (k << 4)) >>> 0;
  k = (k + (k >>> 17)) >>> 0;
  k = (k ^ (k << 25)) >>> 0;
  k = (k + (k >>> 6)) >>> 0;
  return k % size;
}

function nextSize(size: number): number {
  for (const s of SIZES) if (size < s) return s;
  return size;
}

/** The string hash: chains with the newest key first. */
class StrTable {
  size = 0;
  count = 0;
  buckets: string[][] = [];
  private codes = new Map<string, number>();

  insert(key: string): void {
    if (this.size === 0) this.grow();
    const code = strHash(key);
    this.count++;
    if (Math.floor(this.count / this.size) > STR_CHAIN_MAX) this.grow();
    this.codes.set(key, code);
    (this.buckets[code % this.size] ??= []).unshift(key);
  }

  private grow(): void {
    const newSize = nextSize(this.size);
    if (newSize === this.size) return;
    const old = this.buckets;
    const oldSize = this.size;
    this.size = newSize;
    this.buckets = [];
    for (let k = 0; k < oldSize; k++) {
      const chain = old[k];
      if (!chain) continue;
      for (const key of chain) (this.buckets[this.codes.get(key)! % newSize] ??= []).unshift(key);
    }
  }

  remove(key: string): void {
    const code = this.codes.get(key)!;
    const chain = this.buckets[code % this.size];
    chain.splice(chain.indexOf(key), 1);
    this.codes.delete(key);
    this.count--;
  }

  list(out: string[]): void {
    for (let i = 0; i < this.size; i++) {
      const chain = this.buckets[i];
      if (chain) for (const k of chain) out.push(k);
    }
  }
}

interface IntBucket {
  nums: number[];
}

/** The integer hash: chains of two-slot buckets, the head bucket filled first. */
class IntTable {
  size = 0;
  /** Integer elements (not counting the nested array). */
  count = 0;
  buckets: IntBucket[][] = [];

  insert(k: number): void {
    if (this.size === 0) this.grow();
    this.count++;
    if (Math.floor(this.count / this.size) > INT_CHAIN_MAX) this.grow();
    this.put(k, intHash(k, this.size));
  }

  private put(k: number, h: number): void {
    const chain = (this.buckets[h] ??= []);
    const head = chain[0];
    if (!head || head.nums.length === 2) chain.unshift({ nums: [k] });
    else head.nums.push(k);
  }

  private grow(): void {
    const newSize = nextSize(this.size);
    if (newSize === this.size) return;
    const old = this.buckets;
    const oldSize = this.size;
    this.size = newSize;
    this.buckets = [];
    for (let i = 0; i < oldSize; i++) {
      const chain = old[i];
      if (!chain) continue;
      for (const b of chain) for (const k of b.nums) this.put(k, intHash(k, newSize));
    }
  }

  remove(k: number): void {
    const h = intHash(k, this.size);
    const chain = this.buckets[h];
    for (let bi = 0; bi < chain.length; bi++) {
      const b = chain[bi];
      const i = b.nums.indexOf(k);
      if (i < 0) continue;
      b.nums.splice(i, 1);
      if (b.nums.length === 0) chain.splice(bi, 1);
      else if (bi !== 0) {
        // Refill this bucket with the head bucket's last key, as gawk does.
        const head = chain[0];
        b.nums.push(head.nums.pop()!);
        if (head.nums.length === 0) chain.shift();
      }
      this.count--;
      return;
    }
  }

  list(out: string[]): void {
    for (let i = 0; i < this.size; i++) {
      const chain = this.buckets[i];
      if (chain) for (const b of chain) for (const k of b.nums) out.push(String(k));
    }
  }
}

function cintHash(k: number): number {
  if (k === 0) return NHAT;
  const r = 31 - Math.clz32(k);
  return r < NHAT ? NHAT : 1 + r;
}

/** The leaf array of the cint tree that holds k: its base, as an id, and its size. */
function cintLeaf(k: number): [number, number] {
  const h1 = cintHash(k);
  let m = h1 - 1;
  let base: number;
  if (m < NHAT) {
    m = NHAT;
    base = 0;
  } else base = 2 ** m;
  for (;;) {
    const n = (m + 1) >> 1;
    const size = 2 ** n;
    const i = Math.floor((k - base) / size);
    base += size * i;
    if (n > NHAT) {
      m = n;
      continue;
    }
    return [base, size];
  }
}

type Kind = "null" | "str" | "int" | "cint";

/** Mirrors one gawk array's structure (see the file comment). */
export class GawkOrder {
  private kind: Kind = "null";
  private str: StrTable | null = null;
  private int: IntTable | null = null;
  /** cint keys, leaf occupancy and allocated capacity. */
  private cint: Set<number> | null = null;
  private leaves: Map<number, number> | null = null;
  private capacity = 0;
  /** The nested array of int/cint arrays. */
  private x: GawkOrder | null = null;
  /** Elements in total, nested array included. */
  private total = 0;

  insert(key: string): void {
    if (this.kind === "null") {
      const v = intValue(key);
      if (v !== null && v >= 0) this.become("cint");
      else if (v !== null) this.become("int");
      else this.become("str");
    }
    this.total++;
    switch (this.kind) {
      case "str":
        this.str!.insert(key);
        return;
      case "int": {
        const v = intValue(key);
        if (v === null) {
          (this.x ??= new GawkOrder()).insert(key);
          return;
        }
        this.int!.insert(v);
        return;
      }
      case "cint": {
        const v = intValue(key);
        if (v !== null && v >= 0 && this.fitsCint(v)) {
          this.cint!.add(v);
          const [base, size] = cintLeaf(v);
          const n = this.leaves!.get(base) ?? 0;
          if (n === 0) this.capacity += size;
          this.leaves!.set(base, n + 1);
          return;
        }
        if (!this.x) {
          this.x = new GawkOrder();
          this.x.become(v !== null ? "int" : "str");
        }
        this.x.insert(key);
        return;
      }
    }
  }

  private fitsCint(k: number): boolean {
    const m = cintHash(k) - 1;
    let li = m > NHAT ? m : NHAT;
    while (li >= NHAT) li = (li + 1) >> 1;
    const capacity = this.capacity + 2 ** li;
    const cintSize = this.total - 1 - (this.x ? this.x.total : 0);
    return capacity - cintSize <= THRESHOLD;
  }

  private become(kind: Kind): void {
    this.kind = kind;
    this.str = kind === "str" ? new StrTable() : null;
    this.int = kind === "int" ? new IntTable() : null;
    this.cint = kind === "cint" ? new Set() : null;
    this.leaves = kind === "cint" ? new Map() : null;
    this.capacity = 0;
    this.x = null;
  }

  private adopt(other: GawkOrder): void {
    this.kind = other.kind;
    this.str = other.str;
    this.int = other.int;
    this.cint = other.cint;
    this.leaves = other.leaves;
    this.capacity = other.capacity;
    this.x = other.x;
    this.total = other.total;
  }

  /** Removes a key known to be present. */
  remove(key: string): void {
    switch (this.kind) {
      case "str":
        this.str!.remove(key);
        if (--this.total === 0) this.become("null");
        return;
      case "int": {
        const v = intValue(key);
        if (v === null) {
          this.removeNested(key);
          return;
        }
        this.int!.remove(v);
        this.total--;
        this.afterIntRemove();
        return;
      }
      case "cint": {
        const v = intValue(key);
        if (v !== null && v >= 0 && this.cint!.has(v)) {
          this.cint!.delete(v);
          const [base, size] = cintLeaf(v);
          const n = this.leaves!.get(base)! - 1;
          if (n === 0) {
            this.leaves!.delete(base);
            this.capacity -= size;
          } else this.leaves!.set(base, n);
          this.total--;
          this.afterIntRemove();
          return;
        }
        this.removeNested(key);
        return;
      }
    }
  }

  private removeNested(key: string): void {
    const x = this.x!;
    x.remove(key);
    if (x.total === 0) this.x = null;
    this.total--;
  }

  private afterIntRemove(): void {
    if (!this.x && this.total === 0) this.become("null");
    else if (this.x && this.total === this.x.total) this.adopt(this.x);
  }

  clear(): void {
    this.become("null");
    this.total = 0;
  }

  /** Keys in gawk's for-in order. */
  list(out: string[] = []): string[] {
    switch (this.kind) {
      case "str":
        this.str!.list(out);
        break;
      case "int":
        if (this.x) this.x.list(out);
        this.int!.list(out);
        break;
      case "cint": {
        if (this.x) this.x.list(out);
        const keys = Array.from(this.cint!).sort((a, b) => a - b);
        for (const k of keys) out.push(String(k));
        break;
      }
    }
    return out;
  }
}
