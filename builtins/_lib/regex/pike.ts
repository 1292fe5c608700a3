import { REGEX_ERRORS, RegexSyntaxError, type AssertKind, type Node } from "./ast.js";
import { caseVariants, isWordChar, setTester, type NewlineMode } from "./charclass.js";

/**
 * A Pike VM (Thompson NFA simulation with submatch tracking): linear in the
 * text for every pattern without back-references, so no pattern can stall the
 * host. It returns POSIX's leftmost-longest match; among the paths that reach
 * that end, the one of highest greedy priority sets the submatches.
 */

const enum Op {
  Char,
  Set,
  Split,
  Jmp,
  Save,
  Assert,
  Match,
}

/**
 * Work units per budget step (a unit is one thread advanced over one character,
 * or one state of an epsilon closure, capture copies weighted by their size).
 * Small enough that the time limit is checked every few tens of milliseconds
 * even for huge programs (awk's dynamic regex bombs).
 */
const UNITS_PER_STEP = 1 << 12;
const MAX_PROGRAM = 200_000;

export interface RegexBudget {
  step(n?: number): void;
}

export interface NfaOptions {
  ignoreCase: boolean;
  newline: NewlineMode;
  multiline: boolean;
}

/** A compiled program. */
export class PikeProgram {
  private ops: Op[] = [];
  private a: number[] = [];
  private b: number[] = [];
  private sets: Array<(cp: number) => boolean> = [];
  private asserts: AssertKind[] = [];
  readonly slots: number;

  constructor(
    node: Node,
    groups: number,
    private readonly opts: NfaOptions,
  ) {
    this.slots = (groups + 1) * 2;
    this.emit(Op.Save, 0);
    this.compile(node);
    this.emit(Op.Save, 1);
    this.emit(Op.Match);
  }

  private emit(op: Op, a = 0, b = 0): number {
    if (this.ops.length >= MAX_PROGRAM) throw new RegexSyntaxError(REGEX_ERRORS.tooBig);
    this.ops.push(op);
    this.a.push(a);
    this.b.push(b);
    return this.ops.length - 1;
  }

  private compile(n: Node): void {
    switch (n.t) {
      case "empty":
        return;
      case "char": {
        const vs = caseVariants(n.c, this.opts.ignoreCase);
        if (vs.length === 1) this.emit(Op.Char, n.c);
        else {
          this.sets.push((cp) => vs.includes(cp));
          this.emit(Op.Set, this.sets.length - 1);
        }
        return;
      }
      case "set":
        this.sets.push(setTester(n, this.opts.newline, this.opts.ignoreCase));
        this.emit(Op.Set, this.sets.length - 1);
        return;
      case "cat":
        for (const i of n.items) this.compile(i);
        return;
      case "alt": {
        const jumps: number[] = [];
        n.alts.forEach((alt, i) => {
          if (i < n.alts.length - 1) {
            const split = this.emit(Op.Split);
            this.a[split] = split + 1;
            this.compile(alt);
            jumps.push(this.emit(Op.Jmp));
            this.b[split] = this.ops.length;
          } else {
            this.compile(alt);
          }
        });
        for (const j of jumps) this.a[j] = this.ops.length;
        return;
      }
      case "group":
        this.emit(Op.Save, n.index * 2);
        this.compile(n.node);
        this.emit(Op.Save, n.index * 2 + 1);
        return;
      case "rep":
        this.compileRep(n.node, n.min, n.max, n.lazy === true);
        return;
      case "assert":
        this.asserts.push(n.kind);
        this.emit(Op.Assert, this.asserts.length - 1);
        return;
      default:
        throw new Error(`the NFA cannot run ${n.t}`);
    }
  }

  private compileRep(node: Node, min: number, max: number, lazy: boolean): void {
    for (let i = 0; i < min; i++) this.compile(node);
    if (max === Infinity) {
      const split = this.emit(Op.Split);
      this.compile(node);
      this.emit(Op.Jmp, split);
      this.setSplit(split, split + 1, this.ops.length, lazy);
      return;
    }
    const splits: number[] = [];
    for (let i = min; i < max; i++) {
      splits.push(this.emit(Op.Split));
      this.compile(node);
    }
    for (const s of splits) this.setSplit(s, s + 1, this.ops.length, lazy);
  }

