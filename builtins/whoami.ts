import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";

/** whoami: the sandbox user's name (GNU coreutils 9.1). */

const HELP = `Usage: whoami [OPTION]...
Print the user name associated with the current effective user ID.
Same as id -un.

      --help        display this help and exit
      --version     output version information and exit
`;

function run(ctx: CommandContext): number {
  const opts = parseOptions(ctx, {}, { help: HELP });
  if (typeof opts === "number") return opts;
  if (opts.operands.length) return usageError(ctx, `extra operand ${quoteValue(opts.operands[0])}`).status;
  ctx.stdout.write(ctx.sandbox.user + "\n");
  return 0;
}

export const whoami: CommandDef = { name: "whoami", help: HELP, run };
