import type {
  BracePart,
  DoubleQuotedPart,
  StatementList,
  Word,
  WordPart,
} from "./ast.js";
import { ParseError } from "./errors.js";
import * as scanner from "./scanner.js";
import { ParamParser } from "./parse-param.js";
import { type WordMode, wordMode } from "./word-mode.js";

// Bound once at load: where modules are compiled one by one (tsx, vitest), every use of an imported
// name is a getter call on the module object, which cost about a tenth of the parse time.
const { append, finish, fit, isMeta, isName, META_CODES, isNameAt, isNameChar, isNameStart } = scanner;

export type { WordMode } from "./word-mode.js";

export const NORMAL: WordMode = wordMode({ meta: true, stop: "", brace: true, tilde: "start", inDquote: false, parens: false });
const NORMAL_CODES = NORMAL.codes;
const ASSIGN_VALUE: WordMode = wordMode({ meta: true, stop: "", brace: false, tilde: "assign", inDquote: false, parens: false });
/** Subscripts: `a[...]=`, `${a[...]}`, `([k]=v)`. */
export const SUBSCRIPT: WordMode = wordMode({ meta: false, stop: "]", brace: false, tilde: "none", inDquote: false, parens: false });
/** Inside an extglob group `@( ... )`: blanks and `|` are the pattern's, quotes and expansions work, to the matching `)`. */
const EXTGLOB_GROUP: WordMode = wordMode({ meta: false, stop: "", brace: false, tilde: "none", inDquote: false, parens: true });

/** Brace items: a word's mode ending at `,` and `}`, without tildes. */
const braceItemModes = new WeakMap<WordMode, WordMode>();
function braceItemMode(mode: WordMode): WordMode {
  let m = braceItemModes.get(mode);
  if (!m) {
    m = wordMode({ ...mode, stop: ",}", tilde: "none" });
    braceItemModes.set(mode, m);
  }
  return m;
}

/**
 * Reads words and everything nested in them: quotes, parameter expansions,
 * command and arithmetic substitutions, brace and tilde forms.
 * Command parsing (for $(...)) is supplied by the subclass.
 */
export abstract class WordParser extends ParamParser {
  /**
   * bash's extglob at parse time: off, `@(` and kin end the word and `(` is a
   * syntax error, as in bash (whose default is off); [[ ]] always allows them.
   */
  declare extglob: boolean;
  /** `(` left open by the last word read in a mode with parens (a regex after =~ that meets the end). */
  declare openParens: number;
  /** Where the outermost of those `(` is (bash reports the end of input on its line). */
  declare openParenAt: number;

  // Assigned, not class fields (see Scanner).
  constructor(src: string, firstLine?: number) {
    super(src, firstLine);
    this.extglob = true;
    this.openParens = 0;
    this.openParenAt = 0;
  }

  /** Parses a statement list up to and including `)`. */
  protected abstract parseSubstBody(): StatementList;
  /** Parses the text of a backquote substitution (already unescaped). */
  protected abstract parseBackquoteBody(text: string, pos: number): StatementList;
  protected abstract parseBackquoteLines(text: string, pos: number): StatementList;

  /** Reads one word in `mode`; returns null when no word characters are at the cursor. */
  readWord(mode: WordMode = NORMAL): Word | null {
    const start = this.pos;
    if (mode === NORMAL) {
      const w = this.plainWord(start);
      if (w !== null) return w;
    }
    const parts = this.readParts(mode, true);
    if (this.pos === start) return null;
    return { pos: start, end: this.pos, parts };
  }

  /**
   * The commonest word, plain characters up to a metacharacter or the end, read without
   * readParts' set-up; null (cursor unmoved) for any other word. What readParts would make.
   */
  private plainWord(start: number): Word | null {
    const src = this.src;
    const len = src.length;
    const special = NORMAL_CODES;
    let p = start;
    while (p < len) {
      const code = src.charCodeAt(p);
      if (code < 128 && special[code] === 1) break;
      p++;
    }
    if (p === start) return null;
    if (p < len) {
      // Only a metacharacter ends it, and not `(` (extglob) nor `<(` / `>(` (process substitution).
      const code = src.charCodeAt(p);
      if (META_CODES[code] !== 1 || code === 40 || ((code === 60 || code === 62) && src.charCodeAt(p + 1) === 40)) return null;
    }
    this.pos = p;
    return { pos: start, end: p, parts: [{ type: "Literal", pos: start, end: p, value: src.slice(start, p) }] };
  }

