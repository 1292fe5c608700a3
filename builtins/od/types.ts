import { formatFloat } from "./float.js";
import { quoteValue } from "../_lib/quote.js";

/**
 * od's output types (-t TYPE and the traditional letters): how many bytes one
 * field takes, its minimum width (GNU's tables), and how a value is rendered.
 * Fields are laid out as in GNU od: each type's line is as wide as the widest
 * type's, the surplus spread over the fields from the right.
 */

export type TypeLetter = "a" | "c" | "d" | "o" | "u" | "x" | "f";

export interface OutputType {
  letter: TypeLetter;
  size: number;
  /** Minimum width of one field, without its separating space. */
  fieldWidth: number;
  /** The `z` suffix: printable characters after the line. */
  trailer: boolean;
  /** Total padding spread over a line's fields (set once the line width is known). */
  padWidth: number;
}

const OCT_DIGITS = [0, 3, 6, 8, 11, 14, 16, 19, 22];
const SIGNED_DEC_DIGITS = [1, 4, 6, 8, 11, 13, 16, 18, 20];
const UNSIGNED_DEC_DIGITS = [0, 3, 5, 8, 10, 13, 15, 17, 20];
const FLOAT_WIDTHS: Record<number, number> = { 4: 15, 8: 24, 16: 29 };
const INT_SIZES: Record<string, number> = { C: 1, S: 2, I: 4, L: 8 };
const FLOAT_SIZES: Record<string, number> = { F: 4, D: 8, L: 16 };

/** Parses one -t argument into types, or returns GNU's error message. */
export function parseTypeString(text: string): OutputType[] | string {
  const out: OutputType[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i++];
    let size: number;
    if ("doux".includes(c) || c === "f") {
      const named = c === "f" ? FLOAT_SIZES[text[i]] : INT_SIZES[text[i]];
      if (named !== undefined) {
        size = named;
        i++;
      } else {
        const m = /^\d+/.exec(text.slice(i));
        if (!m) size = c === "f" ? 8 : 4;
        else {
          size = Number(m[0]);
          i += m[0].length;
          if (BigInt(m[0]) > 0xffffffffffffffffn) return `invalid type string ${quoteValue(text)}`;
          const ok = c === "f" ? size === 4 || size === 8 || size === 16 : size === 1 || size === 2 || size === 4 || size === 8;
          if (!ok) {
            const kind = c === "f" ? "floating point" : "integral";
            return `invalid type string ${quoteValue(text)};\nthis system doesn't provide a ${BigInt(m[0])}-byte ${kind} type`;
          }
        }
      }
    } else if (c === "a" || c === "c") {
      size = 1;
    } else {
      return `invalid character '${c}' in type string ${quoteValue(text)}`;
    }
    const letter = c as TypeLetter;
    const trailer = text[i] === "z";
    if (trailer) i++;
    out.push({ letter, size, fieldWidth: fieldWidth(letter, size), trailer, padWidth: 0 });
  }
  return out;
}

function fieldWidth(letter: TypeLetter, size: number): number {
  switch (letter) {
    case "a":
    case "c":
      return 3;
    case "d":
      return SIGNED_DEC_DIGITS[size];
    case "u":
      return UNSIGNED_DEC_DIGITS[size];
    case "o":
      return OCT_DIGITS[size];
    case "x":
      return size * 2;
    case "f":
      return FLOAT_WIDTHS[size];
  }
}

/** The traditional short options and the type each stands for. */
export const TRADITIONAL: Record<string, string> = {
  a: "a", b: "o1", c: "c", d: "u2", f: "fF", i: "dI", l: "dL", o: "o2", s: "d2", x: "x2",
  B: "o2", D: "u4", e: "fD", F: "fD", h: "x2", H: "x4", I: "dL", L: "dL", O: "o4", X: "x4",
};

const CHAR_NAMES = [
  "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt", "ff", "cr", "so", "si",
  "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc", "fs", "gs", "rs", "us", "sp",
];

const C_ESCAPES: Record<number, string> = { 0: "\\0", 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };

/** The text of one field (before padding). */
function fieldText(t: OutputType, view: DataView, offset: number, bigEndian: boolean): string {
  const little = !bigEndian;
  switch (t.letter) {
    case "a": {
      const c = view.getUint8(offset) & 0x7f;
      return c === 127 ? "del" : c <= 32 ? CHAR_NAMES[c] : String.fromCharCode(c);
    }
    case "c": {
      const c = view.getUint8(offset);
      const esc = C_ESCAPES[c];
      if (esc !== undefined) return esc;
      return c >= 32 && c < 127 ? String.fromCharCode(c) : c.toString(8).padStart(3, "0");
    }
    case "f":
      return formatFloat(view, offset, t.size, bigEndian);
  }
  const signed = t.letter === "d";
  let v: number | bigint;
  switch (t.size) {
    case 1:
      v = signed ? view.getInt8(offset) : view.getUint8(offset);
      break;
    case 2:
      v = signed ? view.getInt16(offset, little) : view.getUint16(offset, little);
      break;
    case 4:
      v = signed ? view.getInt32(offset, little) : view.getUint32(offset, little);
      break;
    default:
      v = signed ? view.getBigInt64(offset, little) : view.getBigUint64(offset, little);
  }
  if (t.letter === "o") return v.toString(8).padStart(t.fieldWidth, "0");
  if (t.letter === "x") return v.toString(16).padStart(t.fieldWidth, "0");
  return v.toString();
}

/**
 * One line of type t for a block: `fields` fields of which the last `blank` are
 * left out (a short final block), each right-aligned in its share of the padding.
 */
export function formatLine(t: OutputType, view: DataView, fields: number, blank: number, bigEndian: boolean): string {
  let out = "";
  let padRemaining = t.padWidth;
  let offset = 0;
  for (let i = fields; i > blank; i--) {
    const nextPad = Math.floor((t.padWidth * (i - 1)) / fields);
    const width = padRemaining - nextPad + t.fieldWidth;
    const text = fieldText(t, view, offset, bigEndian);
    out += text.length < width ? " ".repeat(width - text.length) + text : text;
    offset += t.size;
    padRemaining = nextPad;
  }
  return out;
}

/** The `z` trailer: spaces for the missing fields, then "  >text<" with dots for unprintable bytes. */
export function formatTrailer(t: OutputType, bytes: Uint8Array, fields: number, blank: number): string {
  const pad = Math.floor((t.padWidth * blank) / fields);
  let text = "";
  for (const b of bytes) text += b >= 32 && b < 127 ? String.fromCharCode(b) : ".";
  return " ".repeat(blank * t.fieldWidth + pad) + "  >" + text + "<";
}
