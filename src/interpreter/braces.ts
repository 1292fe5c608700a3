import type { Word, WordPart } from "../parser/ast.js";
import { ShellError } from "./errors.js";
import type { Shell } from "./shell.js";

/** Upper bound on the words one brace expansion may produce (brace bombs). */
const MAX_BRACE_WORDS = 200_000;

/** {a,b}c{1..3}: the cartesian product, left to right, as bash orders it. */
export function expandBraces(w: Word, sh: Shell): Word[] {
  let acc: WordPart[][] = [[]];
  for (const p of w.parts) {
    if (p.type !== "Brace") {
      for (const a of acc) a.push(p);
      continue;
    }
    const alternatives: WordPart[][] = [];
    if (p.items) {
      for (const item of p.items) {
        for (const sub of expandBraces(item, sh)) alternatives.push(sub.parts);
      }
    } else {
      for (const v of sequence(p.seq!)) alternatives.push([{ type: "Literal", pos: p.pos, end: p.end, value: v }]);
    }
    if (acc.length * alternatives.length > MAX_BRACE_WORDS) {
      throw new ShellError("brace expansion: too many words", 1, true);
    }
    const next: WordPart[][] = [];
    for (const a of acc) for (const alt of alternatives) next.push([...a, ...alt]);
    acc = next;
    sh.services.budget.checkTime();
  }
  return acc.map((parts) => ({ pos: w.pos, end: w.end, parts: joinNames(parts) }));
}

/**
 * bash expands braces in the text before parameters: `$a{1,2}` becomes `$a1 $a2`.
 * An unbraced $name followed by name characters from an alternative takes them in.
 */
function joinNames(parts: WordPart[]): WordPart[] {
  for (let i = 0; i + 1 < parts.length; i++) {
    const p = parts[i];
    const q = parts[i + 1];
    if (p.type !== "Param" || !p.short || p.index || p.op || p.indirect || !/^[A-Za-z_]/.test(p.name)) continue;
    if (q.type !== "Literal") continue;
    const m = /^[A-Za-z0-9_]+/.exec(q.value);
    if (!m) continue;
    const out = parts.slice();
    out[i] = { ...p, name: p.name + m[0] };
    if (m[0].length === q.value.length) out.splice(i + 1, 1);
    else out[i + 1] = { ...q, value: q.value.slice(m[0].length) };
    return joinNames(out);
  }
  return parts;
}

function sequence(seq: { from: string; to: string; step: string | null }): string[] {
  const out: string[] = [];
  const isNum = /^-?\d+$/.test(seq.from);
  let step = seq.step !== null ? Math.abs(Number(seq.step)) : 1;
  if (step === 0) step = 1;
  if (isNum) {
    const a = Number(seq.from);
    const b = Number(seq.to);
    const width = /^-?0\d/.test(seq.from) || /^-?0\d/.test(seq.to) ? Math.max(seq.from.length, seq.to.length) : 0;
    const count = Math.floor(Math.abs(b - a) / step) + 1;
    if (count > MAX_BRACE_WORDS) throw new ShellError("brace expansion: too many words", 1, true);
    for (let i = 0, v = a; i < count; i++, v += a <= b ? step : -step) {
      let s = String(Math.abs(v));
      if (width) s = s.padStart(v < 0 ? width - 1 : width, "0");
      out.push(v < 0 ? "-" + s : s);
    }
    return out;
  }
  const a = seq.from.charCodeAt(0);
  const b = seq.to.charCodeAt(0);
  // {Z..a} passes `\`, which bash's quote removal then takes away: an empty word.
  for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) out.push(v === 92 ? "" : String.fromCharCode(v));
  return out;
}
