import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, UsageError, type OptionSpec } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";
import { openOrReport } from "./_lib/files.js";
import { ByteBuilder } from "./_lib/output.js";
import { parseSize } from "./_lib/size.js";

/**
 * fold: wraps lines at a width. GNU fold 9.1 counts bytes, not characters:
 * every byte is one column except tab (to the next multiple of 8), backspace
 * (one back) and CR (back to 0); -b makes those one column too. -s breaks
 * after the last blank that fits.
 */

const HELP = `Usage: fold [OPTION]... [FILE]...
Wrap input lines in each FILE, writing to standard output.
With no FILE, or when FILE is -, read standard input.

  -b, --bytes         count bytes rather than columns
  -s, --spaces        break at spaces
  -w, --width=WIDTH   use WIDTH columns instead of 80
      --help          display this help and exit
      --version       output version information and exit
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  bytes: { short: "b", long: "bytes" },
  spaces: { short: "s", long: "spaces" },
  width: { short: "w", long: "width", arg: "required" },
};

const MAX_WIDTH = (1n << 64n) - 1n - 9n;

interface Mode {
  width: number;
  bytes: boolean;
  spaces: boolean;
}

async function run(ctx: CommandContext): Promise<number> {
  let width = 80;
  const onOption = (key: string, value: string | true) => {
    if (key !== "width") return;
    const r = parseSize(value as string, "", MAX_WIDTH);
    if ("error" in r || r.value < 1n) {
      const range =
        "value" in r ? ": Numerical result out of range" : r.error === "overflow" ? ": Value too large for defined data type" : "";
      ctx.stderr.write(`fold: invalid number of columns: ${quoteValue(value as string)}${range}\n`);
      throw new UsageError(1);
    }
    width = r.value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(r.value);
  };
  const opts = parseOptions(ctx, SPEC, { help: HELP, numberOption: "width", onOption });
  if (typeof opts === "number") return opts;
  const mode: Mode = { width, bytes: opts.has("bytes"), spaces: opts.has("spaces") };
  const out = new ByteBuilder(65536);
  let status = 0;
  for (const operand of opts.operands.length ? opts.operands : ["-"]) {
    const opened = await openOrReport(ctx, "fold", operand, out);
    if (!opened) {
      status = 1;
      continue;
    }
    const folder = new Folder(mode, out);
    for (let chunk = await opened.reader.read(); chunk; chunk = await opened.reader.read()) {
      ctx.budget.step();
      folder.feed(chunk);
      await ctx.stdout.write(out.take());
    }
    folder.end();
    if (opened.owned) opened.reader.close();
  }
  await ctx.stdout.write(out.take());
  return status;
}

/** GNU fold_file's loop over one input: the pending output line and its column. */
class Folder {
  private line = new Uint8Array(256);
  private len = 0;
  private column = 0;

  constructor(
    private readonly mode: Mode,
    private readonly out: ByteBuilder,
  ) {}

  private adjust(column: number, c: number): number {
    if (this.mode.bytes) return column + 1;
    if (c === 8) return column > 0 ? column - 1 : 0;
    if (c === 13) return 0;
    if (c === 9) return column + 8 - (column % 8);
    return column + 1;
  }

  private push(c: number): void {
    if (this.len === this.line.length) {
      const bigger = new Uint8Array(this.line.length * 2);
      bigger.set(this.line);
      this.line = bigger;
    }
    this.line[this.len++] = c;
  }

  feed(chunk: Uint8Array): void {
    const width = this.mode.width;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === 10) {
        this.push(c);
        this.out.bytes(this.line.subarray(0, this.len));
        this.len = this.column = 0;
        continue;
      }
      for (;;) {
        this.column = this.adjust(this.column, c);
        if (this.column <= width) {
          this.push(c);
          break;
        }
        // c would make the line too long: break before it (after the last blank with -s).
        if (this.mode.spaces && this.breakAtBlank()) continue;
        if (this.len === 0) {
          this.push(c);
          break;
        }
        this.push(10);
        this.out.bytes(this.line.subarray(0, this.len));
        this.len = this.column = 0;
      }
    }
  }

  /** Writes the line through its last blank and keeps the rest; false when it has no blank. */
  private breakAtBlank(): boolean {
    let end = this.len;
    while (end > 0) {
      const b = this.line[--end];
      if (b === 32 || b === 9) {
        end++;
        this.out.bytes(this.line.subarray(0, end));
        this.out.byte(10);
        this.line.copyWithin(0, end, this.len);
        this.len -= end;
        this.column = 0;
        for (let i = 0; i < this.len; i++) this.column = this.adjust(this.column, this.line[i]);
        return true;
      }
    }
    return false;
  }

  end(): void {
    if (this.len > 0) this.out.bytes(this.line.subarray(0, this.len));
    this.len = 0;
  }
}

export const fold: CommandDef = { name: "fold", help: HELP, run };
