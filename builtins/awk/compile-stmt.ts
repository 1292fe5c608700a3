/**
 * Statements compile to closures returning a completion code (ops.ts) or, when
 * they had to wait (getline, system, a file opening, a full output pipe), a
 * promise of one. Sequences and loops run synchronously until a step hands them
 * a promise and only then continue asynchronously, so programs that never wait
 * never pay for promises. Loops charge the step budget per iteration and
 * yield when standard output has piled up, so `while (1) print` stops as soon
 * as the reader of the pipe goes away.
 */
import type { Expr, Stmt } from "./ast.js";
import { orderedKeys } from "./builtins-array.js";
import type { Compiler } from "./compile.js";
import { compileAsync, hoistExprs } from "./compile-async.js";
import { awkSprintf } from "./format.js";
import { AwkFatal, SCALAR_AS_ARRAY } from "./diagnostics.js";
import { BREAK, CONTINUE, EXIT, NEXT, NEXTFILE, NORMAL, RETURN, compareValues } from "./ops.js";
import type { Runtime } from "./runtime.js";
import { toBool, toNum, type Value } from "./values.js";

export type MaybeNum = number | Promise<number>;
export type Stm = (rt: Runtime) => MaybeNum;
type MaybeBool = (rt: Runtime) => boolean | Promise<boolean>;

/** Internal: go on with the loop. */
const LOOP = -1;

function after(c: number): number {
  if (c === BREAK) return NORMAL;
  if (c === NORMAL || c === CONTINUE) return LOOP;
  return c;
}

/** Lets the reader of standard output catch up, then continues. */
async function drain(rt: Runtime): Promise<void> {
  await rt.io.flushStdout();
  await Promise.resolve();
}

export function sequence(stms: Stm[]): Stm {
  if (stms.length === 0) return () => NORMAL;
  if (stms.length === 1) return stms[0];
  const run = (rt: Runtime, from: number): MaybeNum => {
    for (let i = from; i < stms.length; i++) {
      const r = stms[i](rt);
      if (typeof r !== "number") return r.then((c) => (c ? c : run(rt, i + 1)));
      if (r) return r;
    }
    return NORMAL;
  };
  return (rt) => run(rt, 0);
}

/** A loop: `cond` before each body (unless doFirst), `step` after it. */
function loop(cond: MaybeBool | null, body: Stm, step: ((rt: Runtime) => unknown) | null, doFirst: boolean): Stm {
  return (rt) => {
    const stepOnce = (): MaybeNum => {
      if (step) {
        const s = step(rt);
        if (s instanceof Promise) return s.then(() => fromCond());
      }
      if (rt.io.pressure && rt.syncDepth === 0) return drain(rt).then(() => fromCond());
      return LOOP;
    };
    const bodyOnce = (): MaybeNum => {
      rt.ctx.budget.step();
      const r = body(rt);
      if (typeof r !== "number") {
        return r.then((c) => {
          const a = after(c);
          if (a !== LOOP) return a;
          const s = stepOnce();
          return s === LOOP ? fromCond() : s;
        });
      }
      const a = after(r);
      if (a !== LOOP) return a;
      return stepOnce();
    };
    const fromCond = (): MaybeNum => {
      for (;;) {
        if (cond) {
          const c = cond(rt);
          if (typeof c !== "boolean") {
            return c.then((v) => {
              if (!v) return NORMAL;
              const r = bodyOnce();
              return r === LOOP ? fromCond() : r;
            });
          }
          if (!c) return NORMAL;
        }
        const r = bodyOnce();
        if (r !== LOOP) return r;
      }
    };
    if (doFirst) {
      const r = bodyOnce();
      return r === LOOP ? fromCond() : r;
    }
    return fromCond();
  };
}

export class StmtCompiler {
  constructor(private readonly c: Compiler) {}

  /** A condition, waiting only if it must. */
  private cond(e: Expr): MaybeBool {
    if (!this.c.isAsync(e)) return this.c.cb(e);
    const a = compileAsync(this.c, e);
    return (rt) => a(rt).then(toBool);
  }

  private expr(e: Expr): ((rt: Runtime) => unknown) {
    if (!this.c.isAsync(e)) return this.c.cv(e);
    return compileAsync(this.c, e);
  }

  block(body: Stmt[]): Stm {
    return sequence(body.map((s) => this.stmt(s)));
  }

