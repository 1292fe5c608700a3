/**
 * awk statements (gawk's awkgram.y, by recursive descent), on top of the
 * expression parser: blocks, if/while/do/for/switch, and the simple statements
 * (print, printf, next, exit, return, break, continue, delete, expressions).
 * Simple statements end at a newline, `;`, or before `}`. parse.ts parses
 * rules and functions on this layer.
 */
import type { Expr, Redirect, Stmt, SwitchCase } from "./ast.js";
import { AwkSyntaxError } from "./diagnostics.js";
import type { Token } from "./lexer.js";
import { ExprParser, isLValue } from "./parse-expr.js";

/** Where the parser is: which rule kind's action, a function body, or a main rule. */
export type Section = "begin" | "end" | "beginfile" | "endfile" | "main" | "function";

export class StmtParser extends ExprParser {
  protected section: Section = "main";

  protected override checkPlainGetline(t: Token): void {
    if (this.section !== "beginfile" && this.section !== "endfile") return;
    const where = this.section === "beginfile" ? "BEGINFILE" : "ENDFILE";
    throw new AwkSyntaxError(`error: non-redirected \`getline' invalid inside \`${where}' rule`, t.src, t.pos, t.line, false);
  }

  protected loopDepth = 0;

  protected skipTerminators(): void {
    for (;;) {
      const t = this.peek();
      if (t.kind === "newline" || this.isOp(t, ";")) this.lex.next();
      else return;
    }
  }

  /** block: '{' statements '}' */
  protected block(): Stmt[] {
    this.expectOp("{");
    const body: Stmt[] = [];
    for (;;) {
      this.skipTerminators();
      if (this.atOp("}")) break;
      if (this.peek().kind === "eof") this.fail();
      body.push(this.statement());
    }
    this.lex.next();
    return body;
  }

  /** Ends a simple statement: `;` or newline (consumed), or before `}` / EOF. */
  private endSimple(): void {
    const t = this.peek();
    if (this.isOp(t, ";") || t.kind === "newline") {
      this.lex.next();
      return;
    }
    if (this.isOp(t, "}") || t.kind === "eof") return;
    this.fail(t);
  }

  /** A statement that is the body of if/while/for: newlines may precede it. */
  private body(): Stmt {
    this.skipNewlines();
    if (this.atOp(";")) {
      const t = this.lex.next();
      return { k: "block", body: [], line: t.line };
    }
    return this.statement();
  }

  private statement(): Stmt {
    const t = this.peek();
    if (this.isOp(t, "{")) return { k: "block", body: this.block(), line: t.line };
    if (this.isOp(t, ";")) {
      this.lex.next();
      return { k: "block", body: [], line: t.line };
    }
    if (t.kind === "kw") {
      switch (t.text) {
        case "if": return this.ifStmt();
        case "while": return this.whileStmt();
        case "do": return this.doStmt();
        case "for": return this.forStmt();
        case "switch": return this.switchStmt();
      }
    }
    const s = this.simpleStatement();
    this.endSimple();
    return s;
  }

  private condition(): Expr {
    this.expectOp("(");
    const c = this.nested(() => this.parseExpr());
    this.expectOp(")");
    return c;
  }

  private ifStmt(): Stmt {
    const t = this.lex.next();
    const c = this.condition();
    const then = this.body();
    // `else` may follow after newlines or a `;` that ended the then-branch.
    let k = 0;
    while (this.peek(k).kind === "newline" || this.isOp(this.peek(k), ";")) k++;
    const e = this.peek(k);
    if (e.kind === "kw" && e.text === "else") {
      for (let i = 0; i <= k; i++) this.lex.next();
      return { k: "if", c, then, else: this.body(), line: t.line };
    }
    return { k: "if", c, then, else: null, line: t.line };
  }

  private loopBody(): Stmt {
    this.loopDepth++;
    try {
      return this.body();
    } finally {
      this.loopDepth--;
    }
  }

