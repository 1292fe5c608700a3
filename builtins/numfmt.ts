import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, UsageError, type OptionSpec } from "./_lib/options.js";
import { argmatch } from "./_lib/argmatch.js";
import { quoteValue } from "./_lib/quote.js";
import { readLines } from "./_lib/lines.js";
import { decodeUtf8, encodeUtf8 } from "../src/io/utf8.js";
import { OutputBuffer } from "./_lib/output.js";

/**
 * numfmt (GNU coreutils 9.1): numbers read with --from scaling (si, iec,
 * iec-i, auto) and printed with --to scaling, --round, --suffix, --padding
 * (automatic for whitespace-separated fields), --format, --field, -d,
 * --header, --invalid, --from-unit/--to-unit, -z. The conversion follows
 * numfmt.c step by step (simple_strtod_human, double_to_human).
 */

const HELP = `Usage: numfmt [OPTION]... [NUMBER]...
Reformat NUMBER(s), or the numbers from standard input if none are specified.
`;

const SPEC: OptionSpec = {
  debug: { long: "debug" },
  delimiter: { short: "d", long: "delimiter", arg: "required" },
  field: { long: "field", arg: "required" },
  format: { long: "format", arg: "required" },
  from: { long: "from", arg: "required" },
  fromUnit: { long: "from-unit", arg: "required" },
  grouping: { long: "grouping" },
  header: { long: "header", arg: "optional" },
  invalid: { long: "invalid", arg: "required" },
  padding: { long: "padding", arg: "required" },
  round: { long: "round", arg: "required" },
  suffix: { long: "suffix", arg: "required" },
  to: { long: "to", arg: "required" },
  toUnit: { long: "to-unit", arg: "required" },
  zero: { short: "z", long: "zero-terminated" },
};

type Scale = "none" | "auto" | "si" | "iec" | "iec-i";
type Round = "up" | "down" | "from-zero" | "towards-zero" | "nearest";
type Invalid = "abort" | "fail" | "warn" | "ignore";

const SUFFIXES = "KMGTPEZYRQ";

interface Settings {
  from: Scale;
  to: Scale;
  round: Round;
  suffix: string | null;
  padding: number;
  autoPadding: boolean;
  zeroPad: number;
  precision: number;
  prefix: string;
  postfix: string;
  delimiter: string | null;
  fields: Array<[number, number]>;
  fromUnit: number;
  toUnit: number;
  invalid: Invalid;
}

class Abort extends Error {}

function roundBy(v: number, r: Round): number {
  switch (r) {
    case "up":
      return Math.ceil(v);
    case "down":
      return Math.floor(v);
    case "from-zero":
      return v < 0 ? Math.floor(v) : Math.ceil(v);
    case "towards-zero":
      return Math.trunc(v);
    case "nearest":
      return Math.trunc(v < 0 ? v - 0.5 : v + 0.5);
  }
}

/** printf "%.{p}f" as glibc does: exact ties round to even (toFixed rounds them up). */
function fixed(v: number, p: number): string {
  const a = Math.abs(v);
  const scaled = a * 10 ** p;
  let text: string;
  if (scaled < 2 ** 52 && scaled - Math.floor(scaled) === 0.5) {
    const down = Math.floor(scaled);
    text = ((down % 2 === 0 ? down : down + 1) / 10 ** p).toFixed(p);
  } else text = a.toFixed(p);
  return (v < 0 || Object.is(v, -0) ? "-" : "") + text;
}

function parseNumber(text: string, s: Settings): { value: number; precision: number } | string {
  let i = 0;
  const neg = text[0] === "-";
  if (neg) i++;
  const intStart = i;
  while (i < text.length && text[i] >= "0" && text[i] <= "9") i++;
  const intDigits = text.slice(intStart, i);
  if (!intDigits && text[i] !== ".") return `invalid number: ${quoteValue(text)}`;
  if (intDigits.replace(/^0+/, "").length > 27) return `value too large to be converted: ${quoteValue(text)}`;
  let value = Number(intDigits || "0");
  let precision = 0;
  if (text[i] === ".") {
    i++;
    const fs = i;
    while (i < text.length && text[i] >= "0" && text[i] <= "9") i++;
    if (text[i] === "-" && i === fs) return `invalid number: ${quoteValue(text)}`;
    precision = i - fs;
    if (precision) value += Number(text.slice(fs, i)) / 10 ** precision;
  }
  if (neg) value = -value;
  let base = s.from === "iec" || s.from === "iec-i" ? 1024 : 1000;
  let power = 0;
  if (i < text.length) {
    while (text[i] === " " || text[i] === "\t") i++;
    const c = text[i];
    if (c === undefined || !SUFFIXES.includes(c)) return `invalid suffix in input: ${quoteValue(text)}`;
    if (s.from === "none") return `rejecting suffix in input: ${quoteValue(text)} (consider using --from)`;
    power = SUFFIXES.indexOf(c) + 1;
    i++;
    if (s.from === "auto" && text[i] === "i") {
      base = 1024;
      i++;
    }
    precision = 0;
  }
  if (s.from === "iec-i") {
    if (text[i] === "i") i++;
    else return `missing 'i' suffix in input: ${quoteValue(text)} (e.g Ki/Mi/Gi)`;
  }
  if (i < text.length) return `invalid suffix in input ${quoteValue(text)}: ${quoteValue(text.slice(i))}`;
  return { value: value * base ** power, precision };
}

