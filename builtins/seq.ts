import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";
import { OutputBuffer } from "./_lib/output.js";
import { formatFloat } from "./_lib/printf.js";

/**
 * seq: numbers from FIRST by INCREMENT to LAST, as GNU seq 9.1 prints them:
 * the precision and (-w) width come from how the operands are written, plain
 * integers are exact at any size, and -f takes one %a/%e/%f/%g directive.
 * DIVERGE: fractions are JavaScript doubles, where GNU uses long double.
 */

const HELP = `Usage: seq [OPTION]... LAST
  or:  seq [OPTION]... FIRST LAST
  or:  seq [OPTION]... FIRST INCREMENT LAST
Print numbers from FIRST to LAST, in steps of INCREMENT.

  -f, --format=FORMAT      use printf style floating-point FORMAT
  -s, --separator=STRING   use STRING to separate numbers (default: \n)
  -w, --equal-width        equalize width by padding with leading zeroes
      --help               display this help and exit
      --version            output version information and exit

If FIRST or INCREMENT is omitted, it defaults to 1. FIRST, INCREMENT and LAST
are floating point values; INCREMENT is usually positive if FIRST is smaller
than LAST, and negative otherwise. FORMAT must print one floating point value
with %a, %e, %f or %g.
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  equalWidth: { short: "w", long: "equal-width" },
  format: { short: "f", long: "format", arg: "required" },
  separator: { short: "s", long: "separator", arg: "required" },
};

const NO_PRECISION = Number.MAX_SAFE_INTEGER; // GNU's INT_MAX: "not a decimal"

/** One operand as GNU's scan_arg sees it. */
interface Operand {
  value: number;
  width: number;
  precision: number;
  /** The exact value when the operand is a plain decimal integer. */
  integer: bigint | null;
}

/** strtold over the whole string (leading blanks allowed); null if it does not parse. */
function parseLongDouble(text: string): number | null {
  const s = text.replace(/^[ \t\n\v\f\r]+/, "");
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan(\([0-9A-Za-z_]*\))?$/i.test(s)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)(?:[pP]([+-]?\d+))?$/.exec(s);
  if (hex && (hex[2] || hex[3])) {
    const digits = hex[2] + hex[3];
    const v = Number.parseInt(digits, 16) * 2 ** (Number(hex[4] ?? 0) - 4 * hex[3].length);
    return hex[1] === "-" ? -v : v;
  }
  return null;
}

/** GNU scan_arg: the value plus the width and precision the operand is written with. */
const PLAIN_DIGITS = /^\d+$/;

function scanArg(ctx: CommandContext, arg: string): Operand {
  // Plain digits, the usual operand: what the general scan below gives, without its regexes.
  if (PLAIN_DIGITS.test(arg)) {
    const value = Number(arg);
    if (Number.isFinite(value)) return { value, width: arg.length, precision: 0, integer: BigInt(arg) };
  }
  const value = parseLongDouble(arg);
  if (value === null) throw usageError(ctx, `invalid floating point argument: ${quoteValue(arg)}`);
  if (Number.isNaN(value)) throw usageError(ctx, `invalid ‘not-a-number’ argument: ${quoteValue(arg)}`);
  const a = arg.replace(/^[ \t\n\v\f\r+]+/, "");
  const integer = /^-?\d+$/.test(a) && !/^-0+$/.test(a) ? BigInt(a) : null;
  let width = 0;
  const dot = a.indexOf(".");
  let precision = dot < 0 && !a.includes("p") ? 0 : NO_PRECISION;
  if (!/[xX]/.test(a) && Number.isFinite(value)) {
    width = a.length;
    let fractionLen = 0;
    if (dot >= 0) {
      const fraction = a.slice(dot + 1).search(/[eE]/);
      fractionLen = fraction < 0 ? a.length - dot - 1 : fraction;
      precision = fractionLen;
      width += fractionLen === 0 ? -1 : dot === 0 || !/\d/.test(a[dot - 1]) ? 1 : 0;
    }
    let e = a.indexOf("e");
    if (e < 0) e = a.indexOf("E");
    if (e >= 0) {
      let exponent = Math.max(Number.parseInt(a.slice(e + 1), 10) || 0, -Number.MAX_SAFE_INTEGER);
      precision += exponent < 0 ? -exponent : -Math.min(precision, exponent);
      width -= a.length - e;
      if (exponent < 0) {
        if (dot >= 0) {
          if (e === dot + 1) width++;
        } else width++;
        exponent = -exponent;
      } else {
        // Digits move from the fraction to the integer part; a '.' left with none goes.
        if (dot >= 0 && precision === 0 && fractionLen) width--;
        exponent -= Math.min(fractionLen, exponent);
      }
      width += exponent;
    }
  }
  return { value, width, precision, integer };
}

/** A printf directive for one number, split around the number. */
interface NumberFormat {
  prefix: string;
  suffix: string;
  flags: string;
  width: number;
  precision: number | null;
  conv: string;
}

/** GNU long_double_format: exactly one %[flags][width][.prec][L]{aefgAEFG}; "%%" is a percent sign. */
function parseFormat(ctx: CommandContext, fmt: string): NumberFormat {
  const q = quoteValue(fmt);
  let i = 0;
  let prefix = "";
  for (; !(fmt[i] === "%" && fmt[i + 1] !== "%"); i += fmt[i] === "%" ? 2 : 1) {
    if (i >= fmt.length) throw failFormat(ctx, `format ${q} has no % directive`);
    prefix += fmt[i];
  }
  i++;
  const m = /^([-+#0 ']*)(\d*)(?:\.(\d*))?(L?)/.exec(fmt.slice(i))!;
  i += m[0].length;
  if (i >= fmt.length) throw failFormat(ctx, `format ${q} ends in %`);
  const conv = fmt[i];
  if (!"efgaEFGA".includes(conv)) throw failFormat(ctx, `format ${q} has unknown %${conv} directive`);
  let suffix = "";
  for (i++; i < fmt.length; i += fmt[i] === "%" ? 2 : 1) {
    if (fmt[i] === "%" && fmt[i + 1] !== "%") throw failFormat(ctx, `format ${q} has too many % directives`);
    suffix += fmt[i];
  }
  return {
    prefix: prefix.replace(/%%/g, "%"),
    suffix: suffix.replace(/%%/g, "%"),
    flags: m[1],
    width: m[2] ? Number(m[2]) : 0,
    precision: m[3] !== undefined ? Number(m[3] || 0) : null,
    conv,
  };
}

function failFormat(ctx: CommandContext, message: string): UsageError {
  ctx.stderr.write(`seq: ${message}\n`);
  return new UsageError(1);
}

/** The number as printf would pad it. */
function pad(body: string, f: NumberFormat, finite: boolean): string {
  if (body.length >= f.width) return body;
  if (f.flags.includes("-")) return body.padEnd(f.width);
  if (f.flags.includes("0") && finite) {
    const sign = /^[-+ ]/.test(body) ? body[0] : "";
    const rest = body.slice(sign.length);
    const hexPrefix = /^0[xX]/.test(rest) ? rest.slice(0, 2) : "";
    return sign + hexPrefix + rest.slice(hexPrefix.length).padStart(f.width - sign.length - hexPrefix.length, "0");
  }
  return body.padStart(f.width);
}

function formatNumber(x: number, f: NumberFormat): string {
  return pad(formatFloat(x, f.conv, f.precision, f.flags), f, Number.isFinite(x));
}

/** GNU get_default_format: %.Pf, %0W.Pf with -w, or %g when an operand is not decimal. */
function defaultFormat(first: Operand, step: Operand, last: Operand, equalWidth: boolean): NumberFormat {
  const prec = Math.max(first.precision, step.precision);
  const f: NumberFormat = { prefix: "", suffix: "", flags: "", width: 0, precision: prec, conv: "f" };
  if (prec === NO_PRECISION || last.precision === NO_PRECISION) return { ...f, precision: null, conv: "g" };
  if (equalWidth) {
    const firstWidth = first.width + (prec - first.precision) + (first.precision === 0 && prec ? 1 : 0);
    let lastWidth = last.width + (prec - last.precision);
    if (last.precision && prec === 0) lastWidth--;
    if (last.precision === 0 && prec) lastWidth++;
    f.flags = "0";
    f.width = Math.max(firstWidth, lastWidth);
  }
  return f;
}

/** Where the operands end: GNU stops at the first non-option and at anything like "-1" or "-.5". */
function splitArgs(args: string[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return i + 1;
    if (a === "-" || !a.startsWith("-") || /^-[.\d]/.test(a)) return i;
    if (a.startsWith("--")) {
      const name = a.slice(2);
      if (!name.includes("=") && name.length > 0 && ("format".startsWith(name) || "separator".startsWith(name))) i++;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      if (a[j] === "f" || a[j] === "s") {
        if (j === a.length - 1) i++;
        break;
      }
    }
  }
  return args.length;
}

async function run(ctx: CommandContext): Promise<number> {
  const split = splitArgs(ctx.args);
  const opts = parseOptions(ctx, SPEC, { help: HELP, stopAtOperand: true }, ctx.args.slice(0, split));
  if (typeof opts === "number") return opts;
  const operands = [...opts.operands, ...ctx.args.slice(split)];
  try {
    if (operands.length === 0) throw usageError(ctx, "missing operand");
    if (operands.length > 3) throw usageError(ctx, `extra operand ${quoteValue(operands[3])}`);
    const userFormat = opts.get("format");
    const format = userFormat !== undefined ? parseFormat(ctx, userFormat) : null;
    const equalWidth = opts.has("equalWidth");
    if (format && equalWidth) throw usageError(ctx, "format string may not be specified when printing equal width strings");
    const one: Operand = { value: 1, width: 1, precision: 0, integer: 1n };
    let first = one;
    let step = one;
    let last = scanArg(ctx, operands[0]);
    if (operands.length > 1) {
      first = last;
      last = scanArg(ctx, operands[1]);
      if (operands.length > 2) {
        step = last;
        if (step.value === 0) throw usageError(ctx, `invalid Zero increment value: ${quoteValue(operands[1])}`);
        last = scanArg(ctx, operands[2]);
      }
    }
    const separator = opts.get("separator") ?? "\n";
    const f = format ?? defaultFormat(first, step, last, equalWidth);
    const out = new OutputBuffer(ctx.stdout);
    if (!format && first.integer !== null && step.integer !== null && last.integer !== null && f.conv === "f") {
      await printIntegers(ctx, out, first.integer, step.integer, last.integer, f, separator);
    } else {
      await printNumbers(ctx, out, first.value, step.value, last.value, f, separator);
    }
    await out.flush();
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
}

/** Output gathered as text and sent in chunks (one budget step per chunk). */
class TextBatch {
  private text = "";
  constructor(
    private readonly ctx: CommandContext,
    private readonly out: OutputBuffer,
  ) {}
  add(s: string): void | Promise<void> {
    this.text += s;
    if (this.text.length >= 16384) return this.flush();
  }
  flush(): void | Promise<void> {
    if (this.text === "") return;
    this.ctx.budget.step();
    const t = this.text;
    this.text = "";
    return this.out.write(t);
  }
}

/** Exact integers (GNU's seq_fast and %.0Lf agree on them); plain numbers while they are safe. */
async function printIntegers(
  ctx: CommandContext,
  out: OutputBuffer,
  first: bigint,
  step: bigint,
  last: bigint,
  f: NumberFormat,
  separator: string,
): Promise<void> {
  const beyond = (x: bigint) => (step < 0n ? x < last : x > last);
  if (beyond(first)) return;
  const batch = new TextBatch(ctx, out);
  const width = f.width;
  const text = (x: number | bigint) => {
    const neg = x < 0;
    const digits = (neg ? -x : x).toString();
    return width === 0 ? (neg ? "-" : "") + digits : (neg ? "-" : "") + digits.padStart(width - (neg ? 1 : 0), "0");
  };
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  const small = (v: bigint) => v <= limit && v >= -limit;
  if (small(first) && small(last) && small(step) && small(last + step)) {
    const [a, b, c] = [Number(first), Number(step), Number(last)];
    for (let x = a; ; ) {
      const p = batch.add(text(x));
      if (p) await p;
      x += b;
      if (b < 0 ? x < c : x > c) break;
      const q = batch.add(separator);
      if (q) await q;
    }
  } else {
    for (let x = first; ; ) {
      const p = batch.add(text(x));
      if (p) await p;
      x += step;
      if (beyond(x)) break;
      const q = batch.add(separator);
      if (q) await q;
    }
  }
  await batch.add("\n");
  await batch.flush();
}

/** GNU print_numbers: x = first + i * step, plus the one extra number that prints as LAST. */
async function printNumbers(
  ctx: CommandContext,
  out: OutputBuffer,
  first: number,
  step: number,
  last: number,
  f: NumberFormat,
  separator: string,
): Promise<void> {
  const beyond = (x: number) => (step < 0 ? x < last : last < x);
  if (beyond(first)) return;
  const batch = new TextBatch(ctx, out);
  let x = first;
  let printedLast = false;
  for (let i = 1; ; i++) {
    const text = formatNumber(x, f);
    const p = batch.add(f.prefix + text + f.suffix);
    if (p) await p;
    if (printedLast) break;
    const next = first + i * step;
    if (beyond(next)) {
      // Print the number past LAST when it prints as LAST and unlike the previous one (rounding).
      const nextText = formatNumber(next, f);
      if (!(Number(nextText) === last && nextText !== text)) break;
      printedLast = true;
    }
    x = next;
    const q = batch.add(separator);
    if (q) await q;
  }
  await batch.add("\n");
  await batch.flush();
}

export const seq: CommandDef = { name: "seq", help: HELP, run };
