/**
 * tr's SET operands (coreutils 9.1 tr.c): backslash escapes, ranges,
 * [:class:], [=c=], [c*n] / [c*], parsed into elements and expanded to byte
 * sequences. tr works on bytes, so a multibyte character is several bytes
 * and the classes are the C.UTF-8 ones of single bytes (ASCII only).
 */
import { encodeUtf8 } from "../../src/io/utf8.js";

export type ClassName =
  | "alnum" | "alpha" | "blank" | "cntrl" | "digit" | "graph"
  | "lower" | "print" | "punct" | "space" | "upper" | "xdigit";

export type Element =
  | { type: "char"; c: number }
  | { type: "range"; first: number; last: number }
  | { type: "class"; name: ClassName }
  | { type: "equiv"; c: number }
  /** count 0 is [c*]: as many as needed (string2 only). */
  | { type: "repeat"; c: number; count: number };

/** A parsed set operand. */
export interface SetSpec {
  elements: Element[];
}

/** An invalid operand: tr prints `tr: <message>` and exits 1. */
export class SetError extends Error {}

const CLASS_NAMES = new Set<string>([
  "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit",
]);

/** is_char_class_member for one byte in C.UTF-8 (bytes 128..255 belong to no class). */
function inClass(name: ClassName, c: number): boolean {
  if (c > 0x7f) return false;
  const upper = c >= 0x41 && c <= 0x5a;
  const lower = c >= 0x61 && c <= 0x7a;
  const digit = c >= 0x30 && c <= 0x39;
  switch (name) {
    case "alnum": return upper || lower || digit;
    case "alpha": return upper || lower;
    case "blank": return c === 0x20 || c === 0x09;
    case "cntrl": return c < 0x20 || c === 0x7f;
    case "digit": return digit;
    case "graph": return c > 0x20 && c < 0x7f;
    case "lower": return lower;
    case "print": return c >= 0x20 && c < 0x7f;
    case "punct": return c > 0x20 && c < 0x7f && !upper && !lower && !digit;
    case "space": return c === 0x20 || (c >= 0x09 && c <= 0x0d);
    case "upper": return upper;
    case "xdigit": return digit || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
  }
}

/** The members of a class in byte order. */
export function classMembers(name: ClassName): number[] {
  const out: number[] = [];
  for (let c = 0; c < 256; c++) if (inClass(name, c)) out.push(c);
  return out;
}

/** The operand after unquote(): bytes, and which of them came from a backslash escape. */
interface Unquoted {
  s: number[];
  escaped: boolean[];
}