/** double_to_human. */
function toHuman(val: number, precision: number, s: Settings): string {
  const zero = s.zeroPad ? (w: string) => w.padStart(s.zeroPad, "0").replace(/^(0+)-/, "-$1") : (w: string) => w;
  if (s.to === "none") {
    val = roundBy(val * 10 ** precision, s.round) / 10 ** precision;
    return zero(fixed(val, precision));
  }
  const base = s.to === "si" ? 1000 : 1024;
  let power = 0;
  while (Math.abs(val) >= base && power < SUFFIXES.length) {
    power++;
    val /= base;
  }
  let adjust = 0;
  if (s.precision !== -1) adjust = Math.min(power * 3, s.precision);
  else if (Math.abs(val) < 10) adjust = 1;
  val = roundBy(val * 10 ** adjust, s.round) / 10 ** adjust;
  if (Math.abs(val) >= base) {
    val /= base;
    power++;
  }
  const showPoint = val !== 0 && Math.abs(val) < 10 && power > 0;
  const digits = s.precision !== -1 ? Math.min(power * 3, s.precision) : showPoint ? 1 : 0;
  let out = zero(fixed(val, digits)) + (power ? SUFFIXES[power - 1] : "");
  if (s.to === "iec-i" && power > 0) out += "i";
  return out;
}

function parseFields(spec: string): Array<[number, number]> | null {
  const out: Array<[number, number]> = [];
  for (const part of spec.split(",")) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3] && !m[2])) return null;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    if (a === 0 || b === 0 || b < a) return null;
    out.push([a, b]);
  }
  return out;
}

