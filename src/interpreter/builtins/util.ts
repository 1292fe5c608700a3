import type { SimpleCommand } from "../../parser/ast.js";
import { ShellError } from "../errors.js";
import type { FdTable } from "../io.js";
import { errorPrefix } from "../report.js";
import type { Shell } from "../shell.js";

/** A shell builtin: runs inside the shell with access to its state. */
export type ShellBuiltin = (sh: Shell, argv: string[], fds: FdTable, cmd?: SimpleCommand) => Promise<number> | number;

/** Writes to the builtin's stdout; a closed stdout is bash's "write error". */
export function out(fds: FdTable, text: string): void | Promise<void> {
  const w = fds[1]?.writer;
  if (!w) throw new ShellError("write error: Bad file descriptor");
  return w.write(text);
}

/** `bash: line N: NAME: MESSAGE` on stderr. */
export function builtinError(sh: Shell, fds: FdTable, name: string, message: string): void {
  const w = fds[2]?.writer;
  if (!w) return;
  try {
    const r = w.write(`${errorPrefix(sh)}${name}: ${message}\n`);
    if (r) r.catch(() => {});
  } catch {
    // ignored: stderr gone
  }
}

/** The usage error bash prints for an invalid option: `NAME: -x: invalid option` + usage line. */
export function invalidOption(sh: Shell, fds: FdTable, name: string, opt: string, usage: string): number {
  builtinError(sh, fds, name, `${opt}: invalid option`);
  const w = fds[2]?.writer;
  if (w) w.write(`${name}: usage: ${usage}\n`);
  return 2;
}

/**
 * Splits leading single-letter options (-abc, +abc) of a builtin, bash style:
 * stops at the first non-option or `--`. Returns the flags and the rest.
 */
export function builtinFlags(
  args: string[],
  allowed: string,
  withValue = "",
  plus = false,
): { on: Map<string, string | true>; off: Set<string>; rest: string[]; bad: string | null } {
  const on = new Map<string, string | true>();
  const off = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || (a[0] !== "-" && !(plus && a[0] === "+"))) break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (!allowed.includes(c) && !withValue.includes(c)) return { on, off, rest: args.slice(i + 1), bad: a[0] + c };
      if (withValue.includes(c)) {
        const v = a.slice(j + 1) || args[++i];
        if (v === undefined) return { on, off, rest: [], bad: a[0] + c + ":" };
        on.set(c, v);
        break;
      }
      if (a[0] === "+") off.add(c);
      else on.set(c, true);
    }
  }
  return { on, off, rest: args.slice(i), bad: null };
}

/**
 * The builtin `name` of a module imported on its first call, so its code stays out of the cold
 * start (bench/startup.ts); once loaded it is called directly, synchronous if it is.
 */
export function lazyBuiltin<M>(load: () => Promise<M>, name: keyof M & string): ShellBuiltin {
  let fn: ShellBuiltin | null = null;
  return (sh, argv, fds, cmd) =>
    fn ? fn(sh, argv, fds, cmd) : load().then((m) => (fn = m[name] as ShellBuiltin)(sh, argv, fds, cmd));
}
