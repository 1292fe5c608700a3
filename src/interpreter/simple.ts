import type { Assignment, FunctionDef, Redirect, SimpleCommand } from "../parser/ast.js";
import { evalSubscript } from "./arith.js";
import { ExitSignal, ReturnSignal, ShellError, SubscriptError, fatalSignal } from "./errors.js";
import { expandString, expandStringSync, expandWords, expandWordsSync, isSyncWord } from "./expand.js";
import type { FdTable } from "./io.js";
import type { AppliedRedirects } from "./redirect.js";
import { reportError } from "./report.js";
import type { Shell } from "./shell.js";
import { checkErrexit, runCommand, type Status } from "./exec.js";
import { SHELL_BUILTINS, SPECIAL_BUILTINS } from "./builtins/index.js";
import { runUtility } from "./utility.js";
import { deferredDeclarationTraces, traceAssignment, traceLine, tracePrefix, traceWord, tracing } from "./xtrace.js";
import { runTrap } from "./traps.js";
import { closeProcFds, procMark } from "./procsubst.js";
import { Attr, markTemporary, type Variable } from "./variables.js";
import { lazyModule } from "../lazy.js";

const arraysModule = lazyModule(() => import("./arrays.js"));

/**
 * Redirections (redirect.ts) load with the first command that has one: `echo hi` never
 * compiles them. Once loaded they are called directly (no await of a settled promise).
 */
const redirectModule = lazyModule(() => import("./redirect.js"));
let redirect: typeof import("./redirect.js") | null = null;

export function applyRedirects(sh: Shell, redirects: Redirect[], io: FdTable, inPlace = false): Promise<AppliedRedirects> {
  if (redirect) return redirect.applyRedirects(sh, redirects, io, inPlace);
  return redirectModule().then((m) => (redirect = m).applyRedirects(sh, redirects, io, inPlace));
}

/** After applyRedirects (so redirect.ts is loaded). */
export function closeRedirects(applied: AppliedRedirects): Promise<void> {
  return redirect!.closeRedirects(applied);
}

/** sh.set options of a plain assignment (shared: set only reads them). */
const APPEND = { append: true } as const;
const ASSIGN = { append: false } as const;

/**
 * A simple command: assignments, words, redirections. Expands, then runs a
 * function, a shell builtin, a utility or a script, in bash's lookup order.
 */
export function runSimple(sh: Shell, cmd: SimpleCommand, io: FdTable): Status {
  if (sh.inTrap === 0) sh.currentCommand = cmd;
  if (sh.traps.size !== 0 && sh.traps.has("DEBUG")) {
    sh.line = cmd.line;
    return runTrap(sh, "DEBUG", io).then(() => runSimpleAsync(sh, cmd, io, null));
  }
  if (cmd.redirects.length !== 0 || sh.options.has("xtrace")) return runSimpleAsync(sh, cmd, io, null);
  const budget = sh.services.budget;
  budget.step();
  sh.line = cmd.line;
  sh.substStatus = -1;
  if (cmd.words.length === 0) {
    for (const a of cmd.assigns) if (!a.value || a.index || !isSyncWord(a.value)) return runSimpleAsync(sh, cmd, io, null, true);
    try {
      for (const a of cmd.assigns) sh.set(a.name, expandStringSync(sh, a.value!), a.append ? APPEND : ASSIGN);
      if (sh.pendingWarnings) printPendingWarnings(sh, io);
    } catch (e) {
      if (e instanceof ShellError) {
        reportError(sh, io, e);
        throw fatalSignal(e);
      }
      throw e;
    }
    return 0;
  }
  let argv: string[] | Promise<string[]> | null;
  try {
    argv = expandWordsSync(sh, cmd.words);
  } catch (e) {
    if (sh.pendingWarnings) printPendingWarnings(sh, io);
    return expansionFailed(sh, io, e);
  }
  if (sh.pendingWarnings) printPendingWarnings(sh, io);
  if (argv === null) return runSimpleAsync(sh, cmd, io, null, true);
  if (argv instanceof Promise) return argv.then((a) => runSimpleAsync(sh, cmd, io, a, true), (e) => expansionFailed(sh, io, e));
  if (argv.length && cmd.assigns.length === 0) {
    const name = argv[0];
    sh.lastArg = argv[argv.length - 1];
    const b = SHELL_BUILTINS.get(name);
    if (b && !sh.functions.has(name) && sh.enabledBuiltin(name)) {
      let r: Status;
      try {
        r = b(sh, argv, io, cmd);
      } catch (e) {
        r = builtinFailed(sh, io, name, e);
      }
      if (r instanceof Promise) {
        return r.then(
          (s) => (checkErrexit(sh, s), s),
          (e) => {
            const s = builtinFailed(sh, io, name, e);
            checkErrexit(sh, s);
            return s;
          },
        );
      }
      checkErrexit(sh, r);
      return r;
    }
  }
  return runSimpleAsync(sh, cmd, io, argv, true);
}

