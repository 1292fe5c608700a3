import type { CommandContext } from "../types.js";
import {
  alternation,
  compileTree,
  literalTree,
  parseRegex,
  RegexSyntaxError,
  type CompiledRegex,
  type Node,
  type ParsedRegex,
} from "../_lib/regex/index.js";

/**
 * Turns grep's pattern list into one matcher: -G/-E through the shared regex
 * layer (one alternation of every pattern, -w/-x as assertions around it),
 * -F as literal trees on the same layer, -P as a V8 RegExp for the subset of
 * PCRE that JavaScript shares.
 */

export type MatcherKind = "G" | "E" | "F" | "P";

export interface GrepMatcher {
  /**
   * True when find/exec may be given a buffer of many lines (a match never
   * spans lines); false when the caller must pass one line at a time.
   */
  buffered: boolean;
  /** The leftmost match at or after `from` (line selection). */
  find(text: string, from: number): { index: number; end: number } | null;
  /** The leftmost-longest match at or after `from` (-o). */
  exec(text: string, from: number): { index: number; end: number } | null;
}

export interface PatternSettings {
  kind: MatcherKind;
  patterns: string[];
  ignoreCase: boolean;
  word: boolean;
  line: boolean;
  /** -z: records may hold newlines, so match one record at a time. */
  nullData: boolean;
}

/** Error text for a bad pattern, thrown to the caller (status 2). */
export class PatternError extends Error {}

export function compileGrepPattern(ctx: CommandContext, s: PatternSettings): GrepMatcher {
  if (s.patterns.length === 0) {
    // An empty -f file: no pattern, so nothing matches.
    return { buffered: true, find: () => null, exec: () => null };
  }
  if (s.kind === "P") return compilePerl(s);
  const buffered = !s.nullData;
  const trees: ParsedRegex[] = [];
  for (const p of s.patterns) {
    if (s.kind === "F") {
      trees.push({ node: literalTree(p), groups: 0, hasBackrefs: false });
      continue;
    }
    try {
      trees.push(
        parseRegex(p, {
          syntax: s.kind === "E" ? "ERE" : "BRE",
          rparenLiteral: true,
          onWarning: (w) => ctx.stderr.write(`${ctx.name}: warning: ${w}\n`),
        }),
      );
    } catch (e) {
      if (e instanceof RegexSyntaxError) throw new PatternError(e.message);
      throw e;
    }
  }
  let parsed = alternation(trees);
  if (s.line) parsed = wrap(parsed, "bol", "eol");
  else if (s.word) parsed = wrap(parsed, "nwbefore", "nwafter");
  let re: CompiledRegex;
  try {
    re = compileTree(parsed, { ignoreCase: s.ignoreCase, lineMode: buffered, budget: ctx.budget });
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw new PatternError(e.message);
    throw e;
  }
  if (s.word && !s.line) return wordMatcher(re, buffered);
  return {
    buffered,
    find: (text, from) => re.find(text, from),
    exec: (text, from) => re.exec(text, from),
  };
}

function wrap(p: ParsedRegex, before: "bol" | "nwbefore", after: "eol" | "nwafter"): ParsedRegex {
  const node: Node = {
    t: "cat",
    items: [{ t: "assert", kind: before }, p.node, { t: "assert", kind: after }],
  };
  return { ...p, node };
}

/**
 * GNU -w: an empty match counts only on a line that is empty (a word
 * boundary around nothing is not a word).
 */
function wordMatcher(re: CompiledRegex, buffered: boolean): GrepMatcher {
  const nonEmpty = (text: string, from: number, f: (t: string, i: number) => { index: number; end: number } | null) => {
    for (let pos = from; pos <= text.length; ) {
      const m = f(text, pos);
      if (!m) return null;
      if (m.end > m.index) return m;
      const lineStart = m.index === 0 || text.charCodeAt(m.index - 1) === 10;
      const lineEnd = m.index === text.length || text.charCodeAt(m.index) === 10;
      if (lineStart && lineEnd) return m;
      pos = m.index + 1;
    }
    return null;
  };
  return {
    buffered,
    find: (text, from) => nonEmpty(text, from, (t, i) => re.find(t, i)),
    exec: (text, from) => nonEmpty(text, from, (t, i) => re.exec(t, i)),
  };
}

