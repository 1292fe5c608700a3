import { ParseError } from "./errors.js";

/** Character codes of bash's metacharacters (they end an unquoted word): 1 in META_CODES. */
export const META_CODES = new Uint8Array(128);
for (const c of " \t\n;&|()<>") META_CODES[c.charCodeAt(0)] = 1;

/** Characters that end an unquoted word (bash's metacharacters). */
export function isMeta(c: string): boolean {
  return c.length === 1 && META_CODES[c.charCodeAt(0)] === 1;
}

export function isNameStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
}

export function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= "0" && c <= "9");
}

export function isName(s: string): boolean {
  if (s.length === 0 || !isNameStart(s[0])) return false;
  for (let i = 1; i < s.length; i++) if (!isNameChar(s[i])) return false;
  return true;
}

/**
 * An exact-size copy of an array built by push: the first push gives an array room for 17
 * elements, and the AST keeps every array alive (a one-part word's parts would weigh 184 bytes
 * instead of 56). The grown original dies young, which costs the garbage collector nothing.
 */
export function fit<T>(a: T[]): T[] {
  return a.length === 0 ? (NONE as unknown as T[]) : a.slice();
}

/**
 * Appends to a list that is made on its first element, at size one: most AST lists (a word's
 * parts, a command's words) hold one element, and those then need no copy by fit.
 */
export function append<T>(list: T[] | null, x: T): T[] {
  if (list === null) return [x];
  list.push(x);
  return list;
}

/** The finished AST list of one built by append: the shared empty one, or an exact-size one. */
export function finish<T>(list: T[] | null): T[] {
  return list === null ? (NONE as unknown as T[]) : list.length === 1 ? list : list.slice();
}

/**
 * The one empty array every empty AST list shares (a simple command without assignments or
 * redirections, a word without parts). Frozen: the AST is never mutated after parsing.
 */
const NONE: readonly never[] = Object.freeze([]);

/** Whether src[from, to) is a shell name (no slicing). */
export function isNameAt(src: string, from: number, to: number): boolean {
  if (from >= to) return false;
  let c = src.charCodeAt(from);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return false;
  for (let i = from + 1; i < to; i++) {
    c = src.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** Maximum nesting of commands and substitutions before a clean error. */
export const MAX_PARSE_DEPTH = 1000;

/**
 * The character cursor shared by the word and command parsers. It never
 * tokenises ahead: each parser reads what its context allows.
 */
export class Scanner {
  // The parser's state is declared here and set in the constructors, not as class field
  // initialisers: node 20 defines class fields about five times slower than it assigns
  // properties, and every parse() and exec makes a parser (this took a fifth of `echo hi`).
  /** The text; alias expansion splices into it (see CommandParser.expandAlias). */
  declare src: string;
  /** Line number of offset 0 (for re-parsed backquote bodies). */
  declare readonly firstLine: number;
  declare pos: number;
  declare depth: number;
  declare protected lineStarts: number[] | null;
  declare private lastLineOffset: number;
  declare private lastLine: number;
  /** Index in lineStarts of the last answer. */
  declare private lastIndex: number;

  constructor(src: string, firstLine = 1) {
    this.src = src;
    this.firstLine = firstLine;
    this.pos = 0;
    this.depth = 0;
    this.lineStarts = null;
    this.lastLineOffset = -1;
    this.lastLine = 0;
    this.lastIndex = 0;
  }

  peek(k = 0): string {
    return this.src[this.pos + k] ?? "";
  }

  startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  /** 1-based line of an offset. */
  lineAt(offset: number): number {
    // Statement, pipeline and command ask for the same offset in turn.
    if (offset === this.lastLineOffset && this.lineStarts) return this.lastLine;
    if (!this.lineStarts) {
      const ls = [0];
      const src = this.src;
      for (let i = src.indexOf("\n"); i >= 0; i = src.indexOf("\n", i + 1)) ls.push(i + 1);
      this.lineStarts = ls;
      this.lastIndex = 0;
    }
    const ls = this.lineStarts;
    const last = ls.length - 1;
    // Parsing asks for offsets that mostly move forward a little: look just after the previous
    // answer before searching the whole table (a big script has a line table as long as itself).
    let lo = this.lastIndex;
    if (ls[lo] <= offset) {
      const stop = Math.min(lo + 4, last);
      while (lo < stop && ls[lo + 1] <= offset) lo++;
    }
    if (ls[lo] > offset || (lo < last && ls[lo + 1] <= offset)) {
      lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ls[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
    }
    this.lastIndex = lo;
    this.lastLineOffset = offset;
    this.lastLine = lo + this.firstLine;
    return this.lastLine;
  }

  /** The text of the line holding an offset (for "near unexpected token" echoes). */
  lineText(offset: number): string {
    const start = this.src.lastIndexOf("\n", offset - 1) + 1;
    let end = this.src.indexOf("\n", offset);
    if (end < 0) end = this.src.length;
    return this.src.slice(start, end);
  }

  /** Skips spaces, tabs and backslash-newline continuations (not newlines). */
  skipBlanks(): void {
    const s = this.src;
    let p = this.pos;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 32 || c === 9) p++;
      else if (c === 92 && s.charCodeAt(p + 1) === 10) p += 2;
      else break;
    }
    this.pos = p;
  }

  /** Skips blanks and a comment (a `#` at the start of a word runs to the newline). */
  skipBlanksAndComment(): void {
    this.skipBlanks();
    if (this.src.charCodeAt(this.pos) === 35) {
      const nl = this.src.indexOf("\n", this.pos);
      this.pos = nl < 0 ? this.src.length : nl;
    }
  }

  /**
   * "unexpected EOF while looking for matching `x'". bash reports it on the line where an open
   * quote started (`openPos`), on the line after the last one for `$(`/`<(` (`afterEnd`), else on
   * the last line.
   */
  eofError(closer: string, openPos?: number, afterEnd = false): ParseError {
    const line = openPos !== undefined ? this.lineAt(openPos) : afterEnd ? this.endLine() : this.lineAt(this.src.length);
    return new ParseError(`unexpected EOF while looking for matching \`${closer}'`, this.pos, line, true);
  }

  /** The line bash names for errors at end of input: one past the last line (a final newline ends that line). */
  endLine(): number {
    const n = this.src.length;
    return this.lineAt(n > 0 && this.src.charCodeAt(n - 1) === 10 ? n - 1 : n) + 1;
  }

  enterNesting(): void {
    if (++this.depth > MAX_PARSE_DEPTH) {
      throw new ParseError("maximum nesting depth exceeded", this.pos, this.lineAt(this.pos), false);
    }
  }

  leaveNesting(): void {
    this.depth--;
  }
}
