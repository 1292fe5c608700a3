import type { ByteWriter } from "../../src/io/streams.js";
import { OutputBuffer } from "../_lib/output.js";

/**
 * An output of sed (stdout, a w file, the in-place temp file) that remembers a
 * missing final newline: GNU writes the pattern space of an unterminated last
 * line without its newline, and adds it back only if more output follows.
 */
export class SedOutput {
  private missingNewline = false;
  private readonly buf: OutputBuffer | null;
  /** Collected text when there is no writer (w files, in-place edits). */
  readonly chunks: string[] = [];

  constructor(
    writer: ByteWriter | null,
    private readonly newline: string,
  ) {
    this.buf = writer ? new OutputBuffer(writer) : null;
  }

  private raw(s: string): void | Promise<void> {
    if (this.buf) return this.buf.write(s);
    this.chunks.push(s);
  }

  /** Writes text followed by the line delimiter, or without it when `terminated` is false. */
  line(text: string, terminated = true): void | Promise<void> {
    let s = this.missingNewline ? this.newline + text : text;
    this.missingNewline = false;
    if (terminated) s += this.newline;
    else this.missingNewline = true;
    return this.raw(s);
  }

  /** Writes text as is (a/i/c texts and r files carry their own newlines). */
  text(s: string): void | Promise<void> {
    if (s === "") return;
    if (this.missingNewline) {
      s = this.newline + s;
      this.missingNewline = false;
    }
    return this.raw(s);
  }

  flush(): void | Promise<void> {
    return this.buf?.flush();
  }
}
