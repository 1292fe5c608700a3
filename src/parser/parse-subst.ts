/**
 * The `$` forms inside words: $name, ${...}, $(...), $((...)), $[...], $'...', $"...", and
 * backquotes. A layer between WordParser (which calls readDollar / readBackquote) and
 * AssignParser.
 */
import type { ArithSource, StatementList, Word, WordPart } from "./ast.js";
import { ParseError } from "./errors.js";
import * as scanner from "./scanner.js";
import { decodeAnsiC } from "./ansi-c.js";
import { parseArithSource } from "./parse-arith.js";
import { relocate } from "./relocate.js";
import { WordParser } from "./parse-word.js";
import { type WordMode, wordMode } from "./word-mode.js";

// Bound once at load (see parse-word.ts).
const { isNameChar, isNameStart } = scanner;

const ARITH_PAREN: WordMode = wordMode({ meta: false, stop: ")", brace: false, tilde: "none", inDquote: true, parens: true });
const ARITH_BRACKET: WordMode = wordMode({ ...ARITH_PAREN, stop: "]" });
const ARITH_SEMI: WordMode = wordMode({ ...ARITH_PAREN, stop: ";" });

export abstract class SubstParser extends WordParser {
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
        if (e instanceof ParseError && e.incomplete && src[start + 2] === "(") throw this.eofError(")", start);
        if (e instanceof ParseError && e.substStart < 0) e.substStart = start;
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

  /** $(( ... )) or $[ ... ]: returns null when the parentheses do not close as arithmetic. */
  private tryArith(start: number, open: number, closer: string): WordPart | null {
    const save = this.pos;
    this.pos = start + open;
    const innerStart = this.pos;
    const mode = closer === "]" ? ARITH_BRACKET : ARITH_PAREN;
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
      if (this.atEnd()) throw this.eofError(closer === "]" ? "]" : ")", start);
      this.pos = save;
      return null;
    }
    const text = this.src.slice(innerStart, this.pos);
    this.pos += closer.length;
    const word: Word = { pos: innerStart, end: innerStart + text.length, parts };
    const part: WordPart = { type: "ArithSubst", pos: start, end: this.pos, expr: parseArithSource(text, word) };
    if (closer === "]") part.bracket = true;
    return part;
  }

  /** Arithmetic text inside (( )) or for (( ; ; )): reads to `stop` (at paren depth 0). */
  readArithUntil(stop: string): ArithSource {
    const innerStart = this.pos;
    const mode: WordMode = stop === ")" ? ARITH_PAREN : stop === ";" ? ARITH_SEMI : wordMode({ ...ARITH_PAREN, stop });
    const parts = this.readParts(mode, false);
    const text = this.src.slice(innerStart, this.pos);
    return parseArithSource(text, { pos: innerStart, end: this.pos, parts });
  }

  /** `...` (cursor on the backquote). */
  protected readBackquote(inDquote: boolean): WordPart {
    const start = this.pos;
    let i = this.pos + 1;
    let text = "";
    // Text offsets where a backslash (or a backslash-newline) was dropped: see relocate.
    const removed: number[] = [];
    const src = this.src;
    for (;;) {
      if (i >= src.length) throw this.eofError("`", start);
      const c = src[i];
      if (c === "`") break;
      if (c === "\\") {
        const n = src[i + 1];
        if (n === "$" || n === "`" || n === "\\" || (inDquote && n === '"')) {
          removed.push(text.length);
          text += n;
          i += 2;
          continue;
        }
        if (n === "\n") {
          removed.push(text.length, text.length);
          i += 2;
          continue;
        }
      }
      text += c;
      i++;
    }
    this.pos = i + 1;
    this.enterNesting();
    try {
      const body = this.parseBackquoteBody(text, start + 1);
      relocate(body, start + 1, removed);
      return { type: "CommandSubst", pos: start, end: this.pos, body, backquote: true, raw: src.slice(start + 1, i) };
    } catch (e) {
      if (!(e instanceof ParseError) || e.message === "maximum nesting depth exceeded") throw e;
      // bash parses `...` when it runs: keep the error for then.
      const line = e.line - this.lineAt(start + 1) + 1;
      const error = { message: e.message, line, sourceLine: e.sourceLine, raw: src.slice(start + 1, i) };
      const body = this.parseBackquoteLines(text, start + 1);
      relocate(body, start + 1, removed);
      return { type: "CommandSubst", pos: start, end: this.pos, body, backquote: true, raw: error.raw, error };
    } finally {
      this.leaveNesting();
    }
  }
}
