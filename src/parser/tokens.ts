import type { RedirectOp } from "./ast.js";
import * as scanner from "./scanner.js";

// Bound once at load: where modules are compiled one by one (tsx, vitest), every use of an imported
// name is a getter call on the module object, which cost about a tenth of the parse time.
const { META_CODES } = scanner;

/**
 * Operators and reserved words at a given offset, read by character codes: the command parser
 * asks for them at every token, so nothing here slices the source or hashes a string.
 */

const RESERVED = [
  "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for",
  "select", "function", "time", "coproc", "{", "}", "!", "[[", "]]", "in",
];
const MAX_RESERVED = 8;
/** The reserved words by first character and length: RESERVED_AT[code * 9 + length] (at most two). */
const RESERVED_AT: Array<string[] | undefined> = new Array(128 * (MAX_RESERVED + 1)).fill(undefined);
/**
 * The first two codes of a reserved word (for `{`, `}` and `!`: the code and a metacharacter or 0,
 * the end) at RESERVED_PAIR[first * 128 + second] (1): most command names (echo, cat, find) fail
 * here, without being read to their end.
 */
const RESERVED_PAIR = new Uint8Array(128 * 128);
for (const w of RESERVED) {
  const c = w.charCodeAt(0);
  (RESERVED_AT[c * (MAX_RESERVED + 1) + w.length] ??= []).push(w);
  for (let m = 0; m < 128; m++) if (w.length > 1 ? m === w.charCodeAt(1) : m === 0 || META_CODES[m] === 1) RESERVED_PAIR[c * 128 + m] = 1;
}
/** Characters that end the scan for a reserved word: metacharacters and \ ' " $ ` (1), else 0. */
const RESERVED_END = new Uint8Array(128);
for (const c of " \t\n;&|()<>\\'\"$`") RESERVED_END[c.charCodeAt(0)] = 1;

/** The reserved word starting at `start` (a plain word followed by a metacharacter or the end), or "". */
export function reservedAt(s: string, start: number): string {
  const c0 = s.charCodeAt(start);
  // The end of the text (NaN) is 0.
  const c1 = s.charCodeAt(start + 1) | 0;
  if (!(c0 < 128 && c1 < 128 && RESERVED_PAIR[c0 * 128 + c1] === 1)) return "";
  let i = start + 1;
  for (;;) {
    const code = s.charCodeAt(i);
    // end of input, a metacharacter, or one of \ ' " $ `
    if (code !== code || (code < 128 && RESERVED_END[code] !== 0)) break;
    if (++i - start > MAX_RESERVED) return "";
  }
  if (i < s.length && META_CODES[s.charCodeAt(i)] !== 1) return "";
  const candidates = RESERVED_AT[c0 * (MAX_RESERVED + 1) + i - start];
  if (candidates === undefined) return "";
  next: for (let k = 0; k < candidates.length; k++) {
    const w = candidates[k];
    for (let j = 1; j < w.length; j++) if (s.charCodeAt(start + j) !== w.charCodeAt(j)) continue next;
    return w;
  }
  return "";
}

/** The operator at `p` (no blanks skipped), or "" when a word, a process substitution or the end starts here. */
export function operatorAt(s: string, p: number): string {
  switch (s.charCodeAt(p)) {
    case 10:
      return "\n";
    case 59: {
      // ;
      const n = s.charCodeAt(p + 1);
      if (n === 59) return s.charCodeAt(p + 2) === 38 ? ";;&" : ";;";
      return n === 38 ? ";&" : ";";
    }
    case 38: {
      // &
      const n = s.charCodeAt(p + 1);
      if (n === 38) return "&&";
      if (n === 62) return s.charCodeAt(p + 2) === 62 ? "&>>" : "&>";
      return "&";
    }
    case 124: {
      // |
      const n = s.charCodeAt(p + 1);
      if (n === 124) return "||";
      return n === 38 ? "|&" : "|";
    }
    case 40:
      return "(";
    case 41:
      return ")";
    case 60:
    case 62:
      return redirectOpAt(s, p) ?? "";
    default:
      return "";
  }
}

/** The redirection operator at `p`, longest first, or null (`<(` and `>(` are process substitutions). */
export function redirectOpAt(s: string, p: number): RedirectOp | null {
  const c = s.charCodeAt(p);
  const n = s.charCodeAt(p + 1);
  if (c === 60) {
    // <
    if (n === 40) return null;
    if (n === 60) {
      const n2 = s.charCodeAt(p + 2);
      return n2 === 60 ? "<<<" : n2 === 45 ? "<<-" : "<<";
    }
    return n === 38 ? "<&" : n === 62 ? "<>" : "<";
  }
  if (c === 62) {
    // >
    if (n === 40) return null;
    return n === 62 ? ">>" : n === 38 ? ">&" : n === 124 ? ">|" : ">";
  }
  if (c === 38 && n === 62) return s.charCodeAt(p + 2) === 62 ? "&>>" : "&>";
  return null;
}
