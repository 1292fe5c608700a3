/**
 * The awk tokenizer. It reads on demand: whether `/` starts a regex or divides
 * depends on the token before it (an operand before it means division), the same
 * decision gawk's grammar makes with its want_regexp flag.
 */
import { AwkSyntaxError, LINE_BASE, type SourceText } from "./diagnostics.js";

export type TokKind =
  | "num" | "str" | "ere" | "name" | "funcname" | "builtin" | "kw"
  | "newline" | "eof" | "op";

export interface Token {
  kind: TokKind;
  /** Operator or keyword text, name, string value, regex source. */
  text: string;
  num: number;
  /** Offset of the token in its source. */
  pos: number;
  line: number;
  src: SourceText;
}

export const KEYWORDS = new Set([
  "BEGIN", "END", "BEGINFILE", "ENDFILE", "function", "func", "if", "else", "while", "for", "do",
  "break", "continue", "next", "nextfile", "exit", "return", "delete", "in", "getline", "print",
  "printf", "switch", "case", "default",
]);

export const BUILTIN_FUNCS = new Set([
  "length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "tolower", "toupper",
  "int", "sqrt", "exp", "log", "sin", "cos", "atan2", "rand", "srand", "gensub", "strftime",
  "systime", "mktime", "asort", "asorti", "patsplit", "close", "system", "fflush", "and", "or",
  "xor", "lshift", "rshift", "compl", "strtonum", "isarray", "typeof", "mkbool",
]);

/** Allowed argument counts, checked by the parser: [min, max]. */
export const BUILTIN_ARITY: Record<string, [number, number]> = {
  length: [0, 1], substr: [2, 3], index: [2, 2], split: [2, 4], sub: [2, 3], gsub: [2, 3],
  match: [2, 3], sprintf: [1, Infinity], tolower: [1, 1], toupper: [1, 1], int: [1, 1],
  sqrt: [1, 1], exp: [1, 1], log: [1, 1], sin: [1, 1], cos: [1, 1], atan2: [2, 2], rand: [0, 0],
  srand: [0, 1], gensub: [3, 4], strftime: [0, 3], systime: [0, 0], mktime: [1, 2],
  asort: [1, 3], asorti: [1, 3], patsplit: [2, 4], close: [1, 2], system: [1, 1], fflush: [0, 1],
  and: [2, Infinity], or: [2, Infinity], xor: [2, Infinity], lshift: [2, 2], rshift: [2, 2],
  compl: [1, 1], strtonum: [1, 1], isarray: [1, 1], typeof: [1, 2], mkbool: [1, 1],
};

/** Three-, two- and one-character operators, longest first. */
const OPS3 = new Set(["**=", "..."]);
const OPS2 = new Set([
  "+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "++", "--", "&&", "||", ">>", "!~", "|&", "**",
]);
const OPS1 = new Set(["{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|", "?", ":", "~", "$", "=", "@"]);

/** Tokens after which `/` is division rather than the start of a regex. */
function endsOperand(t: Token | null): boolean {
  if (!t) return false;
  switch (t.kind) {
    case "num": case "str": case "ere": case "name": case "funcname":
      return true;
    case "builtin":
      return true;
    case "kw":
      return t.text === "getline";
    case "op":
      return t.text === ")" || t.text === "]" || t.text === "$" || t.text === "++" || t.text === "--";
    default:
      return false;
  }
}

const isDigit = (c: string) => c >= "0" && c <= "9";
const isIdStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isIdChar = (c: string) => isIdStart(c) || isDigit(c);

export class Lexer {
  private i = 0;
  private line = 1;
  private prev: Token | null = null;
  private peeked: Token[] = [];
  private si = 0;
  private text: string;
  private src: SourceText;
  /** Warnings gawk prints while lexing (escape sequences); the caller writes them. */
  readonly warnings: Array<{ line: number; src: SourceText; message: string }> = [];

  constructor(private readonly sources: SourceText[]) {
    this.src = sources[0];
    this.text = this.src.text;
  }

  peek(n = 0): Token {
    while (this.peeked.length <= n) this.peeked.push(this.scan());
    return this.peeked[n];
  }

  next(): Token {
    const t = this.peeked.length ? this.peeked.shift()! : this.scan();
    return t;
  }

