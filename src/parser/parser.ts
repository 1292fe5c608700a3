import type { CaseItem, Command, StatementList, Word } from "./ast.js";
import { ParseError } from "./errors.js";
import { CondParser } from "./parse-cond.js";
import { NORMAL } from "./parse-word.js";
import { wordMode } from "./word-mode.js";
import { fit } from "./scanner.js";
import { fastStatement } from "./fast-statement.js";

/** case patterns: words without brace expansion. */
const CASE_PATTERN = wordMode({ ...NORMAL, brace: false, tilde: "start" });

/** The full parser: compound commands on top of CondParser ([[ ]]) and CommandParser. */
export class Parser extends CondParser {
  /** A compound list that must hold at least one command (bash rejects `if then`, `{ }`). */
  private parseBody(): StatementList {
    const list = this.parseList();
    if (list.length === 0) throw this.atEnd() ? this.eofSyntaxError() : this.syntaxError(this.peekTokenText());
    return list;
  }

  protected parseSubstBody(): StatementList {
    return this.aliases !== null ? this.parseSubstBodyApart() : this.parseSubstBodyHere();
  }

  private parseSubstBodyHere(): StatementList {
    const outer = this.takeHeredocs();
    let closed = false;
    const outerBodyStart = this.substBodyStart;
    let bodyStart = this.pos;
    while (this.src.charCodeAt(bodyStart) === 32 || this.src.charCodeAt(bodyStart) === 9) bodyStart++;
    this.substBodyStart = bodyStart;
    this.substDepth++;
    try {
      const body = this.parseList();
      if (this.peekOperator() !== ")") {
        if (this.atEnd()) throw this.eofError(")", undefined, true);
        throw this.syntaxError(this.peekTokenText());
      }
      closed = true;
      return body;
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      // The body is parsed until its `)`: the end of input anywhere in it is that `)` missing.
      const error = e.message === "syntax error: unexpected end of file" ? this.eofError(")", undefined, true) : e;
      error.inSubstitution = true;
      throw error;
    } finally {
      this.substDepth--;
      this.substBodyStart = outerBodyStart;
      this.restoreHeredocs(outer, closed);
      if (closed) this.pos++;
    }
  }

  /**
   * A $( ) body when aliases are on: parsed by a parser of its own over the rest of the text,
   * so the aliases it expands do not change the text under the words that hold it.
   */
  private parseSubstBodyApart(): StatementList {
    const rest = this.src.slice(this.pos);
    const sub = this.subParser(rest, this.lineAt(this.pos));
    const body = sub.parseSubstBodyHere();
    // Every expansion was spliced in before sub.pos: the text it grew by is not ours.
    this.pos += sub.pos - (sub.src.length - rest.length);
    this.warnings.push(...sub.warnings);
    return body;
  }

  protected parseBackquoteBody(text: string, pos: number): StatementList {
    return this.subParser(text, this.lineAt(pos)).parseProgram();
  }

  /** The complete lines of a backquote body that does not parse: bash runs them before it reports the error. */
  protected parseBackquoteLines(text: string, pos: number): StatementList {
    const sub = this.subParser(text, this.lineAt(pos));
    const lines: StatementList = [];
    try {
      for (let list; (list = sub.parseNextLine()); ) lines.push(...list);
    } catch {
      // the error itself is the caller's
    }
    return lines;
  }

  /** A parser over other text (a $( ) or backquote body, a here-document's) with this one's nesting, extglob and aliases. */
  protected subParser(text: string, firstLine: number): Parser {
    const sub = new Parser(text, firstLine);
    sub.depth = this.depth;
    sub.extglob = this.extglob;
    sub.aliases = this.aliases;
    return sub;
  }

  /** The whole input as one list; a stray closer is a syntax error. */
  parseProgram(): StatementList {
    try {
      return this.parseProgramInner();
    } catch (e) {
      throw this.stackError(e);
    }
  }

