import type { CompiledRegex } from "../_lib/regex/index.js";

/** The parsed form of a sed script (GNU sed 4.9). */

/** A regex of an address or `s`; null source means "the last regex used". */
export interface SedRegex {
  re: CompiledRegex | null;
  /** The source as written (delimiters resolved) and its flags, for --debug. */
  src?: string;
  ignoreCase?: boolean;
  multiline?: boolean;
}

export type Address =
  | { t: "line"; n: number }
  | { t: "last" }
  | { t: "re"; re: SedRegex }
  | { t: "step"; first: number; step: number }
  | { t: "zero" };

export type Address2 = Address | { t: "plus"; n: number } | { t: "mult"; n: number };

/** One piece of an `s` replacement. */
export type ReplPart =
  | { t: "text"; s: string }
  | { t: "group"; n: number }
  | { t: "case"; op: "L" | "U" | "l" | "u" | "E" };

export interface Subst {
  re: SedRegex;
  repl: ReplPart[];
  global: boolean;
  /** Replace from the Nth match on (1 = first). */
  nth: number;
  print: number;
  evaluate: boolean;
  wfile?: string;
  /** The replacement as written and whether a number flag was given, for --debug. */
  replSrc?: string;
  nthGiven?: boolean;
}

export interface Command {
  a1?: Address;
  a2?: Address2;
  negate: boolean;
  name: string;
  /** a i c text; r R w W e file names / command; b t T label; : label. */
  text?: string;
  /** q Q exit code; l line length. */
  int?: number;
  /** Branch target index (b t T) or the index after the matching "}" ("{"). */
  target?: number;
  subst?: Subst;
  ymap?: Map<number, string>;
  /** The y operands with escapes resolved, for --debug. */
  ytext?: [string, string];
  /** Range state. */
  active?: boolean;
  rangeEnd?: number;
}

export interface Script {
  commands: Command[];
  /** #n on the first line. */
  quietFromScript: boolean;
  /** Files named by w commands and the s///w flag, opened (truncated) before the first cycle. */
  wfiles: Set<string>;
}
