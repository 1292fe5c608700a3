import { cat, RegexSyntaxError, REGEX_ERRORS, type Node, type ParsedRegex } from "./ast.js";
import { backtrackDegree, choicePoints } from "./analyze.js";
import { Backtracker } from "./backtrack.js";
import type { NewlineMode } from "./charclass.js";
import { emitJs } from "./emit-js.js";
import { parseRegex, type ParseOptions, type Syntax } from "./parse.js";
import { PikeProgram, type RegexBudget } from "./pike.js";

/**
 * The one regular-expression layer of sandbash: POSIX BRE/ERE with the GNU
 * extensions (grep, sed, awk, [[ =~ ]], expr) and globs (glob.ts), compiled
 * to a matcher with POSIX leftmost-longest semantics that no pattern can
 * stall:
 * - V8's RegExp runs a pattern only when the static analysis (analyze.ts)
 *   bounds its backtracking by a polynomial whose value on this text's longest
 *   line is small; its match is used as is only when leftmost-first provably
 *   equals leftmost-longest, else it just locates the start;
 * - otherwise the Pike VM (pike.ts) runs, linear in the text;
 * - back-references run on the backtracker (backtrack.ts), bounded by the budget.
 */

export { RegexSyntaxError, REGEX_ERRORS } from "./ast.js";
export type { Node, ParsedRegex } from "./ast.js";
export type { RegexBudget } from "./pike.js";
export type { Syntax } from "./parse.js";
export { parseRegex } from "./parse.js";

export interface RegexOptions {
  syntax: Syntax;
  ignoreCase?: boolean;
  /** REG_NEWLINE (sed M): ^ and $ also match at newlines; `.` and [^x] do not match a newline. */
  multiline?: boolean;
  /**
   * Text is many lines (grep's buffers): ^ and $ match at newlines and no part
   * of the pattern matches a newline, so a match never spans lines.
   */
  lineMode?: boolean;
  /** sed's or gawk's extra escapes (see parse.ts). */
  escapes?: ParseOptions["escapes"];
  /** grep -E: an unmatched ")" is literal. */
  rparenLiteral?: boolean;
  onWarning?: (message: string) => void;
  /** Charged while a match runs (ctx.budget); without it the engines run unbounded but still linear where they can. */
  budget?: RegexBudget;
}

/** One match: [start, end) of the whole match and of each group (-1 where a group did not take part). */
export interface RegexMatch {
  index: number;
  end: number;
  /** spans[2g], spans[2g+1]: start and end of group g (g = 0 is the whole match). */
  spans: ArrayLike<number>;
}

/** A compiled pattern. */
export interface CompiledRegex {
  readonly groups: number;
  /** The leftmost-longest match starting at or after `from`, with groups. */
  exec(text: string, from?: number): RegexMatch | null;
  /** The leftmost match at or after `from`; its end may be shorter than exec's (cheaper: grep line selection). */
  find(text: string, from?: number): { index: number; end: number } | null;
  /** Whether the pattern matches anywhere in text. */
  test(text: string): boolean;
  /** When the pattern is a plain string (no operators, case-sensitive): that string, for native fast paths. */
  readonly literal?: string | null;
}

/** Cost ceiling (roughly V8 backtracking steps) above which the Pike VM runs instead. */
const JS_COST_LIMIT = 3e7;

/** Compiles a BRE or ERE. Throws RegexSyntaxError with GNU's message. */
export function compileRegex(source: string, options: RegexOptions): CompiledRegex {
  const parsed = parseRegex(source, {
    syntax: options.syntax,
    escapes: options.escapes,
    rparenLiteral: options.rparenLiteral,
    onWarning: options.onWarning,
  });
  return compileTree(parsed, options);
}

/** Compiles an already parsed (or built: grep -F, -w, -x; globs) tree; `plan` is planTree's for it. */
export function compileTree(parsed: ParsedRegex, options: Omit<RegexOptions, "syntax">, plan?: MatcherPlan): CompiledRegex {
  return new Matcher(parsed, options, plan);
}

/** What a tree's analysis finds before any match; it depends only on the tree and case folding. */
export interface MatcherPlan {
  readonly degree: number;
  readonly extentSafe: boolean;
  readonly literal: string | null;
}

