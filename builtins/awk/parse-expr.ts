/**
 * awk expressions by recursive descent, following gawk's grammar (awkgram.y)
 * precedences, lowest first:
 *   assignment (right) < ?: (right) < || < && < in < ~ !~ < relational
 *   < concatenation < + - < * / % < unary ! - + < ^ (right) < ++ -- < $ < ( )
 * Concatenation operands cannot start with + or -, so `a -1` subtracts.
 */
import type { AssignOp, CmpOp, Expr, LValue } from "./ast.js";
import { AwkSyntaxError } from "./diagnostics.js";
import { BUILTIN_ARITY, type Lexer, type Token } from "./lexer.js";

const ASSIGN_OPS = new Set(["=", "+=", "-=", "*=", "/=", "%=", "^="]);
const CMP_OPS = new Set(["<", "<=", "==", "!=", ">", ">="]);

export function isLValue(e: Expr): e is LValue {
  return e.k === "var" || e.k === "field" || e.k === "index";
}

export class ExprParser {
  /** Inside an unparenthesized print list `>` is a redirection, not a comparison. */
  protected inPrint = false;
  /** Names of the current function's parameters (for error checks). */
  protected params: Set<string> | null = null;

  constructor(protected readonly lex: Lexer) {}

  protected peek(n = 0): Token {
    return this.lex.peek(n);
  }

  protected isOp(t: Token, text: string): boolean {
    return t.kind === "op" && t.text === text;
  }

  protected atOp(text: string): boolean {
    return this.isOp(this.peek(), text);
  }

  protected atKw(text: string): boolean {
    const t = this.peek();
    return t.kind === "kw" && t.text === text;
  }

  protected fail(t: Token = this.peek(), message?: string): never {
    const msg = message ?? (t.kind === "newline" || t.kind === "eof" ? "unexpected newline or end of string" : "syntax error");
    // gawk has already counted the newline when it reports it.
    const line = t.kind === "newline" ? t.line + 1 : t.line;
    throw new AwkSyntaxError(msg, t.src, t.pos, line);
  }

  protected expectOp(text: string): Token {
    const t = this.peek();
    if (!this.isOp(t, text)) this.fail(t);
    return this.lex.next();
  }

  protected skipNewlines(): void {
    while (this.peek().kind === "newline") this.lex.next();
  }

  /** expr: ternary | lvalue assign_op expr */
  parseExpr(): Expr {
    const lhs = this.parseTernary();
    const t = this.peek();
    if (t.kind === "op" && ASSIGN_OPS.has(t.text) && isLValue(lhs)) {
      this.lex.next();
      this.skipNewlines();
      const value = this.parseExpr();
      return { k: "assign", op: t.text as AssignOp, target: lhs, value, line: t.line };
    }
    return lhs;
  }

  /** Parses with `>` meaning comparison again (inside parentheses, brackets, arguments). */
  protected nested<T>(f: () => T): T {
    const saved = this.inPrint;
    this.inPrint = false;
    try {
      return f();
    } finally {
      this.inPrint = saved;
    }
  }

  private parseTernary(): Expr {
    const c = this.parseOr();
    if (!this.atOp("?")) return c;
    const q = this.lex.next();
    this.skipNewlines();
    const t = this.parseExprNoAssignTail();
    this.skipNewlines();
    this.expectOp(":");
    this.skipNewlines();
    const f = this.parseExprNoAssignTail();
    return { k: "cond", c, t, f, line: q.line };
  }

  /** The branches of ?: may themselves be assignments (gawk accepts `c ? x = 1 : y`). */
  private parseExprNoAssignTail(): Expr {
    return this.parseExpr();
  }

  private parseOr(): Expr {
    let l = this.parseAnd();
    while (this.atOp("||")) {
      const t = this.lex.next();
      this.skipNewlines();
      const r = this.parseAnd();
      l = { k: "or", l, r, line: t.line };
    }
    return l;
  }

  private parseAnd(): Expr {
    let l = this.parseIn();
    while (this.atOp("&&")) {
      const t = this.lex.next();
      this.skipNewlines();
      const r = this.parseIn();
      l = { k: "and", l, r, line: t.line };
    }
    return l;
  }

  private parseIn(): Expr {
    let l = this.parseMatch();
    while (this.atKw("in")) {
      const t = this.lex.next();
      const name = this.expectName();
      const path = this.subscriptGroups();
      l = { k: "in", subs: l.k === "grouplist" ? l.items : [l], name, path: path.length ? path : undefined, line: t.line };
    }
    return l;
  }

  protected expectName(): string {
    const t = this.peek();
    if (t.kind !== "name") this.fail(t);
    this.lex.next();
    return t.text;
  }

  private parseMatch(): Expr {
    let l = this.parseRel();
    for (;;) {
      const t = this.peek();
      if (!(this.isOp(t, "~") || this.isOp(t, "!~"))) return l;
      this.lex.next();
      const r = this.parseRel();
      l = { k: "match", neg: t.text === "!~", l, r, line: t.line };
    }
  }

