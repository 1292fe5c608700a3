import {
  alt,
  cat,
  classSet,
  EMPTY,
  REGEX_ERRORS as E,
  RegexSyntaxError,
  type CharSet,
  type Node,
  type ParsedRegex,
} from "./ast.js";

/**
 * Parser for POSIX basic and extended regular expressions with the GNU
 * extensions, following glibc's regcomp as configured by GNU grep and sed
 * (RE_SYNTAX_GREP / RE_SYNTAX_POSIX_EXTENDED plus GNU operators):
 *
 *   regex  := branch ( "|" branch )*          BRE: "\|"
 *   branch := piece*
 *   piece  := atom ( "*" | "+" | "?" | "{m,n}" )*   BRE: "\+" "\?" "\{m,n\}"
 *   atom   := char | "." | bracket | "(" regex ")" | "^" | "$" | "\" escape
 */

export type Syntax = "BRE" | "ERE";

export interface ParseOptions {
  syntax: Syntax;
  /**
   * Extra escapes: "sed" adds \n \t \f \v \a \r \dNNN \oNNN \xHH \cX (also in
   * brackets); "awk" adds gawk's string escapes (\/ \" \NNN, \y word boundary,
   * backslash escapes inside brackets).
   */
  escapes?: "sed" | "awk";
  /** An unmatched ")" in an ERE is an ordinary character (grep -E), not an error (sed -E). */
  rparenLiteral?: boolean;
  /** Called with GNU grep's warnings ("* at start of expression"). */
  onWarning?: (message: string) => void;
}

const DUP_MAX = 32767;
const CLASS_NAMES = new Set([
  "alpha", "upper", "lower", "digit", "xdigit", "space", "print", "punct", "graph", "cntrl", "blank", "alnum",
]);

/** Parses a BRE or ERE; throws RegexSyntaxError with GNU's message. */
export function parseRegex(source: string, options: ParseOptions): ParsedRegex {
  const p = new Parser(source, options);
  const node = p.parseAlternation(0);
  if (p.pos < p.src.length) {
    // Only an unmatched close paren stops the top-level parse.
    throw new RegexSyntaxError(E.rparen);
  }
  return { node, groups: p.groupCount, hasBackrefs: p.hasBackrefs };
}

class Parser {
  pos = 0;
  groupCount = 0;
  hasBackrefs = false;
  private closed = new Set<number>();
  private readonly ere: boolean;

  constructor(
    readonly src: string,
    private readonly opts: ParseOptions,
  ) {
    this.ere = opts.syntax === "ERE";
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? "";
  }

  private atAltBar(): boolean {
    return this.ere ? this.peek() === "|" : this.peek() === "\\" && this.peek(1) === "|";
  }

  private atCloseParen(depth: number): boolean {
    if (this.ere) return this.peek() === ")" && (depth > 0 || !this.opts.rparenLiteral);
    return this.peek() === "\\" && this.peek(1) === ")";
  }

  /** regex := branch ( "|" branch )* */
  parseAlternation(depth: number): Node {
    const branches: Node[] = [this.parseBranch(depth)];
    while (this.atAltBar()) {
      this.pos += this.ere ? 1 : 2;
      branches.push(this.parseBranch(depth));
    }
    return alt(branches);
  }

  /** branch := piece* — stops at "|", ")" or the end. */
  private parseBranch(depth: number): Node {
    const items: Node[] = [];
    let start = true; // where a leading "*" is literal (BRE) or ignored (ERE)
    while (this.pos < this.src.length && !this.atAltBar() && !this.atCloseParen(depth)) {
      const c = this.peek();
      if (this.ere && (c === "*" || c === "+" || c === "?" || c === "{") && start) {
        // GNU: a leading repetition operator in an ERE applies to nothing (a "{"
        // that starts no valid interval is dropped alone).
        const interval = c === "{" && this.intervalAhead();
        if (c !== "{" || interval) this.opts.onWarning?.(`${interval ? "{..." + "}" : c} at start of expression`);
        if (interval) this.readInterval();
        else this.pos++;
        continue;
      }
      let atom = this.parseAtom(depth, start, items.length === 0);
      if (atom === null) continue;
      if (atom.t === "assert" && atom.kind === "bol" && start) {
        // "^*": the star is literal (BRE) or a leading operator (ERE), not a repeated anchor.
        items.push(atom);
        continue;
      }
      start = false;
      atom = this.parseRepetitions(atom);
      items.push(atom);
    }
    return cat(items);
  }

