import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, type OptionSpec } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";

/**
 * nproc: processing units of the sandbox machine (one, as /proc/cpuinfo says),
 * honouring OMP_NUM_THREADS and OMP_THREAD_LIMIT as gnulib's num_processors does.
 */

const HELP = `Usage: nproc [OPTION]...
Print the number of processing units available to the current process,
which may be less than the number of online processors

      --all      print the number of installed processors
      --ignore=N  if possible, exclude N processing units
      --help        display this help and exit
      --version     output version information and exit
`;

const SPEC: OptionSpec = {
  all: { long: "all" },
  ignore: { long: "ignore", arg: "required" },
};

/** Processors of the simulated machine. */
export const SANDBOX_CPUS = 1;

/** gnulib parse_omp_threads: the leading number of a comma list, 0 when absent or malformed. */
function ompThreads(value: string | undefined): number {
  if (value === undefined) return 0;
  const m = /^[ \t\n\v\f\r]*(\d+)[ \t\n\v\f\r]*(?:,|$)/.exec(value);
  return m ? Number(m[1]) : 0;
}

function run(ctx: CommandContext): number {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  let ignore = 0;
  for (const v of opts.all("ignore")) {
    // xdectoumax: leading blanks and a plus sign pass, a minus sign does not.
    const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(v);
    if (!m) {
      ctx.stderr.write(`nproc: invalid number: ${quoteValue(v)}\n`);
      return 1;
    }
    ignore = Number(m[1]);
  }
  if (opts.operands.length) return usageError(ctx, `extra operand ${quoteValue(opts.operands[0])}`).status;
  let n = SANDBOX_CPUS;
  if (!opts.has("all")) {
    const threads = ompThreads(ctx.env.get("OMP_NUM_THREADS"));
    const limit = ompThreads(ctx.env.get("OMP_THREAD_LIMIT")) || Infinity;
    n = Math.min(threads || SANDBOX_CPUS, limit);
  }
  n = ignore < n ? n - ignore : 1;
  ctx.stdout.write(`${n}\n`);
  return 0;
}

export const nproc: CommandDef = { name: "nproc", help: HELP, run };
