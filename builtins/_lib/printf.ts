/**
 * printf(1) formatting shared by bash's printf builtin and the printf utility:
 * escapes in the format, every conversion with flags/width/precision, format
 * reuse while arguments remain, and bash's messages for bad numbers.
 */

export interface PrintfResult {
  output: string;
  /** Messages such as `abc: invalid number` (the caller adds its prefix). */
  errors: string[];
  /** \c seen: stop all output. */
  stopped: boolean;
}

export interface PrintfEnv {
  /** For %(fmt)T: formats epoch seconds (-1 = now, -2 = shell start). */
  strftime?: (fmt: string, epochSeconds: number) => string;
  now?: () => number;
  /** %q quoting (bash's printf %q). */
  shellQuote?: (s: string) => string;
}

/** Decodes one backslash escape at s[i] === "\\"; returns text and the next index. */
function escapeAt(s: string, i: number, inB: boolean): { text: string; next: number; stop?: boolean } {
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
      if (!m) return { text: "\\x", next: i + 2 };
      return { text: byteChar(parseInt(m[0], 16)), next: i + 2 + m[0].length };
    }
    case "u":
    case "U": {
      const m = (c === "u" ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(s.slice(i + 2));
      if (!m) return { text: "\\" + c, next: i + 2 };
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
export function expandBackslashes(s: string): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < s.length; ) {
    if (s[i] !== "\\") {
      out += s[i++];
      continue;
    }
    const r = escapeAt(s, i, true);
    out += r.text;
    if (r.stop) return { text: out, stop: true };
    i = r.next;
  }
  return { text: out, stop: false };
}

/** Parses a numeric argument like printf: 'c gives the code, 0x hex, 0 octal. */
function parseIntArg(arg: string, errors: string[]): bigint {
  if (arg === "") return 0n;
  if (arg[0] === "'" || arg[0] === '"') return BigInt(arg.length > 1 ? arg.codePointAt(1)! : 0);
  const m = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(arg);
  if (!m) {
    errors.push(`${arg}: invalid number`);
    return 0n;
  }
  let v = BigInt(m[2].startsWith("0") && !/^0[xX]/.test(m[2]) && m[2].length > 1 ? "0o" + m[2].slice(1) : m[2]);
  if (m[1] === "-") v = -v;
  if (m[0].length !== arg.length) errors.push(`${arg}: invalid number`);
  return v;
}

function parseFloatArg(arg: string, errors: string[]): number {
  if (arg === "") return 0;
  if (arg[0] === "'" || arg[0] === '"') return arg.length > 1 ? arg.codePointAt(1)! : 0;
  const t = arg.trim();
  if (/^[-+]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[-+]?nan$/i.test(t)) return NaN;
  const m = /^[-+]?(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)/.exec(t);
  if (!m) {
    errors.push(`${arg}: invalid number`);
    return 0;
  }
  if (m[0].length !== t.length) errors.push(`${arg}: invalid number`);
  return Number(m[0]);
}

