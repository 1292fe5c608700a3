import type { ProcSubstPart } from "../parser/ast.js";
import { bytesReader } from "../io/streams.js";
import { ExitSignal } from "./errors.js";
import { runList } from "./exec.js";
import type { FdTable } from "./io.js";
import type { Shell } from "./shell.js";

let outCounter = 0;

/**
 * >(...): hands the command a file to write; when that command has finished, the substitution
 * runs with what was written as its stdin (its output goes where the command's stdout went).
 * DIVERGE: bash runs the reader concurrently on a /dev/fd/N pipe; we run it after the writer,
 * which gives the same output, in a fixed order.
 */
export async function outputSubstitution(sh: Shell, p: ProcSubstPart, io: FdTable): Promise<string> {
  const path = `/tmp/.sandbash-out-${++outCounter}`;
  await sh.fs.writeFile(path, new Uint8Array(0));
  const fds = io.slice();
  const run = async () => {
    const data = await sh.fs.readFile(path);
    await sh.fs.unlink(path).catch(() => {});
    const sub = sh.subshell();
    sub.traceLevel++;
    fds[0] = { reader: bytesReader(data) };
    sh.services.budget.enter();
    try {
      await runList(sub, p.body, fds);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
    } finally {
      sh.services.budget.leave();
    }
  };
  (sh.pendingOutputSubst ??= []).push(run);
  return path;
}

/** Runs the >(...) readers of the command that just finished, in order. */
export async function flushOutputSubstitutions(sh: Shell): Promise<void> {
  while (sh.pendingOutputSubst) {
    const list = sh.pendingOutputSubst;
    sh.pendingOutputSubst = null;
    for (const run of list) await run();
  }
}
