import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { openOperand } from "./_lib/files.js";
import { readWhole } from "./_lib/input.js";
import { readLineBatches } from "./_lib/lines.js";
import { ByteBuilder } from "./_lib/output.js";
import { quoteFile, quoteValue } from "./_lib/quote.js";
import type { ByteReader } from "../src/io/streams.js";
import { encodeUtf8 } from "../src/io/utf8.js";

/**
 * cut (GNU coreutils 9.1): bytes (-b, and -c, which upstream cut treats as
 * bytes too) or delimited fields (-f) of each line, with --complement,
 * --output-delimiter, -s and -z. Lists are parsed as set-fields.c does.
 */

const HELP = `Usage: cut OPTION... [FILE]...
Print selected parts of lines from each FILE to standard output.
`;

const SPEC: OptionSpec = {
  bytes: { short: "b", long: "bytes", arg: "required" },
  chars: { short: "c", long: "characters", arg: "required" },
  fields: { short: "f", long: "fields", arg: "required" },
  delimiter: { short: "d", long: "delimiter", arg: "required" },
  n: { short: "n" },
  complement: { long: "complement" },
  onlyDelimited: { short: "s", long: "only-delimited" },
  outputDelimiter: { long: "output-delimiter", arg: "required" },
  zero: { short: "z", long: "zero-terminated" },
};

/** Selected 1-based ranges [lo, hi], sorted and merged (hi may be Infinity). */
type Ranges = Array<[number, number]>;

