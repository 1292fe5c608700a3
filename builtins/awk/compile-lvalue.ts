/**
 * The part of the compiler that knows where values live: arrays and subarrays
 * by name, subscripts as keys, and lvalues (variables, fields, elements) for
 * assignment, `op=`, `++`/`--` and the builtins that store (split, sub, getline
 * var). compile.ts builds the rest of the expressions on it.
 */
import { AwkArray } from "./array.js";
import type { Expr, LValue } from "./ast.js";
import { ScopeCompiler, type ArrEx, type Ex, type NumEx, type StrEx } from "./compile-scope.js";
import { AwkFatal } from "./diagnostics.js";
import { arith } from "./ops.js";
import { HOOKED, type Runtime } from "./runtime.js";
import { toNum, type Value } from "./values.js";

export abstract class LValueCompiler extends ScopeCompiler {
  /** An expression as a value, a number, a string (compile.ts). */
  abstract cv(e: Expr): Ex;
  abstract cn(e: Expr): NumEx;
  abstract cs(e: Expr): StrEx;

  /**
   * `$N` with a literal N. Closures made from one function literal share their
   * inline caches, so hot shapes are specialised with constants instead of
   * calls through child closures: they stay fast however many programs ran.
   */
  constField(e: Expr): number | null {
    return e.k === "field" && e.index.k === "num" && e.index.v >= 1 && Number.isInteger(e.index.v) ? e.index.v : null;
  }

  /** The slot of a plain global scalar (not local, special, or used as an array). */
  plainGlobal(e: Expr): number | null {
    if (e.k !== "var" || this.local(e.name) !== undefined || HOOKED.has(e.name) || this.analysis.arrayGlobals.has(e.name)) return null;
    return this.rt.slot(e.name);
  }

  /**
   * An array by name, or a subarray name[i][j] (created as needed). `scalarMsg` is
   * gawk's message when the last element is a scalar where its context (`in`,
   * for-in, split's target) names it differently from an assignment's.
   */
  arrayRef(name: string, path: Expr[][] | undefined, scalarMsg?: string): ArrEx {
    const base = this.arrayOf(name);
    if (!path || path.length === 0) return base;
    const keys = path.map((p) => this.key(p));
    const last = keys.length - 1;
    return (rt) => {
      const ks = keys.map((k) => k(rt));
      let a = base(rt);
      for (let i = 0; i < ks.length; i++) {
        if (i === last && scalarMsg !== undefined) {
          const v = a.peek(ks[i]);
          if (v !== undefined && !(v instanceof AwkArray)) throw new AwkFatal(scalarMsg);
        }
        a = a.sub(ks[i]);
      }
      return a;
    };
  }

  /** The array an expression denotes where an array is expected: a name or name[...][...]. */
  arrayExpr(e: Expr, scalarMsg?: string): ArrEx | null {
    if (e.k === "var") return this.arrayOf(e.name);
    if (e.k === "index") return this.arrayRef(e.name, [...(e.path ?? []), e.subs], scalarMsg);
    return null;
  }

  /** A subscript list as one key string (joined with SUBSEP). */
  key(subs: Expr[]): StrEx {
    if (subs.length === 1) return this.cs(subs[0]);
    const parts = subs.map((s) => this.cs(s));
    return (rt) => {
      let k = parts[0](rt);
      for (let i = 1; i < parts.length; i++) k += rt.subsep + parts[i](rt);
      return k;
    };
  }

  // ---- lvalues ---------------------------------------------------------

  /** Evaluates an lvalue's location now (subscripts, field number); the result stores into it later. */
  locate(t: LValue): (rt: Runtime) => (rt: Runtime, v: Value) => void {
    switch (t.k) {
      case "var": {
        const w = this.writeVar(t.name);
        return () => w;
      }
      case "field": {
        const idx = this.cn(t.index);
        return (rt) => {
          const i = idx(rt);
          return (r, v) => r.setField(i, v);
        };
      }
      case "index": {
        const arr = this.arrayRef(t.name, t.path);
        const key = this.key(t.subs);
        return (rt) => {
          const k = key(rt);
          const a = arr(rt);
          a.get(k); // the element exists from here on, even when nothing is read
          return (_r, v) => a.set(k, v);
        };
      }
    }
  }

