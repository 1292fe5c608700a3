/**
 * Compiles awk expressions to closures over the Runtime (no eval: edge runtimes
 * forbid it). Each expression can be compiled for the context it is used in:
 * a value (cv), a number (cn), a string (cs) or a condition (cb), so `s += $2`
 * converts the field straight to a number without building a value.
 * Arrays and lvalues are compile-lvalue.ts; expressions that wait on I/O go
 * through compile-async.ts.
 */
import { AwkArray } from "./array.js";
import type { Expr } from "./ast.js";
import { compileBuiltin } from "./builtins.js";
import { LValueCompiler } from "./compile-lvalue.js";
import { argOrigin, callSync, noteOrigins, type BoolEx, type Ex, type FuncInfo, type NumEx, type StrEx } from "./compile-scope.js";
import { AwkFatal, AwkSyntaxError, SCALAR_AS_ARRAY } from "./diagnostics.js";
import { compareNumbers, compareStr, compareValues, divide, modulo, power } from "./ops.js";
import type { CompiledRegex } from "./regex.js";
import { HOOKED, type Runtime } from "./runtime.js";
import { isNumeric, toBool, toNum, type Value } from "./values.js";

export { callSync, finishCall, type Ex, type FuncInfo, type Kind } from "./compile-scope.js";

export class Compiler extends LValueCompiler {
  /** The regex an argument denotes: a literal, or a string used as a dynamic regex. */
  regexArg(e: Expr): (rt: Runtime) => CompiledRegex {
    const inner = e.k === "group" ? e.e : e;
    if (inner.k === "regex") return this.regexOf(inner.src, inner.line);
    const s = this.cs(e);
    return (rt) => rt.re(s(rt));
  }

  // ---- expressions -----------------------------------------------------

  /** An expression as a value. */
  cv(e: Expr): Ex {
    switch (e.k) {
      case "temp": {
        const id = e.id;
        return (rt) => rt.temps[rt.temps.length - 1][id];
      }
      case "num": {
        const v = e.v;
        return () => v;
      }
      case "str": {
        const v = e.v;
        return () => v;
      }
      case "regex": {
        const re = this.regexOf(e.src, e.line);
        return (rt) => (re(rt).test(rt.record) ? 1 : 0);
      }
      case "var":
        return this.readVar(e.name);
      case "field": {
        if (e.index.k === "num") {
          const i = e.index.v;
          return (rt) => rt.field(i);
        }
        const idx = this.cn(e.index);
        return (rt) => rt.field(idx(rt));
      }
      case "index": {
        const arr = this.arrayRef(e.name, e.path);
        const key = this.key(e.subs);
        return (rt) => {
          const k = key(rt);
          return arr(rt).get(k);
        };
      }
      case "assign":
        return this.assign(e);
      case "incdec":
        return this.incdec(e);
      case "group":
        return this.cv(e.e);
      case "grouplist":
        throw new AwkSyntaxError("syntax error", null, 0, e.line);
      case "concat":
        return this.cs(e);
      case "call":
        return this.call(e);
      case "builtin":
        return compileBuiltin(this, e);
      case "cond": {
        const c = this.cb(e.c), t = this.cv(e.t), f = this.cv(e.f);
        return (rt) => (c(rt) ? t(rt) : f(rt));
      }
      case "getline":
        throw new Error("internal: getline in sync context");
      default: {
        const k = this.kind(e);
        if (k === "num") return this.cn(e);
        const b = this.cb(e);
        return (rt) => (b(rt) ? 1 : 0);
      }
    }
  }

  /** An expression as a number. */
  cn(e: Expr): NumEx {
    switch (e.k) {
      case "num": {
        const v = e.v;
        return () => v;
      }
      case "field": {
        if (e.index.k === "num") {
          const i = e.index.v;
          return (rt) => rt.fieldNum(i);
        }
        const idx = this.cn(e.index);
        return (rt) => rt.fieldNum(idx(rt));
      }
      case "binary": {
        const a = this.cn(e.l), b = this.cn(e.r);
        const line = e.line;
        if (e.l.k === "num" && e.r.k === "num" && (e.op === "/" || e.op === "%") && e.r.v === 0) {
          throw new AwkSyntaxError("error: division by zero attempted", this.rt.sources[0] ?? null, 0, line, false);
        }
        switch (e.op) {
          case "+": return (rt) => a(rt) + b(rt);
          case "-": return (rt) => a(rt) - b(rt);
          case "*": return (rt) => a(rt) * b(rt);
          case "/": return (rt) => divide(a(rt), b(rt), line);
          case "%": return (rt) => modulo(a(rt), b(rt), line);
          default: return (rt) => power(a(rt), b(rt));
        }
      }
      case "unary": {
        if (e.op === "!") {
          const b = this.cb(e.e);
          return (rt) => (b(rt) ? 0 : 1);
        }
        const a = this.cn(e.e);
        return e.op === "-" ? (rt) => -a(rt) : a;
      }
      case "group":
        return this.cn(e.e);
      case "cmp": case "match": case "and": case "or": case "in": case "regex": {
        const b = this.cb(e);
        return (rt) => (b(rt) ? 1 : 0);
      }
      case "var": {
        if (e.name === "NR") return (rt) => rt.nr;
        if (e.name === "FNR") return (rt) => rt.fnr;
        if (e.name === "NF") return (rt) => rt.getNF();
        break;
      }
    }
    const v = this.cv(e);
    return (rt) => toNum(v(rt));
  }

