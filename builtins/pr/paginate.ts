import type { CommandContext } from "../types.js";
import { ByteBuilder } from "../_lib/output.js";
import type { PrRecord, RecordSource } from "./records.js";
import { RowWriter } from "./row.js";

/** Everything the options decide, resolved the way GNU pr's init_parameters does. */
export interface PrLayout {
  columns: number;
  across: boolean;
  merge: boolean;
  /** Lines of text per page (already halved for -d). */
  bodyLines: number;
  /** Header and trailer printed. */
  extremities: boolean;
  /** Form feeds of the input are copied (-t), not turned into pagination (-T). */
  keepFormFeeds: boolean;
  formFeed: boolean;
  doubleSpace: boolean;
  margin: number;
  lineWidth: number;
  columnWidth: number;
  truncate: boolean;
  tabify: boolean;
  untabify: boolean;
  /** Separator between columns, or null for none. */
  separator: Uint8Array | null;
  numbered: boolean;
  numberSeparator: number;
  numberDigits: number;
  numberWidth: number;
  firstLineNumber: number;
  firstPage: number;
  lastPage: number;
  controlChars: "none" | "hat" | "octal";
}

interface CollectedPage {
  cells: (PrRecord | null)[][];
  /** False once every input has ended. */
  more: boolean;
  ffOnlyPage: boolean;
  endedByFormFeed: boolean;
  /** Input lines taken (for -n across skipped pages). */
  lines: number;
}

export interface PrHeader {
  date: string;
  title: string;
}

const encoder = new TextEncoder();

/** Prints one file (or, with -m, several side by side) as pages. */
export class Paginator {
  private readonly out = new ByteBuilder(8192);
  private readonly row: RowWriter;
  private page = 1;
  private lineNumber: number;
  private headerDue = false;
  private formFeedDue = false;
  private fullPagePrinted = false;

  constructor(
    private readonly ctx: CommandContext,
    private readonly L: PrLayout,
    private readonly sources: RecordSource[],
    private readonly header: PrHeader,
  ) {
    this.row = new RowWriter(this.out, L.tabify);
    this.lineNumber = L.firstLineNumber;
  }

  async run(): Promise<void> {
    const L = this.L;
    let open = true;
    for (; open && this.page <= L.lastPage; this.page++) {
      const page = await this.collectPage();
      open = page.more;
      if (this.page < L.firstPage) {
        // Pages before FIRST_PAGE are read and dropped (their lines still count for -n).
        this.lineNumber += page.lines;
        if (!open) {
          this.ctx.stderr.write(`pr: starting page number ${L.firstPage} exceeds page count ${this.page}\n`);
          break;
        }
        continue;
      }
      this.printPage(page.cells, page.ffOnlyPage, page.endedByFormFeed);
      if (this.out.length >= 8192) await this.ctx.stdout.write(this.out.take());
      this.ctx.budget.step();
    }
    await this.ctx.stdout.write(this.out.take());
  }

