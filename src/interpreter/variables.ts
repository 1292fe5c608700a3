/**
 * Shell variables: scalars, sparse indexed arrays and associative arrays with
 * attributes, in dynamically scoped frames. Maps only, so `__proto__` and
 * `constructor` are ordinary names.
 */

export const enum Attr {
  None = 0,
  Export = 1,
  Readonly = 2,
  Integer = 4,
  Lower = 8,
  Upper = 16,
  Nameref = 32,
  Indexed = 64,
  Assoc = 128,
  Trace = 256,
  Capitalize = 512,
  /** `declare -a x` / `declare -A x` without a value: declare -p prints no `=()` until assigned. */
  NoValue = 1024,
}

/** Sparse indexed array: a JS array with holes (iteration skips them in index order). */
export type IndexedArray = string[];

export interface Variable {
  /** undefined: declared but unset (`declare x`, `local x`). */
  value: string | IndexedArray | Map<string, string> | undefined;
  attrs: number;
}

export function isIndexed(v: Variable): v is Variable & { value: IndexedArray } {
  return Array.isArray(v.value);
}

export function isAssoc(v: Variable): v is Variable & { value: Map<string, string> } {
  return v.value instanceof Map;
}

/** Defined (non-hole) indices of an indexed array, ascending. */
export function arrayIndices(a: IndexedArray): number[] {
  const out: number[] = [];
  if (a.length > SPARSE_SCAN) {
    for (const k of Object.keys(a)) {
      const i = Number(k);
      if (Number.isInteger(i) && i < a.length) out.push(i);
    }
    return out;
  }
  a.forEach((_v, i) => out.push(i));
  return out;
}

/** Values of an indexed array in index order. */
export function arrayValues(a: IndexedArray): string[] {
  if (a.length > SPARSE_SCAN) return arrayIndices(a).map((i) => a[i]);
  const out: string[] = [];
  a.forEach((v) => out.push(v));
  return out;
}

/**
 * Above this length, walk the keys instead of forEach: forEach visits every
 * index up to length, so `a[100000000]=x; echo ${a[@]}` took seconds of
 * synchronous work. Object.keys lists integer keys in ascending order.
 */
const SPARSE_SCAN = 1 << 16;

/** bash's string hash (FNV-1, 32 bits), which orders associative arrays. */
function fnv1(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    // Hash the UTF-8 bytes, as bash does; escaped raw bytes (U+DC80..U+DCFF) are one byte.
    if (c < 0x80 || (c >= 0xdc80 && c <= 0xdcff)) {
      h = Math.imul(h, 16777619) ^ (c & 0xff);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
    const bytes = c < 0x800 ? [0xc0 | (c >> 6), 0x80 | (c & 63)] : c < 0x10000 ? [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)] : [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
    for (const b of bytes) h = Math.imul(h, 16777619) ^ b;
  }
  return h >>> 0;
}

/**
 * An associative array's entries in the order bash lists them: by hash bucket
 * (1024 buckets, 4x more past 2048 entries), newest first within a bucket.
 */
export function assocEntries(m: Map<string, string>): Array<[string, string]> {
  let buckets = 1024;
  while (m.size > buckets * 2) buckets *= 4;
  const mask = buckets - 1;
  const entries = [...m];
  const keyed = entries.map((e, i) => ({ e, b: fnv1(e[0]) & mask, i }));
  keyed.sort((x, y) => x.b - y.b || y.i - x.i);
  return keyed.map((k) => k.e);
}

/** A deep copy (for subshells). */
export function copyVariable(v: Variable): Variable {
  const val = v.value;
  if (Array.isArray(val)) return { value: val.slice(), attrs: v.attrs };
  if (val instanceof Map) return { value: new Map(val), attrs: v.attrs };
  return { value: val, attrs: v.attrs };
}

/** A subshell's copy of a map or set: most are empty, and new Map() skips the iteration new Map(empty) does. */
export const copyMap = <K, V>(m: ReadonlyMap<K, V>): Map<K, V> => (m.size ? new Map(m) : new Map());
export const copySet = <T>(s: ReadonlySet<T>): Set<T> => (s.size ? new Set(s) : new Set());

/** The scalar view of a variable: element 0 of an array, as bash does for $a. */
export function scalarOf(v: Variable): string | undefined {
  const val = v.value;
  if (val === undefined || typeof val === "string") return val;
  if (Array.isArray(val)) return val[0];
  return val.get("0");
}

/** One function call's locals. */
export type Frame = Map<string, Variable>;

/** A deep copy of one scope's variables. forEach, not for-of: unoptimized code allocates an entry array and a result per step. */
/** Frames of temporary assignments (`a=1 cmd`), above the function frames they interleave with. */
const TEMPORARY_FRAMES = new WeakSet<Frame>();

/** Marks a frame as the temporary assignments of one command. */
export function markTemporary(frame: Frame): void {
  TEMPORARY_FRAMES.add(frame);
}