  private make(kind: TokKind, text: string, pos: number, num = 0): Token {
    const t: Token = { kind, text, num, pos, line: this.si * LINE_BASE + this.line, src: this.src };
    this.prev = t;
    return t;
  }

  private error(message: string, pos: number, line = this.line): never {
    throw new AwkSyntaxError(message, this.src, pos, line);
  }

  private scan(): Token {
    const s = this.text;
    for (;;) {
      while (this.i < s.length) {
        const c = s[this.i];
        if (c === " " || c === "\t" || c === "\r") this.i++;
        else if (c === "\\" && s[this.i + 1] === "\n") {
          this.i += 2;
          this.line++;
        } else if (c === "\\" && s[this.i + 1] === "\r" && s[this.i + 2] === "\n") {
          this.i += 3;
          this.line++;
        } else if (c === "#") {
          while (this.i < s.length && s[this.i] !== "\n") this.i++;
        } else break;
      }
      if (this.i < s.length) break;
      // End of this source: the next -f/-e source continues the program after a newline.
      if (this.si + 1 < this.sources.length) {
        const endTok = this.make("newline", "\n", this.i);
        this.si++;
        this.src = this.sources[this.si];
        this.text = this.src.text;
        this.i = 0;
        this.line = 1;
        return endTok;
      }
      return this.make("eof", "", this.i);
    }
    const start = this.i;
    const c = s[start];
    if (c === "\n") {
      this.i++;
      const t = this.make("newline", "\n", start);
      this.line++;
      return t;
    }
    if (c === '"') return this.scanString(start);
    if (c === "/" && !endsOperand(this.prev)) return this.scanRegex(start);
    if (isDigit(c) || (c === "." && isDigit(s[start + 1] ?? ""))) return this.scanNumber(start);
    if (isIdStart(c)) {
      let j = start + 1;
      while (j < s.length && isIdChar(s[j])) j++;
      const word = s.slice(start, j);
      this.i = j;
      if (KEYWORDS.has(word)) return this.make("kw", word === "func" ? "function" : word, start);
      if (BUILTIN_FUNCS.has(word)) return this.make("builtin", word, start);
      // A user function call needs the "(" right after the name, without blanks.
      return this.make(s[j] === "(" ? "funcname" : "name", word, start);
    }
    const three = s.slice(start, start + 3);
    if (OPS3.has(three)) {
      this.i += 3;
      return this.make("op", three === "**=" ? "^=" : three, start);
    }
    const two = s.slice(start, start + 2);
    if (OPS2.has(two)) {
      this.i += 2;
      return this.make("op", two === "**" ? "^" : two, start);
    }
    if (OPS1.has(c)) {
      this.i++;
      return this.make("op", c, start);
    }
    this.i++;
    return this.error("syntax error", start);
  }

  private scanNumber(start: number): Token {
    const s = this.text;
    let j = start;
    // gawk accepts hex and octal constants in program text (not in data).
    if (s[j] === "0" && (s[j + 1] === "x" || s[j + 1] === "X") && /[0-9a-fA-F]/.test(s[j + 2] ?? "")) {
      j += 2;
      while (j < s.length && /[0-9a-fA-F]/.test(s[j])) j++;
      this.i = j;
      return this.make("num", s.slice(start, j), start, parseInt(s.slice(start + 2, j), 16));
    }
    while (j < s.length && isDigit(s[j])) j++;
    if (s[j] === ".") {
      j++;
      while (j < s.length && isDigit(s[j])) j++;
    }
    if ((s[j] === "e" || s[j] === "E") && (isDigit(s[j + 1] ?? "") || ((s[j + 1] === "+" || s[j + 1] === "-") && isDigit(s[j + 2] ?? "")))) {
      j += 2;
      while (j < s.length && isDigit(s[j])) j++;
    }
    const text = s.slice(start, j);
    this.i = j;
    let value = Number(text);
    if (/^0[0-7]+$/.test(text)) value = parseInt(text, 8);
    return this.make("num", text, start, value);
  }

