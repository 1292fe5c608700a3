/**
 * GNU diff's comparison (diffutils 3.8 io.c + analyze.c + gnulib diffseq.h),
 * followed step by step so hunks come out exactly as GNU's: identical
 * prefix/suffix lines are set aside (keeping `horizon` lines), lines become
 * equivalence classes, lines matching nothing in the other file are discarded
 * up front, Myers' middle-snake search with GNU's cost cut-off splits the
 * rest, and shift_boundaries slides change runs into their canonical place.
 */

/** One run of changes: `deleted` lines at line0 of file 0 replaced by `inserted` lines at line1 of file 1 (0-based). */
export interface Change {
  line0: number;
  line1: number;
  deleted: number;
  inserted: number;
  /** Set for -B/-I when every line of the change is ignorable. */
  ignore: boolean;
}

export interface DiffLines {
  /** Line texts (as byte strings), without their newline. */
  lines: string[];
  /** False when the last line has no newline. */
  lastTerminated: boolean;
}

/** Comparison keys for lines (the ignore options applied). */
export type KeyFn = (line: string, complete: boolean) => string;

interface Side {
  /** Equivalence class of each analysed line (the middle part), 1-based classes. */
  equivs: Int32Array;
  /** changed[i + 1] for line i of the middle part, with a 0 sentinel at each end. */
  changed: Uint8Array;
  undiscarded: Int32Array;
  realIndexes: Int32Array;
  nondiscarded: number;
}

export interface AnalyzeOptions {
  key: KeyFn;
  /** Lines kept around the identical prefix/suffix (the context for -u/-c, else 0). */
  horizon: number;
  minimal: boolean;
  step: () => void;
}

const SNAKE_LIMIT = 20;

/** The edit script between two files, in order. */
export function analyze(a: DiffLines, b: DiffLines, opt: AnalyzeOptions): Change[] {
  const n0 = a.lines.length;
  const n1 = b.lines.length;
  const complete = (f: DiffLines, i: number) => i < f.lines.length - 1 || f.lastTerminated;
  // Identical prefix: whole lines equal byte for byte, newline included.
  let prefix = 0;
  while (prefix < n0 && prefix < n1 && a.lines[prefix] === b.lines[prefix] && complete(a, prefix) === complete(b, prefix)) prefix++;
  prefix = Math.max(0, prefix - opt.horizon);
  // Identical suffix, only when both files end the same way.
  let suffix = 0;
  if (a.lastTerminated === b.lastTerminated) {
    const limit = Math.min(n0, n1) - prefix;
    while (suffix < limit && a.lines[n0 - 1 - suffix] === b.lines[n1 - 1 - suffix]) suffix++;
    suffix = Math.max(0, suffix - opt.horizon);
  }
  const m0 = n0 - prefix - suffix;
  const m1 = n1 - prefix - suffix;
  // Equivalence classes of the middle lines.
  const classes = new Map<string, number>();
  const classOf = (f: DiffLines, i: number): number => {
    const k = opt.key(f.lines[i], complete(f, i));
    let c = classes.get(k);
    if (c === undefined) {
      c = classes.size + 1;
      classes.set(k, c);
    }
    return c;
  };
  const side = (f: DiffLines, m: number): Side => {
    const equivs = new Int32Array(m);
    for (let i = 0; i < m; i++) equivs[i] = classOf(f, prefix + i);
    return { equivs, changed: new Uint8Array(m + 2), undiscarded: new Int32Array(m), realIndexes: new Int32Array(m), nondiscarded: 0 };
  };
  const s0 = side(a, m0);
  const s1 = side(b, m1);
  discardConfusingLines(s0, s1, classes.size + 1, opt.minimal);
  compare(s0, s1, opt);
  shiftBoundaries(s0, s1);
  shiftBoundaries(s1, s0);
  return buildScript(s0, s1, m0, m1, prefix);
}

/** discard_confusing_lines: lines with no match are changes; lines with very many matches may be too. */
function discardConfusingLines(s0: Side, s1: Side, classCount: number, minimal: boolean): void {
  const sides = [s0, s1];
  const counts = sides.map((s) => {
    const c = new Int32Array(classCount);
    for (const e of s.equivs) c[e]++;
    return c;
  });
  const discards = sides.map((s) => new Uint8Array(s.equivs.length));
  for (let f = 0; f < 2; f++) {
    const end = sides[f].equivs.length;
    const other = counts[1 - f];
    let many = 5;
    let tem = Math.floor(end / 64);
    while ((tem >>= 2) > 0) many *= 2;
    for (let i = 0; i < end; i++) {
      const nmatch = other[sides[f].equivs[i]];
      if (nmatch === 0) discards[f][i] = 1;
      else if (nmatch > many) discards[f][i] = 2;
    }
  }
  for (let f = 0; f < 2; f++) cancelProvisional(discards[f]);
  for (let f = 0; f < 2; f++) {
    const s = sides[f];
    let j = 0;
    for (let i = 0; i < s.equivs.length; i++) {
      if (minimal || discards[f][i] === 0) {
        s.undiscarded[j] = s.equivs[i];
        s.realIndexes[j++] = i;
      } else s.changed[i + 1] = 1;
    }
    s.nondiscarded = j;
  }
}

