import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, type OptionSpec } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";
import { after, parseDuration } from "./_lib/duration.js";
import { DeadlineBudget } from "../src/limits/deadline.js";
import { findProgram, runProgram } from "./_lib/exec.js";
import { signalNumber, signalName } from "./_lib/signals.js";

/**
 * timeout (GNU coreutils 9.1): runs COMMAND on a budget of its own whose
 * deadline is DURATION; at the deadline the command is abandoned (it stops at
 * its next budget check, a sleep at once) and timeout exits 124, or 128+SIG
 * with --preserve-status. Sandbox commands cannot catch signals, so every
 * terminating signal ends them at once and -k never has to escalate; signals
 * whose default action is to ignore (0, CHLD, CONT, URG, WINCH) leave the
 * command running until it ends or -k's delay passes.
 */

const HELP = `Usage: timeout [OPTION] DURATION COMMAND [ARG]...
  or:  timeout [OPTION]
Start COMMAND, and kill it if still running after DURATION.
`;

// In GNU's long-option order.
const SPEC: OptionSpec = {
  killAfter: { short: "k", long: "kill-after", arg: "required" },
  signal: { short: "s", long: "signal", arg: "required" },
  verbose: { short: "v", long: "verbose" },
  foreground: { short: "f", long: "foreground" },
  preserve: { long: "preserve-status" },
};

const EXIT_TIMEDOUT = 124;
const EXIT_CANCELED = 125;
const SIGKILL = 9;
/** Signals whose default action does not end a process. */
const HARMLESS = new Set([0, 17, 18, 23, 28]);

type Outcome = { status: number } | { timedOut: true };

async function run(ctx: CommandContext): Promise<number> {
  // GNU validates -k and -s as getopt returns them, before anything else.
  let killAfter = 0;
  let signal = 15;
  const opts = parseOptions(ctx, SPEC, { help: HELP, usageStatus: EXIT_CANCELED, stopAtOperand: true });
  if (typeof opts === "number") return opts;
  for (const { key, value } of opts.order) {
    if (key === "killAfter") {
      const d = parseDuration(String(value));
      if (d === null) return usageError(ctx, `invalid time interval ${quoteValue(String(value))}`, EXIT_CANCELED).status;
      killAfter = d;
    } else if (key === "signal") {
      const n = signalNumber(String(value));
      if (n === null) return usageError(ctx, `${quoteValue(String(value))}: invalid signal`, EXIT_CANCELED).status;
      signal = n;
    }
  }
  if (opts.operands.length < 2) {
    ctx.stderr.write("Try 'timeout --help' for more information.\n");
    return EXIT_CANCELED;
  }
  const seconds = parseDuration(opts.operands[0]);
  if (seconds === null) return usageError(ctx, `invalid time interval ${quoteValue(opts.operands[0])}`, EXIT_CANCELED).status;
  const [name, ...args] = opts.operands.slice(1);
  const found = await findProgram(ctx, name, ctx.env);
  if (found.error) {
    ctx.stderr.write(`timeout: failed to run command ${quoteValue(name)}: ${found.error}\n`);
    return found.status;
  }
  const scope = new DeadlineBudget(ctx.budget, Infinity);
  const job = runProgram(ctx, found.argv0, args, { budget: scope }).then(
    (status): Outcome => ({ status }),
    (e): Outcome => {
      if (e === scope.deadlineError) return { timedOut: true };
      throw e;
    },
  );
  const verbose = (sig: number) => {
    if (opts.has("verbose")) ctx.stderr.write(`timeout: sending signal ${signalName(sig)} to command ${quoteValue(name)}\n`);
  };
  // Infinite or zero: no deadline at all.
  const ms = seconds === 0 || !Number.isFinite(seconds) ? Infinity : seconds * 1000;
  const first = await waitFor(job, ms);
  if ("status" in first) return first.status;
  verbose(signal);
  if (!HARMLESS.has(signal)) {
    scope.expire();
    job.catch(() => {});
    return opts.has("preserve") ? 128 + signal : EXIT_TIMEDOUT;
  }
  // The command shrugs the signal off: wait for it, or for -k's KILL.
  const second = await waitFor(job, killAfter > 0 ? killAfter * 1000 : Infinity);
  if ("status" in second) return opts.has("preserve") ? second.status : EXIT_TIMEDOUT;
  verbose(SIGKILL);
  scope.expire();
  job.catch(() => {});
  return 128 + SIGKILL;
}

/** The job's outcome, or "timed out" after ms; the timer never outlives the race. */
async function waitFor(job: Promise<Outcome>, ms: number): Promise<Outcome> {
  let cancel = () => {};
  const timer = new Promise<Outcome>((resolve) => {
    cancel = after(ms, () => resolve({ timedOut: true }));
  });
  try {
    return await Promise.race([job, timer]);
  } finally {
    cancel();
  }
}

export const timeout: CommandDef = { name: "timeout", help: HELP, run };
