import type { ArithExpr, ArithSource, Word } from "./ast.js";

/**
 * Arithmetic expressions: a Pratt parser over the expanded text, with bash's
 * precedence (comma < assignment < ?: < || < && < | < ^ < & < == != < < > <= >=
 * < << >> < + - < * / % < ** < unary < postfix).
 */

/** A bash arithmetic error: printed as `TEXT: MESSAGE (error token is "TOKEN")`. */
export class ArithError extends Error {
  constructor(
    message: string,
    readonly token: string,
  ) {
    super(message);
    this.name = "ArithError";
  }
  /** The expression bash names in the message when it is not the outer text (a variable's value). */
  expr?: string;
}

const BINARY_PREC: Record<string, number> = {
  "||": 3, "&&": 4, "|": 5, "^": 6, "&": 7,
  "==": 8, "!=": 8, "<": 9, ">": 9, "<=": 9, ">=": 9,
  "<<": 10, ">>": 10, "+": 11, "-": 11, "*": 12, "/": 12, "%": 12, "**": 13,
};
const ASSIGN_OPS = new Set(["=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|="]);
const OPERATORS = [
  "<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
  "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=",
  "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "^", "|", "?", ":", ",", "(", ")",
];

type Tok = { k: "num"; v: number | bigint; s: number } | { k: "id"; v: string; s: number } | { k: "op"; v: string; s: number } | { k: "bad"; s: number } | { k: "end"; s: number };

const cache = new Map<string, ArithExpr | ArithError>();

/** Parses arithmetic text, memoised (loops re-evaluate the same text). Throws ArithError. */
export function parseArith(text: string): ArithExpr {
  let r = cache.get(text);
  if (r === undefined) {
    try {
      r = new ArithParser(text).parseAll();
    } catch (e) {
      if (!(e instanceof ArithError)) throw e;
      r = e;
    }
    if (cache.size > 5000) cache.clear();
    cache.set(text, r);
  }
  if (r instanceof ArithError) throw r;
  return r;
}

/** Builds the AST-side record: parsed now when the text holds no expansions. */
export function parseArithSource(source: string, word: Word): ArithSource {
  // bash's reader drops line continuations before the arithmetic sees the text.
  const text = source.includes("\\\n") ? source.replace(/\\\n/g, "") : source;
  const plain = word.parts.every((p) => p.type === "Literal");
  if (!plain) return { text, word, expr: null, error: null };
  try {
    return { text, word, expr: parseArith(text), error: null };
  } catch (e) {
    if (e instanceof ArithError) return { text, word, expr: null, error: e.message };
    throw e;
  }
}

/** Parses a number literal as bash does (0x.., 0.., base#digits). */
export function parseArithNumber(s: string): number | bigint {
  let base = 10;
  let digits = s;
  const hash = s.indexOf("#");
  if (hash >= 0) {
    base = Number(s.slice(0, hash));
    digits = s.slice(hash + 1);
    if (!(base >= 2 && base <= 64) || !/^\d+$/.test(s.slice(0, hash))) throw new ArithError("invalid arithmetic base", s);
    if (digits === "") throw new ArithError("invalid integer constant", s);
  } else if (/^0[xX]/.test(s)) {
    base = 16;
    digits = s.slice(2);
    // bash reads a bare 0x as 0.
  } else if (s.length > 1 && s[0] === "0") {
    base = 8;
    digits = s.slice(1);
  }
  let n = 0n;
  const B = BigInt(base);
  for (const ch of digits) {
    let d: number;
    if (ch >= "0" && ch <= "9") d = ch.charCodeAt(0) - 48;
    else if (ch >= "a" && ch <= "z") d = ch.charCodeAt(0) - 97 + 10;
    else if (ch >= "A" && ch <= "Z") d = base <= 36 ? ch.charCodeAt(0) - 65 + 10 : ch.charCodeAt(0) - 65 + 36;
    else if (ch === "@") d = 62;
    else if (ch === "_") d = 63;
    else throw new ArithError("value too great for base", s);
    if (d >= base) throw new ArithError("value too great for base", s);
    n = n * B + BigInt(d);
  }
  n = BigInt.asIntN(64, n);
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}

