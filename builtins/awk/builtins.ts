/**
 * Built-in functions: argument compilation and the string functions. Regex
 * substitution and splitting live in builtins-regex.ts, arithmetic and time in
 * builtins-num.ts. I/O builtins (close, system, fflush) are asynchronous and
 * compiled in compile-async.ts.
 */
import { AwkArray } from "./array.js";
import type { Expr } from "./ast.js";
import { compileMathBuiltin, MATH_BUILTINS } from "./builtins-num.js";
import { compileRegexBuiltin, REGEX_BUILTINS } from "./builtins-regex.js";
import type { Compiler, Ex, Kind } from "./compile.js";
import { AwkFatal } from "./diagnostics.js";
import { awkSprintf } from "./format.js";
import { charLength, charSlice, hasPairs, charIndex } from "./text.js";
import { Strnum, toNum, type Value } from "./values.js";

const STRING_RESULTS = new Set(["substr", "sprintf", "tolower", "toupper", "gensub", "strftime"]);

export function builtinKind(name: string): Kind {
  if (STRING_RESULTS.has(name)) return "str";
  if (name === "typeof") return "str";
  return "num";
}

/** length(x): an array's element count, or the string's length in characters. */
function compileLength(c: Compiler, e: Extract<Expr, { k: "builtin" }>): Ex {
  if (e.args.length === 0) return (rt) => charLength(rt.mbCheck(rt.record));
  const a = e.args[0];
  if (a.k === "var") {
    const cell = c.cellOf(a.name);
    return (rt) => {
      const v = cell.get(rt);
      if (v instanceof AwkArray) return v.size;
      if (v === undefined) cell.mark(rt);
      return charLength(rt.mbCheck(rt.str(v)));
    };
  }
  if (a.k === "index") {
    const arr = c.arrayRef(a.name, a.path);
    const key = c.key(a.subs);
    return (rt) => {
      const k = key(rt);
      const ar = arr(rt);
      const v = ar.peek(k);
      if (v instanceof AwkArray) return v.size;
      return charLength(rt.mbCheck(rt.str(ar.get(k))));
    };
  }
  const s = c.cs(a);
  return (rt) => charLength(rt.mbCheck(s(rt)));
}

/** substr(s, m[, n]) as gawk 5 does it: m below 1 becomes 1, m and n truncate. */
export function substr(s: string, m: number, n: number | undefined): string {
  if (n !== undefined && !(n >= 1)) return "";
  if (!(m >= 1)) m = 1;
  const start = Math.trunc(m) - 1;
  const len = n === undefined ? Infinity : Math.trunc(n);
  if (!hasPairs(s)) {
    if (start >= s.length) return "";
    return len === Infinity ? s.slice(start) : s.substr(start, len);
  }
  return charSlice(s, start, len);
}

function indexOf(s: string, t: string, ic: boolean): number {
  if (t === "") return 1;
  const i = ic ? s.toLowerCase().indexOf(t.toLowerCase()) : s.indexOf(t);
  if (i < 0) return 0;
  return charIndex(s, i) + 1;
}

function typeOf(v: Value | AwkArray, untypedVar: boolean): string {
  if (v instanceof AwkArray) return "array";
  if (v === undefined) return untypedVar ? "untyped" : "unassigned";
  if (typeof v === "number") return "number";
  if (typeof v === "string") return "string";
  return v.isNum ? "strnum" : "string";
}