function copyFrame(m: Frame): Frame {
  const out: Frame = new Map();
  m.forEach((v, k) => out.set(k, copyVariable(v)));
  if (TEMPORARY_FRAMES.has(m)) TEMPORARY_FRAMES.add(out);
  return out;
}

/**
 * The variable store: globals plus a stack of function frames.
 *
 * A subshell whose parent waits for it (a pipeline stage, a command substitution, `( )`) borrows
 * its parent's maps instead of copying them (borrow()): it copies a map the first time it writes
 * to it (own()). So every write goes through ownerOf(), own() or writable(): a Variable read with
 * lookup() (or Shell.resolve) may be the parent's and must not be changed in place.
 */
export class VariableStore {
  declare globals: Map<string, Variable>;
  declare frames: Frame[];
  /** Maps still shared with the shell this store was borrowed from (null: owns them all). */
  private declare borrowed: Set<Frame> | null;

  // Assigned, not class fields: a field makes V8 compile the class body again at the first instance.
  constructor(globals?: Map<string, Variable>) {
    this.globals = globals ?? new Map();
    this.frames = [];
    this.borrowed = null;
  }

  /** Does the nameref chain starting at `name` come back to a name it passed? */
  namerefCycle(name: string): boolean {
    const seen = new Set<string>([name]);
    let n = name;
    for (let hops = 0; hops < 64; hops++) {
      const v = this.lookup(n);
      if (!v || !(v.attrs & Attr.Nameref) || typeof v.value !== "string" || !v.value) return false;
      const b = v.value.indexOf("[");
      n = b > 0 ? v.value.slice(0, b) : v.value;
      if (seen.has(n)) return true;
      seen.add(n);
    }
    return true;
  }

  /** The variable visible under `name` (innermost frame first). Read only: see the class comment. */
  lookup(name: string): Variable | undefined {
    const frames = this.frames;
    for (let i = frames.length - 1; i >= 0; i--) {
      const v = frames[i].get(name);
      if (v !== undefined) return v;
    }
    return this.globals.get(name);
  }

  /** The variable visible under `name`, safe to change in place (its scope copied first if borrowed). */
  writable(name: string): Variable | undefined {
    if (this.borrowed === null) return this.lookup(name);
    const frames = this.frames;
    for (let i = frames.length - 1; i >= 0; i--) {
      if (frames[i].has(name)) return this.own(frames[i]).get(name);
    }
    return this.globals.has(name) ? this.own(this.globals).get(name) : undefined;
  }

  /** The map that holds `name` now (for assignment), or the global map; this store's own. */
  ownerOf(name: string): Map<string, Variable> {
    const frames = this.frames;
    for (let i = frames.length - 1; i >= 0; i--) if (frames[i].has(name)) return this.own(frames[i]);
    return this.own(this.globals);
  }

  /** `map` (the globals or a frame of this store) as this store's own copy, to change. */
  own(map: Frame): Frame {
    const borrowed = this.borrowed;
    if (borrowed === null || !borrowed.has(map)) return map;
    borrowed.delete(map);
    if (borrowed.size === 0) this.borrowed = null;
    const copy = copyFrame(map);
    if (map === this.globals) this.globals = copy;
    else {
      const i = this.frames.lastIndexOf(map);
      if (i >= 0) this.frames[i] = copy;
    }
    return copy;
  }

  /** The innermost function frame, this store's own (undefined outside functions): temporary ones are skipped. */
  topFrame(): Frame | undefined {
    const frames = this.frames;
    for (let i = frames.length - 1; i >= 0; i--) if (!TEMPORARY_FRAMES.has(frames[i])) return this.own(frames[i]);
    return undefined;
  }

  /** The variable visible under `name` when a temporary assignment (`a=1 cmd`) made it, else undefined. */
  temporary(name: string): Variable | undefined {
    const frames = this.frames;
    for (let i = frames.length - 1; i >= 0; i--) {
      const v = frames[i].get(name);
      if (v !== undefined) return TEMPORARY_FRAMES.has(frames[i]) ? v : undefined;
    }
    return undefined;
  }

  /** A deep copy, for a subshell that runs alongside this shell (background job, process substitution). */
  clone(): VariableStore {
    const s = new VariableStore(copyFrame(this.globals));
    s.frames = this.frames.map(copyFrame);
    return s;
  }

  /**
   * A copy that shares this store's maps until it writes to them: only for a subshell this shell
   * waits for, as this store must not change while the borrower runs.
   */
  borrow(): VariableStore {
    const s = new VariableStore(this.globals);
    s.frames = this.frames.slice();
    const b = new Set<Frame>(s.frames);
    b.add(this.globals);
    s.borrowed = b;
    return s;
  }

  /** Every visible name (innermost definition wins), sorted like `set` prints them. */
  visibleNames(): string[] {
    const names = new Set<string>(this.globals.keys());
    for (const f of this.frames) for (const k of f.keys()) names.add(k);
    return [...names].sort(compareNames);
  }
}

/** bash sorts variable names in `set`/`declare -p` output by the C locale's strcmp. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