/** The analysis of a tree, for callers that compile the same tree again (see compileGlob). */
export function planTree(parsed: ParsedRegex, ignoreCase: boolean): MatcherPlan {
  return {
    degree: containsNot(parsed.node) ? Infinity : backtrackDegree(parsed.node, ignoreCase),
    extentSafe: !parsed.hasBackrefs && choicePoints(parsed.node, [], ignoreCase) <= 1,
    literal: ignoreCase ? null : literalOf(parsed.node),
  };
}

/**
 * One pattern matching any of several parsed ones (grep -e a -e b), their
 * groups and back-references renumbered so each keeps its own.
 */
export function alternation(list: ParsedRegex[]): ParsedRegex {
  if (list.length === 1) return list[0];
  let offset = 0;
  const alts: Node[] = [];
  for (const p of list) {
    alts.push(offset === 0 ? p.node : renumber(p.node, offset));
    offset += p.groups;
  }
  return { node: { t: "alt", alts }, groups: offset, hasBackrefs: list.some((p) => p.hasBackrefs) };
}

function renumber(n: Node, offset: number): Node {
  switch (n.t) {
    case "group":
      return { t: "group", index: n.index + offset, node: renumber(n.node, offset) };
    case "backref":
      return { t: "backref", n: n.n + offset };
    case "cat":
      return { t: "cat", items: n.items.map((i) => renumber(i, offset)) };
    case "alt":
      return { t: "alt", alts: n.alts.map((i) => renumber(i, offset)) };
    case "rep":
      return { ...n, node: renumber(n.node, offset) };
    case "not":
      return { t: "not", node: renumber(n.node, offset) };
    default:
      return n;
  }
}

/** The tree of a literal string (grep -F). */
export function literalTree(text: string): Node {
  return cat([...text].map((ch) => ({ t: "char", c: ch.codePointAt(0)! }) as Node));
}

class Matcher implements CompiledRegex {
  readonly groups: number;
  private readonly degree: number;
  private readonly extentSafe: boolean;
  private readonly newline: NewlineMode;
  private readonly multiline: boolean;
  private jsFind: RegExp | null | undefined;
  private jsExec: RegExp | null | undefined;
  private groupMap: number[] = [0];
  private pike: PikeProgram | undefined;
  private backtracker: Backtracker | undefined;
  private lastText: string | undefined;
  private lastLongest = 0;
  /** The pattern is this plain string: String.prototype.indexOf finds it (V8's fast substring search). */
  readonly literal: string | null;

  constructor(
    private readonly parsed: ParsedRegex,
    private readonly options: Omit<RegexOptions, "syntax">,
    plan = planTree(parsed, options.ignoreCase === true),
  ) {
    this.groups = parsed.groups;
    this.degree = plan.degree;
    this.extentSafe = plan.extentSafe;
    this.newline = options.lineMode ? "never" : options.multiline ? "negated" : "ordinary";
    this.multiline = options.lineMode === true || options.multiline === true;
    this.literal = plan.literal;
    if (parsed.hasBackrefs || this.degree === Infinity) {
      if (parsed.hasBackrefs || containsNot(parsed.node)) this.backtracker = this.makeBacktracker();
    }
    // Fail at compile time on programs too big for the NFA, as GNU does.
    if (!this.backtracker && this.degree === Infinity) this.pike = this.makePike();
  }

  private makePike(): PikeProgram {
    return new PikeProgram(this.parsed.node, this.groups, {
      ignoreCase: this.options.ignoreCase === true,
      newline: this.newline,
      multiline: this.multiline,
    });
  }

  private makeBacktracker(): Backtracker {
    return new Backtracker(this.parsed.node, this.groups, {
      ignoreCase: this.options.ignoreCase === true,
      newline: this.newline,
      multiline: this.multiline,
    });
  }

  private js(withIndices: boolean): RegExp | null {
    if (withIndices ? this.jsExec !== undefined : this.jsFind !== undefined) {
      return withIndices ? this.jsExec! : this.jsFind!;
    }
    let re: RegExp | null = null;
    try {
      const { source, groupMap } = emitJs(this.parsed.node, {
        newline: this.newline,
        multiline: this.multiline,
        longestFirst: !this.parsed.hasBackrefs,
      });
      this.groupMap = groupMap;
      re = new RegExp(source, `g${withIndices ? "d" : ""}u${this.options.ignoreCase ? "i" : ""}`);
    } catch {
      re = null; // e.g. a quantifier V8 finds too large: the NFA handles it
    }
    if (withIndices) this.jsExec = re;
    else this.jsFind = re;
    return re;
  }

