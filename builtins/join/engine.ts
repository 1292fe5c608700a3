/**
 * The merge of join.c (coreutils 9.1): two inputs sorted on their join fields
 * are walked together; runs of equal keys give their cross product, and
 * unpairable lines are printed on request (-a/-v). Order is checked the way
 * join.c does it (warn once per file after an unpairable line, or stop with
 * --check-order).
 */
import type { LineCursor } from "../_lib/lines.js";

/** A line split into fields (byte ranges). */
export interface JoinLine {
  bytes: Uint8Array;
  fields: Array<[number, number]>;
}

/** An empty line with no fields, standing for the missing side of an unpaired line. */
export const BLANK_LINE: JoinLine = { bytes: new Uint8Array(0), fields: [] };

/** One element of -o: file 0 is the join field. */
export interface OutSpec {
  file: 0 | 1 | 2;
  field: number;
}

export interface JoinSettings {
  /** Field separator byte; -1 for runs of blanks; 0x0a with -t '' (the whole line). */
  tab: number;
  field1: number;
  field2: number;
  ignoreCase: boolean;
  printPairables: boolean;
  unpaired1: boolean;
  unpaired2: boolean;
  empty: Uint8Array | null;
  outList: OutSpec[];
  autoformat: boolean;
  header: boolean;
  check: "default" | "enabled" | "disabled";
  eol: number;
  names: [string, string];
}

const BLANK = new Uint8Array(256);
BLANK[0x20] = BLANK[0x09] = BLANK[0x0a] = 1;

/** xfields: splits a line into fields. */
function splitFields(bytes: Uint8Array, tab: number): JoinLine {
  const fields: Array<[number, number]> = [];
  const lim = bytes.length;
  let p = 0;
  if (lim === 0) return { bytes, fields };
  if (tab >= 0 && tab !== 0x0a) {
    for (let sep = bytes.indexOf(tab, p); sep >= 0; sep = bytes.indexOf(tab, p)) {
      fields.push([p, sep]);
      p = sep + 1;
    }
  } else if (tab < 0) {
    while (BLANK[bytes[p]]) if (++p === lim) return { bytes, fields };
    do {
      let sep = p + 1;
      while (sep !== lim && !BLANK[bytes[sep]]) sep++;
      fields.push([p, sep]);
      if (sep === lim) return { bytes, fields };
      for (p = sep + 1; p !== lim && BLANK[bytes[p]]; p++);
    } while (p !== lim);
  }
  fields.push([p, lim]);
  return { bytes, fields };
}

const upper = (c: number) => (c >= 0x61 && c <= 0x7a ? c - 32 : c);

/** keycmp: compares the join fields (a missing or empty field sorts first). */
export function keyCompare(a: JoinLine, fa: number, b: JoinLine, fb: number, ignoreCase: boolean): number {
  const [as, ae] = fa < a.fields.length ? a.fields[fa] : [0, 0];
  const [bs, be] = fb < b.fields.length ? b.fields[fb] : [0, 0];
  const la = ae - as;
  const lb = be - bs;
  if (la === 0) return lb === 0 ? 0 : -1;
  if (lb === 0) return 1;
  const n = Math.min(la, lb);
  for (let i = 0; i < n; i++) {
    let x = a.bytes[as + i];
    let y = b.bytes[bs + i];
    if (ignoreCase) {
      x = upper(x);
      y = upper(y);
    }
    if (x !== y) return x - y;
  }
  return la - lb;
}

/** Reads the lines of one input, numbering them and checking their order. */
export class JoinInput {
  private prev: JoinLine | null = null;
  private lineNo = 0;
  warned = false;

  constructor(
    private readonly cursor: LineCursor,
    readonly which: 1 | 2,
    private readonly j: JoinEngine,
  ) {}

  /** get_line: the next line, or null at the end. */
  async get(): Promise<JoinLine | null> {
    const r = this.cursor.next();
    const raw = r instanceof Promise ? await r : r;
    if (!raw) return null;
    this.lineNo++;
    const line = splitFields(raw.bytes, this.j.s.tab);
    if (this.prev) this.j.checkOrder(this.prev, line, this, this.lineNo);
    this.prev = line;
    return line;
  }

  /** After the header line: it takes no part in the order check. */
  forgetPrevious(): void {
    this.prev = null;
  }
}

/** --check-order saw a disorder: join stops with status 1. */
export class JoinDisorder extends Error {}

export class JoinEngine {
  seenUnpairable = false;

  constructor(
    readonly s: JoinSettings,
    private readonly print: (line: Uint8Array) => void | Promise<void>,
    /** Reports "<prefix><line bytes>" on stderr. */
    private readonly warn: (prefix: string, line: Uint8Array) => void,
  ) {}

  /** check_order: warns once per file (or stops, with --check-order) when a key goes backwards. */
  checkOrder(prev: JoinLine, cur: JoinLine, input: JoinInput, lineNo: number): void {
    const s = this.s;
    if (s.check === "disabled" || (s.check === "default" && !this.seenUnpairable) || input.warned) return;
    const which = input.which;
    const f = which === 1 ? s.field1 : s.field2;
    if (keyCompare(prev, f, cur, f, s.ignoreCase) <= 0) return;
    this.warn(`${s.names[which - 1]}:${lineNo}: is not sorted: `, cur.bytes);
    if (s.check === "enabled") throw new JoinDisorder();
    input.warned = true;
  }