const ESCAPES: Record<string, number> = { "\\": 0x5c, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** unquote: resolves backslash escapes; `warn` receives tr's warnings. */
function unquote(operand: string, warn: (msg: string) => void): Unquoted {
  const b = encodeUtf8(operand);
  const s: number[] = [];
  const escaped: boolean[] = [];
  for (let i = 0; i < b.length; i++) {
    if (b[i] !== 0x5c) {
      s.push(b[i]);
      escaped.push(false);
      continue;
    }
    const next = b[i + 1];
    if (next === undefined) {
      warn("warning: an unescaped backslash at end of string is not portable");
      s.push(0x5c);
      escaped.push(true);
      continue;
    }
    i++;
    let c: number;
    if (next >= 0x30 && next <= 0x37) {
      c = next - 0x30;
      // Up to two more octal digits, but never past 255.
      for (let k = 0; k < 2 && b[i + 1] >= 0x30 && b[i + 1] <= 0x37; k++) {
        const v = c * 8 + (b[i + 1] - 0x30);
        if (v > 255) {
          const oct = (n: number) => n.toString(8);
          warn(
            `warning: the ambiguous octal escape \\${oct(c)}${String.fromCharCode(b[i + 1])} is being\n` +
              `\tinterpreted as the 2-byte sequence \\0${oct(c).padStart(2, "0")}, ${String.fromCharCode(b[i + 1])}`,
          );
          break;
        }
        c = v;
        i++;
      }
    } else {
      c = ESCAPES[String.fromCharCode(next)] ?? next;
    }
    s.push(c);
    escaped.push(true);
  }
  return { s, escaped };
}

/** make_printable_char: how tr shows a byte in a message. */
function printable(c: number): string {
  if (c >= 0x20 && c < 0x7f && c !== 0x5c) return String.fromCharCode(c);
  const named: Record<number, string> = { 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v", 0x5c: "\\\\" };
  return named[c] ?? "\\" + c.toString(8).padStart(3, "0");
}

/** make_printable_str for a byte run. */
function printableStr(bytes: number[]): string {
  return bytes.map(printable).join("");
}

/** parse_str + build_spec_list: the elements of one operand. */
export function parseSet(operand: string, warn: (msg: string) => void): SetSpec {
  const { s, escaped } = unquote(operand, warn);
  const len = s.length;
  const match = (i: number, c: number) => i < len && s[i] === c && !escaped[i];
  const elements: Element[] = [];
  let i = 0;
  while (i + 2 < len) {
    if (match(i, 0x5b)) {
      const kind = s[i + 1];
      if (match(i + 1, 0x3a) || match(i + 1, 0x3d)) {
        let close = -1;
        for (let k = i + 2; k + 1 < len; k++) {
          if (match(k, kind) && match(k + 1, 0x5d)) {
            close = k;
            break;
          }
        }
        if (close >= 0) {
          const opnd = s.slice(i + 2, close);
          if (opnd.length === 0) {
            throw new SetError(kind === 0x3a ? "missing character class name '[::]'" : "missing equivalence class character '[==]'");
          }
          const name = String.fromCharCode(...opnd);
          if (kind === 0x3a && CLASS_NAMES.has(name)) {
            elements.push({ type: "class", name: name as ClassName });
            i = close + 2;
            continue;
          }
          if (kind === 0x3d && opnd.length === 1) {
            elements.push({ type: "equiv", c: opnd[0] });
            i = close + 2;
            continue;
          }
          // Not a class: it may still be [:*n] or [=*n]; else it is an error.
          if (!starDigitsBracket(s, escaped, i + 2)) {
            throw new SetError(kind === 0x3a
              ? `invalid character class \u2018${printableStr(opnd)}\u2019`
              : `${printableStr(opnd)}: equivalence class operand must be a single character`);
          }
        }
      }
      const r = bracketedRepeat(s, escaped, i + 1);
      if (r !== null) {
        elements.push(r.element);
        i = r.close + 1;
        continue;
      }
    }
    if (match(i + 1, 0x2d)) {
      const first = s[i];
      const last = s[i + 2];
      if (last < first) {
        throw new SetError(`range-endpoints of '${printable(first)}-${printable(last)}' are in reverse collating sequence order`);
      }
      elements.push({ type: "range", first, last });
      i += 3;
    } else {
      elements.push({ type: "char", c: s[i++] });
    }
  }
  for (; i < len; i++) elements.push({ type: "char", c: s[i] });
  return { elements };
}

/** star_digits_closebracket: s[idx..] matches \*[0-9]*] with nothing escaped. */
function starDigitsBracket(s: number[], escaped: boolean[], idx: number): boolean {
  if (!(s[idx] === 0x2a && !escaped[idx])) return false;
  for (let i = idx + 1; i < s.length; i++) {
    if (!(s[i] >= 0x30 && s[i] <= 0x39) || escaped[i]) return s[i] === 0x5d && !escaped[i];
  }
  return false;
}

/**
 * find_bracketed_repeat at start (the byte after '['): [c*] or [c*n] (n octal
 * when it starts with 0). null when it is not one; throws on a bad count.
 */
function bracketedRepeat(s: number[], escaped: boolean[], start: number): { element: Element; close: number } | null {
  if (!(s[start + 1] === 0x2a && !escaped[start + 1])) return null;
  for (let i = start + 2; i < s.length && !escaped[i]; i++) {
    if (s[i] !== 0x5d) continue;
    const digits = s.slice(start + 2, i);
    let count = 0;
    if (digits.length) {
      const text = String.fromCharCode(...digits);
      const octal = text[0] === "0";
      const ok = octal ? /^[0-7]+$/.test(text) : /^\d+$/.test(text);
      const value = ok ? parseInt(text, octal ? 8 : 10) : NaN;
      if (!ok || !(value <= Number.MAX_SAFE_INTEGER)) {
        throw new SetError(`invalid repeat count \u2018${printableStr(digits)}\u2019 in [c*n] construct`);
      }
      count = value;
    }
    return { element: { type: "repeat", c: s[start], count }, close: i };
  }
  return null;
}

/**
 * A set in order, as segments: the bytes of one char/range/class element, or
 * one byte repeated (kept as a count, since [c*n] may be huge).
 */
export type Segment =
  | { bytes: number[]; caseClass: "upper" | "lower" | null }
  | { rep: number; count: number };

/** Expands elements to segments. */
export function segments(elements: Element[]): Segment[] {
  const out: Segment[] = [];
  for (const e of elements) {
    if (e.type === "char" || e.type === "equiv") out.push({ bytes: [e.c], caseClass: null });
    else if (e.type === "range") {
      const bytes: number[] = [];
      for (let c = e.first; c <= e.last; c++) bytes.push(c);
      out.push({ bytes, caseClass: null });
    } else if (e.type === "repeat") {
      if (e.count > 0) out.push({ rep: e.c, count: e.count });
    } else {
      out.push({ bytes: classMembers(e.name), caseClass: e.name === "upper" || e.name === "lower" ? e.name : null });
    }
  }
  return out;
}

export const segmentLength = (g: Segment) => ("rep" in g ? g.count : g.bytes.length);
