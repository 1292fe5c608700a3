import { RegexSyntaxError, type AssertKind, type CharSet, type Node } from "./ast.js";
import { caseVariants, isWordChar, setTester, type NewlineMode } from "./charclass.js";
import type { RegexBudget } from "./pike.js";

/**
 * A backtracking matcher over the tree, for what the NFA cannot run:
 * back-references and glob complements `!(...)`. It explores every path from
 * a start to find POSIX's longest match, so it can take exponential time; it
 * calls budget.step() as it goes, so the sandbox's step and time limits end
 * a runaway match.
 */

export interface BacktrackOptions {
  ignoreCase: boolean;
  newline: NewlineMode;
  multiline: boolean;
}

const OPS_PER_STEP = 64;

export class Backtracker {
  private testers = new Map<CharSet, (cp: number) => boolean>();
  private text = "";
  private limit = 0;
  private caps: Int32Array;
  private ops = 0;
  private budget: RegexBudget | undefined;

  constructor(
    private readonly root: Node,
    groups: number,
    private readonly opts: BacktrackOptions,
  ) {
    this.caps = new Int32Array((groups + 1) * 2).fill(-1);
  }

  /** Leftmost-longest match at or after `from`; spans as in PikeProgram.exec. */
  exec(text: string, from: number, anchored: boolean, budget?: RegexBudget): Int32Array | null {
    this.text = text;
    this.limit = text.length;
    this.budget = budget;
    try {
      for (let start = from; start <= text.length; start++) {
        let best: Int32Array | null = null;
        this.caps.fill(-1);
        this.match(this.root, start, (end) => {
          if (best === null || end > best[1]) {
            best = this.caps.slice();
            best[0] = start;
            best[1] = end;
          }
          return end === this.limit;
        });
        if (best) return best;
        if (anchored) break;
        const c = text.charCodeAt(start);
        if (c >= 0xd800 && c <= 0xdbff) start++;
      }
    } catch (e) {
      if (e instanceof RangeError) throw new RegexSyntaxError("Memory exhausted");
      throw e;
    }
    return null;
  }

  private tick(): void {
    if (++this.ops >= OPS_PER_STEP) {
      this.ops = 0;
      this.budget?.step();
    }
  }

  private charAt(pos: number): [number, number] {
    if (pos >= this.limit) return [-1, 0];
    const cp = this.text.codePointAt(pos)!;
    return [cp, cp > 0xffff ? 2 : 1];
  }

  /** Matches n at pos and calls k with each end; true from k stops everything. */
  private match(n: Node, pos: number, k: (end: number) => boolean): boolean {
    this.tick();
    switch (n.t) {
      case "empty":
        return k(pos);
      case "char": {
        const [cp, w] = this.charAt(pos);
        if (cp < 0) return false;
        if (cp === n.c || (this.opts.ignoreCase && caseVariants(n.c, true).includes(cp))) return k(pos + w);
        return false;
      }
      case "set": {
        const [cp, w] = this.charAt(pos);
        if (cp < 0) return false;
        let t = this.testers.get(n);
        if (!t) this.testers.set(n, (t = setTester(n, this.opts.newline, this.opts.ignoreCase)));
        return t(cp) ? k(pos + w) : false;
      }
      case "cat": {
        const items = n.items;
        const go = (i: number, p: number): boolean => (i === items.length ? k(p) : this.match(items[i], p, (q) => go(i + 1, q)));
        return go(0, pos);
      }
      case "alt":
        for (const a of n.alts) if (this.match(a, pos, k)) return true;
        return false;
      case "group": {
        const i = n.index * 2;
        const [s0, e0] = [this.caps[i], this.caps[i + 1]];
        const r = this.match(n.node, pos, (q) => {
          const [s1, e1] = [this.caps[i], this.caps[i + 1]];
          this.caps[i] = pos;
          this.caps[i + 1] = q;
          const stop = k(q);
          this.caps[i] = s1;
          this.caps[i + 1] = e1;
          return stop;
        });
        this.caps[i] = s0;
        this.caps[i + 1] = e0;
        return r;
      }
      case "rep": {
        const rec = (count: number, p: number): boolean => {
          if (count < n.max) {
            const stop = this.match(n.node, p, (q) => (q === p && count >= n.min ? false : rec(count + 1, q)));
            if (stop) return true;
          }
          return count >= n.min ? k(p) : false;
        };
        return rec(0, pos);
      }
      case "backref": {
        const s = this.caps[n.n * 2];
        const e = this.caps[n.n * 2 + 1];
        if (s < 0 || e < 0) return false;
        const len = e - s;
        if (pos + len > this.limit) return false;
        const a = this.text.slice(s, e);
        const b = this.text.slice(pos, pos + len);
        const same = this.opts.ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
        return same ? k(pos + len) : false;
      }
      case "assert":
        return this.assertHolds(n.kind, pos) ? k(pos) : false;
      case "not": {
        for (let e = pos; e <= this.limit; e++) {
          if (!this.fullMatch(n.node, pos, e) && k(e)) return true;
        }
        return false;
      }
    }
  }

  /** Whether n matches exactly text[pos, end). */
  private fullMatch(n: Node, pos: number, end: number): boolean {
    const saved = this.limit;
    this.limit = end;
    try {
      return this.match(n, pos, (q) => q === end);
    } finally {
      this.limit = saved;
    }
  }

  private assertHolds(kind: AssertKind, pos: number): boolean {
    const text = this.text;
    const prev = pos > 0 ? text.codePointAt(pos - 1)! : -1;
    const next = pos < text.length ? text.codePointAt(pos)! : -1;
    switch (kind) {
      case "bol":
        return pos === 0 || (this.opts.multiline && prev === 10);
      case "eol":
        return pos === text.length || (this.opts.multiline && next === 10);
      case "bos":
        return pos === 0;
      case "eos":
        return pos === text.length;
    }
    const pw = prev >= 0 && isWordChar(prev);
    const nw = next >= 0 && isWordChar(next);
    if (kind === "nwbefore") return !pw;
    if (kind === "nwafter") return !nw;
    if (kind === "wstart") return !pw && nw;
    if (kind === "wend") return pw && !nw;
    if (kind === "wordb") return pw !== nw;
    return pw === nw;
  }
}
