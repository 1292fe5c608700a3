/**
 * printf(1) formatting shared by bash's printf builtin and the printf utility:
 * escapes in the format, every conversion with flags/width/precision, format
 * reuse while arguments remain, and bash's messages for bad numbers.
 */

import { parseLongDouble, type Binary } from "./longdouble.js";
import { formatFloat } from "./printf-float.js";

export { formatFloat };
import { quoteShell, quoteValue } from "./quote.js";

export interface PrintfResult {
  output: string;
  /** Messages such as `abc: invalid number` (the caller adds its prefix). */
  errors: string[];
  /** \c seen: stop all output. */
  stopped: boolean;
  /** Messages that do not fail the command: `warning: N: Numerical result out of range` (bash clamps). */
  warnings: string[];
}

export interface PrintfEnv {
  /** For %(fmt)T: formats epoch seconds (-1 = now, -2 = shell start). */
  strftime?: (fmt: string, epochSeconds: number) => string;
  now?: () => number;
  /** Floats are long doubles (bash's printf reads them with strtold). */
  longDouble?: boolean;
  /** %q quoting (bash's printf %q). */
  shellQuote?: (s: string) => string;
  /**
   * coreutils' printf(1) instead of bash's builtin: its messages for bad numbers
   * (‘x’: expected a numeric value / value not completely converted), range
   * errors that fail, "invalid conversion specification", \c in the format, %q
   * only bare, no %(fmt)T, and a warning for arguments a format never uses.
   */
  coreutils?: boolean;
}

/** Decodes one backslash escape at s[i] === "\\"; returns text and the next index. */
function escapeAt(s: string, i: number, inB: boolean): { text: string; next: number; stop?: boolean; warn?: string } {
  const c = s[i + 1];
  switch (c) {
    case undefined: return { text: "\\", next: i + 1 };
    case "a": return { text: "\x07", next: i + 2 };
    case "b": return { text: "\b", next: i + 2 };
    case "c": return inB ? { text: "", next: s.length, stop: true } : { text: "\\c", next: i + 2 };
    case "e": case "E": return { text: "\x1b", next: i + 2 };
    case "f": return { text: "\f", next: i + 2 };
    case "n": return { text: "\n", next: i + 2 };
    case "r": return { text: "\r", next: i + 2 };
    case "t": return { text: "\t", next: i + 2 };
    case "v": return { text: "\v", next: i + 2 };
    case "\\": return { text: "\\", next: i + 2 };
    case '"': return { text: '"', next: i + 2 };
    case "'": return { text: "'", next: i + 2 };
    case "?": return { text: "?", next: i + 2 };
    case "x": {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2));
      if (!m) return { text: "\\x", next: i + 2, warn: "missing hex digit for \\x" };
      return { text: byteChar(parseInt(m[0], 16)), next: i + 2 + m[0].length };
    }
    case "u":
    case "U": {
      const m = (c === "u" ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(s.slice(i + 2));
      if (!m) return { text: "\\" + c, next: i + 2, warn: `missing unicode digit for \\${c}` };
      return { text: String.fromCodePoint(Math.min(parseInt(m[0], 16), 0x10ffff)), next: i + 2 + m[0].length };
    }
    default:
      if (c >= "0" && c <= "7") {
        // %b: \0nnn (up to 3 digits after 0); format: \nnn
        const re = inB && c === "0" ? /^0[0-7]{0,3}/ : /^[0-7]{1,3}/;
        const m = re.exec(s.slice(i + 1))!;
        const digits = inB && c === "0" ? m[0].slice(1) || "0" : m[0];
        return { text: byteChar(parseInt(digits, 8) & 0xff), next: i + 1 + m[0].length };
      }
      return { text: "\\" + c, next: i + 2 };
  }
}

function byteChar(b: number): string {
  return b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(0xdc00 | b);
}