  /** Nesting too deep for the host's stack is a clean ParseError, whatever the construct (else e itself). */
  private stackError(e: unknown): unknown {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return new ParseError("maximum nesting depth exceeded", this.pos, this.lineAt(Math.min(this.pos, this.src.length)), false);
    }
    return e;
  }

  private parseProgramInner(): StatementList {
    const list = this.parseList();
    this.flushHeredocsAtEof();
    if (!this.atEnd()) throw this.syntaxError(this.peekTokenText());
    return list;
  }

  /**
   * The next top-level line of commands (everything up to an unnested newline),
   * or null at the end. bash runs each line before parsing the next, so a syntax
   * error on line 5 comes after lines 1-4 have run.
   */
  parseNextLine(): StatementList | null {
    try {
      return this.parseNextLineInner();
    } catch (e) {
      throw this.stackError(e);
    }
  }

  private parseNextLineInner(): StatementList | null {
    for (;;) {
      const op = this.peekOperator();
      if (op === "\n") {
        this.consumeNewline();
        continue;
      }
      if (this.aliases !== null && this.expandCommandAlias()) continue;
      break;
    }
    if (this.atEnd()) return null;
    try {
      return this.parseLineStatements();
    } catch (e) {
      // The newline as the bad token was read, and with it the line's here-documents.
      if (e instanceof ParseError && (e.afterCommand || e.message === "syntax error near unexpected token `newline'")) throw this.afterLineHeredocs(e);
      throw e;
    }
  }

  private parseLineStatements(): StatementList {
    const list: StatementList = [];
    for (;;) {
      if (this.aliases !== null) this.expandCommandAlias();
      const op = this.peekOperator();
      if (op === ")" || op === ";;" || op === ";&" || op === ";;&" || op === ";" || op === "&" || op === "&&" || op === "||" || op === "|" || op === "|&") {
        throw this.afterLineHeredocs(this.syntaxError(op));
      }
      const r = this.peekReserved();
      if (r === "then" || r === "else" || r === "elif" || r === "fi" || r === "do" || r === "done" || r === "esac" || r === "}") throw this.afterLineHeredocs(this.syntaxError(r));
      list.push((r === "" ? fastStatement(this) : null) ?? this.parseStatement());
      const sep = this.peekOperator();
      if (sep === ";" || sep === "&") {
        this.pos++;
        const next = this.peekOperator();
        if (next === "\n" || this.atEnd()) break;
        continue;
      }
      if (sep === "\n" || this.atEnd()) break;
      throw this.afterLineHeredocs(this.syntaxError(this.peekTokenText()));
    }
    if (this.peekOperator() === "\n") this.consumeNewline();
    this.flushHeredocsAtEof();
    return fit(list);
  }

  protected parseCompound(): Command | null {
    this.skipBlanksAndComment();
    const start = this.pos;
    const line = this.lineAt(start);
    const op = this.peekOperator();
    if (op === "(") {
      if (this.peek(1) === "(") {
        const arith = this.tryArithCommand(start, line);
        if (arith) return arith;
      }
      this.pos++;
      this.enterNesting();
      const body = this.parseBody();
      this.leaveNesting();
      if (this.peekOperator() !== ")") throw this.atEnd() ? this.eofSyntaxError() : this.syntaxError(this.peekTokenText());
      this.pos++;
      return { type: "Subshell", pos: start, end: this.pos, line, body, redirects: this.parseTrailingRedirects() };
    }
    const r = this.peekReserved();
    switch (r) {
      case "{": {
        this.pos++;
        const body = this.parseBody();
        this.expectReserved("}");
        return { type: "Group", pos: start, end: this.pos, line, body, redirects: this.parseTrailingRedirects() };
      }
      case "if":
        return this.parseIf(start, line);
      case "while":
      case "until": {
        this.pos += r.length;
        const cond = this.parseBody();
        this.expectReserved("do");
        const body = this.parseBody();
        this.expectReserved("done");
        return { type: "While", pos: start, end: this.pos, line, until: r === "until", cond, body, redirects: this.parseTrailingRedirects() };
      }
      case "for":
      case "select":
        return this.parseFor(start, line, r === "select");
      case "case":
        return this.parseCase(start, line);
      case "[[":
        return this.parseCond(start, line);
      case "function":
        return this.parseFunctionKeyword(start, line);
      case "coproc":
        return this.parseCoproc(start, line);
      case "in":
        // `in` is reserved wherever a command starts, outside case/for/select headers too.
        throw this.syntaxError("in");
      default:
        return null;
    }
  }

  private tryArithCommand(start: number, line: number): Command | null {
    const save = this.pos;
    this.pos += 2;
    let near: ParseError | null = null;
    try {
      const expr = this.readArithUntil(")");
      if (this.startsWith("))")) {
        this.pos += 2;
        return { type: "Arith", pos: start, end: this.pos, line, expr, redirects: this.parseTrailingRedirects() };
      }
      if (this.peek() === ")" && (this.peek(1) === "\n" || this.peek(1) === "")) near = this.nearTextError(this.pos);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      // bash reads `((` as arithmetic first: running out of input there ends the parse (on the `((` line).
      if (e.incomplete) throw this.eofError(")", start);
    }
    if (near) throw near;
    if (this.atEnd()) throw this.eofError(")", start);
    this.pos = save;
    return null;
  }

  /**
   * `((a)` then the end of the line: bash reads it as neither arithmetic nor subshells and
   * reports "syntax error near `TEXT'", TEXT being the line's last blank-separated text up to `)`.
   */
  private nearTextError(close: number): ParseError {
    const lineStart = this.src.lastIndexOf("\n", close) + 1;
    let from = close;
    while (from > lineStart && this.src[from - 1] !== " " && this.src[from - 1] !== "\t") from--;
    return new ParseError(`syntax error near \`${this.src.slice(from, close + 1)}'`, close, this.lineAt(close), false, this.lineText(close));
  }

  private parseIf(start: number, line: number): Command {
    this.pos += 2;
    const clauses: Array<{ cond: StatementList; body: StatementList }> = [];
    let elseBody: StatementList | null = null;
    for (;;) {
      const cond = this.parseBody();
      this.expectReserved("then");
      const body = this.parseBody();
      clauses.push({ cond, body });
      const r = this.peekReserved();
      if (r === "elif") {
        this.pos += 4;
        continue;
      }
      if (r === "else") {
        this.pos += 4;
        elseBody = this.parseBody();
      }
      this.expectReserved("fi");
      break;
    }
    return { type: "If", pos: start, end: this.pos, line, clauses: fit(clauses), elseBody, redirects: this.parseTrailingRedirects() };
  }

  private parseFor(start: number, line: number, select: boolean): Command {
    this.pos += select ? 6 : 3;
    this.skipBlanks();
    if (!select && this.startsWith("((")) {
      const open = this.pos;
      this.pos += 2;
      const init = this.readArithUntil(";");
      if (this.peek() !== ";") throw this.atEnd() ? this.eofError(")", open) : this.arithForError(open, "arithmetic expression required");
      this.pos++;
      const cond = this.readArithUntil(";");
      if (this.peek() !== ";") throw this.atEnd() ? this.eofError(")", open) : this.arithForError(open, "arithmetic expression required");
      this.pos++;
      const step = this.readArithUntil(")");
      if (!this.startsWith("))")) throw this.atEnd() ? this.eofError(")", open) : this.syntaxError(this.peek());
      if (/;/.test(step.text)) throw this.arithForError(open, "`;' unexpected");
      this.pos += 2;
      const sep = this.peekOperator();
      if (sep === ";") this.pos++;
      this.skipNewlines();
      const body = this.parseLoopBody();
      const blank = (a: typeof init) => (a.text.trim() === "" ? null : a);
      return { type: "ArithFor", pos: start, end: this.pos, line, init: blank(init), cond: blank(cond), step: blank(step), body, redirects: this.parseTrailingRedirects() };
    }
    const nameWord = this.wordOnKeywordLine();
    // Any word parses; the interpreter rejects a bad name when the loop runs, as bash does.
    const name = this.src.slice(nameWord.pos, nameWord.end);
    let items: Word[] | null = null;
    this.skipNewlines();
    if (this.peekReserved() === "in") {
      this.pos += 2;
      items = [];
      for (;;) {
        const op = this.peekOperator();
        if (op === ";" || op === "\n") {
          if (op === ";") this.pos++;
          break;
        }
        if (op || this.atEnd()) throw this.atEnd() ? this.eofSyntaxError() : this.syntaxError(op);
        const w = this.readWord(NORMAL);
        if (!w) throw this.syntaxError(this.peekTokenText());
        items.push(w);
      }
    } else if (this.peekOperator() === ";") {
      this.pos++;
    }
    this.skipNewlines();
    const body = this.parseLoopBody();
    return { type: "For", pos: start, end: this.pos, line, name, items: items && fit(items), body, redirects: this.parseTrailingRedirects(), select };
  }

  /**
   * The word `for`, `select`, `case` or `function` needs next: on the keyword's line, so a
   * comment, a newline or the end is bash's "unexpected token `newline'" there.
   */
  private wordOnKeywordLine(): Word {
    this.skipBlanks();
    const c = this.src.charCodeAt(this.pos);
    if (c !== c || c === 10 || c === 35) throw this.syntaxError("\n");
    const w = this.readWord(NORMAL);
    if (!w) throw this.syntaxError(this.peekTokenText());
    return w;
  }

  /** bash's errors for a `for (( ))` header without exactly three parts: the reason, then the header. */
  private arithForError(open: number, reason: string): ParseError {
    let close = this.src.indexOf("))", this.pos);
    close = close < 0 ? this.src.length : close + 2;
    return new ParseError(`syntax error: ${reason}\nsyntax error: \`${this.src.slice(open, close)}'`, open, this.lineAt(open), false);
  }

  /** do list done, or { list } (bash accepts both after for). */
  private parseLoopBody(): StatementList {
    if (this.peekReserved() === "{") {
      this.pos++;
      const body = this.parseBody();
      this.expectReserved("}");
      return body;
    }
    this.expectReserved("do");
    const body = this.parseBody();
    this.expectReserved("done");
    return body;
  }

  private parseCase(start: number, line: number): Command {
    this.pos += 4;
    const word = this.wordOnKeywordLine();
    this.skipNewlines();
    this.expectReserved("in");
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.peekReserved() === "esac") {
        this.pos += 4;
        break;
      }
      if (this.atEnd()) throw this.eofSyntaxError();
      const itemStart = this.pos;
      if (this.peekOperator() === "(") this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlanks();
        const w = this.readWord(CASE_PATTERN);
        if (!w) throw this.syntaxError(this.atEnd() ? "\n" : this.peekTokenText());
        patterns.push(w);
        const op = this.peekOperator();
        if (op === "|") {
          this.pos++;
          continue;
        }
        if (op === ")") {
          this.pos++;
          break;
        }
        // `)` or `|` must follow on the line: the end of a -c string is bash's newline there.
        throw this.syntaxError(this.atEnd() ? "\n" : op || this.peekTokenText());
      }
      const body = this.parseList();
      const term = this.peekOperator();
      let terminator: CaseItem["terminator"] = ";;";
      if (term === ";;" || term === ";&" || term === ";;&") {
        this.pos += term.length;
        terminator = term;
      } else if (this.peekReserved() !== "esac") {
        throw this.atEnd() ? this.eofSyntaxError() : this.syntaxError(this.peekTokenText());
      }
      items.push({ pos: itemStart, end: this.pos, patterns: fit(patterns), body, terminator });
    }
    return { type: "Case", pos: start, end: this.pos, line, word, items: fit(items), redirects: this.parseTrailingRedirects() };
  }

  private parseFunctionKeyword(start: number, line: number): Command {
    this.pos += 8;
    const w = this.wordOnKeywordLine();
    const name = this.functionName(w);
    this.skipBlanks();
    if (this.peek() === "(") {
      this.pos++;
      this.skipBlanks();
      if (this.peek() !== ")") throw this.syntaxError(this.peekTokenText());
      this.pos++;
    }
    return this.parseFunctionBody(name, start, line, true);
  }

  private parseCoproc(start: number, line: number): Command {
    this.pos += 6;
    this.skipBlanks();
    let name = "COPROC";
    const save = this.pos;
    // A NAME is any plain word followed by a compound command (checked when the coproc runs).
    const m = /^[^\s;&|<>()'"`$\\]+/.exec(this.src.slice(this.pos, this.pos + 256));
    if (m) {
      this.pos += m[0].length;
      this.skipBlanks();
      const r = this.peekReserved();
      if (r === "{" || r === "while" || r === "until" || r === "if" || r === "for" || r === "select" || r === "case" || r === "[[" || this.peekOperator() === "(") name = m[0];
      else this.pos = save;
    }
    if (this.atEnd() || this.peek() === "\n" || this.peek() === "#") throw this.syntaxError("newline");
    const r = this.peekReserved();
    // Neither is a command bash's coproc takes.
    if (r === "function" || r === "coproc") throw this.syntaxError(r);
    const body = this.parseCommand();
    return { type: "Coproc", pos: start, end: this.pos, line, name, body };
  }

}

/** Parses a whole script into a statement list. Throws ParseError. */
export function parse(script: string): StatementList {
  return new Parser(script).parseProgram();
}