  private scanString(start: number): Token {
    const s = this.text;
    let j = start + 1;
    let out = "";
    const startLine = this.line;
    for (;;) {
      if (j >= s.length || s[j] === "\n") this.error("unterminated string", start, startLine);
      const c = s[j];
      if (c === '"') break;
      if (c !== "\\") {
        out += c;
        j++;
        continue;
      }
      const d = s[j + 1];
      if (d === undefined) this.error("unterminated string", start, startLine);
      if (d === "\n") {
        j += 2;
        this.line++;
        continue;
      }
      const [value, used] = this.escape(j + 1, true);
      out += value;
      j += 1 + used;
    }
    this.i = j + 1;
    const t = this.make("str", out, start);
    t.line = this.si * LINE_BASE + startLine;
    return t;
  }

  /**
   * One escape sequence starting at s[at] (just after the backslash). Returns the
   * text and the number of characters consumed. In strings an unknown escape warns
   * and stands for the plain character.
   */
  private escape(at: number, inString: boolean): [string, number] {
    const s = this.text;
    const d = s[at];
    switch (d) {
      case "n": return ["\n", 1];
      case "t": return ["\t", 1];
      case "r": return ["\r", 1];
      case "\\": return ["\\", 1];
      case '"': return ['"', 1];
      case "a": return ["\x07", 1];
      case "b": return ["\b", 1];
      case "f": return ["\f", 1];
      case "v": return ["\v", 1];
      case "/": if (!inString) return ["/", 1];
    }
    if (d >= "0" && d <= "7") {
      let n = 0;
      let k = 0;
      while (k < 3 && s[at + k] >= "0" && s[at + k] <= "7") n = n * 8 + (s.charCodeAt(at + k++) - 48);
      return [String.fromCharCode(n & 0xff), k];
    }
    if (d === "x" && /[0-9a-fA-F]/.test(s[at + 1] ?? "")) {
      let k = 1;
      while (k < 3 && /[0-9a-fA-F]/.test(s[at + k] ?? "")) k++;
      return [String.fromCharCode(parseInt(s.slice(at + 1, at + k), 16)), k];
    }
    this.warnings.push({ line: this.line, src: this.src, message: `warning: escape sequence \`\\${d}' treated as plain \`${d}'` });
    return [d, 1];
  }

  private scanRegex(start: number): Token {
    const s = this.text;
    let j = start + 1;
    let out = "";
    let inBracket = false;
    for (;;) {
      if (j >= s.length || s[j] === "\n") this.error("unterminated regexp", start + 1);
      const c = s[j];
      if (c === "\\") {
        if (s[j + 1] === "\n") {
          j += 2;
          this.line++;
          continue;
        }
        if (s[j + 1] === "/") {
          out += inBracket ? "\\/" : "/";
          j += 2;
          continue;
        }
        out += c + (s[j + 1] ?? "");
        j += 2;
        continue;
      }
      if (inBracket) {
        if (c === "]") inBracket = false;
        else if (c === "[" && s[j + 1] === ":") {
          const close = s.indexOf(":]", j + 2);
          if (close > 0) {
            out += s.slice(j, close + 2);
            j = close + 2;
            continue;
          }
        }
        out += c;
        j++;
        continue;
      }
      if (c === "/") break;
      if (c === "[") {
        inBracket = true;
        out += c;
        j++;
        if (s[j] === "^") out += s[j++];
        if (s[j] === "]") out += s[j++];
        continue;
      }
      out += c;
      j++;
    }
    this.i = j + 1;
    return this.make("ere", out, start + 1);
  }
}

/**
 * Escape sequences in a -v or command-line assignment value, as in a string
 * literal. Unknown escapes keep the character and warn (the caller prints).
 */
export function unescape(s: string, warn: (message: string) => void): string {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const d = s[++i];
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "/": "/" };
    if (d in simple) {
      out += simple[d];
    } else if (d >= "0" && d <= "7") {
      let n = 0;
      let k = 0;
      while (k < 3 && s[i + k] >= "0" && s[i + k] <= "7") n = n * 8 + (s.charCodeAt(i + k++) - 48);
      out += String.fromCharCode(n & 0xff);
      i += k - 1;
    } else if (d === "x" && /[0-9a-fA-F]/.test(s[i + 1] ?? "")) {
      let k = 1;
      while (k < 3 && /[0-9a-fA-F]/.test(s[i + k] ?? "")) k++;
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + k), 16));
      i += k - 1;
    } else {
      warn(`warning: escape sequence \`\\${d}' treated as plain \`${d}'`);
      out += d;
    }
  }
  return out;
}
