import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";

/**
 * printenv (GNU coreutils 9.1): the whole environment in its order, or the
 * value of each VARIABLE named; status 1 when one is missing, 2 for usage.
 */

const HELP = `Usage: printenv [OPTION]... [VARIABLE]...
Print the values of the specified environment VARIABLE(s).
If no VARIABLE is specified, print name and value pairs for them all.

  -0, --null     end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit
`;

const SPEC: OptionSpec = { null: { short: "0", long: "null" } };

function run(ctx: CommandContext): number | Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP, usageStatus: 2 });
  if (typeof opts === "number") return opts;
  const end = opts.has("null") ? "\0" : "\n";
  let out = "";
  let status = 0;
  if (opts.operands.length === 0) {
    for (const [k, v] of ctx.env) out += `${k}=${v}${end}`;
  } else {
    let missing = 0;
    for (const name of opts.operands) {
      const v = name.includes("=") ? undefined : ctx.env.get(name);
      if (v === undefined) missing++;
      else out += v + end;
    }
    if (missing) status = 1;
  }
  const w = ctx.stdout.write(out);
  return w ? w.then(() => status) : status;
}

export const printenv: CommandDef = { name: "printenv", help: HELP, run };
