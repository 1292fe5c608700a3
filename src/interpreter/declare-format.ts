/**
 * How `declare -p` and the ${x@A} / ${x@K} transforms print variables. Apart from the
 * declare builtins (builtins/vars.ts, loaded on first use) so parameter expansion has it
 * without them.
 */
import { quoteDeclare } from "./quote.js";
import { Attr, arrayIndices, assocEntries, isAssoc, isIndexed, type Variable } from "./variables.js";

/** bash's attribute letters, in the order declare -p prints them. */
export function attrLetters(v: Variable): string {
  let s = "";
  if (isIndexed(v) || (v.attrs & Attr.Indexed && !(v.value instanceof Map))) s += "a";
  if (isAssoc(v) || v.attrs & Attr.Assoc) s += "A";
  if (v.attrs & Attr.Integer) s += "i";
  if (v.attrs & Attr.Nameref) s += "n";
  if (v.attrs & Attr.Readonly) s += "r";
  if (v.attrs & Attr.Trace) s += "t";
  if (v.attrs & Attr.Export) s += "x";
  if (v.attrs & Attr.Capitalize) s += "c";
  if (v.attrs & Attr.Lower) s += "l";
  if (v.attrs & Attr.Upper) s += "u";
  return s;
}

/** An associative key as declare -p and ${m[@]@K} print it. */
export function declareKey(k: string): string {
  return keyNeedsQuotes(k) ? quoteDeclare(k) : k;
}

/** bash's sh_contains_shell_metas: blanks, quotes, metacharacters, glob and expansion characters, a leading # or ~ (or ~ after = or :). */
function keyNeedsQuotes(k: string): boolean {
  if (k === "" || /[ \t\n'"\\|&;()<>!{}*[?\]^$`]/.test(k) || k[0] === "#") return true;
  return /(^|[=:])~/.test(k);
}

/** One `declare -p` line. */
export function declareLine(name: string, v: Variable): string {
  const flags = attrLetters(v);
  const head = `declare -${flags || "-"} ${name}`;
  const val = v.value;
  if (val === undefined) return head;
  if (v.attrs & Attr.NoValue && (val instanceof Map ? val.size === 0 : Array.isArray(val) && val.length === 0)) return head;
  if (Array.isArray(val)) {
    const items = arrayIndices(val).map((i) => `[${i}]=${quoteDeclare(val[i])}`);
    return `${head}=(${items.join(" ")})`;
  }
  if (val instanceof Map) {
    if (val.size === 0) return `${head}=()`;
    const items = assocEntries(val).map(([k, x]) => `[${declareKey(k)}]=${quoteDeclare(x)}`);
    return `${head}=(${items.join(" ")} )`;
  }
  return `${head}=${quoteDeclare(val)}`;
}