  /**
   * Reads one page: rows of cells (one per column; null where a column has no
   * line). `more` is false once every input has ended.
   */
  private async collectPage(): Promise<CollectedPage> {
    const L = this.L;
    const body = L.bodyLines;
    const cells: (PrRecord | null)[][] = [];
    if (L.merge) {
      const ended = this.sources.map(() => false);
      const held = this.sources.map(() => false);
      let any = false;
      for (let r = 0; r < body; r++) {
        const row: (PrRecord | null)[] = [];
        for (let i = 0; i < this.sources.length; i++) {
          const rec = ended[i] || held[i] ? null : await this.sources[i].next();
          if (!rec) ended[i] = ended[i] || !held[i];
          if (rec?.ff) held[i] = true;
          row.push(rec && !rec.ffOnly ? rec : null);
        }
        if (row.every((c) => c === null)) {
          if (ended.every((e, i) => e || held[i])) break;
          continue;
        }
        any = true;
        cells.push(row);
        if (ended.every((e, i) => e || held[i])) break;
      }
      return {
        cells,
        more: !ended.every(Boolean) && (any || held.some(Boolean)),
        ffOnlyPage: false,
        endedByFormFeed: held.some(Boolean),
        lines: cells.length,
      };
    }
    const src = this.sources[0];
    const n = L.columns;
    const lines: PrRecord[] = [];
    let ended = false;
    let ffOnlyPage = false;
    let endedByFormFeed = false;
    // A form feed right after a full page would only make an empty page: GNU skips it.
    if (this.fullPagePrinted && (await src.peek())?.ffOnly) await src.next();
    while (lines.length < body * n) {
      const rec = await src.next();
      if (!rec) {
        ended = true;
        break;
      }
      if (rec.ffOnly) {
        endedByFormFeed = true;
        if (lines.length === 0) ffOnlyPage = true;
        break;
      }
      rec.number = this.lineNumber + lines.length;
      lines.push(rec);
      if (rec.ff) {
        endedByFormFeed = true;
        break;
      }
    }
    this.fullPagePrinted = lines.length === body * n;
    if (n === 1) for (const l of lines) cells.push([l]);
    else if (L.across) {
      for (let i = 0; i < lines.length; i += n) {
        const row: (PrRecord | null)[] = lines.slice(i, i + n);
        cells.push(row);
      }
    } else {
      // Down the columns, balanced as GNU does: the first (total % n) columns get one more.
      const per: number[] = [];
      for (let c = 0; c < n; c++) per.push(Math.floor(lines.length / n) + (c < lines.length % n ? 1 : 0));
      const starts: number[] = [];
      let s = 0;
      for (const p of per) {
        starts.push(s);
        s += p;
      }
      for (let r = 0; r < per[0]; r++) cells.push(per.map((p, c) => (r < p ? lines[starts[c] + r] : null)));
    }
    return { cells, more: !ended, ffOnlyPage, endedByFormFeed, lines: lines.length };
  }

  private printPage(rows: (PrRecord | null)[][], ffOnlyPage: boolean, endedByFormFeed: boolean): void {
    const L = this.L;
    if (rows.length === 0 && !ffOnlyPage) return;
    this.headerDue = L.extremities;
    let left = L.bodyLines * (L.doubleSpace ? 2 : 1);
    if (rows.length === 0) {
      // A page of only a form feed: its header (and trailer) alone, or the form feed kept.
      if (this.headerDue) this.printHeader();
      else if (L.keepFormFeeds) this.out.byte(12);
      if (L.extremities) this.padDown(left + 5);
      return;
    }
    for (const row of rows) {
      if (this.headerDue) this.printHeader();
      this.printRow(row);
      left--;
      if (L.doubleSpace) {
        this.out.byte(10);
        left--;
      }
    }
    if (endedByFormFeed) this.formFeedDue = L.keepFormFeeds;
    if (L.extremities) this.padDown(left + 5);
    else if (this.formFeedDue) {
      this.out.byte(12);
      this.formFeedDue = false;
    }
  }

  private padDown(lines: number): void {
    if (this.L.formFeed) this.out.byte(12);
    else this.out.repeat(10, lines);
  }

  private printHeader(): void {
    const L = this.L;
    const page = `Page ${this.page}`;
    const available = Math.max(0, L.lineWidth - width(this.header.date) - width(this.header.title) - page.length);
    const lhs = available >> 1;
    const rhs = available - lhs;
    const line =
      " ".repeat(L.margin) + this.header.date + " ".repeat(Math.max(1, lhs)) + this.header.title + " ".repeat(Math.max(1, rhs)) + page;
    // GNU pads to the margin before the two blank lines too.
    this.out.repeat(32, L.margin);
    this.out.byte(10);
    this.out.byte(10);
    this.out.bytes(encoder.encode(line));
    this.out.repeat(10, 3);
    this.headerDue = false;
  }

