import type { ParamOp, ParamPart, Word, WordPart } from "./ast.js";
import * as scanner from "./scanner.js";
import { Scanner } from "./scanner.js";
import { type WordMode, wordMode } from "./word-mode.js";

// Bound once at load: where modules are compiled one by one (tsx, vitest), every use of an imported
// name is a getter call on the module object, which cost about a tenth of the parse time.
const { isNameChar, isNameStart } = scanner;

/** A character that can start the name after `#` or `!` in ${#x} / ${!x}. */
function isParamTarget(ch: string): boolean {
  return isNameStart(ch) || (ch >= "0" && ch <= "9");
}

// Modes for the words inside ${...} (literal, not derived from parse-word's, to keep the import type-only).
const SUBSCRIPT_DQ: WordMode = wordMode({ meta: false, stop: "]", brace: false, tilde: "none", inDquote: true, parens: false });
const PARAM_WORD: WordMode = wordMode({ meta: false, stop: "}", brace: false, tilde: "start", inDquote: false, parens: false });
const PARAM_WORD_DQ: WordMode = wordMode({ ...PARAM_WORD, inDquote: true, extquote: true });
const PARAM_REPL: WordMode = wordMode({ ...PARAM_WORD, tilde: "none" });
const PARAM_REPL_DQ: WordMode = wordMode({ ...PARAM_WORD_DQ, tilde: "none", squote: true });
const PARAM_PATTERN: WordMode = wordMode({ meta: false, stop: "}", brace: false, tilde: "none", inDquote: false, parens: false });
const PARAM_REPL_PATTERN: WordMode = wordMode({ ...PARAM_PATTERN, stop: "/}" });
const PARAM_OFFSET: WordMode = wordMode({ meta: false, stop: ":}", brace: false, tilde: "none", inDquote: true, parens: false });
const PARAM_LENGTH: WordMode = wordMode({ ...PARAM_OFFSET, stop: "}" });

/**
 * `${...}`: names, subscripts, every operator and transform, and bash's "bad
 * substitution" (kept for run time). The words inside are read by WordParser.
 */
export abstract class ParamParser extends Scanner {
  /** Reads word parts in `mode` (WordParser). */
  protected abstract readParts(mode: WordMode, wordStart: boolean): WordPart[];

  protected param(pos: number, name: string, index: Word | null, indirect: boolean, op: ParamOp | null, short: boolean): ParamPart {
    return { type: "Param", pos, end: this.pos, name, index, indirect, op, short };
  }

