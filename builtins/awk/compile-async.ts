/**
 * Expressions that wait: getline in its forms, system(), close(), fflush() and
 * calls of functions that contain them. The waiting parts are evaluated first,
 * into temporaries, and the rest of the expression then runs as ordinary
 * synchronous closures reading those temporaries; `&&`, `||` and `?:` keep
 * their short-circuit order by waiting branch by branch.
 */
import type { AwkArray } from "./array.js";
import type { Expr, LValue } from "./ast.js";
import { ASYNC_BUILTINS } from "./analyze.js";
import { finishCall, type Compiler, type FuncInfo } from "./compile.js";
import { argOrigin, noteOrigins } from "./compile-scope.js";
import { AwkFatal } from "./diagnostics.js";
import type { Runtime } from "./runtime.js";
import type { Stm } from "./compile-stmt.js";
import { Strnum, toBool, type Value } from "./values.js";

export type AsyncEx = (rt: Runtime) => Promise<Value>;

/** Runs an asynchronous function body in a new frame. */
export async function callAsync(rt: Runtime, info: FuncInfo, frame: Array<Value | AwkArray>): Promise<Value> {
  rt.ctx.budget.enter();
  const saved = rt.frame;
  rt.frame = frame;
  let code: number;
  try {
    code = await info.body!(rt);
  } finally {
    rt.frame = saved;
    rt.ctx.budget.leave();
  }
  return finishCall(rt, code);
}

/** Replaces the waiting subexpressions of `e` by temporaries, collected in `kids`. */
class Hoister {
  readonly kids: AsyncEx[] = [];
  constructor(private readonly c: Compiler) {}

  child(x: Expr): Expr {
    if (!this.c.isAsync(x)) return x;
    const id = this.kids.length;
    this.kids.push(compileAsync(this.c, x));
    return { k: "temp", id, kind: this.c.kind(x), line: x.line };
  }

  lvalue(t: LValue): LValue {
    switch (t.k) {
      case "var": return t;
      case "field": return { ...t, index: this.child(t.index) };
      case "index": return { ...t, subs: t.subs.map((s) => this.child(s)) };
    }
  }

  node(e: Expr): Expr {
    switch (e.k) {
      case "field": return { ...e, index: this.child(e.index) };
      case "index": return { ...e, subs: e.subs.map((s) => this.child(s)) };
      case "assign": return { ...e, target: this.lvalue(e.target), value: this.child(e.value) };
      case "incdec": return { ...e, target: this.lvalue(e.target) };
      case "unary": return { ...e, e: this.child(e.e) };
      case "binary": case "concat": case "cmp": case "match":
        return { ...e, l: this.child(e.l), r: this.child(e.r) };
      case "in": return { ...e, subs: e.subs.map((s) => this.child(s)) };
      case "grouplist": return { ...e, items: e.items.map((s) => this.child(s)) };
      case "builtin":
        return {
          ...e,
          args: e.args.map((a, i) => {
            const lv = (e.name === "sub" || e.name === "gsub") && i === 2 && (a.k === "var" || a.k === "field" || a.k === "index");
            return lv ? this.lvalue(a as LValue) : this.child(a);
          }),
        };
      default: return this.child(e);
    }
  }

  /** Evaluates the temporaries, then runs `sync` with them on the stack. */
  wrap<T>(sync: (rt: Runtime) => T | Promise<T>): (rt: Runtime) => Promise<T> {
    const kids = this.kids;
    return async (rt): Promise<T> => {
      const vals: Value[] = new Array(kids.length);
      for (let i = 0; i < kids.length; i++) vals[i] = await kids[i](rt);
      rt.temps.push(vals);
      try {
        return await sync(rt);
      } finally {
        rt.temps.pop();
      }
    };
  }
}

/** A list of expressions with their waiting ones replaced; `wrap` evaluates those first. */
export function hoistExprs(c: Compiler, exprs: Expr[]): { exprs: Expr[]; wrap: (f: Stm) => Stm } {
  const h = new Hoister(c);
  const out = exprs.map((e) => h.child(e));
  if (h.kids.length === 0) return { exprs: out, wrap: (f) => f };
  return { exprs: out, wrap: (f) => h.wrap(f) };
}

function asyncCond(c: Compiler, e: Expr): (rt: Runtime) => Promise<boolean> | boolean {
  if (!c.isAsync(e)) return c.cb(e);
  const a = compileAsync(c, e);
  return (rt) => a(rt).then(toBool);
}