  /** Comparisons do not chain: `a < b < c` is a syntax error (gawk's %nonassoc RELOP). */
  private parseRel(): Expr {
    const l = this.parseConcat();
    const t = this.peek();
    if (t.kind !== "op" || !CMP_OPS.has(t.text)) return l;
    if (t.text === ">" && this.inPrint) return l;
    this.lex.next();
    const r = this.parseConcat();
    const n = this.peek();
    if (n.kind === "op" && CMP_OPS.has(n.text) && !(n.text === ">" && this.inPrint)) this.fail(n);
    return { k: "cmp", op: t.text as CmpOp, l, r, line: t.line };
  }

  /** Whether t can begin a concatenation operand (anything but + and -). */
  private startsOperand(t: Token): boolean {
    switch (t.kind) {
      case "num": case "str": case "ere": case "name": case "funcname": case "builtin":
        return true;
      case "op":
        return t.text === "$" || t.text === "!" || t.text === "(" || t.text === "++" || t.text === "--";
      case "kw":
        return false;
      default:
        return false;
    }
  }

  private parseConcat(): Expr {
    let l = this.parseAdditive();
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, "|") || this.isOp(t, "|&")) {
        const g = this.peek(1);
        if (g.kind === "kw" && g.text === "getline") {
          this.lex.next();
          this.lex.next();
          const target = this.parseOptLValue();
          l = { k: "getline", src: t.text === "|" ? "cmd" : "coproc", target, from: l, line: t.line };
          continue;
        }
        return l;
      }
      if (!this.startsOperand(t)) return l;
      // `a in b` inside a concatenation is handled by parseIn; a regex after an operand is division.
      const r = this.parseAdditive();
      l = { k: "concat", l, r, line: t.line };
    }
  }

  private parseAdditive(): Expr {
    let l = this.parseMul();
    for (;;) {
      const t = this.peek();
      if (!(this.isOp(t, "+") || this.isOp(t, "-"))) return l;
      this.lex.next();
      const r = this.parseMul();
      l = { k: "binary", op: t.text as "+" | "-", l, r, line: t.line };
    }
  }

  private parseMul(): Expr {
    let l = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (!(this.isOp(t, "*") || this.isOp(t, "/") || this.isOp(t, "%"))) return l;
      this.lex.next();
      const r = this.parseUnary();
      l = { k: "binary", op: t.text as "*" | "/" | "%", l, r, line: t.line };
    }
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (this.isOp(t, "!") || this.isOp(t, "-") || this.isOp(t, "+")) {
      this.lex.next();
      const e = this.parseUnary();
      if (t.text === "-" && e.k === "num") return { k: "num", v: -e.v, line: t.line };
      return { k: "unary", op: t.text as "!" | "-" | "+", e, line: t.line };
    }
    return this.parsePow();
  }

  private parsePow(): Expr {
    const base = this.parsePostfix();
    if (!this.atOp("^")) return base;
    const t = this.lex.next();
    // Right-associative, and the exponent may carry its own sign: 2^-1, 2^3^2.
    const exp = this.parsePowOperand();
    return { k: "binary", op: "^", l: base, r: exp, line: t.line };
  }

  private parsePowOperand(): Expr {
    const t = this.peek();
    if (this.isOp(t, "-") || this.isOp(t, "+") || this.isOp(t, "!")) {
      this.lex.next();
      const e = this.parsePowOperand();
      return { k: "unary", op: t.text as "!" | "-" | "+", e, line: t.line };
    }
    return this.parsePow();
  }

  private parsePostfix(): Expr {
    const e = this.parsePrimary();
    const t = this.peek();
    if ((this.isOp(t, "++") || this.isOp(t, "--")) && isLValue(e)) {
      this.lex.next();
      return { k: "incdec", op: t.text as "++" | "--", prefix: false, target: e, line: t.line };
    }
    return e;
  }

  /** An optional variable after getline: name, name[subs] or $expr. */
  private parseOptLValue(): LValue | null {
    const t = this.peek();
    if (t.kind === "name" || this.isOp(t, "$")) {
      const e = this.parsePrimary();
      if (!isLValue(e)) this.fail(t);
      return e;
    }
    return null;
  }

  /** expr_list: expr (',' opt_nls expr)* -- newlines may follow a comma only. */
  protected parseExprList(close: string): Expr[] {
    const items: Expr[] = [];
    if (this.atOp(close)) return items;
    for (;;) {
      items.push(this.parseExpr());
      if (!this.atOp(",")) break;
      this.lex.next();
      this.skipNewlines();
    }
    return items;
  }

  protected parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case "num":
        this.lex.next();
        return { k: "num", v: t.num, line: t.line };
      case "str":
        this.lex.next();
        return { k: "str", v: t.text, line: t.line };
      case "ere":
        this.lex.next();
        return { k: "regex", src: t.text, line: t.line };
      case "name":
        return this.parseName();
      case "funcname": {
        this.lex.next();
        this.lex.next(); // "("
        const args = this.nested(() => this.parseExprList(")"));
        this.expectOp(")");
        return { k: "call", name: t.text, args, line: t.line };
      }
      case "builtin":
        return this.parseBuiltin();
      case "kw":
        if (t.text === "getline") return this.parseSimpleGetline();
        return this.fail(t);
      case "op":
        return this.parseOpPrimary(t);
      default:
        return this.fail(t);
    }
  }

  /** Any number of `[expr_list]` groups (gawk's arrays of arrays). */
  protected subscriptGroups(): Expr[][] {
    const groups: Expr[][] = [];
    while (this.atOp("[")) {
      this.lex.next();
      const subs = this.nested(() => this.parseExprList("]"));
      if (subs.length === 0) this.fail();
      this.expectOp("]");
      groups.push(subs);
    }
    return groups;
  }

  private parseName(): Expr {
    const t = this.lex.next();
    const groups = this.subscriptGroups();
    if (groups.length) {
      const subs = groups.pop()!;
      return { k: "index", name: t.text, path: groups.length ? groups : undefined, subs, line: t.line };
    }
    return { k: "var", name: t.text, line: t.line };
  }

  private parseBuiltin(): Expr {
    const t = this.lex.next();
    if (!this.atOp("(")) {
      if (t.text === "length") return { k: "builtin", name: "length", args: [], line: t.line };
      return this.fail();
    }
    this.lex.next();
    const args = this.nested(() => this.parseExprList(")"));
    const [min, max] = BUILTIN_ARITY[t.text] ?? [0, Infinity];
    if (this.atOp(")") && (args.length < min || args.length > max)) {
      this.fail(this.peek(), `${args.length} is invalid as number of arguments for ${t.text}`);
    }
    if ((t.text === "sub" || t.text === "gsub") && args.length === 3 && !isLValue(args[2]) && this.atOp(")")) {
      this.fail(this.peek(), `${t.text} third parameter is not a changeable object`);
    }
    this.expectOp(")");
    return { k: "builtin", name: t.text, args, line: t.line };
  }

  private parseSimpleGetline(): Expr {
    const t = this.lex.next();
    const target = this.parseOptLValue();
    if (this.atOp("<")) {
      this.lex.next();
      const from = this.parseGetlineFile();
      return { k: "getline", src: "file", target, from, line: t.line };
    }
    this.checkPlainGetline(t);
    return { k: "getline", src: "plain", target, from: null, line: t.line };
  }

  /** Where a non-redirected getline is allowed depends on the rule (the statement parser knows). */
  protected checkPlainGetline(_t: Token): void {}

  /** The file after `getline <`: a primary (so `getline < dir "/" f` reads `dir`, as in gawk). */
  private parseGetlineFile(): Expr {
    const t = this.peek();
    if (this.isOp(t, "-") || this.isOp(t, "+") || this.isOp(t, "!")) {
      this.lex.next();
      return { k: "unary", op: t.text as "-", e: this.parseGetlineFile(), line: t.line };
    }
    return this.parsePostfix();
  }

  private parseOpPrimary(t: Token): Expr {
    switch (t.text) {
      case "$": {
        this.lex.next();
        const n = this.peek();
        let index: Expr;
        if (this.isOp(n, "-") || this.isOp(n, "+") || this.isOp(n, "!")) {
          this.lex.next();
          const e = this.parseFieldOperand();
          index = { k: "unary", op: n.text as "-", e, line: n.line };
        } else {
          index = this.parseFieldOperand();
        }
        return { k: "field", index, line: t.line };
      }
      case "(": {
        this.lex.next();
        const items = this.nested(() => this.parseExprList(")"));
        this.expectOp(")");
        if (items.length === 0) this.fail(this.peek());
        if (items.length === 1) return { k: "group", e: items[0], line: t.line };
        const next = this.peek();
        if (!(next.kind === "kw" && next.text === "in") && !this.inPrintList()) this.fail(next);
        return { k: "grouplist", items, line: t.line };
      }
      case "++":
      case "--": {
        this.lex.next();
        const target = this.parsePrimary();
        if (!isLValue(target)) this.fail(this.peek());
        return { k: "incdec", op: t.text, prefix: true, target, line: t.line };
      }
      case "-":
      case "+":
      case "!":
        return this.parseUnary();
      default:
        return this.fail(t);
    }
  }

  /** Whether a `(a, b)` group may stand here as a print argument list. */
  protected inPrintList(): boolean {
    return false;
  }

  /** The operand of `$`: a primary with prefix ++/--, but no postfix (`$i++` is `($i)++`). */
  private parseFieldOperand(): Expr {
    const t = this.peek();
    if (this.isOp(t, "++") || this.isOp(t, "--")) return this.parseOpPrimary(t);
    if (this.isOp(t, "-") || this.isOp(t, "+") || this.isOp(t, "!")) {
      this.lex.next();
      return { k: "unary", op: t.text as "-", e: this.parseFieldOperand(), line: t.line };
    }
    return this.parsePrimary();
  }
}
