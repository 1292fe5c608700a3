import type { CharSet, Node } from "./ast.js";
import { caseVariants, setTester } from "./charclass.js";

/**
 * Conservative static analysis that decides when V8's backtracking RegExp may
 * run a pattern:
 * - `backtrackDegree`: an upper bound d such that one match attempt costs
 *   O(L^d) on a line of length L (so a search costs O(L^(d+1))); Infinity when
 *   it may be exponential (nested or ambiguous repetition).
 * - `choicePoints`: how many places a match can take more than one way that
 *   changes its length; with at most one, V8's leftmost-first match (with
 *   fixed-width alternatives put longest first) is POSIX's leftmost-longest.
 */

/** Width in characters when every match of n has the same width, else null. */
export function fixedWidth(n: Node): number | null {
  switch (n.t) {
    case "empty":
    case "assert":
      return 0;
    case "char":
    case "set":
      return 1;
    case "group":
      return fixedWidth(n.node);
    case "cat": {
      let w = 0;
      for (const i of n.items) {
        const x = fixedWidth(i);
        if (x === null) return null;
        w += x;
      }
      return w;
    }
    case "alt": {
      const ws = n.alts.map(fixedWidth);
      return ws.every((w) => w !== null && w === ws[0]) ? ws[0] : null;
    }
    case "rep": {
      if (n.min !== n.max) return null;
      const x = fixedWidth(n.node);
      return x === null ? null : x * n.min;
    }
    default:
      return null;
  }
}

/** First characters a node can start with, whether it can match empty, and whether an assertion may gate that. */
interface FirstInfo {
  chars: Array<{ t: "char"; c: number } | CharSet>;
  nullable: boolean;
  asserts: boolean;
  /** Unknown (backreference, complement): assume it overlaps everything. */
  any: boolean;
}

function firstOf(seq: Node[]): FirstInfo {
  const info: FirstInfo = { chars: [], nullable: true, asserts: false, any: false };
  for (const n of seq) {
    const f = firstNode(n);
    info.chars.push(...f.chars);
    info.asserts ||= f.asserts;
    info.any ||= f.any;
    if (!f.nullable) {
      info.nullable = false;
      break;
    }
  }
  return info;
}

function firstNode(n: Node): FirstInfo {
  switch (n.t) {
    case "empty":
      return { chars: [], nullable: true, asserts: false, any: false };
    case "assert":
      return { chars: [], nullable: true, asserts: true, any: false };
    case "char":
    case "set":
      return { chars: [n], nullable: false, asserts: false, any: false };
    case "group":
      return firstNode(n.node);
    case "cat":
      return firstOf(n.items);
    case "alt": {
      const out: FirstInfo = { chars: [], nullable: false, asserts: false, any: false };
      for (const a of n.alts) {
        const f = firstNode(a);
        out.chars.push(...f.chars);
        out.nullable ||= f.nullable;
        out.asserts ||= f.asserts;
        out.any ||= f.any;
      }
      return out;
    }
    case "rep": {
      const f = firstNode(n.node);
      return { ...f, nullable: f.nullable || n.min === 0 };
    }
    default:
      return { chars: [], nullable: true, asserts: true, any: true };
  }
}

type Atom = { t: "char"; c: number } | CharSet;

/** True only when a and b surely share no character (false when unsure). */
function disjoint(a: Atom, b: Atom, ignoreCase: boolean): boolean {
  if (a.t === "char" || b.t === "char") {
    const [c, other] = a.t === "char" ? [a, b] : [b as { t: "char"; c: number }, a];
    const cps = caseVariants(c.c, ignoreCase);
    if (other.t === "char") return !cps.some((x) => caseVariants(other.c, ignoreCase).includes(x));
    const test = setTester(other, "ordinary", ignoreCase);
    return !cps.some(test);
  }
  // Small positive range sets: enumerate them against the other set.
  for (const [x, y] of [[a, b], [b, a]] as const) {
    if (x.negate || x.classes.length > 0) continue;
    const size = x.ranges.reduce((s, [lo, hi]) => s + hi - lo + 1, 0);
    if (size > 512) continue;
    const test = setTester(y, "ordinary", ignoreCase);
    for (const [lo, hi] of x.ranges) {
      for (let c = lo; c <= hi; c++) if (caseVariants(c, ignoreCase).some(test)) return false;
    }
    return true;
  }
  return false;
}

function allDisjoint(xs: Atom[], ys: Atom[], ignoreCase: boolean): boolean {
  return xs.every((x) => ys.every((y) => disjoint(x, y, ignoreCase)));
}

/** A literal string node's text, or null. */
function literalText(n: Node): string | null {
  if (n.t === "char") return String.fromCodePoint(n.c);
  if (n.t === "group") return literalText(n.node);
  if (n.t === "cat") {
    let s = "";
    for (const i of n.items) {
      const t = literalText(i);
      if (t === null) return null;
      s += t;
    }
    return s;
  }
  return null;
}

