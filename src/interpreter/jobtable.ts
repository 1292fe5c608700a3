import type { Command } from "../parser/ast.js";
import { printCommand } from "../parser/print.js";
import type { Shell } from "./shell.js";

/** One background job as `jobs` shows it. */
export interface JobEntry {
  pid: number;
  text: string;
  done: boolean;
  /** Ends the job at its next budget check with status 128+sig (`kill`); absent for coprocesses. */
  kill?: (sig: number) => void;
}

/**
 * The job table of the current exec: `cmd &` adds a job numbered one past the highest in use
 * (1 again once the table is empty); finished jobs leave it when `jobs` next looks, unreported,
 * as a non-interactive bash does.
 */
export function addJob(sh: Shell, pid: number, cmd: Command, job: Promise<number>, kill?: (sig: number) => void): void {
  const table = (sh.services.jobTable ??= new Map());
  for (const [k, e] of table) if (e.done) table.delete(k);
  let n = 1;
  for (const k of table.keys()) if (k >= n) n = k + 1;
  // The text is printed only when asked for: a fork bomb adds jobs deep in the stack.
  let text: string | undefined;
  const entry: JobEntry = {
    pid,
    get text() {
      return (text ??= printCommand(cmd, 0) + " &");
    },
    done: false,
    kill,
  };
  table.set(n, entry);
  job.then(
    () => (entry.done = true),
    () => (entry.done = true),
  );
}

/** strsignal(3) on Linux, signals 1-31: the words bash prints for a job a signal ended. */
const SIGNAL_TEXT = [
  "", "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted", "Bus error",
  "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault", "User defined signal 2",
  "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited", "Continued", "Stopped (signal)",
  "Stopped", "Stopped (tty input)", "Stopped (tty output)", "Urgent I/O condition", "CPU time limit exceeded",
  "File size limit exceeded", "Virtual timer expired", "Profiling timer expired", "Window changed",
  "I/O possible", "Power failure", "Bad system call",
];

/**
 * What a non-interactive bash prints when it reaps a background job a signal ended
 * (`  1234 Killed                  sleep 600`), or null for the signals it keeps quiet
 * about (INT, TERM, PIPE).
 */
export function jobDeathNotice(pid: number, sig: number, text: string): string | null {
  if (sig === 2 || sig === 13 || sig === 15) return null;
  const what = SIGNAL_TEXT[sig] ?? `Unknown signal ${sig}`;
  return `${String(pid).padStart(5)} ${what.padEnd(24)}${text}`;
}

/** The running job with this pid, if `kill` can end it. */
export function jobByPid(sh: Shell, pid: number): JobEntry | undefined {
  const table = sh.services.jobTable;
  if (table) for (const e of table.values()) if (e.pid === pid && !e.done) return e;
  return undefined;
}

/** Drops finished jobs; returns the running ones by job number. */
export function runningJobs(sh: Shell): Array<[number, JobEntry]> {
  const table = sh.services.jobTable;
  if (!table) return [];
  for (const [n, e] of table) if (e.done) table.delete(n);
  return [...table].sort((a, b) => a[0] - b[0]);
}

/** The pid a job spec (%N, %%, %+, %-, %string) names, or null. */
export function jobSpecPid(sh: Shell, spec: string): number | null {
  const table = sh.services.jobTable;
  if (!table || table.size === 0) return null;
  const nums = [...table.keys()].sort((a, b) => a - b);
  const body = spec.slice(1);
  let n: number | undefined;
  if (body === "" || body === "%" || body === "+") n = nums[nums.length - 1];
  else if (body === "-") n = nums.length > 1 ? nums[nums.length - 2] : nums[nums.length - 1];
  else if (/^\d+$/.test(body)) n = Number(body);
  else n = nums.find((k) => table.get(k)!.text.startsWith(body));
  const e = n === undefined ? undefined : table.get(n);
  return e ? e.pid : null;
}
