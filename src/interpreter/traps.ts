import { ExitSignal } from "./errors.js";
import type { FdTable } from "./io.js";
import type { Shell } from "./shell.js";
import { runScriptText } from "./script.js";

/** How bash names a trap's action in its syntax errors. */
const TRAP_TAGS: Readonly<Record<string, string>> = { EXIT: "exit trap", ERR: "error trap", DEBUG: "debug trap", RETURN: "return trap", INT: "interrupt trap" };

/** Runs the action of a trap; $? and the line are preserved around it, as in bash. */
export async function runTrap(sh: Shell, name: string, io: FdTable): Promise<void> {
  const action = sh.traps.get(name);
  if (!action) return;
  const saved = sh.lastStatus;
  const line = sh.line;
  sh.services.budget.step();
  sh.traps.delete(name);
  sh.inTrap++;
  try {
    const ownLines = name !== "ERR" && name !== "DEBUG" && name !== "RETURN";
    await runScriptText(sh, action, io, { kind: "trap", tag: TRAP_TAGS[name] ?? "trap", ownLines });
  } finally {
    sh.inTrap--;
    if (name !== "EXIT" && !sh.traps.has(name)) sh.traps.set(name, action);
    sh.lastStatus = saved;
    sh.line = line;
  }
}

/**
 * Runs the EXIT trap once, when a shell or subshell ends with `status` (the trap sees it as $?).
 * Returns the shell's final status: `exit N` inside the trap replaces it.
 */
export async function runExitTrap(sh: Shell, io: FdTable, status: number): Promise<number> {
  if (!sh.traps.has("EXIT")) return status;
  sh.lastStatus = status;
  try {
    await runTrap(sh, "EXIT", io);
  } catch (e) {
    if (!(e instanceof ExitSignal)) throw e;
    return e.status;
  }
  return status;
}
