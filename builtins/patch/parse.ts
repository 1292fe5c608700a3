/**
 * Reading a patch file (GNU patch 2.7.6's pch.c, the common parts): unified,
 * context and normal diffs, with their "--- / +++ / ***" and "Index:" names
 * and git's "diff --git" headers. Every hunk becomes one list of operations
 * (context, delete, insert), so all three formats apply the same way.
 */

export interface PatchLine {
  op: " " | "-" | "+";
  /** The line with its newline ("\ No newline at end of file" drops it). */
  text: string;
}

export interface Hunk {
  /** First old line (1-based; for an empty old side, the line it goes before). */
  oldFirst: number;
  oldCount: number;
  newFirst: number;
  newCount: number;
  lines: PatchLine[];
  /** The hunk's own header text, for reject files. */
  format: "unified" | "context" | "normal";
}

export interface FilePatch {
  oldName: string | null;
  newName: string | null;
  indexName: string | null;
  /** Text after the name on the ---/+++ lines (tab and timestamp), for reject files. */
  oldStamp: string;
  newStamp: string;
  hunks: Hunk[];
  /** Lines of the patch before the first hunk (shown when the file cannot be found). */
  leadingText: string[];
  /** Line number in the patch of the first hunk header's preceding name line. */
  headerLine: number;
  format: "unified" | "context" | "normal";
  git: boolean;
}

/** Splits text into lines that keep their newline (the last line may have none). */
export function splitKeepingNewlines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) {
      if (start < text.length) out.push(text.slice(start));
      return out;
    }
    out.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
}

const strip = (l: string) => l.replace(/\r?\n$/, "");

/** The name (and the rest) from "--- name\tstamp" (a quoted "name" is C-unescaped). */
function headerName(rest: string): { name: string; stamp: string } {
  const body = strip(rest);
  if (body.startsWith('"')) {
    let name = "";
    let i = 1;
    for (; i < body.length && body[i] !== '"'; i++) {
      if (body[i] === "\\" && i + 1 < body.length) {
        const c = body[++i];
        const esc: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", '"': '"', a: "\x07", b: "\b", f: "\f", r: "\r", v: "\v" };
        if (/[0-7]/.test(c)) {
          const m = /^[0-7]{1,3}/.exec(body.slice(i))!;
          name += String.fromCharCode(parseInt(m[0], 8));
          i += m[0].length - 1;
        } else name += esc[c] ?? c;
      } else name += body[i];
    }
    return { name, stamp: body.slice(i + 1) };
  }
  const tab = body.indexOf("\t");
  if (tab >= 0) return { name: body.slice(0, tab), stamp: body.slice(tab) };
  // Without a tab, a timestamp after spaces is not part of the name.
  const m = /^(.*?)( +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d.*| +[A-Z][a-z]{2} [A-Z][a-z]{2} +\d+ \d\d:\d\d:\d\d \d{4}.*)$/.exec(body);
  if (m) return { name: m[1], stamp: m[2] };
  return { name: body.replace(/ +$/, ""), stamp: "" };
}

