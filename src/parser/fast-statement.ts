/**
 * The commonest statement, read in one pass: a simple command, or pipelines of them joined by
 * && and ||, on one line, of words made of plain text, '...', "..." (text and parameters) and
 * $name / ${name} / $1 / $?..., name=value assignments and redirections (not here-documents),
 * ending at a newline, `;`, `&`, `)`, a comment or the end. The general path goes through
 * list -> statement -> and-or -> pipeline -> command -> simple command -> word, some thirty
 * calls and peeks for what is mostly a scan of characters. This builds exactly what that path would (the same nodes, fields in the same
 * order, positions and lines) or returns null without touching the parser, which then takes
 * the general path: anything else it meets is left to that path.
 */
import type { Assignment, Command, Redirect, SimpleCommand, Statement, Word, WordPart } from "./ast.js";
import * as commandLine from "./command-line.js";
import * as tokens from "./tokens.js";
import * as scanner from "./scanner.js";
import * as parseWord from "./parse-word.js";

// Bound once at load (see parse-word.ts).
const { append, finish, MAX_PARSE_DEPTH, NAME_CODES, nameEnd } = scanner;
const { simpleCommandLine } = commandLine;
const { redirectOpAt, reservedAt } = tokens;

/**
 * Codes (below 128) that a fast word cannot hold: what readParts decides on in a NORMAL word,
 * except `:` and `=`, which stay literal text there unless a `~` follows (and `~` is here).
 */
const STOP = parseWord.NORMAL.codes.slice();
STOP[58] = 0;
STOP[61] = 0;

/** The shared empty list of the AST (what finish gives for no elements). */
const EMPTY = finish<never>(null);

/** Off only in tests, which check that both paths build the same AST (test/parser/fast-path.test.ts). */
let fastStatements = true;

/** Turns the fast path on or off (for tests). */
export function setFastStatements(on: boolean): void {
  fastStatements = on;
}

/** What the fast path reads and sets on the parser. */
export interface FastHost {
  src: string;
  pos: number;
  depth: number;
  aliases: ReadonlyMap<string, string> | null;
  lineAt(offset: number): number;
}

/**
 * The statement at the cursor (blanks and comments skipped, not a reserved word), with the
 * cursor left where the general path leaves it (at the terminator, after blanks and a comment),
 * or null with the cursor unmoved.
 */
