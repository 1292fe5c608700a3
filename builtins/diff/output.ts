import type { Change, DiffLines } from "./analyze.js";
import type { CompiledRegex } from "../_lib/regex/index.js";
import { decodeUtf8, latin1ToBytes } from "../../src/io/utf8.js";

/**
 * GNU diff's output styles for one pair of files: normal, unified (-u),
 * context (-c) and ed (-e), with analyze_hunk's -B/-I filtering and
 * find_hunk's grouping of changes closer than 2*context+1 lines.
 */

export interface HunkSettings {
  context: number;
  ignoreBlankLines: boolean;
  /** -I regexps: lines matching any are ignorable. */
  ignoreRegexps: CompiledRegex[];
  /** ignore_white_space >= trailing-space / space-change, for -B's blank test. */
  skipWhiteSpace: boolean;
  skipLeadingWhiteSpace: boolean;
  initialTab: boolean;
  suppressBlankEmpty: boolean;
}

/** A file as printed: its lines and whether each ends with a newline. */
export class PrintedFile {
  constructor(readonly f: DiffLines) {}
  get count(): number {
    return this.f.lines.length;
  }
  text(i: number): string {
    return this.f.lines[i];
  }
  complete(i: number): boolean {
    return i < this.f.lines.length - 1 || this.f.lastTerminated;
  }
}

const OLD = 1;
const NEW = 2;

interface HunkRange {
  changes: number;
  first0: number;
  last0: number;
  first1: number;
  last1: number;
}

function trivialLine(line: string, s: HunkSettings): boolean {
  let p = 0;
  if (s.skipWhiteSpace) {
    let q = 0;
    while (q < line.length && " \t\v\f\r".includes(line[q])) q++;
    if (q < line.length) p = s.skipLeadingWhiteSpace ? q : 0;
    else p = q;
  }
  if (s.ignoreBlankLines && line.length - p === 0) return true;
  if (!s.ignoreRegexps.length) return false;
  const text = decodeUtf8(latin1ToBytes(line));
  return s.ignoreRegexps.some((re) => re.test(text));
}

/** analyze_hunk: the line ranges of a group of changes and what they do (0 when all ignorable). */
function analyzeHunk(hunk: Change[], a: PrintedFile, b: PrintedFile, s: HunkSettings): HunkRange {
  let trivial = s.ignoreBlankLines || s.ignoreRegexps.length > 0;
  let showFrom = 0;
  let showTo = 0;
  let l0 = 0;
  let l1 = 0;
  for (const c of hunk) {
    l0 = c.line0 + c.deleted - 1;
    l1 = c.line1 + c.inserted - 1;
    showFrom += c.deleted;
    showTo += c.inserted;
    for (let i = c.line0; i <= l0 && trivial; i++) if (!trivialLine(a.text(i), s)) trivial = false;
    for (let i = c.line1; i <= l1 && trivial; i++) if (!trivialLine(b.text(i), s)) trivial = false;
  }
  const changes = trivial ? 0 : (showFrom ? OLD : 0) | (showTo ? NEW : 0);
  return { changes, first0: hunk[0].line0, last0: l0, first1: hunk[0].line1, last1: l1 };
}

/** mark_ignorable then find_hunk: groups of changes printed together. */
function groupHunks(script: Change[], a: PrintedFile, b: PrintedFile, s: HunkSettings): Change[][] {
  if (s.ignoreBlankLines || s.ignoreRegexps.length) {
    for (const c of script) c.ignore = analyzeHunk([c], a, b, s).changes === 0;
  }
  const groups: Change[][] = [];
  let i = 0;
  while (i < script.length) {
    const group = [script[i]];
    for (;;) {
      const prev = script[i];
      const top0 = prev.line0 + prev.deleted;
      const next = script[i + 1];
      if (!next) break;
      const thresh = next.ignore ? s.context : 2 * s.context + 1;
      if (next.line0 - top0 >= thresh) break;
      group.push(next);
      i++;
    }
    groups.push(group);
    i++;
  }
  return groups;
}

function rangeText(a: number, b: number): string {
  return b > a ? `${a + 1},${b + 1}` : `${b + 1}`;
}

/** A line with its flag; "\ No newline at end of file" after an incomplete one. */
function line(out: string[], flag: string | null, f: PrintedFile, i: number, s: HunkSettings): void {
  const text = f.text(i);
  let head = "";
  if (flag) {
    if (s.suppressBlankEmpty && text === "") head = flag === " " ? "" : flag;
    else head = flag + (s.initialTab ? "\t" : " ");
  }
  const complete = f.complete(i);
  out.push(head + text + (complete ? "\n" : ""));
  if (!complete && flag !== "") out.push("\n\\ No newline at end of file\n");
}

