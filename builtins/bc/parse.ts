/**
 * bc's language (GNU bc 1.07.1 bc.y) parsed into a small AST, one input item
 * (a line of statements, or a function definition) at a time, because GNU
 * runs each line as soon as it is complete. Operator precedence is GNU's,
 * low to high: || && ! relations assignment + - * / % ^ unary-minus ++/--.
 */

export type Expr =
  | { k: "num"; text: string }
  | { k: "var"; name: string }
  | { k: "elem"; name: string; index: Expr }
  | { k: "special"; name: "scale" | "ibase" | "obase" | "last" }
  | { k: "call"; name: string; args: Arg[] }
  | { k: "builtin"; name: "length" | "sqrt" | "scale" | "read"; arg: Expr | null }
  | { k: "neg"; e: Expr }
  | { k: "not"; e: Expr }
  | { k: "bin"; op: string; l: Expr; r: Expr }
  | { k: "rel"; op: string; l: Expr; r: Expr }
  | { k: "and" | "or"; l: Expr; r: Expr }
  | { k: "assign"; op: string; target: LValue; e: Expr }
  | { k: "incdec"; op: "++" | "--"; prefix: boolean; target: LValue }
  | { k: "paren"; e: Expr };

export type LValue = Extract<Expr, { k: "var" } | { k: "elem" } | { k: "special" }>;
export type Arg = { array: string } | { expr: Expr };

export type Stmt =
  | { k: "expr"; e: Expr }
  | { k: "string"; text: string }
  | { k: "print"; items: Array<{ text: string } | { e: Expr }> }
  | { k: "block"; body: Stmt[] }
  | { k: "if"; cond: Expr; then: Stmt; else: Stmt | null }
  | { k: "while"; cond: Expr; body: Stmt }
  | { k: "for"; init: Expr | null; cond: Expr | null; step: Expr | null; body: Stmt }
  | { k: "break" | "continue" | "halt" | "limits" | "warranty" }
  | { k: "return"; e: Expr | null };

export interface FuncDef {
  name: string;
  params: Array<{ name: string; array: boolean; ref: boolean }>;
  autos: Array<{ name: string; array: boolean }>;
  body: Stmt[];
}

export type Item = { k: "stmts"; body: Stmt[] } | { k: "define"; f: FuncDef } | { k: "quit" };

import type { Token } from "./lexer.js";

export class BcSyntaxError extends Error {
  constructor(
    readonly line: number,
    message = "syntax error",
  ) {
    super(message);
  }
}

const RELOPS = new Set(["<", "<=", ">", ">=", "==", "!="]);
const ASSIGNOPS = new Set(["=", "+=", "-=", "*=", "/=", "%=", "^="]);

export class Parser {
  private p = 0;
  private loops = 0;
  private inFunction = false;
  constructor(private readonly toks: Token[]) {}

  private peek(o = 0): Token {
    return this.toks[Math.min(this.p + o, this.toks.length - 1)];
  }
  private next(): Token {
    return this.toks[this.p++];
  }
  private is(t: string): boolean {
    return this.peek().t === t;
  }
  private expect(t: string): Token {
    if (!this.is(t)) throw this.syntaxError();
    return this.next();
  }
  private skipNewlines(): void {
    while (this.is("nl")) this.p++;
  }

  /** GNU counts a newline before reporting an error found at it. */
  private syntaxError(message?: string): BcSyntaxError {
    const t = this.peek();
    return new BcSyntaxError(t.t === "nl" ? t.line + 1 : t.line, message);
  }

  atEnd(): boolean {
    return this.is("eof");
  }

  /** The line of the next token (for error messages). */
  line(): number {
    return this.peek().line;
  }

  /** Skips to just after the next newline (error recovery). */
  recover(): void {
    while (!this.is("eof") && !this.is("nl")) this.p++;
    if (this.is("nl")) this.p++;
  }

  /** One input item: a function definition or a line of statements. */
  item(): Item {
    if (this.is("define")) return { k: "define", f: this.define() };
    const body: Stmt[] = [];
    for (;;) {
      if (this.is("nl")) {
        this.next();
        break;
      }
      if (this.is("eof")) break;
      if (this.is(";")) {
        this.next();
        continue;
      }
      if (this.is("quit")) return { k: "quit" };
      if (this.is("define")) {
        // A definition right after statements on the same line.
        if (body.length) break;
      }
      body.push(this.statement());
      if (!this.is(";") && !this.is("nl") && !this.is("eof")) throw this.syntaxError();
    }
    return { k: "stmts", body };
  }