  /** Reads an assignment value (after `=`): no brace expansion, tildes after `:`. */
  readAssignValue(): Word {
    const start = this.pos;
    const parts = this.readParts(ASSIGN_VALUE, true);
    return { pos: start, end: this.pos, parts };
  }

  protected readParts(mode: WordMode, wordStart: boolean): WordPart[] {
    // Made on the first part, at size one: most words have one part (see append).
    let parts: WordPart[] | null = null;
    const src = this.src;
    const len = src.length;
    const special = mode.codes;
    // The literal being read is `pending` + src[run, pos): no per-character concatenation.
    // `pending` holds earlier runs when a line continuation splits the text.
    let pending = "";
    let run = this.pos;
    let litStart = this.pos;
    let parenDepth = 0;
    let first = wordStart;
    let assignLike = false;
    for (;;) {
      // Plain characters (the switch's default below) need no decision: skip them in one go.
      let p = this.pos;
      while (p < len) {
        const code = src.charCodeAt(p);
        if (code < 128 && special[code] === 1) break;
        p++;
      }
      if (p !== this.pos) {
        this.pos = p;
        first = false;
      }
      if (p >= len) break;
      const code = src.charCodeAt(p);
      // The usual end of a word: a metacharacter other than `(` (extglob) and `<(`/`>(`.
      if (mode.meta && !mode.parens && META_CODES[code] === 1 && code !== 40 && !((code === 60 || code === 62) && src.charCodeAt(p + 1) === 40)) break;
      const c = src[p];
      if (mode.parens && (c === "(" || c === ")")) {
        if (c === "(") {
          if (parenDepth++ === 0) this.openParenAt = p;
        } else if (parenDepth === 0) break;
        else parenDepth--;
        this.pos++;
        continue;
      }
      if (mode.meta && (c === "<" || c === ">") && src[this.pos + 1] === "(") {
        // <(list) and >(list): process substitution, part of the word.
        if (pending || this.pos > run) { parts = append(parts, { type: "Literal", pos: litStart, end: this.pos, value: pending + src.slice(run, this.pos) }); pending = ""; }
        const start = this.pos;
        this.pos += 2;
        this.enterNesting();
        const body = this.parseSubstBody();
        this.leaveNesting();
        parts = append(parts, { type: "ProcSubst", pos: start, end: this.pos, direction: c, body });
        litStart = run = this.pos;
        first = false;
        continue;
      }
      if (mode.meta && code < 128 && META_CODES[code] === 1 && !(mode.parens && (c === "(" || c === ")" || c === " " || c === "\t" || c === "\n" || c === "<" || c === ">" || c === "&" || c === "|"))) {
        // Extglob: ?( *( +( @( !( keep the parenthesised pattern inside the word.
        if (c === "(") {
          const last = this.pos > run ? src[this.pos - 1] : pending ? pending[pending.length - 1] : "";
          if (last !== "" && "?*+@!".includes(last) && this.extglob) {
            // The group's text is a word of its own (quotes in it quote); `(` and `)` stay literal.
            this.pos++;
            parts = append(parts, { type: "Literal", pos: litStart, end: this.pos, value: pending + src.slice(run, this.pos) });
            pending = "";
            const inner = this.readParts(EXTGLOB_GROUP, false);
            if (src[this.pos] !== ")") throw this.eofError(")");
            for (const part of inner) parts = append(parts, part);
            litStart = run = this.pos;
            this.pos++;
            continue;
          }
        }
        break;
      }
      if (mode.stop && mode.stop.includes(c) && parenDepth === 0) break;
      if (first && c === "~" && mode.tilde !== "none") {
        const t = this.tryTilde(mode);
        if (t) {
          if (pending || t.pos > run) { parts = append(parts, { type: "Literal", pos: litStart, end: t.pos, value: pending + src.slice(run, t.pos) }); pending = ""; }
          parts = append(parts, t);
          litStart = run = this.pos;
          first = false;
          continue;
        }
      }
      first = false;
      switch (c) {
        case "\\": {
          const n = src[this.pos + 1];
          if (n === "\n") {
            pending += src.slice(run, this.pos);
            this.pos += 2;
            run = this.pos;
            continue;
          }
          if (n === undefined) {
            this.pos++;
            continue;
          }
          // As between double quotes (arithmetic, subscripts, "${x:-w}"): a backslash quotes only
          // $ ` " \ and the closer; before anything else it is kept, so $(( \1 )) is an error.
          if (mode.inDquote && n !== "$" && n !== "`" && n !== '"' && n !== "\\" && !mode.stop.includes(n)) {
            this.pos += 2;
            continue;
          }
          if (pending || this.pos > run) { parts = append(parts, { type: "Literal", pos: litStart, end: this.pos, value: pending + src.slice(run, this.pos) }); pending = ""; }
          parts = append(parts, { type: "Escaped", pos: this.pos, end: this.pos + 2, value: n });
          this.pos += 2;
          litStart = run = this.pos;
          continue;
        }
        case "'": {
          if (mode.inDquote && !mode.squote) {
            this.pos++;
            continue;
          }
          if (pending || this.pos > run) { parts = append(parts, { type: "Literal", pos: litStart, end: this.pos, value: pending + src.slice(run, this.pos) }); pending = ""; }
          const s = this.pos;
          const close = src.indexOf("'", s + 1);
          if (close < 0) throw this.eofError("'", s);
          parts = append(parts, { type: "SingleQuoted", pos: s, end: close + 1, value: src.slice(s + 1, close), ansiC: false });
          this.pos = close + 1;
          litStart = run = this.pos;
          continue;
        }
        case '"': {
          if (pending || this.pos > run) { parts = append(parts, { type: "Literal", pos: litStart, end: this.pos, value: pending + src.slice(run, this.pos) }); pending = ""; }
          parts = append(parts, this.readDoubleQuoted(false));
          litStart = run = this.pos;
          continue;
        }
        case "$": {
          const at = this.pos;
          const dp = this.readDollar(mode.inDquote && !(mode.extquote && (src[this.pos + 1] === "'" || src[this.pos + 1] === '"')));
          if (dp) {
            if (pending || at > run) { parts = append(parts, { type: "Literal", pos: litStart, end: at, value: pending + src.slice(run, at) }); pending = ""; }
            parts = append(parts, dp);
            litStart = run = this.pos;
          } else {
            this.pos++;
          }
          continue;
        }
        case "`": {
          if (pending || this.pos > run) { parts = append(parts, { type: "Literal", pos: litStart, end: this.pos, value: pending + src.slice(run, this.pos) }); pending = ""; }
          parts = append(parts, this.readBackquote(false));
          litStart = run = this.pos;
          continue;
        }
        case "{": {
          if (mode.brace) {
            const at = this.pos;
            const b = this.tryBrace(mode);
            if (b) {
              if (pending || at > run) { parts = append(parts, { type: "Literal", pos: litStart, end: at, value: pending + src.slice(run, at) }); pending = ""; }
              parts = append(parts, b);
              litStart = run = this.pos;
              continue;
            }
          }
          this.pos++;
          continue;
        }
        case ":":
        case "=": {
          // name=~/x (also as a command argument) and a:~/b expand the tilde, as bash does.
          if (c === "=" && mode.tilde === "start" && wordStart && parts === null && (pending ? isName(pending + src.slice(run, this.pos)) : isNameAt(src, run, this.pos))) {
            assignLike = true;
          }
          this.pos++;
          if ((mode.tilde === "assign" || assignLike) && src[this.pos] === "~") first = true;
          continue;
        }
        default:
          this.pos++;
      }
    }
    if (pending || this.pos > run) {
      const lit: WordPart = { type: "Literal", pos: litStart, end: this.pos, value: pending + src.slice(run, this.pos) };
      // Most words are one literal: an array of exactly one, without a copy.
      parts = append(parts, lit);
    }
    if (mode.parens) this.openParens = parenDepth;
    return finish(parts);
  }

