import { encodeUtf8 } from "../../src/io/utf8.js";
import { charEscape } from "./parse-text.js";
import type { Address, Address2, Command, SedRegex, Subst } from "./types.js";

/**
 * sed --debug (GNU sed 4.9): the program printed back in canonical form
 * ("SED PROGRAM:"), and per cycle the input position, the pattern/hold space
 * after the commands that change them, each command as it is reached, the
 * registers of an `s` match and the end of the cycle. Everything goes to
 * standard output between sed's own output, as GNU's putchar/fputs do.
 */

const CONTROL: Record<number, string> = { 7: "a", 12: "f", 13: "r", 9: "t", 11: "v", 10: "n", 92: "\\" };

/**
 * GNU's debug_print_char over the UTF-8 bytes: printable ASCII as is, a
 * backslash and C escapes backslashed, other bytes as \oNNN of the (signed)
 * char converted to unsigned int, so a byte >= 0x80 reads \o37777777NNN.
 */
export function debugBytes(s: string, slash = false): string {
  let out = "";
  for (const b of encodeUtf8(s)) {
    if (slash && b === 47) out += "\\/";
    else if (b >= 32 && b < 127 && b !== 92) out += String.fromCharCode(b);
    else if (CONTROL[b]) out += "\\" + CONTROL[b];
    else out += "\\o" + (b >= 128 ? (0xffffff00 + b).toString(8) : b.toString(8).padStart(3, "0"));
  }
  return out;
}

/** A regex as GNU stored it: its \n, \t... escapes are characters there, so they print as such. */
function regexText(r: SedRegex): string {
  if (r.src === undefined) return "//";
  const src = r.src;
  let out = "";
  for (let i = 0; i < src.length; i++) {
    if (src[i] === "\\" && i + 1 < src.length) {
      const d = src[++i];
      if ("afnrtv".includes(d)) {
        out += "\\" + d;
        continue;
      }
      if ("doxc".includes(d)) {
        // \dNNN \oNNN \xHH \cX were turned into the byte they name.
        const [s, used] = charEscape(src, i);
        if (s !== d) {
          const b = s.charCodeAt(0);
          out += b >= 128 ? "\\o" + (0xffffff00 + b).toString(8) : debugBytes(s, true);
          i += used - 1;
          continue;
        }
      }
      out += "\\\\" + debugBytes(d, true);
      continue;
    }
    out += debugBytes(src[i], true);
  }
  return `/${out}/`;
}

function regexFlags(r: SedRegex, addr: boolean): string {
  if (r.src === undefined) return "";
  return (r.ignoreCase ? (addr ? "I" : "i") : "") + (r.multiline ? (addr ? "M" : "m") : "");
}

function addressText(a: Address | Address2): string {
  switch (a.t) {
    case "line": return String(a.n);
    case "zero": return "0";
    case "last": return "$";
    case "step": return `${a.first}~${a.step}`;
    case "plus": return `+${a.n}`;
    case "mult": return `~${a.n}`;
    case "re": return regexText(a.re) + regexFlags(a.re, true);
  }
}

// GNU's replacement types: case conversion of a piece, and a one-character modifier.
const UPPER = 1, LOWER = 2, UPPER_FIRST = 4, LOWER_FIRST = 8, MODIFIERS = 12;

/**
 * The replacement printed back as GNU keeps it: pieces cut at every backslash and
 * `&`, each with its literal prefix, its group and its case type; a case marker
 * is printed where the type changes from one piece to the next.
 */