  in1: JoinInput | null = null;
  in2: JoinInput | null = null;
  autocount1 = 0;
  autocount2 = 0;

  /** prjoin: one output line from line1 and line2 (either may be BLANK_LINE). */
  outputLine(l1: JoinLine, l2: JoinLine): Uint8Array {
    const s = this.s;
    const sep = s.tab < 0 ? 0x20 : s.tab;
    const parts: number[] = [];
    const field = (n: number, line: JoinLine) => {
      if (n < line.fields.length && line.fields[n][1] > line.fields[n][0]) {
        const [a, b] = line.fields[n];
        for (let i = a; i < b; i++) parts.push(line.bytes[i]);
      } else if (s.empty) {
        for (const c of s.empty) parts.push(c);
      }
    };
    const joinSide = (): [JoinLine, number] => (l1 === BLANK_LINE ? [l2, s.field2] : [l1, s.field1]);
    if (s.outList.length) {
      s.outList.forEach((o, k) => {
        if (k) parts.push(sep);
        if (o.file === 0) field(joinSide()[1], joinSide()[0]);
        else field(o.field, o.file === 1 ? l1 : l2);
      });
    } else {
      const [line, f] = joinSide();
      field(f, line);
      const rest = (l: JoinLine, jf: number, auto: number) => {
        const n = s.autoformat ? auto : l.fields.length;
        for (let i = 0; i < n; i++) {
          if (i === jf) continue;
          parts.push(sep);
          field(i, l);
        }
      };
      rest(l1, s.field1, this.autocount1);
      rest(l2, s.field2, this.autocount2);
    }
    parts.push(s.eol);
    return Uint8Array.from(parts);
  }

  private async emit(l1: JoinLine, l2: JoinLine): Promise<void> {
    const p = this.print(this.outputLine(l1, l2));
    if (p) await p;
  }

  /** join(): the whole merge. */
  async run(in1: JoinInput, in2: JoinInput): Promise<void> {
    const s = this.s;
    this.in1 = in1;
    this.in2 = in2;
    const cmp = (a: JoinLine, b: JoinLine) => keyCompare(a, s.field1, b, s.field2, s.ignoreCase);
    let seq1: JoinLine[] = [];
    let seq2: JoinLine[] = [];
    const first1 = await in1.get();
    if (first1) seq1.push(first1);
    const first2 = await in2.get();
    if (first2) seq2.push(first2);
    if (s.autoformat) {
      this.autocount1 = first1 ? first1.fields.length : 0;
      this.autocount2 = first2 ? first2.fields.length : 0;
    }
    const refill = async (input: JoinInput): Promise<JoinLine[]> => {
      const l = await input.get();
      return l ? [l] : [];
    };
    if (s.header && (seq1.length || seq2.length)) {
      await this.emit(seq1[0] ?? BLANK_LINE, seq2[0] ?? BLANK_LINE);
      in1.forgetPrevious();
      in2.forgetPrevious();
      if (seq1.length) seq1 = await refill(in1);
      if (seq2.length) seq2 = await refill(in2);
    }
    while (seq1.length && seq2.length) {
      const diff = cmp(seq1[0], seq2[0]);
      if (diff < 0) {
        if (s.unpaired1) await this.emit(seq1[0], BLANK_LINE);
        seq1 = await refill(in1);
        this.seenUnpairable = true;
        continue;
      }
      if (diff > 0) {
        if (s.unpaired2) await this.emit(BLANK_LINE, seq2[0]);
        seq2 = await refill(in2);
        this.seenUnpairable = true;
        continue;
      }
      // Runs of lines matching the other side's current line.
      let eof1 = false;
      for (;;) {
        const l = await in1.get();
        if (!l) {
          eof1 = true;
          break;
        }
        seq1.push(l);
        if (cmp(l, seq2[0]) !== 0) break;
      }
      let eof2 = false;
      for (;;) {
        const l = await in2.get();
        if (!l) {
          eof2 = true;
          break;
        }
        seq2.push(l);
        if (cmp(seq1[0], l) !== 0) break;
      }
      const n1 = eof1 ? seq1.length : seq1.length - 1;
      const n2 = eof2 ? seq2.length : seq2.length - 1;
      if (s.printPairables) {
        for (let i = 0; i < n1; i++) for (let j = 0; j < n2; j++) await this.emit(seq1[i], seq2[j]);
      }
      seq1 = eof1 ? [] : [seq1[seq1.length - 1]];
      seq2 = eof2 ? [] : [seq2[seq2.length - 1]];
    }
    // The tails are read even when not printed, to diagnose unsorted input.
    const checkTail = s.check !== "disabled" && !(in1.warned && in2.warned);
    if ((s.unpaired1 || checkTail) && seq1.length) {
      if (s.unpaired1) await this.emit(seq1[0], BLANK_LINE);
      if (seq2.length) this.seenUnpairable = true;
      for (let l = await in1.get(); l; l = await in1.get()) {
        if (s.unpaired1) await this.emit(l, BLANK_LINE);
        if (in1.warned && !s.unpaired1) break;
      }
    }
    if ((s.unpaired2 || checkTail) && seq2.length) {
      if (s.unpaired2) await this.emit(BLANK_LINE, seq2[0]);
      if (seq1.length) this.seenUnpairable = true;
      for (let l = await in2.get(); l; l = await in2.get()) {
        if (s.unpaired2) await this.emit(BLANK_LINE, l);
        if (in2.warned && !s.unpaired2) break;
      }
    }
  }
}
