import { ExitSignal } from "./errors.js";
import type { FdTable } from "./io.js";
import type { Shell } from "./shell.js";
import { runScriptText } from "./script.js";

/** Runs the action of a trap; $? is preserved around it, as in bash. */
export async function runTrap(sh: Shell, name: string, io: FdTable): Promise<void> {
  const action = sh.traps.get(name);
  if (!action) return;
  const saved = sh.lastStatus;
  sh.services.budget.step();
  sh.traps.delete(name);
  try {
    await runScriptText(sh, action, io, { kind: "trap" });
  } finally {
    if (name !== "EXIT" && !sh.traps.has(name)) sh.traps.set(name, action);
    sh.lastStatus = saved;
  }
}

/** Runs the EXIT trap once, when a shell or subshell ends. */
export async function runExitTrap(sh: Shell, io: FdTable): Promise<void> {
  if (!sh.traps.has("EXIT")) return;
  try {
    await runTrap(sh, "EXIT", io);
  } catch (e) {
    if (!(e instanceof ExitSignal)) throw e;
  }
}
