import type { ByteReader } from "../../src/io/streams.js";
import type { CommandContext } from "../types.js";
import { ByteBuilder } from "../_lib/output.js";
import { readLines, type Line } from "../_lib/lines.js";

/**
 * GNU fmt 9.1's paragraph reader and optimal filler, byte for byte. Input is
 * read one character at a time as in the original (a paragraph ends on a
 * blank line, a change of indentation or prefix); only the start of a line
 * awaits the next line, so the rest stays synchronous.
 */

export interface FmtSettings {
  crown: boolean;
  tagged: boolean;
  split: boolean;
  uniform: boolean;
  prefix: Uint8Array;
  maxWidth: number;
  goalWidth: number;
}

// Costs are squared departures from the goal width (times 10), as GNU's EQUIV.
const equiv = (n: number) => n * n;
const shortCost = (n: number) => equiv(n * 10);
const raggedCost = (n: number) => shortCost(n) / 2;
const LINE_COST = equiv(70);
const widowCost = (n: number) => Math.trunc(equiv(200) / (n + 2));
const orphanCost = (n: number) => Math.trunc(equiv(150) / (n + 2));
const SENTENCE_BONUS = equiv(50);
const NOBREAK_COST = equiv(600);
const PAREN_BONUS = equiv(40);
const PUNCT_BONUS = equiv(40);
const LINE_CREDIT = equiv(3);

const MAX_WORDS = 1000;
const MAX_CHARS = 5000;
const TAB_WIDTH = 8;
const EOF = -1;
const NL = 10;
const SPACE = 32;
const TAB = 9;
const DEF_INDENT = 3;

interface Word {
  start: number;
  length: number;
  space: number;
  paren: boolean;
  period: boolean;
  punct: boolean;
  final: boolean;
  lineWidth: number;
  bestCost: number;
  nextBreak: number;
}

const newWord = (): Word => ({
  start: 0,
  length: 0,
  space: 0,
  paren: false,
  period: false,
  punct: false,
  final: false,
  lineWidth: 0,
  bestCost: 0,
  nextBreak: 0,
});

/** C isspace in the C/UTF-8 locale, for single bytes. */
const isSpace = (c: number) => c === SPACE || (c >= 9 && c <= 13);
/** C ispunct for single bytes (ASCII graphic, not alphanumeric). */
const isPunct = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
const isOpen = (c: number) => c === 40 || c === 91 || c === 39 || c === 96 || c === 34; // ( [ ' ` "
const isClose = (c: number) => c === 41 || c === 93 || c === 39 || c === 34; // ) ] ' "
const isPeriod = (c: number) => c === 46 || c === 63 || c === 33; // . ? !

export class Formatter {
  private readonly out = new ByteBuilder(8192);
  private readonly lines: AsyncGenerator<Line>;
  private line: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private terminated = false;
  private atEof = false;

  private readonly prefix: Uint8Array;
  private readonly prefixLeadSpace: number;
  private readonly prefixFullLength: number;
  private readonly prefixLength: number;

  private inColumn = 0;
  private outColumn = 0;
  private tabs = false;
  private prefixIndent = 0;
  private firstIndent = 0;
  private otherIndent = 0;
  private nextChar = EOF;
  private nextPrefixIndent = 0;
  private lastLineWidth = 0;

  private readonly parabuf = new Uint8Array(MAX_CHARS);
  private wptr = 0;
  private readonly words: Word[] = Array.from({ length: MAX_WORDS }, newWord);
  private wordLimit = 0;

  constructor(
    private readonly s: FmtSettings,
    reader: ByteReader,
    private readonly ctx: CommandContext,
  ) {
    this.lines = readLines(reader);
    // The prefix without its leading spaces; its length with and without trailing ones.
    let p = 0;
    while (p < s.prefix.length && s.prefix[p] === SPACE) p++;
    this.prefixLeadSpace = p;
    this.prefix = s.prefix.subarray(p);
    this.prefixFullLength = this.prefix.length;
    let e = this.prefix.length;
    while (e > 0 && this.prefix[e - 1] === SPACE) e--;
    this.prefix = this.prefix.subarray(0, e);
    this.prefixLength = e;
  }

