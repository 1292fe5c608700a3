/**
 * printf/sprintf as gawk's format_tree does it: flags - + space # 0 ', width and
 * precision (with *), positional `%n$`, and every conversion. Integer conversions
 * of values out of range fall back to %g; NaN and infinities print as "+inf"/"-nan".
 */
import { charLength } from "../../src/io/utf8.js";
import { AwkFatal } from "./diagnostics.js";
import { formatA, formatE, formatF, formatG } from "./numfmt.js";
import { specialToStr, Strnum, type Value } from "./values.js";

/** How format arguments become numbers and strings (the runtime's conversions). */
export interface FormatHost {
  num(v: Value): number;
  str(v: Value): string;
  /** Refuses a result length past the sandbox's string limit (gawk would try, and hang). */
  checkLength?(n: number): void;
}

interface Spec {
  lj: boolean;
  sign: string;
  alt: boolean;
  zero: boolean;
  fw: number;
  prec: number | null;
}

/** The first n characters of s. */
function charSlice(s: string, n: number): string {
  if (n >= s.length) return s;
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return s.slice(0, i);
}

function pad(body: string, spec: Spec, fill: string, signLen = 0): string {
  const len = charLength(body);
  if (spec.fw <= len) return body;
  const n = spec.fw - len;
  if (spec.lj) return body + " ".repeat(n);
  if (fill === "0") return body.slice(0, signLen) + "0".repeat(n) + body.slice(signLen);
  return " ".repeat(n) + body;
}

function isSpecial(x: number): boolean {
  return x !== x || x === Infinity || x === -Infinity;
}

function formatFloat(conv: string, x: number, spec: Spec): string {
  const prec = spec.prec ?? 6;
  const neg = x < 0 || (x === 0 && 1 / x < 0);
  const a = Math.abs(x);
  let body: string;
  switch (conv) {
    case "e": case "E": body = formatE(a, prec, spec.alt, conv === "E"); break;
    case "f": case "F": body = formatF(a, prec, spec.alt); break;
    case "a": case "A": body = formatA(a, spec.prec, spec.alt, conv === "A"); break;
    default: body = formatG(a, prec, spec.alt, conv === "G");
  }
  const sign = neg ? "-" : spec.sign;
  return pad(sign + body, spec, spec.zero && !spec.lj ? "0" : " ", conv === "a" || conv === "A" ? sign.length + 2 : sign.length);
}

function integerDigits(t: number): string {
  if (t < 9007199254740992) return String(t);
  return BigInt(t).toString();
}

function formatInt(x: number, spec: Spec): string {
  let t = Math.trunc(x);
  if (spec.prec === 0 && t === 0) return pad("", spec, " ");
  const neg = t < 0;
  if (neg) t = -t;
  let digits = integerDigits(t);
  if (spec.prec !== null) digits = digits.padStart(spec.prec, "0");
  const sign = neg ? "-" : spec.sign;
  const fill = !spec.lj && spec.zero && spec.prec === null ? "0" : " ";
  return pad(sign + digits, spec, fill, sign.length);
}

function formatUnsigned(conv: string, x: number, spec: Spec): string | null {
  const t = Math.trunc(x);
  // gawk tests the untruncated value here and for the # prefixes: %#x of 0.5 is 0x0.
  if (!spec.alt && spec.prec === 0 && x === 0) return pad("", spec, " ");
  let u: bigint;
  if (t < 0) {
    if (t < -9223372036854775808) return null;
    u = BigInt.asUintN(64, BigInt(t));
  } else {
    if (t >= 18446744073709551616) return null;
    u = BigInt(t);
  }
  const base = conv === "o" ? 8 : conv === "u" ? 10 : 16;
  let digits = u.toString(base);
  if (conv === "X") digits = digits.toUpperCase();
  if (spec.prec !== null) digits = digits.padStart(spec.prec, "0");
  let prefix = "";
  if (spec.alt && x !== 0) {
    if (conv === "o") digits = "0" + digits;
    else if (conv === "x" || conv === "X") prefix = conv === "x" ? "0x" : "0X";
  }
  const fill = !spec.lj && spec.zero && spec.prec === null ? "0" : " ";
  return pad(prefix + digits, spec, fill, prefix.length);
}

function formatChar(v: Value, host: FormatHost, spec: Spec): string {
  let ch: string;
  const numeric = typeof v === "number" || (v instanceof Strnum && v.isNum);
  if (numeric) {
    const code = Math.trunc(host.num(v));
    if (code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) ch = String.fromCodePoint(code);
    else {
      // Not a character: gawk writes the low byte as it is.
      const b = code & 0xff;
      ch = b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(0xdc00 | b);
    }
  } else {
    const s = host.str(v);
    ch = s.length === 0 ? "\0" : charSlice(s, 1);
  }
  // gawk pads a %c made from a number by the character's bytes (one from a string counts as one).
  const bytes = numeric ? utf8Bytes(ch) : 1;
  if (spec.fw <= bytes) return ch;
  const fill = " ".repeat(spec.fw - bytes);
  return spec.lj ? ch + fill : fill + ch;
}

