import { ansiCQuote, decodeAnsiC } from "../parser/ansi-c.js";
import { expandPrompt } from "./prompt.js";
import type { Shell } from "./shell.js";

/** Characters that never need quoting when bash prints a word for reuse. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;

/** Characters a word may hold unquoted and still be one literal word in any position (no `=`). */
const SAFE_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;

/**
 * s as one literal word wherever it lands, command position included: unlike quoteIfNeeded
 * (bash's `set` style), `a=b` is quoted too, or it would read as an assignment.
 */
export function quoteWord(s: string): string {
  return SAFE_WORD.test(s) ? s : s === "" ? "''" : quoteForReuse(s);
}

/** 'value', each embedded quote as '\'' (control characters kept as they are). */
export function singleQuote(s: string): string {
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

/** 'value' with embedded quotes as '\'' ; $'...' when control characters are present (${x@Q}). */
export function quoteForReuse(s: string): string {
  if (CONTROL.test(s)) return ansiCQuote(s);
  return singleQuote(s);
}

/** Quotes only when needed, as `set` prints values. */
export function quoteIfNeeded(s: string): string {
  if (s === "") return "''";
  if (SAFE.test(s)) return s;
  return quoteForReuse(s);
}

/** "value" as declare -p prints it ($'...' when control characters are present). */
export function quoteDeclare(s: string): string {
  if (CONTROL.test(s)) return ansiCQuote(s);
  return '"' + s.replace(/(["\\$`])/g, "\\$1") + '"';
}

/** ${x@Q} ${x@E} ${x@P} ${x@U} ${x@u} ${x@L} on one value. */
export function transformValue(sh: Shell, s: string, op: string): string {
  switch (op) {
    case "Q":
      return quoteForReuse(s);
    case "E":
      return decodeAnsiC(s.replace(/'/g, "\\'") + "'", 0).value;
    case "P":
      return expandPrompt(sh, s);
    case "U":
      return s.toUpperCase();
    case "u":
      return s.charAt(0).toUpperCase() + s.slice(1);
    case "L":
      return s.toLowerCase();
    case "K":
    case "k":
      return quoteForReuse(s);
    default:
      return s;
  }
}