  private tryTilde(mode: WordMode): WordPart | null {
    const s = this.pos;
    let i = s + 1;
    const src = this.src;
    while (i < src.length) {
      const c = src[i];
      if (c === "/" || (mode.meta && isMeta(c)) || (mode.tilde === "assign" && c === ":") || (mode.stop && mode.stop.includes(c))) break;
      if (c === "\\" || c === "'" || c === '"' || c === "$" || c === "`" || c === "{" || c === "*" || c === "?" || c === "[") return null;
      i++;
    }
    const user = src.slice(s + 1, i);
    this.pos = i;
    return { type: "Tilde", pos: s, end: i, user };
  }

  /** Tries {a,b} / {x..y[..n]} at the cursor; restores the cursor and returns null if it is not one. */
  private tryBrace(mode: WordMode): BracePart | null {
    const start = this.pos;
    this.pos++;
    const itemMode = braceItemMode(mode);
    const items: Word[] = [];
    try {
      for (;;) {
        const s = this.pos;
        const parts = this.readParts(itemMode, false);
        items.push({ pos: s, end: this.pos, parts });
        const c = this.src[this.pos];
        if (c === ",") {
          this.pos++;
          continue;
        }
        if (c === "}") {
          this.pos++;
          break;
        }
        this.pos = start;
        return null;
      }
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      this.pos = start;
      return null;
    }
    if (items.length >= 2) return { type: "Brace", pos: start, end: this.pos, items: fit(items), seq: null };
    const only = items[0];
    if (only.parts.length === 1 && only.parts[0].type === "Literal") {
      const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(only.parts[0].value);
      if (m && (/\d/.test(m[1]) === /\d/.test(m[2]))) {
        return { type: "Brace", pos: start, end: this.pos, items: null, seq: { from: m[1], to: m[2], step: m[3] ?? null } };
      }
    }
    this.pos = start;
    return null;
  }