export function fastStatement(p: FastHost): Statement | null {
  if (!fastStatements) return null;
  // The nesting checks of parseCommand and ${...} (one level each), and alias expansion in
  // command position: the general path's.
  if (p.depth + 2 > MAX_PARSE_DEPTH) return null;
  const aliases = p.aliases;
  if (aliases !== null && aliases.size !== 0) return null;
  const s = p.src;
  const len = s.length;
  const start = p.pos;
  let i = start;
  // Lines are asked for in source order: lineAt counts newlines from its previous answer, and
  // counts them again one by one on its way back.
  const line = p.lineAt(start);
  // The and-or list so far (null: none) and the operator after it.
  let andOr: Command | null = null;
  let andOp: "&&" | "||" = "&&";
  // The pipeline being read: where it starts, its line and its commands before the current one (null: none).
  let pipeStart = start;
  let pipeLine = line;
  let piped: Command[] | null = null;
  let cmdStart = start;
  let assigns: Assignment[] | null = null;
  let words: Word[] | null = null;
  let redirects: Redirect[] | null = null;
  let background = false;
  for (;;) {
    // A token at i: a redirection, an assignment (before any word) or a word.
    const ts = i;
    let c = s.charCodeAt(i);
    let j = i;
    while (c >= 48 && c <= 57) c = s.charCodeAt(++j);
    if (c === 60 || c === 62) {
      const op = redirectOpAt(s, j);
      // Here-documents and process substitutions are the general path's.
      if (op === null || op === "<<" || op === "<<-") return null;
      let k = j + op.length;
      c = s.charCodeAt(k);
      while (c === 32 || c === 9) c = s.charCodeAt(++k);
      if (c === 35) return null; // `>#x`: a comment, the general path's error
      // A number before < or > would start a redirection of its own: the general path's error.
      let d = k;
      while (c >= 48 && c <= 57) c = s.charCodeAt(++d);
      if (d > k && (c === 60 || c === 62)) return null;
      const target = fastWord(s, k, len);
      if (target === null) return null;
      i = target.end;
      redirects = append(redirects, { pos: ts, end: i, line: p.lineAt(ts), fd: j > ts ? Number(s.slice(ts, j)) : null, fdVar: null, op, target, heredoc: null });
    } else if (words === null) {
      // The first word, unless an assignment: name=value goes to assigns; name+=, name[...]=
      // and a declaration command (whose arguments may be assignments) go the general way.
      let d = s.charCodeAt(i);
      const k = d < 128 && NAME_CODES[d] === 2 ? nameEnd(s, i) : i;
      d = s.charCodeAt(k);
      if (k > i && d === 61) {
        const value = k + 1 < len ? fastWord(s, k + 1, len) : null;
        const end = value === null ? k + 1 : value.end;
        // An empty value: the general path's unless a blank or the end follows (`a=(` is an array).
        if (value === null && end < len && (d = s.charCodeAt(end)) !== 32 && d !== 9 && d !== 10 && d !== 59) return null;
        assigns = append(assigns, {
          pos: i, end, name: s.slice(i, k), index: null, append: false,
          value: value === null ? { pos: k + 1, end, parts: EMPTY } : value, array: null,
        });
        i = end;
      } else {
        if (k > i && (d === 91 || d === 43)) return null;
        const word = fastWord(s, i, len);
        if (word === null) return null;
        i = word.end;
        for (let m = k; m < i; m++) if (s.charCodeAt(m) === 61) return null;
        const n = i - ts;
        if (n >= 5 && n <= 8) {
          const w = s.slice(ts, i);
          if (w === "declare" || w === "typeset" || w === "local" || w === "export" || w === "readonly") return null;
        }
        words = append(words, word);
      }
    } else {
      const word = fastWord(s, i, len);
      if (word === null) return null;
      i = word.end;
      words = append(words, word);
    }
    if (i >= len) break;
    c = s.charCodeAt(i);
    // Blanks (a continuation is not one here: `\` ends the scan below).
    const we = i;
    while (c === 32 || c === 9) c = ++i < len ? s.charCodeAt(i) : -1;
    if (c === -1 || c === 10 || c === 59 || c === 41) break;
    let andOrOp: "&&" | "||" | "" = "";
    if (c === 38) {
      // `&` alone: in the background; `&&` ends a pipeline of an and-or list; `&>` is not this path's.
      const c1 = s.charCodeAt(i + 1);
      if (c1 === 62) return null;
      if (c1 !== 38) {
        background = true;
        break;
      }
      andOrOp = "&&";
    } else if (c === 124) {
      const c1 = s.charCodeAt(i + 1);
      if (c1 === 38) return null;
      if (c1 === 124) andOrOp = "||";
      else {
        // `|`: the next command of a pipeline.
        const cmd = simple(p, cmdStart, i, assigns, words, redirects);
        if (cmd === null) return null;
        piped = append(piped, cmd);
        i++;
      }
    }
    if (andOrOp !== "") {
      const cur = pipeline(pipeStart, pipeLine, i, piped, simple(p, cmdStart, i, assigns, words, redirects));
      if (cur === null) return null;
      andOr = andOr === null ? cur : { type: "AndOr", pos: andOr.pos, end: i, line: andOr.line, op: andOp, left: andOr, right: cur };
      andOp = andOrOp;
      i += 2;
      piped = null;
    }
    if (andOrOp !== "" || c === 124) {
      // The next command, on this line and not a reserved word (else the general path's).
      c = s.charCodeAt(i);
      while (c === 32 || c === 9) c = s.charCodeAt(++i);
      if (c === 35 || reservedAt(s, i) !== "") return null;
      if (andOrOp !== "") pipeLine = p.lineAt((pipeStart = i));
      cmdStart = i;
      assigns = words = redirects = null;
      continue;
    }
    if (c === 35 && i > we) {
      // A comment: the command runs to the newline (or the end), which the general path's peek skips to.
      const nl = s.indexOf("\n", i);
      i = nl < 0 ? len : nl;
      break;
    }
    // Words are separated by blanks; a redirection may follow a word directly. Anything else
    // (`(`, `{`...) is the general path's, as is a next token that is not read here.
    if (i === we && c !== 60 && c !== 62) return null;
  }
  const cur = pipeline(pipeStart, pipeLine, i, piped, simple(p, cmdStart, i, assigns, words, redirects));
  if (cur === null) return null;
  p.pos = i;
  const command: Command = andOr === null ? cur : { type: "AndOr", pos: andOr.pos, end: i, line: andOr.line, op: andOp, left: andOr, right: cur };
  return { pos: start, end: i, command, background, line };
}

/** The pipeline ending at `end` whose last command is `last` (null: nothing read, the general path's error). */
function pipeline(pos: number, line: number, end: number, piped: Command[] | null, last: SimpleCommand | null): Command | null {
  if (last === null) return null;
  if (piped === null) return last;
  const commands = finish(append(piped, last));
  let pipeStderr: boolean[] | null = null;
  for (let k = 1; k < commands.length; k++) pipeStderr = append(pipeStderr, false);
  return { type: "Pipeline", pos, end, line, commands, pipeStderr: finish(pipeStderr), negate: false, time: "" };
}

