import { add, BcNum, compare, div, format, fromConstant, length, mod, mul, raise, sqrt, sub } from "./number.js";
import type { Expr, FuncDef, LValue, Stmt } from "./parse.js";

/**
 * Running bc programs: dynamically scoped variables and arrays (a call pushes
 * its parameters and autos), GNU's checks and messages for ibase/obase/scale,
 * and GNU's output column count, which wraps long lines with "\" at
 * BC_LINE_LENGTH - 1 characters.
 */

export class BcRuntimeError extends Error {}
export class HaltSignal extends Error {}

type Flow = undefined | "break" | "continue" | { ret: BcNum };
type BcArray = Map<number, BcNum>;

const DIM_MAX = 16777215;
const BASE_MAX = 2147483647;
const SCALE_MAX = 2147483647;

export class BcRuntime {
  scale = 0;
  ibase = 10;
  obase = 10;
  last = BcNum.ZERO;
  private vars = new Map<string, BcNum[]>();
  private arrays = new Map<string, BcArray[]>();
  readonly funcs = new Map<string, FuncDef>();
  private col = 0;
  private out: string[] = [];
  private calls: string[] = [];
  steps = 0;

  constructor(
    private readonly lineSize: number,
    private readonly warn: (message: string) => void,
    private readonly step: () => void,
  ) {}

  /** Output produced so far, leaving the buffer empty. */
  take(): string {
    const s = this.out.join("");
    this.out = [];
    return s;
  }

  private outChar(ch: string): void {
    if (ch === "\n") {
      this.col = 0;
      this.out.push("\n");
      return;
    }
    this.col++;
    if (this.lineSize !== 0 && this.col === this.lineSize - 1) {
      this.out.push("\\\n");
      this.col = 1;
    }
    this.out.push(ch);
  }

  private outText(s: string): void {
    for (const ch of s) this.outChar(ch);
  }

  private funcName(): string {
    return this.calls.length ? this.calls[this.calls.length - 1] : "(main)";
  }

  private runtimeWarning(message: string): void {
    this.warn(`Runtime warning (func=${this.funcName()}, adr=0): ${message}`);
  }

  error(message: string): BcRuntimeError {
    return new BcRuntimeError(`Runtime error (func=${this.funcName()}, adr=0): ${message}`);
  }

  private getVar(name: string): BcNum {
    const s = this.vars.get(name);
    return s && s.length ? s[s.length - 1] : BcNum.ZERO;
  }

  private setVar(name: string, v: BcNum): void {
    let s = this.vars.get(name);
    if (!s) this.vars.set(name, (s = [BcNum.ZERO]));
    if (!s.length) s.push(BcNum.ZERO);
    s[s.length - 1] = v;
  }

  private getArray(name: string): BcArray {
    let s = this.arrays.get(name);
    if (!s) this.arrays.set(name, (s = [new Map()]));
    if (!s.length) s.push(new Map());
    return s[s.length - 1];
  }

  private load(t: LValue): BcNum {
    if (t.k === "var") return this.getVar(t.name);
    if (t.k === "elem") {
      const i = this.elemIndex(t);
      return this.getArray(t.name).get(i) ?? BcNum.ZERO;
    }
    if (t.name === "scale") return BcNum.int(this.scale);
    if (t.name === "ibase") return BcNum.int(this.ibase);
    if (t.name === "obase") return BcNum.int(this.obase);
    return this.last;
  }

  private elemIndex(t: Extract<LValue, { k: "elem" }>): number {
    const n = this.eval(t.index).trunc();
    if (n < 0n || n > BigInt(DIM_MAX)) throw this.error(`Array ${t.name} subscript out of bounds.`);
    return Number(n);
  }

