import type { ArithSource, Command, Redirect, Statement, StatementList } from "../parser/ast.js";
import { evalArithExpr, evalArithText } from "./arith.js";
import { BreakSignal, ContinueSignal, ErrexitSignal, ShellError, SubscriptError, fatalSignal, subshellEndStatus } from "./errors.js";
import { expandPattern, expandString, expandWords } from "./expand.js";
import type { FdTable } from "./io.js";
import { matchPattern } from "./pattern.js";
import { reportError } from "./report.js";
import type { Shell } from "./shell.js";
import { runExitTrap, runTrap } from "./traps.js";
import { applyRedirects, closeRedirects, runSimple } from "./simple.js";
import { traceLine, traceWord, tracing } from "./xtrace.js";
import { Attr } from "./variables.js";
import { closeProcFds, procMark } from "./procsubst.js";
import { printWord } from "../parser/print.js";
import { isName } from "../parser/scanner.js";
import { lazyModule } from "../lazy.js";

const readModule = lazyModule(() => import("./builtins/read.js"));

/** [[ ]] evaluation, loaded with the first [[ ]] (cold start: `echo hi` never needs it). */
let condModule: typeof import("./cond.js") | null = null;
/** Likewise pipelines (`a | b`, `! cmd`, `time cmd`), kept once loaded, and coprocesses. */
let pipelineModule: typeof import("./pipeline.js") | null = null;
const coprocModule = lazyModule(() => import("./coproc.js"));
/** Background jobs (`cmd &`), loaded with the first one. */
let backgroundModule: typeof import("./background.js") | null = null;

/**
 * Runs commands: one exhaustive switch over the AST, each case one call.
 * Returns exit statuses; break/continue/return/exit unwind as thrown signals.
 */

/** A status now, or later when something had to wait (I/O, a pipeline, a substitution). */
export type Status = number | Promise<number>;

/**
 * Runs a list of statements; the status is the last one's. Stays synchronous
 * while every command finishes synchronously (builtins, arithmetic), so tight
 * loops pay no promise per command.
 */
export function runList(sh: Shell, list: StatementList, io: FdTable): Status {
  let status = sh.lastStatus;
  for (let i = 0; i < list.length; i++) {
    const r = runStatement(sh, list[i], io);
    if (r instanceof Promise) return finishList(sh, list, io, i + 1, r);
    status = r;
  }
  return status;
}

async function finishList(sh: Shell, list: StatementList, io: FdTable, from: number, pending: Promise<number>): Promise<number> {
  let status = await pending;
  for (let i = from; i < list.length; i++) {
    const r = runStatement(sh, list[i], io);
    status = r instanceof Promise ? await r : r;
  }
  return status;
}

export function runStatement(sh: Shell, st: Statement, io: FdTable): Status {
  if (st.background) {
    if (backgroundModule) return backgroundModule.runBackground(sh, st, io);
    return import("./background.js").then((m) => (backgroundModule = m).runBackground(sh, st, io));
  }
  const r = runCommand(sh, st.command, io);
  // PIPESTATUS follows every simple command too ([$?]); pipelines set their own.
  const simple = st.command.type === "Simple" || st.command.type === "Arith" || st.command.type === "Cond";
  if (r instanceof Promise) {
    return r.then((s) => {
      if (simple) sh.pipeStatus = null;
      sh.lastStatus = s;
      return sh.pendingErr ? runErrTrap(sh, io, s) : s;
    });
  }
  if (simple) sh.pipeStatus = null;
  sh.lastStatus = r;
  return sh.pendingErr ? runErrTrap(sh, io, r) : r;
}

/**
 * Throws ErrexitSignal when set -e applies to this status. With an ERR trap the
 * exit waits until the statement ends, so the trap runs first (runErrTrap).
 */
export function checkErrexit(sh: Shell, status: number): void {
  if (status === 0 || sh.errexitIgnored !== 0) return;
  // Functions do not inherit the ERR trap unless errtrace (set -E) is on.
  if (sh.traps.has("ERR") && (sh.funcNames.length === 0 || sh.options.has("errtrace"))) {
    sh.pendingErr = { status, exit: sh.options.has("errexit") };
    return;
  }
  if (sh.options.has("errexit")) throw new ErrexitSignal(status);
}

async function runErrTrap(sh: Shell, io: FdTable, status: number): Promise<number> {
  const pending = sh.pendingErr!;
  sh.pendingErr = null;
  sh.lastStatus = pending.status;
  await runTrap(sh, "ERR", io);
  sh.lastStatus = status;
  if (pending.exit) throw new ErrexitSignal(pending.status);
  return status;
}