/** Nesting beyond this is refused (bash: "expression recursion level exceeded"). */
const MAX_ARITH_NESTING = 1000;

class ArithParser {
  private toks: Tok[] = [];
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    this.tokenize();
  }

  private tokenize(): void {
    const t = this.text;
    let p = 0;
    while (p < t.length) {
      const c = t[p];
      if (c === " " || c === "\t" || c === "\n") {
        p++;
        continue;
      }
      if (c >= "0" && c <= "9") {
        const m = /^[0-9][0-9a-zA-Z@_#]*/.exec(t.slice(p))!;
        // "5#" digits may include letters, @ and _; a plain number stops at non-alnum.
        const s = m[0];
        this.toks.push({ k: "num", v: parseArithNumberAt(s, t.slice(p)), s: p });
        p += s.length;
        continue;
      }
      if (/[A-Za-z_]/.test(c)) {
        const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(t.slice(p))!;
        this.toks.push({ k: "id", v: m[0], s: p });
        p += m[0].length;
        continue;
      }
      if (c === "[" ) {
        // subscript: kept as raw text up to the matching ]
        let depth = 0;
        let q = p;
        for (; q < t.length; q++) {
          if (t[q] === "[") depth++;
          else if (t[q] === "]" && --depth === 0) break;
        }
        if (q >= t.length) {
          const prev = this.toks[this.toks.length - 1];
          throw new ArithError("bad array subscript", t.slice(prev?.k === "id" ? prev.s : p));
        }
        this.toks.push({ k: "op", v: "[" + t.slice(p + 1, q) + "]", s: p });
        p = q + 1;
        continue;
      }
      let op = OPERATORS.find((o) => t.startsWith(o, p));
      if (op === "++" || op === "--") {
        // bash's lexer: ++/-- after a variable is postfix, before one (blanks allowed) prefix;
        // anywhere else it is two signs (`5 ++` is 5 + + ..., `++5` is 5).
        const prev = this.toks[this.toks.length - 1];
        const afterVar = prev !== undefined && (prev.k === "id" || (prev.k === "op" && prev.v.startsWith("[") && prev.v.length > 1));
        if (!afterVar && !/^[ \t\n]*[A-Za-z_]/.test(t.slice(p + 2))) op = op[0];
      }
      if (!op) {
        // bash's lexer meets an unknown character only when the parser asks for the
        // next token: where an operand is due it reports "operand expected".
        this.toks.push({ k: "bad", s: p });
        break;
      }
      this.toks.push({ k: "op", v: op, s: p });
      p += op.length;
    }
    this.toks.push({ k: "end", s: t.length });
  }

  private peek(): Tok {
    return this.toks[this.i];
  }

  private rest(tok: Tok): string {
    return this.text.slice(tok.s);
  }

  parseAll(): ArithExpr {
    if (this.peek().k === "end") return { t: "num", value: 0 };
    const e = this.comma();
    const t = this.peek();
    if (t.k === "bad") throw new ArithError("syntax error: invalid arithmetic operator", this.rest(t));
    if (t.k !== "end") throw new ArithError("syntax error in expression", this.rest(t));
    return e;
  }

  private comma(): ArithExpr {
    let left = this.assign();
    while (this.isOp(",")) {
      this.i++;
      left = { t: "comma", left, right: this.assign() };
    }
    return left;
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t.k === "op" && t.v === v;
  }

  private assign(): ArithExpr {
    const start = this.peek();
    const left = this.ternary();
    const t = this.peek();
    if (t.k === "op" && ASSIGN_OPS.has(t.v)) {
      if (left.t !== "var") throw new ArithError("attempted assignment to non-variable", this.rest(t));
      this.i++;
      const value = this.assign();
      return { t: "assign", op: t.v, target: left, value };
    }
    void start;
    return left;
  }

  private ternary(): ArithExpr {
    const test = this.binary(3);
    if (!this.isOp("?")) return test;
    this.i++;
    if (this.isOp(":")) throw new ArithError("expression expected", this.rest(this.peek()));
    const then = this.comma();
    if (!this.isOp(":")) throw new ArithError("`:' expected for conditional expression", this.operandToken());
    this.i++;
    if (this.peek().k === "end") throw new ArithError("expression expected", this.operandToken());
    const els = this.ternary();
    return { t: "cond", test, then, else: els };
  }

  private binary(minPrec: number): ArithExpr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.k !== "op") break;
      const prec = BINARY_PREC[t.v];
      if (prec === undefined || prec < minPrec) break;
      this.i++;
      // ** is right-associative; the rest are left-associative.
      const right = t.v === "**" ? this.binary(prec) : this.binary(prec + 1);
      left = t.v === "&&" || t.v === "||" ? { t: "logical", op: t.v, left, right } : { t: "binary", op: t.v, left, right };
    }
    return left;
  }

  private unary(): ArithExpr {
    if (++this.depth > MAX_ARITH_NESTING) throw new ArithError("expression recursion level exceeded", this.rest(this.peek()));
    try {
      return this.unaryInner();
    } finally {
      this.depth--;
    }
  }

  private unaryInner(): ArithExpr {
    const t = this.peek();
    if (t.k === "op") {
      if (t.v === "++" || t.v === "--") {
        this.i++;
        const target = this.unary();
        if (target.t !== "var") throw new ArithError("syntax error: operand expected", this.rest(this.peek()));
        return { t: "incdec", op: t.v, prefix: true, target };
      }
      if (t.v === "-" || t.v === "+" || t.v === "!" || t.v === "~") {
        this.i++;
        return { t: "unary", op: t.v, arg: this.unary() };
      }
    }
    return this.postfix();
  }

  private postfix(): ArithExpr {
    const e = this.primary();
    const t = this.peek();
    if (e.t === "var" && t.k === "op" && (t.v === "++" || t.v === "--")) {
      this.i++;
      return { t: "incdec", op: t.v, prefix: false, target: e };
    }
    return e;
  }

  private primary(): ArithExpr {
    const t = this.peek();
    if (t.k === "num") {
      this.i++;
      return { t: "num", value: t.v };
    }
    if (t.k === "id") {
      this.i++;
      const n = this.peek();
      if (n.k === "op" && n.v.startsWith("[")) {
        this.i++;
        const text = n.v.slice(1, -1);
        let index: ArithExpr | null = null;
        try {
          index = text.includes("$") || text.includes("`") ? null : parseArith(text);
        } catch {
          index = null;
        }
        return { t: "var", name: t.v, index, indexText: text };
      }
      return { t: "var", name: t.v, index: null, indexText: null };
    }
    if (t.k === "op" && t.v === "(") {
      this.i++;
      const e = this.comma();
      if (!this.isOp(")")) throw new ArithError("missing `)'", this.operandToken());
      this.i++;
      return e;
    }
    if (t.k === "end") throw new ArithError("syntax error: operand expected", this.operandToken());
    throw new ArithError("syntax error: operand expected", this.operandToken());
  }

  /** bash reports the operator before a missing operand ("1 + " -> "+ "). */
  private operandToken(): string {
    const t = this.peek();
    if (t.k === "end" && this.i > 0) return this.rest(this.toks[this.i - 1]);
    return this.rest(t);
  }
}

function parseArithNumberAt(s: string, rest: string): number | bigint {
  try {
    return parseArithNumber(s);
  } catch (e) {
    if (e instanceof ArithError) throw new ArithError(e.message, rest.slice(0, s.length) === s ? s : e.token);
    throw e;
  }
}
