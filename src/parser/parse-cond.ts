import type { Command, CondExpr, Word } from "./ast.js";
import { CondParseError } from "./errors.js";
import { CommandParser } from "./parse-command.js";
import { type WordMode, wordMode } from "./word-mode.js";
import { isMeta } from "./scanner.js";

const COND_UNARY = new Set([
  "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w", "-x",
  "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v", "-R",
]);
const COND_BINARY = new Set(["==", "=", "!=", "<", ">", "=~", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]);
const COND_WORD: WordMode = wordMode({ meta: true, stop: "", brace: false, tilde: "start", inDquote: false, parens: false });
const REGEX_WORD: WordMode = wordMode({ meta: false, stop: " \t\n", brace: false, tilde: "none", inDquote: false, parens: true });

type CondToken = { k: "word"; word: Word; pos: number } | { k: "op"; text: string; pos: number } | { k: "eof"; pos: number };
/** The look-ahead before any [[ (shared: tokens are replaced, never changed). */
const NO_COND_TOKEN: CondToken = { k: "eof", pos: 0 };

/**
 * `[[ ... ]]`, shaped like bash's cond_expr/cond_term (parse.y): one token of
 * look-ahead in condTok, newlines skipped only where bash skips them, and
 * bash's messages (see CondParseError for how they end a script).
 */
export abstract class CondParser extends CommandParser {
  declare private condTok: CondToken;
  /** bash reads `-c` text as if it ended in a newline: one is given at the end. */
  declare private condFinalNewline: boolean;

  // Assigned, not class fields (see Scanner).
  constructor(src: string, firstLine?: number) {
    super(src, firstLine);
    this.condTok = NO_COND_TOKEN;
    this.condFinalNewline = false;
  }

  protected parseCond(start: number, line: number): Command {
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
      if (t.k === "eof") throw this.condFail("unexpected EOF while looking for `]]'", t, true, this.lineAt(t.pos));
      // (reported on the line of the `[[`, bash's cond_lineno)
      throw this.condFail(t.k === "op" ? `syntax error in conditional expression: unexpected token \`${t.text}'` : "syntax error in conditional expression", t, false, line);
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
    if (regex && this.openParens > 0 && this.atEnd()) {
      // bash's lexer hits the end inside the regex's parentheses (reported on the line of the open
      // one), then the conditional parser finds no argument, past the end.
      const line = this.lineAt(this.openParenAt);
      throw new CondParseError("unexpected EOF while looking for matching `)'\nunexpected argument to conditional binary operator", pos, line, true, true, [line, this.endLine()], true);
    }
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
  private condFail(message: string, at: CondToken, incomplete = false, line = at.k === "eof" ? this.endLine() : this.lineAt(at.pos)): CondParseError {
    // bash's status is 2 only when the error was the input's last newline or its end.
    const atEnd = at.k === "eof" || (at.k === "op" && at.text === "newline" && this.pos >= this.src.length);
    return new CondParseError(message, at.pos, line, incomplete, atEnd);
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
        if (e instanceof CondParseError) throw e.withLine("expected `)'", this.lineAt(tok.pos));
        throw e;
      }
      const t = this.condTok;
      if (!(t.k === "op" && t.text === ")")) {
        // (reported on the line of the `(`)
        throw this.condFail(t.k === "op" ? `unexpected token \`${t.text}', expected \`)'` : "expected `)'", t, false, this.lineAt(tok.pos));
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
