import { alt, cat, RegexSyntaxError, type CharSet, type Node } from "./ast.js";
import { compileTree, planTree, type CompiledRegex, type MatcherPlan, type ParsedRegex, type RegexBudget } from "./index.js";

/**
 * Bash patterns (pathname expansion, `case`, `[[ == ]]`, `${v#p}`) on the
 * same engines as the regular expressions: `*`, `?`, `[...]` / `[!...]` /
 * `[^...]` with [:classes:], backslash quoting, and with extglob
 * `?(a|b) *(a|b) +(a|b) @(a|b) !(a|b)`. A pattern always matches the whole
 * string. `!(...)` runs on the backtracker (bounded by the budget); the rest
 * on the linear-time path.
 */

export interface GlobOptions {
  extglob?: boolean;
  /** nocasematch / nocaseglob. */
  nocase?: boolean;
  /** Pathname expansion: `*`, `?` and brackets never match "/". */
  pathname?: boolean;
  budget?: RegexBudget;
}

export interface CompiledGlob {
  /** Whether the whole of text matches. */
  test(text: string): boolean;
  /** The underlying matcher (anchored at both ends). */
  readonly regex: CompiledRegex;
}

const CLASS_NAMES = new Set([
  "alpha", "upper", "lower", "digit", "xdigit", "space", "print", "punct", "graph", "cntrl", "blank", "alnum", "word",
]);

/** Compiles a bash pattern. Malformed brackets are literal, as in bash; never throws. */
export function compileGlob(pattern: string, options: GlobOptions = {}): CompiledGlob {
  const { parsed, plan } = plannedGlob(pattern, options);
  const regex = compileTree(parsed, { ignoreCase: options.nocase, budget: options.budget }, plan);
  return { regex, test: (text) => regex.find(text, 0) !== null };
}

/**
 * Parsed and analysed patterns by text and flags: find -name and friends compile the same
 * pattern on every call, and its analysis cost more than matching a directory. The tree and
 * plan are only read; each call still gets its own matcher, on its own budget.
 */
const planned = new Map<string, { parsed: ParsedRegex; plan: MatcherPlan }>();

function plannedGlob(pattern: string, options: GlobOptions): { parsed: ParsedRegex; plan: MatcherPlan } {
  const key = `${options.extglob ? "e" : "-"}${options.nocase ? "i" : "-"}${options.pathname ? "p" : "-"}${pattern}`;
  let hit = planned.get(key);
  if (!hit) {
    const node = new GlobParser(pattern, options).parseList(false);
    const parsed = { node: cat([{ t: "assert", kind: "bos" }, node, { t: "assert", kind: "eos" }]), groups: 0, hasBackrefs: false };
    hit = { parsed, plan: planTree(parsed, options.nocase === true) };
    if (planned.size >= 256) planned.delete(planned.keys().next().value!);
    planned.set(key, hit);
  }
  return hit;
}

/** True when the word has an unquoted glob character (so pathname expansion applies). */
export function hasGlobChars(pattern: string, extglob = false): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "*" || c === "?" || c === "[") return true;
    else if (extglob && (c === "+" || c === "@" || c === "!") && pattern[i + 1] === "(") return true;
  }
  return false;
}

class GlobParser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly opts: GlobOptions,
  ) {}

  private anyChar(): CharSet {
    return { t: "set", negate: true, ranges: this.opts.pathname ? [[47, 47]] : [], classes: [], anyByte: true };
  }

  /** list := item* (stopping at "|" or ")" inside an extglob group). */
  parseList(inGroup: boolean): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (inGroup && (c === "|" || c === ")")) break;
      if (this.opts.extglob && "?*+@!".includes(c) && this.src[this.pos + 1] === "(") {
        const group = this.tryExtglob(c);
        if (group) {
          items.push(group);
          continue;
        }
      }
      this.pos++;
      if (c === "*") {
        while (this.src[this.pos] === "*") this.pos++;
        items.push({ t: "rep", node: this.anyChar(), min: 0, max: Infinity });
      } else if (c === "?") {
        items.push(this.anyChar());
      } else if (c === "[") {
        items.push(this.parseBracket() ?? { t: "char", c: 91 });
      } else if (c === "\\" && this.pos < this.src.length) {
        items.push(this.literal());
      } else {
        this.pos--;
        items.push(this.literal());
      }
    }
    return cat(items);
  }

  private literal(): Node {
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return { t: "char", c: cp };
  }

  /** op(pat|pat...) — null (and nothing consumed) when there is no closing paren. */
  private tryExtglob(op: string): Node | null {
    const save = this.pos;
    this.pos += 2;
    const alts: Node[] = [];
    for (;;) {
      alts.push(this.parseList(true));
      const c = this.src[this.pos];
      if (c === "|") {
        this.pos++;
        continue;
      }
      if (c === ")") {
        this.pos++;
        break;
      }
      this.pos = save;
      return null;
    }
    const body = alt(alts);
    switch (op) {
      case "?":
        return { t: "rep", node: body, min: 0, max: 1 };
      case "*":
        return { t: "rep", node: body, min: 0, max: Infinity };
      case "+":
        return { t: "rep", node: body, min: 1, max: Infinity };
      case "@":
        return body.t === "alt" ? body : cat([body]);
      default:
        return { t: "not", node: body };
    }
  }

  /** A bracket expression, or null (nothing consumed past "[") when it is not closed. */
  private parseBracket(): Node | null {
    const start = this.pos;
    const set: CharSet = { t: "set", negate: false, ranges: [], classes: [], anyByte: true };
    if (this.src[this.pos] === "!" || this.src[this.pos] === "^") {
      set.negate = true;
      this.pos++;
    }
    let first = true;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === "]" && !first) {
        this.pos++;
        if (set.negate && this.opts.pathname) set.ranges.push([47, 47]);
        return set;
      }
      first = false;
      if (c === "[" && this.src[this.pos + 1] === ":") {
        const end = this.src.indexOf(":]", this.pos + 2);
        const name = end < 0 ? "" : this.src.slice(this.pos + 2, end);
        if (end >= 0 && CLASS_NAMES.has(name)) {
          set.classes.push(name);
          this.pos = end + 2;
          continue;
        }
      }
      const lo = this.bracketChar();
      if (this.src[this.pos] === "-" && this.src[this.pos + 1] !== "]" && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.bracketChar();
        if (hi >= lo) set.ranges.push([lo, hi]);
      } else {
        set.ranges.push([lo, lo]);
      }
    }
    this.pos = start;
    return null;
  }

  private bracketChar(): number {
    if (this.src[this.pos] === "\\" && this.pos + 1 < this.src.length) this.pos++;
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }
}

void RegexSyntaxError;
