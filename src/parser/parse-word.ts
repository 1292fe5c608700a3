import type {
  ArithSource,
  BracePart,
  DoubleQuotedPart,
  ParamOp,
  ParamPart,
  StatementList,
  Word,
  WordPart,
} from "./ast.js";
import { ParseError } from "./errors.js";
import { isMeta, isNameChar, isNameStart, Scanner } from "./scanner.js";
import { decodeAnsiC } from "./ansi-c.js";
import { parseArithSource } from "./parse-arith.js";

/** How a word is read: what ends it and which expansions are recognised. */
export interface WordMode {
  /** Stop at unquoted metacharacters (space, ;, |, &, <, >, parentheses, newline). */
  meta: boolean;
  /** Extra characters that end the word when unquoted. */
  stop: string;
  /** Recognise {a,b} and {1..3}. */
  brace: boolean;
  /** Tilde prefixes: at word start, or also after unquoted `:` (assignment values). */
  tilde: "none" | "start" | "assign";
  /** Inside "...": single quotes are literal in ${x:-...} words. */
  inDquote: boolean;
  /** Track ( ) nesting so `)` inside parentheses does not end the word (arith, case items). */
  parens: boolean;
}

export const NORMAL: WordMode = { meta: true, stop: "", brace: true, tilde: "start", inDquote: false, parens: false };
const ASSIGN_VALUE: WordMode = { meta: true, stop: "", brace: false, tilde: "assign", inDquote: false, parens: false };

/**
 * Reads words and everything nested in them: quotes, parameter expansions,
 * command and arithmetic substitutions, brace and tilde forms.
 * Command parsing (for $(...)) is supplied by the subclass.
 */
export abstract class WordParser extends Scanner {
  /** Parses a statement list up to and including `)`. */
  protected abstract parseSubstBody(): StatementList;
  /** Parses the text of a backquote substitution (already unescaped). */
  protected abstract parseBackquoteBody(text: string, pos: number): StatementList;

  /** Reads one word in `mode`; returns null when no word characters are at the cursor. */
  readWord(mode: WordMode = NORMAL): Word | null {
    const start = this.pos;
    const parts = this.readParts(mode, true);
    if (this.pos === start) return null;
    return { pos: start, end: this.pos, parts };
  }

  /** Reads an assignment value (after `=`): no brace expansion, tildes after `:`. */
  readAssignValue(): Word {
    const start = this.pos;
    const parts = this.readParts(ASSIGN_VALUE, true);
    return { pos: start, end: this.pos, parts };
  }

