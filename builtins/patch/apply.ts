import type { Hunk, PatchLine } from "./parse.js";

/**
 * Placing and applying hunks as GNU patch does (patch.c locate_hunk,
 * patch_match, apply_hunk): each hunk is tried at its line (moved by the
 * offset of the hunks before it), then further and further away in both
 * directions, first exactly, then ignoring up to `maxFuzz` context lines at
 * its ends. Lines are compared with their newlines.
 */

export interface Located {
  where: number;
  fuzz: number;
}

export class FileState {
  /** Output so far. */
  out: string[] = [];
  /** Input lines consumed (1-based: the last line already copied or replaced). */
  lastFrozen = 0;
  inOffset = 0;
  /** New-minus-old line counts of the hunks applied, for reject line numbers. */
  outOffset = 0;

  constructor(readonly input: string[]) {}
}

export function patternLines(h: Hunk): PatchLine[] {
  return h.lines.filter((l) => l.op !== "+");
}

function prefixContext(h: Hunk): number {
  let n = 0;
  while (n < h.lines.length && h.lines[n].op === " ") n++;
  return n;
}

function suffixContext(h: Hunk): number {
  let n = 0;
  while (n < h.lines.length && h.lines[h.lines.length - 1 - n].op === " ") n++;
  return n;
}

/** Swaps a hunk's sides (-R, or GNU's guess that the patch is reversed). */
export function swapHunk(h: Hunk): Hunk {
  return {
    oldFirst: h.newFirst,
    oldCount: h.newCount,
    newFirst: h.oldFirst,
    newCount: h.oldCount,
    lines: swapLines(h.lines),
    format: h.format,
  };
}

/** Swaps - and +, keeping deletions before insertions within each run of changes. */
function swapLines(lines: PatchLine[]): PatchLine[] {
  const out: PatchLine[] = [];
  let run: PatchLine[] = [];
  const flush = () => {
    for (const l of run) if (l.op === "+") out.push({ op: "-", text: l.text });
    for (const l of run) if (l.op === "-") out.push({ op: "+", text: l.text });
    run = [];
  };
  for (const l of lines) {
    if (l.op === " ") {
      flush();
      out.push(l);
    } else run.push(l);
  }
  flush();
  return out;
}

function patchMatch(st: FileState, pat: PatchLine[], base: number, offset: number, prefixFuzz: number, suffixFuzz: number): boolean {
  const patLines = pat.length - suffixFuzz;
  let iline = base + offset + prefixFuzz;
  for (let pline = 1 + prefixFuzz; pline <= patLines; pline++, iline++) {
    if (st.input[iline - 1] !== pat[pline - 1].text) return false;
  }
  return true;
}

/** locate_hunk for one fuzz level: the line where the hunk's pattern starts, or 0. */
export function locateHunk(st: FileState, h: Hunk, fuzz: number): number {
  const pat = patternLines(h);
  const firstGuess = h.oldFirst + st.inOffset;
  const patLines = pat.length;
  const pre = prefixContext(h);
  const suf = suffixContext(h);
  const context = Math.max(pre, suf);
  let prefixFuzz = fuzz + pre - context;
  const suffixFuzz = fuzz + suf - context;
  const inputLines = st.input.length;
  const maxWhere = inputLines - (patLines - suffixFuzz) + 1;
  const minWhere = st.lastFrozen + 1 - (pre - prefixFuzz);
  const maxPosOffset = maxWhere - firstGuess;
  let maxNegOffset = firstGuess - minWhere;
  const maxOffset = Math.max(maxPosOffset, maxNegOffset);
  if (!patLines) return firstGuess;
  if (firstGuess <= maxNegOffset) maxNegOffset = firstGuess - 1;
  if (prefixFuzz < 0 && h.oldFirst <= 1) {
    // Can only match the start of the file.
    if (suffixFuzz < 0 && (patLines !== inputLines || pre < st.lastFrozen)) return 0;
    const offset = 1 - firstGuess;
    if (st.lastFrozen <= pre && offset <= maxPosOffset && patchMatch(st, pat, firstGuess, offset, 0, suffixFuzz)) {
      st.inOffset += offset;
      return firstGuess + offset;
    }
    return 0;
  } else if (prefixFuzz < 0) prefixFuzz = 0;
  if (suffixFuzz < 0) {
    // Can only match the end of the file.
    const offset = firstGuess - (inputLines - patLines + 1);
    if (offset <= maxNegOffset && patchMatch(st, pat, firstGuess, -offset, prefixFuzz, 0)) {
      st.inOffset -= offset;
      return firstGuess - offset;
    }
    return 0;
  }
  for (let offset = 0; offset <= maxOffset; offset++) {
    if (offset <= maxPosOffset && patchMatch(st, pat, firstGuess, offset, prefixFuzz, suffixFuzz)) {
      st.inOffset += offset;
      return firstGuess + offset;
    }
    if (offset > 0 && offset <= maxNegOffset && patchMatch(st, pat, firstGuess, -offset, prefixFuzz, suffixFuzz)) {
      st.inOffset -= offset;
      return firstGuess - offset;
    }
  }
  return 0;
}

