/**
 * Tokens between words: operators and reserved words at the cursor (each peek remembered for its
 * position: lists, pipelines and commands ask the same question in turn), and syntax errors
 * naming the next token. A layer between AssignParser and CommandParser.
 */
import { ParseError } from "./errors.js";
import { AssignParser } from "./parse-assign.js";
import * as tokens from "./tokens.js";
import { decodeAnsiC, printableName } from "./ansi-c.js";

// Bound once at load (see parse-word.ts).
const { operatorAt, reservedAt } = tokens;

export abstract class TokenParser extends AssignParser {
  /** The last peekOperator answer (from, after, value); expandAlias forgets it. */
  declare protected opFrom: number;
  declare private opAt: number;
  declare private opValue: string;
  /** The last peekReserved answer; expandAlias forgets it. */
  declare protected resFrom: number;
  declare private resAt: number;
  declare private resValue: string;

  // Assigned, not class fields (see Scanner).
  constructor(src: string, firstLine?: number) {
    super(src, firstLine);
    this.opFrom = -1;
    this.opAt = -1;
    this.opValue = "";
    this.resFrom = -1;
    this.resAt = -1;
    this.resValue = "";
  }

  /** An alias changed the text: the remembered answers were about the old one. */
  protected override textChangedAt(at: number): void {
    super.textChangedAt(at);
    this.opFrom = this.opAt = this.resFrom = this.resAt = -1;
  }

  protected syntaxError(token: string, pos = this.pos): ParseError {
    if (token === "") return this.eofSyntaxError();
    if (token === "\\" && pos === this.src.length - 1) {
      // A final backslash: bash reads a continuation onto an empty next line, and shows the word
      // with the backslash quoted.
      return new ParseError("syntax error near unexpected token `\\\\'", pos, this.lineAt(pos) + 1, false, "");
    }
    const shown = token === "\n" ? "newline" : shownToken(token);
    // bash names the line its reader is on: where a word spanning lines ends.
    const at = token.length > 1 && this.src.startsWith(token, pos) ? pos + token.length - 1 : pos;
    return new ParseError(`syntax error near unexpected token \`${shown}'`, pos, this.lineAt(at), false, this.lineText(at));
  }

  protected eofSyntaxError(): ParseError {
    return new ParseError("syntax error: unexpected end of file", this.src.length, this.endLine(), true);
  }

  /** The operator at the cursor (after blanks), or "" when a word or EOF starts here. */
  protected peekOperator(): string {
    // Asked several times at one place (list, pipeline, command): remember the last answer
    // (forgotten when an alias changes the text). Asking again from where the answer left the
    // cursor (after the blanks and comment it skipped) gives it too.
    if (this.pos === this.opFrom || this.pos === this.opAt) {
      this.pos = this.opAt;
      return this.opValue;
    }
    const from = this.pos;
    const op = this.scanOperator();
    this.opFrom = from;
    this.opAt = this.pos;
    this.opValue = op;
    return op;
  }

  private scanOperator(): string {
    this.skipBlanksAndComment();
    return operatorAt(this.src, this.pos);
  }

  /** The reserved word at the cursor (a plain word followed by a delimiter), or "". */
  protected peekReserved(): string {
    if (this.pos === this.resFrom || this.pos === this.resAt) {
      this.pos = this.resAt;
      return this.resValue;
    }
    const from = this.pos;
    const r = this.scanReserved();
    this.resFrom = from;
    this.resAt = this.pos;
    this.resValue = r;
    return r;
  }

  private scanReserved(): string {
    this.skipBlanksAndComment();
    return reservedAt(this.src, this.pos);
  }

  protected expectReserved(word: string): void {
    const r = this.peekReserved();
    if (r !== word) {
      const t = this.peekTokenText();
      throw this.syntaxError(t);
    }
    this.pos += word.length;
  }

  /**
   * `name=(a  b)` at the cursor as bash names it in an error: one token, its elements joined by
   * single spaces (`name=(a b)`); null (cursor unmoved) for anything else.
   */
  private compoundAssignmentText(): string | null {
    const save = this.pos;
    try {
      const a = this.tryAssignment();
      if (a === null || a.array === null) return null;
      const src = this.src;
      const open = src.indexOf("(", a.pos);
      const items = a.array.map((e) => src.slice(e.index !== null ? e.index.pos - 1 : e.value.pos, e.value.end));
      return `${src.slice(a.pos, open)}(${items.join(" ")})`;
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      return null;
    } finally {
      this.pos = save;
    }
  }

  /** The text of the next token, for error messages. */
  protected peekTokenText(): string {
    const op = this.peekOperator();
    if (op) return op;
    if (this.atEnd()) return "";
    const save = this.pos;
    const array = this.compoundAssignmentText();
    if (array !== null) return array;
    const w = this.readWord();
    const text = w ? this.src.slice(save, this.pos) : this.src[this.pos];
    this.pos = save;
    return text;
  }
}

/**
 * A word as bash names it in "near unexpected token": its lexer has already turned each $'...'
 * into '...' (decoded, an embedded ' as '\'', and \001 or \177 after a \001 marker) and each
 * $"..." into "...", and a token holding a control character is shown $'...'-quoted.
 */
function shownToken(t: string): string {
  if (!t.includes("$")) return printableName(t);
  let out = "";
  for (let i = 0; i < t.length; ) {
    const c = t[i];
    if (c === "\\") {
      out += t.slice(i, i + 2);
      i += 2;
    } else if (c === "'" || c === '"') {
      // Quoted text is as written ($'...' is literal inside "...").
      let j = i + 1;
      while (j < t.length && t[j] !== c) j += c === '"' && t[j] === "\\" ? 2 : 1;
      out += t.slice(i, j + 1);
      i = j + 1;
    } else if (c === "$" && t[i + 1] === "'") {
      const { value, end } = decodeAnsiC(t, i + 2);
      const nul = value.indexOf("\0");
      const text = (nul < 0 ? value : value.slice(0, nul)).replace(/[\x01\x7f]/g, "\x01$&");
      out += "'" + text.replace(/'/g, "'\\''") + "'";
      i = end < 0 ? t.length : end;
    } else if (c === "$" && t[i + 1] === '"') {
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return printableName(out);
}