async function runSimpleAsync(sh: Shell, cmd: SimpleCommand, io: FdTable, expanded: string[] | null, counted = false): Promise<number> {
  const budget = sh.services.budget;
  if (!counted) {
    budget.step();
    sh.line = cmd.line;
    sh.substStatus = -1;
  }
  const mark = procMark(sh);
  let argv: string[];
  try {
    argv = expanded ?? (cmd.words.length ? await expandWords(sh, cmd.words, io) : []);
  } catch (e) {
    if (sh.procFds && sh.procFds.length > mark) await closeProcFds(sh, mark, io);
    return expansionFailed(sh, io, e);
  }
  if (argv.length === 0) {
    try {
      return await runAssignmentsOnly(sh, cmd, io);
    } finally {
      if (sh.procFds && sh.procFds.length > mark) await closeProcFds(sh, mark, io);
    }
  }
  sh.lastArg = argv[argv.length - 1];
  let fds = io;
  let applied = null;
  if (cmd.redirects.length) {
    // `exec` with only redirections changes the shell's own fds.
    const persistent = argv.length === 1 && argv[0] === "exec" && !sh.functions.has("exec");
    try {
      applied = await applyRedirects(sh, cmd.redirects, io, persistent);
      fds = applied.fds;
    } catch (e) {
      if (sh.procFds && sh.procFds.length > mark) await closeProcFds(sh, mark, io);
      if (e instanceof ShellError) {
        reportError(sh, io, e);
        if (e.fatal) throw fatalSignal(e);
        checkErrexit(sh, e.status);
        return e.status;
      }
      throw e;
    }
  }
  try {
    const status = await dispatch(sh, cmd, argv, fds);
    checkErrexit(sh, status);
    return status;
  } finally {
    if (applied) await closeRedirects(applied);
    if (sh.procFds && sh.procFds.length > mark) await closeProcFds(sh, mark, io);
  }
}

/** A ShellError out of a builtin: `bash: line N: NAME: MESSAGE`, its status (fatal ones exit). */
function builtinFailed(sh: Shell, io: FdTable, name: string, e: unknown): number {
  if (!(e instanceof ShellError)) throw e;
  // A bad subscript is bash's own error, not the builtin's: no NAME: prefix.
  reportError(sh, io, e instanceof SubscriptError ? e.message : `${name}: ${e.message}`);
  if (e.fatal) throw fatalSignal(e);
  return e.status;
}

function expansionFailed(sh: Shell, io: FdTable, e: unknown): never | number {
  if (e instanceof ShellError) {
    reportError(sh, io, e);
    if (e.fatal) throw fatalSignal(e);
    checkErrexit(sh, e.status);
    return e.status;
  }
  throw e;
}

async function runAssignmentsOnly(sh: Shell, cmd: SimpleCommand, io: FdTable): Promise<number> {
  let applied = null;
  try {
    for (const a of cmd.assigns) {
      // bash traces an assignment with PS4 as it was before it (PS4=x is traced with the old PS4).
      const prefix = tracing(sh) ? tracePrefix(sh) : null;
      const v = await assign(sh, a, io, false);
      if (prefix !== null) traceLine(sh, io, traceAssignment(a, v), prefix);
    }
    if (cmd.redirects.length) {
      applied = await applyRedirects(sh, cmd.redirects, io);
    }
  } catch (e) {
    if (e instanceof ShellError) {
      reportError(sh, io, e);
      // bash: an assignment error (readonly, bad subscript) exits a non-interactive shell.
      if (e.fatal || cmd.assigns.length) throw fatalSignal(e);
      return e.status;
    }
    throw e;
  } finally {
    if (applied) await closeRedirects(applied);
  }
  const status = sh.substStatus >= 0 ? sh.substStatus : 0;
  checkErrexit(sh, status);
  return status;
}

/** Performs one assignment (name=v, name+=v, name[i]=v, name=(...)); returns the expanded value. */
export async function assign(sh: Shell, a: Assignment, io: FdTable, local: boolean): Promise<string> {
  void local;
  if (a.array) {
    const { assignArray } = await arraysModule();
    await assignArray(sh, a, io);
    return "";
  }
  const value = a.value ? await expandString(sh, a.value, io) : "";
  if (a.index) {
    const v = sh.resolve(a.name);
    // An associative subscript gets quote removal; an indexed one is arithmetic text, quotes kept (as bash).
    const key = await expandString(sh, a.index, io, !(v && v.value instanceof Map));
    if (v && v.value instanceof Map) {
      if (key === "") throw new ShellError(`${a.name}[]: bad array subscript`);
      sh.setAssoc(a.name, key, value, a.append);
      return value;
    }
    const i = evalSubscript(sh, key);
    sh.setElement(a.name, i, value, a.append);
    return value;
  }
  sh.set(a.name, value, { append: a.append });
  return value;
}