  /** An expression as a string (numbers through CONVFMT). */
  cs(e: Expr): StrEx {
    switch (e.k) {
      case "str": {
        const v = e.v;
        return () => v;
      }
      case "num":
        if (Number.isInteger(e.v) && Math.abs(e.v) < 1e15) {
          const s = String(e.v);
          return () => s;
        }
        break;
      case "concat": {
        const parts: Expr[] = [];
        const flat = (x: Expr): void => {
          if (x.k === "concat") {
            flat(x.l);
            flat(x.r);
          } else parts.push(x);
        };
        flat(e);
        const fs = parts.map((p) => this.cs(p));
        if (fs.length === 2) {
          const [a, b] = fs;
          return (rt) => a(rt) + b(rt);
        }
        if (fs.length === 3) {
          const [a, b, c] = fs;
          return (rt) => a(rt) + b(rt) + c(rt);
        }
        return (rt) => {
          let s = "";
          for (let i = 0; i < fs.length; i++) s += fs[i](rt);
          return s;
        };
      }
      case "field": {
        if (e.index.k === "num") {
          const i = e.index.v;
          return (rt) => rt.fieldStr(i);
        }
        const idx = this.cn(e.index);
        return (rt) => rt.fieldStr(idx(rt));
      }
      case "group":
        return this.cs(e.e);
    }
    const v = this.cv(e);
    return (rt) => rt.str(v(rt));
  }

  /** An expression as a condition. */
  cb(e: Expr): BoolEx {
    switch (e.k) {
      case "cmp":
        return this.compare(e);
      case "match": {
        const re = this.regexArg(e.r);
        const s = this.cs(e.l);
        return e.neg ? (rt) => !re(rt).test(s(rt)) : (rt) => re(rt).test(s(rt));
      }
      case "regex": {
        const re = this.regexOf(e.src, e.line);
        return (rt) => re(rt).test(rt.record);
      }
      case "and": {
        const a = this.cb(e.l), b = this.cb(e.r);
        return (rt) => a(rt) && b(rt);
      }
      case "or": {
        const a = this.cb(e.l), b = this.cb(e.r);
        return (rt) => a(rt) || b(rt);
      }
      case "unary":
        if (e.op === "!") {
          const b = this.cb(e.e);
          return (rt) => !b(rt);
        }
        break;
      case "in": {
        const arr = this.arrayRef(e.name, e.path, SCALAR_AS_ARRAY);
        const key = this.key(e.subs);
        return (rt) => {
          const k = key(rt);
          return arr(rt).has(k);
        };
      }
      case "group":
        return this.cb(e.e);
    }
    const k = this.kind(e);
    if (k === "num") {
      const n = this.cn(e);
      return (rt) => n(rt) !== 0;
    }
    if (k === "str") {
      const s = this.cs(e);
      return (rt) => s(rt) !== "";
    }
    const v = this.cv(e);
    return (rt) => toBool(v(rt));
  }

  private compare(e: Extract<Expr, { k: "cmp" }>): BoolEx {
    const op = e.op;
    const special = this.compareFieldLiteral(e);
    if (special) return special;
    const kl = this.kind(e.l), kr = this.kind(e.r);
    if (kl === "str" || kr === "str") {
      const a = this.cs(e.l), b = this.cs(e.r);
      return (rt) => compareStr(op, a(rt), b(rt), rt.ic);
    }
    if (kl === "num" && kr === "num") {
      const a = this.cn(e.l), b = this.cn(e.r);
      switch (op) {
        case "<": return (rt) => a(rt) < b(rt);
        case "<=": return (rt) => a(rt) <= b(rt);
        case "==": return (rt) => a(rt) === b(rt);
        case "!=": return (rt) => a(rt) !== b(rt);
        case ">": return (rt) => a(rt) > b(rt);
        default: return (rt) => a(rt) >= b(rt);
      }
    }
    if (kl === "num" || kr === "num") {
      // One side is a number: numeric unless the other side turns out a string.
      const numLeft = kl === "num";
      const other = numLeft ? e.r : e.l;
      if (other.k === "field") {
        const n = this.cn(numLeft ? e.l : e.r);
        const idx = this.cn(other.index);
        return (rt) => {
          const a = n(rt);
          const i = idx(rt);
          const x = rt.fieldNumeric(i);
          if (x !== null) return numLeft ? compareNumbers(op, a, x) : compareNumbers(op, x, a);
          const xs = rt.fieldStr(i);
          return numLeft ? compareStr(op, rt.str(a), xs, rt.ic) : compareStr(op, xs, rt.str(a), rt.ic);
        };
      }
      const n = this.cn(numLeft ? e.l : e.r);
      const v = this.cv(numLeft ? e.r : e.l);
      return (rt) => {
        const a = numLeft ? n(rt) : 0;
        const x = v(rt);
        const b = numLeft ? 0 : n(rt);
        if (isNumeric(x)) return numLeft ? compareNumbers(op, a, toNum(x)) : compareNumbers(op, toNum(x), b);
        const xs = rt.str(x);
        return numLeft ? compareStr(op, rt.str(a), xs, rt.ic) : compareStr(op, xs, rt.str(b), rt.ic);
      };
    }
    const a = this.cv(e.l), b = this.cv(e.r);
    return (rt) => compareValues(op, a(rt), b(rt), rt);
  }

