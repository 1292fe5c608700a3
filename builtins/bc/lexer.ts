import { BcSyntaxError } from "./parse.js";

/** bc's tokens: numbers (digits 0-9 A-Z), names, keywords, strings, operators, newlines. */

export interface Token {
  t: string;
  v: string;
  line: number;
}

const KEYWORDS = new Set([
  "auto", "break", "continue", "define", "else", "for", "halt", "if", "ibase", "last", "length", "limits",
  "obase", "print", "quit", "read", "return", "scale", "sqrt", "warranty", "while",
]);

/** Splits bc source into tokens; "nl" for newlines, comments and line continuations dropped. */
export function tokenize(src: string, startLine = 1): Token[] {
  const out: Token[] = [];
  let line = startLine;
  let i = 0;
  const ops = ["++", "--", "+=", "-=", "*=", "/=", "%=", "^=", "==", "!=", "<=", ">=", "&&", "||"];
  while (i < src.length) {
    const c = src[i];
    if (c === "\n") {
      out.push({ t: "nl", v: "\n", line });
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") i++;
    else if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      line++;
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === "\n") line++;
      i = stop;
    } else if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new BcSyntaxError(line, "illegal character: \"");
      const text = src.slice(i + 1, end);
      out.push({ t: "str", v: text, line });
      for (const ch of text) if (ch === "\n") line++;
      i = end + 1;
    } else if (/[0-9A-Z]/.test(c) || (c === "." && /[0-9A-Z]/.test(src[i + 1] ?? ""))) {
      const m = /^[0-9A-Z]*(\.[0-9A-Z]*)?/.exec(src.slice(i))!;
      out.push({ t: "num", v: m[0], line });
      i += m[0].length;
    } else if (/[a-z]/.test(c)) {
      const m = /^[a-z][a-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: KEYWORDS.has(m[0]) ? m[0] : "name", v: m[0], line });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (ops.includes(two)) {
        out.push({ t: two, v: two, line });
        i += 2;
      } else if ("+-*/%^=<>!(){}[],;.".includes(c)) {
        out.push({ t: c, v: c, line });
        i++;
      } else throw new BcSyntaxError(line, `illegal character: ${c}`);
    }
  }
  out.push({ t: "eof", v: "", line });
  return out;
}