/** Parses the whole patch; malformed hunks raise an Error with GNU's message. */
export function parsePatch(text: string): FilePatch[] {
  const lines = splitKeepingNewlines(text);
  const patches: FilePatch[] = [];
  let i = 0;
  let pending: Partial<FilePatch> & { leadingText: string[] } = { leadingText: [] };
  const startPatch = (format: FilePatch["format"]): FilePatch => {
    const p: FilePatch = {
      oldName: pending.oldName ?? null,
      newName: pending.newName ?? null,
      indexName: pending.indexName ?? null,
      oldStamp: pending.oldStamp ?? "",
      newStamp: pending.newStamp ?? "",
      hunks: [],
      leadingText: pending.leadingText,
      headerLine: i,
      format,
      git: pending.git ?? false,
    };
    patches.push(p);
    pending = { leadingText: [] };
    return p;
  };
  /** The old and new name lines at i ("--- a" "+++ b", or "*** a" "--- b" in a context diff) name the next file. */
  const takeNameLines = (): void => {
    const o = headerName(strip(lines[i]).slice(4));
    const n = headerName(strip(lines[i + 1]).slice(4));
    pending.leadingText.push(lines[i], lines[i + 1]);
    pending.oldName = o.name;
    pending.oldStamp = o.stamp;
    pending.newName = n.name;
    pending.newStamp = n.stamp;
    i += 2;
  };
  let current: FilePatch | null = null;
  while (i < lines.length) {
    const line = lines[i];
    const body = strip(line);
    let m: RegExpExecArray | null;
    if (body.startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ") && i + 2 < lines.length && lines[i + 2].startsWith("@@ ")) {
      takeNameLines();
      current = startPatch("unified");
      continue;
    }
    if (body.startsWith("*** ") && i + 1 < lines.length && lines[i + 1].startsWith("--- ") && i + 2 < lines.length && strip(lines[i + 2]).startsWith("***************")) {
      takeNameLines();
      current = startPatch("context");
      continue;
    }
    if (current && current.format === "unified" && (m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(body))) {
      i = parseUnifiedHunk(lines, i, m, current);
      continue;
    }
    if (current && current.format === "context" && body.startsWith("***************")) {
      i = parseContextHunk(lines, i + 1, current);
      continue;
    }
    if ((m = /^(\d+)(?:,(\d+))?([acd])(\d+)(?:,(\d+))?$/.exec(body)) && (!current || current.format === "normal")) {
      if (!current) {
        pending.leadingText.push();
        current = startPatch("normal");
      }
      i = parseNormalHunk(lines, i, m, current);
      continue;
    }
    // Anything else ends the current file's hunks and may name the next file.
    if (body.startsWith("diff --git ")) {
      current = null;
      pending = { leadingText: [line], git: true };
      const g = /^diff --git (\S+) (\S+)$/.exec(body);
      if (g) {
        pending.oldName = g[1];
        pending.newName = g[2];
      }
    } else {
      if (current && current.format !== "normal") current = null;
      if (body.startsWith("Index: ")) pending.indexName = body.slice(7).trim();
      pending.leadingText.push(line);
    }
    i++;
  }
  return patches;
}

function parseUnifiedHunk(lines: string[], i: number, m: RegExpExecArray, p: FilePatch): number {
  const oldCount = m[2] === undefined ? 1 : Number(m[2]);
  const newCount = m[4] === undefined ? 1 : Number(m[4]);
  const hunk: Hunk = {
    oldFirst: Number(m[1]) + (oldCount === 0 ? 1 : 0),
    oldCount,
    newFirst: Number(m[3]) + (newCount === 0 ? 1 : 0),
    newCount,
    lines: [],
    format: "unified",
  };
  let o = 0;
  let n = 0;
  i++;
  while (i < lines.length && (o < oldCount || n < newCount)) {
    const l = lines[i];
    const c = l[0];
    if (c === " " || c === "\n" || (c === "\r" && l === "\r\n")) {
      hunk.lines.push({ op: " ", text: c === " " ? l.slice(1) : l });
      o++;
      n++;
    } else if (c === "-") {
      hunk.lines.push({ op: "-", text: l.slice(1) });
      o++;
    } else if (c === "+") {
      hunk.lines.push({ op: "+", text: l.slice(1) });
      n++;
    } else if (c === "\\") {
      dropNewline(hunk);
    } else break;
    i++;
  }
  if (i < lines.length && lines[i][0] === "\\") {
    dropNewline(hunk);
    i++;
  }
  if (o < oldCount || n < newCount) throw new Error(`malformed patch at line ${i + 1}: ${lines[i] ?? ""}`);
  p.hunks.push(hunk);
  return i;
}

function dropNewline(h: Hunk): void {
  const last = h.lines[h.lines.length - 1];
  if (last) last.text = last.text.replace(/\n$/, "");
}

