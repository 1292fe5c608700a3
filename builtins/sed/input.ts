import type { CommandContext } from "../types.js";
import { openInput } from "../_lib/input.js";
import { readLines, type Line } from "../_lib/lines.js";
import { isFsError } from "../../src/fs/types.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import { SedRuntimeError } from "./exec.js";

/**
 * sed's input: the operands read as one stream of lines (or one file at a
 * time with -s/-i), with one line of look-ahead so `$` is known. Unreadable
 * operands are reported ("sed: can't read x: No such file or directory") and
 * skipped; the exit status becomes 2.
 */
export class SedInput {
  private index = -1;
  private lines: AsyncGenerator<Line> | null = null;
  private ahead: { text: string; terminated: boolean; file: string } | null = null;
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
        const reader = await openInput(this.ctx, operand);
        this.lines = readLines(reader, this.delimiter);
        this.currentFile = operand;
        return true;
      } catch (e) {
        if (!isFsError(e)) throw e;
        this.ctx.stderr.write(`sed: can't read ${operand}: ${e.message}\n`);
        this.failed = true;
      }
    }
  }

  private currentFile = "-";

  private async fetch(): Promise<void> {
    this.aheadReady = true;
    this.ahead = null;
    for (;;) {
      if (this.lines) {
        const r = await this.lines.next();
        if (!r.done) {
          this.ahead = { text: decodeUtf8(r.value.bytes), terminated: r.value.terminated, file: this.currentFile };
          return;
        }
        this.lines = null;
      }
      if (!(await this.openNext())) return;
    }
  }

  /** The next line, or null at the end of input. */
  async next(): Promise<{ text: string; terminated: boolean } | null> {
    if (!this.aheadReady) await this.fetch();
    const line = this.ahead;
    if (!line) return null;
    this.aheadReady = false;
    this.fileName = line.file;
    this.lineNo++;
    return line;
  }

  /** Whether the line last returned is the last one. */
  async atLast(): Promise<boolean> {
    if (!this.aheadReady) await this.fetch();
    return this.ahead === null;
  }

  /** Whether any line is left (the `n`/`N` test). */
  async hasMore(): Promise<boolean> {
    return !(await this.atLast());
  }
}