async function dispatch(sh: Shell, cmd: SimpleCommand, argv: string[], fds: FdTable): Promise<number> {
  const name = argv[0];
  // With assignments, the trace comes after them (withTempAssigns); special builtins trace below.
  // The command's own trace line takes PS4 as it is before its assignments (bash's order).
  const prefix = tracing(sh) ? tracePrefix(sh) : "";
  let trace = tracing(sh) ? () => traceLine(sh, fds, argv.map(traceWord).join(" "), prefix) : null;
  if (trace && cmd.words.some((w) => w.assign?.array) && !sh.functions.has(name) && SHELL_BUILTINS.has(name) && sh.enabledBuiltin(name)) {
    // declare -a b=(q): the builtin traces `b=('q')` and then this line (builtins/vars.ts).
    deferredDeclarationTraces.add(cmd);
    trace = null;
  }
  if (trace && cmd.assigns.length === 0) trace();
  // bash looks functions up before paths: `/bin/true() { ...; }` shadows /bin/true.
  const fn = sh.functions.get(name);
  if (fn) return withTempAssigns(sh, cmd, fds, true, () => callFunction(sh, fn, argv, fds), trace);
  const builtin = SHELL_BUILTINS.get(name);
  if (builtin && sh.enabledBuiltin(name)) {
    const call = async () => {
      try {
        return await builtin(sh, argv, fds, cmd);
      } catch (e) {
        return builtinFailed(sh, fds, name, e);
      }
    };
    if ((name === "export" || name === "readonly") && cmd.assigns.length && !sh.options.has("posix")) {
      // bash keeps the temporary variables these two name (their attribute moves them out).
      return withTempAssigns(sh, cmd, fds, false, () => call().then((st) => (keepNamedTemporaries(sh, argv), st)), trace);
    }
    if (SPECIAL_BUILTINS.has(name) && sh.options.has("posix")) {
      // Assignments before special builtins persist in posix mode (else they are temporary, as
      // for any command).
      try {
        for (const a of cmd.assigns) {
          const v = await assign(sh, a, fds, false);
          if (trace) traceLine(sh, fds, traceAssignment(a, v));
        }
      } catch (e) {
        return expansionFailed(sh, fds, e);
      }
      if (trace && cmd.assigns.length) trace();
      return call();
    }
    return withTempAssigns(sh, cmd, fds, false, call, trace);
  }
  if (cmd === sh.lastCommandOfC && !sh.traps.has("EXIT") && !sh.traps.has("ERR")) {
    return withTempAssigns(sh, cmd, fds, true, () => runExecOptimized(sh, argv, fds), trace);
  }
  return withTempAssigns(sh, cmd, fds, true, () => runUtility(sh, argv, fds), trace);
}

/** x=1 cmd: the assignments hold only while cmd runs (exported to utilities). */
function withTempAssigns(
  sh: Shell,
  cmd: SimpleCommand,
  fds: FdTable,
  exported: boolean,
  run: () => Promise<number> | number,
  trace: (() => void) | null,
): Promise<number> | number {
  // Most commands have no assignments: no extra async frame for them.
  if (cmd.assigns.length === 0) return run();
  return withTempFrame(sh, cmd, fds, exported, run, trace);
}

async function withTempFrame(
  sh: Shell,
  cmd: SimpleCommand,
  fds: FdTable,
  exported: boolean,
  run: () => Promise<number> | number,
  trace: (() => void) | null,
): Promise<number> {
  // The frame is in place from the first assignment on: each one is seen by the next one's
  // expansion (`a=1 b=$a cmd` gives b=1) and by the PS4 of its own trace line, as in bash.
  const frame = new Map<string, Variable>();
  markTemporary(frame);
  sh.vars.frames.push(frame);
  try {
    for (const a of cmd.assigns) {
      let value: string;
      try {
        value = a.value ? await expandString(sh, a.value, fds) : "";
      } catch (e) {
        return expansionFailed(sh, fds, e);
      }
      const existing = sh.resolve(a.name);
      if (existing && existing.attrs & Attr.Readonly) {
        // bash reports it and runs the command without that assignment.
        reportError(sh, fds, `${a.name}: readonly variable`);
        continue;
      }
      const prev = a.append && existing && typeof existing.value === "string" ? existing.value : "";
      frame.set(a.name, { value: prev + value, attrs: (exported ? Attr.Export : 0) | (existing ? existing.attrs & ~Attr.Readonly : 0) | Attr.Export });
      if (trace) traceLine(sh, fds, traceAssignment(a, value));
    }
    trace?.();
    return await run();
  } finally {
    const i = sh.vars.frames.lastIndexOf(frame);
    if (i >= 0) sh.vars.frames.splice(i, 1);
  }
}