  private printRow(row: (PrRecord | null)[]): void {
    const L = this.L;
    const w = this.row;
    w.reset();
    const step = L.columnWidth + (L.separator?.length ?? 0);
    let pendingSeparators = 0;
    let printed = false;
    for (let c = 0; c < row.length; c++) {
      const rec = row[c];
      if (c > 0) pendingSeparators++;
      if (!rec) {
        // -m: a file that has ended still gets its column's padding once text came before it.
        if (L.merge && L.truncate && printed) {
          w.padTo(L.margin + c * step + (L.numbered ? L.numberWidth : 0) - (L.separator?.length ?? 0));
          if (L.separator) for (; pendingSeparators > 0; pendingSeparators--) w.separator(L.separator);
          w.flush();
        }
        continue;
      }
      printed = true;
      const numberedHere = L.numbered && (!L.merge || c === 0);
      let start = L.margin;
      if (L.truncate) start = L.margin + c * step + (L.merge && L.numbered && c > 0 ? L.numberWidth : 0);
      if (L.truncate || c === 0) w.padTo(start - (c > 0 && L.separator ? L.separator.length : 0));
      else if (L.margin > 0 && c === 0) w.padTo(L.margin);
      if (L.separator) for (; pendingSeparators > 0; pendingSeparators--) w.separator(L.separator);
      pendingSeparators = 0;
      let inputPosition = 0;
      if (numberedHere) inputPosition = this.printNumber(L.truncate && !L.merge, rec.number);
      this.printText(rec.text, inputPosition);
    }
    w.newline();
  }

  /** The line number, then its separator (spaces to the tab stop when in columns). */
  private printNumber(countsInColumn: boolean, assigned: number | undefined): number {
    const L = this.L;
    const w = this.row;
    const power = 10 ** L.numberDigits;
    const n = assigned ?? this.lineNumber;
    this.lineNumber = n + 1;
    const text = n < power ? String(n).padStart(L.numberDigits) : String(n % power).padStart(L.numberDigits, "0");
    for (let i = 0; i < text.length; i++) w.char(text.charCodeAt(i), 1);
    if (L.columns > 1 || L.merge) {
      if (L.numberSeparator === 9) for (let i = L.numberWidth - L.numberDigits; i > 0; i--) w.char(32, 1);
      else w.char(L.numberSeparator, 1);
    } else {
      w.char(L.numberSeparator, L.numberSeparator === 9 ? 8 - (w.position % 8) : 1);
    }
    return countsInColumn ? L.numberWidth : 0;
  }

  /** A line's bytes as pr shows them (tabs, control characters), cut at the column width. */
  private printText(text: Uint8Array, inputPosition: number): void {
    const L = this.L;
    const w = this.row;
    for (const c of text) {
      let clump: number[];
      let cw: number;
      if (c === 9) {
        cw = 8 - (inputPosition % 8);
        clump = L.untabify ? new Array<number>(cw).fill(32) : [9];
      } else if (c < 32 || c >= 127) {
        if (L.controlChars === "octal" || (L.controlChars === "hat" && c >= 128)) {
          clump = [92, ...c.toString(8).padStart(3, "0").split("").map((d) => d.charCodeAt(0))];
          cw = 4;
        } else if (L.controlChars === "hat") {
          clump = [94, c ^ 64];
          cw = 2;
        } else {
          clump = [c];
          cw = c === 8 ? -1 : 0;
        }
      } else {
        clump = [c];
        cw = 1;
      }
      const next = cw < 0 ? Math.max(0, inputPosition + cw) : inputPosition + cw;
      if (L.truncate && next > L.columnWidth) return;
      inputPosition = next;
      if (clump.length === 1) w.char(clump[0], cw);
      else for (const b of clump) w.char(b, b === 32 || cw !== clump.length ? 1 : 1);
    }
  }
}

/** Display width of header text: pr counts characters (mbswidth). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