  /** Whether V8 may run on text from `from` (see JS_COST_LIMIT). */
  private jsAllowed(text: string, from: number): boolean {
    if (this.degree === Infinity) return false;
    if (this.degree === 0) return true;
    if (Math.pow(text.length - from, this.degree + 1) <= JS_COST_LIMIT) return true;
    if (!this.multiline) return false;
    // A match cannot cross a newline here, so the longest line bounds the work.
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastLongest = longestLine(text);
    }
    return Math.pow(this.lastLongest, this.degree + 1) <= JS_COST_LIMIT;
  }

  find(text: string, from = 0): { index: number; end: number } | null {
    const lit = this.literal;
    if (lit !== null) {
      const i = text.indexOf(lit, from);
      return i < 0 ? null : { index: i, end: i + lit.length };
    }
    if (this.jsAllowed(text, from) && !this.parsed.hasBackrefs) {
      const re = this.js(false);
      if (re) {
        re.lastIndex = from;
        const m = re.exec(text);
        return m ? { index: m.index, end: m.index + m[0].length } : null;
      }
    }
    const m = this.exec(text, from);
    return m ? { index: m.index, end: m.end } : null;
  }

  test(text: string): boolean {
    return this.find(text, 0) !== null;
  }

  exec(text: string, from = 0): RegexMatch | null {
    if (from > text.length) return null;
    const lit = this.literal;
    if (lit !== null) {
      const i = text.indexOf(lit, from);
      if (i < 0) return null;
      const spans = new Int32Array(2);
      spans[0] = i;
      spans[1] = i + lit.length;
      return { index: i, end: i + lit.length, spans };
    }
    const budget = this.options.budget;
    if (this.backtracker) {
      const spans = this.backtracker.exec(text, from, false, budget);
      return spans ? { index: spans[0], end: spans[1], spans } : null;
    }
    if (this.jsAllowed(text, from)) {
      const re = this.js(this.groups > 0);
      if (re) {
        re.lastIndex = from;
        const m = re.exec(text);
        if (!m) return null;
        if (this.extentSafe) return this.fromJs(m);
        this.pike ??= this.makePike();
        const spans = this.pike.exec(text, m.index, true, budget);
        if (spans) return { index: spans[0], end: spans[1], spans };
        return this.fromJs(m);
      }
    }
    this.pike ??= this.makePike();
    const spans = this.pike.exec(text, from, false, budget);
    return spans ? { index: spans[0], end: spans[1], spans } : null;
  }

  private fromJs(m: RegExpExecArray): RegexMatch {
    const spans = new Int32Array((this.groups + 1) * 2).fill(-1);
    spans[0] = m.index;
    spans[1] = m.index + m[0].length;
    if (this.groups > 0 && m.indices) {
      for (let j = 1; j < m.indices.length; j++) {
        const span = m.indices[j];
        if (!span) continue;
        const g = this.groupMap[j];
        spans[2 * g] = span[0];
        spans[2 * g + 1] = span[1];
      }
    }
    return { index: spans[0], end: spans[1], spans };
  }
}

/**
 * The string a pattern of plain characters stands for, or null. Not for patterns
 * with newlines (line modes treat them specially) or surrogate code points (an
 * invalid byte, U+DC80..U+DCFF, must not match half of a real pair).
 */
function literalOf(n: Node): string | null {
  const items = n.t === "cat" ? n.items : [n];
  if (items.length === 0) return null;
  let s = "";
  for (const item of items) {
    if (item.t !== "char" || item.c === 10 || (item.c >= 0xd800 && item.c <= 0xdfff)) return null;
    s += String.fromCodePoint(item.c);
  }
  return s;
}

function containsNot(n: Node): boolean {
  switch (n.t) {
    case "not":
      return true;
    case "cat":
      return n.items.some(containsNot);
    case "alt":
      return n.alts.some(containsNot);
    case "rep":
    case "group":
      return containsNot(n.node);
    default:
      return false;
  }
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > longest) longest = end - start;
    if (nl < 0) return longest;
    start = nl + 1;
  }
}

/** The text of group g of a match, or undefined when it did not take part. */
export function groupText(text: string, m: RegexMatch, g: number): string | undefined {
  const s = m.spans[2 * g];
  return s < 0 ? undefined : text.slice(s, m.spans[2 * g + 1]);
}

void RegexSyntaxError;
void REGEX_ERRORS;