  private store(t: LValue, v: BcNum, index?: number): BcNum {
    if (t.k === "var") this.setVar(t.name, v);
    else if (t.k === "elem") this.getArray(t.name).set(index ?? this.elemIndex(t), v);
    else if (t.name === "last") this.last = v;
    else {
      const n = v.trunc();
      if (t.name === "scale") {
        if (n < 0n) {
          this.runtimeWarning("negative scale, set to 0");
          this.scale = 0;
        } else if (n > BigInt(SCALE_MAX)) {
          this.runtimeWarning(`scale too large, set to ${SCALE_MAX}`);
          this.scale = SCALE_MAX;
        } else this.scale = Number(n);
      } else if (t.name === "ibase") {
        if (n < 2n) {
          this.runtimeWarning("ibase too small, set to 2");
          this.ibase = 2;
        } else if (n > 16n) {
          this.runtimeWarning("ibase too large, set to 16");
          this.ibase = 16;
        } else this.ibase = Number(n);
      } else {
        if (n < 2n) {
          this.runtimeWarning("obase too small, set to 2");
          this.obase = 2;
        } else if (n > BigInt(BASE_MAX)) {
          this.runtimeWarning(`obase too large, set to ${BASE_MAX}`);
          this.obase = BASE_MAX;
        } else this.obase = Number(n);
      }
    }
    return v;
  }

  private arith(op: string, a: BcNum, b: BcNum): BcNum {
    switch (op) {
      case "+":
        return add(a, b);
      case "-":
        return sub(a, b);
      case "*":
        return mul(a, b, this.scale);
      case "/": {
        const r = div(a, b, this.scale);
        if (!r) throw this.error("Divide by zero");
        return r;
      }
      case "%": {
        const r = mod(a, b, this.scale);
        if (!r) throw this.error("Modulo by zero");
        return r;
      }
      default: {
        if (b.s !== 0) this.runtimeWarning("non-zero scale in exponent");
        const e = b.trunc();
        if (e > 1000000n || e < -1000000n) {
          if (a.isZero() || (a.s === 0 && (a.v === 1n || a.v === -1n))) return raise(a, e % 2n === 0n ? 2n : 1n, this.scale);
          throw this.error("exponent too large in raise");
        }
        return raise(a, e, this.scale);
      }
    }
  }