  /** ${ ... } (cursor on the `$`). */
  protected readBraceParam(inDquote: boolean): ParamPart {
    const start = this.pos;
    const src = this.src;
    this.pos += 2;
    let indirect = false;
    let lengthOp = false;
    // ${#...} is length unless it is ${#} or ${#op...} meaning the parameter `#`.
    const n1 = src[this.pos + 1] ?? "";
    if (src[this.pos] === "#" && n1 !== "}" && (isParamTarget(n1) || ("@*#?-$!".includes(n1) && src[this.pos + 2] === "}"))) {
      lengthOp = true;
      this.pos++;
    } else if (src[this.pos] === "!" && n1 !== "}" && (isParamTarget(n1) || "@*#?-$".includes(n1))) {
      indirect = true;
      this.pos++;
    }
    const name = this.readParamName();
    if (name === "") return this.badSubst(start);
    let index: Word | null = null;
    if (src[this.pos] === "[" && isNameStart(name[0])) {
      this.pos++;
      const s = this.pos;
      const parts = this.readParts(SUBSCRIPT_DQ, false);
      if (src[this.pos] !== "]" || parts.length === 0) return this.badSubst(start);
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
    if (src[this.pos] !== "}") throw this.eofError("}", start);
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

  /** The index of the `"` closing the one at `open` (backslash escapes skipped), or -1. */
  private closingDquote(open: number): number {
    const src = this.src;
    for (let i = open + 1; i < src.length; i++) {
      if (src[i] === "\\") i++;
      else if (src[i] === '"') return i;
    }
    return -1;
  }

  /** Skips to the matching `}` and records a bad substitution (reported when expanded). */
  private badSubst(start: number): ParamPart {
    let depth = 1;
    const src = this.src;
    let i = start + 2;
    while (i < src.length) {
      const c = src[i];
      if (c === "\\") i++;
      else if (c === "'" || c === '"') {
        // Quotes still pair up inside a bad ${...}: an open one is what bash reports.
        const close = c === "'" ? src.indexOf("'", i + 1) : this.closingDquote(i);
        if (close < 0) {
          this.pos = src.length;
          throw this.eofError(c, i);
        }
        i = close;
      } else if (c === "`") {
        // So do backquotes.
        let close = i + 1;
        while (close < src.length && src[close] !== "`") close += src[close] === "\\" ? 2 : 1;
        if (close >= src.length) {
          this.pos = src.length;
          throw this.eofError("`", i);
        }
        i = close;
      } else if (c === "$" && src[i + 1] === "{") {
        // Only a nested ${ nests: bash closes ${ at the first } (P_FIRSTCLOSE), plain { do not count.
        depth++;
        i++;
      } else if (c === "}" && --depth === 0) break;
      i++;
    }
    if (i >= src.length) throw this.eofError("}", start);
    this.pos = i + 1;
    return this.param(start, "", null, false, { kind: "bad", text: src.slice(start, this.pos) }, false);
  }

  /** A word inside ${...} opened at `start` (a method, not a closure: readParamOp runs for every operator). */
  private opWord(start: number, mode: WordMode): Word {
    const s = this.pos;
    const parts = this.readParts(mode, true);
    if (this.atEnd()) throw this.eofError("}", start);
    return { pos: s, end: this.pos, parts };
  }

  /** The operator after a parameter name, or null for a plain `}` (cursor left on it). */
  private readParamOp(start: number, inDquote: boolean): ParamOp | null {
    const src = this.src;
    const c = src[this.pos];
    const valueMode = inDquote ? PARAM_WORD_DQ : PARAM_WORD;
    const patMode = PARAM_PATTERN;
    switch (c) {
      case "}":
        return null;
      case undefined:
        throw this.eofError("}", start);
      case ":": {
        const n = src[this.pos + 1];
        if (n === "-" || n === "=" || n === "?" || n === "+") {
          this.pos += 2;
          const kind = n === "-" ? "default" : n === "=" ? "assign" : n === "?" ? "error" : "alt";
          return { kind, colon: true, word: this.opWord(start, valueMode) };
        }
        this.pos++;
        // ${x:} is a bad substitution (an empty offset is fine only before a length: ${x::2}).
        if (src[this.pos] === "}") return this.badOp(start);
        const offset = this.opWord(start, PARAM_OFFSET);
        let length: Word | null = null;
        if (src[this.pos] === ":") {
          this.pos++;
          length = this.opWord(start, PARAM_LENGTH);
        }
        return { kind: "substring", offset, length };
      }
      case "-":
      case "=":
      case "?":
      case "+": {
        this.pos++;
        const kind = c === "-" ? "default" : c === "=" ? "assign" : c === "?" ? "error" : "alt";
        return { kind, colon: false, word: this.opWord(start, valueMode) };
      }
      case "#":
      case "%": {
        const longest = src[this.pos + 1] === c;
        this.pos += longest ? 2 : 1;
        return { kind: c === "#" ? "removePrefix" : "removeSuffix", longest, pattern: this.opWord(start, patMode) };
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
        const pattern = this.opWord(start, PARAM_REPL_PATTERN);
        let replacement: Word | null = null;
        if (src[this.pos] === "/") {
          this.pos++;
          replacement = this.opWord(start, inDquote ? PARAM_REPL_DQ : PARAM_REPL);
        }
        return { kind: "replace", all, anchor, pattern, replacement };
      }
      case "^":
      case ",":
      case "~": {
        const all = src[this.pos + 1] === c;
        this.pos += all ? 2 : 1;
        const pattern = this.opWord(start, patMode);
        const op: ParamOp = { kind: "case", upper: c === "^", all, pattern: pattern.parts.length ? pattern : null };
        if (c === "~") op.toggle = true;
        return op;
      }
      case "@": {
        const t = src[this.pos + 1];
        // An unknown letter fails only when a set value is expanded (bash 5.2): checked then.
        if (t && t !== "}" && src[this.pos + 2] === "}") {
          this.pos += 2;
          return { kind: "transform", op: t };
        }
        // So do `${a@}` and `${a@QQ}`.
        const close = src.indexOf("}", this.pos + 1);
        const text = close < 0 ? "" : src.slice(this.pos + 1, close);
        if (close >= 0 && /^[A-Za-z@]*$/.test(text)) {
          this.pos = close;
          return { kind: "transform", op: text };
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