interface Spec {
  flags: string;
  width: number | null;
  precision: number | null;
  conv: string;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const w = spec.width ?? 0;
  if (s.length >= w) return s;
  if (spec.flags.includes("-")) return s + " ".repeat(w - s.length);
  if (numeric && spec.flags.includes("0")) {
    const sign = /^[-+ ]/.test(s) ? s[0] : "";
    const prefix = /^[-+ ]?0[xX]/.test(s) ? s.slice(0, sign.length + 2) : sign;
    return prefix + "0".repeat(w - s.length) + s.slice(prefix.length);
  }
  return " ".repeat(w - s.length) + s;
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

/** C's %e/%f/%g/%a for a double. */
export function formatFloat(x: number, conv: string, precision: number | null, flags: string): string {
  const upper = conv === conv.toUpperCase();
  const lc = conv.toLowerCase();
  let body: string;
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  if (!Number.isFinite(ax)) {
    body = Number.isNaN(ax) ? "nan" : "inf";
  } else if (lc === "f") {
    body = toFixedExact(ax, precision ?? 6);
    if (flags.includes("#") && !body.includes(".")) body += ".";
  } else if (lc === "e") {
    body = expForm(ax, precision ?? 6);
    if (flags.includes("#") && !body.includes(".")) body = body.replace("e", ".e");
  } else if (lc === "g") {
    let p = precision ?? 6;
    if (p === 0) p = 1;
    if (ax === 0) body = "0";
    else {
      const exp = Number(ax.toExponential(p - 1).split("e")[1]);
      if (exp < -4 || exp >= p) body = expForm(ax, p - 1);
      else body = toFixedExact(ax, p - 1 - exp);
      if (!flags.includes("#")) {
        body = body.replace(/(\.\d*?)0+(e|$)/, "$1$2").replace(/\.(e|$)/, "$1");
      }
    }
  } else {
    body = hexFloat(ax, precision);
  }
  if (upper) body = body.toUpperCase();
  const sign = neg && !Number.isNaN(x) ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  return sign + body;
}

function toFixedExact(x: number, digits: number): string {
  if (digits <= 100 && x < 1e21) return x.toFixed(digits);
  return BigInt(Math.round(x)).toString() + (digits > 0 ? "." + "0".repeat(digits) : "");
}

function expForm(x: number, digits: number): string {
  const s = x.toExponential(Math.min(digits, 100));
  const [m, e] = s.split("e");
  const n = Number(e);
  return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
}

function hexFloat(x: number, precision: number | null): string {
  if (x === 0) return "0x0p+0";
  let e = Math.floor(Math.log2(x));
  let m = x / 2 ** e;
  if (m >= 2) {
    m /= 2;
    e++;
  }
  let frac = "";
  let f = m - 1;
  for (let i = 0; i < 13 && f > 0; i++) {
    f *= 16;
    const d = Math.floor(f);
    frac += d.toString(16);
    f -= d;
  }
  if (precision !== null) frac = frac.slice(0, precision).padEnd(precision, "0");
  return `0x1${frac ? "." + frac : ""}p${e < 0 ? "-" : "+"}${Math.abs(e)}`;
}

/** Formats like printf(1). */
export function printfFormat(format: string, args: string[], env: PrintfEnv = {}): PrintfResult {
  const errors: string[] = [];
  let out = "";
  let argi = 0;
  const next = (): string | undefined => args[argi++];
  for (;;) {
    const startArg = argi;
    let consumed = false;
    for (let i = 0; i < format.length; ) {
      const ch = format[i];
      if (ch === "\\") {
        const r = escapeAt(format, i, false);
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
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(?:hh|h|ll|l|L|q|j|z|t)?(\(([^)]*)\)T|[diouxXeEfFgGaAcsbq])/.exec(format.slice(i));
      if (!m) {
        const bad = format[i + 1] ?? "";
        errors.push(bad ? `%${bad}: invalid format character` : "`%': missing format character");
        return { output: out, errors, stopped: true };
      }
      i += m[0].length;
      consumed = true;
      let width: number | null = null;
      let precision: number | null = null;
      let flags = m[1];
      if (m[2] === "*") width = Number(parseIntArg(next() ?? "", errors));
      else if (m[2]) width = Number(m[2]);
      if (width !== null && width < 0) {
        flags += "-";
        width = -width;
      }
      if (m[3] !== undefined) precision = m[3] === "*" ? Number(parseIntArg(next() ?? "", errors)) : Number(m[3] || "0");
      if (precision !== null && precision < 0) precision = null;
      const conv = m[4].endsWith("T") ? "T" : m[4];
      const spec: Spec = { flags, width, precision, conv };
      const arg = next();
      switch (conv) {
        case "s": {
          let s = arg ?? "";
          if (precision !== null) s = s.slice(0, precision);
          out += pad(s, spec, false);
          break;
        }
        case "b": {
          const r = expandBackslashes(arg ?? "");
          let s = r.text;
          if (precision !== null) s = s.slice(0, precision);
          out += pad(s, spec, false);
          if (r.stop) return { output: out, errors, stopped: true };
          break;
        }
        case "q": {
          const s = arg ?? "";
          out += pad(env.shellQuote ? env.shellQuote(s) : s, spec, false);
          break;
        }
        case "c":
          out += pad(arg ? [...arg][0] : "", spec, false);
          break;
        case "d":
        case "i":
        case "o":
        case "u":
        case "x":
        case "X":
          out += formatInt(parseIntArg(arg ?? "", errors), spec);
          break;
        case "T": {
          const secs = arg === undefined || arg === "" ? -1 : Number(parseIntArg(arg, errors));
          const t = secs === -1 || secs === -2 ? Math.floor((env.now?.() ?? Date.now()) / 1000) : secs;
          const s = env.strftime ? env.strftime(m[5] ?? "", t) : String(t);
          out += pad(precision !== null ? s.slice(0, precision) : s, spec, false);
          break;
        }
        default:
          out += pad(formatFloat(parseFloatArg(arg ?? "", errors), conv, precision, flags), spec, true);
      }
    }
    if (!consumed || argi >= args.length || argi === startArg) break;
  }
  return { output: out, errors, stopped: false };
}
