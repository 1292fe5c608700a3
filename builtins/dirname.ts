import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, type OptionSpec } from "./_lib/options.js";

/**
 * dirname: each name without its last component and the slashes before it
 * (gnulib dir_len), "." when nothing is left.
 */

const HELP = `Usage: dirname [OPTION] NAME...
Output each NAME with its last non-slash component and trailing slashes
removed; if NAME contains no /'s, output '.' (meaning the current directory).

  -z, --zero     end each output line with NUL, not newline
      --help     display this help and exit
      --version  output version information and exit
`;

const SPEC: OptionSpec = {
  zero: { short: "z", long: "zero" },
};

/** gnulib mdir_name on POSIX: "//a//b//" -> "//a", "a/" -> ".", "/" -> "/". */
export function dirName(name: string): string {
  let base = 0;
  while (name[base] === "/") base++;
  let lastWasSlash = false;
  for (let p = base; p < name.length; p++) {
    if (name[p] === "/") lastWasSlash = true;
    else if (lastWasSlash) {
      base = p;
      lastWasSlash = false;
    }
  }
  const prefix = name.startsWith("/") ? 1 : 0;
  let length = base;
  while (prefix < length && name[length - 1] === "/") length--;
  return length === 0 ? "." : name.slice(0, length);
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  if (opts.operands.length === 0) return usageError(ctx, "missing operand").status;
  const end = opts.has("zero") ? "\0" : "\n";
  await ctx.stdout.write(opts.operands.map((n) => dirName(n) + end).join(""));
  return 0;
}

export const dirname: CommandDef = { name: "dirname", help: HELP, run };