function readSettings(ctx: CommandContext, opts: Exclude<ReturnType<typeof parseOptions>, number>): Settings | number {
  const s: Settings = {
    from: "none", to: "none", round: "from-zero", suffix: null, padding: 0, autoPadding: true, zeroPad: 0,
    precision: -1, prefix: "", postfix: "", delimiter: null, fields: [[1, 1]], fromUnit: 1, toUnit: 1, invalid: "abort",
  };
  const fail = (message: string) => {
    ctx.stderr.write(`numfmt: ${message}\n`);
    return 1;
  };
  const scales = [["none", "none"], ["auto", "auto"], ["si", "si"], ["iec", "iec"], ["iec-i", "iec-i"]] as const;
  for (const { key, value } of opts.order) {
    const v = value as string;
    switch (key) {
      case "from": s.from = argmatch(ctx, "--from", v, scales); break;
      case "to": s.to = argmatch(ctx, "--to", v, scales.filter(([n]) => n !== "auto")); break;
      case "round":
        s.round = argmatch(ctx, "--round", v, [["up", "up"], ["down", "down"], ["from-zero", "from-zero"], ["towards-zero", "towards-zero"], ["nearest", "nearest"]] as const);
        break;
      case "invalid":
        s.invalid = argmatch(ctx, "--invalid", v, [["abort", "abort"], ["fail", "fail"], ["warn", "warn"], ["ignore", "ignore"]] as const);
        break;
      case "suffix": s.suffix = v; break;
      case "padding":
        if (!/^[-+]?\d+$/.test(v) || Number(v) === 0) return fail(`invalid padding value ${quoteValue(v)}`);
        s.padding = Number(v);
        s.autoPadding = false;
        break;
      case "delimiter":
        if ([...v].length !== 1) return fail("the delimiter must be a single character");
        s.delimiter = v;
        break;
      case "field": {
        const f = parseFields(v);
        if (!f) return fail(`invalid field value ${quoteValue(v)}`);
        s.fields = f;
        break;
      }
      case "fromUnit":
      case "toUnit": {
        const n = Number(v);
        if (!/^\d+$/.test(v) || n === 0) return fail(`invalid unit size: ${quoteValue(v)}`);
        if (key === "fromUnit") s.fromUnit = n;
        else s.toUnit = n;
        break;
      }
      case "format": {
        const m = /^((?:[^%]|%%)*)%([0'-]*)(\d*)(?:\.(\d*))?f((?:[^%]|%%)*)$/.exec(v);
        if (!v.includes("%")) return fail(`format ${quoteValue(v)} has no % directive`);
        if (!m) return fail(`invalid format ${quoteValue(v)}, directive must be %[0]['][-][N][.][N]f`);
        s.prefix = m[1].replace(/%%/g, "%");
        s.postfix = m[5].replace(/%%/g, "%");
        const width = m[3] ? Number(m[3]) : 0;
        if (width) {
          if (m[2].includes("-")) s.padding = -width;
          else if (m[2].includes("0")) s.zeroPad = width;
          else s.padding = width;
          s.autoPadding = false;
        }
        if (m[4] !== undefined) s.precision = m[4] === "" ? 0 : Number(m[4]);
        break;
      }
    }
  }
  return s;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  let s: Settings | number;
  try {
    s = readSettings(ctx, opts);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
  if (typeof s === "number") return s;
  const settings = s;
  let header = 0;
  if (opts.has("header")) {
    const h = opts.get("header");
    if (h !== undefined && (!/^\d+$/.test(h) || Number(h) === 0)) {
      ctx.stderr.write(`numfmt: invalid header value ${quoteValue(h)}\n`);
      return 1;
    }
    header = h === undefined ? 1 : Number(h);
  }
  const out = new OutputBuffer(ctx.stdout);
  let anyInvalid = false;
  const delim = opts.has("zero") ? "\0" : "\n";
  const line = async (text: string, terminated: boolean) => {
    const r = processLine(ctx, text, settings);
    if (!r.ok) anyInvalid = true;
    await out.write(encodeUtf8(r.text + (terminated ? delim : "")));
  };
  try {
    if (opts.operands.length) {
      for (const a of opts.operands) await line(a, true);
    } else {
      for await (const l of readLines(ctx.stdin, delim.charCodeAt(0))) {
        ctx.budget.step();
        const text = decodeUtf8(l.bytes);
        if (header > 0) {
          header--;
          await out.write(encodeUtf8(text + (l.terminated ? delim : "")));
          continue;
        }
        await line(text, l.terminated);
      }
    }
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
    await out.flush();
    return 2;
  }
  await out.flush();
  return anyInvalid && settings.invalid === "fail" ? 2 : 0;
}

/** process_line: each field converted when selected; separators become single spaces (or the delimiter). */
function processLine(ctx: CommandContext, line: string, s: Settings): { text: string; ok: boolean } {
  let out = "";
  let ok = true;
  let pos = 0;
  for (let field = 1; ; field++) {
    let end = pos;
    if (s.delimiter !== null) {
      if (line[end] !== s.delimiter) while (end < line.length && line[end] !== s.delimiter) end++;
    } else {
      while (end < line.length && (line[end] === " " || line[end] === "\t")) end++;
      while (end < line.length && line[end] !== " " && line[end] !== "\t") end++;
    }
    const text = line.slice(pos, end);
    const selected = s.fields.some(([a, b]) => field >= a && field <= b);
    if (selected) {
      const r = processField(ctx, text, field, s);
      if (r === null) {
        ok = false;
        out += text;
      } else out += r;
    } else out += text;
    if (end < line.length) {
      out += s.delimiter ?? " ";
      pos = end + 1;
    } else break;
  }
  return { text: out, ok };
}

function processField(ctx: CommandContext, raw: string, field: number, s: Settings): string | null {
  let text = raw;
  if (s.suffix && text.length > s.suffix.length && text.endsWith(s.suffix)) text = text.slice(0, -s.suffix.length);
  let p = 0;
  while (text[p] === " " || text[p] === "\t") p++;
  let padding = s.padding;
  if (s.autoPadding && s.delimiter === null) padding = p > 0 || field > 1 ? text.length : 0;
  const parsed = parseNumber(text.slice(p), s);
  const report = (m: string) => {
    if (s.invalid !== "ignore") ctx.stderr.write(`numfmt: ${m}\n`);
    if (s.invalid === "abort") throw new Abort();
    return null;
  };
  if (typeof parsed === "string") return report(parsed);
  const val = (parsed.value * s.fromUnit) / s.toUnit;
  const precision = s.precision === -1 ? parsed.precision : s.precision;
  const magnitude = Math.abs(val) >= 1 ? Math.floor(Math.log10(Math.abs(val)) + 1e-12) : 0;
  if (s.to === "none" && magnitude + precision > 18) {
    return report(precision ? `value/precision too large to be printed: '${val}/${precision}' (consider using --to)` : `value too large to be printed: '${val}' (consider using --to)`);
  }
  let buf = toHuman(val, precision, s) + (s.suffix ?? "");
  const width = Math.abs(padding);
  if (padding && buf.length < width) buf = padding > 0 ? buf.padStart(width) : buf.padEnd(width);
  return s.prefix + buf + s.postfix;
}

export const numfmt: CommandDef = { name: "numfmt", help: HELP, run };
