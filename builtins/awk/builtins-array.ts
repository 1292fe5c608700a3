/**
 * split, patsplit, asort, asorti, and the orderings of gawk's assoc_list
 * ("@ind_str_asc", "@val_num_desc", ... or a user comparison function), which
 * PROCINFO["sorted_in"] also selects for `for (k in a)`.
 */
import { AwkArray } from "./array.js";
import type { Expr } from "./ast.js";
import type { Compiler, Ex } from "./compile.js";
import { callSync } from "./compile.js";
import { AwkFatal } from "./diagnostics.js";
import { splitWith, type Splitter } from "./fields.js";
import type { Runtime } from "./runtime.js";
import { isNumeric, Strnum, toNum, type Value } from "./values.js";

export const SPLIT_BUILTINS = ["split", "patsplit", "asort", "asorti"];

function cmpStrings(a: string, b: string, ic: boolean): number {
  if (ic) {
    const x = a.toLowerCase(), y = b.toLowerCase();
    if (x !== y) return x < y ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Entry = [string, Value | AwkArray];

function valueType(rt: Runtime, a: Value, b: Value): number {
  const an = isNumeric(a), bn = isNumeric(b);
  if (an && bn) return cmpNumbers(toNum(a), toNum(b));
  if (an) return -1;
  if (bn) return 1;
  return cmpStrings(rt.str(a), rt.str(b), rt.ic);
}

type Order = (rt: Runtime, x: [string, Value], y: [string, Value]) => number;

const ORDERS: Record<string, Order> = {
  "@ind_str_asc": (rt, x, y) => cmpStrings(x[0], y[0], rt.ic),
  "@ind_num_asc": (rt, x, y) => cmpNumbers(toNum(x[0]), toNum(y[0])) || cmpStrings(x[0], y[0], rt.ic),
  "@val_str_asc": (rt, x, y) => cmpStrings(rt.str(x[1]), rt.str(y[1]), rt.ic),
  "@val_num_asc": (rt, x, y) => cmpNumbers(toNum(x[1]), toNum(y[1])) || cmpStrings(rt.str(x[1]), rt.str(y[1]), rt.ic),
  "@val_type_asc": (rt, x, y) => valueType(rt, x[1], y[1]),
};

/**
 * The keys of `a` in the order `how` names; null for "@unsorted" (gawk's own
 * order). A user function is called with (i1, v1, i2, v2).
 */
export function orderedKeys(rt: Runtime, a: AwkArray, how: string): string[] {
  const keys = a.keys();
  if (how === "@unsorted" || how === "") return keys;
  const entries: Entry[] = keys.map((k) => [k, a.peek(k)]);
  const desc = how.endsWith("_desc");
  const order: Order | undefined = ORDERS[desc ? how.slice(0, -5) + "_asc" : how];
  // Index orders look at the subscripts alone. Value orders put scalars before
  // subarrays; subarrays are equal to each other.
  const byIndex = how.startsWith("@ind_");
  const base = (x: Entry, y: Entry): number => {
    if (byIndex) return order!(rt, x as [string, Value], y as [string, Value]);
    const xa = x[1] instanceof AwkArray, ya = y[1] instanceof AwkArray;
    if (xa || ya) return xa && ya ? 0 : xa ? 1 : -1;
    return order!(rt, x as [string, Value], y as [string, Value]);
  };
  let cmp: (x: Entry, y: Entry) => number;
  if (order !== undefined) cmp = desc ? (x, y) => -base(x, y) : base;
  else {
    if (how === "" || /\s/.test(how)) throw new AwkFatal(`\`${how}' is invalid as a function name`);
    const f = rt.funcs?.get(how);
    if (!f) throw new AwkFatal(`sort comparison function \`${how}' is not defined`);
    cmp = (x, y) => {
      const r = toNum(callSync(rt, f, [x[0], x[1], y[0], y[1]]));
      return r < 0 ? -1 : r > 0 ? 1 : 0;
    };
  }
  entries.sort(cmp);
  return entries.map((e) => e[0]);
}

/** Field splitting into an array, with the separators into `seps` (gawk's 4th argument). */
function splitInto(s: string, sp: Splitter, arr: AwkArray, seps: AwkArray | null): number {
  const parts: unknown[] = [];
  const sepList: string[] | undefined = seps ? [] : undefined;
  const n = splitWith(s, sp, parts, sepList);
  arr.clear();
  for (let i = 1; i <= n; i++) arr.set(String(i), new Strnum(parts[i] as string));
  if (seps) {
    seps.clear();
    sepList!.forEach((sep, i) => {
      if (sep !== undefined) seps.set(String(i), new Strnum(sep));
    });
  }
  return n;
}

function patsplitInto(s: string, re: Splitter & { k: "fpat" }, arr: AwkArray, seps: AwkArray | null): number {
  arr.clear();
  seps?.clear();
  let n = 0;
  let pos = 0;
  for (;;) {
    const m = re.re.exec(s, pos);
    if (!m || (m.end === m.index && m.index >= s.length)) break;
    if (m.end === m.index) {
      pos = m.index + 1;
      continue;
    }
    if (seps) seps.set(String(n), new Strnum(s.slice(pos, m.index)));
    arr.set(String(++n), new Strnum(s.slice(m.index, m.end)));
    pos = m.end;
  }
  if (seps && pos < s.length) seps.set(String(n), new Strnum(s.slice(pos)));
  return n;
}

function arrayArg(c: Compiler, e: Expr | undefined, fname: string, pos: string): ((rt: Runtime) => AwkArray) | null {
  if (!e) return null;
  const a = c.arrayExpr(e, `${fname}: ${pos} argument is not an array`);
  if (!a) throw new AwkFatal(`${fname}: ${pos} argument is not an array`, e.line);
  return a;
}

export function compileSplitBuiltin(c: Compiler, e: Extract<Expr, { k: "builtin" }>): Ex {
  const args = e.args;
  switch (e.name) {
    case "split": {
      const s = c.cs(args[0]);
      const arr = arrayArg(c, args[1], "split", "second")!;
      const seps = arrayArg(c, args[3], "split", "fourth");
      let sep: ((rt: Runtime) => Splitter) | null = null;
      if (args[2]) {
        const a2 = args[2].k === "group" ? args[2].e : args[2];
        if (a2.k === "regex") {
          const re = c.regexOf(a2.src, a2.line);
          sep = (rt) => ({ k: "regex", re: re(rt) });
        } else {
          const fs = c.cs(args[2]);
          sep = (rt) => rt.splitterFor(fs(rt));
        }
      }
      return (rt) => {
        const text = s(rt);
        const sp = sep ? sep(rt) : rt.fieldSplitter();
        return splitInto(text, sp, arr(rt), seps ? seps(rt) : null);
      };
    }
    case "patsplit": {
      const s = c.cs(args[0]);
      const arr = arrayArg(c, args[1], "patsplit", "second")!;
      const seps = arrayArg(c, args[3], "patsplit", "fourth");
      const re = args[2] ? c.regexArg(args[2]) : (rt: Runtime) => rt.re(rt.str(rt.getSpecial("FPAT")));
      return (rt) => patsplitInto(s(rt), { k: "fpat", re: re(rt) }, arr(rt), seps ? seps(rt) : null);
    }
    case "asort":
    case "asorti": {
      const src = arrayArg(c, args[0], e.name, "first")!;
      const dest = arrayArg(c, args[1], e.name, "second");
      const how = args[2] ? c.cs(args[2]) : null;
      const byIndex = e.name === "asorti";
      return (rt) => {
        const a = src(rt);
        const d = dest ? dest(rt) : a;
        const order = how ? how(rt) : byIndex ? "@ind_str_asc" : "@val_type_asc";
        const keys = orderedKeys(rt, a, order);
        const values = keys.map((k) => (byIndex ? k : a.peek(k)));
        d.clear();
        values.forEach((v, i) => d.put(String(i + 1), v));
        return values.length;
      };
    }
  }
  throw new AwkFatal(`function \`${e.name}' not defined`, e.line);
}
