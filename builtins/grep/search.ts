import type { CommandContext } from "../types.js";
import type { ByteReader } from "../../src/io/streams.js";
import { concatBytes } from "../../src/io/streams.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import type { GrepMatcher } from "./pattern.js";

/**
 * Searching one input the way GNU grep does: whole buffers of lines are
 * searched with one regex call and line boundaries are found around each
 * match (not one regex call per line), then the selected lines, context,
 * counts or names are printed. Reading stops as soon as the outcome is known
 * (-q, -l, -m), so `yes | grep -m1 y` ends at once.
 */

export interface OutputSettings {
  invert: boolean;
  count: boolean;
  list: "l" | "L" | null;
  quiet: boolean;
  maxCount: number;
  onlyMatching: boolean;
  byteOffset: boolean;
  lineNumber: boolean;
  withFilename: boolean;
  initialTab: boolean;
  nullAfterName: boolean;
  nullData: boolean;
  before: number;
  after: number;
  /** -A, -B, -C or -NUM was given (even 0): groups get separators. */
  contextGiven: boolean;
  groupSeparator: string | null;
  binaryFiles: "binary" | "text" | "without-match";
  lineBuffered: boolean;
  /** --color=always: GNU's default GREP_COLORS (ms=01;31 fn=35 ln=32 bn=32 se=36). */
  color: boolean;
}

const SGR_END = "\x1b[m\x1b[K";
/** Wraps text in one of GNU grep's default colours when colouring is on. */
export function paint(on: boolean, sgr: string, text: string): string {
  return on && text !== "" ? `\x1b[${sgr}m\x1b[K${text}${SGR_END}` : text;
}

/** State shared by all inputs of one grep run (the separator between files' context groups). */
export interface RunState {
  printedGroup: boolean;
}

/** An escaped invalid byte (src/io/utf8.ts) in a line means an encoding error. */
const ENCODING_ERROR = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** Valid UTF-8 decodes here; only text that fails it can hold escaped invalid bytes. */
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

interface Held {
  text: string;
  lineNo: number;
  byte: number;
}

export class FileSearch {
  selected = 0;
  private done = false;
  /** After -m was reached: only trailing context is still printed. */
  private draining = false;
  private binary = false;
  private suppressed = false;
  private lineNo = 1;
  /** Byte offset of the start of the current text, and its cursor position. */
  private byteBase = 0;
  private cursor = 0;
  private cursorByte = 0;
  private pendingAfter = 0;
  private lastPrinted = -1;
  private held: Held[] = [];
  private out: string[] = [];
  /** The current text has no invalid bytes, so lines need no encoding check. */
  private clean = true;
  /**
   * Selected lines as [start, end) offsets into `bytes` when the chunk is ASCII and
   * lines print bare (no prefix, colour or context): copied out as bytes, not
   * re-encoded from strings.
   */
  private ranges: number[] = [];
  private bytes: Uint8Array | null = null;
  private readonly sep: string;
  private readonly sepCode: number;
  private readonly needLines: boolean;
  private readonly context: boolean;

  constructor(
    private readonly ctx: CommandContext,
    private readonly s: OutputSettings,
    private readonly matcher: GrepMatcher,
    private readonly name: string,
    private readonly run: RunState,
    /** -T: GNU pads line numbers and offsets to the digits of the file size (19 for a pipe). */
    private readonly offsetWidth = 0,
  ) {
    this.sep = s.nullData ? "\0" : "\n";
    this.sepCode = s.nullData ? 0 : 10;
    this.context = s.contextGiven;
    this.needLines = s.lineNumber || this.context;
  }

  /** Reads the input to its end, or until the outcome is known. */
  async search(reader: ByteReader): Promise<void> {
    if (this.s.maxCount <= 0) return;
    let parts: Uint8Array[] = [];
    let partsLen = 0;
    while (!this.done) {
      const chunk = await reader.read();
      if (chunk === null) {
        if (partsLen > 0) await this.feed(concatBytes(parts, partsLen));
        break;
      }
      const last = chunk.lastIndexOf(this.sepCode);
      if (last < 0) {
        parts.push(chunk.slice());
        partsLen += chunk.length;
        continue;
      }
      const head = chunk.subarray(0, last + 1);
      const bytes = partsLen > 0 ? concatBytes([...parts, head], partsLen + head.length) : head;
      parts = last + 1 < chunk.length ? [chunk.slice(last + 1)] : [];
      partsLen = parts.length ? parts[0].length : 0;
      await this.feed(bytes);
      this.ctx.budget.step();
    }
  }

