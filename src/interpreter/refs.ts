import { evalSubscript } from "./arith.js";
import type { Shell } from "./shell.js";

/** `name` or `name[subscript]`, as printf -v and a `{var}>` redirection name their variable. */
const ELEMENT = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/s;

/** Assigns `name` or one element `name[subscript]` (an associative array's key, else an index). */
export function setRef(sh: Shell, ref: string, value: string): void {
  const m = ELEMENT.exec(ref);
  if (!m) sh.set(ref, value);
  else if (sh.resolve(m[1])?.value instanceof Map) sh.setAssoc(m[1], m[2], value);
  else sh.setElement(m[1], evalSubscript(sh, m[2]), value);
}

/** The value of `name` or `name[subscript]`, or undefined when unset. */
export function getRef(sh: Shell, ref: string): string | undefined {
  const m = ELEMENT.exec(ref);
  if (!m) return sh.get(ref);
  const v = sh.resolve(m[1])?.value;
  if (v instanceof Map) return v.get(m[2]);
  const i = evalSubscript(sh, m[2]);
  if (!Array.isArray(v)) return (i === 0 || i === -1) && typeof v === "string" ? v : undefined;
  return v[i < 0 ? v.length + i : i];
}