/** -P: the PCRE subset JavaScript shares, one record at a time. */
function compilePerl(s: PatternSettings): GrepMatcher {
  if (s.patterns.length !== 1) throw new PatternError("the -P option only supports a single pattern");
  let src = s.patterns[0];
  let flags = "gu";
  if (s.ignoreCase) flags += "i";
  const inline = /^\(\?([imsx]+)\)/.exec(src);
  if (inline) {
    for (const f of inline[1]) if (f !== "x" && !flags.includes(f)) flags += f;
    src = src.slice(inline[0].length);
  }
  const perl = translatePerlEscapes(src);
  src = perl.src;
  if (/\(\?>|[*+?}]\+|\\[GX]|\(\?[R0-9&(P]|\(\?[a-zA-Z]+\)/.test(src.replace(/\\\\/g, ""))) {
    throw new PatternError("unsupported -P construct (sandbash runs the JavaScript subset of PCRE)");
  }
  if (nestedRepetition(src)) {
    throw new PatternError("-P pattern with nested repetition refused: it could run for ever (use -E)");
  }
  src = src.replace(/\[\[:(\w+):\]\]/g, (m, name: string) => POSIX_IN_PERL[name] ?? m);
  if (s.line) src = `^(?:${src})$`;
  else if (s.word) src = `(?<![\\p{L}\\p{N}_])(?:${src})(?![\\p{L}\\p{N}_])`;
  if (perl.keepOut) flags += "d";
  let re: RegExp;
  try {
    re = new RegExp(src, flags);
  } catch (e) {
    const msg = (e as Error).message;
    throw new PatternError(/Unterminated group|Unmatched '\('/.test(msg) ? "missing closing parenthesis" : msg.replace(/^Invalid regular expression: /, ""));
  }
  const run = (text: string, from: number) => {
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) return null;
    return { index: perl.keepOut ? keptStart(m) : m.index, end: m.index + m[0].length };
  };
  return { buffered: false, find: run, exec: run };
}

/**
 * PCRE escapes JavaScript lacks, translated in one pass: \h (a blank, in a class too) and,
 * outside classes, \A, \Z and \z (start and end of the record), \Q...\E (literal text), \R (any
 * line break) and \K ("keep out": the reported match starts here), which
 * becomes an empty named group whose position the `d` flag reports (see keptStart).
 */
function translatePerlEscapes(src: string): { src: string; keepOut: boolean } {
  let out = "";
  let keep = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\" && i + 1 < src.length) {
      const n = src[i + 1];
      i++;
      if (n === "h") out += inClass ? " \\t" : "[ \\t]";
      else if (inClass) out += c + n;
      else if (n === "Q") {
        const end = src.indexOf("\\E", i + 1);
        const text = end < 0 ? src.slice(i + 1) : src.slice(i + 1, end);
        out += text.replace(/[\\^$.*+?()[\]{}|\/-]/g, "\\$&");
        i = end < 0 ? src.length : end + 1;
      } else if (n === "E") {
        // A lone \E ends nothing: PCRE ignores it.
      } else if (n === "z") out += "$";
      else if (n === "A") out += "^";
      else if (n === "Z") out += "(?=\\n?$)";
      else if (n === "R") out += "(?:\\r\\n|[\\n\\v\\f\\r\\x85\\u2028\\u2029])";
      else if (n === "K") out += `(?<sbK${keep++}>)`;
      else out += c + n;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
      out += c;
      // A `]` first in the class (or after `^`) is a member, not its end.
      if (src[i + 1] === "^") out += src[++i];
      if (src[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    out += c;
  }
  return { src: out, keepOut: keep > 0 };
}

/** Where a match with \K starts: the last \K the match went through (the one furthest on). */
function keptStart(m: RegExpExecArray): number {
  let start = m.index;
  const groups = m.indices?.groups;
  if (groups) for (const k in groups) if (k.startsWith("sbK") && groups[k]) start = Math.max(start, groups[k]![0]);
  return start;
}

const POSIX_IN_PERL: Record<string, string> = {
  alpha: "[A-Za-z]", digit: "[0-9]", alnum: "[A-Za-z0-9]", upper: "[A-Z]", lower: "[a-z]",
  space: "\\s", blank: "[ \\t]", punct: "[!-\\/:-@\\[-`{-~]", xdigit: "[0-9A-Fa-f]",
};

/** A group that holds a repetition and is itself repeated: backtracking may be exponential. */
function nestedRepetition(src: string): boolean {
  const stack: boolean[] = [];
  let inner = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      const end = src.indexOf("]", i + 2);
      if (end > 0) i = end;
      continue;
    }
    if (c === "(") {
      stack.push(inner);
      inner = false;
    } else if (c === ")") {
      const had: boolean = inner;
      inner = stack.pop() ?? false;
      const q = src[i + 1];
      const repeated = q === "*" || q === "+" || (q === "{" && /^\{\d*,/.test(src.slice(i + 1)));
      if (had && repeated) return true;
      inner ||= had;
    } else if (c === "*" || c === "+" || (c === "{" && /^\{\d*,/.test(src.slice(i)))) {
      inner = true;
    }
  }
  return false;
}
