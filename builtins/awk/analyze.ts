/**
 * Static facts the compiler needs before it emits closures: which functions
 * can wait on I/O (getline, system, close, fflush, or calls to such functions),
 * which function parameters and globals are used as arrays (so an untyped
 * variable passed to an array parameter is passed by reference, as gawk does).
 */
import type { Expr, Program, Stmt } from "./ast.js";

/** Builtins whose work waits on I/O. */
export const ASYNC_BUILTINS = new Set(["system", "close", "fflush"]);

/** Builtin argument positions that name arrays. */
export const ARRAY_ARGS: Record<string, number[]> = {
  split: [1, 3],
  patsplit: [1, 3],
  match: [2],
  asort: [0, 1],
  asorti: [0, 1],
};

export function forEachExpr(e: Expr, f: (e: Expr) => void): void {
  f(e);
  switch (e.k) {
    case "field": forEachExpr(e.index, f); break;
    case "index": e.path?.forEach((g) => g.forEach((s) => forEachExpr(s, f))); e.subs.forEach((s) => forEachExpr(s, f)); break;
    case "assign": forEachExpr(e.target, f); forEachExpr(e.value, f); break;
    case "incdec": forEachExpr(e.target, f); break;
    case "unary": forEachExpr(e.e, f); break;
    case "binary": case "concat": case "cmp": case "match": case "and": case "or":
      forEachExpr(e.l, f); forEachExpr(e.r, f); break;
    case "cond": forEachExpr(e.c, f); forEachExpr(e.t, f); forEachExpr(e.f, f); break;
    case "in": e.subs.forEach((s) => forEachExpr(s, f)); e.path?.forEach((g) => g.forEach((s) => forEachExpr(s, f))); break;
    case "group": forEachExpr(e.e, f); break;
    case "grouplist": e.items.forEach((s) => forEachExpr(s, f)); break;
    case "call": case "builtin": e.args.forEach((s) => forEachExpr(s, f)); break;
    case "getline":
      if (e.target) forEachExpr(e.target, f);
      if (e.from) forEachExpr(e.from, f);
      break;
  }
}

export function stmtExprs(s: Stmt, f: (e: Expr) => void, g: (s: Stmt) => void = () => {}): void {
  g(s);
  const sub = (x: Stmt | null) => x && stmtExprs(x, f, g);
  switch (s.k) {
    case "block": s.body.forEach((b) => stmtExprs(b, f, g)); break;
    case "expr": f(s.e); break;
    case "print": case "printf": s.args.forEach(f); if (s.redir) f(s.redir.dest); break;
    case "if": f(s.c); sub(s.then); sub(s.else); break;
    case "while": case "do": f(s.c); sub(s.body); break;
    case "for": if (s.init) f(s.init); if (s.c) f(s.c); if (s.step) f(s.step); sub(s.body); break;
    case "forin": f(s.target); s.path?.forEach((g) => g.forEach(f)); sub(s.body); break;
    case "exit": case "return": if (s.e) f(s.e); break;
    case "delete": s.path?.forEach((g) => g.forEach(f)); s.subs?.forEach(f); break;
    case "switch": f(s.e); for (const c of s.cases) { if (c.label) f(c.label); c.body.forEach((b) => stmtExprs(b, f, g)); } break;
  }
}

/** Every expression node inside a statement list, nested ones included. */
export function walkStmts(body: Stmt[], onExpr: (e: Expr) => void, onStmt: (s: Stmt) => void = () => {}): void {
  for (const s of body) stmtExprs(s, (e) => forEachExpr(e, onExpr), onStmt);
}

export interface Analysis {
  asyncFuncs: Set<string>;
  /** Per function, which parameters are used as arrays. */
  arrayParams: Map<string, boolean[]>;
  /** Global names used as arrays somewhere. */
  arrayGlobals: Set<string>;
}