  private define(): FuncDef {
    this.expect("define");
    const name = this.expect("name").v;
    this.expect("(");
    const params: FuncDef["params"] = [];
    while (!this.is(")")) {
      const ref = this.is("*");
      if (ref) this.next();
      const n = this.expect("name").v;
      let array = false;
      if (this.is("[")) {
        this.next();
        this.expect("]");
        array = true;
      }
      params.push({ name: n, array, ref });
      if (!this.is(")")) this.expect(",");
    }
    this.expect(")");
    this.skipNewlines();
    this.expect("{");
    this.skipNewlines();
    const autos: FuncDef["autos"] = [];
    if (this.is("auto")) {
      this.next();
      for (;;) {
        const n = this.expect("name").v;
        let array = false;
        if (this.is("[")) {
          this.next();
          this.expect("]");
          array = true;
        }
        autos.push({ name: n, array });
        if (!this.is(",")) break;
        this.next();
      }
      if (!this.is(";") && !this.is("nl")) throw this.syntaxError();
    }
    this.inFunction = true;
    try {
      const body = this.sequence("}");
      this.expect("}");
      return { name, params, autos, body };
    } finally {
      this.inFunction = false;
    }
  }

  /** Statements separated by ";" or newlines up to `close`. */
  private sequence(close: string): Stmt[] {
    const body: Stmt[] = [];
    for (;;) {
      if (this.is(";") || this.is("nl")) {
        this.next();
        continue;
      }
      if (this.is(close) || this.is("eof")) return body;
      body.push(this.statement());
      if (!this.is(";") && !this.is("nl") && !this.is(close)) throw this.syntaxError();
    }
  }

  private statement(): Stmt {
    const t = this.peek();
    switch (t.t) {
      case "str":
        this.next();
        return { k: "string", text: t.v };
      case "{": {
        this.next();
        const body = this.sequence("}");
        this.expect("}");
        return { k: "block", body };
      }
      case "print": {
        this.next();
        const items: Array<{ text: string } | { e: Expr }> = [];
        for (;;) {
          if (this.is("str")) items.push({ text: this.next().v });
          else items.push({ e: this.expr() });
          if (!this.is(",")) break;
          this.next();
        }
        return { k: "print", items };
      }
      case "if": {
        this.next();
        this.expect("(");
        const cond = this.expr();
        this.expect(")");
        this.skipNewlines();
        const then = this.statement();
        let els: Stmt | null = null;
        if (this.is("else")) {
          this.next();
          this.skipNewlines();
          els = this.statement();
        }
        return { k: "if", cond, then, else: els };
      }
      case "while": {
        this.next();
        this.expect("(");
        const cond = this.expr();
        this.expect(")");
        this.skipNewlines();
        return { k: "while", cond, body: this.loopBody() };
      }
      case "for": {
        this.next();
        this.expect("(");
        const init = this.is(";") ? null : this.expr();
        this.expect(";");
        const cond = this.is(";") ? null : this.expr();
        this.expect(";");
        const step = this.is(")") ? null : this.expr();
        this.expect(")");
        this.skipNewlines();
        return { k: "for", init, cond, step, body: this.loopBody() };
      }
      case "break":
        if (!this.loops) throw new BcSyntaxError(t.line, "Break outside a for/while");
        this.next();
        return { k: "break" };
      case "continue":
        if (!this.loops) throw new BcSyntaxError(t.line, "Continue outside a for");
        this.next();
        return { k: "continue" };
      case "halt":
      case "limits":
      case "warranty":
        this.next();
        return { k: t.t };
      case "return": {
        this.next();
        const e = this.is(";") || this.is("nl") || this.is("}") || this.is("eof") ? null : this.expr();
        if (!this.inFunction) throw this.syntaxError("Return outside of a function.");
        return { k: "return", e };
      }
      case "quit":
        throw new QuitSignal();
      default:
        return { k: "expr", e: this.expr() };
    }
  }