  private setSplit(at: number, body: number, out: number, lazy: boolean): void {
    this.a[at] = lazy ? out : body;
    this.b[at] = lazy ? body : out;
  }

  private assertHolds(kind: AssertKind, text: string, pos: number): boolean {
    const prev = pos > 0 ? prevCodePoint(text, pos) : -1;
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
    switch (kind) {
      case "wstart":
        return !pw && nw;
      case "wend":
        return pw && !nw;
      case "wordb":
        return pw !== nw;
      default:
        return pw === nw;
    }
  }

  /**
   * Leftmost-longest match at or after `from` (only at `from` when anchored).
   * Returns the submatch spans (-1 where unset) or null.
   */
  exec(text: string, from: number, anchored: boolean, budget?: RegexBudget): Int32Array | null {
    const nOps = this.ops.length;
    const ops = this.ops;
    const argA = this.a;
    const argB = this.b;
    const sets = this.sets;
    const mark = new Int32Array(nOps).fill(-1);
    let cur: Array<{ pc: number; caps: Int32Array }> = [];
    let next: Array<{ pc: number; caps: Int32Array }> = [];
    let best: Int32Array | null = null;
    let units = 0;
    const stack: Array<{ pc: number; caps: Int32Array }> = [];

    const saveCost = 1 + (this.slots >> 3);
    const charge = (n: number) => {
      units += n;
      if (units > UNITS_PER_STEP) {
        units = 0;
        budget?.step();
      }
    };
    const add = (list: typeof cur, pc0: number, caps0: Int32Array, pos: number, gen: number) => {
      stack.push({ pc: pc0, caps: caps0 });
      while (stack.length > 0) {
        const { pc, caps } = stack.pop()!;
        if (mark[pc] === gen) continue;
        mark[pc] = gen;
        charge(ops[pc] === Op.Save ? saveCost : 1);
        switch (ops[pc]) {
          case Op.Jmp:
            stack.push({ pc: argA[pc], caps });
            break;
          case Op.Split:
            stack.push({ pc: argB[pc], caps });
            stack.push({ pc: argA[pc], caps });
            break;
          case Op.Save: {
            const c = caps.slice();
            c[argA[pc]] = pos;
            stack.push({ pc: pc + 1, caps: c });
            break;
          }
          case Op.Assert:
            if (this.assertHolds(this.asserts[argA[pc]], text, pos)) stack.push({ pc: pc + 1, caps });
            break;
          default:
            list.push({ pc, caps });
        }
      }
    };

    const empty = new Int32Array(this.slots).fill(-1);
    let gen = 0;
    for (let pos = from; ; ) {
      if (best === null && (!anchored || pos === from)) add(cur, 0, empty, pos, gen);
      if (cur.length === 0) {
        if (best !== null || anchored) break;
      }
      const cp = pos < text.length ? text.codePointAt(pos)! : -1;
      const width = cp > 0xffff ? 2 : 1;
      gen++;
      for (let i = 0; i < cur.length; i++) {
        const { pc, caps } = cur[i];
        if (best !== null && caps[0] > best[0]) break; // later starts lose to the leftmost
        switch (ops[pc]) {
          case Op.Match:
            if (best === null || caps[0] < best[0] || pos > best[1]) {
              best = caps.slice();
              best[1] = pos;
            }
            break;
          case Op.Char:
            if (cp === argA[pc]) add(next, pc + 1, caps, pos + width, gen);
            break;
          case Op.Set:
            if (cp >= 0 && sets[argA[pc]](cp)) add(next, pc + 1, caps, pos + width, gen);
            break;
        }
      }
      charge(cur.length + 1);
      if (pos >= text.length) break;
      pos += width;
      // `next` was built under `gen`, which is now the generation of `cur`.
      [cur, next] = [next, cur];
      next.length = 0;
    }
    return best;
  }
}

function prevCodePoint(text: string, pos: number): number {
  const c = text.charCodeAt(pos - 1);
  if (c >= 0xdc00 && c <= 0xdfff && pos >= 2) {
    const h = text.charCodeAt(pos - 2);
    if (h >= 0xd800 && h <= 0xdbff) return 0x10000 + ((h - 0xd800) << 10) + (c - 0xdc00);
  }
  return c;
}
