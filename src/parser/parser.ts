import type { CaseItem, Command, CondExpr, StatementList, Word } from "./ast.js";
import { CondParseError, ParseError } from "./errors.js";
import { CommandParser } from "./parse-command.js";
import { NORMAL, type WordMode } from "./parse-word.js";
import { isMeta, isName } from "./scanner.js";

const COND_UNARY = new Set([
  "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w", "-x",
  "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v", "-R",
]);
const COND_BINARY = new Set(["==", "=", "!=", "<", ">", "=~", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]);
const COND_WORD: WordMode = { meta: true, stop: "", brace: false, tilde: "start", inDquote: false, parens: false };
const REGEX_WORD: WordMode = { meta: false, stop: " \t\n", brace: false, tilde: "none", inDquote: false, parens: true };

/** The full parser: compound commands on top of CommandParser. */
type CondToken = { k: "word"; word: Word; pos: number } | { k: "op"; text: string; pos: number } | { k: "eof"; pos: number };

export class Parser extends CommandParser {
  /** A compound list that must hold at least one command (bash rejects `if then`, `{ }`). */
  private parseBody(): StatementList {
    const list = this.parseList();
    if (list.length === 0) throw this.atEnd() ? this.eofSyntaxError() : this.syntaxError(this.peekTokenText());
    return list;
  }

  protected parseSubstBody(): StatementList {
    try {
      const body = this.parseList();
      if (this.peekOperator() !== ")") {
        if (this.atEnd()) throw this.eofError(")", undefined, true);
        throw this.syntaxError(this.peekTokenText());
      }
      this.pos++;
      return body;
    } catch (e) {
      if (e instanceof ParseError) e.inSubstitution = true;
      throw e;
    }
  }

  protected parseBackquoteBody(text: string, pos: number): StatementList {
    const sub = new Parser(text, this.lineAt(pos));
    sub.depth = this.depth;
    sub.extglob = this.extglob;
    return sub.parseProgram();
  }

  protected subParser(text: string, firstLine: number): Parser {
    const sub = new Parser(text, firstLine);
    sub.extglob = this.extglob;
    return sub;
  }

  /** The whole input as one list; a stray closer is a syntax error. */
  parseProgram(): StatementList {
    return this.guardStack(() => this.parseProgramInner());
  }

