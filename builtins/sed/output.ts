import type { ByteWriter } from "../../src/io/streams.js";
import { encodeUtf8 } from "../../src/io/utf8.js";

/** Characters gathered before one encode-and-write. */
const FLUSH_AT = 64 * 1024;

/**
 * An output of sed (stdout, a w file, the in-place temp file) that remembers a
 * missing final newline: GNU writes the pattern space of an unterminated last
 * line without its newline, and adds it back only if more output follows.
 * Text is gathered as strings and encoded once per ~64 KiB.
 */
export class SedOutput {
  private missingNewline = false;
  private pending: string[] = [];
  private pendingLength = 0;
  /** Collected text when there is no writer (w files, in-place edits). */
  readonly chunks: string[] = [];

  constructor(
    private readonly writer: ByteWriter | null,
    private readonly newline: string,
  ) {}

  private raw(s: string): void | Promise<void> {
    if (!this.writer) {
      this.chunks.push(s);
      return;
    }
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pendingLength >= FLUSH_AT) return this.flush();
  }

  /** Writes text followed by the line delimiter, or without it when `terminated` is false. */
  line(text: string, terminated = true): void | Promise<void> {
    if (this.missingNewline) {
      this.missingNewline = false;
      this.raw(this.newline);
    }
    if (!terminated) this.missingNewline = true;
    return this.raw(terminated ? text + this.newline : text);
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

  /** --debug text: written in order with the rest, leaving a missing newline pending (GNU's putchar). */
  debug(s: string): void | Promise<void> {
    return this.raw(s);
  }

  /** Sends what is gathered (before stderr output, a subshell, or the end). */
  flush(): void | Promise<void> {
    if (!this.writer || this.pending.length === 0) return;
    const data = encodeUtf8(this.pending.join(""));
    this.pending = [];
    this.pendingLength = 0;
    return this.writer.write(data);
  }
}
