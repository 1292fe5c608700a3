import type { Command, Pipeline } from "../parser/ast.js";
import { BrokenPipe, createPipe } from "../io/streams.js";
import { ShellError, subshellEndStatus } from "./errors.js";
import { checkErrexit, runCommand } from "./exec.js";
import type { FdTable } from "./io.js";
import { reportError } from "./report.js";
import type { Shell } from "./shell.js";
import { runExitTrap } from "./traps.js";
import { LimitExceeded } from "../limits/budget.js";

/**
 * Pipelines: every stage runs concurrently over a bounded pipe, so a fast
 * writer waits for a slow reader and a writer whose reader is gone gets
 * BrokenPipe (status 141). Each stage but the last (under lastpipe) runs in a
 * subshell.
 */
export async function runPipeline(sh: Shell, p: Pipeline, io: FdTable): Promise<number> {
  const started = p.time ? sh.services.sandbox.now() : 0;
  let status: number;
  if (p.negate) sh.errexitIgnored++;
  try {
    status = p.commands.length === 0 ? 0 : p.commands.length === 1 ? await runSingle(sh, p.commands[0], io) : await runStages(sh, p, io);
  } finally {
    if (p.negate) sh.errexitIgnored--;
  }
  if (p.negate) status = status === 0 ? 1 : 0;
  if (p.time) reportTime(sh, p, io, started);
  if (!p.negate && p.commands.length > 1) checkErrexit(sh, status);
  return status;
}

async function runSingle(sh: Shell, cmd: Command, io: FdTable): Promise<number> {
  const status = await runCommand(sh, cmd, io);
  sh.pipeStatus = [status];
  return status;
}

async function runStages(sh: Shell, p: Pipeline, io: FdTable): Promise<number> {
  const n = p.commands.length;
  // A loop, not Array.from({ length }): that generic path was a third of this function's time.
  const pipes: ReturnType<typeof createPipe>[] = [];
  for (let i = 1; i < n; i++) pipes.push(createPipe(undefined, sh.services.budget));
  const lastpipe = sh.shopts.has("lastpipe") && !sh.options.has("monitor");
  const stages = p.commands.map(async (cmd, i) => {
    const fds = io.slice();
    if (i > 0) fds[0] = { reader: pipes[i - 1].reader };
    if (i < n - 1) {
      fds[1] = { writer: pipes[i].writer };
      if (p.pipeStderr[i]) fds[2] = fds[1];
    }
    const inShell = lastpipe && i === n - 1;
    // Stages borrow the shell's variables, which stay still until they end; not under lastpipe,
    // where the last stage changes them while the others run.
    const stageShell = inShell ? sh : sh.subshell(!lastpipe);
    // bash forks a simple command's stage without counting a subshell level
    // ($BASH_SUBSHELL stays) unless it is a function; ( ) counts its own level.
    if (!inShell && ((cmd.type === "Simple" && !namesFunction(sh, cmd)) || cmd.type === "Subshell")) stageShell.subshellLevel = sh.subshellLevel;
    try {
      return await runStage(stageShell, cmd, fds, !inShell);
    } finally {
      if (i < n - 1) pipes[i].writer.close();
      if (i > 0) pipes[i - 1].reader.close();
    }
  });
  let statuses: number[];
  try {
    statuses = await Promise.all(stages);
  } catch (e) {
    // A limit ends the exec: make sure the other stages stop too.
    if (e instanceof LimitExceeded) sh.services.budget.kill(e);
    for (const pipe of pipes) {
      pipe.reader.close();
      pipe.writer.close();
    }
    throw e;
  }
  sh.pipeStatus = statuses;
  if (sh.options.has("pipefail")) {
    for (let i = statuses.length - 1; i >= 0; i--) if (statuses[i] !== 0) return statuses[i];
    return 0;
  }
  return statuses[n - 1];
}

function namesFunction(sh: Shell, cmd: Extract<Command, { type: "Simple" }>): boolean {
  const w = cmd.words[0];
  return !!w && w.parts.length === 1 && w.parts[0].type === "Literal" && sh.functions.has(w.parts[0].value);
}

/** One stage: a subshell whose exit, errors and broken pipe end only the stage. */
async function runStage(sh: Shell, cmd: Command, fds: FdTable, subshell: boolean): Promise<number> {
  try {
    const status = await runCommand(sh, cmd, fds);
    return subshell ? await runExitTrap(sh, fds, status) : status;
  } catch (e) {
    if (e instanceof BrokenPipe) return 141;
    if (!subshell) throw e;
    const end = subshellEndStatus(e, false);
    if (end !== null) return end;
    if (e instanceof ShellError) {
      reportError(sh, fds, e);
      return e.status;
    }
    throw e;
  }
}

function reportTime(sh: Shell, p: Pipeline, io: FdTable, started: number): void {
  const secs = (sh.services.sandbox.now() - started) / 1000;
  const w = io[2]?.writer;
  if (!w) return;
  if (p.time === "time -p") {
    w.write(`real ${secs.toFixed(2)}\nuser 0.00\nsys 0.00\n`);
  } else {
    const fmt = (s: number) => `${Math.floor(s / 60)}m${(s % 60).toFixed(3)}s`;
    w.write(`\nreal\t${fmt(secs)}\nuser\t0m0.000s\nsys\t0m0.000s\n`);
  }
}