export function compileBuiltin(c: Compiler, e: Extract<Expr, { k: "builtin" }>): Ex {
  const args = e.args;
  const name = e.name;
  if (REGEX_BUILTINS.has(name)) return compileRegexBuiltin(c, e);
  if (MATH_BUILTINS.has(name)) return compileMathBuiltin(c, e);
  switch (name) {
    case "length":
      return compileLength(c, e);
    case "substr": {
      const s = c.cs(args[0]), m = c.cn(args[1]);
      if (args.length === 2) return (rt) => substr(rt.mbCheck(s(rt)), m(rt), undefined);
      const n = c.cn(args[2]);
      return (rt) => {
        const str = rt.mbCheck(s(rt));
        const mv = m(rt);
        return substr(str, mv, n(rt));
      };
    }
    case "index": {
      const s = c.cs(args[0]), t = c.cs(args[1]);
      return (rt) => indexOf(rt.mbCheck(s(rt)), t(rt), rt.ic);
    }
    case "sprintf": {
      const fmt = c.cs(args[0]);
      const rest = args.slice(1).map((a) => c.cv(a));
      const line = e.line;
      return (rt) => awkSprintf(fmt(rt), rest.map((f) => f(rt)), rt, line);
    }
    case "tolower": {
      const s = c.cs(args[0]);
      return (rt) => caseMap(rt.mbCheck(s(rt)), false);
    }
    case "toupper": {
      const s = c.cs(args[0]);
      return (rt) => caseMap(rt.mbCheck(s(rt)), true);
    }
    case "isarray": {
      const a = args[0];
      if (a.k === "index") {
        const arr = c.arrayRef(a.name, a.path);
        const key = c.key(a.subs);
        return (rt) => {
          const k = key(rt);
          const ar = arr(rt);
          if (ar.peek(k) instanceof AwkArray) return 1;
          ar.get(k); // gawk creates the element it was asked about
          return 0;
        };
      }
      if (a.k !== "var") {
        const v = c.cv(a);
        return (rt) => (v(rt), 0);
      }
      const cell = c.cellOf(a.name);
      return (rt) => (cell.get(rt) instanceof AwkArray ? 1 : 0);
    }
    case "typeof": {
      const a = args[0];
      if (a.k === "var") {
        const cell = c.cellOf(a.name);
        return (rt) => typeOf(cell.get(rt), true);
      }
      if (a.k === "index") {
        const arr = c.arrayRef(a.name, a.path);
        const key = c.key(a.subs);
        return (rt) => {
          const k = key(rt);
          const ar = arr(rt);
          if (!ar.has(k)) {
            ar.get(k); // gawk creates the element it was asked about
            return "untyped";
          }
          return typeOf(ar.peek(k), true);
        };
      }
      if (a.k === "regex") return () => "regexp";
      if (a.k === "field") {
        const idx = c.cn(a.index);
        const v = c.cv(a);
        return (rt) => (rt.hasField(idx(rt)) ? typeOf(v(rt), false) : "unassigned");
      }
      const v = c.cv(a);
      return (rt) => typeOf(v(rt), false);
    }
    case "mkbool": {
      const v = c.cb(args[0]);
      return (rt) => (v(rt) ? 1 : 0);
    }
    case "strtonum": {
      const v = c.cv(args[0]);
      return (rt) => strtonum(v(rt));
    }
  }
  throw new AwkFatal(`function \`${name}' not defined`, e.line);
}

/** towupper/towlower character by character: a character never becomes two ("ß" stays). */
function caseMap(s: string, upper: boolean): string {
  const t = upper ? s.toUpperCase() : s.toLowerCase();
  if (t.length === s.length && !/[^\x00-\x7f]/.test(s)) return t;
  let out = "";
  for (const ch of s) {
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    out += m.length === ch.length ? m : ch;
  }
  return out;
}

/** strtonum(): 0x hex and leading-0 octal, else the usual conversion. */
export function strtonum(v: Value): number {
  if (typeof v === "number") return v;
  if (v instanceof Strnum && v.isNum) return v.n;
  const s = typeof v === "string" ? v : v === undefined ? "" : v.s;
  let m = /^0[xX]([0-9a-fA-F]+)/.exec(s);
  if (m) return parseInt(m[1], 16);
  m = /^0([0-7]+)(?![0-9.eE])/.exec(s);
  if (m) return parseInt(m[1], 8);
  return toNum(s);
}
