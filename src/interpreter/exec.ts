import type { Command, Redirect, Statement, StatementList } from "../parser/ast.js";
import { evalArithExpr, evalArithText } from "./arith.js";
import { evalCond } from "./cond.js";
import {
  BreakSignal,
  ContinueSignal,
  ErrexitSignal,
  ExitSignal,
  ShellError,
} from "./errors.js";
import { expandPattern, expandString, expandWords } from "./expand.js";
import type { FdTable } from "./io.js";
import { matchPattern } from "./pattern.js";
import { runPipeline } from "./pipeline.js";
import { applyRedirects, closeRedirects } from "./redirect.js";
import { reportError } from "./report.js";
import type { Shell } from "./shell.js";
import { runExitTrap } from "./traps.js";
import { runSimple } from "./simple.js";
import type { ArithSource } from "../parser/ast.js";

/**
 * Runs commands: one exhaustive switch over the AST, each case one call.
 * Returns exit statuses; break/continue/return/exit unwind as thrown signals.
 */

/** Runs a list of statements; the status is the last one's. */
export async function runList(sh: Shell, list: StatementList, io: FdTable): Promise<number> {
  let status = sh.lastStatus;
  for (let i = 0; i < list.length; i++) status = await runStatement(sh, list[i], io);
  return status;
}

export async function runStatement(sh: Shell, st: Statement, io: FdTable): Promise<number> {
  if (st.background) return runBackground(sh, st, io);
  const status = await runCommand(sh, st.command, io);
  sh.lastStatus = status;
  return status;
}

/** cmd & : runs concurrently in a subshell; $! is its pseudo pid. */
function runBackground(sh: Shell, st: Statement, io: FdTable): number {
  const sub = sh.subshell();
  const pid = sub.pid;
  sh.lastBgPid = pid;
  const fds = io.slice();
  const job = (async () => {
    try {
      return await runCommand(sub, st.command, fds);
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      if (e instanceof ShellError) {
        reportError(sub, fds, e.message);
        return e.status;
      }
      throw e;
    }
  })();
  sh.services.jobs.set(pid, job);
  // A rejected job (a limit) is reported when the exec awaits it.
  job.catch(() => {});
  sh.lastStatus = 0;
  return 0;
}

/** Throws ErrexitSignal when set -e applies to this status. */
export function checkErrexit(sh: Shell, status: number): void {
  if (status !== 0 && sh.errexitIgnored === 0 && sh.options.has("errexit")) throw new ErrexitSignal(status);
}

export async function runCommand(sh: Shell, cmd: Command, io: FdTable): Promise<number> {
  switch (cmd.type) {
    case "Simple":
      return runSimple(sh, cmd, io);
    case "Pipeline":
      return runPipeline(sh, cmd, io);
    case "AndOr": {
      sh.errexitIgnored++;
      let left: number;
      try {
        left = await runCommand(sh, cmd.left, io);
      } finally {
        sh.errexitIgnored--;
      }
      sh.lastStatus = left;
      if (cmd.op === "&&" ? left !== 0 : left === 0) return left;
      return runCommand(sh, cmd.right, io);
    }
    case "Subshell":
      return withRedirects(sh, cmd.redirects, io, async (fds) => {
        const status = await runSubshell(sh, cmd.body, fds);
        checkErrexit(sh, status);
        return status;
      });
    case "Group":
      return withRedirects(sh, cmd.redirects, io, (fds) => runList(sh, cmd.body, fds));
    case "If":
      return withRedirects(sh, cmd.redirects, io, async (fds) => {
        for (const c of cmd.clauses) {
          if ((await runCondition(sh, c.cond, fds)) === 0) return runList(sh, c.body, fds);
        }
        return cmd.elseBody ? runList(sh, cmd.elseBody, fds) : 0;
      });
    case "While":
      return withRedirects(sh, cmd.redirects, io, (fds) => runWhile(sh, cmd, fds));
    case "For":
      return withRedirects(sh, cmd.redirects, io, (fds) => (cmd.select ? runSelect(sh, cmd, fds) : runFor(sh, cmd, fds)));
    case "ArithFor":
      return withRedirects(sh, cmd.redirects, io, (fds) => runArithFor(sh, cmd, fds));
    case "Case":
      return withRedirects(sh, cmd.redirects, io, (fds) => runCase(sh, cmd, fds));
    case "FunctionDef":
      sh.functions.set(cmd.name, cmd);
      return 0;
    case "Arith":
      return withRedirects(sh, cmd.redirects, io, async (fds) => {
        sh.line = cmd.line;
        const n = await arithValue(sh, cmd.expr, fds, "((: ");
        const status = n === 0 || n === 0n ? 1 : 0;
        checkErrexit(sh, status);
        return status;
      });
    case "Cond":
      return withRedirects(sh, cmd.redirects, io, async (fds) => {
        sh.line = cmd.line;
        const status = (await evalCond(sh, cmd.expr, fds)) ? 0 : 1;
        checkErrexit(sh, status);
        return status;
      });
    case "Coproc":
      return runCoproc(sh, cmd, io);
  }
}

/** Evaluates an ArithSource (parsed once when possible). */
export async function arithValue(sh: Shell, a: ArithSource, io: FdTable, prefix = ""): Promise<number | bigint> {
  if (a.expr) return evalArithExpr(sh, a.expr, a.text, prefix);
  if (a.error) return evalArithText(sh, a.text, prefix);
  return evalArithText(sh, await expandString(sh, a.word, io, true), prefix);
}

