/**
 * Splitting an input stream into records by RS: one character, "" (paragraph
 * mode: blank lines separate, RT is the run of newlines) or a regex (RT is the
 * matched text). Bytes are decoded chunk by chunk at safe UTF-8 boundaries and
 * records are cut synchronously from the decoded buffer, so the per-record cost
 * has no await in it; `fill()` is the only asynchronous step.
 */
import type { ByteReader } from "../../src/io/streams.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import type { CompiledRegex } from "./regex.js";

export type RecordSep =
  | { k: "char"; c: string }
  | { k: "para" }
  | { k: "regex"; re: CompiledRegex };

/** Where a valid UTF-8 prefix of b ends (an incomplete trailing sequence is held back). */
function safeEnd(b: Uint8Array): number {
  const n = b.length;
  let i = n - 1;
  let back = 0;
  while (i >= 0 && back < 3 && (b[i] & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return n;
  const lead = b[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (lead >= 0xc0 && lead <= 0xf4 && n - i < need) return i;
  return n;
}

export class RecordReader {
  private buf = "";
  private pos = 0;
  private carry: Uint8Array | null = null;
  private eof = false;
  /** The terminator of the last record read (gawk's RT). */
  rt = "";
  /** Total records cut. */
  count = 0;

  constructor(private readonly src: ByteReader) {}

  /** Reads one more chunk into the buffer; false at end of input. */
  async fill(): Promise<boolean> {
    if (this.eof) return false;
    const chunk = await this.src.read();
    if (!chunk) {
      this.eof = true;
      if (this.carry) {
        this.append(decodeUtf8(this.carry));
        this.carry = null;
      }
      return false;
    }
    let bytes = chunk;
    if (this.carry) {
      const merged = new Uint8Array(this.carry.length + chunk.length);
      merged.set(this.carry);
      merged.set(chunk, this.carry.length);
      bytes = merged;
      this.carry = null;
    }
    const end = safeEnd(bytes);
    if (end < bytes.length) this.carry = bytes.slice(end);
    this.append(decodeUtf8(end < bytes.length ? bytes.subarray(0, end) : bytes));
    return true;
  }

  private append(text: string): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
  }

  get ended(): boolean {
    return this.eof;
  }

  /**
   * The next record if it can be cut from what is buffered: a string, null at
   * end of input, or undefined when fill() must run first.
   */
  next(sep: RecordSep): string | null | undefined {
    switch (sep.k) {
      case "char":
        return this.nextChar(sep.c);
      case "para":
        return this.nextPara();
      case "regex":
        return this.nextRegex(sep.re);
    }
  }

  private rest(): string | null | undefined {
    if (!this.eof) return undefined;
    if (this.pos >= this.buf.length) return null;
    const r = this.buf.slice(this.pos);
    this.pos = this.buf.length;
    this.rt = "";
    this.count++;
    return r;
  }

  private nextChar(c: string): string | null | undefined {
    const i = this.buf.indexOf(c, this.pos);
    if (i < 0) return this.rest();
    const r = this.buf.slice(this.pos, i);
    this.pos = i + c.length;
    this.rt = c;
    this.count++;
    return r;
  }

  private nextPara(): string | null | undefined {
    const b = this.buf;
    // Skip leading newlines (needs to know what follows them).
    let p = this.pos;
    while (p < b.length && b.charCodeAt(p) === 10) p++;
    if (p >= b.length) {
      if (!this.eof) return undefined;
      this.pos = p;
      return null;
    }
    this.pos = p;
    let search = p;
    for (;;) {
      const i = b.indexOf("\n\n", search);
      if (i < 0) {
        if (!this.eof) return undefined;
        // Last record: trailing newlines are its RT.
        let end = b.length;
        while (end > p && b.charCodeAt(end - 1) === 10) end--;
        const r = b.slice(p, end);
        this.rt = b.slice(end);
        this.pos = b.length;
        this.count++;
        return r;
      }
      let j = i;
      while (j < b.length && b.charCodeAt(j) === 10) j++;
      if (j >= b.length && !this.eof) return undefined;
      const r = b.slice(p, i);
      this.rt = b.slice(i, j);
      this.pos = j;
      this.count++;
      return r;
    }
  }

  private nextRegex(re: CompiledRegex): string | null | undefined {
    const b = this.buf;
    let from = this.pos;
    for (;;) {
      const m = re.exec(b, from);
      if (!m) return this.rest();
      if (m.end === m.index) {
        // An empty match cannot end a record.
        if (m.index >= b.length) return this.rest();
        from = m.index + 1;
        continue;
      }
      // A match touching the end of the buffer might grow with more input.
      if (m.end >= b.length && !this.eof) return undefined;
      const r = b.slice(this.pos, m.index);
      this.rt = b.slice(m.index, m.end);
      this.pos = m.end;
      this.count++;
      return r;
    }
  }

  /** Everything not yet consumed (for a reader handed over to another consumer). */
  close(): void {
    this.src.close();
  }
}