  private loopBody(): Stmt {
    this.loops++;
    try {
      return this.statement();
    } finally {
      this.loops--;
    }
  }

  expr(): Expr {
    let l = this.andExpr();
    while (this.is("||")) {
      this.next();
      l = { k: "or", l, r: this.andExpr() };
    }
    return l;
  }

  private andExpr(): Expr {
    let l = this.notExpr();
    while (this.is("&&")) {
      this.next();
      l = { k: "and", l, r: this.notExpr() };
    }
    return l;
  }

  private notExpr(): Expr {
    if (this.is("!")) {
      this.next();
      return { k: "not", e: this.notExpr() };
    }
    return this.relExpr();
  }

  private relExpr(): Expr {
    let l = this.assignExpr();
    while (RELOPS.has(this.peek().t)) {
      const op = this.next().t;
      l = { k: "rel", op, l, r: this.assignExpr() };
    }
    return l;
  }

  private assignExpr(): Expr {
    const l = this.additive();
    if (ASSIGNOPS.has(this.peek().t)) {
      if (l.k !== "var" && l.k !== "elem" && l.k !== "special") throw this.syntaxError();
      const op = this.next().t;
      const e = this.is("!") ? (this.next(), { k: "not" as const, e: this.relExpr() }) : this.assignExpr();
      return { k: "assign", op, target: l, e };
    }
    return l;
  }

  private additive(): Expr {
    let l = this.multiplicative();
    while (this.is("+") || this.is("-")) {
      const op = this.next().t;
      l = { k: "bin", op, l, r: this.multiplicative() };
    }
    return l;
  }

  private multiplicative(): Expr {
    let l = this.power();
    while (this.is("*") || this.is("/") || this.is("%")) {
      const op = this.next().t;
      l = { k: "bin", op, l, r: this.power() };
    }
    return l;
  }

  private power(): Expr {
    const l = this.unary();
    if (this.is("^")) {
      this.next();
      return { k: "bin", op: "^", l, r: this.power() };
    }
    return l;
  }

  private unary(): Expr {
    if (this.is("-")) {
      this.next();
      return { k: "neg", e: this.unary() };
    }
    if (this.is("++") || this.is("--")) {
      const op = this.next().t as "++" | "--";
      const target = this.primary();
      if (target.k !== "var" && target.k !== "elem" && target.k !== "special") throw this.syntaxError();
      return { k: "incdec", op, prefix: true, target };
    }
    const e = this.primary();
    if ((this.is("++") || this.is("--")) && (e.k === "var" || e.k === "elem" || e.k === "special")) {
      return { k: "incdec", op: this.next().t as "++" | "--", prefix: false, target: e };
    }
    return e;
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.t) {
      case "num":
        return { k: "num", text: t.v };
      case "(": {
        const e = this.expr();
        this.expect(")");
        return { k: "paren", e };
      }
      case ".":
      case "last":
        return { k: "special", name: "last" };
      case "ibase":
      case "obase":
        return { k: "special", name: t.t };
      case "scale":
        if (this.is("(")) {
          this.next();
          const arg = this.expr();
          this.expect(")");
          return { k: "builtin", name: "scale", arg };
        }
        return { k: "special", name: "scale" };
      case "length":
      case "sqrt": {
        this.expect("(");
        const arg = this.expr();
        this.expect(")");
        return { k: "builtin", name: t.t, arg };
      }
      case "read":
        this.expect("(");
        this.expect(")");
        return { k: "builtin", name: "read", arg: null };
      case "name": {
        if (this.is("[")) {
          this.next();
          const index = this.expr();
          this.expect("]");
          return { k: "elem", name: t.v, index };
        }
        if (this.is("(")) {
          this.next();
          const args: Arg[] = [];
          while (!this.is(")")) {
            if (this.peek().t === "name" && this.peek(1).t === "[" && this.peek(2).t === "]") {
              args.push({ array: this.next().v });
              this.next();
              this.next();
            } else args.push({ expr: this.expr() });
            if (!this.is(")")) this.expect(",");
          }
          this.expect(")");
          return { k: "call", name: t.v, args };
        }
        return { k: "var", name: t.v };
      }
      default:
        this.p--;
        throw this.syntaxError();
    }
  }
}

/** `quit` stops bc as soon as it is read. */
export class QuitSignal extends Error {}
