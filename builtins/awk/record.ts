/**
 * The current record ($0) and its fields. Like gawk, fields are parsed only as
 * far as the program asks: `$1` on a long line scans to the end of the first
 * field, and NF (or any field assignment) parses the rest. Parsing records
 * where each field starts and ends; the field's string is cut only when the
 * program uses it as a string (`$2 + 0` reads the number straight from the
 * record). Default and single-character separators parse incrementally; other
 * splitters all at once.
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
  /** Fields at 1..; null: not cut from `text` yet (see starts/ends). Slots past `count` are stale. */
  readonly cells: Array<FieldCell | null> = [""];
  starts = new Int32Array(64);
  ends = new Int32Array(64);
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

  /** Field i (which exists) as stored: its text or an assigned value. */
  cell(i: number): FieldCell {
    const c = this.cells[i];
    if (c !== null) return c;
    const s = this.text.slice(this.starts[i], this.ends[i]);
    this.cells[i] = s;
    return s;
  }

  /** Whether field i (which exists) is still untouched input text. */
  raw(i: number): boolean {
    return this.cells[i] === null;
  }

  /** NF: parses everything. */
  nf(): number {
    if (!this.complete) this.has(Infinity);
    return this.count;
  }

  private room(n: number): void {
    if (n < this.starts.length) return;
    const size = Math.max(n + 1, this.starts.length * 2);
    const s = new Int32Array(size), e = new Int32Array(size);
    s.set(this.starts);
    e.set(this.ends);
    this.starts = s;
    this.ends = e;
  }

  private add(n: number, start: number, end: number): void {
    if (n >= this.starts.length) this.room(n);
    this.starts[n] = start;
    this.ends[n] = end;
    this.cells[n] = null;
  }

  private parseSpace(want: number): void {
    const s = this.text, len = s.length;
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
      this.add(++n, start, p);
    }
    this.pos = p;
    this.count = n;
  }

  private parseChar(c: string, want: number): void {
    const s = this.text;
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
        this.add(++n, p, s.length);
        p = s.length + 1;
        this.complete = true;
        break;
      }
      this.add(++n, p, i);
      p = i + 1;
    }
    this.pos = p;
    this.count = n;
  }

  private parseAll(): void {
    this.count = splitWith(this.text, this.splitter, this.cells);
    this.complete = true;
  }

  /** Cuts every field's string: the record text is about to change. */
  private materialize(): void {
    this.nf();
    for (let i = 1; i <= this.count; i++) if (this.cells[i] === null) this.cell(i);
  }

  /** Sets NF: drops fields or pads with empty ones. */
  setCount(n: number): void {
    this.materialize();
    for (let i = this.count + 1; i <= n; i++) this.cells[i] = "";
    this.count = n;
  }

  /** Stores field i (i >= 1), padding the gap. */
  store(i: number, v: FieldCell): void {
    this.materialize();
    for (let k = this.count + 1; k < i; k++) this.cells[k] = "";
    if (i > this.count) this.count = i;
    this.cells[i] = v;
  }
}