export function normalOutput(script: Change[], a: PrintedFile, b: PrintedFile, s: HunkSettings, out: string[]): void {
  for (const c of script) {
    const h = analyzeHunk([c], a, b, s);
    if (!h.changes) continue;
    out.push(`${rangeText(h.first0, h.last0)}${" dac"[h.changes]}${rangeText(h.first1, h.last1)}\n`);
    if (h.changes & OLD) for (let i = h.first0; i <= h.last0; i++) line(out, "<", a, i, s);
    if (h.changes === (OLD | NEW)) out.push("---\n");
    if (h.changes & NEW) for (let i = h.first1; i <= h.last1; i++) line(out, ">", b, i, s);
  }
}

/** Widens a hunk by the context, within the files. */
function withContext(h: HunkRange, a: PrintedFile, b: PrintedFile, context: number): HunkRange {
  return {
    changes: h.changes,
    first0: Math.max(h.first0 - context, 0),
    first1: Math.max(h.first1 - context, 0),
    last0: h.last0 < a.count - context ? h.last0 + context : a.count - 1,
    last1: h.last1 < b.count - context ? h.last1 + context : b.count - 1,
  };
}

function unifiedRange(a: number, b: number): string {
  if (b <= a) return b < a ? `${b + 1},0` : `${b + 1}`;
  return `${a + 1},${b - a + 1}`;
}

export function unifiedOutput(script: Change[], a: PrintedFile, b: PrintedFile, s: HunkSettings, out: string[]): void {
  for (const group of groupHunks(script, a, b, s)) {
    const h0 = analyzeHunk(group, a, b, s);
    if (!h0.changes) continue;
    const h = withContext(h0, a, b, s.context);
    out.push(`@@ -${unifiedRange(h.first0, h.last0)} +${unifiedRange(h.first1, h.last1)} @@\n`);
    let i = h.first0;
    let j = h.first1;
    let k = 0;
    while (i <= h.last0 || j <= h.last1) {
      const next = group[k];
      if (!next || i < next.line0) {
        const text = a.text(i);
        out.push(s.suppressBlankEmpty && text === "" ? "" : s.initialTab ? "\t" : " ");
        line(out, null, a, i++, s);
        j++;
      } else {
        for (let n = 0; n < next.deleted; n++) {
          out.push(s.initialTab && !(s.suppressBlankEmpty && a.text(i) === "") ? "-\t" : "-");
          line(out, null, a, i++, s);
        }
        for (let n = 0; n < next.inserted; n++) {
          out.push(s.initialTab && !(s.suppressBlankEmpty && b.text(j) === "") ? "+\t" : "+");
          line(out, null, b, j++, s);
        }
        k++;
      }
    }
  }
}

function contextRange(a: number, b: number): string {
  return b <= a ? `${b + 1}` : `${a + 1},${b + 1}`;
}

export function contextOutput(script: Change[], a: PrintedFile, b: PrintedFile, s: HunkSettings, out: string[]): void {
  for (const group of groupHunks(script, a, b, s)) {
    const h0 = analyzeHunk(group, a, b, s);
    if (!h0.changes) continue;
    const h = withContext(h0, a, b, s.context);
    out.push("***************\n");
    out.push(`*** ${contextRange(h.first0, h.last0)} ****\n`);
    if (h.changes & OLD) {
      let k = 0;
      for (let i = h.first0; i <= h.last0; i++) {
        while (k < group.length && group[k].line0 + group[k].deleted <= i) k++;
        const c = group[k];
        const flag = c && c.line0 <= i ? (c.inserted > 0 ? "!" : "-") : " ";
        line(out, flag, a, i, s);
      }
    }
    out.push(`--- ${contextRange(h.first1, h.last1)} ----\n`);
    if (h.changes & NEW) {
      let k = 0;
      for (let i = h.first1; i <= h.last1; i++) {
        while (k < group.length && group[k].line1 + group[k].inserted <= i) k++;
        const c = group[k];
        const flag = c && c.line1 <= i ? (c.deleted > 0 ? "!" : "+") : " ";
        line(out, flag, b, i, s);
      }
    }
  }
}

/** -e: an ed script, last change first. */
export function edOutput(script: Change[], a: PrintedFile, b: PrintedFile, s: HunkSettings, out: string[]): void {
  for (let n = script.length - 1; n >= 0; n--) {
    const h = analyzeHunk([script[n]], a, b, s);
    if (!h.changes) continue;
    out.push(`${rangeText(h.first0, h.last0)}${" dac"[h.changes]}\n`);
    if (h.changes === OLD) continue;
    let insertMode = true;
    for (let i = h.first1; i <= h.last1; i++) {
      if (!insertMode) {
        out.push("a\n");
        insertMode = true;
      }
      if (b.text(i) === "." && b.complete(i)) {
        out.push("..\n.\ns/.//\n");
        insertMode = false;
      } else line(out, "", b, i, s);
    }
    if (insertMode) out.push(".\n");
  }
}

/** Whether any change survives -B/-I (for -q and the exit status). */
export function hasVisibleChanges(script: Change[], a: PrintedFile, b: PrintedFile, s: HunkSettings): boolean {
  if (!s.ignoreBlankLines && !s.ignoreRegexps.length) return script.length > 0;
  return script.some((c) => analyzeHunk([c], a, b, s).changes !== 0);
}