/** A context diff hunk: "*** a,b ****" old lines, "--- c,d ----" new lines, merged into one op list. */
function parseContextHunk(lines: string[], i: number, p: FilePatch): number {
  const range = (re: RegExp, l: string | undefined) => {
    const m = l === undefined ? null : re.exec(strip(l));
    if (!m) throw new Error(`malformed patch at line ${i + 1}: ${l ?? ""}`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    return { first: a, count: b >= a ? (a === 0 ? 0 : b - a + 1) : 0 };
  };
  const oldR = range(/^\*\*\* (\d+)(?:,(\d+))? \*\*\*\*$/, lines[i]);
  i++;
  const old: PatchLine[] = [];
  const take = (into: PatchLine[], stop: (l: string) => boolean) => {
    while (i < lines.length && !stop(lines[i])) {
      const l = lines[i];
      if (l[0] === "\\") dropNewline({ lines: into } as Hunk);
      else {
        const c = l[0] === "!" ? "!" : l[0];
        into.push({ op: (c === "!" ? "!" : c) as PatchLine["op"], text: l.slice(2) });
      }
      i++;
    }
  };
  take(old, (l) => l.startsWith("--- "));
  const newR = range(/^--- (\d+)(?:,(\d+))? ----$/, lines[i]);
  i++;
  const nw: PatchLine[] = [];
  take(nw, (l) => !/^[ +!\\-] /.test(l) && l[0] !== "\\");
  const hunk: Hunk = {
    oldFirst: oldR.first + (oldR.count === 0 ? 1 : 0),
    oldCount: oldR.count,
    newFirst: newR.first + (newR.count === 0 ? 1 : 0),
    newCount: newR.count,
    lines: mergeContext(old.length ? old : nw.filter((l) => l.op !== "+").map((l) => ({ ...l })), nw.length ? nw : old.filter((l) => l.op !== "-")),
    format: "context",
  };
  p.hunks.push(hunk);
  return i;
}

/** Interleaves a context hunk's old (" " "-" "!") and new (" " "+" "!") sides. */
function mergeContext(old: PatchLine[], nw: PatchLine[]): PatchLine[] {
  const out: PatchLine[] = [];
  let a = 0;
  let b = 0;
  const isChange = (l: PatchLine | undefined) => l !== undefined && (l.op as string) !== " ";
  while (a < old.length || b < nw.length) {
    if (a < old.length && b < nw.length && old[a].op === " " && nw[b].op === " ") {
      out.push({ op: " ", text: old[a].text });
      a++;
      b++;
      continue;
    }
    while (isChange(old[a])) out.push({ op: "-", text: old[a++].text });
    while (isChange(nw[b])) out.push({ op: "+", text: nw[b++].text });
    if (a < old.length && b >= nw.length) out.push({ op: " ", text: old[a++].text });
    else if (b < nw.length && a >= old.length) out.push({ op: " ", text: nw[b++].text });
  }
  return out;
}

function parseNormalHunk(lines: string[], i: number, m: RegExpExecArray, p: FilePatch): number {
  const a1 = Number(m[1]);
  const a2 = m[2] === undefined ? a1 : Number(m[2]);
  const kind = m[3];
  const b1 = Number(m[4]);
  const b2 = m[5] === undefined ? b1 : Number(m[5]);
  const hunk: Hunk = {
    oldFirst: kind === "a" ? a1 + 1 : a1,
    oldCount: kind === "a" ? 0 : a2 - a1 + 1,
    newFirst: kind === "d" ? b1 + 1 : b1,
    newCount: kind === "d" ? 0 : b2 - b1 + 1,
    lines: [],
    format: "normal",
  };
  i++;
  while (i < lines.length) {
    const l = lines[i];
    if (l.startsWith("< ")) hunk.lines.push({ op: "-", text: l.slice(2) });
    else if (l.startsWith("> ")) hunk.lines.push({ op: "+", text: l.slice(2) });
    else if (l[0] === "\\") dropNewline(hunk);
    else if (strip(l) !== "---") break;
    i++;
  }
  p.hunks.push(hunk);
  return i;
}
