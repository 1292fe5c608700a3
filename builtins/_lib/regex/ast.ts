/**
 * The syntax tree every regular-expression dialect (BRE, ERE, glob) is parsed
 * into. The engines (V8 RegExp source, Pike VM, backtracker) all consume it.
 * Characters are Unicode code points; text is a JS string whose lone surrogates
 * U+DC80..U+DCFF stand for invalid bytes (src/io/utf8.ts).
 */

/** A bracket expression or a shorthand class (`.`, `\w`, `[[:alpha:]]`). */
export interface CharSet {
  t: "set";
  negate: boolean;
  /** Inclusive code-point ranges as [lo, hi] pairs. */
  ranges: Array<[number, number]>;
  /** POSIX class names: alpha, digit, word (\w), ... */
  classes: string[];
  /** `.`: a negated set that also never matches NUL-like exclusions of the options. */
  dot?: boolean;
  /** A negated set that also matches invalid bytes (glob `*`, `?`, `[!x]`: bash matches any byte). */
  anyByte?: boolean;
}

export type AssertKind =
  | "bol" // ^
  | "eol" // $
  | "bos" // \`
  | "eos" // \'
  | "wordb" // \b
  | "nwordb" // \B
  | "wstart" // \<
  | "wend" // \>
  | "nwbefore" // no word character before (grep -w)
  | "nwafter"; // no word character after (grep -w)

export type Node =
  | { t: "empty" }
  | { t: "char"; c: number }
  | CharSet
  | { t: "cat"; items: Node[] }
  | { t: "alt"; alts: Node[] }
  | { t: "rep"; node: Node; min: number; max: number; lazy?: boolean }
  | { t: "group"; node: Node; index: number }
  | { t: "backref"; n: number }
  | { t: "assert"; kind: AssertKind }
  /** Glob-only: the complement `!(...)`; only the backtracker runs it. */
  | { t: "not"; node: Node };

/** A parsed pattern: the tree and how many capturing groups it has. */
export interface ParsedRegex {
  node: Node;
  groups: number;
  hasBackrefs: boolean;
}

/** Thrown for an invalid pattern; `message` is GNU's regerror text. */
export class RegexSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegexSyntaxError";
  }
}

/** GNU regerror texts. */
export const REGEX_ERRORS = {
  paren: "Unmatched ( or \\(",
  rparen: "Unmatched ) or \\)",
  brace: "Unmatched \\{",
  braceContent: "Invalid content of \\{\\}",
  bracket: "Unmatched [, [^, [:, [., or [=",
  ctype: "Invalid character class name",
  collate: "Invalid collation character",
  range: "Invalid range end",
  backref: "Invalid back reference",
  badRpt: "Invalid preceding regular expression",
  tooBig: "Regular expression too big",
  escape: "Trailing backslash",
  generic: "Invalid regular expression",
} as const;

export const EMPTY: Node = { t: "empty" };

/** Makes a concatenation, flattening nested ones and dropping empties. */
export function cat(items: Node[]): Node {
  const out: Node[] = [];
  for (const n of items) {
    if (n.t === "cat") out.push(...n.items);
    else if (n.t !== "empty") out.push(n);
  }
  if (out.length === 0) return EMPTY;
  return out.length === 1 ? out[0] : { t: "cat", items: out };
}

/** Makes an alternation (one branch needs no alt node). */
export function alt(alts: Node[]): Node {
  return alts.length === 1 ? alts[0] : { t: "alt", alts };
}

/** A set holding one POSIX class (`\w` is "word", `\s` is "space"). */
export function classSet(name: string, negate = false): CharSet {
  return { t: "set", negate, ranges: [], classes: [name] };
}
