import type { Assignment } from "../parser/ast.js";
import { evalArithText } from "./arith.js";
import { ShellError } from "./errors.js";
import { expandString, expandWords } from "./expand.js";
import type { FdTable } from "./io.js";
import type { Shell } from "./shell.js";
import { Attr, isAssoc } from "./variables.js";

/** name=(...) and name+=(...): indexed or associative compound assignment. */
export async function assignArray(sh: Shell, a: Assignment, io: FdTable, where: "visible" | "local" | "global" = "visible"): Promise<void> {
  const name = sh.resolveName(a.name);
  if (a.index) throw new ShellError(`${a.name}[${await expandString(sh, a.index, io, true)}]: cannot assign list to array member`);
  const existing = sh.resolve(name);
  if (existing && existing.attrs & Attr.Readonly) throw new ShellError(`${name}: readonly variable`);
  const assoc = existing ? isAssoc(existing) : false;
  const v = sh.declare(name, 0, where);
  v.attrs &= ~Attr.NoValue;
  if (assoc) {
    const map = a.append && v.value instanceof Map ? v.value : new Map<string, string>();
    const elems = a.array!;
    for (let i = 0; i < elems.length; i++) {
      const e = elems[i];
      if (e.index) {
        const key = await expandString(sh, e.index, io);
        const val = await expandString(sh, e.value, io);
        map.set(key, e.append ? (map.get(key) ?? "") + val : sh.applyAttrs(v, val, null));
      } else {
        // bash 5.1+: (k1 v1 k2 v2) pairs.
        const key = await expandString(sh, e.value, io);
        const next = elems[i + 1];
        const val = next && !next.index ? await expandString(sh, next.value, io) : "";
        i++;
        map.set(key, sh.applyAttrs(v, val, null));
      }
    }
    v.value = map;
    return;
  }
  const arr: string[] = a.append && Array.isArray(v.value) ? v.value : a.append && typeof v.value === "string" ? [v.value] : [];
  let next = a.append ? arr.length : 0;
  for (const e of a.array!) {
    if (e.index) {
      const idxText = await expandString(sh, e.index, io, true);
      let idx = Number(evalArithText(sh, idxText));
      if (idx < 0) idx += arr.length;
      if (idx < 0) throw new ShellError(`${name}[${idxText}]: bad array subscript`);
      const val = await expandString(sh, e.value, io);
      arr[idx] = e.append ? (arr[idx] ?? "") + val : sh.applyAttrs(v, val, null);
      next = idx + 1;
    } else {
      for (const val of await expandWords(sh, [e.value], io)) {
        arr[next++] = sh.applyAttrs(v, val, null);
      }
    }
  }
  v.value = arr;
  v.attrs |= Attr.Indexed;
}
