import type { ArithExpr } from "../parser/ast.js";
import { ArithError, parseArith } from "../parser/parse-arith.js";
import { ShellError, SubscriptError } from "./errors.js";
import type { Shell } from "./shell.js";
import { Attr, isAssoc, isIndexed } from "./variables.js";

/**
 * Evaluates arithmetic with bash's 64-bit wrap-around integers. Values are JS
 * numbers while they are safe integers, BigInt beyond (exact at full width).
 */

type N = number | bigint;

const MAX_RECURSION = 1024;

function big(a: N): bigint {
  return typeof a === "bigint" ? a : BigInt(a);
}

function norm(b: bigint): N {
  b = BigInt.asIntN(64, b);
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

function truthy(a: N): boolean {
  return a !== 0 && a !== 0n;
}

/** Evaluates arithmetic text; errors become bash's message (a fatal ShellError). */
export function evalArithText(sh: Shell, text: string, prefix = ""): N {
  try {
    return new ArithEval(sh, text).run(parseArith(text));
  } catch (e) {
    if (e instanceof ArithError) throw arithShellError(text, e, prefix);
    throw e;
  }
}

/** An indexed array's subscript as a number; one that does not evaluate ends the shell (SubscriptError). */
export function evalSubscript(sh: Shell, text: string): number {
  try {
    return Number(evalArithText(sh, text));
  } catch (e) {
    if (e instanceof ShellError && e.status !== 127 && !(e instanceof SubscriptError)) throw new SubscriptError(e.message);
    throw e;
  }
}

/** Evaluates a parsed expression (text is for messages). */
export function evalArithExpr(sh: Shell, expr: ArithExpr, text: string, prefix = ""): N {
  try {
    return new ArithEval(sh, text).run(expr);
  } catch (e) {
    if (e instanceof ArithError) throw arithShellError(text, e, prefix);
    throw e;
  }
}

export function arithShellError(text: string, e: ArithError, prefix = ""): ShellError {
  let shown = e.expr ?? text;
  // A bad number is reported while bash's lexer has cut the text just after it.
  const at = e.expr === undefined && (e.message === "value too great for base" || e.message === "invalid arithmetic base" || e.message === "invalid integer constant") ? shown.indexOf(e.token) : -1;
  if (at >= 0) shown = shown.slice(0, at + e.token.length);
  shown = shown.replace(/^[ \t\n]+/, "");
  return new ShellError(`${prefix}${shown}: ${e.message} (error token is "${e.token}")`, 1, true);
}

class ArithEval {
  declare private readonly sh: Shell;
  declare private readonly text: string;
  declare private depth: number;
  // Assigned, not class fields: a field makes V8 compile the class body again at the first instance.
  constructor(sh: Shell, text: string) {
    this.sh = sh;
    this.text = text;
    this.depth = 0;
  }

  run(e: ArithExpr): N {
    return this.ev(e);
  }

  private ev(e: ArithExpr): N {
    switch (e.t) {
      case "num":
        return e.value;
      case "var":
        return this.readVar(e);
      case "unary": {
        const v = this.ev(e.arg);
        switch (e.op) {
          case "-":
            return typeof v === "number" ? (v === 0 ? 0 : -v) : norm(-v);
          case "+":
            return v;
          case "!":
            return truthy(v) ? 0 : 1;
          default:
            return typeof v === "number" && v >= -2147483648 && v <= 2147483647 ? ~v : norm(~big(v));
        }
      }
      case "incdec": {
        const old = this.readVar(e.target as Extract<ArithExpr, { t: "var" }>);
        const next = e.op === "++" ? add(old, 1) : add(old, -1);
        this.writeVar(e.target as Extract<ArithExpr, { t: "var" }>, next);
        return e.prefix ? next : old;
      }
      case "logical": {
        const l = truthy(this.ev(e.left));
        if (e.op === "&&") return l && truthy(this.ev(e.right)) ? 1 : 0;
        return l || truthy(this.ev(e.right)) ? 1 : 0;
      }
      case "binary":
        return this.binary(e.op, this.ev(e.left), this.ev(e.right), e.right);
      case "assign": {
        const target = e.target as Extract<ArithExpr, { t: "var" }>;
        let v = this.ev(e.value);
        if (e.op !== "=") v = this.binary(e.op.slice(0, -1), this.readVar(target), v, e.value);
        this.writeVar(target, v);
        return v;
      }
      case "cond":
        return truthy(this.ev(e.test)) ? this.ev(e.then) : this.ev(e.else);
      case "comma":
        this.ev(e.left);
        return this.ev(e.right);
    }
  }

  private binary(op: string, a: N, b: N, rightNode: ArithExpr): N {
    switch (op) {
      case "+":
        return add(a, b);
      case "-":
        return add(a, typeof b === "number" ? -b : -b);
      case "*":
        if (typeof a === "number" && typeof b === "number") {
          const r = a * b;
          if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
        }
        return norm(big(a) * big(b));
      case "/":
      case "%": {
        if (!truthy(b)) throw new ArithError("division by 0", this.tokenOf(rightNode));
        if (typeof a === "number" && typeof b === "number") {
          const r = op === "/" ? Math.trunc(a / b) : a % b;
          return r === 0 ? 0 : r;
        }
        const A = big(a);
        const B = big(b);
        if (A === -9223372036854775808n && B === -1n) return op === "/" ? norm(A) : 0;
        return norm(op === "/" ? A / B : A % B);
      }
      case "**": {
        if ((typeof b === "number" ? b : Number(b)) < 0) throw new ArithError("exponent less than 0", this.tokenOf(rightNode));
        if (typeof a === "number" && typeof b === "number") {
          const r = a ** b;
          if (Number.isSafeInteger(r)) return r;
        }
        return norm(powMod64(big(a), big(b)));
      }
      case "<<":
        return norm(big(a) << (big(b) & 63n));
      case ">>":
        return norm(BigInt.asIntN(64, big(a)) >> (big(b) & 63n));
      case "&":
        return bitop(a, b, (x, y) => x & y, (x, y) => x & y);
      case "|":
        return bitop(a, b, (x, y) => x | y, (x, y) => x | y);
      case "^":
        return bitop(a, b, (x, y) => x ^ y, (x, y) => x ^ y);
      case "==":
        return cmp(a, b) === 0 ? 1 : 0;
      case "!=":
        return cmp(a, b) !== 0 ? 1 : 0;
      case "<":
        return cmp(a, b) < 0 ? 1 : 0;
      case ">":
        return cmp(a, b) > 0 ? 1 : 0;
      case "<=":
        return cmp(a, b) <= 0 ? 1 : 0;
      case ">=":
        return cmp(a, b) >= 0 ? 1 : 0;
      default:
        throw new ArithError("syntax error in expression", op);
    }
  }

  /** bash's error token for an operand: the text from that operand on. */
  private tokenOf(node: ArithExpr): string {
    if (node.t === "unary") return this.tokenOf(node.arg);
    if (node.t === "num") {
      const s = String(node.value);
      const i = this.text.lastIndexOf(s);
      return i >= 0 ? this.text.slice(i) : s;
    }
    if (node.t === "var") {
      const i = this.text.lastIndexOf(node.name);
      return i >= 0 ? this.text.slice(i) : node.name;
    }
    return "";
  }

  private readVar(e: Extract<ArithExpr, { t: "var" }>): N {
    const sh = this.sh;
    let raw: string | undefined;
    if (e.indexText !== null) {
      const v = sh.resolve(e.name);
      if (v && isAssoc(v)) raw = v.value.get(this.assocKey(e.indexText));
      else {
        const i = this.index(e);
        if (v && isIndexed(v)) raw = v.value[i < 0 ? v.value.length + i : i];
        else if (i === 0 || i === -1) raw = sh.get(e.name);
      }
    } else raw = sh.get(e.name);
    if (raw === undefined || raw === "") {
      if (raw === undefined && sh.options.has("nounset")) throw new ShellError(`${e.name}: unbound variable`, 127, true);
      return 0;
    }
    return this.valueOf(raw);
  }

  /** A variable's text as a number: a literal, or an expression evaluated recursively. */
  private valueOf(raw: string): N {
    // bash's arithmetic blanks are space, tab and newline (a \r is an error, as in x=$'3\r').
    const t = isArithBlank(raw.charCodeAt(0)) || isArithBlank(raw.charCodeAt(raw.length - 1)) ? raw.replace(/^[ \t\n]+|[ \t\n]+$/g, "") : raw;
    if (/^-?[1-9][0-9]{0,14}$/.test(t) || t === "0") return Number(t);
    if (++this.depth > MAX_RECURSION) {
      const err = new ArithError("expression recursion level exceeded", t);
      err.expr = t;
      throw err;
    }
    try {
      return this.ev(parseArith(raw));
    } catch (e) {
      if (e instanceof ArithError && e.expr === undefined) e.expr = raw;
      throw e;
    } finally {
      this.depth--;
    }
  }

  private index(e: Extract<ArithExpr, { t: "var" }>): number {
    let idx: N;
    try {
      idx = e.index ? this.ev(e.index) : evalSubscript(this.sh, e.indexText ?? "0");
    } catch (err) {
      // The subscript is bash's own evaluation: evaluated again alone, its error names its own
      // text and ends the shell (a SubscriptError).
      if (err instanceof ArithError) evalSubscript(this.sh, e.indexText ?? "0");
      throw err;
    }
    return Number(idx);
  }

  private assocKey(text: string): string {
    return text;
  }

  private writeVar(e: Extract<ArithExpr, { t: "var" }>, value: N): void {
    const sh = this.sh;
    const s = String(value);
    if (e.indexText !== null) {
      const v = sh.resolve(e.name, true);
      if (v && isAssoc(v)) {
        v.value.set(this.assocKey(e.indexText), s);
        return;
      }
      sh.setElement(e.name, this.index(e), s);
      return;
    }
    const v = sh.resolve(e.name);
    if (v && v.attrs & Attr.Integer) {
      // Already an integer: store without re-evaluating.
      sh.set(e.name, s);
      return;
    }
    sh.set(e.name, s);
  }
}

function add(a: N, b: N): N {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return norm(big(a) + big(b));
}

function cmp(a: N, b: N): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const A = big(a);
  const B = big(b);
  return A < B ? -1 : A > B ? 1 : 0;
}

function bitop(a: N, b: N, small: (x: number, y: number) => number, wide: (x: bigint, y: bigint) => bigint): N {
  if (typeof a === "number" && typeof b === "number" && a >= -2147483648 && a <= 2147483647 && b >= -2147483648 && b <= 2147483647) {
    return small(a, b);
  }
  return norm(wide(BigInt.asIntN(64, big(a)), BigInt.asIntN(64, big(b))));
}

function powMod64(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = BigInt.asIntN(64, base);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = BigInt.asIntN(64, result * b);
    b = BigInt.asIntN(64, b * b);
    e >>= 1n;
  }
  return result;
}

function isArithBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10;
}
