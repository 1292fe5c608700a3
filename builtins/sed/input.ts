import type { CommandContext } from "../types.js";
import type { ByteReader } from "../../src/io/streams.js";
import { concatBytes } from "../../src/io/streams.js";
import { openInput } from "../_lib/input.js";
import { isFsError } from "../../src/fs/types.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import { SedRuntimeError } from "./exec.js";

export interface SedLine {
  text: string;
  terminated: boolean;
}

/**
 * sed's input: the operands read as one stream of lines (or one file at a
 * time with -s/-i), with one line of look-ahead so `$` is known. Each chunk is
 * decoded once and split on the string, so a line costs no await when its
 * chunk is already in. Unreadable operands are reported ("sed: can't read x:
 * No such file or directory") and skipped; the exit status becomes 2.
 */
export class SedInput {
  private index = -1;
  private reader: ByteReader | null = null;
  private currentFile = "-";
  /** Decoded complete lines of the current chunk, and the read position in it. */
  private text = "";
  private pos = 0;
  /** Bytes after the last delimiter of the chunks read so far. */
  private carry: Uint8Array[] = [];
  private readonly delim: string;
  private ahead: (SedLine & { file: string }) | null = null;
  private aheadReady = false;
  /** Name of the file the current line came from ("-" for stdin). */
  fileName = "-";
  lineNo = 0;
  failed = false;

  constructor(
    private readonly ctx: CommandContext,
    private readonly operands: string[],
    private readonly delimiter: number,
    /** Only this operand (for -i / -s): index into operands, or -1 for all. */
    private readonly only = -1,
    private readonly inPlace = false,
  ) {
    if (only >= 0) this.index = only - 1;
    this.delim = String.fromCharCode(delimiter);
  }

  private async openNext(): Promise<boolean> {
    for (;;) {
      this.index++;
      if (this.only >= 0 ? this.index !== this.only : this.index >= this.operands.length) return false;
      const operand = this.operands[this.index];
      try {
        if (operand !== "-") {
          const st = await this.ctx.fs.stat(this.ctx.resolve(operand));
          if (st.type === "directory") {
            // GNU: reading a directory is fatal (status 4); -i refuses it as not a regular file.
            throw new SedRuntimeError(
              this.inPlace ? `couldn't edit ${operand}: not a regular file` : `read error on ${operand}: Is a directory`,
              4,
            );
          }
        }
        this.reader = await openInput(this.ctx, operand);
        this.currentFile = operand;
        return true;
      } catch (e) {
        if (!isFsError(e)) throw e;
        this.ctx.stderr.write(`sed: can't read ${operand}: ${e.message}\n`);
        this.failed = true;
      }
    }
  }

  /** A line from the decoded chunk, or null when the chunk is used up. */
  private takeLine(): (SedLine & { file: string }) | null {
    if (this.pos >= this.text.length) return null;
    const nl = this.text.indexOf(this.delim, this.pos);
    const line = this.text.slice(this.pos, nl);
    this.pos = nl + 1;
    return { text: line, terminated: true, file: this.currentFile };
  }

  /** Reads until a complete line is available; null at the end of all input. */
  private async refill(): Promise<(SedLine & { file: string }) | null> {
    for (;;) {
      if (!this.reader && !(await this.openNext())) return null;
      const chunk = await this.reader!.read();
      if (chunk === null) {
        this.reader = null;
        if (this.carry.length > 0) {
          const rest = concatBytes(this.carry);
          this.carry = [];
          if (rest.length > 0) return { text: decodeUtf8(rest), terminated: false, file: this.currentFile };
        }
        continue;
      }
      const last = chunk.lastIndexOf(this.delimiter);
      if (last < 0) {
        this.carry.push(chunk.slice());
        continue;
      }
      const head = chunk.subarray(0, last + 1);
      const bytes = this.carry.length > 0 ? concatBytes([...this.carry, head]) : head;
      this.carry = last + 1 < chunk.length ? [chunk.slice(last + 1)] : [];
      this.text = decodeUtf8(bytes);
      this.pos = 0;
      return this.takeLine();
    }
  }

  private async fetch(): Promise<void> {
    this.ahead = this.takeLine() ?? (await this.refill());
    this.aheadReady = true;
  }

  /** The next line (no await needed when `nextSync` can answer). */
  async next(): Promise<SedLine | null> {
    if (!this.aheadReady) await this.fetch();
    return this.consume();
  }

  /** The next line when it is already decoded; undefined when a read is needed. */
  nextSync(): SedLine | null | undefined {
    if (!this.aheadReady) {
      const line = this.takeLine();
      if (!line) return undefined;
      this.ahead = line;
      this.aheadReady = true;
    }
    return this.consume();
  }

  private consume(): SedLine | null {
    const line = this.ahead;
    if (!line) return null;
    this.aheadReady = false;
    this.fileName = line.file;
    this.lineNo++;
    return line;
  }

  /**
   * The rest of the decoded chunk as one block of complete lines ("" when a read is
   * needed). For scripts that treat every line alike (SedMachine's bulk path): line
   * numbers are not advanced.
   */
  takeBlock(): string {
    if (this.aheadReady || this.pos >= this.text.length) return "";
    const block = this.pos === 0 ? this.text : this.text.slice(this.pos);
    this.pos = this.text.length;
    return block;
  }

  /** Whether the line last returned is the last one (may need a read). */
  async atLast(): Promise<boolean> {
    if (!this.aheadReady) await this.fetch();
    return this.ahead === null;
  }

  /** atLast without waiting: undefined when a read is needed to know. */
  atLastSync(): boolean | undefined {
    if (this.aheadReady) return this.ahead === null;
    const line = this.takeLine();
    if (!line) return undefined;
    this.ahead = line;
    this.aheadReady = true;
    return false;
  }
}
