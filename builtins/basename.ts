import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";

/**
 * basename: the last component of each name, trailing slashes dropped, and
 * SUFFIX removed when something is left (gnulib base_name + remove_suffix).
 */

const HELP = `Usage: basename NAME [SUFFIX]
  or:  basename OPTION... NAME...
Print NAME with any leading directory components removed.
If specified, also remove a trailing SUFFIX.

  -a, --multiple       support multiple arguments and treat each as a NAME
  -s, --suffix=SUFFIX  remove a trailing SUFFIX; implies -a
  -z, --zero           end each output line with NUL, not newline
      --help           display this help and exit
      --version        output version information and exit
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  multiple: { short: "a", long: "multiple" },
  suffix: { short: "s", long: "suffix", arg: "required" },
  zero: { short: "z", long: "zero" },
};

/** The last component of name without trailing slashes; "/" for a name of only slashes. */
export function baseName(name: string): string {
  const trimmed = name.replace(/\/+$/, "");
  if (trimmed === "") return name === "" ? "" : "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

function removeSuffix(name: string, suffix: string): string {
  return name.length > suffix.length && name.endsWith(suffix) ? name.slice(0, name.length - suffix.length) : name;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP, stopAtOperand: true });
  if (typeof opts === "number") return opts;
  try {
    const names = opts.operands;
    const suffixOpt = opts.get("suffix");
    const multiple = opts.has("multiple") || suffixOpt !== undefined;
    if (names.length === 0) throw usageError(ctx, "missing operand");
    if (!multiple && names.length > 2) throw usageError(ctx, `extra operand ${quoteValue(names[2])}`);
    const end = opts.has("zero") ? "\0" : "\n";
    const suffix = multiple ? suffixOpt : names[1];
    let out = "";
    for (const name of multiple ? names : [names[0]]) {
      let base = baseName(name);
      // A root ("/") keeps its name whatever the suffix.
      if (suffix !== undefined && !base.startsWith("/")) base = removeSuffix(base, suffix);
      out += base + end;
    }
    await ctx.stdout.write(out);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
}

export const basename: CommandDef = { name: "basename", help: HELP, run };
