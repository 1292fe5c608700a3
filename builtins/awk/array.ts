import { GawkOrder } from "./array-order.js";
import { AwkFatal } from "./diagnostics.js";
import { LimitExceeded } from "../../src/limits/budget.js";
import { toNum, type Value } from "./values.js";

/**
 * An awk associative array: values in a Map keyed by the subscript string, and
 * gawk's structure alongside so `for (k in a)` lists keys in gawk's order.
 * Elements may be arrays themselves (gawk's arrays of arrays).
 */
export class AwkArray {
  readonly m = new Map<string, Value | AwkArray>();
  private readonly order = new GawkOrder();

  /**
   * `label`: how messages name this array: `a`, or `a["1"]` for a subarray.
   * `maxElements`: the session's maxArrayElements (a growing array is the one
   * awk bomb the string and time limits do not bound in memory).
   */
  constructor(
    readonly label = "",
    readonly maxElements = Infinity,
  ) {}

  /** Records a new key, refusing it past maxArrayElements. */
  private insert(key: string): void {
    if (this.m.size >= this.maxElements) throw new LimitExceeded("array", this.maxElements);
    this.order.insert(key);
  }

  get size(): number {
    return this.m.size;
  }

  has(key: string): boolean {
    return this.m.has(key);
  }

  private scalarError(key: string): never {
    throw new AwkFatal(`attempt to use array \`${this.label}["${key}"]' in a scalar context`);
  }

  /** The element's value; referencing a missing element creates it (awk semantics). */
  get(key: string): Value {
    const v = this.m.get(key);
    if (v === undefined) {
      if (!this.m.has(key)) {
        this.m.set(key, undefined);
        this.insert(key);
      }
      return undefined;
    }
    if (v instanceof AwkArray) this.scalarError(key);
    return v;
  }

  /** The stored element (a value or a subarray) without creating it. */
  peek(key: string): Value | AwkArray {
    return this.m.get(key);
  }

  set(key: string, v: Value): void {
    const old = this.m.get(key);
    if (old === undefined) {
      if (!this.m.has(key)) this.insert(key);
    } else if (old instanceof AwkArray) this.scalarError(key);
    this.m.set(key, v);
  }

  /** Stores any element, a subarray included (asort copying values). */
  put(key: string, v: Value | AwkArray): void {
    if (!this.m.has(key)) this.insert(key);
    this.m.set(key, v);
  }

  /** a[key] += d, creating the element; returns the new value. */
  add(key: string, d: number): number {
    const m = this.m;
    const v = m.get(key);
    if (v === undefined) {
      if (!m.has(key)) this.insert(key);
    } else if (v instanceof AwkArray) this.scalarError(key);
    const n = toNum(v as Value) + d;
    m.set(key, n);
    return n;
  }

  /** The subarray a[key], created when the element is missing or untyped. */
  sub(key: string): AwkArray {
    const v = this.m.get(key);
    if (v instanceof AwkArray) return v;
    if (v !== undefined) throw new AwkFatal(`attempt to use scalar \`${this.label}["${key}"]' as an array`);
    const a = new AwkArray(`${this.label}["${key}"]`, this.maxElements);
    if (!this.m.has(key)) this.insert(key);
    this.m.set(key, a);
    return a;
  }

  delete(key: string): void {
    if (this.m.delete(key)) this.order.remove(key);
  }

  clear(): void {
    this.m.clear();
    this.order.clear();
  }

  /** Keys in gawk's for-in order (a snapshot). */
  keys(): string[] {
    return this.order.list();
  }
}