  stmt(s: Stmt): Stm {
    const f = this.stmtBody(s);
    if (s.k === "block" || s.k === "break" || s.k === "continue" || s.k === "next" || s.k === "nextfile") return f;
    const line = s.line;
    return (rt) => {
      rt.line = line;
      return f(rt);
    };
  }

  private stmtBody(s: Stmt): Stm {
    switch (s.k) {
      case "block":
        return this.block(s.body);
      case "expr": {
        if (this.c.isAsync(s.e)) {
          const a = compileAsync(this.c, s.e);
          return (rt) => a(rt).then(() => NORMAL);
        }
        const e = this.c.cv(s.e);
        return (rt) => (e(rt), NORMAL);
      }
      case "print":
      case "printf":
        return this.output(s);
      case "if": {
        const c = this.cond(s.c);
        const t = this.stmt(s.then);
        const f = s.else ? this.stmt(s.else) : null;
        return (rt) => {
          const v = c(rt);
          if (typeof v !== "boolean") return v.then((b) => (b ? t(rt) : f ? f(rt) : NORMAL));
          return v ? t(rt) : f ? f(rt) : NORMAL;
        };
      }
      case "while":
        return loop(this.cond(s.c), this.stmt(s.body), null, false);
      case "do":
        return loop(this.cond(s.c), this.stmt(s.body), null, true);
      case "for": {
        const init = s.init ? this.expr(s.init) : null;
        const l = loop(s.c ? this.cond(s.c) : null, this.stmt(s.body), s.step ? this.expr(s.step) : null, false);
        if (!init) return l;
        return (rt) => {
          const v = init(rt);
          if (v instanceof Promise) return v.then(() => l(rt));
          return l(rt);
        };
      }
      case "forin":
        return this.forIn(s);
      case "break": return () => BREAK;
      case "continue": return () => CONTINUE;
      case "next": return () => NEXT;
      case "nextfile": return () => NEXTFILE;
      case "exit": {
        if (!s.e) return () => EXIT;
        const e = s.e;
        return this.withValue(e, (rt, v) => {
          rt.exitStatus = Math.trunc(toNum(v)) & 0xff;
          return EXIT;
        });
      }
      case "return": {
        if (!s.e) return (rt) => ((rt.retval = undefined), RETURN);
        return this.withValue(s.e, (rt, v) => {
          rt.retval = v;
          return RETURN;
        });
      }
      case "delete":
        return this.delete(s);
      case "switch":
        return this.switch(s);
    }
  }

  /** Evaluates e (waiting if needed) and hands the value to f. */
  private withValue(e: Expr, f: (rt: Runtime, v: Value) => number): Stm {
    if (this.c.isAsync(e)) {
      const a = compileAsync(this.c, e);
      return (rt) => a(rt).then((v) => f(rt, v));
    }
    const v = this.c.cv(e);
    return (rt) => f(rt, v(rt));
  }

  private delete(s: Extract<Stmt, { k: "delete" }>): Stm {
    const arr = this.c.arrayRef(s.name, s.path);
    if (!s.subs) return (rt) => (arr(rt).clear(), NORMAL);
    const h = hoistExprs(this.c, s.subs);
    const key = this.c.key(h.exprs);
    return h.wrap((rt) => (arr(rt).delete(key(rt)), NORMAL));
  }

  private forIn(s: Extract<Stmt, { k: "forin" }>): Stm {
    const arr = this.c.arrayRef(s.arr, s.path, SCALAR_AS_ARRAY);
    const assign = this.c.assignTo(s.target, (rt) => rt.loopKey);
    const body = this.stmt(s.body);
    return (rt) => {
      const a = arr(rt);
      const how = rt.procinfo("sorted_in");
      const keys = how === undefined ? a.keys() : orderedKeys(rt, a, rt.str(how));
      let i = 0;
      const next = (): MaybeNum => {
        while (i < keys.length) {
          rt.ctx.budget.step();
          rt.loopKey = keys[i++];
          assign(rt);
          const r = body(rt);
          if (typeof r !== "number") {
            return r.then((c) => {
              const x = after(c);
              return x === LOOP ? next() : x;
            });
          }
          const x = after(r);
          if (x !== LOOP) return x;
          if (rt.io.pressure && rt.syncDepth === 0) return drain(rt).then(next);
        }
        return NORMAL;
      };
      return next();
    };
  }

