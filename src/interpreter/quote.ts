import { decodeAnsiC } from "../parser/ansi-c.js";
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

/** $'...' with C escapes, as bash prints strings holding control characters. */
export function ansiCQuote(s: string): string {
  let out = "$'";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    switch (ch) {
      case "\n": out += "\\n"; break;
      case "\t": out += "\\t"; break;
      case "\r": out += "\\r"; break;
      case "\x07": out += "\\a"; break;
      case "\b": out += "\\b"; break;
      case "\f": out += "\\f"; break;
      case "\v": out += "\\v"; break;
      case "\x1b": out += "\\E"; break;
      case "'": out += "\\'"; break;
      case "\\": out += "\\\\"; break;
      default:
        if (c < 0x20 || c === 0x7f) out += "\\" + c.toString(8).padStart(3, "0");
        else if (c >= 0xdc80 && c <= 0xdcff) out += "\\" + (c & 0xff).toString(8).padStart(3, "0");
        else out += ch;
    }
  }
  return out + "'";
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
