import type { CommandContext } from "../types.js";
import { emptyReader, type ByteReader } from "../../src/io/streams.js";
import { openOperand } from "../_lib/files.js";
import { quoteFile } from "../_lib/quote.js";
import { parseUnsignedBase0 } from "../_lib/strtoumax.js";

/**
 * od's input: every operand read in turn as one stream (GNU opens the next
 * file only when the previous one is used up, reporting the ones it cannot
 * open or read and going on), with -j skipping and -N limiting.
 */
export class CombinedInput {
  private next = 0;
  private reader: ByteReader | null = null;
  private owned = false;
  private pending: Uint8Array | null = null;
  /** False once an operand could not be opened or read. */
  ok = true;

  constructor(
    private readonly ctx: CommandContext,
    private readonly operands: string[],
  ) {}

  /** The next chunk of the combined input, or null at its end. */
  async read(): Promise<Uint8Array | null> {
    if (this.pending) {
      const p = this.pending;
      this.pending = null;
      return p;
    }
    for (;;) {
      if (!this.reader && !(await this.open())) return null;
      const chunk = await this.reader!.read();
      if (chunk && chunk.length > 0) return chunk;
      if (!chunk) this.closeCurrent();
    }
  }

  /** Opens the first operand that opens; false when none does. */
  async start(): Promise<boolean> {
    return this.open();
  }

  /** Discards n bytes; returns how many could not be skipped (input too short). */
  async skip(n: number): Promise<number> {
    while (n > 0) {
      const chunk = await this.read();
      if (!chunk) break;
      if (chunk.length > n) {
        this.pending = chunk.subarray(n);
        return 0;
      }
      n -= chunk.length;
      this.ctx.budget.step();
    }
    return n;
  }

  /** Opens the next operand that opens; false when none is left. */
  private async open(): Promise<boolean> {
    while (this.next < this.operands.length) {
      const operand = this.operands[this.next++];
      const opened = await openOperand(this.ctx, operand);
      if ("reader" in opened) {
        this.reader = opened.reader;
        this.owned = opened.owned;
        return true;
      }
      const err = "openError" in opened ? opened.openError : opened.readError;
      this.ctx.stderr.write(`${this.ctx.name}: ${quoteFile(operand)}: ${err.message}\n`);
      this.ok = false;
      // A directory opens and fails on reading: it counts as an opened input.
      if ("readError" in opened) {
        this.reader = emptyReader;
        this.owned = false;
        return true;
      }
    }
    return false;
  }

  private closeCurrent(): void {
    if (this.reader && this.owned) this.reader.close();
    this.reader = null;
  }

  /** Closes the current file (after -N, GNU reads no further). */
  close(): void {
    this.closeCurrent();
    this.next = this.operands.length;
  }
}

/** od's reading of -j, -N and -S (base 10 without suffixes for -w): the value, or the GNU message for a bad one. */
export function parseByteCount(text: string, option: string, base0 = true): number | string {
  const r = parseUnsignedBase0(text, base0 ? "bEGKkMmPQRTYZ0" : "", base0);
  if ("value" in r) {
    if (r.value > BigInt(Number.MAX_SAFE_INTEGER)) return `${option} argument '${text}' too large`;
    return Number(r.value);
  }
  if (r.error === "overflow") return `${option} argument '${text}' too large`;
  return r.error === "suffix" ? `invalid suffix in ${option} argument '${text}'` : `invalid ${option} argument '${text}'`;
}