/** set_fields: parses a list such as "1,3-5,7-"; throws UsageError after GNU's message. */
export function parseList(ctx: CommandContext, list: string, positions: boolean, complement: boolean): Ranges {
  const fail = (msg: string): never => {
    throw usageError(ctx, msg);
  };
  const fromOne = positions ? "byte/character positions are numbered from 1" : "fields are numbered from 1";
  const ranges: Ranges = [];
  let initial = 1;
  let value = 0;
  let lhs = false;
  let rhs = false;
  let dash = false;
  let numStart = -1;
  for (let i = 0; ; i++) {
    const ch = list[i];
    if (ch === "-") {
      numStart = -1;
      if (dash) fail(positions ? "invalid byte or character range" : "invalid field range");
      dash = true;
      if (lhs && !value) fail(fromOne);
      initial = lhs ? value : 1;
      value = 0;
    } else if (ch === undefined || ch === "," || ch === " " || ch === "\t") {
      numStart = -1;
      if (dash) {
        dash = false;
        if (!lhs && !rhs) fail("invalid range with no endpoint: -");
        if (!rhs) ranges.push([initial, Infinity]);
        else {
          if (value < initial) fail("invalid decreasing range");
          ranges.push([initial, value]);
        }
        value = 0;
      } else {
        if (value === 0) fail(fromOne);
        ranges.push([value, value]);
        value = 0;
      }
      if (ch === undefined) break;
      lhs = false;
      rhs = false;
    } else if (ch >= "0" && ch <= "9") {
      if (numStart < 0) numStart = i;
      if (dash) rhs = true;
      else lhs = true;
      value = value * 10 + (ch.charCodeAt(0) - 48);
      if (value >= 2 ** 64 - 1) {
        const bad = /^\d*/.exec(list.slice(numStart))![0];
        fail(`${positions ? "byte/character offset" : "field number"} ${quoteValue(bad)} is too large`);
      }
    } else {
      fail(`${positions ? "invalid byte/character position" : "invalid field value"} ${quoteValue(list.slice(i))}`);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Ranges = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  if (!complement) return merged;
  const out: Ranges = [];
  if (merged[0][0] > 1) out.push([1, merged[0][0] - 1]);
  for (let i = 1; i < merged.length; i++) {
    if (merged[i - 1][1] + 1 !== merged[i][0]) out.push([merged[i - 1][1] + 1, merged[i][0] - 1]);
  }
  const end = merged[merged.length - 1][1];
  if (end !== Infinity) out.push([end + 1, Infinity]);
  return out;
}

interface CutSettings {
  fieldMode: boolean;
  ranges: Ranges;
  delim: number;
  outDelim: Uint8Array | null;
  onlyDelimited: boolean;
  lineDelim: number;
}

/** Appends line[start..end) to the builder (short runs byte by byte, which is cheaper than a subarray). */
function append(out: ByteBuilder, line: Uint8Array, start: number, end: number): void {
  const n = end - start;
  if (n <= 0) return;
  out.reserve(n);
  if (n < 32) {
    const buf = out.buf;
    let o = out.length;
    for (let i = start; i < end; i++) buf[o++] = line[i];
    out.length = o;
  } else {
    out.buf.set(line.subarray(start, end), out.length);
    out.length += n;
  }
}

/** One line in byte mode: the selected bytes, ranges joined by the output delimiter if one was given. */
function cutBytes(line: Uint8Array, s: CutSettings, out: ByteBuilder): void {
  let printed = false;
  for (const [lo, hi] of s.ranges) {
    if (lo > line.length) break;
    if (printed && s.outDelim) out.bytes(s.outDelim);
    printed = true;
    append(out, line, lo - 1, Math.min(hi, line.length));
  }
}

/** Whether field number n (1-based) is selected. */
function selected(ranges: Ranges, n: number): boolean {
  for (const [lo, hi] of ranges) {
    if (n < lo) return false;
    if (n <= hi) return true;
  }
  return false;
}

/** One line in field mode, without its terminator; returns false when -s drops it. */
function cutFields(line: Uint8Array, s: CutSettings, out: ByteBuilder): boolean {
  const delim = s.delim;
  let p = line.indexOf(delim);
  if (p < 0) {
    if (s.onlyDelimited) return false;
    append(out, line, 0, line.length);
    return true;
  }
  let start = 0;
  let n = 1;
  let any = false;
  const lastHi = s.ranges.length ? s.ranges[s.ranges.length - 1][1] : 0;
  for (;;) {
    const end = p < 0 ? line.length : p;
    if (selected(s.ranges, n)) {
      if (any) out.bytes(s.outDelim!);
      append(out, line, start, end);
      any = true;
    }
    if (p < 0 || n >= lastHi) break;
    start = p + 1;
    p = line.indexOf(delim, start);
    n++;
  }
  return true;
}

function settingsFrom(ctx: CommandContext): { s: CutSettings; files: string[] } {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") throw new UsageError(opts);
  let list: string | undefined;
  let fieldMode = false;
  for (const { key, value } of opts.order) {
    if (key !== "bytes" && key !== "chars" && key !== "fields") continue;
    if (list !== undefined) throw usageError(ctx, "only one list may be specified");
    list = value as string;
    fieldMode = key === "fields";
  }
  if (list === undefined) throw usageError(ctx, "you must specify a list of bytes, characters, or fields");
  const d = opts.get("delimiter");
  if (d !== undefined) {
    if (!fieldMode) throw usageError(ctx, "an input delimiter may be specified only when operating on fields");
  }
  if (opts.has("onlyDelimited") && !fieldMode) {
    throw usageError(ctx, "suppressing non-delimited lines makes sense\n\tonly when operating on fields");
  }
  let delim = 0x09;
  if (d !== undefined) {
    const bytes = encodeUtf8(d);
    if (bytes.length > 1) throw usageError(ctx, "the delimiter must be a single character");
    delim = bytes.length ? bytes[0] : 0;
  }
  const ranges = parseList(ctx, list, !fieldMode, opts.has("complement"));
  const od = opts.get("outputDelimiter");
  return {
    s: {
      fieldMode,
      ranges,
      delim,
      outDelim: od !== undefined ? encodeUtf8(od) : fieldMode ? new Uint8Array([delim]) : null,
      onlyDelimited: opts.has("onlyDelimited"),
      lineDelim: opts.has("zero") ? 0 : 0x0a,
    },
    files: opts.operands.length ? opts.operands : ["-"],
  };
}

async function cutStream(ctx: CommandContext, reader: ByteReader, s: CutSettings): Promise<void> {
  const out = new ByteBuilder(64 * 1024);
  if (s.fieldMode && s.delim === s.lineDelim) {
    // -d matching the line delimiter: the whole input is one line of fields.
    let all = await readWhole(ctx, reader);
    if (all.length === 0) return;
    if (all[all.length - 1] === s.lineDelim) all = all.subarray(0, all.length - 1);
    if (cutFields(all, s, out)) out.byte(s.lineDelim);
  } else {
    for await (const batch of readLineBatches(reader, s.lineDelim)) {
      ctx.budget.step(batch.length);
      for (const { bytes } of batch) {
        if (s.fieldMode) {
          if (!cutFields(bytes, s, out)) continue;
        } else {
          cutBytes(bytes, s, out);
        }
        out.byte(s.lineDelim);
      }
      if (out.length >= 32 * 1024) await ctx.stdout.write(out.take());
    }
  }
  if (out.length) await ctx.stdout.write(out.take());
}

async function run(ctx: CommandContext): Promise<number> {
  let settings: { s: CutSettings; files: string[] };
  try {
    settings = settingsFrom(ctx);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
  let status = 0;
  for (const file of settings.files) {
    const opened = await openOperand(ctx, file);
    if ("reader" in opened) {
      await cutStream(ctx, opened.reader, settings.s);
      continue;
    }
    const err = "openError" in opened ? opened.openError : opened.readError;
    ctx.stderr.write(`${ctx.name}: ${quoteFile(file)}: ${err.message}\n`);
    status = 1;
  }
  return status;
}

export const cut: CommandDef = { name: "cut", help: HELP, run };
