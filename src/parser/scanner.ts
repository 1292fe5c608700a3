import { ParseError } from "./errors.js";

/** Character codes of bash's metacharacters (they end an unquoted word): 1 in META_CODES. */
export const META_CODES = new Uint8Array(128);
for (const c of " \t\n;&|()<>") META_CODES[c.charCodeAt(0)] = 1;

/** Characters that end an unquoted word (bash's metacharacters). */
export function isMeta(c: string): boolean {
  return c.length === 1 && META_CODES[c.charCodeAt(0)] === 1;
}

/** Codes (below 128) of name characters: 2 for a letter or `_` (a name starts so), 1 for a digit, else 0. */
export const NAME_CODES = new Uint8Array(128);
for (let c = 48; c < 123; c++) NAME_CODES[c] = c <= 57 ? 1 : (c >= 97 || (c >= 65 && c <= 90) || c === 95 ? 2 : 0);

/** Whether a character (a one-character string) can start a name. */
export function isNameStart(c: string): boolean {
  return NAME_CODES[c.charCodeAt(0)] === 2;
}

export function isNameChar(c: string): boolean {
  return NAME_CODES[c.charCodeAt(0)] > 0;
}

export function isName(s: string): boolean {
  return isNameAt(s, 0, s.length);
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
  // Up to four elements, an exact-size copy: a push would give room for 17 (and finish would
  // copy that again), so a list of two or three left three times its size as garbage.
  const n = list.length;
  if (n < 4) return n === 1 ? [list[0], x] : n === 2 ? [list[0], list[1], x] : [list[0], list[1], list[2], x];
  list.push(x);
  return list;
}

/** The finished AST list of one built by append: the shared empty one, or an exact-size one. */
export function finish<T>(list: T[] | null): T[] {
  return list === null ? (NONE as unknown as T[]) : list.length <= 4 ? list : list.slice();
}

/**
 * The one empty array every empty AST list shares (a simple command without assignments or
 * redirections, a word without parts). Frozen: the AST is never mutated after parsing.
 */
const NONE: readonly never[] = Object.freeze([]);

/** The end of the name whose first character is at `i` (the first code there that is not a name's). */
export function nameEnd(s: string, i: number): number {
  let c: number;
  do c = s.charCodeAt(++i);
  while (c < 128 && NAME_CODES[c] !== 0);
  return i;
}

/** Whether src[from, to) is a shell name (no slicing). */
export function isNameAt(src: string, from: number, to: number): boolean {
  const c = src.charCodeAt(from);
  return from < to && c < 128 && NAME_CODES[c] === 2 && nameEnd(src, from) >= to;
}

/**
 * The text as a fresh flat string, whatever string it came as: a literal, a slice of a file,
 * a concatenation. The parser reads the text's charCodeAt, length and slice at every step;
 * V8 caches those reads per string representation, and fed the mix that scripts arrive as
 * the caches went megamorphic, while a slice or concatenation costs an extra hop per read.
 * A join of two pieces always builds a new flat string (one pass over the text). A text of
 * fewer than 13 characters is flat already: V8 makes no slice or concatenation that short
 * (the copy was a sixth of parsing `echo hi`).
 */
export function uniformText(s: string): string {
  return s.length < 13 ? s : [s.slice(0, 1), s.slice(1)].join("");
}

/** The index of the first newline at or after `from`, or src.length. */
function newlineFrom(src: string, from: number): number {
  const i = src.indexOf("\n", from);
  return i < 0 ? src.length : i;
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
  /** The last lineAt answer: lineNo is the line of lineOffset. */
  declare private lineOffset: number;
  declare private lineNo: number;
  /** The first newline at or after lineOffset (src.length: none; -1: not looked for yet). */
  declare private nextNewline: number;

  constructor(src: string, firstLine = 1) {
    this.src = uniformText(src);
    this.firstLine = firstLine;
    this.pos = 0;
    this.depth = 0;
    this.lineOffset = 0;
    this.lineNo = firstLine;
    this.nextNewline = -1;
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

  /**
   * 1-based line of an offset. Parsing asks for offsets that mostly move forward a little, so
   * the newlines are counted from the previous answer, and the next newline is remembered: no
   * line table, which most scripts (a line or two) would build only to look up once or twice.
   */
  lineAt(offset: number): number {
    const src = this.src;
    const from = this.lineOffset;
    let line = this.lineNo;
    if (offset >= from) {
      let nl = this.nextNewline;
      if (nl < 0) nl = newlineFrom(src, from);
      while (nl < offset && nl < src.length) {
        line++;
        nl = newlineFrom(src, nl + 1);
      }
      this.nextNewline = nl;
    } else {
      // Back: count the newlines in [offset, from) one by one (only as far as the cursor went back).
      let first = -1;
      for (let i = offset < 0 ? 0 : offset; i < from; i++) {
        if (src.charCodeAt(i) === 10) {
          if (first < 0) first = i;
          line--;
        }
      }
      if (first >= 0) this.nextNewline = first;
    }
    this.lineOffset = offset;
    this.lineNo = line;
    return line;
  }

  /** The text changed from `at` on (alias expansion): line answers after it are forgotten. */
  protected textChangedAt(at: number): void {
    if (this.lineOffset > at) {
      this.lineOffset = 0;
      this.lineNo = this.firstLine;
    }
    this.nextNewline = -1;
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
    const e = new ParseError(`unexpected EOF while looking for matching \`${closer}'`, this.pos, line, true);
    e.lexicalEof = !afterEnd;
    return e;
  }

  /**
   * The line bash names for errors at end of input: one past the last line (a final newline ends
   * that line), and one more after a final backslash, which bash reads as a line continuation.
   */
  endLine(): number {
    const src = this.src;
    const n = src.length;
    let slashes = 0;
    while (slashes < n && src.charCodeAt(n - 1 - slashes) === 92) slashes++;
    return this.lineAt(n > 0 && src.charCodeAt(n - 1) === 10 ? n - 1 : n) + 1 + (slashes & 1);
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
