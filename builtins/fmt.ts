import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, UsageError, type OptionSpec } from "./_lib/options.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { openOperand } from "./_lib/files.js";
import { Formatter, type FmtSettings } from "./fmt/formatter.js";

/**
 * fmt: refills paragraphs with GNU fmt 9.1's optimal line breaking (a cost
 * per line measured against the goal width, with bonuses and penalties for
 * sentence ends, punctuation and parentheses). Byte-oriented like GNU 9.1:
 * every byte is one column, tabs go to the next multiple of 8.
 */

const HELP = `Usage: fmt [-WIDTH] [OPTION]... [FILE]...
Reformat each paragraph in the FILE(s), writing to standard output.
The option -WIDTH is an abbreviated form of --width=DIGITS.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --crown-margin        preserve indentation of first two lines
  -p, --prefix=STRING       reformat only lines beginning with STRING,
                              reattaching the prefix to reformatted lines
  -s, --split-only          split long lines, but do not refill
  -t, --tagged-paragraph    indentation of first line different from second
  -u, --uniform-spacing     one space between words, two after sentences
  -w, --width=WIDTH         maximum line width (default of 75 columns)
  -g, --goal=WIDTH          goal width (default of 93% of width)
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/fmt>
or available locally via: info '(coreutils) fmt invocation'
`;

const SPEC: OptionSpec = {
  crown: { short: "c", long: "crown-margin" },
  prefix: { short: "p", long: "prefix", arg: "required" },
  split: { short: "s", long: "split-only" },
  tagged: { short: "t", long: "tagged-paragraph" },
  uniform: { short: "u", long: "uniform-spacing" },
  width: { short: "w", long: "width", arg: "required" },
  goal: { short: "g", long: "goal", arg: "required" },
};
// GNU's getopt string lists the digits so that a late -5 gets its own message.
for (let d = 0; d <= 9; d++) SPEC[`digit${d}`] = { short: String(d) };

/** The paragraph buffer's size in GNU fmt; widths above half of it are refused. */
const MAX_CHARS = 5000;
const LEEWAY = 7;

/** xdectoumax: decimal digits only, within [0, max]; GNU's message otherwise. */
function parseWidth(ctx: CommandContext, text: string, max: number): number {
  const m = /^\s*\+?(\d+)$/.exec(text);
  if (!m) {
    ctx.stderr.write(`fmt: invalid width: ${quoteValue(text)}\n`);
    throw new UsageError(1);
  }
  const value = Number(m[1]);
  if (value > max) {
    ctx.stderr.write(`fmt: invalid width: ${quoteValue(text)}: Numerical result out of range\n`);
    throw new UsageError(1);
  }
  return value;
}

async function run(ctx: CommandContext): Promise<number> {
  let args = ctx.args;
  let widthText: string | undefined;
  // Old syntax: -WIDTH, recognised only as the first argument.
  if (args.length > 0 && /^-\d/.test(args[0])) {
    widthText = args[0].slice(1);
    args = args.slice(1);
  }
  let prefix = "";
  const onOption = (key: string, value: string | true) => {
    if (key.startsWith("digit")) {
      ctx.stderr.write(
        `fmt: invalid option -- ${key.slice(5)}; -WIDTH is recognized only when it is the first\noption; use -w N instead\nTry 'fmt --help' for more information.\n`,
      );
      throw new UsageError(1);
    }
    if (key === "width") widthText = value as string;
    if (key === "prefix") prefix = value as string;
  };
  const opts = parseOptions(ctx, SPEC, { help: HELP, onOption }, args);
  if (typeof opts === "number") return opts;
  let maxWidth = 75;
  let goalWidth: number;
  try {
    if (widthText !== undefined) maxWidth = parseWidth(ctx, widthText, MAX_CHARS / 2);
    const goalText = opts.get("goal");
    if (goalText !== undefined) {
      goalWidth = parseWidth(ctx, goalText, maxWidth);
      if (widthText === undefined) maxWidth = goalWidth + 10;
    } else {
      goalWidth = Math.trunc((maxWidth * (2 * (100 - LEEWAY) + 1)) / 200);
    }
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
  const settings: FmtSettings = {
    crown: opts.has("crown"),
    tagged: opts.has("tagged"),
    split: opts.has("split"),
    uniform: opts.has("uniform"),
    prefix: new TextEncoder().encode(prefix),
    maxWidth,
    goalWidth,
  };
  let status = 0;
  for (const operand of opts.operands.length ? opts.operands : ["-"]) {
    const opened = await openOperand(ctx, operand);
    if ("openError" in opened) {
      ctx.stderr.write(`fmt: cannot open ${quoteAlways(operand)} for reading: ${opened.openError.message}\n`);
      status = 1;
      continue;
    }
    if ("readError" in opened) {
      ctx.stderr.write("fmt: read error\n");
      status = 1;
      continue;
    }
    await new Formatter(settings, opened.reader, ctx).run();
    if (opened.owned) opened.reader.close();
  }
  return status;
}

export const fmt: CommandDef = { name: "fmt", help: HELP, run };
