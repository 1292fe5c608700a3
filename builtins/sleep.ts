import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";
import { parseDuration, pause } from "./_lib/duration.js";

/**
 * sleep (GNU coreutils 9.1): pauses for the sum of its NUMBER[SUFFIX]
 * operands. The sandbox's time limit holds: sleeping past it ends the exec
 * with the time limit when the deadline comes.
 */

const HELP = `Usage: sleep NUMBER[SUFFIX]...
  or:  sleep OPTION
Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),
'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an
integer.  Given two or more arguments, pause for the amount of time
specified by the sum of their values.

      --help        display this help and exit
      --version     output version information and exit
`;

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, {}, { help: HELP });
  if (typeof opts === "number") return opts;
  if (opts.operands.length === 0) return usageError(ctx, "missing operand").status;
  let seconds = 0;
  let bad = false;
  for (const operand of opts.operands) {
    const s = parseDuration(operand);
    if (s === null) {
      ctx.stderr.write(`sleep: invalid time interval ${quoteValue(operand)}\n`);
      bad = true;
    } else seconds += s;
  }
  if (bad) {
    ctx.stderr.write("Try 'sleep --help' for more information.\n");
    return 1;
  }
  await pause(ctx, seconds * 1000);
  return 0;
}

export const sleep: CommandDef = { name: "sleep", help: HELP, run };