  async run(): Promise<void> {
    this.nextChar = await this.getPrefix();
    while (await this.getParagraph()) {
      this.fmtParagraph();
      this.putParagraph(this.wordLimit);
    }
    await this.ctx.stdout.write(this.out.take());
  }

  /** The next byte of the current line, NL at its end, EOF after an unterminated last line. */
  private getc(): number {
    if (this.pos < this.line.length) return this.line[this.pos++];
    if (this.pos === this.line.length && this.terminated) {
      this.pos++;
      return NL;
    }
    return EOF;
  }

  /** Starts the next input line (every caller has just consumed NL or EOF). */
  private async startLine(): Promise<void> {
    if (this.out.length >= 4096) await this.ctx.stdout.write(this.out.take());
    this.ctx.budget.step();
    if (this.atEof) return;
    const next = await this.lines.next();
    if (next.done) {
      this.atEof = true;
      this.line = new Uint8Array(0);
      this.pos = 0;
      this.terminated = false;
      return;
    }
    this.line = next.value.bytes;
    this.terminated = next.value.terminated;
    this.pos = 0;
  }

  private async getPrefix(): Promise<number> {
    await this.startLine();
    this.inColumn = 0;
    let c = this.getSpace(this.getc());
    if (this.prefixLength === 0) {
      this.nextPrefixIndent = Math.min(this.prefixLeadSpace, this.inColumn);
    } else {
      this.nextPrefixIndent = this.inColumn;
      for (let i = 0; i < this.prefixLength; i++) {
        if (c !== this.prefix[i]) return c;
        this.inColumn++;
        c = this.getc();
      }
      c = this.getSpace(c);
    }
    return c;
  }

  private getSpace(c: number): number {
    for (;;) {
      if (c === SPACE) this.inColumn++;
      else if (c === TAB) {
        this.tabs = true;
        this.inColumn = (Math.trunc(this.inColumn / TAB_WIDTH) + 1) * TAB_WIDTH;
      } else return c;
      c = this.getc();
    }
  }

  private setOtherIndent(sameParagraph: boolean): void {
    const s = this.s;
    if (s.split) this.otherIndent = this.firstIndent;
    else if (s.crown) this.otherIndent = sameParagraph ? this.inColumn : this.firstIndent;
    else if (s.tagged) {
      if (sameParagraph && this.inColumn !== this.firstIndent) this.otherIndent = this.inColumn;
      else if (this.otherIndent === this.firstIndent) this.otherIndent = this.firstIndent === 0 ? DEF_INDENT : 0;
    } else this.otherIndent = this.firstIndent;
  }

  private sameParagraph(c: number): boolean {
    return (
      this.nextPrefixIndent === this.prefixIndent &&
      this.inColumn >= this.nextPrefixIndent + this.prefixFullLength &&
      c !== NL &&
      c !== EOF
    );
  }

  private async getParagraph(): Promise<boolean> {
    this.lastLineWidth = 0;
    let c = this.nextChar;
    // Copy blank lines and lines without the prefix as they are.
    while (
      c === NL ||
      c === EOF ||
      this.nextPrefixIndent < this.prefixLeadSpace ||
      this.inColumn < this.nextPrefixIndent + this.prefixFullLength
    ) {
      c = this.copyRest(c);
      if (c === EOF) {
        this.nextChar = EOF;
        return false;
      }
      this.out.byte(NL);
      c = await this.getPrefix();
    }
    this.prefixIndent = this.nextPrefixIndent;
    this.firstIndent = this.inColumn;
    this.wptr = 0;
    this.wordLimit = 0;
    c = await this.getLine(c);
    this.setOtherIndent(this.sameParagraph(c));
    const s = this.s;
    if (s.split) {
      // One line per paragraph.
    } else if (s.crown || s.tagged) {
      if (this.sameParagraph(c) && (s.crown || this.inColumn !== this.firstIndent)) {
        do c = await this.getLine(c);
        while (this.sameParagraph(c) && this.inColumn === this.otherIndent);
      }
    } else {
      while (this.sameParagraph(c) && this.inColumn === this.otherIndent) c = await this.getLine(c);
    }
    const last = this.words[this.wordLimit - 1];
    last.period = last.final = true;
    this.nextChar = c;
    return true;
  }