/** The simple command made of what was read (null: nothing, the general path's syntax error). */
function simple(p: FastHost, pos: number, end: number, assigns: Assignment[] | null, words: Word[] | null, redirects: Redirect[] | null): SimpleCommand | null {
  if (assigns === null && words === null && redirects === null) return null;
  const a = finish(assigns);
  const w = finish(words);
  const r = finish(redirects);
  return { type: "Simple", pos, end, line: simpleCommandLine(p, a, w, r), assigns: a, words: w, redirects: r };
}

/** `$name`, `${name}` or `$` with one of 0-9 @ * # ? - $ ! at `i` (a `$`): its end; -1 for another `$` form; 0 for a literal `$`. */
function shortParamEnd(s: string, i: number): number {
  const n = s.charCodeAt(i + 1);
  if (n < 128 && NAME_CODES[n] === 2) return nameEnd(s, i + 1);
  if ((n >= 48 && n <= 57) || n === 64 || n === 42 || n === 35 || n === 63 || n === 45 || n === 36 || n === 33) return i + 2;
  if (n === 123) {
    // ${name}; any other ${...} is the general path's.
    const c = s.charCodeAt(i + 2);
    if (!(c < 128 && NAME_CODES[c] === 2)) return -1;
    const e = nameEnd(s, i + 2);
    return s.charCodeAt(e) === 125 ? e + 1 : -1;
  }
  // $( $[ $' $" and `$` before a quote inside "...": the general path's.
  if (n === 40 || n === 91 || n === 39 || n === 34) return -1;
  return 0;
}

/** The parameter part of `$name`, `$?`... or `${name}` from `i` to `end`. */
function shortParam(s: string, i: number, end: number): WordPart {
  if (s.charCodeAt(i + 1) === 123) return { type: "Param", pos: i, end, name: s.slice(i + 2, end - 1), index: null, indirect: false, op: null, short: false };
  return { type: "Param", pos: i, end, name: s.slice(i + 1, end), index: null, indirect: false, op: null, short: true };
}

/**
 * A word of plain text, '...', "..." (of text and parameters) and parameters
 * ($name, ${name}, $1, $?...), as readParts makes it; null for anything else. Its end is where it stops.
 */
function fastWord(s: string, ws: number, len: number): Word | null {
  let parts: WordPart[] | null = null;
  let i = ws;
  let litStart = ws;
  for (;;) {
    let c = 0;
    while (i < len) {
      c = s.charCodeAt(i);
      if (c < 128 && STOP[c] === 1) break;
      i++;
    }
    if (i >= len) break;
    if (c === 39) {
      const close = s.indexOf("'", i + 1);
      if (close < 0) return null;
      if (i > litStart) parts = append(parts, { type: "Literal", pos: litStart, end: i, value: s.slice(litStart, i) });
      parts = append(parts, { type: "SingleQuoted", pos: i, end: close + 1, value: s.slice(i + 1, close), ansiC: false });
      litStart = i = close + 1;
    } else if (c === 36) {
      const end = shortParamEnd(s, i);
      if (end < 0) return null;
      if (end === 0) {
        i++;
        continue;
      }
      if (i > litStart) parts = append(parts, { type: "Literal", pos: litStart, end: i, value: s.slice(litStart, i) });
      parts = append(parts, shortParam(s, i, end));
      litStart = i = end;
    } else if (c === 34) {
      const dq = fastDoubleQuoted(s, i, len);
      if (dq === null) return null;
      if (i > litStart) parts = append(parts, { type: "Literal", pos: litStart, end: i, value: s.slice(litStart, i) });
      parts = append(parts, dq);
      litStart = i = dq.end;
    } else break;
  }
  if (i === ws) return null;
  if (i > litStart) parts = append(parts, { type: "Literal", pos: litStart, end: i, value: s.slice(litStart, i) });
  return { pos: ws, end: i, parts: finish(parts) };
}

/** "..." at `q` holding text and parameters, as readDoubleQuoted makes it; null for anything else. */
function fastDoubleQuoted(s: string, q: number, len: number): WordPart | null {
  let parts: WordPart[] | null = null;
  let i = q + 1;
  let litStart = i;
  for (;;) {
    let c = 0;
    while (i < len) {
      c = s.charCodeAt(i);
      if (c === 34 || c === 92 || c === 36 || c === 96) break;
      i++;
    }
    if (i >= len || c !== 36) break;
    const end = shortParamEnd(s, i);
    if (end < 0) return null;
    if (end === 0) {
      i++;
      continue;
    }
    if (i > litStart) parts = append(parts, { type: "Literal", pos: litStart, end: i, value: s.slice(litStart, i) });
    parts = append(parts, shortParam(s, i, end));
    litStart = i = end;
  }
  // The end of the text, a backslash or a backquote: the general path's.
  if (i >= len || s.charCodeAt(i) !== 34) return null;
  if (i > litStart) parts = append(parts, { type: "Literal", pos: litStart, end: i, value: s.slice(litStart, i) });
  return { type: "DoubleQuoted", pos: q, end: i + 1, parts: finish(parts), locale: false };
}
