/**
 * The part of the compiler that knows names: globals by slot, function
 * parameters by frame index, special variables through the runtime's hooks,
 * arrays (created on first use, passed by reference), regex literals, and the
 * calling convention of synchronous functions. compile.ts builds expressions on it.
 */
import { AwkArray } from "./array.js";
import type { Expr, FuncDef, Program } from "./ast.js";
import { analyze, exprIsAsync, type Analysis } from "./analyze.js";
import { builtinKind } from "./builtins.js";
import type { Stm } from "./compile-stmt.js";
import { AwkFatal, AwkSyntaxError } from "./diagnostics.js";
import { ControlSignal, EXIT, NEXT, NEXTFILE, RETURN } from "./ops.js";
import type { CompiledRegex } from "./regex.js";
import { HOOKED, type Runtime } from "./runtime.js";
import { UNINIT, type Value } from "./values.js";

export type Ex = (rt: Runtime) => Value;
export type NumEx = (rt: Runtime) => number;
export type StrEx = (rt: Runtime) => string;
export type BoolEx = (rt: Runtime) => boolean;
export type ArrEx = (rt: Runtime) => AwkArray;

export type Kind = "num" | "str" | "any";

export interface FuncInfo {
  def: FuncDef;
  arrayParams: boolean[];
  isAsync: boolean;
  body: Stm | null;
}

export abstract class ScopeCompiler {
  readonly analysis: Analysis;
  readonly funcs = new Map<string, FuncInfo>();
  /** Parameters of the function being compiled. */
  scope: Map<string, number> | null = null;
  scopeFunc: FuncInfo | null = null;

  constructor(
    readonly rt: Runtime,
    readonly program: Program,
  ) {
    this.analysis = analyze(program);
    for (const f of program.funcs.values()) {
      this.funcs.set(f.name, {
        def: f,
        arrayParams: this.analysis.arrayParams.get(f.name)!,
        isAsync: this.analysis.asyncFuncs.has(f.name),
        body: null,
      });
    }
  }

  isAsync(e: Expr): boolean {
    return exprIsAsync(e, this.analysis.asyncFuncs);
  }

  /** The static type of an expression's result. */
  kind(e: Expr): Kind {
    switch (e.k) {
      case "num": case "binary": case "unary": case "incdec": case "cmp": case "match":
      case "and": case "or": case "in": case "getline":
        return "num";
      case "str": case "concat":
        return "str";
      case "assign":
        return e.op === "=" ? this.kind(e.value) : "num";
      case "group":
        return this.kind(e.e);
      case "regex":
        return "num";
      case "temp":
        return e.kind;
      case "var":
        return e.name === "NR" || e.name === "NF" || e.name === "FNR" ? "num" : "any";
      case "builtin":
        return builtinKind(e.name);
      default:
        return "any";
    }
  }

  fail(message: string, line: number): never {
    throw new AwkFatal(message, line);
  }
  // ---- regexes ---------------------------------------------------------

  /** A regex literal: compiled now (errors are parse errors), both case modes cached. */
  regexOf(src: string, line: number): (rt: Runtime) => CompiledRegex {
    try {
      this.rt.regex.get(src, false);
    } catch (e) {
      if (e instanceof AwkFatal) {
        throw new AwkSyntaxError(`error: ${e.message.replace(/^invalid regexp: /, "")}`, this.rt.sources[0] ?? null, 0, line, false);
      }
      throw e;
    }
    let exact: CompiledRegex | undefined;
    let folded: CompiledRegex | undefined;
    return (rt) => (rt.ic ? (folded ??= rt.regex.get(src, true)) : (exact ??= rt.regex.get(src, false)));
  }

  // ---- variables and arrays --------------------------------------------

  protected local(name: string): number | undefined {
    return this.scope?.get(name);
  }

  /** The frame slot of a local (parameter) name in the function being compiled. */
  localIndex(name: string): number | undefined {
    return this.local(name);
  }

  /** Reading a variable as a scalar. */
  protected readVar(name: string): Ex {
    const li = this.local(name);
    if (li !== undefined) {
      return (rt) => {
        const v = rt.frame[li];
        if (v === undefined) return (rt.frame[li] = UNINIT);
        if (v instanceof AwkArray) rt.scalarError(paramLabel(rt, li, name, v));
        return v as Value;
      };
    }
    switch (name) {
      case "NF": return (rt) => rt.getNF();
      case "NR": return (rt) => rt.nr;
      case "FNR": return (rt) => rt.fnr;
    }
    if (HOOKED.has(name)) return (rt) => rt.getSpecial(name);
    const s = this.rt.slot(name);
    if (this.analysis.arrayGlobals.has(name) || this.program.funcs.has(name)) {
      return (rt) => {
        const v = rt.g[s];
        if (v === undefined) return (rt.g[s] = UNINIT);
        if (v instanceof AwkArray) rt.scalarError(name);
        return v as Value;
      };
    }
    return (rt) => rt.g[s] as Value;
  }