  /** "..." (cursor on the opening quote). */
  protected readDoubleQuoted(locale: boolean): DoubleQuotedPart {
    const start = this.pos;
    this.pos++;
    const parts = this.readDquoteParts('"');
    if (this.src[this.pos] !== '"') throw this.eofError('"', start);
    this.pos++;
    return { type: "DoubleQuoted", pos: start, end: this.pos, parts, locale };
  }

  /**
   * Parts of double-quoted text up to `closer` (or to the end of input for a here-document
   * body, closer ""). Backslash escapes only $ ` " \ and newline (and `"` only when closer is `"`).
   */
  readDquoteParts(closer: string): WordPart[] {
    let parts: WordPart[] | null = null;
    const src = this.src;
    const len = src.length;
    const close = closer === "" ? -1 : closer.charCodeAt(0);
    // The literal being read is `lit` + src[run, pos): slices, not one concatenation per character.
    let lit = "";
    let run = this.pos;
    let litStart = this.pos;
    for (;;) {
      let p = this.pos;
      for (; p < len; p++) {
        const c = src.charCodeAt(p);
        if (c === close || c === 92 || c === 36 || c === 96) break; // closer \ $ `
      }
      this.pos = p;
      if (p >= len) break;
      const c = src.charCodeAt(p);
      if (c === close) break;
      if (c === 92) {
        const n = src.charCodeAt(p + 1);
        if (n === 10) {
          lit += src.slice(run, p);
          this.pos = run = p + 2;
          continue;
        }
        if (n === 36 || n === 96 || n === 92 || (n === 34 && close === 34)) {
          if (lit || p > run) parts = append(parts, { type: "Literal", pos: litStart, end: p, value: lit + src.slice(run, p) });
          lit = "";
          parts = append(parts, { type: "Escaped", pos: p, end: p + 2, value: src[p + 1] });
          this.pos = litStart = run = p + 2;
          continue;
        }
        this.pos = p + 1;
        continue;
      }
      if (c === 36) {
        const d = this.readDollar(true);
        if (d) {
          if (lit || p > run) parts = append(parts, { type: "Literal", pos: litStart, end: p, value: lit + src.slice(run, p) });
          lit = "";
          parts = append(parts, d);
          litStart = run = this.pos;
        } else {
          this.pos = p + 1;
        }
        continue;
      }
      // `
      if (lit || p > run) parts = append(parts, { type: "Literal", pos: litStart, end: p, value: lit + src.slice(run, p) });
      lit = "";
      parts = append(parts, this.readBackquote(true));
      litStart = run = this.pos;
    }
    if (lit || this.pos > run) {
      parts = append(parts, { type: "Literal", pos: litStart, end: this.pos, value: lit + src.slice(run, this.pos) });
    }
    return finish(parts);
  }

  /** A `$` form at the cursor, or null when the `$` is literal (parse-subst.ts). */
  protected abstract readDollar(inDquote: boolean): WordPart | null;

  /** A backquote substitution at the cursor (parse-subst.ts). */
  protected abstract readBackquote(inDquote: boolean): WordPart;
}
