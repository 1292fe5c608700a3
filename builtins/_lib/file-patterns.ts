import { compileGlob } from "./regex/glob.js";
import { compileRegex, type RegexBudget } from "./regex/index.js";

/**
 * Pattern matching for the file tools, on the shared regex layer: fnmatch(3) for
 * find -name/-path, ls -I/--hide and tree -P/-I, and find's -regex dialects.
 */

export interface FnmatchOptions {
  /** FNM_PATHNAME: wildcards do not match "/". */
  pathname?: boolean;
  /** FNM_PERIOD: a leading "." must be matched by a literal ".". */
  period?: boolean;
  /** FNM_CASEFOLD */
  ignoreCase?: boolean;
  budget?: RegexBudget;
}

/** A compiled pattern. */
export interface FnMatcher {
  test(name: string): boolean;
}

/** Compiles a shell pattern with fnmatch(3) semantics. */
export function compileFnmatch(pattern: string, options: FnmatchOptions = {}): FnMatcher {
  const glob = compileGlob(pattern, { nocase: options.ignoreCase, pathname: options.pathname, budget: options.budget });
  const literalDot = pattern.startsWith(".") || pattern.startsWith("\\.");
  return {
    test(name: string): boolean {
      if (options.period && name.startsWith(".") && !literalDot) return false;
      return glob.test(name);
    },
  };
}

/** The regex dialects find -regextype accepts, reduced to the three syntaxes they differ in. */
export type RegexDialect = "emacs" | "basic" | "extended";

/** find's -regextype names and their dialect. */
export const REGEX_TYPES: Record<string, RegexDialect> = {
  "findutils-default": "emacs",
  ed: "basic",
  emacs: "emacs",
  "gnu-awk": "extended",
  grep: "basic",
  "posix-awk": "extended",
  awk: "extended",
  "posix-basic": "basic",
  "posix-egrep": "extended",
  egrep: "extended",
  "posix-extended": "extended",
  "posix-minimal-basic": "basic",
  sed: "basic",
};

/** The end of the bracket expression opening at pattern[i] ("["), or -1 if unclosed. */
function bracketEnd(pattern: string, i: number): number {
  let j = i + 1;
  if (pattern[j] === "^") j++;
  if (pattern[j] === "]") j++;
  while (j < pattern.length) {
    if (pattern[j] === "[" && ":.=".includes(pattern[j + 1] ?? "")) {
      const close = pattern.indexOf(pattern[j + 1] + "]", j + 2);
      if (close < 0) return -1;
      j = close + 2;
      continue;
    }
    if (pattern[j] === "]") return j + 1;
    j++;
  }
  return -1;
}

/**
 * Rewrites an Emacs-syntax regex (GNU RE_SYNTAX_EMACS: \( \) \| group, + ? are
 * operators, no intervals, anchors only in anchor position) as an ERE.
 */
export function emacsToEre(pattern: string): string {
  let out = "";
  let atStart = true;
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i];
    const startHere: boolean = atStart;
    atStart = false;
    if (ch === "[") {
      const end = bracketEnd(pattern, i);
      if (end < 0) return out + pattern.slice(i); // let the parser report it
      out += pattern.slice(i, end);
      i = end;
    } else if (ch === "\\" && i + 1 < pattern.length) {
      const n = pattern[i + 1];
      i += 2;
      if (n === "(" || n === "|") {
        out += n;
        atStart = true;
      } else if (n === ")") out += n;
      else if ("123456789wWbB<>`'".includes(n)) out += "\\" + n;
      else out += /[\\^$.*+?()[\]{}|]/.test(n) ? "\\" + n : n;
    } else {
      i++;
      if ("(){}|".includes(ch)) out += "\\" + ch;
      else if (ch === "*" || ch === "+" || ch === "?") out += startHere ? "\\" + ch : ch;
      else if (ch === "^") {
        out += startHere ? "^" : "\\^";
        atStart = startHere;
      } else if (ch === "$") {
        const endHere = i === pattern.length || pattern.startsWith("\\)", i) || pattern.startsWith("\\|", i);
        out += endHere ? "$" : "\\$";
      } else out += ch;
    }
  }
  return out;
}

/**
 * Compiles a find -regex pattern, which must match the whole path. Throws
 * RegexSyntaxError (GNU's message) on a bad pattern.
 */
export function compileFindRegex(
  pattern: string,
  dialect: RegexDialect,
  ignoreCase: boolean,
  budget?: RegexBudget,
): FnMatcher {
  const source = dialect === "emacs" ? emacsToEre(pattern) : pattern;
  const re = compileRegex(source, { syntax: dialect === "basic" ? "BRE" : "ERE", ignoreCase, budget });
  return {
    test(path: string): boolean {
      const m = re.exec(path, 0);
      return m !== null && m.index === 0 && m.end === path.length;
    },
  };
}