/** Expands backslash escapes as %b does. */
export function expandBackslashes(s: string, warnings?: string[]): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < s.length; ) {
    if (s[i] !== "\\") {
      out += s[i++];
      continue;
    }
    const r = escapeAt(s, i, true);
    if (r.warn) warnings?.push(r.warn);
    out += r.text;
    if (r.stop) return { text: out, stop: true };
    i = r.next;
  }
  return { text: out, stop: false };
}

/** Parses a numeric argument like printf: 'c gives the code, 0x hex, 0 octal. */
function parseIntArg(arg: string, errors: string[], coreutils = false): bigint {
  if (arg === "") return 0n;
  if (arg[0] === "'" || arg[0] === '"') return BigInt(arg.length > 1 ? arg.codePointAt(1)! : 0);
  const m = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(arg);
  if (!m) {
    errors.push(coreutils ? coreutilsNumberError(arg, false) : invalidNumber(arg));
    return 0n;
  }
  let v = BigInt(m[2].startsWith("0") && !/^0[xX]/.test(m[2]) && m[2].length > 1 ? "0o" + m[2].slice(1) : m[2]);
  if (m[1] === "-") v = -v;
  if (m[0].length !== arg.length) errors.push(coreutils ? coreutilsNumberError(arg, true) : invalidNumber(arg));
  return v;
}

/** coreutils' printf: nothing converted, or a tail left over. */
function coreutilsNumberError(arg: string, partial: boolean): string {
  return `${quoteValue(arg)}: ${partial ? "value not completely converted" : "expected a numeric value"}`;
}

/** bash's sh_invalidnum: the message names octal or hex by the argument's first characters. */
function invalidNumber(arg: string): string {
  if (arg[0] === "0" && arg[1] >= "0" && arg[1] <= "9") return `${arg}: invalid octal number`;
  if (arg[0] === "0" && arg[1] === "x") return `${arg}: invalid hex number`;
  return `${arg}: invalid number`;
}

function parseFloatArg(arg: string, errors: string[], coreutils = false): number {
  if (arg === "") return 0;
  if (arg[0] === "'" || arg[0] === '"') return arg.length > 1 ? arg.codePointAt(1)! : 0;
  const t = arg.trim();
  if (/^[-+]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[-+]?nan$/i.test(t)) return NaN;
  const m = /^[-+]?(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)/.exec(t);
  if (!m) {
    errors.push(coreutils ? coreutilsNumberError(arg, false) : `${arg}: invalid number`);
    return 0;
  }
  if (m[0].length !== t.length) errors.push(coreutils ? coreutilsNumberError(arg, true) : `${arg}: invalid number`);
  return Number(m[0]);
}

/** The long double a decimal argument reads as (strtold), or undefined (not decimal, zero). */
function longDoubleArg(arg: string): Binary | undefined {
  const m = /^\s*[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?/.exec(arg);
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) return undefined;
  const frac = m[2] ?? "";
  return parseLongDouble((m[1] + frac) || "0", Number(m[3] ?? 0) - frac.length) ?? undefined;
}

interface Spec {
  flags: string;
  width: number | null;
  precision: number | null;
  conv: string;
}

/** Length in UTF-8 bytes: printf(1) counts widths and precisions in bytes. */
function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 || (c >= 0xdc80 && c <= 0xdcff)) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The longest prefix of s within `max` UTF-8 bytes (never splitting a character). */
function bytePrefix(s: string, max: number): string {
  let n = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const w = c < 0x80 || (c >= 0xdc80 && c <= 0xdcff) ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3;
    if (n + w > max) {
      // A character cut by the byte count leaves its leading bytes (raw, U+DC80..U+DCFF), as C does.
      if (w > 1 && n < max) return s.slice(0, i) + leadingBytes(s.codePointAt(i)!, max - n);
      break;
    }
    n += w;
    if (w === 4) i++;
  }
  return s.slice(0, i);
}