  private switch(s: Extract<Stmt, { k: "switch" }>): Stm {
    const bodies = s.cases.map((k) => this.block(k.body));
    const tests = s.cases.map((k) => {
      const l = k.label;
      if (!l) return null;
      if (l.k === "regex") {
        const re = this.c.regexOf(l.src, l.line);
        return (rt: Runtime, v: Value) => re(rt).test(rt.str(v));
      }
      const lv: Value = l.k === "num" ? l.v : (l as { v: string }).v;
      return (rt: Runtime, v: Value) => compareValues("==", v, lv, rt);
    });
    const dflt = s.cases.findIndex((k) => k.label === null);
    return this.withValueAsync(s.e, (rt, v) => {
      let start = tests.findIndex((t) => t !== null && t(rt, v));
      if (start < 0) start = dflt;
      if (start < 0) return NORMAL;
      const run = (i: number): MaybeNum => {
        for (; i < bodies.length; i++) {
          const r = bodies[i](rt);
          if (typeof r !== "number") return r.then((c) => (c === BREAK ? NORMAL : c ? c : run(i + 1)));
          if (r === BREAK) return NORMAL;
          if (r) return r;
        }
        return NORMAL;
      };
      return run(start);
    });
  }

  private withValueAsync(e: Expr, f: (rt: Runtime, v: Value) => MaybeNum): Stm {
    if (this.c.isAsync(e)) {
      const a = compileAsync(this.c, e);
      return (rt) => a(rt).then((v) => f(rt, v));
    }
    const v = this.c.cv(e);
    return (rt) => f(rt, v(rt));
  }

  /** print and printf, to standard output or a redirection. */
  private output(s: Extract<Stmt, { k: "print" | "printf" }>): Stm {
    const exprs = s.redir ? [...s.args, s.redir.dest] : s.args;
    const h = hoistExprs(this.c, exprs);
    const args = s.redir ? h.exprs.slice(0, -1) : h.exprs;
    const text = s.k === "print" ? this.printText(args) : this.printfText(args, s.line);
    if (!s.redir) return h.wrap((rt) => (rt.io.write(text(rt)), NORMAL));
    const mode = s.redir.mode;
    const dest = this.c.cs(h.exprs[h.exprs.length - 1]);
    return h.wrap((rt) => {
      const name = dest(rt);
      const t = text(rt);
      const canWait = rt.syncDepth === 0;
      const stream = rt.io.output(mode, name, canWait);
      if (stream instanceof Promise) return stream.then((st) => rt.io.put(st, t, true)).then(() => NORMAL);
      const w = rt.io.put(stream, t, canWait);
      return w ? w.then(() => NORMAL) : NORMAL;
    });
  }

  private printText(args: Expr[]): (rt: Runtime) => string {
    if (args.length === 0) return (rt) => rt.record + rt.ors;
    const parts = args.map((a) => this.outputString(a));
    if (parts.length === 1) {
      const [p] = parts;
      return (rt) => p(rt) + rt.ors;
    }
    return (rt) => {
      let line = parts[0](rt);
      for (let i = 1; i < parts.length; i++) line += rt.ofs + parts[i](rt);
      return line + rt.ors;
    };
  }

  /** print's conversion: numbers through OFMT. */
  private outputString(e: Expr): (rt: Runtime) => string {
    const k = this.c.kind(e);
    if (k === "str") return this.c.cs(e);
    if (e.k === "field") {
      const idx = e.index.k === "num" ? null : this.c.cn(e.index);
      const i = e.index.k === "num" ? e.index.v : 0;
      return idx ? (rt) => rt.fieldOut(idx(rt)) : (rt) => rt.fieldOut(i);
    }
    if (k === "num") {
      const n = this.c.cn(e);
      return (rt) => rt.outStr(n(rt));
    }
    const v = this.c.cv(e);
    return (rt) => rt.outStr(v(rt));
  }

  private printfText(args: Expr[], line: number): (rt: Runtime) => string {
    if (args.length === 0) {
      return () => {
        throw new AwkFatal("printf: no arguments", line);
      };
    }
    const fmt = this.c.cs(args[0]);
    const rest = args.slice(1).map((a) => this.c.cv(a));
    return (rt) => awkSprintf(fmt(rt), rest.map((f) => f(rt)), rt, line);
  }
}