  /** Writing a variable. */
  protected writeVar(name: string): (rt: Runtime, v: Value) => void {
    const li = this.local(name);
    if (li !== undefined) {
      return (rt, v) => {
        const old = rt.frame[li];
        if (old instanceof AwkArray) rt.scalarError(paramLabel(rt, li, name, old));
        rt.frame[li] = v;
      };
    }
    if (HOOKED.has(name)) return (rt, v) => rt.setSpecial(name, v);
    const s = this.rt.slot(name);
    if (this.analysis.arrayGlobals.has(name)) {
      return (rt, v) => {
        if (rt.g[s] instanceof AwkArray) rt.scalarError(name);
        rt.g[s] = v;
      };
    }
    return (rt, v) => {
      rt.g[s] = v;
    };
  }

  /** The array a name denotes (created when the variable is untyped). */
  arrayOf(name: string): ArrEx {
    const li = this.local(name);
    if (li !== undefined) {
      return (rt) => {
        const v = rt.frame[li];
        if (v instanceof AwkArray) return v;
        if (v === undefined) return (rt.frame[li] = new AwkArray(name, rt.maxArrayElements));
        throw new AwkFatal(`attempt to use scalar parameter \`${name}' as an array`);
      };
    }
    if (HOOKED.has(name)) return () => { throw new AwkFatal(`attempt to use scalar \`${name}' as an array`); };
    const s = this.rt.slot(name);
    return (rt) => {
      const v = rt.g[s];
      return v instanceof AwkArray ? v : rt.arrayAt(s, name);
    };
  }

  /** The raw cell of a bare name (a scalar value or an array), for passing to functions. */
  cellOf(name: string): { get: (rt: Runtime) => Value | AwkArray; set: (rt: Runtime, v: AwkArray) => void; mark: (rt: Runtime) => void } {
    const li = this.local(name);
    if (li !== undefined) {
      return { get: (rt) => rt.frame[li], set: (rt, v) => (rt.frame[li] = v), mark: (rt) => (rt.frame[li] = UNINIT) };
    }
    if (HOOKED.has(name)) return { get: (rt) => rt.getSpecial(name), set: () => {}, mark: () => {} };
    const s = this.rt.slot(name);
    return { get: (rt) => rt.g[s], set: (rt, v) => (rt.g[s] = v), mark: (rt) => (rt.g[s] = UNINIT) };
  }
}

/**
 * Runs a synchronous function body in a new frame. Inside it nothing may wait
 * (syncDepth > 0 tells loops not to yield and redirections to open lazily).
 */
export function callSync(rt: Runtime, info: FuncInfo, frame: Array<Value | AwkArray>): Value {
  rt.ctx.budget.enter();
  const saved = rt.frame;
  rt.frame = frame;
  rt.syncDepth++;
  let code: number;
  try {
    const r = info.body!(rt);
    if (typeof r !== "number") throw new Error(`internal: function ${info.def.name} waited in a synchronous call`);
    code = r;
  } finally {
    rt.syncDepth--;
    rt.frame = saved;
    rt.ctx.budget.leave();
  }
  return finishCall(rt, code);
}

export function finishCall(rt: Runtime, code: number): Value {
  if (code === RETURN) {
    const v = rt.retval;
    rt.retval = undefined;
    return v;
  }
  if (code === NEXT || code === NEXTFILE || code === EXIT) throw new ControlSignal(code);
  return undefined;
}

/** Per frame: for array parameters passed on from a caller's local, the chain of names ("p, from a"). */
const ORIGINS = new WeakMap<object, Array<string | undefined>>();

/**
 * For a call argument that is the caller's local: how gawk will name where its array
 * came from. Null when the argument is not a local (the array's own label says it).
 */
export function argOrigin(c: ScopeCompiler, a: Expr): ((rt: Runtime) => string | undefined) | null {
  if (a.k !== "var") return null;
  const li = c.localIndex(a.name);
  if (li === undefined) return null;
  const name = a.name;
  return (rt) => {
    const v = rt.frame[li];
    if (!(v instanceof AwkArray)) return undefined;
    const up = ORIGINS.get(rt.frame)?.[li];
    return up ? `${name}, from ${up}` : v.label !== name && v.label !== "" ? `${name}, from ${v.label}` : name;
  };
}

/** Records, before the call, where the new frame's array parameters came from. */
export function noteOrigins(rt: Runtime, frame: object, origins: Array<((rt: Runtime) => string | undefined) | null>): void {
  ORIGINS.set(frame, origins.map((o) => (o ? o(rt) : undefined)));
}

/**
 * How gawk names an array parameter in messages: `p (from a)` when the array came
 * from the caller (a variable or a subarray `a["1"]`, through parameters:
 * `q (from p, from a)`), plain `p` when it is the function's own.
 */
function paramLabel(rt: Runtime, li: number, name: string, arr: AwkArray): string {
  const up = ORIGINS.get(rt.frame)?.[li];
  if (up) return `${name} (from ${up})`;
  return arr.label === name || arr.label === "" ? name : `${name} (from ${arr.label})`;
}