/** Every string matches at most one path through n (n has no variable repetition). */
function unambiguous(n: Node, ignoreCase: boolean): boolean {
  switch (n.t) {
    case "group":
      return unambiguous(n.node, ignoreCase);
    case "cat":
      return n.items.every((i) => unambiguous(i, ignoreCase));
    case "rep":
      return unambiguous(n.node, ignoreCase);
    case "alt": {
      if (!n.alts.every((a) => unambiguous(a, ignoreCase))) return false;
      const lits = n.alts.map(literalText);
      if (!ignoreCase && lits.every((l) => l !== null) && new Set(lits).size === lits.length) return true;
      const firsts = n.alts.map((a) => firstNode(a));
      if (firsts.some((f) => f.nullable || f.any)) return false;
      for (let i = 0; i < firsts.length; i++) {
        for (let j = i + 1; j < firsts.length; j++) {
          if (!allDisjoint(firsts[i].chars, firsts[j].chars, ignoreCase)) return false;
        }
      }
      return true;
    }
    default:
      return true;
  }
}

/** See the module comment. */
export function backtrackDegree(n: Node, ignoreCase: boolean): number {
  switch (n.t) {
    case "group":
      return backtrackDegree(n.node, ignoreCase);
    case "cat":
      return n.items.reduce((s, i) => s + backtrackDegree(i, ignoreCase), 0);
    case "alt":
      return Math.max(...n.alts.map((a) => backtrackDegree(a, ignoreCase)));
    case "rep": {
      const inner = backtrackDegree(n.node, ignoreCase);
      if (n.min === n.max) return inner === 0 ? 0 : inner * Math.max(1, n.min);
      if (inner > 0) return Infinity;
      const w = fixedWidth(n.node);
      if (w === null || w === 0 || !unambiguous(n.node, ignoreCase)) return Infinity;
      return 1;
    }
    case "not":
      return Infinity;
    default:
      return 0;
  }
}

/**
 * Counts the places where a match can vary its length (see the module
 * comment); Infinity where leftmost-first cannot be trusted at all.
 * `follow` is what comes after n up to the end of the pattern.
 */
export function choicePoints(n: Node, follow: Node[], ignoreCase: boolean): number {
  return choices(n, follow.length ? { items: follow, from: 0, next: null } : null, ignoreCase);
}

/**
 * What follows a node, as a chain of item lists (no copying: a pattern of
 * 30,000 concatenated groups made the old array copies quadratic).
 */
interface Follow {
  items: Node[];
  from: number;
  next: Follow | null;
}

/** Nodes of `follow` looked at before giving up ("unsure": any character may come). */
const FOLLOW_SCAN_LIMIT = 64;

function firstOfFollow(follow: Follow | null): FirstInfo {
  const info: FirstInfo = { chars: [], nullable: true, asserts: false, any: false };
  let seen = 0;
  for (let f = follow; f; f = f.next) {
    for (let i = f.from; i < f.items.length; i++) {
      if (++seen > FOLLOW_SCAN_LIMIT) return { ...info, any: true };
      const x = firstNode(f.items[i]);
      info.chars.push(...x.chars);
      info.asserts ||= x.asserts;
      info.any ||= x.any;
      if (!x.nullable) {
        info.nullable = false;
        return info;
      }
    }
  }
  return info;
}

function choices(n: Node, follow: Follow | null, ignoreCase: boolean): number {
  switch (n.t) {
    case "group":
      return choices(n.node, follow, ignoreCase);
    case "cat": {
      let total = 0;
      for (let i = 0; i < n.items.length && total !== Infinity; i++) {
        total += choices(n.items[i], { items: n.items, from: i + 1, next: follow }, ignoreCase);
      }
      return total;
    }
    case "alt": {
      const ws = n.alts.map(fixedWidth);
      if (ws.some((w) => w === null)) return Infinity;
      return ws.every((w) => w === ws[0]) ? 0 : 1;
    }
    case "rep": {
      if (n.min === n.max) return n.min === 0 ? 0 : choices(n.node, follow, ignoreCase) * n.min;
      const w = fixedWidth(n.node);
      if (w === null || choices(n.node, null, ignoreCase) > 0) return Infinity;
      const body = n.node.t === "group" ? n.node.node : n.node;
      if (body.t === "char" || body.t === "set") {
        const f = firstOfFollow(follow);
        if (!f.any && !f.asserts && allDisjoint([body], f.chars, ignoreCase)) return 0;
      }
      return 1;
    }
    case "backref":
    case "not":
      return Infinity;
    default:
      return 0;
  }
}