  /** What to print once the input is done: counts, names, the binary-file note. */
  finish(): { stdout: string; stderr: string } {
    const s = this.s;
    let stdout = "";
    let stderr = "";
    if (s.quiet) return { stdout, stderr };
    if (s.list) {
      if ((s.list === "l") === this.selected > 0) stdout = paint(s.color, "35", this.name) + (s.nullAfterName ? "\0" : "\n");
      return { stdout, stderr };
    }
    if (s.count) {
      const name = s.withFilename ? paint(s.color, "35", this.name) + (s.nullAfterName ? "\0" : paint(s.color, "36", ":")) : "";
      stdout = name + `${this.selected}\n`;
      return { stdout, stderr };
    }
    if ((this.binary && this.selected > 0) || this.suppressed) {
      stderr = `${this.ctx.name}: ${this.name}: binary file matches\n`;
    }
    return { stdout, stderr };
  }

  private async feed(bytes: Uint8Array): Promise<void> {
    if (!this.binary && this.s.binaryFiles !== "text" && !this.s.nullData && bytes.indexOf(0) >= 0) {
      this.binary = true;
      if (this.s.binaryFiles === "without-match") {
        this.done = true;
        return;
      }
    }
    let text: string;
    try {
      text = strictDecoder.decode(bytes);
      this.clean = true;
    } catch {
      text = decodeUtf8(bytes);
      this.clean = this.s.binaryFiles === "text" || !ENCODING_ERROR.test(text);
    }
    this.cursor = 0;
    this.cursorByte = 0;
    this.bytes = bytes.length === text.length && !this.s.invert && !this.s.color && this.plainOutput() ? bytes : null;
    if (this.countOnly()) this.countLines(text);
    else this.scan(text);
    this.byteBase += bytes.length;
    if (this.ranges.length > 0) {
      await this.ctx.stdout.write(this.copyRanges(bytes));
    } else if (this.out.length > 0) {
      const chunk = this.out.join("");
      this.out = [];
      await this.ctx.stdout.write(chunk);
    }
  }

  /** The selected lines of an ASCII chunk, each with its line delimiter. */
  private copyRanges(bytes: Uint8Array): Uint8Array {
    const r = this.ranges;
    let size = 0;
    for (let i = 0; i < r.length; i += 2) size += r[i + 1] - r[i] + 1;
    const out = new Uint8Array(size);
    let at = 0;
    for (let i = 0; i < r.length; i += 2) {
      const a = r[i], e = r[i + 1];
      if (e - a > 64) {
        out.set(bytes.subarray(a, e), at);
        at += e - a;
      } else for (let j = a; j < e; j++) out[at++] = bytes[j];
      out[at++] = this.sepCode;
    }
    this.ranges = [];
    return out;
  }

  /** -c alone (no -v, -m, line numbers or offsets): only how many lines hold a match. */
  private countOnly(): boolean {
    const s = this.s;
    return this.matcher.buffered && s.count && !s.invert && !s.quiet && !s.list && s.maxCount === Infinity && !this.needLines && !s.byteOffset;
  }

  /** The -c loop: from each match to the end of its line, nothing else. */
  private countLines(text: string): void {
    const m = this.matcher;
    const end = text.length;
    const sep = this.sep;
    let pos = 0;
    let n = 0;
    while (pos < end) {
      const hit = m.find(text, pos);
      if (!hit || (hit.index === end && text.charCodeAt(end - 1) === this.sepCode)) break;
      n++;
      const e = text.indexOf(sep, hit.index);
      if (e < 0) break;
      pos = e + 1;
    }
    this.selected += n;
  }

