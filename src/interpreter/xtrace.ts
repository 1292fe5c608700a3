import type { Assignment } from "../parser/ast.js";
import { printWord } from "../parser/print.js";
import type { FdTable } from "./io.js";
import { expandPrompt } from "./prompt.js";
import { printableName } from "../parser/ansi-c.js";
import { singleQuote } from "./quote.js";
import type { Shell } from "./shell.js";

/**
 * set -x: the trace lines bash writes to stderr. Each line starts with PS4, its first character
 * repeated once per nesting level (command substitution, eval, source: bash's indirection level).
 */

/**
 * Declaration commands with a compound assignment (`declare -a b=(q)`) whose command line
 * the declare builtin traces itself, after the expanded lists, as bash orders them.
 */
export const deferredDeclarationTraces = new WeakSet<object>();

/** True when xtrace is on (checked before building any trace text). */
export function tracing(sh: Shell): boolean {
  return sh.options.has("xtrace");
}

/**
 * $PS4 after prompt escapes and parameter expansion: $name, ${name}, ${name[N]} and the
 * default/alternate forms (${x:-w} ${x-w} ${x:+w} ${x+w}, w expanded the same way), which the
 * usual debugging PS4s use ('+ ${BASH_SOURCE}:${LINENO}:${FUNCNAME[0]:+${FUNCNAME[0]}(): }').
 * A trace is written from synchronous code, so this small expander stands in for the full,
 * asynchronous one: command substitution and other operators stay as written.
 */
function ps4(sh: Shell): string {
  const raw = sh.get("PS4") ?? "+ ";
  if (!/[$\\]/.test(raw)) return raw;
  return promptParams(sh, expandPrompt(sh, raw));
}

const PARAM = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?(?:(:?[-+])((?:[^{}]|\{[^{}]*\})*))?\})/;

function promptParams(sh: Shell, text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const d = text.indexOf("$", i);
    if (d < 0) break;
    out += text.slice(i, d);
    const m = PARAM.exec(text.slice(d));
    if (!m) {
      out += "$";
      i = d + 1;
      continue;
    }
    const name = m[1] ?? m[2];
    const value = m[3] === undefined ? sh.get(name) : sh.values(name)[Number(m[3])];
    const op = m[4];
    if (op === undefined) out += value ?? "";
    else {
      const empty = value === undefined || (op[0] === ":" && value === "");
      const useWord = op.endsWith("-") ? empty : !empty;
      out += useWord ? promptParams(sh, m[5]) : op.endsWith("-") ? value! : "";
    }
    i = d + m[0].length;
  }
  return out + text.slice(i);
}

/** Writes one trace line: PS4 (level-repeated first character) + text. */
export function traceLine(sh: Shell, io: FdTable, text: string, prefix = tracePrefix(sh)): void {
  io[2]?.writer?.write(prefix + text + "\n");
}

/** What starts a trace line now: PS4 expanded, its first character repeated for each nesting level. */
export function tracePrefix(sh: Shell): string {
  const p = ps4(sh);
  return (p.length ? p[0].repeat(sh.traceLevel) : "") + p;
}

// bash's sh_contains_shell_metas: characters that make xtrace single-quote a word.
const METAS = /[ \t\n'"\\|&;()<>!{}*[?\]^$`]/;
/** A word as xtrace prints it: '' when empty, '...' with shell metacharacters, $'...' when unprintable. */
export function traceWord(s: string): string {
  if (s === "") return "''";
  if (METAS.test(s) || s[0] === "#" || /(^|[=:])~/.test(s)) return singleQuote(s);
  return printableName(s);
}

/** One assignment as bash traces it: NAME=value (value quoted, empty shown as nothing), arrays as written. */
export function traceAssignment(a: Assignment, value: string): string {
  const lhs = a.name + (a.index ? `[${printWord(a.index)}]` : "") + (a.append ? "+=" : "=");
  if (a.array) return lhs + "(" + a.array.map((e) => (e.index ? `[${printWord(e.index)}]=` : "") + printWord(e.value)).join(" ") + ")";
  return lhs + (value === "" ? "" : traceWord(value));
}