/** Copies the temporary variables named in argv[1..] (`name` or `name=value`) to the global scope. */
function keepNamedTemporaries(sh: Shell, argv: string[]): void {
  const frame = sh.vars.frames[sh.vars.frames.length - 1];
  for (const arg of argv.slice(1)) {
    const name = arg.split("=")[0];
    const v = frame?.get(name);
    if (v !== undefined) sh.vars.own(sh.vars.globals).set(name, v);
  }
}

/** Calls a shell function with argv[1..] as positional parameters. */
export async function callFunction(sh: Shell, fn: FunctionDef, argv: string[], fds: FdTable): Promise<number> {
  const budget = sh.services.budget;
  budget.step();
  budget.enter();
  if (budget.unwindDue) await null;
  const savedPositional = sh.positional;
  const savedSource = sh.functionSource;
  sh.positional = argv.slice(1);
  const frame = new Map<string, Variable>();
  sh.vars.frames.push(frame);
  sh.funcNames.unshift(fn.name);
  const callLine = sh.line;
  sh.callerLines.unshift(callLine);
  const savedCallerLine = sh.callerLine;
  // A function body is outside the caller's loops: break/continue there only complain (bash 5.2).
  const savedLoopDepth = sh.loopDepth;
  sh.loopDepth = 0;
  sh.callerLine = sh.line;
  sh.functionSource = sh.functionSources.get(fn.name) ?? null;
  // Functions do not inherit the RETURN and DEBUG traps unless functrace (set -T) is on.
  const functrace = sh.options.has("functrace");
  const outerReturn = sh.traps.get("RETURN");
  if (outerReturn !== undefined && !functrace) sh.traps.delete("RETURN");
  const outerDebug = sh.traps.get("DEBUG");
  if (outerDebug !== undefined && !functrace) sh.traps.delete("DEBUG");
  let status: number;
  try {
    // With functrace, DEBUG also runs as the function starts ($BASH_COMMAND still the call).
    if (outerDebug !== undefined && functrace) await runTrap(sh, "DEBUG", fds);
    try {
      status = await runCommand(sh, fn.body, fds);
    } catch (e) {
      if (e instanceof ReturnSignal) status = e.status;
      else throw e;
    }
    // RETURN runs still inside the function (FUNCNAME, locals), with the function's status as $?.
    if (sh.traps.has("RETURN")) {
      sh.lastStatus = status;
      await runTrap(sh, "RETURN", fds);
    }
  } finally {
    sh.vars.frames.pop();
    const savedOptions = sh.savedOptions?.get(frame);
    if (savedOptions) sh.setOptions(savedOptions);
    sh.positional = savedPositional;
    sh.funcNames.shift();
    sh.callerLines.shift();
    sh.functionSource = savedSource;
    sh.callerLine = savedCallerLine;
    // Back in the caller, LINENO is the call's line again (an ERR trap on the call reports it).
    sh.line = callLine;
    sh.loopDepth = savedLoopDepth;
    budget.leave();
  }
  if (outerReturn !== undefined && !sh.traps.has("RETURN")) sh.traps.set("RETURN", outerReturn);
  if (outerDebug !== undefined && !functrace && !sh.traps.has("DEBUG")) sh.traps.set("DEBUG", outerDebug);
  return status;
}

function printPendingWarnings(sh: Shell, io: FdTable): void {
  for (const w of sh.pendingWarnings!) reportError(sh, io, w);
  sh.pendingWarnings = null;
}

/**
 * bash -c runs the last command of its string with exec, no fork, lowering SHLVL first:
 * the program sees the level one down (`bash -c 'bash -c "echo \$SHLVL"'` prints 1).
 */
async function runExecOptimized(sh: Shell, argv: string[], fds: FdTable): Promise<number> {
  const v = sh.vars.writable("SHLVL");
  const level = v && typeof v.value === "string" && /^-?\d+$/.test(v.value) ? v.value : null;
  if (level === null || v!.attrs & Attr.Readonly) return runUtility(sh, argv, fds);
  v!.value = String(Number(level) - 1);
  try {
    return await runUtility(sh, argv, fds);
  } finally {
    if (v!.value === String(Number(level) - 1)) v!.value = level;
  }
}