/** An expression that may wait, as an async closure. */
export function compileAsync(c: Compiler, e: Expr): AsyncEx {
  if (!c.isAsync(e)) {
    const f = c.cv(e);
    return async (rt) => f(rt);
  }
  switch (e.k) {
    case "group":
      return compileAsync(c, e.e);
    case "getline":
      return compileGetline(c, e);
    case "and": {
      const a = asyncCond(c, e.l), b = asyncCond(c, e.r);
      return async (rt) => ((await a(rt)) && (await b(rt)) ? 1 : 0);
    }
    case "or": {
      const a = asyncCond(c, e.l), b = asyncCond(c, e.r);
      return async (rt) => ((await a(rt)) || (await b(rt)) ? 1 : 0);
    }
    case "cond": {
      const k = asyncCond(c, e.c), t = compileAsync(c, e.t), f = compileAsync(c, e.f);
      return async (rt) => ((await k(rt)) ? t(rt) : f(rt));
    }
    case "call":
      return compileCall(c, e);
    case "builtin":
      if (ASYNC_BUILTINS.has(e.name)) return compileIoBuiltin(c, e);
      break;
  }
  const h = new Hoister(c);
  const sync = c.cv(h.node(e));
  return h.wrap(sync);
}

function compileCall(c: Compiler, e: Extract<Expr, { k: "call" }>): AsyncEx {
  const info = c.funcs.get(e.name);
  if (!info) throw new AwkFatal(`function \`${e.name}' not defined`, e.line);
  const n = info.def.params.length;
  const waits = e.args.map((a) => c.isAsync(a));
  const passers = e.args.map((a, i) => (waits[i] ? compileAsync(c, a) : c.argPasser(info, a, i)));
  const origins = e.args.map((a) => argOrigin(c, a));
  const traced = origins.some((o) => o !== null);
  return async (rt) => {
    const frame: Array<Value | AwkArray> = new Array(n);
    for (let i = 0; i < passers.length; i++) frame[i] = waits[i] ? await passers[i](rt) : (passers[i](rt) as Value | AwkArray);
    if (traced) noteOrigins(rt, frame, origins);
    if (info.isAsync) return callAsync(rt, info, frame);
    return c.callSyncFrame(rt, info, frame);
  };
}

function compileIoBuiltin(c: Compiler, e: Extract<Expr, { k: "builtin" }>): AsyncEx {
  const h = new Hoister(c);
  const args = e.args.map((a) => h.child(a));
  const strs = args.map((a) => c.cs(a));
  let op: (rt: Runtime) => Promise<Value>;
  switch (e.name) {
    case "close":
      op = async (rt) => {
        const r = await rt.io.close(strs[0](rt));
        if (r === -1) rt.g[rt.slot("ERRNO")] = rt.io.errno;
        return r;
      };
      break;
    case "system":
      op = (rt) => rt.io.system(strs[0](rt));
      break;
    default: {
      const line = e.line;
      op = async (rt) => {
        const name = strs.length ? strs[0](rt) : "";
        const r = await rt.io.flush(name || undefined);
        if (r === -1) rt.warn(`fflush: \`${name}' is not an open file, pipe or co-process`, line);
        return r;
      };
    }
  }
  return h.wrap(op);
}

function compileGetline(c: Compiler, e: Extract<Expr, { k: "getline" }>): AsyncEx {
  // gawk works out where the line goes (a[++n]) before reading it, even at end of input.
  const locate = e.target ? c.locate(e.target) : null;
  const rtSlot = c.rt.slot("RT");
  const errnoSlot = c.rt.slot("ERRNO");
  type Put = ((rt: Runtime, v: Value) => void) | null;
  const store = (rt: Runtime, put: Put, rec: string, countNr: boolean, countFnr: boolean) => {
    if (countNr) rt.nr++;
    if (countFnr) rt.fnr++;
    if (put) put(rt, new Strnum(rec));
    else rt.setRecord(rec);
  };
  if (e.src === "plain") {
    return async (rt) => {
      const put = locate ? locate(rt) : null;
      const rec = await rt.readMain();
      if (rec === null) return 0;
      store(rt, put, rec, true, true);
      return 1;
    };
  }
  const from = compileAsync(c, e.from!);
  if (e.src === "file") {
    return async (rt) => {
      const put = locate ? locate(rt) : null;
      const name = rt.str(await from(rt));
      const holder = { rt: "" };
      const rec = await rt.io.readFile(name, rt.rsMode, holder);
      if (rec === -1) {
        rt.g[errnoSlot] = rt.io.errno;
        return -1;
      }
      if (rec === null) return 0;
      rt.g[rtSlot] = holder.rt;
      store(rt, put, rec, false, false);
      return 1;
    };
  }
  return async (rt) => {
    const put = locate ? locate(rt) : null;
    const cmd = rt.str(await from(rt));
    const holder = { rt: "" };
    const rec = await rt.io.readCommand(cmd, rt.rsMode, holder);
    if (rec === null) return 0;
    rt.g[rtSlot] = holder.rt;
    // gawk 5.2 leaves NR alone here, whatever its manual says.
    store(rt, put, rec, false, false);
    return 1;
  };
}
