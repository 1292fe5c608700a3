import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, type OptionSpec } from "./_lib/options.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { findProgram, runProgram } from "./_lib/exec.js";
import { splitString } from "./_lib/split-string.js";
import { signalName, signalNumber } from "./_lib/signals.js";

/**
 * env (GNU coreutils 9.1): prints the environment in the order it came, or
 * runs a command in a changed one. -i, -u, NAME=VALUE, -C, -S, -0, -v; the
 * signal options are accepted (the sandbox has no signals to change).
 * Statuses: 125 for env's own failures, 126 cannot run, 127 not found.
 */

const HELP = `Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
Set each NAME to VALUE in the environment and run COMMAND.

Mandatory arguments to long options are mandatory for short options too.
  -i, --ignore-environment  start with an empty environment
  -0, --null           end each output line with NUL, not newline
  -u, --unset=NAME     remove variable from the environment
  -C, --chdir=DIR      change working directory to DIR
  -S, --split-string=S  process and split S into separate arguments;
                        used to pass multiple arguments on shebang lines
      --block-signal[=SIG]    block delivery of SIG signal(s) to COMMAND
      --default-signal[=SIG]  reset handling of SIG signal(s) to the default
      --ignore-signal[=SIG]   set handling of SIG signals(s) to do nothing
      --list-signal-handling  list non default signal handling to stderr
  -v, --debug          print verbose information for each processing step
      --help        display this help and exit
      --version     output version information and exit

A mere - implies -i.  If no COMMAND, print the resulting environment.
`;

// In GNU's long-option order.
const SPEC: OptionSpec = {
  i: { short: "i", long: "ignore-environment" },
  C: { short: "C", long: "chdir", arg: "required" },
  null: { short: "0", long: "null" },
  u: { short: "u", long: "unset", arg: "required" },
  debug: { short: "v", long: "debug" },
  S: { short: "S", long: "split-string", arg: "required" },
  blockSignal: { long: "block-signal", arg: "optional" },
  defaultSignal: { long: "default-signal", arg: "optional" },
  ignoreSignal: { long: "ignore-signal", arg: "optional" },
  listSignals: { long: "list-signal-handling" },
};

const EXIT_CANCELED = 125;

/** Parses a --*-signal list (no value: every signal but KILL and STOP); null after the message for a bad one. */
function signalList(ctx: CommandContext, value: string | true): number[] | null {
  const all: number[] = [];
  for (let n = 1; n <= 64; n++) if (n !== 9 && n !== 19 && signalName(n) !== null) all.push(n);
  if (value === true) return all;
  const out: number[] = [];
  for (const item of value.split(",")) {
    if (item === "") continue;
    const n = signalNumber(item);
    if (n === null || n === 0) {
      usageError(ctx, `${quoteValue(item)}: invalid signal`, EXIT_CANCELED);
      return null;
    }
    out.push(n);
  }
  return out;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP, usageStatus: EXIT_CANCELED, stopAtOperand: true });
  if (typeof opts === "number") return opts;
  const debug = opts.has("debug");
  const note = (text: string) => {
    if (debug) ctx.stderr.write(text);
  };
  let operands = opts.operands;
  // -S: its words take the place of the option, before the remaining operands.
  for (const s of opts.all("S")) {
    const split = splitString(s, ctx.env);
    if (typeof split === "string") {
      ctx.stderr.write(`env: ${split}\n`);
      return EXIT_CANCELED;
    }
    if (debug) {
      note(`split -S:  ${quoteValue(s)}\n`);
      split.forEach((w, i) => note(`${i === 0 ? " into:    " : "     &    "}${quoteValue(w)}\n`));
    }
    operands = [...split, ...operands];
  }
  let ignore = opts.has("i");
  if (operands[0] === "-") {
    ignore = true;
    operands = operands.slice(1);
  }
  const handling = new Map<number, string>();
  for (const { key, value } of opts.order) {
    const action = key === "blockSignal" ? "BLOCK" : key === "defaultSignal" ? "DEFAULT" : key === "ignoreSignal" ? "IGNORE" : null;
    if (!action) continue;
    const list = signalList(ctx, value);
    if (!list) return EXIT_CANCELED;
    for (const n of list) handling.set(n, action === "BLOCK" ? "BLOCK" : action);
  }
  const env = ignore ? new Map<string, string>() : new Map(ctx.env);
  if (ignore) note("cleaning environ\n");
  for (const name of opts.all("u")) {
    note(`unset:    ${name}\n`);
    if (name === "" || name.includes("=")) {
      ctx.stderr.write(`env: cannot unset ${quoteValue(name)}: Invalid argument\n`);
      return EXIT_CANCELED;
    }
    env.delete(name);
  }
  let i = 0;
  for (; i < operands.length && operands[i].includes("="); i++) {
    const a = operands[i];
    note(`setenv:   ${a}\n`);
    const eq = a.indexOf("=");
    env.set(a.slice(0, eq), a.slice(eq + 1));
  }
  const argv = operands.slice(i);
  const chdir = opts.get("C");
  if (argv.length === 0) {
    if (chdir !== undefined) return usageError(ctx, "must specify command with --chdir (-C)", EXIT_CANCELED).status;
    const end = opts.has("null") ? "\0" : "\n";
    let out = "";
    for (const [k, v] of env) out += `${k}=${v}${end}`;
    await ctx.stdout.write(out);
    return 0;
  }
  if (opts.has("null")) return usageError(ctx, "cannot specify --null (-0) with command", EXIT_CANCELED).status;
  let cwd = ctx.cwd;
  if (chdir !== undefined) {
    cwd = ctx.resolve(chdir);
    const st = await ctx.fs.stat(cwd).catch((e: Error) => e);
    const problem = st instanceof Error ? st.message : st.type !== "directory" ? "Not a directory" : null;
    if (problem) {
      ctx.stderr.write(`env: cannot change directory to ${quoteAlways(chdir)}: ${problem}\n`);
      return EXIT_CANCELED;
    }
    note(`chdir:    ${quoteAlways(chdir)}\n`);
  }
  if (opts.has("listSignals")) {
    for (const [n, h] of [...handling].sort((a, b) => a[0] - b[0])) {
      ctx.stderr.write(`${signalName(n)!.padEnd(10)} (${String(n).padStart(2)}): ${h}\n`);
    }
  }
  note(`executing: ${argv[0]}\n`);
  argv.forEach((a, j) => note(`   arg[${j}]= ${quoteValue(a)}\n`));
  const found = await findProgram(ctx, argv[0], env, cwd);
  if (found.error) {
    ctx.stderr.write(`env: ${quoteValue(argv[0])}: ${found.error}\n`);
    return found.status;
  }
  return runProgram(ctx, found.argv0, argv.slice(1), { env, cwd: cwd === ctx.cwd ? undefined : cwd });
}

export const env: CommandDef = { name: "env", help: HELP, run };