  eval(e: Expr): BcNum {
    if ((++this.steps & 255) === 0) this.step();
    switch (e.k) {
      case "num":
        return fromConstant(e.text, this.ibase);
      case "var":
      case "elem":
      case "special":
        return this.load(e);
      case "paren":
        return this.eval(e.e);
      case "neg": {
        const v = this.eval(e.e);
        return new BcNum(-v.v, v.s);
      }
      case "not":
        return this.eval(e.e).isZero() ? BcNum.ONE : BcNum.ZERO;
      case "and":
        return !this.eval(e.l).isZero() && !this.eval(e.r).isZero() ? BcNum.ONE : BcNum.ZERO;
      case "or":
        return !this.eval(e.l).isZero() || !this.eval(e.r).isZero() ? BcNum.ONE : BcNum.ZERO;
      case "rel": {
        const c = compare(this.eval(e.l), this.eval(e.r));
        const r = { "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0, "==": c === 0, "!=": c !== 0 }[e.op];
        return r ? BcNum.ONE : BcNum.ZERO;
      }
      case "bin":
        return this.arith(e.op, this.eval(e.l), this.eval(e.r));
      case "assign": {
        const index = e.target.k === "elem" ? this.elemIndex(e.target) : undefined;
        const v = this.eval(e.e);
        const r = e.op === "=" ? v : this.arith(e.op[0], index !== undefined ? this.getArray((e.target as { name: string }).name).get(index) ?? BcNum.ZERO : this.load(e.target), v);
        this.store(e.target, r, index);
        return e.target.k === "special" ? this.load(e.target) : r;
      }
      case "incdec": {
        const index = e.target.k === "elem" ? this.elemIndex(e.target) : undefined;
        const old = index !== undefined ? this.getArray((e.target as { name: string }).name).get(index) ?? BcNum.ZERO : this.load(e.target);
        const nv = e.op === "++" ? add(old, BcNum.ONE) : sub(old, BcNum.ONE);
        this.store(e.target, nv, index);
        return e.prefix ? nv : old;
      }
      case "builtin": {
        if (e.name === "read") throw this.error("read() is not supported");
        const v = this.eval(e.arg!);
        if (e.name === "length") return BcNum.int(length(v));
        if (e.name === "scale") return BcNum.int(v.s);
        const r = sqrt(v, this.scale);
        if (!r) throw this.error("Square root of a negative number");
        return r;
      }
      case "call":
        return this.call(e);
    }
  }

  private call(e: Extract<Expr, { k: "call" }>): BcNum {
    const f = this.funcs.get(e.name);
    if (!f) throw this.error(`Function ${e.name} not defined.`);
    if (f.params.length !== e.args.length) throw this.error("Parameter number mismatch");
    const values = f.params.map((p, i) => {
      const a = e.args[i];
      if (p.array !== "array" in a) throw this.error("Parameter type mismatch");
      if ("array" in a) {
        const arr = this.getArray(a.array);
        return p.ref ? arr : new Map(arr);
      }
      return this.eval(a.expr);
    });
    if (this.calls.length > 10000) throw this.error("Function call nesting too deep");
    const pushed: Array<[Map<string, unknown[]>, string]> = [];
    const push = <T>(map: Map<string, T[]>, name: string, v: T) => {
      let s = map.get(name);
      if (!s) map.set(name, (s = []));
      s.push(v);
      pushed.push([map as Map<string, unknown[]>, name]);
    };
    f.params.forEach((p, i) => (p.array ? push(this.arrays, p.name, values[i] as BcArray) : push(this.vars, p.name, values[i] as BcNum)));
    for (const a of f.autos) (a.array ? push(this.arrays, a.name, new Map()) : push(this.vars, a.name, BcNum.ZERO));
    this.calls.push(e.name);
    try {
      for (const s of f.body) {
        const flow = this.exec(s);
        if (flow && typeof flow === "object") return flow.ret;
      }
      return BcNum.ZERO;
    } finally {
      this.calls.pop();
      for (let i = pushed.length - 1; i >= 0; i--) pushed[i][0].get(pushed[i][1])!.pop();
    }
  }

  /** Prints a number as bc does (wrapping long lines). */
  printNum(v: BcNum): void {
    this.outText(format(v, this.obase));
  }

  exec(s: Stmt): Flow {
    switch (s.k) {
      case "expr": {
        const v = this.eval(s.e);
        if (s.e.k !== "assign") {
          this.printNum(v);
          this.outChar("\n");
          this.last = v;
        }
        return;
      }
      case "string":
        this.outText(s.text);
        return;
      case "print":
        for (const item of s.items) {
          if ("text" in item) this.outText(printEscapes(item.text));
          else {
            const v = this.eval(item.e);
            this.printNum(v);
            this.last = v;
          }
        }
        return;
      case "block":
        for (const b of s.body) {
          const flow = this.exec(b);
          if (flow) return flow;
        }
        return;
      case "if":
        if (!this.eval(s.cond).isZero()) return this.exec(s.then);
        return s.else ? this.exec(s.else) : undefined;
      case "while":
        while (!this.eval(s.cond).isZero()) {
          this.step();
          const flow = this.exec(s.body);
          if (flow === "break") break;
          if (flow && flow !== "continue") return flow;
        }
        return;
      case "for":
        if (s.init) this.eval(s.init);
        for (;;) {
          this.step();
          if (s.cond && this.eval(s.cond).isZero()) break;
          const flow = this.exec(s.body);
          if (flow === "break") break;
          if (flow && flow !== "continue") return flow;
          if (s.step) this.eval(s.step);
        }
        return;
      case "break":
      case "continue":
        return s.k;
      case "return":
        return { ret: s.e ? this.eval(s.e) : BcNum.ZERO };
      case "halt":
        throw new HaltSignal();
      case "limits":
        this.outText(
          "BC_BASE_MAX     = 2147483647\nBC_DIM_MAX      = 16777215\nBC_SCALE_MAX    = 2147483647\n" +
            "BC_STRING_MAX   = 2147483647\nMAX Exponent    = 9223372036854775807\nNumber of vars  = 32767\n",
        );
        return;
      case "warranty":
        this.outText("bc 1.07.1\nThis program comes with ABSOLUTELY NO WARRANTY.\n");
        return;
    }
  }
}

/** The escapes a print statement's strings understand; others print nothing. */
function printEscapes(s: string): string {
  return s.replace(/\\(.?)/gs, (_, c: string) => {
    const map: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", q: '"', r: "\r", t: "\t", "\\": "\\" };
    return map[c] ?? "";
  });
}