  /** Copies a line that is blank after the prefix, or lacks it; returns NL or EOF. */
  private copyRest(c: number): number {
    const out = this.out;
    this.outColumn = 0;
    if (this.inColumn > this.nextPrefixIndent || (c !== NL && c !== EOF)) {
      this.putSpace(this.nextPrefixIndent);
      for (let i = 0; this.outColumn !== this.inColumn && i < this.prefix.length; i++, this.outColumn++) {
        out.byte(this.prefix[i]);
      }
      if (c !== EOF && c !== NL) this.putSpace(this.inColumn - this.outColumn);
      if (c === EOF && this.inColumn >= this.nextPrefixIndent + this.prefixLength) out.byte(NL);
    }
    while (c !== NL && c !== EOF) {
      out.byte(c);
      c = this.getc();
    }
    return c;
  }

  /** Reads one line's words, starting at its first non-blank byte c; returns the next line's. */
  private async getLine(c: number): Promise<number> {
    do {
      const w = this.words[this.wordLimit];
      w.start = this.wptr;
      do {
        if (this.wptr === MAX_CHARS) {
          this.setOtherIndent(true);
          this.flushParagraph();
        }
        this.parabuf[this.wptr++] = c;
        c = this.getc();
      } while (c !== EOF && !isSpace(c));
      w.length = this.wptr - w.start;
      this.inColumn += w.length;
      this.checkPunctuation(w);
      const start = this.inColumn;
      c = this.getSpace(c);
      w.space = this.inColumn - start;
      w.final = c === EOF || (w.period && (c === NL || w.space > 1));
      if (c === NL || c === EOF || this.s.uniform) w.space = w.final ? 2 : 1;
      if (this.wordLimit === MAX_WORDS - 2) {
        this.setOtherIndent(true);
        this.flushParagraph();
      }
      this.wordLimit++;
    } while (c !== NL && c !== EOF);
    return this.getPrefix();
  }

  private checkPunctuation(w: Word): void {
    const buf = this.parabuf;
    let finish = w.start + w.length - 1;
    w.paren = isOpen(buf[w.start]);
    w.punct = isPunct(buf[finish]);
    while (w.start < finish && isClose(buf[finish])) finish--;
    w.period = isPeriod(buf[finish]);
  }

  /** Out of room: writes the paragraph up to a cheap break near its end and keeps the rest. */
  private flushParagraph(): void {
    const words = this.words;
    if (this.wordLimit === 0) {
      this.out.bytes(this.parabuf.subarray(0, this.wptr));
      this.wptr = 0;
      return;
    }
    this.fmtParagraph();
    let split = this.wordLimit;
    let bestBreak = Infinity;
    for (let w = words[0].nextBreak; w !== this.wordLimit; w = words[w].nextBreak) {
      const gain = words[w].bestCost - words[words[w].nextBreak].bestCost;
      if (gain < bestBreak) {
        split = w;
        bestBreak = gain;
      }
      if (bestBreak !== Infinity) bestBreak += LINE_CREDIT;
    }
    this.putParagraph(split);
    const shift = words[split].start;
    this.parabuf.copyWithin(0, shift, this.wptr);
    this.wptr -= shift;
    for (let w = split; w <= this.wordLimit; w++) words[w].start -= shift;
    // Move words split..wordLimit down to 0 (swapping keeps every slot an object of its own).
    const count = this.wordLimit - split + 1;
    for (let i = 0; i < count; i++) {
      const tmp = words[i];
      words[i] = words[split + i];
      words[split + i] = tmp;
    }
    for (let i = 0; i < count; i++) words[i].nextBreak -= split;
    this.wordLimit -= split;
  }

