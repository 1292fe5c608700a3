import type { CommandContext, CommandDef } from "./types.js";
import { quoteValue } from "./_lib/quote.js";
import { compileTree, parseRegex, RegexSyntaxError } from "./_lib/regex/index.js";
import { cat } from "./_lib/regex/ast.js";

/**
 * expr (GNU coreutils 9.1): evaluates its arguments as an expression, with
 * arbitrary-precision integers, byte-order string comparison (strcoll in
 * C.UTF-8), and `STRING : REGEX` as a BRE anchored at the start of STRING.
 * Prints the value; status 1 when it is null (empty or zero), 2 for a bad
 * expression, 3 for an internal error.
 *
 *   expr   := and ( "|" and )*
 *   and    := cmp ( "&" cmp )*
 *   cmp    := sum ( ("<" | "<=" | "=" | "==" | "!=" | ">=" | ">") sum )*
 *   sum    := prod ( ("+" | "-") prod )*
 *   prod   := match ( ("*" | "/" | "%") match )*
 *   match  := unary ( ":" unary )*
 *   unary  := "+" TOKEN | "length" unary | "match" unary unary
 *           | "index" unary unary | "substr" unary unary unary | primary
 *   primary:= "(" expr ")" | TOKEN
 */

const HELP = `Usage: expr EXPRESSION
  or:  expr OPTION

      --help        display this help and exit
      --version     output version information and exit

Print the value of EXPRESSION to standard output.
`;

const EXPR_INVALID = 2;

type Value = bigint | string;

/** An error that ends expr with a message and status. */
class ExprError extends Error {
  constructor(
    message: string,
    readonly status = EXPR_INVALID,
  ) {
    super(message);
  }
}

const INTEGER = /^-?\d+$/;

function isNull(v: Value): boolean {
  if (typeof v === "bigint") return v === 0n;
  return v === "" || /^-?0+$/.test(v);
}

function toText(v: Value): string {
  return typeof v === "bigint" ? v.toString() : v;
}

function toInt(v: Value): bigint | null {
  if (typeof v === "bigint") return v;
  return INTEGER.test(v) ? BigInt(v) : null;
}

/** Characters, as mbslen counts them (an invalid byte is one). */
function chars(s: string): string[] {
  return [...s];
}

