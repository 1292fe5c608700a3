import type { Command } from "../parser/ast.js";
import { printCommand } from "../parser/print.js";
import type { Shell } from "./shell.js";

/** One background job as `jobs` shows it. */
export interface JobEntry {
  pid: number;
  text: string;
  done: boolean;
}

/**
 * The job table of the current exec: `cmd &` adds a job numbered one past the highest in use
 * (1 again once the table is empty); finished jobs leave it when `jobs` next looks, unreported,
 * as a non-interactive bash does.
 */
export function addJob(sh: Shell, pid: number, cmd: Command, job: Promise<number>): void {
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
  };
  table.set(n, entry);
  job.then(
    () => (entry.done = true),
    () => (entry.done = true),
  );
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
