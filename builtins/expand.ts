import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, UsageError, type OptionSpec } from "./_lib/options.js";
import { openOrReport } from "./_lib/files.js";
import { ByteBuilder } from "./_lib/output.js";
import { TabStops } from "./_lib/tabstops.js";

/**
 * expand: tabs to spaces. As GNU expand 9.1 it counts bytes as columns
 * (backspace goes one back) and reads all inputs as one stream, so a line may
 * continue from one file into the next.
 */

const HELP = `Usage: expand [OPTION]... [FILE]...
Convert tabs in each FILE to spaces, writing to standard output.
With no FILE, or when FILE is -, read standard input.

  -i, --initial    do not convert tabs after non blanks
  -t, --tabs=N     have tabs N characters apart, not 8
  -t, --tabs=LIST  use comma separated list of tab positions.
                   The last specified position can be prefixed with '/'
                   to specify a tab size to use after the last
                   explicitly specified tab stop.  Also a prefix of '+'
                   can be used to align remaining tab stops relative to
                   the last specified tab stop instead of the first column
      --help       display this help and exit
      --version    output version information and exit
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  tabs: { short: "t", long: "tabs", arg: "required" },
  initial: { short: "i", long: "initial" },
  // The obsolete -N and -N,M: a digit option whose attached rest continues the list.
  ...Object.fromEntries([..."0123456789"].map((d) => [`digit${d}`, { short: d, arg: "optional" as const }])),
};

/** Per-line state of GNU expand(). */
class Expander {
  private column = 0;
  private index = { i: 0 };
  private convert = true;

  constructor(
    private readonly stops: TabStops,
    private readonly initialOnly: boolean,
    private readonly out: ByteBuilder,
  ) {}

  feed(chunk: Uint8Array): void {
    const out = this.out;
    let start = 0; // bytes from start..i-1 pass through unchanged
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === 10) {
        this.column = 0;
        this.index.i = 0;
        this.convert = true;
        continue;
      }
      if (!this.convert) continue;
      if (c === 9) {
        if (i > start) out.bytes(chunk.subarray(start, i));
        start = i + 1;
        const next = this.stops.next(this.column, this.index) ?? this.column + 1;
        out.repeat(32, Math.max(1, next - this.column));
        this.column = Math.max(next, this.column + 1);
      } else if (c === 8) {
        if (this.column > 0) this.column--;
        if (this.index.i > 0) this.index.i--;
      } else this.column++;
      if (this.initialOnly && c !== 9 && c !== 32) this.convert = false;
    }
    if (start < chunk.length) out.bytes(chunk.subarray(start));
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const stops = new TabStops();
  // GNU parses each tab list as getopt returns it and exits on the first bad one.
  const onOption = (key: string, value: string | true) => {
    let list: string | null = null;
    if (key === "tabs") list = value as string;
    else if (key.startsWith("digit")) list = key.slice(5) + (value === true ? "" : value);
    if (list !== null && !stops.parse(ctx, list)) throw new UsageError(1);
  };
  const opts = parseOptions(ctx, SPEC, { help: HELP, onOption });
  if (typeof opts === "number") return opts;
  if (!stops.finish(ctx)) return 1;
  const out = new ByteBuilder(65536);
  const expander = new Expander(stops, opts.has("initial"), out);
  let status = 0;
  for (const operand of opts.operands.length ? opts.operands : ["-"]) {
    const opened = await openOrReport(ctx, "expand", operand, out);
    if (!opened) {
      status = 1;
      continue;
    }
    for (let chunk = await opened.reader.read(); chunk; chunk = await opened.reader.read()) {
      ctx.budget.step();
      expander.feed(chunk);
      await ctx.stdout.write(out.take());
    }
    if (opened.owned) opened.reader.close();
  }
  await ctx.stdout.write(out.take());
  return status;
}

export const expand: CommandDef = { name: "expand", help: HELP, run };