/** Runs a condition list with set -e suspended. */
export async function runCondition(sh: Shell, list: StatementList, io: FdTable): Promise<number> {
  sh.errexitIgnored++;
  try {
    return await runList(sh, list, io);
  } finally {
    sh.errexitIgnored--;
  }
}

/** ( list ): a copy of the shell; exit inside ends only the copy. */
export async function runSubshell(sh: Shell, body: StatementList, io: FdTable): Promise<number> {
  const sub = sh.subshell();
  sh.services.budget.enter();
  let status: number;
  try {
    status = await runList(sub, body, io);
  } catch (e) {
    if (e instanceof ExitSignal) status = e.status;
    else if (e instanceof BreakSignal || e instanceof ContinueSignal) status = 0;
    else throw e;
  } finally {
    sh.services.budget.leave();
  }
  await runExitTrap(sub, io);
  return status;
}

/** Applies redirections around a compound command. */
export async function withRedirects(sh: Shell, redirects: Redirect[], io: FdTable, body: (fds: FdTable) => Promise<number>): Promise<number> {
  if (redirects.length === 0) return body(io);
  let applied;
  try {
    applied = await applyRedirects(sh, redirects, io);
  } catch (e) {
    if (e instanceof ShellError) {
      reportError(sh, io, e.message);
      return e.status;
    }
    throw e;
  }
  try {
    return await body(applied.fds);
  } finally {
    await closeRedirects(applied);
  }
}

/** Runs a loop body; returns "break" / "continue" when a signal targets this loop. */
async function loopBody(sh: Shell, body: StatementList, io: FdTable): Promise<{ status: number; flow: "" | "break" | "continue" }> {
  try {
    return { status: await runList(sh, body, io), flow: "" };
  } catch (e) {
    if (e instanceof BreakSignal) {
      if (--e.levels > 0) throw e;
      return { status: 0, flow: "break" };
    }
    if (e instanceof ContinueSignal) {
      if (--e.levels > 0) throw e;
      return { status: 0, flow: "continue" };
    }
    throw e;
  }
}

async function runWhile(sh: Shell, cmd: Extract<Command, { type: "While" }>, io: FdTable): Promise<number> {
  let status = 0;
  const budget = sh.services.budget;
  sh.loopDepth++;
  try {
    for (;;) {
      budget.step();
      const c = await runCondition(sh, cmd.cond, io);
      if (cmd.until ? c === 0 : c !== 0) break;
      const r = await loopBody(sh, cmd.body, io);
      status = r.status;
      if (r.flow === "break") break;
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

async function runFor(sh: Shell, cmd: Extract<Command, { type: "For" }>, io: FdTable): Promise<number> {
  const items = cmd.items === null ? sh.positional.slice() : await expandWords(sh, cmd.items, io);
  let status = 0;
  const budget = sh.services.budget;
  sh.loopDepth++;
  try {
    for (const item of items) {
      budget.step();
      sh.set(cmd.name, item);
      const r = await loopBody(sh, cmd.body, io);
      status = r.status;
      if (r.flow === "break") break;
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

async function runArithFor(sh: Shell, cmd: Extract<Command, { type: "ArithFor" }>, io: FdTable): Promise<number> {
  let status = 0;
  const budget = sh.services.budget;
  sh.line = cmd.line;
  if (cmd.init) await arithValue(sh, cmd.init, io, "((: ");
  sh.loopDepth++;
  try {
    for (;;) {
      budget.step();
      if (cmd.cond) {
        const c = await arithValue(sh, cmd.cond, io, "((: ");
        if (c === 0 || c === 0n) break;
      }
      const r = await loopBody(sh, cmd.body, io);
      status = r.status;
      if (r.flow === "break") break;
      if (cmd.step) await arithValue(sh, cmd.step, io, "((: ");
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

async function runSelect(sh: Shell, cmd: Extract<Command, { type: "For" }>, io: FdTable): Promise<number> {
  const items = cmd.items === null ? sh.positional.slice() : await expandWords(sh, cmd.items, io);
  const { selectLoop } = await import("./builtins/read.js");
  return selectLoop(sh, cmd, items, io, (body, fds) => loopBody(sh, body, fds));
}

async function runCase(sh: Shell, cmd: Extract<Command, { type: "Case" }>, io: FdTable): Promise<number> {
  sh.line = cmd.line;
  const word = await expandString(sh, cmd.word, io);
  const nocase = sh.shopts.has("nocasematch");
  let status = 0;
  let fallthrough = false;
  for (let i = 0; i < cmd.items.length; i++) {
    const item = cmd.items[i];
    let matched = fallthrough;
    if (!matched) {
      for (const p of item.patterns) {
        if (matchPattern(word, await expandPattern(sh, p, io), nocase)) {
          matched = true;
          break;
        }
      }
    }
    if (!matched) continue;
    status = await runList(sh, item.body, io);
    if (item.terminator === ";;") return status;
    fallthrough = item.terminator === ";&";
  }
  return status;
}

async function runCoproc(sh: Shell, cmd: Extract<Command, { type: "Coproc" }>, io: FdTable): Promise<number> {
  // Basic coproc: runs in the background with its output collected; NAME_PID is set.
  const sub = sh.subshell();
  sh.set(`${cmd.name}_PID`, String(sub.pid));
  const job = runCommand(sub, cmd.body, io.slice()).catch(() => 1);
  sh.services.jobs.set(sub.pid, job);
  sh.lastBgPid = sub.pid;
  return 0;
}
