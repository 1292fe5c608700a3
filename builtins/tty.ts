import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, type OptionSpec } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";

/** tty: the sandbox never has a terminal on stdin, so "not a tty" and status 1 (GNU coreutils 9.1). */

const HELP = `Usage: tty [OPTION]...
Print the file name of the terminal connected to standard input.

  -s, --silent, --quiet   print nothing, only return an exit status
      --help        display this help and exit
      --version     output version information and exit
`;

const SPEC: OptionSpec = { silent: { short: "s", long: ["silent", "quiet"] } };

function run(ctx: CommandContext): number {
  // GNU tty: usage errors exit with 2 (TTY_FAILURE is 1: "not a tty").
  const opts = parseOptions(ctx, SPEC, { help: HELP, usageStatus: 2 });
  if (typeof opts === "number") return opts;
  if (opts.operands.length) return usageError(ctx, `extra operand ${quoteValue(opts.operands[0])}`, 2).status;
  if (!opts.has("silent")) ctx.stdout.write("not a tty\n");
  return 1;
}

export const tty: CommandDef = { name: "tty", help: HELP, run };