export function runCommand(sh: Shell, cmd: Command, io: FdTable): Status {
  switch (cmd.type) {
    case "Simple":
      return runSimple(sh, cmd, io);
    case "Pipeline":
      if (pipelineModule) return pipelineModule.runPipeline(sh, cmd, io);
      return import("./pipeline.js").then((m) => (pipelineModule = m).runPipeline(sh, cmd, io));
    case "AndOr":
      return runAndOr(sh, cmd, io);
    case "Subshell":
      return withRedirects(sh, cmd, io, async (fds) => {
        const status = await runSubshell(sh, cmd.body, fds);
        checkErrexit(sh, status);
        return status;
      });
    case "Group":
      if (cmd.redirects.length === 0) return runList(sh, cmd.body, io);
      return withRedirects(sh, cmd, io, (fds) => runList(sh, cmd.body, fds));
    case "If":
      return withRedirects(sh, cmd, io, async (fds) => {
        for (const c of cmd.clauses) {
          const r = runCondition(sh, c.cond, fds);
          if ((r instanceof Promise ? await r : r) === 0) return runList(sh, c.body, fds);
        }
        return cmd.elseBody ? runList(sh, cmd.elseBody, fds) : 0;
      });
    case "While":
      return withRedirects(sh, cmd, io, (fds) => runWhile(sh, cmd, fds));
    case "For":
      // bash checks the loop variable's name when the loop runs, not when it parses.
      if (!isName(cmd.name)) {
        sh.line = cmd.line;
        reportError(sh, io, `\`${cmd.name}': not a valid identifier`);
        return 1;
      }
      return withRedirects(sh, cmd, io, (fds) => (cmd.select ? runSelect(sh, cmd, fds) : runFor(sh, cmd, fds)));
    case "ArithFor":
      return withRedirects(sh, cmd, io, (fds) => runArithFor(sh, cmd, fds));
    case "Case":
      return withRedirects(sh, cmd, io, (fds) => runCase(sh, cmd, fds));
    case "FunctionDef":
      if (/[$'"\\]/.test(cmd.name)) {
        sh.line = cmd.line;
        reportError(sh, io, `\`${cmd.name}': not a valid identifier`);
        return 1;
      }
      if (sh.readonlyFunctions.has(cmd.name) && sh.functions.has(cmd.name)) {
        sh.line = cmd.line;
        reportError(sh, io, `${cmd.name}: readonly function`);
        return 1;
      }
      sh.functions.set(cmd.name, cmd);
      // BASH_SOURCE inside the function names the file that defined it.
      if (sh.sourceName) sh.functionSources.set(cmd.name, sh.sourceName);
      else sh.functionSources.delete(cmd.name);
      return 0;
    case "Arith":
      if (cmd.redirects.length === 0 && cmd.expr.expr) {
        sh.line = cmd.line;
        if (tracing(sh)) traceLine(sh, io, `(( ${cmd.expr.text} ))`);
        let status: number;
        try {
          const n = evalArithExpr(sh, cmd.expr.expr, cmd.expr.text, "((: ");
          status = n === 0 || n === 0n ? 1 : 0;
        } catch (e) {
          status = arithCommandFailed(sh, io, e);
        }
        checkErrexit(sh, status);
        return status;
      }
      return withRedirects(sh, cmd, io, async (fds) => {
        sh.line = cmd.line;
        if (tracing(sh)) traceLine(sh, fds, `(( ${cmd.expr.text} ))`);
        let status: number;
        try {
          const n = await arithValue(sh, cmd.expr, fds, "((: ");
          status = n === 0 || n === 0n ? 1 : 0;
        } catch (e) {
          status = arithCommandFailed(sh, fds, e);
        }
        checkErrexit(sh, status);
        return status;
      });
    case "Cond":
      return withRedirects(sh, cmd, io, async (fds) => {
        sh.line = cmd.line;
        let status: number;
        const cond = condModule ?? (condModule = await import("./cond.js"));
        try {
          status = (await cond.evalCond(sh, cmd.expr, fds)) ? 0 : 1;
        } catch (e) {
          // An expansion error is reported here, as for a simple command (a fatal one unwinds as a
          // signal, so a subshell holding the [[ ]] ends, not the whole run).
          if (e instanceof ShellError) {
            reportError(sh, fds, e);
            if (e.fatal) throw fatalSignal(e);
            status = e.status;
          } else if (e instanceof cond.CondStatus) {
            // A bad regex after =~ makes the whole [[ ]] return 2.
            status = e.status;
          } else throw e;
        }
        checkErrexit(sh, status);
        return status;
      });
    case "Coproc":
      return coprocModule().then((m) => m.runCoproc(sh, cmd, io));
  }
}

/** An error inside (( )) ends only that command, with status 1 (unlike $(( )) in a word). */
function arithCommandFailed(sh: Shell, io: FdTable, e: unknown): number {
  if (!(e instanceof ShellError)) throw e;
  reportError(sh, io, e);
  // set -u's unbound variable (status 127) and a bad subscript end the script even inside (( )).
  if (e.status === 127 || e instanceof SubscriptError) throw fatalSignal(e);
  return 1;
}

/** a && b, a || b: set -e is ignored on the left side. */
function runAndOr(sh: Shell, cmd: Extract<Command, { type: "AndOr" }>, io: FdTable): Status {
  sh.errexitIgnored++;
  let left: Status;
  try {
    left = runCommand(sh, cmd.left, io);
  } catch (e) {
    sh.errexitIgnored--;
    throw e;
  }
  const after = (l: number): Status => {
    sh.lastStatus = l;
    if (cmd.op === "&&" ? l !== 0 : l === 0) return l;
    return runCommand(sh, cmd.right, io);
  };
  if (left instanceof Promise) {
    return left.then(
      (l) => {
        sh.errexitIgnored--;
        return after(l);
      },
      (e) => {
        sh.errexitIgnored--;
        throw e;
      },
    );
  }
  sh.errexitIgnored--;
  return after(left);
}

/** Evaluates an ArithSource (parsed once when possible). */
export async function arithValue(sh: Shell, a: ArithSource, io: FdTable, prefix = ""): Promise<number | bigint> {
  if (a.expr) return evalArithExpr(sh, a.expr, a.text, prefix);
  if (a.error) return evalArithText(sh, a.text, prefix);
  return evalArithText(sh, await expandString(sh, a.word, io, true), prefix);
}

/** Runs a condition list with set -e suspended. */
export function runCondition(sh: Shell, list: StatementList, io: FdTable): Status {
  sh.errexitIgnored++;
  let r: Status;
  try {
    r = runList(sh, list, io);
  } catch (e) {
    sh.errexitIgnored--;
    throw e;
  }
  if (r instanceof Promise) {
    return r.finally(() => {
      sh.errexitIgnored--;
    });
  }
  sh.errexitIgnored--;
  return r;
}

/** ( list ): a copy of the shell; exit inside ends only the copy. */
export async function runSubshell(sh: Shell, body: StatementList, io: FdTable): Promise<number> {
  const sub = sh.subshell(true);
  sh.services.budget.enter();
  let status: number;
  try {
    if (sh.services.budget.unwindDue) await null;
    status = await runList(sub, body, io);
  } catch (e) {
    const end = subshellEndStatus(e, true);
    if (end === null) throw e;
    status = end;
  } finally {
    sh.services.budget.leave();
  }
  return runExitTrap(sub, io, status);
}

/** Applies redirections around a compound command. */
export async function withRedirects(sh: Shell, cmd: { redirects: Redirect[] }, io: FdTable, body: (fds: FdTable) => Status): Promise<number> {
  const redirects = cmd.redirects;
  if (redirects.length === 0) return body(io);
  const mark = procMark(sh);
  let applied;
  try {
    applied = await applyRedirects(sh, redirects, io);
  } catch (e) {
    if (sh.procFds && sh.procFds.length > mark) await closeProcFds(sh, mark, io);
    if (e instanceof ShellError) {
      // bash names the line the command ends on, where its redirections are.
      sh.line = redirects[redirects.length - 1].line;
      reportError(sh, io, e);
      return e.status;
    }
    throw e;
  }
  try {
    return await body(applied.fds);
  } finally {
    await closeRedirects(applied);
    if (sh.procFds && sh.procFds.length > mark) await closeProcFds(sh, mark, io);
  }
}

type LoopStep = { status: number; flow: "" | "break" | "continue" };

function loopSignal(e: unknown): LoopStep {
  if (e instanceof BreakSignal) {
    if (--e.levels > 0) throw e;
    return { status: e.status, flow: "break" };
  }
  if (e instanceof ContinueSignal) {
    if (--e.levels > 0) throw e;
    return { status: 0, flow: "continue" };
  }
  throw e;
}

/** Runs a loop body; says "break" / "continue" when a signal targets this loop. */
function loopBody(sh: Shell, body: StatementList, io: FdTable): LoopStep | Promise<LoopStep> {
  try {
    const r = runList(sh, body, io);
    if (r instanceof Promise) return r.then((status) => ({ status, flow: "" as const }), loopSignal);
    return { status: r, flow: "" };
  } catch (e) {
    return loopSignal(e);
  }
}

async function runWhile(sh: Shell, cmd: Extract<Command, { type: "While" }>, io: FdTable): Promise<number> {
  let status = 0;
  const budget = sh.services.budget;
  sh.loopDepth++;
  try {
    for (;;) {
      budget.step();
      if (budget.yieldDue) await budget.yield();
      const cr = runCondition(sh, cmd.cond, io);
      const c = cr instanceof Promise ? await cr : cr;
      if (cmd.until ? c === 0 : c !== 0) break;
      const lr = loopBody(sh, cmd.body, io);
      const r = lr instanceof Promise ? await lr : lr;
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
      if (budget.yieldDue) await budget.yield();
      if (tracing(sh)) {
        sh.line = cmd.line;
        traceLine(sh, io, `for ${cmd.name} in ${loopWordsAsWritten(cmd)}`);
      }
      // A nameref control variable is pointed at each word in turn (bash).
      const ref = sh.vars.writable(cmd.name);
      if (ref && ref.attrs & Attr.Nameref) ref.value = item;
      else sh.set(cmd.name, item);
      const lr = loopBody(sh, cmd.body, io);
      const r = lr instanceof Promise ? await lr : lr;
      status = r.status;
      if (r.flow === "break") break;
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

async function runArithFor(sh: Shell, cmd: Extract<Command, { type: "ArithFor" }>, io: FdTable): Promise<number> {
  const where = { inBody: false };
  try {
    return await runArithForLoop(sh, cmd, io, where);
  } catch (e) {
    // An arithmetic error in the header ends the loop with status 1; the script goes on.
    if (where.inBody) throw e;
    return arithCommandFailed(sh, io, e);
  }
}

async function runArithForLoop(sh: Shell, cmd: Extract<Command, { type: "ArithFor" }>, io: FdTable, where: { inBody: boolean }): Promise<number> {
  let status = 0;
  const budget = sh.services.budget;
  sh.line = cmd.line;
  const trace = (a: ArithSource) => {
    if (tracing(sh)) traceLine(sh, io, `(( ${a.text.trim()} ))`);
  };
  if (cmd.init) {
    trace(cmd.init);
    await arithValue(sh, cmd.init, io, "((: ");
  }
  sh.loopDepth++;
  try {
    for (;;) {
      budget.step();
      if (budget.yieldDue) await budget.yield();
      if (cmd.cond) {
        trace(cmd.cond);
        const c = cmd.cond.expr ? evalArithExpr(sh, cmd.cond.expr, cmd.cond.text, "((: ") : await arithValue(sh, cmd.cond, io, "((: ");
        if (c === 0 || c === 0n) break;
      }
      where.inBody = true;
      const lr = loopBody(sh, cmd.body, io);
      const r = lr instanceof Promise ? await lr : lr;
      where.inBody = false;
      status = r.status;
      if (r.flow === "break") break;
      if (cmd.step) {
        trace(cmd.step);
        if (cmd.step.expr) evalArithExpr(sh, cmd.step.expr, cmd.step.text, "((: ");
        else await arithValue(sh, cmd.step, io, "((: ");
      }
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

/** bash traces a for or select header with its words as written (`"$@"` when there are none). */
function loopWordsAsWritten(cmd: Extract<Command, { type: "For" }>): string {
  return cmd.items === null ? '"$@"' : cmd.items.map(printWord).join(" ");
}

async function runSelect(sh: Shell, cmd: Extract<Command, { type: "For" }>, io: FdTable): Promise<number> {
  const items = cmd.items === null ? sh.positional.slice() : await expandWords(sh, cmd.items, io);
  if (tracing(sh)) traceLine(sh, io, `select ${cmd.name} in ${loopWordsAsWritten(cmd)}`);
  const { selectLoop } = await readModule();
  sh.loopDepth++;
  try {
    return await selectLoop(sh, cmd, items, io, async (body, fds) => loopBody(sh, body, fds));
  } finally {
    sh.loopDepth--;
  }
}

async function runCase(sh: Shell, cmd: Extract<Command, { type: "Case" }>, io: FdTable): Promise<number> {
  sh.line = cmd.line;
  const word = await expandString(sh, cmd.word, io);
  if (tracing(sh)) traceLine(sh, io, `case ${printWord(cmd.word)} in`);
  const nocase = sh.shopts.has("nocasematch");
  let status = 0;
  let fallthrough = false;
  for (let i = 0; i < cmd.items.length; i++) {
    const item = cmd.items[i];
    let matched = fallthrough;
    if (!matched) {
      for (const p of item.patterns) {
        if (matchPattern(word, await expandPattern(sh, p, io, false, true), nocase)) {
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
