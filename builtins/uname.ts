import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, type OptionSpec } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";

/**
 * uname: the sandbox's system identity, laid out as GNU uname 9.1 prints it:
 * fields always in the order -s -n -r -v -m -p -i -o whatever the option
 * order, and -a leaving out the processor and platform when they are unknown.
 */

const HELP = `Usage: uname [OPTION]...
Print certain system information.  With no OPTION, same as -s.

  -a, --all                print all information, in the following order,
                             except omit -p and -i if unknown:
  -s, --kernel-name        print the kernel name
  -n, --nodename           print the network node hostname
  -r, --kernel-release     print the kernel release
  -v, --kernel-version     print the kernel version
  -m, --machine            print the machine hardware name
  -p, --processor          print the processor type (non-portable)
  -i, --hardware-platform  print the hardware platform (non-portable)
  -o, --operating-system   print the operating system
      --help        display this help and exit
      --version     output version information and exit
`;

// In GNU's long-option order (sysname and release are its obsolescent aliases).
const SPEC: OptionSpec = {
  a: { short: "a", long: "all" },
  s: { short: "s", long: ["kernel-name", "sysname"] },
  n: { short: "n", long: "nodename" },
  r: { short: "r", long: ["kernel-release", "release"] },
  v: { short: "v", long: "kernel-version" },
  m: { short: "m", long: "machine" },
  p: { short: "p", long: "processor" },
  i: { short: "i", long: "hardware-platform" },
  o: { short: "o", long: "operating-system" },
};

/** The sandbox kernel, as /proc/version describes it. */
export const KERNEL = { name: "Linux", release: "6.1.0-sandbash", version: "#1 SMP", machine: "x86_64", os: "GNU/Linux" };

function run(ctx: CommandContext): number {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  if (opts.operands.length) return usageError(ctx, `extra operand ${quoteValue(opts.operands[0])}`).status;
  const all = opts.has("a");
  const want = (k: string) => all || opts.has(k);
  const none = !"snrvmpio".split("").some((k) => want(k));
  const fields: string[] = [];
  if (want("s") || none) fields.push(KERNEL.name);
  if (want("n")) fields.push(ctx.sandbox.hostname);
  if (want("r")) fields.push(KERNEL.release);
  if (want("v")) fields.push(KERNEL.version);
  if (want("m")) fields.push(KERNEL.machine);
  // GNU: -a omits the processor and platform when the kernel does not know them.
  if (opts.has("p")) fields.push("unknown");
  if (opts.has("i")) fields.push("unknown");
  if (want("o")) fields.push(KERNEL.os);
  ctx.stdout.write(fields.join(" ") + "\n");
  return 0;
}

export const uname: CommandDef = { name: "uname", help: HELP, run };