  private whileStmt(): Stmt {
    const t = this.lex.next();
    const c = this.condition();
    if (this.atOp(";")) {
      this.lex.next();
      return { k: "while", c, body: { k: "block", body: [], line: t.line }, line: t.line };
    }
    return { k: "while", c, body: this.loopBody(), line: t.line };
  }

  private doStmt(): Stmt {
    const t = this.lex.next();
    const body = this.loopBody();
    this.skipTerminators();
    if (!this.atKw("while")) this.fail();
    this.lex.next();
    const c = this.condition();
    this.endSimple();
    return { k: "do", body, c, line: t.line };
  }

  private forStmt(): Stmt {
    const t = this.lex.next();
    this.expectOp("(");
    // for (name in array) -- the array may be a subarray: array[i][j].
    const a = this.peek(), b = this.peek(1), c = this.peek(2);
    if (a.kind === "name" && b.kind === "kw" && b.text === "in" && c.kind === "name" && this.closesAfterSubscripts(3)) {
      this.lex.next(); this.lex.next(); this.lex.next();
      const path = this.subscriptGroups();
      this.expectOp(")");
      const body = this.loopBody();
      const target = { k: "var" as const, name: a.text, line: a.line };
      return { k: "forin", target, arr: c.text, path: path.length ? path : undefined, body, line: t.line };
    }
    // for '(' opt_simple_stmt ';' opt_nls exp ';' opt_nls opt_simple_stmt ')'
    const opt = (close: string): Expr | null => {
      if (this.atOp(close)) return null;
      return this.nested(() => this.parseExpr());
    };
    const init = opt(";");
    this.expectOp(";");
    this.skipNewlines();
    const cond = opt(";");
    this.expectOp(";");
    this.skipNewlines();
    const step = opt(")");
    this.expectOp(")");
    if (this.atOp(";")) {
      this.lex.next();
      return { k: "for", init, c: cond, step, body: { k: "block", body: [], line: t.line }, line: t.line };
    }
    return { k: "for", init, c: cond, step, body: this.loopBody(), line: t.line };
  }

  /** Whether the tokens from `at` are `[...]` groups followed by `)`. */
  private closesAfterSubscripts(at: number): boolean {
    let i = at;
    while (this.isOp(this.peek(i), "[")) {
      let depth = 0;
      for (;;) {
        const t = this.peek(i++);
        if (t.kind === "eof") return false;
        if (this.isOp(t, "[")) depth++;
        else if (this.isOp(t, "]") && --depth === 0) break;
      }
    }
    return this.isOp(this.peek(i), ")");
  }

  private switchStmt(): Stmt {
    const t = this.lex.next();
    const e = this.condition();
    this.skipNewlines();
    this.expectOp("{");
    const cases: SwitchCase[] = [];
    this.loopDepth++;
    for (;;) {
      this.skipTerminators();
      const n = this.peek();
      if (this.isOp(n, "}")) break;
      let label: Expr | null = null;
      if (n.kind === "kw" && n.text === "case") {
        this.lex.next();
        label = this.caseLabel();
      } else if (n.kind === "kw" && n.text === "default") {
        this.lex.next();
      } else this.fail(n);
      this.expectOp(":");
      const body: Stmt[] = [];
      for (;;) {
        this.skipTerminators();
        const m = this.peek();
        if (this.isOp(m, "}") || (m.kind === "kw" && (m.text === "case" || m.text === "default"))) break;
        if (m.kind === "eof") this.fail(m);
        body.push(this.statement());
      }
      cases.push({ label, body });
    }
    this.loopDepth--;
    this.lex.next();
    return { k: "switch", e, cases, line: t.line };
  }

  private caseLabel(): Expr {
    const t = this.peek();
    if (t.kind === "num" || t.kind === "str" || t.kind === "ere") {
      this.lex.next();
      if (t.kind === "num") return { k: "num", v: t.num, line: t.line };
      if (t.kind === "str") return { k: "str", v: t.text, line: t.line };
      return { k: "regex", src: t.text, line: t.line };
    }
    if (this.isOp(t, "-") || this.isOp(t, "+")) {
      this.lex.next();
      const n = this.peek();
      if (n.kind !== "num") this.fail(n);
      this.lex.next();
      return { k: "num", v: t.text === "-" ? -n.num : n.num, line: t.line };
    }
    return this.fail(t);
  }

