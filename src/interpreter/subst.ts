import type { CommandSubstPart, StatementList } from "../parser/ast.js";
import { CollectingWriter } from "../io/streams.js";
import type { Budget } from "../limits/budget.js";
import { decodeUtf8 } from "../io/utf8.js";
import { subshellEndStatus } from "./errors.js";
import type { FdTable } from "./io.js";
import type { Shell } from "./shell.js";
import { runExitTrap } from "./traps.js";
import { runList } from "./exec.js";
import { substSyntaxError } from "./report.js";
/** <(...) and >(...) live in procsubst.ts; expansion reaches them here with the other substitutions. */
export { processSubstitution } from "./procsubst.js";

/**
 * $(...) and `...`: runs in a subshell, captures stdout, strips trailing newlines. `syntaxError`: a backquote body that does not
 * parse; bash parses it when it runs, so `body` holds its complete lines before the error,
 * which run first; then the error is reported and the substitution's status is 2.
 */
export async function commandSubstitution(
  sh: Shell,
  body: StatementList,
  io: FdTable,
  syntaxError?: CommandSubstPart["error"],
): Promise<string> {
  const line = sh.line;
  const budget = sh.services.budget;
  budget.step();
  budget.enter();
  const sub = sh.subshell(true);
  sub.traceLevel++;
  sub.loopDepth = sh.loopDepth; // unlike ( ), bash lets `break` in $( ) end the substitution quietly
  // Without inherit_errexit, bash turns set -e off inside $(...).
  if (!sh.shopts.has("inherit_errexit") && sub.options.has("errexit")) sub.ownOptions().delete("errexit");
  const out = new CollectingWriter();
  const fds = io.slice();
  fds[1] = { writer: out };
  let status: number;
  try {
    if (budget.unwindDue) await null;
    status = await runList(sub, body, fds);
    if (syntaxError) {
      // bash parses it from the running command's line on, so the error's line within the text adds to that.
      fds[2]?.writer?.write(substSyntaxError(sh, line + syntaxError.line - 1, syntaxError.message, syntaxError.sourceLine));
      status = 2;
    }
  } catch (e) {
    const end = subshellEndStatus(e, true);
    if (end === null) throw e;
    status = end;
  } finally {
    budget.leave();
  }
  status = await runExitTrap(sub, fds, status);
  sh.lastStatus = status;
  sh.substStatus = status;
  let s = decodeUtf8(out.bytes());
  if (s.includes("\0")) {
    io[2]?.writer?.write("bash: warning: command substitution: ignored null byte in input\n");
    s = s.replace(/\0/g, "");
  }
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Collects $(...) output; past maxStringLength the exec ends (x=$(yes) cannot eat the heap). */
class BoundedCollector extends CollectingWriter {
  declare private readonly budget: Budget;
  constructor(budget: Budget) {
    super();
    this.budget = budget; // assigned, not a class field (see CollectingWriter)
  }

  override write(chunk: Uint8Array | string): void | Promise<void> {
    super.write(chunk);
    this.budget.checkString(this.length);
    if (this.budget.pollYield()) return this.budget.yield();
  }
}

