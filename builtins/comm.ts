import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { openInput } from "./_lib/input.js";
import { LineCursor, type Line } from "./_lib/lines.js";
import { ByteBuilder } from "./_lib/output.js";
import { quoteFile, quoteValue } from "./_lib/quote.js";
import { encodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";

/**
 * comm (GNU coreutils 9.1): lines only in FILE1, only in FILE2, and in both,
 * in three columns, for inputs sorted in byte order (C.UTF-8). Order is
 * checked as comm.c does: by default only once unpairable lines were seen,
 * with a warning per file and status 1 at the end; --check-order stops at once.
 */

const HELP = `Usage: comm [OPTION]... FILE1 FILE2
Compare sorted files FILE1 and FILE2 line by line.
`;

const SPEC: OptionSpec = {
  one: { short: "1" },
  two: { short: "2" },
  three: { short: "3" },
  checkOrder: { long: "check-order" },
  nocheckOrder: { long: "nocheck-order" },
  outputDelimiter: { long: "output-delimiter", arg: "required" },
  total: { long: "total" },
  zero: { short: "z", long: "zero-terminated" },
};

/** Byte order of two lines (C.UTF-8 collation). */
export function cmpLines(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Line iterator of one input that remembers the previous line for the order check. */
class Input {
  line: Line | null = null;
  private prev: Uint8Array | null = null;
  warned = false;

  constructor(
    private readonly cursor: LineCursor,
    readonly number: number,
  ) {}

  /** Moves to the next line; a promise only when input must be read. */
  advance(): void | Promise<void> {
    this.prev = this.line ? this.line.bytes : null;
    const r = this.cursor.next();
    if (r instanceof Promise) return r.then((l) => void (this.line = l));
    this.line = r;
  }

  /** True when the new line sorts before the previous one. */
  outOfOrder(): boolean {
    return this.prev !== null && this.line !== null && cmpLines(this.prev, this.line.bytes) > 0;
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  const ops = opts.operands;
  try {
    if (ops.length < 2) {
      throw usageError(ctx, ops.length === 0 ? "missing operand" : `missing operand after ${quoteValue(ops[0])}`);
    }
    if (ops.length > 2) throw usageError(ctx, `extra operand ${quoteValue(ops[2])}`);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
  const delims = opts.all("outputDelimiter");
  if (new Set(delims).size > 1) {
    ctx.stderr.write(`${ctx.name}: multiple output delimiters specified\n`);
    return 1;
  }
  const sepText = delims.length ? delims[0] : "\t";
  const sep = sepText === "" ? new Uint8Array([0]) : encodeUtf8(sepText);
  const eol = opts.has("zero") ? 0 : 0x0a;
  // The last of --check-order / --nocheck-order wins.
  let check: "default" | "enabled" | "disabled" = "default";
  for (const { key } of opts.order) {
    if (key === "checkOrder") check = "enabled";
    if (key === "nocheckOrder") check = "disabled";
  }
  const show = [!opts.has("one"), !opts.has("two"), !opts.has("three")];

  const inputs: Input[] = [];
  for (let i = 0; i < 2; i++) {
    try {
      inputs.push(new Input(new LineCursor(await openInput(ctx, ops[i]), eol), i + 1));
      await inputs[i].advance();
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`${ctx.name}: ${quoteFile(ops[i])}: ${e.message}\n`);
      return 1;
    }
  }
  const out = new ByteBuilder(64 * 1024);
  const eolByte = eol;
  const writeLine = (line: Uint8Array, column: number) => {
    if (!show[column - 1]) return;
    if (column >= 2 && show[0]) out.bytes(sep);
    if (column === 3 && show[1]) out.bytes(sep);
    out.bytes(line);
    out.byte(eolByte);
  };
  const totals = [0, 0, 0];
  let seenUnpairable = false;
  const [a, b] = inputs;
  while (a.line || b.line) {
    ctx.budget.step();
    const order = !a.line ? 1 : !b.line ? -1 : cmpLines(a.line.bytes, b.line.bytes);
    if (order === 0) {
      totals[2]++;
      writeLine(b.line!.bytes, 3);
    } else {
      seenUnpairable = true;
      if (order < 0) {
        totals[0]++;
        writeLine(a.line!.bytes, 1);
      } else {
        totals[1]++;
        writeLine(b.line!.bytes, 2);
      }
    }
    for (const input of order === 0 ? inputs : order < 0 ? [a] : [b]) {
      const p = input.advance();
      if (p) await p;
      if (check !== "disabled" && (check === "enabled" || seenUnpairable) && !input.warned && input.outOfOrder()) {
        if (out.length) await ctx.stdout.write(out.take());
        ctx.stderr.write(`${ctx.name}: file ${input.number} is not in sorted order\n`);
        if (check === "enabled") return 1;
        input.warned = true;
      }
    }
    if (out.length >= 32 * 1024) await ctx.stdout.write(out.take());
  }
  if (opts.has("total")) {
    const s = sepText || "\0";
    out.bytes(encodeUtf8(`${totals[0]}${s}${totals[1]}${s}${totals[2]}${s}total`));
    out.byte(eol);
  }
  if (out.length) await ctx.stdout.write(out.take());
  if (inputs.some((i) => i.warned)) {
    ctx.stderr.write(`${ctx.name}: input is not in sorted order\n`);
    return 1;
  }
  return 0;
}

export const comm: CommandDef = { name: "comm", help: HELP, run };