  /** Nesting too deep for the host's stack is a clean ParseError, whatever the construct. */
  private guardStack<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        throw new ParseError("maximum nesting depth exceeded", this.pos, this.lineAt(Math.min(this.pos, this.src.length)), false);
      }
      throw e;
    }
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
    return this.guardStack(() => this.parseNextLineInner());
  }

  private parseNextLineInner(): StatementList | null {
    for (;;) {
      const op = this.peekOperator();
      if (op === "\n") {
        this.consumeNewline();
        continue;
      }
      break;
    }
    if (this.atEnd()) return null;
    const list: StatementList = [];
    for (;;) {
      const op = this.peekOperator();
      if (op === ")" || op === ";;" || op === ";&" || op === ";;&" || op === ";" || op === "&" || op === "&&" || op === "||" || op === "|" || op === "|&") {
        throw this.syntaxError(op);
      }
      const r = this.peekReserved();
      if (r === "then" || r === "else" || r === "elif" || r === "fi" || r === "do" || r === "done" || r === "esac" || r === "}") throw this.syntaxError(r);
      list.push(this.parseStatement());
      const sep = this.peekOperator();
      if (sep === ";" || sep === "&") {
        this.pos++;
        const next = this.peekOperator();
        if (next === "\n" || this.atEnd()) break;
        continue;
      }
      if (sep === "\n" || this.atEnd()) break;
      throw this.syntaxError(this.peekTokenText());
    }
    if (this.peekOperator() === "\n") this.consumeNewline();
    this.flushHeredocsAtEof();
    return list;
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
    try {
      const expr = this.readArithUntil(")");
      if (this.startsWith("))")) {
        this.pos += 2;
        return { type: "Arith", pos: start, end: this.pos, line, expr, redirects: this.parseTrailingRedirects() };
      }
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      // bash reads `((` as arithmetic first: running out of input there ends the parse.
      if (e.incomplete) throw this.eofError(")");
    }
    if (this.atEnd()) throw this.eofError(")");
    this.pos = save;
    return null;
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
    return { type: "If", pos: start, end: this.pos, line, clauses, elseBody, redirects: this.parseTrailingRedirects() };
  }

  private parseFor(start: number, line: number, select: boolean): Command {
    this.pos += select ? 6 : 3;
    this.skipBlanks();
    if (!select && this.startsWith("((")) {
      const open = this.pos;
      this.pos += 2;
      const init = this.readArithUntil(";");
      if (this.peek() !== ";") throw this.atEnd() ? this.eofError(")") : this.arithForError(open, "arithmetic expression required");
      this.pos++;
      const cond = this.readArithUntil(";");
      if (this.peek() !== ";") throw this.atEnd() ? this.eofError(")") : this.arithForError(open, "arithmetic expression required");
      this.pos++;
      const step = this.readArithUntil(")");
      if (!this.startsWith("))")) throw this.atEnd() ? this.eofError(")") : this.syntaxError(this.peek());
      if (/;/.test(step.text)) throw this.arithForError(open, "`;' unexpected");
      this.pos += 2;
      const sep = this.peekOperator();
      if (sep === ";") this.pos++;
      this.skipNewlines();
      const body = this.parseLoopBody();
      const blank = (a: typeof init) => (a.text.trim() === "" ? null : a);
      return { type: "ArithFor", pos: start, end: this.pos, line, init: blank(init), cond: blank(cond), step: blank(step), body, redirects: this.parseTrailingRedirects() };
    }
    const nameWord = this.readWord(NORMAL);
    if (!nameWord) throw this.syntaxError(this.peekTokenText());
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
    return { type: "For", pos: start, end: this.pos, line, name, items, body, redirects: this.parseTrailingRedirects(), select };
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
    this.skipBlanks();
    const word = this.readWord(NORMAL);
    if (!word) throw this.syntaxError(this.peekTokenText());
    this.skipNewlines();
    this.expectReserved("in");
    const items: CaseItem[] = [];
    const patternMode: WordMode = { ...NORMAL, brace: false, tilde: "start" };
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
        const w = this.readWord(patternMode);
        if (!w) throw this.syntaxError(this.peekTokenText());
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
        throw this.atEnd() ? this.eofSyntaxError() : this.syntaxError(op || this.peekTokenText());
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
      items.push({ pos: itemStart, end: this.pos, patterns, body, terminator });
    }
    return { type: "Case", pos: start, end: this.pos, line, word, items, redirects: this.parseTrailingRedirects() };
  }

  private parseFunctionKeyword(start: number, line: number): Command {
    this.pos += 8;
    this.skipBlanks();
    const w = this.readWord(NORMAL);
    if (!w || w.parts.length !== 1 || w.parts[0].type !== "Literal") throw this.syntaxError(this.peekTokenText());
    const name = w.parts[0].value;
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
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos, this.pos + 256));
    if (m) {
      this.pos += m[0].length;
      this.skipBlanks();
      const r = this.peekReserved();
      if (r === "{" || r === "while" || r === "until" || r === "if" || r === "for" || r === "case" || this.peekOperator() === "(") name = m[0];
      else this.pos = save;
    }
    if (this.atEnd() || this.peek() === "\n") throw this.syntaxError("newline");
    const body = this.parseCommand();
    return { type: "Coproc", pos: start, end: this.pos, line, name, body };
  }

  // ------------------------------------------------------------ [[ ... ]]
  // Shaped like bash's cond_expr/cond_term (parse.y): one token of lookahead in
  // condTok, newlines skipped only where bash skips them, and bash's messages.

  private condTok: CondToken = { k: "eof", pos: 0 };
  /** bash reads `-c` text as if it ended in a newline: one is given at the end. */
  private condFinalNewline = false;

  private parseCond(start: number, line: number): Command {
    this.pos += 2;
    this.condFinalNewline = false;
    const extglob = this.extglob;
    this.extglob = true;
    let expr: CondExpr;
    try {
      expr = this.condOrExpr();
    } finally {
      this.extglob = extglob;
    }
    const t = this.condTok;
    if (!(t.k === "op" && t.text === "]]")) {
      if (t.k === "eof") throw this.condFail("unexpected EOF while looking for `]]'", t, true);
      throw this.condFail(t.k === "op" ? `syntax error in conditional expression: unexpected token \`${t.text}'` : "syntax error in conditional expression", t);
    }
    return { type: "Cond", pos: start, end: this.pos, line, expr, redirects: this.parseTrailingRedirects() };
  }

  /** bash's read_token inside [[ ]]: a word, an operator (`]]`, `&&`, newline...), or EOF. */
  private condNext(regex = false): CondToken {
    this.skipBlanksAndComment();
    const pos = this.pos;
    if (this.atEnd()) {
      if (!this.condFinalNewline && !this.src.endsWith("\n")) {
        this.condFinalNewline = true;
        return { k: "op", text: "newline", pos };
      }
      return { k: "eof", pos };
    }
    if (this.peek() === "\n") {
      this.consumeNewline();
      return { k: "op", text: "newline", pos };
    }
    if (this.startsWith("]]") && (isMeta(this.peek(2)) || this.peek(2) === "")) {
      this.pos += 2;
      return { k: "op", text: "]]", pos };
    }
    if (!regex) {
      const op = this.peekOperator();
      if (op) {
        this.pos += op.length;
        return { k: "op", text: op, pos };
      }
    }
    const w = this.readWord(regex ? REGEX_WORD : COND_WORD);
    if (!w) {
      this.pos++;
      return { k: "op", text: this.src[pos], pos };
    }
    return { k: "word", word: w, pos };
  }

  private condSkipNewlines(): CondToken {
    let t = this.condNext();
    while (t.k === "op" && t.text === "newline") t = this.condNext();
    return t;
  }

  /**
   * A [[ ]] parse error: bash prints only its message (none for some) and ends
   * the script keeping the last status, unlike other syntax errors.
   */
  private condFail(message: string, at: CondToken, incomplete = false): CondParseError {
    // bash's status is 2 only when the error was the input's last newline or its end.
    const atEnd = at.k === "eof" || (at.k === "op" && at.text === "newline" && this.pos >= this.src.length);
    return new CondParseError(message, at.pos, this.lineAt(at.pos), incomplete, atEnd);
  }

  private condOrExpr(): CondExpr {
    let left = this.condAndExpr();
    while (this.condTok.k === "op" && this.condTok.text === "||") left = { t: "or", left, right: this.condAndExpr() };
    return left;
  }

  private condAndExpr(): CondExpr {
    let left = this.condTerm();
    while (this.condTok.k === "op" && this.condTok.text === "&&") left = { t: "and", left, right: this.condTerm() };
    return left;
  }

  private condTerm(): CondExpr {
    this.enterNesting();
    try {
      return this.condTermInner();
    } finally {
      this.leaveNesting();
    }
  }

  private condTermInner(): CondExpr {
    const tok = this.condSkipNewlines();
    if (tok.k === "op" && tok.text === "]]") throw this.condFail("", tok);
    if (tok.k === "op" && tok.text === "(") {
      let inner: CondExpr;
      try {
        inner = this.condOrExpr();
      } catch (e) {
        // An error inside the parentheses also reports the missing `)'.
        if (e instanceof CondParseError) throw e.withLine("expected `)'");
        throw e;
      }
      const t = this.condTok;
      if (!(t.k === "op" && t.text === ")")) {
        throw this.condFail(t.k === "op" ? `unexpected token \`${t.text}', expected \`)'` : "expected `)'", t);
      }
      this.condTok = this.condSkipNewlines();
      return inner;
    }
    if (tok.k !== "word") {
      const text = tok.k === "eof" ? "EOF" : tok.text;
      throw this.condFail(`unexpected token \`${text}' in conditional command`, tok);
    }
    const lit = this.literalOf(tok.word);
    if (lit === "!") return { t: "not", arg: this.condTerm() };
    if (lit !== null && COND_UNARY.has(lit)) {
      const arg = this.condNext();
      if (arg.k !== "word") {
        throw this.condFail(
          arg.k === "op" ? `unexpected argument \`${arg.text}' to conditional unary operator` : "unexpected argument to conditional unary operator",
          arg,
        );
      }
      this.condTok = this.condSkipNewlines();
      return { t: "unary", op: lit, arg: arg.word };
    }
    const opTok = this.condNext();
    let op: string | null = null;
    if (opTok.k === "word") {
      const l = this.literalOf(opTok.word);
      if (l !== null && COND_BINARY.has(l)) op = l;
    } else if (opTok.k === "op" && (opTok.text === "<" || opTok.text === ">")) op = opTok.text;
    else if (opTok.k === "op" && (opTok.text === "]]" || opTok.text === "&&" || opTok.text === "||" || opTok.text === ")")) {
      // [[ word ]] is [[ -n word ]], as for test.
      this.condTok = opTok;
      return { t: "word", word: tok.word };
    }
    if (op === null) {
      throw this.condFail(
        opTok.k === "op" ? `unexpected token \`${opTok.text}', conditional binary operator expected` : "conditional binary operator expected",
        opTok,
      );
    }
    const rhs = this.condNext(op === "=~");
    if (rhs.k !== "word") {
      throw this.condFail(
        rhs.k === "op" ? `unexpected argument \`${rhs.text}' to conditional binary operator` : "unexpected argument to conditional binary operator",
        rhs,
      );
    }
    this.condTok = this.condSkipNewlines();
    return { t: "binary", op, left: tok.word, right: rhs.word };
  }

  private literalOf(w: Word): string | null {
    return w.parts.length === 1 && w.parts[0].type === "Literal" ? w.parts[0].value : null;
  }
}

/** Parses a whole script into a statement list. Throws ParseError. */
export function parse(script: string): StatementList {
  return new Parser(script).parseProgram();
}
