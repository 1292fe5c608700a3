/**
 * The printf builtin. Its own module, loaded on first use (index.ts): the format engine,
 * long doubles and strftime/time zones are ~20 KB that `echo hi` should not compile.
 */
import { printfFormat } from "../../../builtins/_lib/printf.js";
import { localTime, strftime } from "../../../builtins/_lib/time.js";
import { printableName } from "../../parser/ansi-c.js";
import { builtinError, invalidOption, out, type ShellBuiltin } from "./util.js";
import { setRef } from "../refs.js";

/** bash's %q: backslash-escapes, or $'...' for control characters. */
export function printfQuote(s: string): string {
  if (s === "") return "''";
  // Control characters and raw (invalid UTF-8) bytes: $'...' with escapes.
  const printable = printableName(s);
  if (printable !== s) return printable;
  // As sh_backslash_quote: # only when it starts the word, ~ at the start or after = or :.
  return s
    .replace(/[^A-Za-z0-9_@%+=:./#~-]/g, (c) => (c.charCodeAt(0) >= 0x80 ? c : "\\" + c))
    .replace(/^#/, "\\#")
    .replace(/(^|[=:])~/g, "$1\\~");
}

export const printf: ShellBuiltin = async (sh, argv, fds) => {
  let args = argv.slice(1);
  let varName: string | null = null;
  if (args[0] === "-v") {
    varName = args[1] ?? null;
    if (varName === null) return invalidOption(sh, fds, "printf", "-v", "printf [-v var] format [arguments]");
    args = args.slice(2);
  }
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0) {
    // bash's builtin_usage: no "bash: line N:" prefix.
    fds[2]?.writer?.write("printf: usage: printf [-v var] format [arguments]\n");
    return 2;
  }
  if (varName !== null && !/^[A-Za-z_][A-Za-z0-9_]*(\[.*\])?$/s.test(varName)) {
    builtinError(sh, fds, "printf", `\`${varName}': not a valid identifier`);
    return 2;
  }
  if (args[0].startsWith("-") && args[0].length > 1 && varName === null && argv[1] !== "--") {
    return invalidOption(sh, fds, "printf", args[0].slice(0, 2), "printf [-v var] format [arguments]");
  }
  const r = printfFormat(args[0], args.slice(1), {
    now: () => sh.services.sandbox.now(),
    strftime: (f, t) => strftime(f || "%X", localTime(t * 1000, sh.get("TZ") ?? sh.services.sandbox.timeZone)),
    shellQuote: printfQuote,
    longDouble: true,
  });
  for (const e of r.warnings) builtinError(sh, fds, "printf", e);
  for (const e of r.errors) builtinError(sh, fds, "printf", e);
  if (varName !== null) {
    setRef(sh, varName, r.output);
  }
  else if (r.output) await out(fds, r.output);
  return r.errors.length ? 1 : 0;
};