  /** Walks the text from match to match; the lines in between are not matched. */
  private scan(text: string): void {
    const m = this.matcher;
    let pos = 0;
    const end = text.length;
    while (pos < end && !this.done) {
      let lineStart: number;
      let lineEnd: number;
      if (this.draining) {
        this.region(text, pos, end);
        return;
      }
      if (m.buffered) {
        const hit = m.find(text, pos);
        if (!hit || (hit.index === end && text.charCodeAt(end - 1) === this.sepCode)) {
          this.region(text, pos, end);
          return;
        }
        lineStart = hit.index === 0 ? 0 : text.lastIndexOf(this.sep, hit.index - 1) + 1;
        if (lineStart < pos) lineStart = pos;
        lineEnd = text.indexOf(this.sep, hit.index);
      } else {
        lineEnd = text.indexOf(this.sep, pos);
        lineStart = pos;
        const line = text.slice(pos, lineEnd < 0 ? end : lineEnd);
        if (!m.find(line, 0)) {
          this.region(text, pos, lineEnd < 0 ? end : lineEnd + 1);
          pos = lineEnd < 0 ? end : lineEnd + 1;
          continue;
        }
      }
      if (lineEnd < 0) lineEnd = end;
      if (lineStart > pos) this.region(text, pos, lineStart);
      if (this.done) return;
      this.advance(text, lineStart);
      this.line(text, lineStart, lineEnd, true);
      pos = lineEnd + 1;
      this.advance(text, Math.min(pos, end), 1);
    }
  }

  /** Moves the line/byte cursor to `to`; `lines` is how many lines that passes when known. */
  private advance(text: string, to: number, lines = -1): void {
    if (to <= this.cursor) return;
    if (this.needLines) {
      if (lines >= 0) this.lineNo += lines;
      else for (let i = text.indexOf(this.sep, this.cursor); i >= 0 && i < to; i = text.indexOf(this.sep, i + 1)) this.lineNo++;
    }
    if (this.s.byteOffset) this.cursorByte += utf8Length(text, this.cursor, to);
    this.cursor = to;
  }

  /** Lines in [a, b) that did not match (b is a line start or the end). */
  private region(text: string, a: number, b: number): void {
    const s = this.s;
    if (!s.invert && this.pendingAfter === 0 && s.before === 0) {
      this.advance(text, b);
      if (this.draining) this.done = true;
      return;
    }
    if (s.invert && !this.draining && this.plainOutput() && s.maxCount === Infinity && !this.binary) {
      const slice = text.slice(a, b);
      if (slice.length > 0 && (this.clean || !ENCODING_ERROR.test(slice))) {
        this.selected++;
        this.out.push(slice, text.charCodeAt(b - 1) === this.sepCode ? "" : this.sep);
        this.advance(text, b);
        return;
      }
    }
    let pos = a;
    while (pos < b && !this.done) {
      let e = text.indexOf(this.sep, pos);
      if (e < 0 || e > b) e = b;
      this.advance(text, pos);
      this.line(text, pos, e, false);
      pos = e + 1;
      this.advance(text, Math.min(pos, b), 1);
      if (this.draining && this.pendingAfter === 0) this.done = true;
    }
  }

  private plainOutput(): boolean {
    const s = this.s;
    return !s.count && !s.list && !s.quiet && !s.onlyMatching && !s.lineNumber && !s.byteOffset && !s.withFilename && !this.context;
  }