/** The most context lines fuzz may ignore for this hunk. */
export function maxFuzzFor(h: Hunk, maxFuzz: number): number {
  return Math.min(maxFuzz, Math.max(prefixContext(h), suffixContext(h)));
}

/** apply_hunk: copies input up to `where`, then the hunk (context lines from the input). */
export function applyHunk(st: FileState, h: Hunk, where: number): void {
  while (st.lastFrozen < where - 1) st.out.push(st.input[st.lastFrozen++]);
  for (const l of h.lines) {
    if (l.op === " ") st.out.push(st.input[st.lastFrozen++]);
    else if (l.op === "-") st.lastFrozen++;
    else st.out.push(l.text);
  }
  st.outOffset += h.newCount - h.oldCount;
}

export function finish(st: FileState): string[] {
  while (st.lastFrozen < st.input.length) st.out.push(st.input[st.lastFrozen++]);
  return st.out;
}

function unifiedRange(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  if (count === 1) return `${start}`;
  return `${start},${count}`;
}

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : text + "\n\\ No newline at end of file\n";
}

/** A rejected hunk in unified form (line numbers moved like the hunks before it). */
export function rejectUnified(h: Hunk, outOffset: number): string {
  let s = `@@ -${unifiedRange(h.oldFirst + outOffset, h.oldCount)} +${unifiedRange(h.newFirst + outOffset, h.newCount)} @@\n`;
  for (const l of h.lines) s += l.op + withNewline(l.text);
  return s;
}

function contextRange(start: number, count: number): string {
  if (count === 0) return `${start - 1}`;
  if (count === 1) return `${start}`;
  return `${start},${start + count - 1}`;
}

/** A rejected hunk in context form. */
export function rejectContext(h: Hunk, outOffset: number): string {
  const changedOld = h.lines.some((l) => l.op === "-");
  const changedNew = h.lines.some((l) => l.op === "+");
  let s = `***************\n*** ${contextRange(h.oldFirst + outOffset, h.oldCount)} ****\n`;
  const mark = (i: number, side: "-" | "+") => {
    // A deletion next to an insertion (in the same run of changes) is a change "!".
    let j = i;
    while (j > 0 && h.lines[j - 1].op !== " ") j--;
    let k = i;
    while (k < h.lines.length && h.lines[k].op !== " ") k++;
    const run = h.lines.slice(j, k);
    return run.some((l) => l.op === "-") && run.some((l) => l.op === "+") ? "!" : side;
  };
  if (changedOld) h.lines.forEach((l, i) => {
    if (l.op !== "+") s += (l.op === " " ? " " : mark(i, "-")) + " " + withNewline(l.text);
  });
  s += `--- ${contextRange(h.newFirst + outOffset, h.newCount)} ----\n`;
  if (changedNew) h.lines.forEach((l, i) => {
    if (l.op !== "-") s += (l.op === " " ? " " : mark(i, "+")) + " " + withNewline(l.text);
  });
  return s;
}
