/**
 * How GNU tools quote names and values in their messages (gnulib quotearg), as
 * they print them under LC_ALL=C.UTF-8:
 * - quoteFile (quotef): shell-escape quoting only where needed, colons included:
 *   `cat: 'a b': No such file or directory`, `cat: x: ...`.
 * - quoteAlways (quoteaf): shell-escape quoting always:
 *   `head: cannot open 'x' for reading`.
 * - quoteValue (quote): locale quotes with C escapes:
 *   `head: invalid number of lines: ‘x’`.
 */

/** Letters of the C escapes gnulib uses instead of octal. */
const C_ESCAPES: Record<string, string> = {
  "\x07": "a",
  "\b": "b",
  "\f": "f",
  "\n": "n",
  "\r": "r",
  "\t": "t",
  "\v": "v",
};

/** Shell-special characters that force quoting anywhere in the word. */
const SHELL_SPECIAL = new Set([..." !\"$&'()*;<=>?[\\^`|"]);
/** Characters that rule out the double-quoted form "it's". */
const NOT_DQ_COMPAT = new Set([..."!\"#$&()*;<=>?[\\^`{}|~"]);

/**
 * Splits s into units: one printable character, or one byte to escape (a control
 * character, an escaped invalid byte U+DC80..U+DCFF, or each byte of a
 * non-printable character).
 */
function units(s: string): Array<{ text: string; escape?: string }> {
  const out: Array<{ text: string; escape?: string }> = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) {
      out.push({ text: ch, escape: C_ESCAPES[ch] ?? octal(cp) });
    } else if (cp >= 0xdc80 && cp <= 0xdcff) {
      out.push({ text: ch, escape: octal(cp & 0xff) });
    } else if ((cp >= 0x80 && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029) {
      for (const b of new TextEncoder().encode(ch)) out.push({ text: ch, escape: octal(b) });
    } else {
      out.push({ text: ch });
    }
  }
  return out;
}

function octal(b: number): string {
  return b.toString(8).padStart(3, "0");
}

function shellQuote(s: string, always: boolean, colon: boolean): string {
  if (s === "") return "''";
  const us = units(s);
  let needs = always;
  let dqCompat = true;
  us.forEach((u, i) => {
    const c = u.text;
    if (u.escape !== undefined) needs = true;
    else if (SHELL_SPECIAL.has(c) || (colon && c === ":")) needs = true;
    else if ((c === "#" || c === "~") && i === 0) needs = true;
    // gnulib: `{` and `}` are special only as a whole word.
    else if ((c === "{" || c === "}") && us.length === 1) needs = true;
    if (u.escape !== undefined || NOT_DQ_COMPAT.has(c)) dqCompat = false;
  });
  if (!needs) return s;
  if (s.includes("'") && dqCompat) return `"${s}"`;
  // Single quotes; a quote becomes '\'' and control bytes become '$'\ooo'' runs.
  let out = "'";
  let inside = true;
  for (let i = 0; i < us.length; i++) {
    const u = us[i];
    if (u.escape !== undefined) {
      out += inside ? "'$'" : "$'";
      for (; i < us.length && us[i].escape !== undefined; i++) out += "\\" + us[i].escape;
      i--;
      out += "'";
      inside = false;
    } else if (u.text === "'") {
      out += inside ? "'\\''" : "\\''";
      inside = true;
    } else {
      if (!inside) out += "'";
      inside = true;
      out += u.text;
    }
  }
  return inside ? out + "'" : out;
}

/** gnulib quotef: a file name quoted only if the shell (or a colon) needs it. */
export function quoteFile(name: string): string {
  return shellQuote(name, false, true);
}

/** gnulib shell_escape_quoting_style: shell-quoted only where needed, colons plain (xargs -t). */
export function quoteShell(word: string): string {
  return shellQuote(word, false, false);
}

/** gnulib quoteaf: a file name always shell-quoted. */
export function quoteAlways(name: string): string {
  return shellQuote(name, true, false);
}

/** gnulib quote: a value in locale quotes ‘…’ with C escapes (C.UTF-8 style). */
export function quoteValue(value: string): string {
  let out = "\u2018";
  for (const u of units(value)) {
    if (u.escape !== undefined) out += "\\" + u.escape;
    else if (u.text === "\\") out += "\\\\";
    else if (u.text === "\u2019") out += "\\\u2019";
    else out += u.text;
  }
  return out + "\u2019";
}