/** strcmp over UTF-8 bytes: code point order, which C.UTF-8's strcoll gives. */
function compareStrings(a: string, b: string): number {
  const ca = chars(a);
  const cb = chars(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = ca[i].codePointAt(0)! - cb[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/** size_t as GNU's getsize reads it: negative is SIZE_MAX, huge is SIZE_MAX - 1. */
function getSize(i: bigint): number {
  if (i < 0n) return Number.MAX_SAFE_INTEGER;
  return i >= BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER - 1 : Number(i);
}

class Evaluator {
  private pos = 0;

  constructor(
    private readonly args: string[],
    private readonly ctx: CommandContext,
  ) {}

  get done(): boolean {
    return this.pos >= this.args.length;
  }

  get current(): string {
    return this.args[this.pos];
  }

  private next(token: string): boolean {
    if (this.pos < this.args.length && this.args[this.pos] === token) {
      this.pos++;
      return true;
    }
    return false;
  }

  private missingAfter(): ExprError {
    return new ExprError(`syntax error: missing argument after ${quoteValue(this.args[this.pos - 1])}`);
  }

  expr(evaluate: boolean): Value {
    let l = this.and(evaluate);
    while (this.next("|")) {
      const r = this.and(evaluate && isNull(l));
      if (isNull(l)) l = isNull(r) ? 0n : r;
    }
    return l;
  }

  private and(evaluate: boolean): Value {
    let l = this.cmp(evaluate);
    while (this.next("&")) {
      const r = this.cmp(evaluate && !isNull(l));
      if (isNull(l) || isNull(r)) l = 0n;
    }
    return l;
  }

  private cmp(evaluate: boolean): Value {
    let l = this.sum(evaluate);
    for (;;) {
      const op = ["<", "<=", "=", "==", "!=", ">=", ">"].find((o) => this.next(o));
      if (!op) return l;
      const r = this.sum(evaluate);
      if (!evaluate) {
        l = 0n;
        continue;
      }
      const a = toText(l);
      const b = toText(r);
      const c = INTEGER.test(a) && INTEGER.test(b) ? Number(BigInt(a) - BigInt(b)) : compareStrings(a, b);
      const truth = op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === "=" || op === "==" ? c === 0 : op === "!=" ? c !== 0 : op === ">=" ? c >= 0 : c > 0;
      l = truth ? 1n : 0n;
    }
  }

  private arith(l: Value, r: Value, op: string): bigint {
    const a = toInt(l);
    const b = toInt(r);
    if (a === null || b === null) throw new ExprError("non-integer argument");
    if ((op === "/" || op === "%") && b === 0n) throw new ExprError("division by zero");
    // BigInt division truncates toward zero, as mpz_tdiv_q/r do.
    return op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : op === "/" ? a / b : a % b;
  }

  private sum(evaluate: boolean): Value {
    let l = this.prod(evaluate);
    for (;;) {
      const op = ["+", "-"].find((o) => this.next(o));
      if (!op) return l;
      const r = this.prod(evaluate);
      l = evaluate ? this.arith(l, r, op) : 0n;
    }
  }

  private prod(evaluate: boolean): Value {
    let l = this.match(evaluate);
    for (;;) {
      const op = ["*", "/", "%"].find((o) => this.next(o));
      if (!op) return l;
      const r = this.match(evaluate);
      l = evaluate ? this.arith(l, r, op) : 0n;
    }
  }

  private match(evaluate: boolean): Value {
    let l = this.unary(evaluate);
    while (this.next(":")) {
      const r = this.unary(evaluate);
      if (evaluate) l = this.colon(l, r);
    }
    return l;
  }

  private unary(evaluate: boolean): Value {
    if (this.next("+")) {
      if (this.done) throw this.missingAfter();
      return this.args[this.pos++];
    }
    if (this.next("length")) return BigInt(chars(toText(this.unary(evaluate))).length);
    if (this.next("match")) {
      const l = this.unary(evaluate);
      const r = this.unary(evaluate);
      return evaluate ? this.colon(l, r) : 0n;
    }
    if (this.next("index")) {
      const s = chars(toText(this.unary(evaluate)));
      const set = new Set(chars(toText(this.unary(evaluate))));
      const i = s.findIndex((c) => set.has(c));
      return BigInt(i + 1);
    }
    if (this.next("substr")) {
      const s = chars(toText(this.unary(evaluate)));
      const i1 = toInt(this.unary(evaluate));
      const i2 = toInt(this.unary(evaluate));
      if (i1 === null || i2 === null) return "";
      const pos = getSize(i1);
      const len = getSize(i2);
      if (s.length < pos || pos === 0 || len === 0 || len === Number.MAX_SAFE_INTEGER) return "";
      return s.slice(pos - 1, pos - 1 + Math.min(len, s.length - pos + 1)).join("");
    }
    return this.primary(evaluate);
  }

  private primary(evaluate: boolean): Value {
    if (this.done) throw this.missingAfter();
    if (this.next("(")) {
      const v = this.expr(evaluate);
      if (this.done) throw new ExprError(`syntax error: expecting ')' after ${quoteValue(this.args[this.pos - 1])}`);
      if (!this.next(")")) throw new ExprError(`syntax error: expecting ')' instead of ${quoteValue(this.current)}`);
      return v;
    }
    if (this.next(")")) throw new ExprError("syntax error: unexpected ')'");
    return this.args[this.pos++];
  }

  /** STRING : REGEX, anchored at the start: \1's text, else the match length in characters. */
  private colon(sv: Value, pv: Value): Value {
    const text = toText(sv);
    let parsed;
    try {
      parsed = parseRegex(toText(pv), { syntax: "BRE" });
    } catch (e) {
      if (e instanceof RegexSyntaxError) throw new ExprError(e.message);
      throw e;
    }
    const anchored = { ...parsed, node: cat([{ t: "assert", kind: "bos" }, parsed.node]) };
    const m = compileTree(anchored, { budget: this.ctx.budget }).exec(text, 0);
    if (parsed.groups > 0) {
      if (!m || m.spans[2] < 0) return "";
      return text.slice(m.spans[2], m.spans[3]);
    }
    return m ? BigInt(chars(text.slice(0, m.end)).length) : 0n;
  }
}

function run(ctx: CommandContext): number {
  let args = ctx.args;
  // GNU: only a lone --help / --version (or a prefix) is an option; a leading -- is dropped.
  if (args.length === 1 && args[0].length > 2 && args[0].startsWith("--")) {
    if ("--help".startsWith(args[0])) {
      ctx.stdout.write(HELP);
      return 0;
    }
    if ("--version".startsWith(args[0])) {
      ctx.stdout.write("expr (GNU coreutils) 9.1\n");
      return 0;
    }
  }
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0) {
    ctx.stderr.write("expr: missing operand\nTry 'expr --help' for more information.\n");
    return EXPR_INVALID;
  }
  try {
    const e = new Evaluator(args, ctx);
    const v = e.expr(true);
    if (!e.done) throw new ExprError(`syntax error: unexpected argument ${quoteValue(e.current)}`);
    ctx.stdout.write(toText(v) + "\n");
    return isNull(v) ? 1 : 0;
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    ctx.stderr.write(`expr: ${e.message}\n`);
    return e.status;
  }
}

export const expr: CommandDef = { name: "expr", help: HELP, run };
