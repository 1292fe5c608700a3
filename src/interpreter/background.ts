/**
 * Background jobs (`cmd &`): each runs in a subshell on a budget scope of its own, so that
 * `kill` can end it, and its exit or shell error ends only the job.
 */
import type { Command, Statement } from "../parser/ast.js";
import { printCommand } from "../parser/print.js";
import { DeadlineBudget } from "../limits/deadline.js";
import { ShellError, subshellEndStatus } from "./errors.js";
import { runCommand } from "./exec.js";
import type { FdTable } from "./io.js";
import { addJob, jobDeathNotice } from "./jobtable.js";
import { reportError } from "./report.js";
import type { Shell } from "./shell.js";
import { subshellOnBudget } from "./utility.js";

/**
 * A subshell's command run as a job (`cmd &`, a coprocess): its exit and shell errors end only
 * the job, with their status; limits still reject.
 */
export async function runAsJob(sub: Shell, cmd: Command, fds: FdTable): Promise<number> {
  try {
    return await runCommand(sub, cmd, fds);
  } catch (e) {
    const end = subshellEndStatus(e, true);
    if (end !== null) return end;
    if (e instanceof ShellError) {
      reportError(sub, fds, e);
      return e.status;
    }
    throw e;
  }
}

/** cmd & : runs concurrently in a subshell; $! is its pseudo pid. */
export function runBackground(sh: Shell, st: Statement, io: FdTable): number {
  // A budget scope of its own, so that `kill` ends the job at its next check (a sleep within 0.1 s).
  const scope = new DeadlineBudget(sh.services.budget, Infinity);
  const sub = subshellOnBudget(sh, scope);
  const pid = sub.pid;
  sh.lastBgPid = pid;
  const fds = io.slice();
  let killedBy = 0;
  const job = runAsJob(sub, st.command, fds).catch((e: unknown) => {
    if (killedBy === 0 || e !== scope.deadlineError) throw e;
    const notice = jobDeathNotice(pid, killedBy, printCommand(st.command, 0));
    if (notice !== null) reportError(sh, io, notice);
    return 128 + killedBy;
  });
  // A rejected job (a limit) is reported when the exec awaits it; handled before
  // anything below can throw (a stack overflow in a fork bomb), so it is never unhandled.
  job.catch(() => {});
  sh.services.jobs.set(pid, job);
  addJob(sh, pid, st.command, job, (sig) => {
    killedBy = sig;
    scope.expire();
  });
  sh.lastStatus = 0;
  return 0;
}
