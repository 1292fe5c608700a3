/**
 * Field splitting: FS as a single space (runs of blanks, ends trimmed), one
 * literal character, the empty string (one field per character), or a regex;
 * FIELDWIDTHS and FPAT. `out` receives fields at indices 1..n; returns n.
 */
import type { CompiledRegex } from "./regex.js";

export type Splitter =
  | { k: "space"; newline: boolean }
  | { k: "char"; c: string; newline: boolean }
  | { k: "chars" }
  | { k: "regex"; re: CompiledRegex }
  | { k: "widths"; widths: FieldWidth[] }
  | { k: "fpat"; re: CompiledRegex };

export interface FieldWidth {
  skip: number;
  /** -1: the rest of the record (`*`). */
  width: number;
}

/** Default splitting: fields are runs of non-blanks (space, tab, and newline). */
export function splitSpace(s: string, out: unknown[], seps?: string[]): number {
  let n = 0;
  const len = s.length;
  let i = 0;
  for (;;) {
    const gap = i;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10) i++;
      else break;
    }
    if (seps && i > gap) seps[n] = s.slice(gap, i);
    if (i >= len) return n;
    const start = i;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10) break;
      i++;
    }
    out[++n] = s.slice(start, i);
  }
}

function splitChar(s: string, c: string, newline: boolean, out: unknown[], seps?: string[]): number {
  if (s === "") return 0;
  let n = 0;
  let start = 0;
  if (!newline) {
    for (;;) {
      const i = s.indexOf(c, start);
      if (i < 0) break;
      out[++n] = s.slice(start, i);
      if (seps) seps[n] = c;
      start = i + 1;
    }
    out[++n] = s.slice(start);
    return n;
  }
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === c || ch === "\n") {
      out[++n] = s.slice(start, i);
      if (seps) seps[n] = ch;
      start = i + 1;
    }
  }
  out[++n] = s.slice(start);
  return n;
}

function splitChars(s: string, out: unknown[]): number {
  let n = 0;
  for (const ch of s) out[++n] = ch;
  return n;
}

function splitRegex(s: string, re: CompiledRegex, out: unknown[], seps?: string[]): number {
  if (s === "") return 0;
  let n = 0;
  let start = 0;
  let from = 0;
  while (from < s.length) {
    const m = re.exec(s, from);
    if (!m) break;
    if (m.end === m.index) {
      // An empty match separates nothing; try one character further.
      from = m.index + 1;
      continue;
    }
    out[++n] = s.slice(start, m.index);
    if (seps) seps[n] = s.slice(m.index, m.end);
    start = from = m.end;
  }
  out[++n] = s.slice(start);
  return n;
}

function splitWidths(s: string, widths: FieldWidth[], out: unknown[]): number {
  let n = 0;
  let pos = 0;
  const chars = Array.from(s);
  for (const w of widths) {
    pos += w.skip;
    if (pos >= chars.length) break;
    const end = w.width < 0 ? chars.length : Math.min(chars.length, pos + w.width);
    out[++n] = chars.slice(pos, end).join("");
    pos = end;
  }
  return n;
}

/** FPAT: each field is the next match of the pattern. */
function splitFpat(s: string, re: CompiledRegex, out: unknown[]): number {
  let n = 0;
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length) {
    const m = re.exec(s, pos);
    if (!m) break;
    if (m.end === m.index) {
      // A null field right after a non-null one is not a field.
      if (m.index === prevEnd) {
        if (m.index >= s.length) break;
        pos = m.index + 1;
        continue;
      }
      out[++n] = "";
      prevEnd = m.index;
      if (m.index >= s.length) break;
      pos = m.index + 1;
      continue;
    }
    out[++n] = s.slice(m.index, m.end);
    prevEnd = pos = m.end;
  }
  return n;
}

/** Splits s into out[1..n]; seps (split()'s fourth argument) gets the separators: seps[i] after field i. */
export function splitWith(s: string, sp: Splitter, out: unknown[], seps?: string[]): number {
  switch (sp.k) {
    case "space":
      return splitSpace(s, out, seps);
    case "char":
      return splitChar(s, sp.c, sp.newline, out, seps);
    case "chars":
      return splitChars(s, out);
    case "regex":
      return splitRegex(s, sp.re, out, seps);
    case "widths":
      return splitWidths(s, sp.widths, out);
    case "fpat":
      return splitFpat(s, sp.re, out);
  }
}

/**
 * Parses FIELDWIDTHS ("2 3:4 *") the way gawk scans it: blank-separated
 * [SKIP:]WIDTH items (both positive), a final "*" for the rest. Returns the widths,
 * or gawk's message for the first bad item (its field number and the text from there).
 */
export function scanFieldWidths(spec: string): FieldWidth[] | string {
  const out: FieldWidth[] = [];
  const blank = (c: string | undefined) => c === " " || c === "\t";
  const number = (at: number): [number, number] => {
    let j = at;
    if (spec[j] === "+") j++;
    const d = j;
    while (j < spec.length && spec[j] >= "0" && spec[j] <= "9") j++;
    return j === d ? [0, at] : [Number(spec.slice(d, j)), j];
  };
  let pos = 0;
  for (let field = 1; ; field++) {
    while (blank(spec[pos])) pos++;
    const bad = () => `invalid FIELDWIDTHS value, for field ${field}, near \`${spec.slice(pos)}'`;
    if (spec[pos] === "-") return bad();
    if (pos >= spec.length) return out;
    let [n, end] = number(pos);
    let skip = 0;
    if (spec[end] === ":" && n > 0) {
      skip = n;
      pos = end + 1;
      if (spec[pos] === "-" || blank(spec[pos])) return bad();
      [n, end] = number(pos);
    }
    if ((end < spec.length && !blank(spec[end])) || n <= 0) {
      if (spec[pos] !== "*") return bad();
      pos++;
      while (blank(spec[pos])) pos++;
      if (pos < spec.length) return "`*' must be the last designator in FIELDWIDTHS";
      out.push({ skip, width: -1 });
      return out;
    }
    out.push({ skip, width: n });
    pos = end;
  }
}

/** Parses FIELDWIDTHS; null when invalid. */
export function parseFieldWidths(spec: string): FieldWidth[] | null {
  const w = scanFieldWidths(spec);
  return typeof w === "string" ? null : w;
}