  /** True when "{" at pos starts a valid ERE interval (else "{" is literal). */
  private intervalAhead(): boolean {
    const m = /^\{(\d*)(,(\d*))?\}/.exec(this.src.slice(this.pos, this.pos + 24));
    return m !== null && (m[1] !== "" || m[2] !== undefined);
  }

  private parseRepetitions(atom: Node): Node {
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === "*") {
        this.pos++;
        [min, max] = [0, Infinity];
      } else if (this.ere && (c === "+" || c === "?")) {
        this.pos++;
        [min, max] = c === "+" ? [1, Infinity] : [0, 1];
      } else if (!this.ere && c === "\\" && (this.peek(1) === "+" || this.peek(1) === "?")) {
        [min, max] = this.peek(1) === "+" ? [1, Infinity] : [0, 1];
        this.pos += 2;
      } else if (this.ere && c === "{" && this.intervalAhead()) {
        [min, max] = this.readInterval();
      } else if (!this.ere && c === "\\" && this.peek(1) === "{") {
        [min, max] = this.readInterval();
      } else {
        return atom;
      }
      if (atom.t === "assert" || atom.t === "empty") continue; // GNU: repeating an anchor is a no-op
      atom = { t: "rep", node: atom, min, max };
    }
  }

  /** Reads "{m,n}" (ERE) or "\{m,n\}" (BRE) at pos. */
  private readInterval(): [number, number] {
    this.pos += this.ere ? 1 : 2;
    const close = this.ere ? "}" : "\\}";
    const end = this.src.indexOf(close, this.pos);
    if (end < 0) throw new RegexSyntaxError(this.ere ? E.braceContent : E.brace);
    const body = this.src.slice(this.pos, end);
    const m = /^(\d*)(,(\d*))?$/.exec(body);
    if (!m || (m[1] === "" && m[2] === undefined)) {
      throw new RegexSyntaxError(!this.ere && /^[\d,]*$/.test(body) === false ? E.braceContent : E.braceContent);
    }
    const min = m[1] === "" ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    if (min > DUP_MAX || (max !== Infinity && max > DUP_MAX)) throw new RegexSyntaxError(E.tooBig);
    if (max < min) throw new RegexSyntaxError(E.braceContent);
    this.pos = end + close.length;
    return [min, max];
  }

  /** One atom, or null for something that produced nothing. */
  private parseAtom(depth: number, start: boolean, first: boolean): Node | null {
    const c = this.peek();
    if (c === "\\") return this.parseEscape(depth, start);
    this.pos++;
    switch (c) {
      case ".":
        return { t: "set", negate: true, ranges: [], classes: [], dot: true };
      case "[":
        return this.parseBracket();
      case "*":
        if (start) return { t: "char", c: 42 };
        break;
      case "^":
        if (this.ere || first) return { t: "assert", kind: "bol" };
        break;
      case "$":
        if (this.ere || this.atBranchEnd(depth)) return { t: "assert", kind: "eol" };
        break;
      case "(":
        if (this.ere) return this.parseGroup(depth, ")");
        break;
      case "{":
        break;
      default:
        break;
    }
    return this.literal(c);
  }

  /** BRE: "$" is an anchor only at the end of a branch. */
  private atBranchEnd(depth: number): boolean {
    return this.pos >= this.src.length || this.atAltBar() || (depth > 0 && this.atCloseParen(depth));
  }

  private literal(ch: string): Node {
    // Keep astral characters whole.
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = this.src.charCodeAt(this.pos);
      if (next >= 0xdc00 && next <= 0xdfff) {
        this.pos++;
        return { t: "char", c: 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00) };
      }
    }
    return { t: "char", c: cp };
  }

  private parseGroup(depth: number, close: string): Node {
    const index = ++this.groupCount;
    const inner = this.parseAlternation(depth + 1);
    if (this.src.startsWith(close, this.pos)) this.pos += close.length;
    else throw new RegexSyntaxError(E.paren);
    this.closed.add(index);
    return { t: "group", node: inner, index };
  }

  private parseEscape(depth: number, start: boolean): Node | null {
    this.pos++;
    if (this.pos >= this.src.length) throw new RegexSyntaxError(E.escape);
    const c = this.peek();
    this.pos++;
    if (!this.ere) {
      if (c === "(") return this.parseGroup(depth, "\\)");
      if (c === ")") throw new RegexSyntaxError(E.rparen);
      if (c === "{" && start) return { t: "char", c: 123 };
      if (c === "}") return { t: "char", c: 125 };
    }
    if (c >= "1" && c <= "9") {
      const n = c.charCodeAt(0) - 48;
      if (!this.closed.has(n)) throw new RegexSyntaxError(E.backref);
      this.hasBackrefs = true;
      return { t: "backref", n };
    }
    switch (c) {
      case "w": return classSet("word");
      case "W": return classSet("word", true);
      case "s": return classSet("space");
      case "S": return classSet("space", true);
      case "<": return { t: "assert", kind: "wstart" };
      case ">": return { t: "assert", kind: "wend" };
      case "B": return { t: "assert", kind: "nwordb" };
      case "`": return { t: "assert", kind: "bos" };
      case "'": return { t: "assert", kind: "eos" };
      case "b": return this.opts.escapes === "awk" ? { t: "char", c: 8 } : { t: "assert", kind: "wordb" };
      case "y": if (this.opts.escapes === "awk") return { t: "assert", kind: "wordb" }; break;
    }
    if (this.opts.escapes) {
      const cp = this.charEscape(c);
      if (cp !== null) return { t: "char", c: cp };
    }
    this.pos--;
    const ch = this.src[this.pos++];
    return this.literal(ch);
  }

  /** The sed/awk character escapes (pos is just past the letter). Null: not one. */
  private charEscape(c: string): number | null {
    switch (c) {
      case "n": return 10;
      case "t": return 9;
      case "f": return 12;
      case "v": return 11;
      case "a": return 7;
      case "r": return 13;
    }
    if (this.opts.escapes === "sed") {
      if (c === "d" || c === "o" || c === "x") {
        const b = this.sedByteEscape(c);
        return b === null ? c.charCodeAt(0) : b < 0x80 ? b : this.sedHighByte(b);
      }
      if (c === "c" && this.pos < this.src.length) {
        return this.src[this.pos++].toUpperCase().charCodeAt(0) ^ 0x40;
      }
    } else {
      if (c === "/" || c === '"') return c.charCodeAt(0);
      if (c >= "0" && c <= "7") {
        this.pos--;
        return this.radixEscape(/^[0-7]{1,3}/, 8);
      }
      if (c === "x") return this.radixEscape(/^[0-9a-fA-F]{1,2}/, 16) ?? 120;
    }
    return null;
  }

  /** sed's \dNNN \oNNN \xHH (pos just past the letter): the byte, or null when no digits follow. */
  private sedByteEscape(c: string): number | null {
    if (c === "d") return this.radixEscape(/^[0-9]{1,3}/, 10);
    if (c === "o") return this.radixEscape(/^[0-7]{1,3}/, 8);
    return this.radixEscape(/^[0-9a-fA-F]{1,2}/, 16);
  }

  /**
   * A byte >= 0x80 from an escape: the text is decoded UTF-8, so escapes spelling a
   * whole UTF-8 sequence ("\xc3\xa9") match its character; a lone byte matches the
   * invalid byte as decodeUtf8 keeps it (U+DC80..U+DCFF).
   */
  private sedHighByte(lead: number): number {
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    const start = this.pos;
    let cp = need === 1 ? lead & 0x1f : need === 2 ? lead & 0x0f : lead & 0x07;
    for (let k = 0; k < need; k++) {
      const esc = this.src[this.pos] === "\\" ? this.src[this.pos + 1] : "";
      if (esc !== "d" && esc !== "o" && esc !== "x") break;
      this.pos += 2;
      const b = this.sedByteEscape(esc);
      if (b === null || b < 0x80 || b > 0xbf) break;
      cp = (cp << 6) | (b & 0x3f);
      if (k === need - 1) {
        const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
        if (cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) return cp;
      }
    }
    this.pos = start;
    return 0xdc00 + lead;
  }

  private radixEscape(re: RegExp, radix: number): number | null {
    const m = re.exec(this.src.slice(this.pos, this.pos + 3));
    if (!m) return null;
    this.pos += m[0].length;
    return parseInt(m[0], radix) & 0xff;
  }

  /** bracket := "[" "^"? "]"? item* "]" with [:class:], [=c=], [.c.] and ranges. */
  private parseBracket(): Node {
    const set: CharSet = { t: "set", negate: false, ranges: [], classes: [] };
    if (this.peek() === "^") {
      set.negate = true;
      this.pos++;
    }
    // GNU grep (dfa.c): "[" or "[^" ending the pattern is a plain syntax error.
    if (this.pos >= this.src.length) throw new RegexSyntaxError(E.generic);
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length) throw new RegexSyntaxError(E.bracket);
      const c = this.peek();
      if (c === "]" && !first) {
        this.pos++;
        return set;
      }
      first = false;
      const lo = this.bracketChar(set);
      if (lo === null) continue; // a class was added
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== "") {
        this.pos++;
        const hi = this.bracketChar(null);
        if (hi === null || hi < lo) throw new RegexSyntaxError(E.range);
        // glibc's C.UTF-8 has no collation order for ranges beyond ASCII.
        if (hi > 0x7f) throw new RegexSyntaxError(E.collate);
        if (this.peek() === "-" && this.peek(1) !== "]") throw new RegexSyntaxError(E.range);
        set.ranges.push([lo, hi]);
      } else {
        set.ranges.push([lo, lo]);
      }
    }
  }

  /**
   * One bracket element: returns its code point, or null after adding a
   * [:class:] to `set` (a class where a range end is needed is an error).
   */
  private bracketChar(set: CharSet | null): number | null {
    const c = this.peek();
    if (c === "[" && (this.peek(1) === ":" || this.peek(1) === "=" || this.peek(1) === ".")) {
      const kind = this.peek(1);
      const end = this.src.indexOf(kind + "]", this.pos + 2);
      if (end < 0) throw new RegexSyntaxError(E.bracket);
      const name = this.src.slice(this.pos + 2, end);
      this.pos = end + 2;
      if (kind === ":") {
        if (!CLASS_NAMES.has(name)) throw new RegexSyntaxError(E.ctype);
        if (!set) throw new RegexSyntaxError(E.range);
        set.classes.push(name);
        if (this.peek() === "-" && this.peek(1) !== "]") throw new RegexSyntaxError(E.range);
        return null;
      }
      const cps = [...name];
      if (cps.length !== 1) throw new RegexSyntaxError(E.collate);
      return cps[0].codePointAt(0)!;
    }
    if (c === "\\" && this.opts.escapes) {
      const save = this.pos;
      this.pos += 2;
      const esc = this.src[this.pos - 1] ?? "";
      const cp = this.charEscape(esc);
      if (cp !== null) return cp;
      if (this.opts.escapes === "awk" && esc !== "") return esc.codePointAt(0)!;
      this.pos = save;
    }
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }
}

export { EMPTY };
