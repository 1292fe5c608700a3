import { GawkOrder } from "./array-order.js";
import { toNum, type Value } from "./values.js";

/**
 * An awk associative array: values in a Map keyed by the subscript string, and
 * gawk's structure alongside so `for (k in a)` lists keys in gawk's order.
 */
export class AwkArray {
  readonly m = new Map<string, Value>();
  private readonly order = new GawkOrder();

  get size(): number {
    return this.m.size;
  }

  has(key: string): boolean {
    return this.m.has(key);
  }

  /** The element's value; referencing a missing element creates it (awk semantics). */
  get(key: string): Value {
    const v = this.m.get(key);
    if (v === undefined && !this.m.has(key)) {
      this.m.set(key, undefined);
      this.order.insert(key);
    }
    return v;
  }

  /** The value without creating the element. */
  peek(key: string): Value {
    return this.m.get(key);
  }

  set(key: string, v: Value): void {
    if (!this.m.has(key)) this.order.insert(key);
    this.m.set(key, v);
  }

  /** a[key] += d, creating the element; returns the new value. */
  add(key: string, d: number): number {
    const m = this.m;
    const v = m.get(key);
    if (v === undefined && !m.has(key)) this.order.insert(key);
    const n = toNum(v) + d;
    m.set(key, n);
    return n;
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
