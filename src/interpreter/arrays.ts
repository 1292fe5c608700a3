import type { Assignment } from "../parser/ast.js";
import { evalSubscript } from "./arith.js";
import { ShellError } from "./errors.js";
import { expandString, expandWords } from "./expand.js";
import type { FdTable } from "./io.js";
import { singleQuote } from "./quote.js";
import type { Shell } from "./shell.js";
import { Attr, isAssoc } from "./variables.js";

/**
 * One element of a compound assignment after expansion: `[index]=value` (the index as
 * expanded, which set -x shows), or a bare word: split into fields for an
 * indexed array, one key or value of a (k1 v1 k2 v2) list for an associative one.
 */
export interface ExpandedElement {
  index: string | null;
  /** An indexed array's subscript, evaluated with the expansion (bash does it then too). */
  slot?: number;
  values: string[];
  append: boolean;
}

/** name=(...) and name+=(...): indexed or associative compound assignment. */
export async function assignArray(sh: Shell, a: Assignment, io: FdTable, where: "visible" | "local" | "global" = "visible"): Promise<void> {
  await checkCompoundTarget(sh, a, io);
  const existing = sh.resolve(sh.resolveName(a.name));
  storeCompound(sh, a, await expandCompound(sh, a, io, existing ? isAssoc(existing) : false), where);
}

/** A list cannot go into one element: `a[1]=(x)`. */
export async function checkCompoundTarget(sh: Shell, a: Assignment, io: FdTable): Promise<void> {
  if (a.index) throw new ShellError(`${a.name}[${await expandString(sh, a.index, io, true)}]: cannot assign list to array member`);
}

/**
 * Expands every element first, as bash does before assigning any (so `declare x=2 b=($x)`
 * sees the old x, and set -x prints the expanded list before the declare line).
 */
export async function expandCompound(sh: Shell, a: Assignment, io: FdTable, assoc: boolean): Promise<ExpandedElement[]> {
  const out: ExpandedElement[] = [];
  for (const e of a.array!) {
    if (e.index) {
      const index = await expandString(sh, e.index, io, !assoc);
      const slot = assoc ? undefined : evalSubscript(sh, index);
      out.push({ index, slot, values: [await expandString(sh, e.value, io)], append: !!e.append });
    } else if (assoc) out.push({ index: null, values: [await expandString(sh, e.value, io)], append: false });
    else out.push({ index: null, values: await expandWords(sh, [e.value], io), append: false });
  }
  return out;
}

/** How set -x shows an expanded compound assignment: `b=('q' 'r')`, `m=(['k']='v')`. */
export function traceCompound(a: Assignment, elems: ExpandedElement[]): string {
  const items: string[] = [];
  for (const e of elems) {
    if (e.index !== null) items.push(`[${singleQuote(e.index)}]${e.append ? "+=" : "="}${singleQuote(e.values[0])}`);
    else for (const v of e.values) items.push(singleQuote(v));
  }
  return `${a.name}${a.append ? "+=" : "="}(${items.join(" ")})`;
}

/** Stores expanded elements into the array named by a (created in `where`). */
export function storeCompound(sh: Shell, a: Assignment, elems: ExpandedElement[], where: "visible" | "local" | "global"): void {
  const name = sh.resolveName(a.name);
  const existing = sh.resolve(name);
  if (existing && existing.attrs & Attr.Readonly) throw new ShellError(`${name}: readonly variable`);
  const assoc = existing ? isAssoc(existing) : false;
  const v = sh.declare(name, 0, where);
  v.attrs &= ~Attr.NoValue;
  if (assoc) {
    const map = a.append && v.value instanceof Map ? v.value : new Map<string, string>();
    for (let i = 0; i < elems.length; i++) {
      const e = elems[i];
      if (e.index !== null) {
        const val = e.values[0];
        map.set(e.index, e.append ? (map.get(e.index) ?? "") + val : sh.applyAttrs(v, val, null));
      } else {
        // bash 5.1+: (k1 v1 k2 v2) pairs.
        const next = elems[i + 1];
        const val = next && next.index === null ? next.values[0] : "";
        i++;
        map.set(e.values[0], sh.applyAttrs(v, val, null));
      }
    }
    v.value = map;
    return;
  }
  const arr: string[] = a.append && Array.isArray(v.value) ? v.value : a.append && typeof v.value === "string" ? [v.value] : [];
  let next = a.append ? arr.length : 0;
  for (const e of elems) {
    if (e.index !== null) {
      let idx = e.slot ?? evalSubscript(sh, e.index);
      if (idx < 0) idx += arr.length;
      if (idx < 0) throw new ShellError(`${name}[${e.index}]: bad array subscript`);
      const val = e.values[0];
      arr[idx] = e.append ? (arr[idx] ?? "") + val : sh.applyAttrs(v, val, null);
      next = idx + 1;
    } else {
      for (const val of e.values) arr[next++] = sh.applyAttrs(v, val, null);
    }
  }
  v.value = arr;
  v.attrs |= Attr.Indexed;
}
