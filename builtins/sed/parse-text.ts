import type { ReplPart } from "./types.js";

/**
 * The text-level pieces of sed's parser: `s` replacements (& \\1-\\9 \\L \\U \\l
 * \\u \\E and character escapes), `y` operands, a/i/c text escapes, and finding
 * the end of a bracket expression inside a delimited regex.
 */

/** Parses an `s` replacement into parts; `fail` reports GNU's error for a bad \N. */
export function parseReplacement(text: string, groups: number, fail: (msg: string) => never): ReplPart[] {
  const parts: ReplPart[] = [];
  let lit = "";
  const flush = () => {
    if (lit) parts.push({ t: "text", s: lit });
    lit = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "&") {
      flush();
      parts.push({ t: "group", n: 0 });
      continue;
    }
    if (c !== "\\" || i + 1 >= text.length) {
      lit += c;
      continue;
    }
    const d = text[++i];
    if (d >= "0" && d <= "9") {
      const n = d.charCodeAt(0) - 48;
      if (n > groups) fail(`invalid reference \\${n} on \`s' command's RHS`);
      flush();
      parts.push({ t: "group", n });
    } else if ("LUluE".includes(d)) {
      flush();
      parts.push({ t: "case", op: d as "L" });
    } else if (d === "\n") lit += "\n";
    else if (d === "&") lit += "&";
    else {
      const [s, used] = charEscape(text, i);
      lit += s;
      i += used - 1;
    }
  }
  flush();
  return parts;
}

/** Characters of a y operand, with \\ \n \t ... escapes resolved. */
export function unescapeY(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length) {
      const [ch, used] = charEscape(s, i + 1);
      out.push(...ch);
      i += used;
      continue;
    }
    const cp = s.codePointAt(i)!;
    out.push(String.fromCodePoint(cp));
    if (cp > 0xffff) i++;
  }
  return out;
}

/** The escape at s[i] (after a backslash): [text, characters used]. */
export function charEscape(s: string, i: number): [string, number] {
  const d = s[i];
  const simple: Record<string, string> = { n: "\n", t: "\t", a: "\x07", f: "\f", v: "\v", r: "\r" };
  if (d in simple) return [simple[d], 1];
  const radix = (re: RegExp, base: number): [string, number] | null => {
    const m = re.exec(s.slice(i + 1, i + 4));
    return m ? [String.fromCharCode(parseInt(m[0], base) & 0xff), 1 + m[0].length] : null;
  };
  if (d === "d") return radix(/^[0-9]{1,3}/, 10) ?? ["d", 1];
  if (d === "o") return radix(/^[0-7]{1,3}/, 8) ?? ["o", 1];
  if (d === "x") return radix(/^[0-9a-fA-F]{1,2}/, 16) ?? ["x", 1];
  if (d === "c" && i + 1 < s.length) return [String.fromCharCode(s[i + 1].toUpperCase().charCodeAt(0) ^ 0x40), 2];
  return [d, 1];
}

/** a/i/c text: a backslash keeps the next character, except GNU's character escapes. */
export function textEscape(d: string): string {
  const simple: Record<string, string> = { t: "\t", a: "\x07", f: "\f", v: "\v", r: "\r", n: "\n" };
  return simple[d] ?? d;
}

/** Index just past the "]" closing a bracket whose "[" is at start-1, or -1. */
export function bracketEnd(src: string, start: number): number {
  let i = start;
  if (src[i] === "^") i++;
  if (src[i] === "]") i++;
  while (i < src.length) {
    const c = src[i];
    if (c === "\n") return -1;
    if (c === "[" && (src[i + 1] === ":" || src[i + 1] === "." || src[i + 1] === "=")) {
      const close = src.indexOf(src[i + 1] + "]", i + 2);
      if (close < 0) return -1;
      i = close + 2;
      continue;
    }
    if (c === "]") return i + 1;
    i++;
  }
  return -1;
}
