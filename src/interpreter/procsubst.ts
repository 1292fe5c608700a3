import type { ProcSubstPart } from "../parser/ast.js";
import { BrokenPipe, createPipe } from "../io/streams.js";
import type { DevFdFs } from "./devfd.js";
import { subshellEndStatus } from "./errors.js";
import { runList } from "./exec.js";
import type { FdEntry, FdTable } from "./io.js";
import type { Shell } from "./shell.js";
import { lazyModule } from "../lazy.js";

/** /dev/fd/N in a command's FileSystem (devfd.ts) loads on the first command that gets one. */
const devFdModule = lazyModule(() => import("./devfd.js"));
let DevFd: typeof DevFdFs | null = null;

/**
 * Process substitution as bash does it: <(cmd) and >(cmd) open a pipe on a free fd counting down
 * from 63, start cmd on the other end, and expand to /dev/fd/N. cmd runs alongside the command
 * that reads or writes the pipe; the pipe is bounded, so an endless producer waits for its reader.
 * The fd stays open until the command the word belongs to ends (functions see it in their body).
 */

/** One open substitution: its fd, the shell's end of the pipe, and the running command. */
export interface ProcFd {
  fd: number;
  entry: FdEntry;
  /** Settles when cmd has ended: with the error that must end the exec (a limit), else null. */
  done: Promise<unknown>;
}

const FIRST_FD = 63;

export async function processSubstitution(sh: Shell, p: ProcSubstPart, io: FdTable): Promise<string> {
  // bash runs nothing for an empty body and the word expands to nothing: `echo <( ) x` is `x`.
  if (p.body.length === 0) return "";
  const fd = freeFd(sh, io);
  const pipe = createPipe(undefined, sh.services.budget);
  const fds = io.slice();
  const reading = p.direction === "<";
  let entry: FdEntry;
  if (reading) {
    fds[1] = { writer: pipe.writer };
    entry = { reader: pipe.reader, pipe: true };
  } else {
    fds[0] = { reader: pipe.reader };
    entry = { writer: pipe.writer, pipe: true };
  }
  const sub = sh.subshell();
  sub.traceLevel++;
  sub.loopDepth = sh.loopDepth; // as in $( ), `break` ends the substitution quietly
  const run = runBody(sub, p, fds).finally(() => (reading ? pipe.writer.close() : pipe.reader.close()));
  const done = run.then((r) => r.error);
  (sh.procFds ??= []).push({ fd, entry, done });
  rememberLast(sh, sub.pid, run.then((r) => r.status));
  return `/dev/fd/${fd}`;
}

/** Runs cmd to its end; its exit, or its reader going away, ends only cmd. */
async function runBody(sub: Shell, p: ProcSubstPart, fds: FdTable): Promise<{ status: number; error: unknown }> {
  const budget = sub.services.budget;
  budget.enter();
  try {
    return { status: await runList(sub, p.body, fds), error: null };
  } catch (e) {
    const end = subshellEndStatus(e, false);
    if (end !== null) return { status: end, error: null };
    if (e instanceof BrokenPipe) return { status: 141, error: null };
    return { status: 1, error: e };
  } finally {
    budget.leave();
  }
}

const lastPids = new WeakMap<object, number>();

/**
 * $! is the last substitution's pid, and `wait` (or `wait $!`) waits for it, as in bash; only
 * the last one is kept, so a loop of substitutions does not fill the job list.
 */
function rememberLast(sh: Shell, pid: number, status: Promise<number>): void {
  const jobs = sh.services.jobs;
  const prev = lastPids.get(jobs);
  if (prev !== undefined) jobs.delete(prev);
  lastPids.set(jobs, pid);
  jobs.set(pid, status);
  sh.lastBgPid = pid;
}

/** The highest fd from 63 down that neither the command's table nor an open substitution holds. */
function freeFd(sh: Shell, io: FdTable): number {
  let n = FIRST_FD;
  while (n > 3 && (io[n] !== undefined || sh.procFds?.some((p) => p.fd === n))) n--;
  return n;
}

/** The entry for fd n: the command's table first, then the substitutions open around it. */
export function fdEntry(sh: Shell, fds: FdTable, n: number): FdEntry | undefined {
  return fds[n] ?? sh.procFds?.find((p) => p.fd === n)?.entry;
}

/** The table a program starts with: its own fds plus the open substitutions (inherited fds). */
export function withProcFds(sh: Shell, fds: FdTable): FdTable {
  const open = sh.procFds;
  if (!open) return fds;
  const out = fds.slice();
  for (const p of open) if (out[p.fd] === undefined) out[p.fd] = p.entry;
  return out;
}

/** A promise to await before fsFor, or undefined once devfd.ts is loaded (no microtask then). */
export function fsForReady(): Promise<void> | undefined {
  if (DevFd) return undefined;
  return devFdModule().then((m) => {
    DevFd = m.DevFdFs;
  });
}

/** The FileSystem as a command with these fds sees it (/dev/fd/N: devfd.ts); fsForReady() first. */
export function fsFor(sh: Shell, fds: FdTable): DevFdFs {
  return new DevFd!(sh.services.fs, withProcFds(sh, fds), sh.services.sandbox, sh.services.budget);
}

/** How many substitutions are open now: a command closes those opened after this mark. */
export function procMark(sh: Shell): number {
  return sh.procFds ? sh.procFds.length : 0;
}

/**
 * Closes the substitutions opened since `mark` and waits for their commands: a reader of <(cmd)
 * going away ends cmd with a broken pipe; >(cmd) sees end of input. One the command kept open on
 * another fd of `keep` (exec 3< <(cmd)) stays open and runs on.
 */
export async function closeProcFds(sh: Shell, mark: number, keep: FdTable): Promise<void> {
  const open = sh.procFds;
  if (!open || open.length <= mark) return;
  const mine = open.splice(mark);
  if (open.length === 0) sh.procFds = null;
  const waiting: ProcFd[] = [];
  for (const p of mine) {
    if (keep.some((e) => e !== undefined && (e === p.entry || e.reader === p.entry.reader && e.writer === p.entry.writer))) continue;
    if (p.entry.reader) p.entry.reader.close();
    else p.entry.writer?.close();
    waiting.push(p);
  }
  for (const p of waiting) {
    const err = await p.done;
    if (err) throw err;
  }
}

/** The shell exits: the pipe ends its fds still hold close (exec 3> >(cmd) lets cmd finish). */
export function closeShellPipes(fds: FdTable): void {
  for (const e of fds) {
    if (!e?.pipe) continue;
    e.writer?.close();
    e.reader?.close();
  }
}
