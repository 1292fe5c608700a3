import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { openInput } from "./_lib/input.js";
import { readLines, type Line } from "./_lib/lines.js";
import { OutputBuffer } from "./_lib/output.js";
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

/** --check-order given: a disorder ends comm with status 1. */
class Disorder extends Error {}

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
    private readonly gen: AsyncGenerator<Line>,
    readonly number: number,
  ) {}

  async advance(): Promise<void> {
    this.prev = this.line ? this.line.bytes : null;
    const r = await this.gen.next();
    this.line = r.done ? null : r.value;
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
      inputs.push(new Input(readLines(await openInput(ctx, ops[i]), eol), i + 1));
      await inputs[i].advance();
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`${ctx.name}: ${quoteFile(ops[i])}: ${e.message}\n`);
      return 1;
    }
  }
  const out = new OutputBuffer(ctx.stdout);
  const write = async (bytes: Uint8Array) => {
    const p = out.write(bytes);
    if (p) await p;
  };
  const writeLine = async (line: Uint8Array, column: number) => {
    if (!show[column - 1]) return;
    if (column >= 2 && show[0]) await write(sep);
    if (column === 3 && show[1]) await write(sep);
    await write(line);
    await write(new Uint8Array([eol]));
  };
  const totals = [0, 0, 0];
  let seenUnpairable = false;
  try {
    const [a, b] = inputs;
    while (a.line || b.line) {
      ctx.budget.step();
      const order = !a.line ? 1 : !b.line ? -1 : cmpLines(a.line.bytes, b.line.bytes);
      if (order === 0) {
        totals[2]++;
        await writeLine(b.line!.bytes, 3);
      } else {
        seenUnpairable = true;
        if (order < 0) {
          totals[0]++;
          await writeLine(a.line!.bytes, 1);
        } else {
          totals[1]++;
          await writeLine(b.line!.bytes, 2);
        }
      }
      for (const input of order === 0 ? [a, b] : order < 0 ? [a] : [b]) {
        await input.advance();
        if (check !== "disabled" && (check === "enabled" || seenUnpairable) && !input.warned && input.outOfOrder()) {
          const p = out.flush();
          if (p) await p;
          ctx.stderr.write(`${ctx.name}: file ${input.number} is not in sorted order\n`);
          if (check === "enabled") throw new Disorder();
          input.warned = true;
        }
      }
    }
  } catch (e) {
    if (!(e instanceof Disorder)) throw e;
    const p = out.flush();
    if (p) await p;
    return 1;
  }
  if (opts.has("total")) {
    await write(encodeUtf8(`${totals[0]}${sepText || "\0"}${totals[1]}${sepText || "\0"}${totals[2]}${sepText || "\0"}total`));
    await write(new Uint8Array([eol]));
  }
  const p = out.flush();
  if (p) await p;
  if (inputs.some((i) => i.warned)) {
    ctx.stderr.write(`${ctx.name}: input is not in sorted order\n`);
    return 1;
  }
  return 0;
}

export const comm: CommandDef = { name: "comm", help: HELP, run };
