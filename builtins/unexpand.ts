import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, UsageError, type OptionSpec } from "./_lib/options.js";
import { quoteFile } from "./_lib/quote.js";
import { openOperand } from "./_lib/files.js";
import { ByteBuilder } from "./_lib/output.js";
import { TabStops } from "./_lib/tabstops.js";

/**
 * unexpand: runs of blanks to tabs, leading blanks only unless -a (or -t).
 * GNU unexpand 9.1's state machine, byte columns, all inputs as one stream.
 */

const HELP = `Usage: unexpand [OPTION]... [FILE]...
Convert blanks in each FILE to tabs, writing to standard output.
With no FILE, or when FILE is -, read standard input.

  -a, --all        convert all blanks, instead of just initial blanks
      --first-only  convert only leading sequences of blanks (overrides -a)
  -t, --tabs=N     have tabs N characters apart instead of 8 (enables -a)
  -t, --tabs=LIST  use comma separated list of tab positions (enables -a);
                   a '/' or '+' prefix on the last position works as in expand
      --help       display this help and exit
      --version    output version information and exit
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  tabs: { short: "t", long: "tabs", arg: "required" },
  all: { short: "a", long: "all" },
  firstOnly: { long: "first-only" },
  // The obsolete -N: digits are options of their own that build one number
  // across arguments (-1 -2 is 12); "-," ends it (-4,8 is two stops).
  ...Object.fromEntries([..."0123456789"].map((d) => [`digit${d}`, { short: d }])),
  comma: { short: "," },
};

const TAB = 9;
const SPACE = 32;

/** GNU unexpand()'s per-line variables. */
class Unexpander {
  private convert = true;
  private column = 0;
  private nextTab = 0;
  private index = { i: 0 };
  private oneBlankBeforeStop = false;
  private prevBlank = true;
  private pending: number[] = [];
  /** Output of the bytes fed since the last take(). */
  private output = new ByteBuilder(65536);

  constructor(
    private readonly stops: TabStops,
    private readonly entireLine: boolean,
  ) {}

  take(): Uint8Array {
    return this.output.take();
  }

  private resetLine(): void {
    this.convert = true;
    this.column = 0;
    this.nextTab = 0;
    this.index.i = 0;
    this.oneBlankBeforeStop = false;
    this.prevBlank = true;
    this.pending.length = 0;
  }

  /** Handles a chunk: ordinary bytes take a short path, the rest go through byte(). */
  feed(chunk: Uint8Array): void {
    const out = this.output;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c !== SPACE && c !== TAB && c !== 8 && c !== 10 && this.pending.length === 0) {
        // byte() would do exactly this for a non-blank with nothing pending.
        if (this.convert) {
          this.column++;
          this.prevBlank = false;
          this.convert = this.entireLine;
        }
        out.byte(c);
      } else this.byte(c);
    }
  }

  /** Handles one byte, or -1 at the end of all input. */
  byte(c: number): void {
    if (this.convert) {
      const blank = c === SPACE || c === TAB;
      if (blank) {
        const next = this.stops.next(this.column, this.index);
        if (next === null) this.convert = false;
        else this.nextTab = next;
        if (this.convert) {
          if (c === TAB) {
            this.column = this.nextTab;
            if (this.pending.length) this.pending[0] = TAB;
          } else {
            this.column++;
            if (!(this.prevBlank && this.column === this.nextTab)) {
              // Not yet known whether the pending blanks become tabs.
              if (this.column === this.nextTab) this.oneBlankBeforeStop = true;
              this.pending.push(c);
              this.prevBlank = true;
              return;
            }
            c = TAB; // replace the pending blanks by a tab
            if (this.pending.length) this.pending[0] = TAB;
          }
          // Discard pending blanks, unless it was a single blank just before the previous stop.
          this.pending.length = this.oneBlankBeforeStop ? Math.min(this.pending.length, 1) : 0;
        }
      } else if (c === 8) {
        if (this.column > 0) this.column--;
        this.nextTab = this.column;
        if (this.index.i > 0) this.index.i--;
      } else {
        this.column++;
      }
      if (this.pending.length) {
        if (this.pending.length > 1 && this.oneBlankBeforeStop) this.pending[0] = TAB;
        for (const b of this.pending) this.output.byte(b);
        this.pending.length = 0;
        this.oneBlankBeforeStop = false;
      }
      this.prevBlank = blank;
      this.convert &&= this.entireLine || blank;
    }
    if (c < 0) return;
    this.output.byte(c);
    if (c === 10) this.resetLine();
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const stops = new TabStops();
  let obsolete: bigint | null = null;
  const onOption = (key: string, value: string | true) => {
    if (key === "tabs" && !stops.parse(ctx, value as string)) throw new UsageError(1);
    if (key.startsWith("digit")) {
      obsolete = (obsolete ?? 0n) * 10n + BigInt(key.slice(5));
      if (obsolete > (1n << 64n) - 1n) {
        ctx.stderr.write("unexpand: tab stop value is too large\n");
        throw new UsageError(1);
      }
    }
    if (key === "comma" && obsolete !== null) {
      stops.add(obsolete);
      obsolete = null;
    }
  };
  const opts = parseOptions(ctx, SPEC, { help: HELP, onOption });
  if (typeof opts === "number") return opts;
  if (obsolete !== null) stops.add(obsolete);
  if (!stops.finish(ctx)) return 1;
  const entireLine = (opts.has("all") || opts.has("tabs")) && !opts.has("firstOnly");

  const machine = new Unexpander(stops, entireLine);
  let status = 0;
  for (const operand of opts.operands.length ? opts.operands : ["-"]) {
    const opened = await openOperand(ctx, operand);
    if (!("reader" in opened)) {
      await ctx.stdout.write(machine.take());
      const err = "openError" in opened ? opened.openError : opened.readError;
      ctx.stderr.write(`unexpand: ${quoteFile(operand)}: ${err.message}\n`);
      status = 1;
      continue;
    }
    for (let chunk = await opened.reader.read(); chunk; chunk = await opened.reader.read()) {
      ctx.budget.step();
      machine.feed(chunk);
      await ctx.stdout.write(machine.take());
    }
    if (opened.owned) opened.reader.close();
  }
  machine.byte(-1);
  await ctx.stdout.write(machine.take());
  return status;
}

export const unexpand: CommandDef = { name: "unexpand", help: HELP, run };