  /** The best breaks for every suffix of the paragraph, from the end backwards. */
  private fmtParagraph(): void {
    const words = this.words;
    const limit = this.wordLimit;
    const maxWidth = this.s.maxWidth;
    words[limit].bestCost = 0;
    const savedLength = words[limit].length;
    words[limit].length = maxWidth; // sentinel
    for (let start = limit - 1; start >= 0; start--) {
      let best = Infinity;
      let wid = (start === 0 ? this.firstIndent : this.otherIndent) + words[start].length;
      let w = start;
      do {
        w++;
        let cost = this.lineCost(w, wid) + words[w].bestCost;
        if (start === 0 && this.lastLineWidth > 0) cost += raggedCost(wid - this.lastLineWidth);
        if (cost < best) {
          best = cost;
          words[start].nextBreak = w;
          words[start].lineWidth = wid;
        }
        if (w === limit) break;
        wid += words[w - 1].space + words[w].length;
      } while (wid < maxWidth);
      words[start].bestCost = best + this.baseCost(start);
    }
    words[limit].length = savedLength;
  }

  private baseCost(index: number): number {
    const words = this.words;
    const self = words[index];
    let cost = LINE_COST;
    if (index > 0) {
      const prev = words[index - 1];
      if (prev.period) cost += prev.final ? -SENTENCE_BONUS : NOBREAK_COST;
      else if (prev.punct) cost -= PUNCT_BONUS;
      else if (index > 1 && words[index - 2].final) cost += widowCost(prev.length);
    }
    if (self.paren) cost -= PAREN_BONUS;
    else if (self.final) cost += orphanCost(self.length);
    return cost;
  }

  private lineCost(next: number, wid: number): number {
    if (next === this.wordLimit) return 0;
    let cost = shortCost(this.s.goalWidth - wid);
    const w = this.words[next];
    if (w.nextBreak !== this.wordLimit) cost += raggedCost(wid - w.lineWidth);
    return cost;
  }

  private putParagraph(finish: number): void {
    this.putLine(0, this.firstIndent);
    for (let w = this.words[0].nextBreak; w !== finish; w = this.words[w].nextBreak) this.putLine(w, this.otherIndent);
  }

  private putLine(first: number, indent: number): void {
    const words = this.words;
    this.outColumn = 0;
    this.putSpace(this.prefixIndent);
    this.out.bytes(this.prefix);
    this.outColumn += this.prefixLength;
    this.putSpace(indent - this.outColumn);
    const end = words[first].nextBreak - 1;
    let w = first;
    for (; w !== end; w++) {
      this.putWord(words[w]);
      this.putSpace(words[w].space);
    }
    this.putWord(words[w]);
    this.lastLineWidth = this.outColumn;
    this.out.byte(NL);
  }

  private putWord(w: Word): void {
    this.out.bytes(this.parabuf.subarray(w.start, w.start + w.length));
    this.outColumn += w.length;
  }

  private putSpace(space: number): void {
    const target = this.outColumn + space;
    if (this.tabs) {
      const tabTarget = Math.trunc(target / TAB_WIDTH) * TAB_WIDTH;
      if (this.outColumn + 1 < tabTarget) {
        while (this.outColumn < tabTarget) {
          this.out.byte(TAB);
          this.outColumn = (Math.trunc(this.outColumn / TAB_WIDTH) + 1) * TAB_WIDTH;
        }
      }
    }
    if (target > this.outColumn) {
      this.out.repeat(SPACE, target - this.outColumn);
      this.outColumn = target;
    }
  }
}