  protected readParts(mode: WordMode, wordStart: boolean): WordPart[] {
    const parts: WordPart[] = [];
    const src = this.src;
    let lit = "";
    let litStart = this.pos;
    let parenDepth = 0;
    // (flush of `lit` is written out inline below: this is the hottest loop of the parser)
    let first = wordStart;
    let assignLike = false;
    for (;;) {
      if (this.pos >= src.length) break;
      const c = src[this.pos];
      if (mode.parens && (c === "(" || c === ")")) {
        if (c === "(") parenDepth++;
        else if (parenDepth === 0) break;
        else parenDepth--;
        lit += c;
        this.pos++;
        continue;
      }
      if (mode.meta && (c === "<" || c === ">") && src[this.pos + 1] === "(") {
        // <(list) and >(list): process substitution, part of the word.
        if (lit) { parts.push({ type: "Literal", pos: litStart, end: this.pos, value: lit }); lit = ""; }
        const start = this.pos;
        this.pos += 2;
        this.enterNesting();
        const body = this.parseSubstBody();
        this.leaveNesting();
        parts.push({ type: "ProcSubst", pos: start, end: this.pos, direction: c, body });
        litStart = this.pos;
        first = false;
        continue;
      }
      if (mode.meta && isMeta(c) && !(mode.parens && (c === "(" || c === ")" || c === " " || c === "\t" || c === "\n" || c === "<" || c === ">" || c === "&" || c === "|"))) {
        // Extglob: ?( *( +( @( !( keep the parenthesised pattern inside the word.
        if (c === "(" && lit.length > 0 && "?*+@!".includes(lit[lit.length - 1])) {
          lit += this.readBalancedParens();
          continue;
        }
        break;
      }
      if (mode.stop && mode.stop.includes(c) && parenDepth === 0) break;
      if (first && c === "~" && mode.tilde !== "none") {
        const t = this.tryTilde(mode);
        if (t) {
          if (lit) { parts.push({ type: "Literal", pos: litStart, end: this.pos, value: lit }); lit = ""; }
          parts.push(t);
          litStart = this.pos;
          first = false;
          continue;
        }
      }
      first = false;
      switch (c) {
        case "\\": {
          const n = src[this.pos + 1];
          if (n === "\n") {
            this.pos += 2;
            continue;
          }
          if (n === undefined) {
            lit += "\\";
            this.pos++;
            continue;
          }
          if (lit) { parts.push({ type: "Literal", pos: litStart, end: this.pos, value: lit }); lit = ""; }
          parts.push({ type: "Escaped", pos: this.pos, end: this.pos + 2, value: n });
          this.pos += 2;
          litStart = this.pos;
          continue;
        }
        case "'": {
          if (mode.inDquote) {
            lit += c;
            this.pos++;
            continue;
          }
          if (lit) { parts.push({ type: "Literal", pos: litStart, end: this.pos, value: lit }); lit = ""; }
          const s = this.pos;
          const close = src.indexOf("'", s + 1);
          if (close < 0) throw this.eofError("'", s);
          parts.push({ type: "SingleQuoted", pos: s, end: close + 1, value: src.slice(s + 1, close), ansiC: false });
          this.pos = close + 1;
          litStart = this.pos;
          continue;
        }
        case '"': {
          if (lit) { parts.push({ type: "Literal", pos: litStart, end: this.pos, value: lit }); lit = ""; }
          parts.push(this.readDoubleQuoted(false));
          litStart = this.pos;
          continue;
        }
        case "$": {
          const p = this.readDollar(mode.inDquote);
          if (p) {
            if (lit) { parts.push({ type: "Literal", pos: litStart, end: this.pos, value: lit }); lit = ""; }
            parts.push(p);
            litStart = this.pos;
          } else {
            lit += "$";
            this.pos++;
          }
          continue;
        }
        case "`": {
          if (lit) { parts.push({ type: "Literal", pos: litStart, end: this.pos, value: lit }); lit = ""; }
          parts.push(this.readBackquote(false));
          litStart = this.pos;
          continue;
        }
        case "{": {
          if (mode.brace) {
            const b = this.tryBrace(mode);
            if (b) {
              if (lit) { parts.push({ type: "Literal", pos: litStart, end: this.pos, value: lit }); lit = ""; }
              parts.push(b);
              litStart = this.pos;
              continue;
            }
          }
          lit += c;
          this.pos++;
          continue;
        }
        case ":":
        case "=": {
          // name=~/x (also as a command argument) and a:~/b expand the tilde, as bash does.
          if (c === "=" && mode.tilde === "start" && wordStart && parts.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(lit)) {
            assignLike = true;
          }
          lit += c;
          this.pos++;
          if ((mode.tilde === "assign" || assignLike) && src[this.pos] === "~") first = true;
          continue;
        }
        default:
          lit += c;
          this.pos++;
      }
    }
    if (lit) { parts.push({ type: "Literal", pos: litStart, end: this.pos, value: lit }); lit = ""; }
    return parts;
  }

