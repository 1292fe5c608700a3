/** How a word is read: what ends it and which expansions are recognised. */
export interface WordMode {
  /** Stop at unquoted metacharacters (space, ;, |, &, <, >, parentheses, newline). */
  meta: boolean;
  /** Extra characters that end the word when unquoted. */
  stop: string;
  /** Recognise {a,b} and {1..3}. */
  brace: boolean;
  /** Tilde prefixes: at word start, or also after unquoted `:` (assignment values). */
  tilde: "none" | "start" | "assign";
  /** Inside "...": single quotes are literal in ${x:-...} words. */
  inDquote: boolean;
  /** Track ( ) nesting so `)` inside parentheses does not end the word (arith, case items). */
  parens: boolean;
  /** bash's extquote (on by default): $'...' and $"..." work in a ${...} word even inside "...". */
  extquote: boolean;
  /** '...' quotes even inside "...": a ${x/p/r} replacement, as in bash 5.2. */
  squote: boolean;
  /** The character codes (below 128) readParts must look at; every other character is plain text. */
  codes: Uint8Array;
}

/** What a mode is made from: codes is derived, extquote and squote default to off. */
export type WordModeSpec = Omit<WordMode, "extquote" | "squote" | "codes"> & { extquote?: boolean; squote?: boolean };

/**
 * Every mode is made here, with all its fields in one order: readParts reads them for every
 * character class it meets, and a dozen object shapes made that read megamorphic once varied
 * scripts had been parsed (about a third slower).
 */
export function wordMode(spec: WordModeSpec): WordMode {
  return {
    meta: spec.meta,
    stop: spec.stop,
    brace: spec.brace,
    tilde: spec.tilde,
    inDquote: spec.inDquote,
    parens: spec.parens,
    extquote: spec.extquote ?? false,
    squote: spec.squote ?? false,
    codes: specialCodes(spec.meta, spec.parens, spec.stop),
  };
}

/** One table per (meta, parens, stop). */
const specialTables = new Map<string, Uint8Array>();

function specialCodes(meta: boolean, parens: boolean, stop: string): Uint8Array {
  const key = `${meta ? 1 : 0}${parens ? 1 : 0}${stop}`;
  let t = specialTables.get(key);
  if (!t) {
    t = new Uint8Array(128);
    const chars = `\\'"$\`{:=~${parens ? "()" : ""}${meta ? " \t\n;&|()<>" : ""}${stop}`;
    for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
    specialTables.set(key, t);
  }
  return t;
}