/** Provisional discards stand only inside runs of discards, as GNU decides. */
function cancelProvisional(d: Uint8Array): void {
  const end = d.length;
  for (let i = 0; i < end; i++) {
    if (d[i] === 2) d[i] = 0;
    else if (d[i] !== 0) {
      let j: number;
      let provisional = 0;
      for (j = i; j < end; j++) {
        if (d[j] === 0) break;
        if (d[j] === 2) provisional++;
      }
      while (j > i && d[j - 1] === 2) {
        d[--j] = 0;
        provisional--;
      }
      const length = j - i;
      if (provisional * 4 > length) {
        while (j > i) if (d[--j] === 2) d[j] = 0;
      } else {
        let minimum = 1;
        let tem = length >> 2;
        while (0 < (tem >>= 2)) minimum <<= 1;
        minimum++;
        let consec = 0;
        for (j = 0; j < length; j++) {
          if (d[i + j] !== 2) consec = 0;
          else if (minimum === ++consec) j -= consec;
          else if (minimum < consec) d[i + j] = 0;
        }
        consec = 0;
        for (j = 0; j < length; j++) {
          if (j >= 8 && d[i + j] === 1) break;
          if (d[i + j] === 2) {
            consec = 0;
            d[i + j] = 0;
          } else if (d[i + j] === 0) consec = 0;
          else consec++;
          if (consec === 3) break;
        }
        i += length - 1;
        consec = 0;
        for (j = 0; j < length; j++) {
          if (j >= 8 && d[i - j] === 1) break;
          if (d[i - j] === 2) {
            consec = 0;
            d[i - j] = 0;
          } else if (d[i - j] === 0) consec = 0;
          else consec++;
          if (consec === 3) break;
        }
      }
    }
  }
}

interface Partition {
  xmid: number;
  ymid: number;
  loMinimal: boolean;
  hiMinimal: boolean;
}

/** compareseq over the undiscarded lines. */
function compare(s0: Side, s1: Side, opt: AnalyzeOptions): void {
  const xv = s0.undiscarded;
  const yv = s1.undiscarded;
  const n = s0.nondiscarded;
  const m = s1.nondiscarded;
  let diags = n + m + 3;
  const offset = m + 1;
  const fd = new Int32Array(diags);
  const bd = new Int32Array(diags);
  let tooExpensive = 1;
  for (; diags !== 0; diags >>= 2) tooExpensive <<= 1;
  tooExpensive = Math.max(4096, tooExpensive);
  const OFFSET_MAX = 0x7fffffff;
  let steps = 0;

  const diag = (xoff: number, xlim: number, yoff: number, ylim: number, minimal: boolean): Partition => {
    const dmin = xoff - ylim;
    const dmax = xlim - yoff;
    const fmid = xoff - yoff;
    const bmid = xlim - ylim;
    let fmin = fmid;
    let fmax = fmid;
    let bmin = bmid;
    let bmax = bmid;
    const odd = ((fmid - bmid) & 1) !== 0;
    fd[offset + fmid] = xoff;
    bd[offset + bmid] = xlim;
    for (let c = 1; ; c++) {
      if ((++steps & 1023) === 0) opt.step();
      if (fmin > dmin) fd[offset + --fmin - 1] = -1;
      else ++fmin;
      if (fmax < dmax) fd[offset + ++fmax + 1] = -1;
      else --fmax;
      for (let d = fmax; d >= fmin; d -= 2) {
        const tlo = fd[offset + d - 1];
        const thi = fd[offset + d + 1];
        const x0 = tlo < thi ? thi : tlo + 1;
        let x = x0;
        let y = x0 - d;
        while (x < xlim && y < ylim && xv[x] === yv[y]) {
          x++;
          y++;
        }
        fd[offset + d] = x;
        if (odd && bmin <= d && d <= bmax && bd[offset + d] <= x) return { xmid: x, ymid: y, loMinimal: true, hiMinimal: true };
      }
      if (bmin > dmin) bd[offset + --bmin - 1] = OFFSET_MAX;
      else ++bmin;
      if (bmax < dmax) bd[offset + ++bmax + 1] = OFFSET_MAX;
      else --bmax;
      for (let d = bmax; d >= bmin; d -= 2) {
        const tlo = bd[offset + d - 1];
        const thi = bd[offset + d + 1];
        const x0 = tlo < thi ? tlo : thi - 1;
        let x = x0;
        let y = x0 - d;
        while (xoff < x && yoff < y && xv[x - 1] === yv[y - 1]) {
          x--;
          y--;
        }
        bd[offset + d] = x;
        if (!odd && fmin <= d && d <= fmax && x <= fd[offset + d]) return { xmid: x, ymid: y, loMinimal: true, hiMinimal: true };
      }
      if (minimal) continue;
      if (c >= tooExpensive) {
        // Give up: report the better of the furthest-reaching diagonals.
        let fxybest = -1;
        let fxbest = 0;
        for (let d = fmax; d >= fmin; d -= 2) {
          let x = Math.min(fd[offset + d], xlim);
          let y = x - d;
          if (ylim < y) {
            x = ylim + d;
            y = ylim;
          }
          if (fxybest < x + y) {
            fxybest = x + y;
            fxbest = x;
          }
        }
        let bxybest = OFFSET_MAX;
        let bxbest = 0;
        for (let d = bmax; d >= bmin; d -= 2) {
          let x = Math.max(xoff, bd[offset + d]);
          let y = x - d;
          if (y < yoff) {
            x = yoff + d;
            y = yoff;
          }
          if (x + y < bxybest) {
            bxybest = x + y;
            bxbest = x;
          }
        }
        if (xlim + ylim - bxybest < fxybest - (xoff + yoff)) {
          return { xmid: fxbest, ymid: fxybest - fxbest, loMinimal: true, hiMinimal: false };
        }
        return { xmid: bxbest, ymid: bxybest - bxbest, loMinimal: false, hiMinimal: true };
      }
    }
  };

  const compareseq = (xoff: number, xlim: number, yoff: number, ylim: number, minimal: boolean): void => {
    for (;;) {
      while (xoff < xlim && yoff < ylim && xv[xoff] === yv[yoff]) {
        xoff++;
        yoff++;
      }
      while (xoff < xlim && yoff < ylim && xv[xlim - 1] === yv[ylim - 1]) {
        xlim--;
        ylim--;
      }
      if (xoff === xlim) {
        for (; yoff < ylim; yoff++) s1.changed[s1.realIndexes[yoff] + 1] = 1;
        return;
      }
      if (yoff === ylim) {
        for (; xoff < xlim; xoff++) s0.changed[s0.realIndexes[xoff] + 1] = 1;
        return;
      }
      const part = diag(xoff, xlim, yoff, ylim, minimal);
      // Recurse on the shorter part, loop on the other (the result is the same either way).
      if (xlim + ylim - (part.xmid + part.ymid) < part.xmid + part.ymid - (xoff + yoff)) {
        compareseq(part.xmid, xlim, part.ymid, ylim, part.hiMinimal);
        xlim = part.xmid;
        ylim = part.ymid;
        minimal = part.loMinimal;
      } else {
        compareseq(xoff, part.xmid, yoff, part.ymid, part.loMinimal);
        xoff = part.xmid;
        yoff = part.ymid;
        minimal = part.hiMinimal;
      }
    }
  };
  compareseq(0, n, 0, m, opt.minimal);
}