  /** Assignment through any lvalue; `value` computes the new value from the old one. */
  assignTo(t: LValue, value: (rt: Runtime, old: () => Value) => Value): Ex {
    switch (t.k) {
      case "var": {
        const read = this.readVar(t.name);
        const write = this.writeVar(t.name);
        return (rt) => {
          const v = value(rt, () => read(rt));
          write(rt, v);
          return v;
        };
      }
      case "field": {
        const idx = this.cn(t.index);
        return (rt) => {
          const i = idx(rt);
          const v = value(rt, () => rt.field(i));
          rt.setField(i, v);
          return v;
        };
      }
      case "index": {
        const arr = this.arrayRef(t.name, t.path);
        const key = this.key(t.subs);
        return (rt) => {
          const k = key(rt);
          const a = arr(rt);
          const v = value(rt, () => a.get(k));
          a.set(k, v);
          return v;
        };
      }
    }
  }

  protected assign(e: Extract<Expr, { k: "assign" }>): Ex {
    const t = e.target;
    if (e.op === "=") {
      const val = this.cv(e.value);
      if (t.k === "var") {
        const write = this.writeVar(t.name);
        return (rt) => {
          const v = val(rt);
          write(rt, v);
          return v;
        };
      }
      if (t.k === "index") {
        const arr = this.arrayRef(t.name, t.path);
        const key = this.key(t.subs);
        return (rt) => {
          const k = key(rt);
          const a = arr(rt);
          const v = val(rt);
          a.set(k, v);
          return v;
        };
      }
      const ci = this.constField(t);
      if (ci !== null && (e.value.k === "str" || e.value.k === "num")) {
        const lit = e.value.v;
        return (rt) => {
          rt.setField(ci, lit);
          return lit;
        };
      }
      const idx = this.cn(t.index);
      return (rt) => {
        const i = idx(rt);
        const v = val(rt);
        rt.setField(i, v);
        return v;
      };
    }
    const rhs = this.cn(e.value);
    const op = e.op[0];
    const line = e.line;
    const gs = this.plainGlobal(t);
    if (gs !== null && op === "+") {
      const fi = this.constField(e.value);
      if (fi !== null) return (rt) => (rt.g[gs] = toNum(rt.g[gs] as Value) + rt.fieldNum(fi));
      return (rt) => (rt.g[gs] = toNum(rt.g[gs] as Value) + rhs(rt));
    }
    return this.assignTo(t, (rt, old) => {
      const a = toNum(old());
      return arith(op, a, rhs(rt), line);
    });
  }

  protected incdec(e: Extract<Expr, { k: "incdec" }>): Ex {
    const d = e.op === "++" ? 1 : -1;
    const t = e.target;
    if (t.k === "index") {
      const arr = this.arrayRef(t.name, t.path);
      const key = this.key(t.subs);
      const fi = t.subs.length === 1 ? this.constField(t.subs[0]) : null;
      if (fi !== null && !t.path && this.local(t.name) === undefined && !HOOKED.has(t.name)) {
        const slot = this.rt.slot(t.name);
        const name = t.name;
        const pre = e.prefix;
        return (rt) => {
          const k = rt.fieldStr(fi);
          const v = rt.g[slot];
          const a = v instanceof AwkArray ? v : rt.arrayAt(slot, name);
          const n = a.add(k, d);
          return pre ? n : n - d;
        };
      }
      if (e.prefix) {
        return (rt) => {
          const k = key(rt);
          return arr(rt).add(k, d);
        };
      }
      return (rt) => {
        const k = key(rt);
        return arr(rt).add(k, d) - d;
      };
    }
    if (t.k === "var" && this.local(t.name) === undefined && !HOOKED.has(t.name) && !this.analysis.arrayGlobals.has(t.name)) {
      const s = this.rt.slot(t.name);
      if (e.prefix) return (rt) => (rt.g[s] = toNum(rt.g[s] as Value) + d);
      return (rt) => {
        const old = toNum(rt.g[s] as Value);
        rt.g[s] = old + d;
        return old;
      };
    }
    let before = 0;
    const f = this.assignTo(t, (_rt, old) => {
      before = toNum(old());
      return before + d;
    });
    if (e.prefix) return f;
    return (rt) => {
      f(rt);
      return before;
    };
  }
}