function utf8Bytes(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0xdc80 && c <= 0xdcff) return 1;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/**
 * Formats like gawk's sprintf. `args` are the values after the format. Throws
 * AwkFatal for too few arguments, as gawk does.
 */
export function awkSprintf(fmt: string, args: Value[], host: FormatHost, line = 0): string {
  let out = "";
  let argi = 0;
  let positional: boolean | null = null;
  const n = fmt.length;
  let i = 0;
  while (i < n) {
    const pct = fmt.indexOf("%", i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    let j = pct + 1;
    const spec: Spec = { lj: false, sign: "", alt: false, zero: false, fw: 0, prec: null };
    let argPos = -1;
    let conv = "";
    let sawWidth = false;
    const nextArg = (at: number): Value => {
      if (argPos >= 0) {
        if (argPos - 1 >= args.length) tooFew(fmt, at, line);
        return args[argPos - 1];
      }
      if (argi >= args.length) tooFew(fmt, at, line);
      return args[argi++];
    };
    for (; j < n; j++) {
      const c = fmt[j];
      if (c === "%") {
        conv = "%";
        break;
      }
      if (c === "-") { spec.lj = true; continue; }
      if (c === "+") { spec.sign = "+"; continue; }
      if (c === " ") { if (spec.sign !== "+") spec.sign = " "; continue; }
      if (c === "#") { spec.alt = true; continue; }
      if (c === "'") continue;
      if (c === "0" && !sawWidth && spec.prec === null) { spec.zero = true; continue; }
      if (c >= "1" && c <= "9" && spec.prec === null && !sawWidth) {
        let k = j;
        while (k < n && fmt[k] >= "0" && fmt[k] <= "9") k++;
        const num = Number(fmt.slice(j, k));
        if (fmt[k] === "$") {
          if (positional === false) throw new AwkFatal("must use `count$' on all formats or none", line);
          positional = true;
          argPos = num;
          j = k;
          continue;
        }
        spec.fw = num;
        sawWidth = true;
        j = k - 1;
        continue;
      }
      if (c === "*") {
        const w = Math.trunc(host.num(nextArg(j)));
        if (spec.prec === null && !sawWidth) {
          sawWidth = true;
          if (w < 0) {
            spec.lj = true;
            spec.fw = -w;
          } else spec.fw = w;
        } else {
          spec.prec = w < 0 ? null : w;
        }
        continue;
      }
      if (c === ".") {
        spec.prec = 0;
        sawWidth = true;
        let k = j + 1;
        if (fmt[k] === "*") {
          const p = Math.trunc(host.num(nextArg(k)));
          spec.prec = p < 0 ? null : p;
          j = k;
          continue;
        }
        while (k < n && fmt[k] >= "0" && fmt[k] <= "9") k++;
        spec.prec = Number(fmt.slice(j + 1, k) || "0");
        j = k - 1;
        continue;
      }
      if (c === "h" || c === "l" || c === "L") continue;
      conv = c;
      break;
    }
    if (conv === "") {
      // The format ended inside a specification: copy it as it is.
      out += fmt.slice(pct);
      break;
    }
    if (argPos < 0 && conv !== "%" && "cdiouxXeEfFgGaAs".includes(conv)) {
      if (positional === true) throw new AwkFatal("must use `count$' on all formats or none", line);
      positional = false;
    }
    i = j + 1;
    if ((spec.fw > 1e6 || (spec.prec ?? 0) > 1e6) && host.checkLength) host.checkLength(Math.max(spec.fw, spec.prec ?? 0));
    switch (conv) {
      case "%":
        out += "%";
        break;
      case "c":
        out += formatChar(nextArg(j), host, spec);
        break;
      case "s": {
        let s = host.str(nextArg(j));
        if (spec.prec !== null) s = charSlice(s, spec.prec);
        out += pad(s, spec, " ");
        break;
      }
      case "d":
      case "i": {
        const x = host.num(nextArg(j));
        out += isSpecial(x) ? specialToStr(x) : formatInt(x, spec);
        break;
      }
      case "o": case "u": case "x": case "X": {
        const x = host.num(nextArg(j));
        if (isSpecial(x)) out += specialToStr(x);
        else out += formatUnsigned(conv, x, spec) ?? formatFloat("g", x, spec);
        break;
      }
      case "e": case "E": case "f": case "F": case "g": case "G": case "a": case "A": {
        const x = host.num(nextArg(j));
        out += isSpecial(x) ? specialToStr(x) : formatFloat(conv, x, spec);
        break;
      }
      default:
        // Unknown conversion: gawk copies the specification unchanged.
        out += fmt.slice(pct, j + 1);
    }
  }
  return out;
}

function tooFew(fmt: string, at: number, line: number): never {
  throw new AwkFatal(
    `not enough arguments to satisfy format string\n\t\`${fmt}'\n\t${" ".repeat(at)}^ ran out for this one`,
    line,
  );
}

/** Formats one number with OFMT/CONVFMT (a single-conversion format). */
export function formatNumber(fmt: string, x: number, host: FormatHost): string {
  if (fmt === "%.6g") {
    if (x < 0) return "-" + formatG(-x, 6, false, false);
    return formatG(x, 6, false, false);
  }
  return awkSprintf(fmt, [x], host);
}