  private simpleStatement(): Stmt {
    const t = this.peek();
    if (t.kind === "kw") {
      switch (t.text) {
        case "print":
        case "printf":
          return this.printStmt();
        case "next":
        case "nextfile":
          this.lex.next();
          if (this.section === "begin" || this.section === "end") {
            const where = this.section === "begin" ? "BEGIN" : "END";
            throw new AwkSyntaxError(`error: \`${t.text}' used in ${where} action`, t.src, t.pos, t.line, false);
          }
          if ((t.text === "next" && this.section === "beginfile") || this.section === "endfile") {
            const where = this.section === "beginfile" ? "BEGINFILE" : "ENDFILE";
            throw new AwkSyntaxError(`error: \`${t.text}' used in ${where} action`, t.src, t.pos, t.line, false);
          }
          return { k: t.text as "next", line: t.line };
        case "exit": {
          this.lex.next();
          const e = this.atEndOfSimple() ? null : this.parseExpr();
          return { k: "exit", e, line: t.line };
        }
        case "return": {
          if (this.section !== "function") this.fail(t, "`return' used outside function context");
          this.lex.next();
          const e = this.atEndOfSimple() ? null : this.parseExpr();
          return { k: "return", e, line: t.line };
        }
        case "break":
        case "continue":
          this.lex.next();
          if (this.loopDepth === 0) {
            throw new AwkSyntaxError(
              `error: \`${t.text}' is not allowed outside a loop${t.text === "break" ? " or switch" : ""}`,
              t.src, t.pos, t.line, false,
            );
          }
          return { k: t.text as "break", line: t.line };
        case "delete":
          return this.deleteStmt();
      }
    }
    const e = this.parseExpr();
    if (e.k === "grouplist") this.fail();
    return { k: "expr", e, line: t.line };
  }

  private atEndOfSimple(): boolean {
    const t = this.peek();
    return t.kind === "newline" || t.kind === "eof" || this.isOp(t, ";") || this.isOp(t, "}");
  }

  private deleteStmt(): Stmt {
    const t = this.lex.next();
    let paren = false;
    if (this.atOp("(")) {
      this.lex.next();
      paren = true;
    }
    const name = this.expectName();
    const groups = this.subscriptGroups();
    const subs = groups.length ? groups.pop()! : null;
    if (paren) this.expectOp(")");
    return { k: "delete", name, path: groups.length ? groups : undefined, subs, line: t.line };
  }

  private printStmt(): Stmt {
    const t = this.lex.next();
    let args: Expr[] = [];
    if (!this.atEndOfSimple() && !this.atRedirect()) {
      this.inPrint = true;
      try {
        args = [this.parseExpr()];
        while (this.atOp(",")) {
          this.lex.next();
          this.skipNewlines();
          args.push(this.parseExpr());
        }
      } finally {
        this.inPrint = false;
      }
      if (args.length === 1 && args[0].k === "grouplist") args = args[0].items;
      else if (args.some((a) => a.k === "grouplist")) this.fail();
    }
    let redir: Redirect | null = null;
    if (this.atRedirect()) {
      const r = this.lex.next();
      const dest = this.parseRedirectTarget();
      redir = { mode: r.text as Redirect["mode"], dest };
    }
    return { k: t.text as "print", args, redir, line: t.line };
  }

  private atRedirect(): boolean {
    const t = this.peek();
    return this.isOp(t, ">") || this.isOp(t, ">>") || this.isOp(t, "|") || this.isOp(t, "|&");
  }

  /** `print > expr`: a concatenation, without comparisons (gawk's common_exp). */
  private parseRedirectTarget(): Expr {
    this.inPrint = true;
    try {
      const e = this.parseExpr();
      if (isLValue(e) || e.k !== "assign") return e;
      return e;
    } finally {
      this.inPrint = false;
    }
  }

  protected override inPrintList(): boolean {
    return this.inPrint;
  }
}