  /** Reads `( ... )` balanced, as literal text (extglob groups). */
  private readBalancedParens(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === "\\") {
        this.pos += 2;
        continue;
      }
      if (c === "(") depth++;
      else if (c === ")") {
        depth--;
        if (depth === 0) {
          this.pos++;
          return this.src.slice(start, this.pos);
        }
      }
      this.pos++;
    }
    throw this.eofError(")");
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
    const itemMode: WordMode = { ...mode, stop: ",}", tilde: "none" };
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
    if (items.length >= 2) return { type: "Brace", pos: start, end: this.pos, items, seq: null };
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
    const parts: WordPart[] = [];
    const src = this.src;
    let lit = "";
    let litStart = this.pos;
    const flush = () => {
      if (lit) parts.push({ type: "Literal", pos: litStart, end: this.pos, value: lit });
      lit = "";
    };
    while (this.pos < src.length) {
      const c = src[this.pos];
      if (closer && c === closer) break;
      if (c === "\\") {
        const n = src[this.pos + 1];
        if (n === "\n") {
          this.pos += 2;
          continue;
        }
        if (n === "$" || n === "`" || n === "\\" || (n === '"' && closer === '"')) {
          flush();
          parts.push({ type: "Escaped", pos: this.pos, end: this.pos + 2, value: n });
          this.pos += 2;
          litStart = this.pos;
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if (c === "$") {
        const p = this.readDollar(true);
        if (p) {
          flush();
          parts.push(p);
          litStart = this.pos;
        } else {
          lit += "$";
          this.pos++;
        }
        continue;
      }
      if (c === "`") {
        flush();
        parts.push(this.readBackquote(true));
        litStart = this.pos;
        continue;
      }
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  /** A `$` form at the cursor, or null when the `$` is literal. */
  protected readDollar(inDquote: boolean): WordPart | null {
    const src = this.src;
    const start = this.pos;
    const c = src[this.pos + 1];
    if (c === "(") {
      if (src[this.pos + 2] === "(") {
        const a = this.tryArith(start, 3, "))");
        if (a) return a;
      }
      this.pos += 2;
      this.enterNesting();
      let body: StatementList;
      try {
        body = this.parseSubstBody();
      } catch (e) {
        // bash reads `$((` as arithmetic first: running out of input there is reported on the last line.
        if (e instanceof ParseError && e.incomplete && src[start + 2] === "(") throw this.eofError(")");
        throw e;
      }
      this.leaveNesting();
      return { type: "CommandSubst", pos: start, end: this.pos, body, backquote: false };
    }
    if (c === "[") {
      const a = this.tryArith(start, 2, "]");
      if (a) return a;
      return null;
    }
    if (c === "{") {
      this.enterNesting();
      try {
        return this.readBraceParam(inDquote);
      } finally {
        this.leaveNesting();
      }
    }
    if (c === "'" && !inDquote) {
      const { value: raw, end } = decodeAnsiC(src, this.pos + 2);
      if (end < 0) throw this.eofError("'", this.pos);
      this.pos = end;
      // bash's strings are C strings: a NUL byte ends the value.
      const nul = raw.indexOf("\0");
      const value = nul < 0 ? raw : raw.slice(0, nul);
      return { type: "SingleQuoted", pos: start, end, value, ansiC: true };
    }
    if (c === '"' && !inDquote) {
      this.pos++;
      const dq = this.readDoubleQuoted(true);
      dq.pos = start;
      return dq;
    }
    if (c !== undefined && isNameStart(c)) {
      let i = this.pos + 2;
      while (i < src.length && isNameChar(src[i])) i++;
      const name = src.slice(this.pos + 1, i);
      this.pos = i;
      return this.param(start, name, null, false, null, true);
    }
    if (c !== undefined && ((c >= "0" && c <= "9") || "@*#?-$!".includes(c))) {
      this.pos += 2;
      return this.param(start, c, null, false, null, true);
    }
    return null;
  }

  private param(pos: number, name: string, index: Word | null, indirect: boolean, op: ParamOp | null, short: boolean): ParamPart {
    return { type: "Param", pos, end: this.pos, name, index, indirect, op, short };
  }

  /** $(( ... )) or $[ ... ]: returns null when the parentheses do not close as arithmetic. */
  private tryArith(start: number, open: number, closer: string): WordPart | null {
    const save = this.pos;
    this.pos = start + open;
    const innerStart = this.pos;
    const mode: WordMode = { meta: false, stop: closer === "]" ? "]" : ")", brace: false, tilde: "none", inDquote: true, parens: true };
    let parts: WordPart[];
    try {
      parts = this.readParts(mode, false);
    } catch (e) {
      if (e instanceof ParseError && closer === "))") {
        this.pos = save;
        return null;
      }
      throw e;
    }
    if (!this.startsWith(closer)) {
      if (this.atEnd()) throw this.eofError(")");
      this.pos = save;
      return null;
    }
    const text = this.src.slice(innerStart, this.pos);
    this.pos += closer.length;
    const word: Word = { pos: innerStart, end: innerStart + text.length, parts };
    return { type: "ArithSubst", pos: start, end: this.pos, expr: parseArithSource(text, word) };
  }

  /** Arithmetic text inside (( )) or for (( ; ; )): reads to `stop` (at paren depth 0). */
  readArithUntil(stop: string): ArithSource {
    const innerStart = this.pos;
    const mode: WordMode = { meta: false, stop, brace: false, tilde: "none", inDquote: true, parens: true };
    const parts = this.readParts(mode, false);
    const text = this.src.slice(innerStart, this.pos);
    return parseArithSource(text, { pos: innerStart, end: this.pos, parts });
  }

  /** `...` (cursor on the backquote). */
  protected readBackquote(inDquote: boolean): WordPart {
    const start = this.pos;
    let i = this.pos + 1;
    let text = "";
    const src = this.src;
    for (;;) {
      if (i >= src.length) throw this.eofError("`", start);
      const c = src[i];
      if (c === "`") break;
      if (c === "\\") {
        const n = src[i + 1];
        if (n === "$" || n === "`" || n === "\\" || (inDquote && n === '"')) {
          text += n;
          i += 2;
          continue;
        }
        if (n === "\n") {
          i += 2;
          continue;
        }
      }
      text += c;
      i++;
    }
    this.pos = i + 1;
    this.enterNesting();
    const body = this.parseBackquoteBody(text, start + 1);
    this.leaveNesting();
    return { type: "CommandSubst", pos: start, end: this.pos, body, backquote: true };
  }

  /** ${ ... } (cursor on the `$`). */
  private readBraceParam(inDquote: boolean): ParamPart {
    const start = this.pos;
    const src = this.src;
    this.pos += 2;
    let indirect = false;
    let lengthOp = false;
    // ${#...} is length unless it is ${#} or ${#op...} meaning the parameter `#`.
    const n1 = src[this.pos + 1] ?? "";
    const isTarget = (ch: string) => isNameStart(ch) || (ch >= "0" && ch <= "9");
    if (src[this.pos] === "#" && n1 !== "}" && (isTarget(n1) || ("@*#?-$!".includes(n1) && src[this.pos + 2] === "}"))) {
      lengthOp = true;
      this.pos++;
    } else if (src[this.pos] === "!" && n1 !== "}" && (isTarget(n1) || "@*#?-$".includes(n1))) {
      indirect = true;
      this.pos++;
    }
    const name = this.readParamName();
    if (name === "") return this.badSubst(start);
    let index: Word | null = null;
    if (src[this.pos] === "[" && isNameStart(name[0])) {
      this.pos++;
      const s = this.pos;
      const parts = this.readParts({ meta: false, stop: "]", brace: false, tilde: "none", inDquote: true, parens: false }, false);
      if (src[this.pos] !== "]") return this.badSubst(start);
      index = { pos: s, end: this.pos, parts };
      this.pos++;
    }
    if (lengthOp) {
      if (src[this.pos] !== "}") return this.badSubst(start);
      this.pos++;
      return this.param(start, name, index, false, { kind: "length" }, false);
    }
    if (indirect && src[this.pos] === "}" ) {
      // ${!name[@]} lists keys; ${!prefix*} / ${!prefix@} list names.
      if (index && index.parts.length === 1 && index.parts[0].type === "Literal" && (index.parts[0].value === "@" || index.parts[0].value === "*")) {
        this.pos++;
        return this.param(start, name, null, false, { kind: "keys", star: index.parts[0].value === "*" }, false);
      }
    }
    if (indirect && (src[this.pos] === "*" || src[this.pos] === "@") && src[this.pos + 1] === "}") {
      const star = src[this.pos] === "*";
      this.pos += 2;
      return this.param(start, name, null, false, { kind: "prefixNames", star }, false);
    }
    const op = this.readParamOp(start, inDquote);
    if (op === null) {
      this.pos++; // the closing brace
      return this.param(start, name, index, indirect, null, false);
    }
    if (op.kind === "bad") return this.param(start, name, index, indirect, op, false);
    if (src[this.pos] !== "}") throw this.eofError("}");
    this.pos++;
    return this.param(start, name, index, indirect, op, false);
  }

  private readParamName(): string {
    const src = this.src;
    const c = src[this.pos];
    if (c === undefined) throw this.eofError("}");
    if (isNameStart(c)) {
      let i = this.pos + 1;
      while (i < src.length && isNameChar(src[i])) i++;
      const n = src.slice(this.pos, i);
      this.pos = i;
      return n;
    }
    if (c >= "0" && c <= "9") {
      let i = this.pos + 1;
      while (i < src.length && src[i] >= "0" && src[i] <= "9") i++;
      const n = src.slice(this.pos, i);
      this.pos = i;
      return n;
    }
    if ("@*#?-$!".includes(c)) {
      this.pos++;
      return c;
    }
    return "";
  }

  /** Skips to the matching `}` and records a bad substitution (reported when expanded). */
  private badSubst(start: number): ParamPart {
    let depth = 1;
    const src = this.src;
    let i = start + 2;
    while (i < src.length) {
      const c = src[i];
      if (c === "\\") i++;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
      i++;
    }
    if (i >= src.length) throw this.eofError("}");
    this.pos = i + 1;
    return this.param(start, "", null, false, { kind: "bad", text: src.slice(start, this.pos) }, false);
  }

  /** The operator after a parameter name, or null for a plain `}` (cursor left on it). */
  private readParamOp(start: number, inDquote: boolean): ParamOp | null {
    const src = this.src;
    const c = src[this.pos];
    const wordMode: WordMode = { meta: false, stop: "}", brace: false, tilde: "start", inDquote, parens: false };
    const patMode: WordMode = { meta: false, stop: "}", brace: false, tilde: "none", inDquote: false, parens: false };
    const word = (mode: WordMode): Word => {
      const s = this.pos;
      const parts = this.readParts(mode, true);
      if (this.atEnd()) throw this.eofError("}");
      return { pos: s, end: this.pos, parts };
    };
    switch (c) {
      case "}":
        return null;
      case undefined:
        throw this.eofError("}");
      case ":": {
        const n = src[this.pos + 1];
        if (n === "-" || n === "=" || n === "?" || n === "+") {
          this.pos += 2;
          const kind = n === "-" ? "default" : n === "=" ? "assign" : n === "?" ? "error" : "alt";
          return { kind, colon: true, word: word(wordMode) };
        }
        this.pos++;
        const offset = word({ meta: false, stop: ":}", brace: false, tilde: "none", inDquote: true, parens: false });
        let length: Word | null = null;
        if (src[this.pos] === ":") {
          this.pos++;
          length = word({ meta: false, stop: "}", brace: false, tilde: "none", inDquote: true, parens: false });
        }
        return { kind: "substring", offset, length };
      }
      case "-":
      case "=":
      case "?":
      case "+": {
        this.pos++;
        const kind = c === "-" ? "default" : c === "=" ? "assign" : c === "?" ? "error" : "alt";
        return { kind, colon: false, word: word(wordMode) };
      }
      case "#":
      case "%": {
        const longest = src[this.pos + 1] === c;
        this.pos += longest ? 2 : 1;
        return { kind: c === "#" ? "removePrefix" : "removeSuffix", longest, pattern: word(patMode) };
      }
      case "/": {
        this.pos++;
        let all = false;
        let anchor: "#" | "%" | null = null;
        if (src[this.pos] === "/") {
          all = true;
          this.pos++;
        } else if (src[this.pos] === "#" || src[this.pos] === "%") {
          anchor = src[this.pos] as "#" | "%";
          this.pos++;
        }
        const pattern = word({ ...patMode, stop: "/}" });
        let replacement: Word | null = null;
        if (src[this.pos] === "/") {
          this.pos++;
          replacement = word({ ...wordMode, tilde: "none" });
        }
        return { kind: "replace", all, anchor, pattern, replacement };
      }
      case "^":
      case ",":
      case "~": {
        const all = src[this.pos + 1] === c;
        this.pos += all ? 2 : 1;
        const pattern = word(patMode);
        const op: ParamOp = { kind: "case", upper: c === "^", all, pattern: pattern.parts.length ? pattern : null };
        if (c === "~") op.toggle = true;
        return op;
      }
      case "@": {
        const t = src[this.pos + 1];
        if (t && "QEPAaUuLKk".includes(t) && src[this.pos + 2] === "}") {
          this.pos += 2;
          return { kind: "transform", op: t };
        }
        return this.badOp(start);
      }
      default:
        return this.badOp(start);
    }
  }

  private badOp(start: number): ParamOp {
    const p = this.badSubst(start);
    return p.op!;
  }
}
