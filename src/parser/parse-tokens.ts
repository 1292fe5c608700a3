/**
 * Tokens between words: operators and reserved words at the cursor (each peek remembered for its
 * position: lists, pipelines and commands ask the same question in turn), and syntax errors
 * naming the next token. A layer between AssignParser and CommandParser.
 */
import { ParseError } from "./errors.js";
import { AssignParser } from "./parse-assign.js";
import * as tokens from "./tokens.js";

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

  protected syntaxError(token: string, pos = this.pos): ParseError {
    if (token === "") return this.eofSyntaxError();
    const shown = token === "\n" ? "newline" : token;
    return new ParseError(`syntax error near unexpected token \`${shown}'`, pos, this.lineAt(pos), false, this.lineText(pos));
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

  /** The text of the next token, for error messages. */
  protected peekTokenText(): string {
    const op = this.peekOperator();
    if (op) return op;
    if (this.atEnd()) return "";
    const save = this.pos;
    const w = this.readWord();
    const text = w ? this.src.slice(save, this.pos) : this.src[this.pos];
    this.pos = save;
    return text;
  }
}