function leadingBytes(cp: number, count: number): string {
  const bytes = cp < 0x800 ? [0xc0 | (cp >> 6), 0x80 | (cp & 63)]
    : cp < 0x10000 ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
      : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return bytes.slice(0, count).map((b) => String.fromCharCode(0xdc00 | b)).join("");
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const w = spec.width ?? 0;
  const len = numeric ? s.length : byteLength(s);
  if (len >= w) return s;
  if (spec.flags.includes("-")) return s + " ".repeat(w - len);
  if (numeric && spec.flags.includes("0")) {
    const sign = /^[-+ ]/.test(s) ? s[0] : "";
    const prefix = /^[-+ ]?0[xX]/.test(s) ? s.slice(0, sign.length + 2) : sign;
    return prefix + "0".repeat(w - len) + s.slice(prefix.length);
  }
  return " ".repeat(w - len) + s;
}

/** %c prints one byte (C's putchar): a multibyte character's lead byte, as a raw byte (U+DC80..U+DCFF). */
function firstByte(s: string): string {
  const c = s.codePointAt(0)!;
  if (c < 0x80 || (c >= 0xdc80 && c <= 0xdcff)) return String.fromCodePoint(c);
  const lead = c < 0x800 ? 0xc0 | (c >> 6) : c < 0x10000 ? 0xe0 | (c >> 12) : 0xf0 | (c >> 18);
  return String.fromCharCode(0xdc00 + lead);
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** strtoimax / strtoumax saturation: out-of-range numbers become the limit (ERANGE). */
function clampInt(v: bigint, signed: boolean): bigint {
  if (signed) return v > INT64_MAX ? INT64_MAX : v < -INT64_MAX - 1n ? -INT64_MAX - 1n : v;
  return v > UINT64_MAX || -v > UINT64_MAX ? UINT64_MAX : v;
}

function formatInt(v: bigint, spec: Spec): string {
  const c = spec.conv;
  let neg = false;
  let digits: string;
  if (c === "d" || c === "i") {
    neg = v < 0n;
    digits = (neg ? -v : v).toString();
  } else {
    const u = BigInt.asUintN(64, v);
    digits = c === "o" ? u.toString(8) : c === "x" ? u.toString(16) : c === "X" ? u.toString(16).toUpperCase() : u.toString();
  }
  if (spec.precision !== null) {
    if (spec.precision === 0 && v === 0n) digits = "";
    digits = digits.padStart(spec.precision, "0");
  }
  if (spec.flags.includes("#")) {
    if (c === "o" && !digits.startsWith("0")) digits = "0" + digits;
    if ((c === "x" || c === "X") && v !== 0n) digits = (c === "x" ? "0x" : "0X") + digits;
  }
  const sign = neg ? "-" : (c === "d" || c === "i") && spec.flags.includes("+") ? "+" : (c === "d" || c === "i") && spec.flags.includes(" ") ? " " : "";
  const specNoZero = spec.precision !== null ? { ...spec, flags: spec.flags.replace("0", "") } : spec;
  return pad(sign + digits, specNoZero, true);
}

/** Formats like printf(1). */
export function printfFormat(format: string, args: string[], env: PrintfEnv = {}): PrintfResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  let out = "";
  let argi = 0;
  const next = (): string | undefined => args[argi++];
  const cu = env.coreutils === true;
  for (;;) {
    const startArg = argi;
    let consumed = false;
    for (let i = 0; i < format.length; ) {
      const ch = format[i];
      if (ch === "\\") {
        // coreutils stops all output at \c in the format too.
        if (cu && format[i + 1] === "c") return { output: out, errors, stopped: true, warnings };
        const r = escapeAt(format, i, false);
        if (r.warn) warnings.push(r.warn);
        out += r.text;
        i = r.next;
        continue;
      }
      if (ch !== "%") {
        out += ch;
        i++;
        continue;
      }
      if (format[i + 1] === "%") {
        out += "%";
        i += 2;
        continue;
      }
      let m = /^%([-+ #0']*)(\*|\d+)?(?:\.(\*|\d*))?(?:hh|h|ll|l|L|q|j|z|t)?(\(([^)]*)\)T|[diouxXeEfFgGaAcsbqQ])/.exec(format.slice(i));
      // coreutils 9.1 has no %Q or %(fmt)T, and takes %q only bare.
      if (cu && m && (m[4] === "Q" || m[4].endsWith("T") || (m[4] === "q" && m[0] !== "%q"))) m = null;
      if (!m && cu) {
        const head = /^%[-+ #0']*(\*|\d+)?(\.(\*|\d*))?(hh|h|ll|l|L|q|j|z|t)?/.exec(format.slice(i))![0];
        errors.push(`${format.slice(i, i + head.length + 1)}: invalid conversion specification`);
        return { output: out, errors, stopped: true, warnings };
      }
      if (!m) {
        // The conversion is the first character after flags, width, precision and length modifiers.
        const head = /^%[-+ #0']*(\*|\d+)?(\.(\*|\d*))?(hh|h|ll|l|L|q|j|z|t)?/.exec(format.slice(i))![0];
        const bad = format[i + head.length] ?? "";
        errors.push(bad ? `\`${bad}': invalid format character` : "`%': missing format character");
        return { output: out, errors, stopped: true, warnings };
      }
      i += m[0].length;
      consumed = true;
      let width: number | null = null;
      let precision: number | null = null;
      let flags = m[1];
      if (m[2] === "*") width = Number(parseIntArg(next() ?? "", errors, cu));
      else if (m[2]) width = Number(m[2]);
      if (width !== null && width < 0) {
        flags += "-";
        width = -width;
      }
      if (m[3] !== undefined) precision = m[3] === "*" ? Number(parseIntArg(next() ?? "", errors, cu)) : Number(m[3] || "0");
      if (precision !== null && precision < 0) precision = null;
      const conv = m[4].endsWith("T") ? "T" : m[4];
      const spec: Spec = { flags, width, precision, conv };
      const arg = next();
      switch (conv) {
        case "s": {
          let s = arg ?? "";
          if (precision !== null) s = bytePrefix(s, precision);
          out += pad(s, spec, false);
          break;
        }
        case "b": {
          const r = expandBackslashes(arg ?? "", warnings);
          let s = r.text;
          if (precision !== null) s = bytePrefix(s, precision);
          out += pad(s, spec, false);
          if (r.stop) return { output: out, errors, stopped: true, warnings };
          break;
        }
        case "q":
        case "Q": {
          // %Q applies the precision to the argument before quoting it (bash 5.2).
          let s = arg ?? "";
          if (conv === "Q" && precision !== null) s = bytePrefix(s, precision);
          out += pad(cu ? quoteShell(s) : env.shellQuote ? env.shellQuote(s) : s, spec, false);
          break;
        }
        case "c":
          // An empty or missing argument is C's '\0' character.
          out += pad(arg ? firstByte(arg) : "\0", spec, false);
          break;
        case "d":
        case "i":
        case "o":
        case "u":
        case "x":
        case "X": {
          const v = parseIntArg(arg ?? "", errors, cu);
          const clamped = clampInt(v, conv === "d" || conv === "i");
          if (clamped !== v) {
            if (cu) errors.push(`${quoteValue(arg ?? "")}: Numerical result out of range`);
            else warnings.push(`warning: ${arg}: Numerical result out of range`);
          }
          out += formatInt(clamped, spec);
          break;
        }
        case "T": {
          const secs = arg === undefined || arg === "" ? -1 : Number(parseIntArg(arg, errors));
          const t = secs === -1 || secs === -2 ? Math.floor((env.now?.() ?? Date.now()) / 1000) : secs;
          const s = env.strftime ? env.strftime(m[5] ?? "", t) : String(t);
          out += pad(precision !== null ? s.slice(0, precision) : s, spec, false);
          break;
        }
        default:
          out += pad(formatFloat(parseFloatArg(arg ?? "", errors, cu), conv, precision, flags, env.longDouble ? { bin: longDoubleArg(arg ?? "") } : undefined), spec, true);
      }
    }
    if (!consumed || argi >= args.length || argi === startArg) break;
  }
  if (cu && argi === 0 && args.length > 0) warnings.push(`warning: ignoring excess arguments, starting with ${quoteValue(args[0])}`);
  return { output: out, errors, stopped: false, warnings };
}
