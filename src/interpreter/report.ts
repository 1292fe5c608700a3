import type { FdTable } from "./io.js";
import type { Shell } from "./shell.js";
import type { ShellError } from "./errors.js";

/**
 * The one place runtime errors get bash's prefix: `bash: line N: MESSAGE`.
 * bash names the script ($0 for -c, the file for scripts and sourced files);
 * inside a function defined by a -c string it says "environment" (a bash quirk).
 */
export function errorPrefix(sh: Shell): string {
  return `${scriptName(sh)}: line ${sh.line}: `;
}

/**
 * bash's report of a command substitution whose text does not parse (run-time parsed: backquotes,
 * here-document bodies): the message, then the offending source line when there is one.
 */
export function substSyntaxError(sh: Shell, line: number, message: string, sourceLine: string | null): string {
  const prefix = `${scriptName(sh)}: command substitution: line ${line}: `;
  return prefix + message + "\n" + (sourceLine === null ? "" : prefix + "`" + sourceLine + "'\n");
}

/** The name runtime messages start with (see errorPrefix). */
export function scriptName(sh: Shell): string {
  return sh.funcNames.length > 0 && sh.functionSource === null ? "environment" : sh.sourceName ?? sh.argv0;
}

/** Writes one error (a message, or a ShellError with its own report) to the shell's stderr. */
export function reportError(sh: Shell, io: FdTable, error: string | ShellError): void {
  const w = io[2]?.writer;
  if (!w) return;
  try {
    const r = w.write(typeof error === "string" ? errorPrefix(sh) + error + "\n" : error.report ?? errorPrefix(sh) + error.message + "\n");
    if (r) r.catch(() => {});
  } catch {
    // stderr closed or broken: bash drops the message too.
  }
}

/** Writes `bash: NAME: MESSAGE` style lines for builtins (name already in message). */
export function writeErr(io: FdTable, text: string): void {
  const w = io[2]?.writer;
  if (!w) return;
  try {
    const r = w.write(text);
    if (r) r.catch(() => {});
  } catch {
    // ignored, as above
  }
}