  /** `$N op literal` (or reversed) without calls through child closures. */
  private compareFieldLiteral(e: Extract<Expr, { k: "cmp" }>): BoolEx | null {
    let fe = e.l, le = e.r, op = e.op;
    if (this.constField(fe) === null) {
      [fe, le] = [e.r, e.l];
      const flip: Record<string, typeof op> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!=" };
      op = flip[op];
    }
    const i = this.constField(fe);
    if (i === null) return null;
    if (le.k === "str") {
      const lit = le.v;
      if (op === "==") return (rt) => (rt.ic ? compareStr(op, rt.fieldStr(i), lit, true) : rt.fieldStr(i) === lit);
      if (op === "!=") return (rt) => (rt.ic ? compareStr(op, rt.fieldStr(i), lit, true) : rt.fieldStr(i) !== lit);
      return (rt) => compareStr(op, rt.fieldStr(i), lit, rt.ic);
    }
    if (le.k !== "num") return null;
    const n = le.v;
    const ns = String(n);
    const cmp = op;
    return (rt) => {
      const x = rt.fieldNumeric(i);
      if (x !== null) {
        switch (cmp) {
          case "==": return x === n;
          case "!=": return x !== n;
          case "<": return x < n;
          case "<=": return x <= n;
          case ">": return x > n;
          default: return x >= n;
        }
      }
      return compareStr(cmp, rt.fieldStr(i), Number.isInteger(n) ? ns : rt.str(n), rt.ic);
    };
  }

  // ---- user functions --------------------------------------------------

  /** Passing one argument: arrays by reference, scalars by value. */
  argPasser(info: FuncInfo | undefined, a: Expr, i: number): (rt: Runtime) => Value | AwkArray {
    if (a.k === "var" && !HOOKED.has(a.name)) {
      const cell = this.cellOf(a.name);
      const wantsArray = info?.arrayParams[i] === true;
      return (rt) => {
        const v = cell.get(rt);
        if (v === undefined && wantsArray) {
          const arr = new AwkArray(a.name, rt.maxArrayElements);
          cell.set(rt, arr);
          return arr;
        }
        return v;
      };
    }
    if (a.k === "index" && info?.arrayParams[i]) {
      // A scalar element goes by value: the callee then reports its scalar parameter.
      const arr = this.arrayRef(a.name, a.path);
      const key = this.key(a.subs);
      return (rt) => {
        const k = key(rt);
        const parent = arr(rt);
        const v = parent.peek(k);
        return v === undefined || v instanceof AwkArray ? parent.sub(k) : v;
      };
    }
    if (a.k === "index") {
      // A subarray passed to a function that does not subscript it still goes by reference.
      const arr = this.arrayRef(a.name, a.path);
      const key = this.key(a.subs);
      return (rt) => {
        const k = key(rt);
        const v = arr(rt).peek(k);
        return v instanceof AwkArray ? v : arr(rt).get(k);
      };
    }
    if (info?.arrayParams[i]) {
      const name = info.def.params[i];
      return () => {
        throw new AwkFatal(`attempt to use scalar parameter \`${name}' as an array`);
      };
    }
    return this.cv(a);
  }

  callSyncFrame(rt: Runtime, info: FuncInfo, frame: Array<Value | AwkArray>): Value {
    return callSync(rt, info, frame);
  }

  private call(e: Extract<Expr, { k: "call" }>): Ex {
    const info = this.funcs.get(e.name);
    if (!info) throw new AwkFatal(`function \`${e.name}' not defined`, e.line);
    const nparams = info.def.params.length;
    if (e.args.length > nparams) {
      throw new AwkFatal(`function \`${e.name}' called with more arguments than declared`, e.line);
    }
    const passers = e.args.map((a, i) => this.argPasser(info, a, i));
    const origins = e.args.map((a) => argOrigin(this, a));
    const traced = origins.some((o) => o !== null);
    return (rt) => {
      const frame: Array<Value | AwkArray> = new Array(nparams);
      for (let i = 0; i < passers.length; i++) frame[i] = passers[i](rt);
      if (traced) noteOrigins(rt, frame, origins);
      return callSync(rt, info, frame);
    };
  }
}