  /** One line [a, e) that matched or not; decides selection and prints. */
  private line(text: string, a: number, e: number, matched: boolean): void {
    const s = this.s;
    const selected = matched !== s.invert && !this.draining;
    if (!selected) {
      if (this.pendingAfter > 0) {
        this.pendingAfter--;
        this.print(text.slice(a, e), "-", this.lineNo, this.byteBase + this.cursorByte);
      } else if (s.before > 0) {
        this.held.push({ text: text.slice(a, e), lineNo: this.lineNo, byte: this.byteBase + this.cursorByte });
        if (this.held.length > s.before) this.held.shift();
      }
      return;
    }
    this.selected++;
    if (this.selected >= s.maxCount) {
      this.draining = true;
      if (s.after === 0 || s.count || s.list || s.quiet) this.done = true;
    }
    if (s.quiet || s.list) {
      this.done = true;
      return;
    }
    if (s.count) return;
    if (this.binary) {
      this.done = true;
      return;
    }
    if (this.bytes) {
      // A line right after the previous one extends its range (the delimiter between is in the text).
      const r = this.ranges;
      if (r.length > 0 && r[r.length - 1] + 1 === a) r[r.length - 1] = e;
      else r.push(a, e);
      this.pendingAfter = s.after;
      return;
    }
    for (const h of this.held) if (h.lineNo > this.lastPrinted) this.print(h.text, "-", h.lineNo, h.byte);
    this.held = [];
    const lineText = text.slice(a, e);
    const byte = this.byteBase + this.cursorByte;
    if (s.onlyMatching) this.printMatches(lineText, byte);
    else this.print(lineText, ":", this.lineNo, byte);
    this.pendingAfter = s.after;
  }

  private prefix(sep: string, lineNo: number, byte: number): string {
    const s = this.s;
    const c = s.color;
    const colored = paint(c, "36", sep);
    let p = "";
    if (s.withFilename) p += paint(c, "35", this.name) + (s.nullAfterName ? "\0" : colored);
    if (s.lineNumber) p += paint(c, "32", String(lineNo).padStart(this.offsetWidth)) + colored;
    if (s.byteOffset) p += paint(c, "32", String(byte).padStart(this.offsetWidth)) + colored;
    if (s.initialTab && p !== "") p += "\t";
    return p;
  }

  private print(lineText: string, sep: string, lineNo: number, byte: number): void {
    if (this.s.onlyMatching) {
      // -o prints no context lines, but they still join groups for the separator.
      this.separator(lineNo);
      return;
    }
    if (!this.clean && ENCODING_ERROR.test(lineText)) {
      this.suppressed = true;
      return;
    }
    this.separator(lineNo);
    const body = this.s.color && sep === ":" && !this.s.invert ? this.highlight(lineText) : lineText;
    this.out.push(this.prefix(sep, lineNo, byte), body, this.sep);
  }

  /** The line with each match painted (--color=always). */
  private highlight(lineText: string): string {
    let out = "";
    let copied = 0;
    for (let pos = 0; pos <= lineText.length; ) {
      const m = this.matcher.exec(lineText, pos);
      if (!m) break;
      if (m.end === m.index) {
        pos = m.index + 1;
        continue;
      }
      out += lineText.slice(copied, m.index) + paint(true, "01;31", lineText.slice(m.index, m.end));
      copied = pos = m.end;
    }
    return out + lineText.slice(copied);
  }

  /** GNU prints the group separator before a context group that does not continue the last one. */
  private separator(lineNo: number): void {
    if (!this.context) return;
    const gap = this.lastPrinted < 0 ? this.run.printedGroup : lineNo > this.lastPrinted + 1;
    if (gap && this.s.groupSeparator !== null) this.out.push(paint(this.s.color, "36", this.s.groupSeparator), "\n");
    this.lastPrinted = lineNo;
    this.run.printedGroup = true;
  }

  private printMatches(lineText: string, lineByte: number): void {
    if (this.s.invert) return;
    let pos = 0;
    let first = true;
    while (pos <= lineText.length) {
      const m = this.matcher.exec(lineText, pos);
      if (!m) break;
      if (m.end === m.index) {
        const c = lineText.charCodeAt(m.index);
        pos = m.index + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
        continue;
      }
      const part = lineText.slice(m.index, m.end);
      if (!this.clean && ENCODING_ERROR.test(part)) {
        this.suppressed = true;
      } else {
        if (first) this.separator(this.lineNo);
        first = false;
        const byte = lineByte + (this.s.byteOffset ? utf8Length(lineText, 0, m.index) : 0);
        this.out.push(this.prefix(":", this.lineNo, byte), paint(this.s.color, "01;31", part), this.sep);
      }
      pos = m.end;
    }
  }
}

/** UTF-8 length of text[a, b), counting each escaped invalid byte as one. */
export function utf8Length(text: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < b) {
      n += 4;
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1;
    else n += 3;
  }
  return n;
}