function programBodies(p: Program): Stmt[][] {
  const out: Stmt[][] = [];
  for (const r of p.rules) {
    if (r.action) out.push(r.action);
    const pat = r.pattern;
    const exprs: Expr[] = pat.k === "expr" ? [pat.e] : pat.k === "range" ? [pat.from, pat.to] : [];
    if (exprs.length) out.push(exprs.map((e) => ({ k: "expr", e, line: r.line }) as Stmt));
  }
  return out;
}

export function analyze(p: Program): Analysis {
  const asyncFuncs = new Set<string>();
  const arrayParams = new Map<string, boolean[]>();
  for (const f of p.funcs.values()) arrayParams.set(f.name, f.params.map(() => false));
  const arrayGlobals = new Set<string>();

  // Functions that print, directly or through calls.
  const printers = new Set<string>();
  const prints = (body: Stmt[]): boolean => {
    let found = false;
    walkStmts(
      body,
      (e) => {
        if (e.k === "call" && printers.has(e.name)) found = true;
      },
      (s) => {
        if (s.k === "print" || s.k === "printf") found = true;
      },
    );
    return found;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of p.funcs.values()) {
      if (!printers.has(f.name) && prints(f.body)) {
        printers.add(f.name);
        changed = true;
      }
    }
  }
  // A function waits if it does I/O that waits, or loops over output: such a
  // loop must be able to yield to the reader of a pipe (`while (1) print`).
  const direct = (body: Stmt[]): boolean => {
    let found = false;
    walkStmts(
      body,
      (e) => {
        if (e.k === "getline" || (e.k === "builtin" && ASYNC_BUILTINS.has(e.name))) found = true;
      },
      (s) => {
        if ((s.k === "while" || s.k === "do" || s.k === "for" || s.k === "forin") && prints([s.body])) found = true;
      },
    );
    return found;
  };
  for (const f of p.funcs.values()) if (direct(f.body)) asyncFuncs.add(f.name);

  // Names used as arrays in one body; `local` maps parameter names to indices.
  const arrayUses = (body: Stmt[], mark: (name: string) => void): void => {
    walkStmts(
      body,
      (e) => {
        if (e.k === "index" || e.k === "in") mark(e.name);
        else if (e.k === "builtin") {
          for (const i of ARRAY_ARGS[e.name] ?? []) {
            const a = e.args[i];
            if (a && (a.k === "var" || a.k === "index")) mark(a.name);
          }
        } else if (e.k === "call") {
          const ap = arrayParams.get(e.name);
          e.args.forEach((a, i) => {
            if ((a.k === "var" || a.k === "index") && ap && ap[i]) mark(a.name);
          });
        }
      },
      (s) => {
        if (s.k === "delete") mark(s.name);
        else if (s.k === "forin") mark(s.arr);
      },
    );
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const f of p.funcs.values()) {
      if (!asyncFuncs.has(f.name)) {
        let calls = false;
        walkStmts(f.body, (e) => {
          if (e.k === "call" && asyncFuncs.has(e.name)) calls = true;
        });
        if (calls) {
          asyncFuncs.add(f.name);
          changed = true;
        }
      }
      const ap = arrayParams.get(f.name)!;
      arrayUses(f.body, (name) => {
        const i = f.params.indexOf(name);
        if (i >= 0) {
          if (!ap[i]) {
            ap[i] = true;
            changed = true;
          }
        } else arrayGlobals.add(name);
      });
    }
  }
  for (const body of programBodies(p)) arrayUses(body, (name) => arrayGlobals.add(name));
  for (const n of ["ENVIRON", "ARGV", "PROCINFO", "SYMTAB", "FUNCTAB"]) arrayGlobals.add(n);
  return { asyncFuncs, arrayParams, arrayGlobals };
}

/** Whether an expression waits on I/O when evaluated. */
export function exprIsAsync(e: Expr, asyncFuncs: Set<string>): boolean {
  let found = false;
  forEachExpr(e, (x) => {
    if (x.k === "getline" || (x.k === "builtin" && ASYNC_BUILTINS.has(x.name)) || (x.k === "call" && asyncFuncs.has(x.name))) {
      found = true;
    }
  });
  return found;
}