function replacementText(src: string): string {
  const pieces: { prefix: string; group: number; type: number }[] = [];
  let type = 0;
  let text = "";
  const cut = () => {
    const p = { prefix: text, group: -1, type };
    pieces.push(p);
    text = "";
    type &= ~MODIFIERS;
    return p;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "&") {
      cut().group = 0;
      continue;
    }
    if (c !== "\\") {
      text += c;
      continue;
    }
    if (i + 1 >= src.length) {
      cut().prefix += "\\";
      continue;
    }
    const d = src[++i];
    if (d === "\n") {
      text += "\n";
      continue;
    }
    if ("afnrtvdoxc".includes(d)) {
      // Character escapes were turned into characters before the pieces were cut.
      const [s, used] = charEscape(src, i);
      if (s !== d) {
        text += s;
        i += used - 1;
        continue;
      }
    }
    const piece = cut();
    if (d >= "0" && d <= "9") piece.group = d.charCodeAt(0) - 48;
    else if (d === "U") type = UPPER;
    else if (d === "L") type = LOWER;
    else if (d === "E") type = 0;
    else if (d === "u") type |= UPPER_FIRST;
    else if (d === "l") type |= LOWER_FIRST;
    else piece.prefix += d;
  }
  if (text !== "") pieces.push({ prefix: text, group: -1, type });
  let out = "";
  let last = 0;
  for (const p of pieces) {
    if (p.type !== last) {
      const m = p.type & MODIFIERS;
      out += "\\" + (p.type === 0 ? "E" : p.type === UPPER ? "U" : p.type === LOWER ? "L" : m === UPPER_FIRST ? "u" : m === LOWER_FIRST ? "l" : "");
      last = p.type;
    }
    out += p.prefix;
    if (p.group === 0) out += "&";
    else if (p.group > 0) out += "\\" + p.group;
  }
  return out;
}

function substText(s: Subst): string {
  let out = regexText(s.re) + replacementText(s.replSrc ?? "") + "/" + regexFlags(s.re, false);
  if (s.global) out += "g";
  if (s.evaluate) out += "e";
  if (s.print) out += "p";
  if (s.nthGiven) out += String(s.nth);
  if (s.wfile !== undefined) out += "w" + s.wfile;
  return out;
}

function functionText(c: Command): string {
  const name = c.name;
  switch (name) {
    case ":": return ":" + c.text;
    case "a": case "i": case "c": return `${name}\\${c.text ? c.text + "\n" : ""}`;
    case "b": case "t": case "T": return c.text ? `${name} ${c.text}` : name;
    case "e": return c.text ? `e ${c.text}\n` : "e ";
    case "l": case "L": case "q": case "Q": return c.int === undefined ? name : `${name} ${c.int}`;
    case "r": case "R": return `${name} ${c.text}`;
    case "w": case "W": return name + c.text;
    case "s": return "s" + substText(c.subst!);
    case "y": return `y/${c.ytext![0]}/${c.ytext![1]}/`;
    default: return name;
  }
}

/**
 * Prints commands with GNU's indentation, which follows the `{` and `}` printed so
 * far (so a branch out of a block leaves the next lines indented, as in GNU).
 */
export class DebugPrinter {
  level = 0;

  command(c: Command): string {
    if (c.name === "}") this.level--;
    let out = "  ".repeat(Math.max(0, this.level));
    if (c.a1) out += addressText(c.a1);
    if (c.a2) out += "," + addressText(c.a2);
    if (c.negate) out += "!";
    if (c.a1 || c.a2) out += " ";
    out += functionText(c) + "\n";
    if (c.name === "{") this.level++;
    return out;
  }

  program(commands: Command[]): string {
    this.level = 1;
    let out = "SED PROGRAM:\n";
    for (const c of commands) if (c.name !== "v") out += this.command(c);
    this.level = 0;
    return out;
  }
}

/** PATTERN: / HOLD: lines. */
export function spaceLine(label: "PATTERN: " | "HOLD:    ", s: string): string {
  return label + debugBytes(s) + "\n";
}

/** The registers of the first match of an `s` command, up to the first group that did not take part. */
export function registersText(text: string, spans: ArrayLike<number>): string {
  const byteAt = (i: number) => encodeUtf8(text.slice(0, i)).length;
  let out = "MATCHED REGEX REGISTERS\n";
  for (let g = 0; 2 * g < spans.length && spans[2 * g] >= 0; g++) {
    const s = spans[2 * g], e = spans[2 * g + 1];
    out += `  regex[${g}] = ${byteAt(s)}-${byteAt(e)} '${text.slice(s, e)}'\n`;
  }
  return out;
}
