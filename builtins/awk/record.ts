/**
 * The current record ($0) and its fields. Like gawk, fields are parsed only as
 * far as the program asks: `$1` on a long line scans to the end of the first
 * field, and NF (or any field assignment) parses the rest. Default and
 * single-character separators parse incrementally; other splitters all at once.
 */
import { splitWith, type Splitter } from "./fields.js";
import type { Strnum } from "./values.js";

/** A string assigned to a field by the program (not input, so never a strnum). */
export class PureStr {
  constructor(readonly s: string) {}
}

/** What a field slot holds: input text (a strnum), or an assigned value. */
export type FieldCell = string | number | Strnum | PureStr | undefined;

export class FieldState {
  text = "";
  /** Fields at 1..; slots past `count` may hold stale values. */
  readonly cells: FieldCell[] = [""];
  /** Fields parsed so far (all of them once `complete`). */
  count = 0;
  complete = true;
  private pos = 0;

  constructor(public splitter: Splitter) {}

  /** A new record, to be parsed on demand. */
  reset(text: string): void {
    this.text = text;
    this.count = 0;
    this.pos = 0;
    this.complete = false;
  }

  /** Parses until field i exists or the record ends; true when field i exists. */
  has(i: number): boolean {
    if (i <= this.count) return true;
    if (this.complete) return false;
    const sp = this.splitter;
    if (sp.k === "space" && !sp.newline) this.parseSpace(i);
    else if (sp.k === "char" && !sp.newline) this.parseChar(sp.c, i);
    else this.parseAll();
    return i <= this.count;
  }

  /** NF: parses everything. */
  nf(): number {
    if (!this.complete) this.has(Infinity);
    return this.count;
  }

  private parseSpace(want: number): void {
    const s = this.text, len = s.length, f = this.cells;
    let p = this.pos, n = this.count;
    while (n < want) {
      while (p < len) {
        const c = s.charCodeAt(p);
        if (c === 32 || c === 9 || c === 10) p++;
        else break;
      }
      if (p >= len) {
        this.complete = true;
        break;
      }
      const start = p;
      while (p < len) {
        const c = s.charCodeAt(p);
        if (c === 32 || c === 9 || c === 10) break;
        p++;
      }
      f[++n] = s.slice(start, p);
    }
    this.pos = p;
    this.count = n;
  }

  private parseChar(c: string, want: number): void {
    const s = this.text, f = this.cells;
    let p = this.pos, n = this.count;
    if (s === "") {
      this.complete = true;
      return;
    }
    while (n < want) {
      if (p > s.length) {
        this.complete = true;
        break;
      }
      const i = s.indexOf(c, p);
      if (i < 0) {
        f[++n] = s.slice(p);
        p = s.length + 1;
        this.complete = true;
        break;
      }
      f[++n] = s.slice(p, i);
      p = i + 1;
    }
    this.pos = p;
    this.count = n;
  }

  private parseAll(): void {
    this.count = splitWith(this.text, this.splitter, this.cells);
    this.complete = true;
  }

  /** Sets NF: drops fields or pads with empty ones. */
  setCount(n: number): void {
    this.nf();
    for (let i = this.count + 1; i <= n; i++) this.cells[i] = "";
    this.count = n;
  }

  /** Stores field i (i >= 1), padding the gap. */
  store(i: number, v: FieldCell): void {
    this.nf();
    for (let k = this.count + 1; k < i; k++) this.cells[k] = "";
    if (i > this.count) this.count = i;
    this.cells[i] = v;
  }
}