/** shift_boundaries for one side: runs of changes slide to merge, then down, then back to a matching run in the other file. */
function shiftBoundaries(s: Side, other: Side): void {
  // Both arrays carry a 0 sentinel at index 0 (line -1) and at the end.
  const changed = s.changed;
  const otherChanged = other.changed;
  const equivs = s.equivs;
  const ch = (i: number) => changed[i + 1];
  const setCh = (i: number, v: number) => {
    changed[i + 1] = v;
  };
  const och = (j: number) => otherChanged[j + 1];
  let i = 0;
  let j = 0;
  const iEnd = equivs.length;
  for (;;) {
    while (i < iEnd && !ch(i)) {
      while (och(j++));
      i++;
    }
    if (i === iEnd) break;
    let start = i;
    while (ch(++i));
    while (och(j)) j++;
    let runlength: number;
    let corresponding: number;
    do {
      runlength = i - start;
      while (start && equivs[start - 1] === equivs[i - 1]) {
        setCh(--start, 1);
        setCh(--i, 0);
        while (ch(start - 1)) start--;
        while (och(--j));
      }
      corresponding = och(j - 1) ? i : iEnd;
      while (i !== iEnd && equivs[start] === equivs[i]) {
        setCh(start++, 0);
        setCh(i++, 1);
        while (ch(i)) i++;
        while (och(++j)) corresponding = i;
      }
    } while (runlength !== i - start);
    while (corresponding < i) {
      setCh(--start, 1);
      setCh(--i, 0);
      while (och(--j));
    }
  }
}

/** build_script: the change flags as a list of changes, in file order, with whole-file line numbers. */
function buildScript(s0: Side, s1: Side, m0: number, m1: number, prefix: number): Change[] {
  const out: Change[] = [];
  let i0 = m0;
  let i1 = m1;
  const c0 = (i: number) => s0.changed[i + 1];
  const c1 = (i: number) => s1.changed[i + 1];
  while (i0 >= 0 || i1 >= 0) {
    if (c0(i0 - 1) | c1(i1 - 1)) {
      const line0 = i0;
      const line1 = i1;
      while (c0(i0 - 1)) --i0;
      while (c1(i1 - 1)) --i1;
      out.push({ line0: i0 + prefix, line1: i1 + prefix, deleted: line0 - i0, inserted: line1 - i1, ignore: false });
    }
    i0--;
    i1--;
  }
  return out.reverse();
}
