import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { argmatch } from "./_lib/argmatch.js";
import { openInput } from "./_lib/input.js";
import { readLineBatches } from "./_lib/lines.js";
import { OutputBuffer } from "./_lib/output.js";
import { quoteAlways, quoteFile, quoteValue } from "./_lib/quote.js";
import { CollectingWriter, type ByteWriter } from "../src/io/streams.js";
import { isFsError } from "../src/fs/types.js";

/**
 * uniq (GNU coreutils 9.1): adjacent equal lines, compared as bytes after
 * skipping fields (-f) and bytes (-s), on at most -w bytes, optionally ignoring
 * case. Streams its input; the port follows uniq.c's two loops (plain/--group,
 * and the counting/repeated one) so the separators land where GNU puts them.
 */

const HELP = `Usage: uniq [OPTION]... [INPUT [OUTPUT]]
Filter adjacent matching lines from INPUT (or standard input),
writing to OUTPUT (or standard output).
`;

const SPEC: OptionSpec = {
  count: { short: "c", long: "count" },
  repeated: { short: "d", long: "repeated" },
  D: { short: "D" },
  allRepeated: { long: "all-repeated", arg: "optional" },
  fields: { short: "f", long: "skip-fields", arg: "required" },
  group: { long: "group", arg: "optional" },
  ignoreCase: { short: "i", long: "ignore-case" },
  chars: { short: "s", long: "skip-chars", arg: "required" },
  unique: { short: "u", long: "unique" },
  width: { short: "w", long: "check-chars", arg: "required" },
  zero: { short: "z", long: "zero-terminated" },
};

type Delimit = "none" | "prepend" | "separate";
type Grouping = "none" | "prepend" | "append" | "separate" | "both";

interface UniqSettings {
  skipFields: number;
  skipChars: number;
  checkChars: number;
  ignoreCase: boolean;
  count: boolean;
  outputUnique: boolean;
  outputFirstRepeated: boolean;
  outputLaterRepeated: boolean;
  delimit: Delimit;
  grouping: Grouping;
  delim: number;
}

/** size_opt: a non-negative count (huge values saturate); otherwise "x: invalid number of ...". */
function sizeOption(ctx: CommandContext, text: string, what: string): number {
  const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(text);
  if (!m) {
    ctx.stderr.write(`${ctx.name}: ${text}: ${what}\n`);
    throw new UsageError(1);
  }
  return Math.min(Number(m[1]), Number.MAX_SAFE_INTEGER);
}

function settingsFrom(ctx: CommandContext, args: string[]): { s: UniqSettings; files: string[] } {
  const opts = parseOptions(ctx, SPEC, { help: HELP, numberOption: "obsoleteFields" }, args);
  if (typeof opts === "number") throw new UsageError(opts);
  const s: UniqSettings = {
    skipFields: 0, skipChars: 0, checkChars: Number.MAX_SAFE_INTEGER, ignoreCase: false, count: false,
    outputUnique: true, outputFirstRepeated: true, outputLaterRepeated: false,
    delimit: "none", grouping: "none", delim: 0x0a,
  };
  for (const { key, value } of opts.order) {
    const v = value === true ? "" : value;
    if (key === "count") s.count = true;
    else if (key === "repeated") s.outputUnique = false;
    else if (key === "D" || key === "allRepeated") {
      s.outputUnique = false;
      s.outputLaterRepeated = true;
      s.delimit = value === true ? "none" : argmatch<Delimit>(ctx, "--all-repeated", v,
        [["none", "none"], ["prepend", "prepend"], ["separate", "separate"]]);
    } else if (key === "group") {
      s.grouping = value === true ? "separate" : argmatch<Grouping>(ctx, "--group", v,
        [["prepend", "prepend"], ["append", "append"], ["separate", "separate"], ["both", "both"]]);
    } else if (key === "fields") s.skipFields = sizeOption(ctx, v, "invalid number of fields to skip");
    else if (key === "obsoleteFields") s.skipFields = sizeOption(ctx, v, "invalid number of fields to skip");
    else if (key === "chars") s.skipChars = sizeOption(ctx, v, "invalid number of bytes to skip");
    else if (key === "width") s.checkChars = sizeOption(ctx, v, "invalid number of bytes to compare");
    else if (key === "ignoreCase") s.ignoreCase = true;
    else if (key === "unique") s.outputFirstRepeated = false;
    else if (key === "zero") s.delim = 0;
  }
  const files: string[] = [];
  for (const op of opts.operands) {
    // Obsolete +N: skip N bytes.
    if (/^\+\d+$/.test(op)) s.skipChars = Math.min(Number(op.slice(1)), Number.MAX_SAFE_INTEGER);
    else if (files.length === 2) throw usageError(ctx, `extra operand ${quoteValue(op)}`);
    else files.push(op);
  }
  if (s.grouping !== "none" && (s.count || !s.outputUnique || !s.outputFirstRepeated || s.outputLaterRepeated)) {
    throw usageError(ctx, "--group is mutually exclusive with -c/-d/-D/-u");
  }
  if (s.count && s.outputLaterRepeated) {
    throw usageError(ctx, "printing all duplicated lines and repeat counts is meaningless");
  }
  return { s, files };
}

const BLANK = new Uint8Array(256);
BLANK[0x20] = BLANK[0x09] = BLANK[0x0a] = 1;

/** find_field: where comparison starts (after -f fields and -s bytes). */
function fieldStart(line: Uint8Array, s: UniqSettings): number {
  const size = line.length;
  let i = 0;
  for (let count = 0; count < s.skipFields && i < size; count++) {
    while (i < size && BLANK[line[i]]) i++;
    while (i < size && !BLANK[line[i]]) i++;
  }
  return i + Math.min(s.skipChars, size - i);
}

const upper = (c: number) => (c >= 0x61 && c <= 0x7a ? c - 32 : c);

/** different(): the compared parts of two lines differ (bytes, or bytes up to case with -i). */
function different(a: Uint8Array, as: number, b: Uint8Array, bs: number, s: UniqSettings): boolean {
  const alen = Math.min(a.length - as, s.checkChars);
  const blen = Math.min(b.length - bs, s.checkChars);
  if (alen !== blen) return true;
  if (s.ignoreCase) {
    for (let k = 0; k < alen; k++) if (upper(a[as + k]) !== upper(b[bs + k])) return true;
  } else {
    for (let k = 0; k < alen; k++) if (a[as + k] !== b[bs + k]) return true;
  }
  return false;
}

/**
 * The two loops of uniq.c as a line-at-a-time machine: `feed` each line, then
 * `finish`. Both return a promise only when the output asks to wait.
 */
class Uniq {
  private prev: Uint8Array | null = null;
  private prevStart = 0;
  private firstGroupPrinted = false;
  private matchCount = 0;
  private firstDelimiter = true;
  private readonly plain: boolean;
  private readonly delim: Uint8Array;

  constructor(
    private readonly out: OutputBuffer,
    private readonly s: UniqSettings,
  ) {
    // Plain uniq and --group take the first loop of uniq.c.
    this.plain = s.outputUnique && s.outputFirstRepeated && !s.count;
    this.delim = new Uint8Array([s.delim]);
  }

  private writeLine(line: Uint8Array): void | Promise<void> {
    const p = this.out.write(line);
    if (p) return p.then(() => this.out.write(this.delim));
    return this.out.write(this.delim);
  }

  /** writeline(): the line if its kind (unique, first repeated, later repeated) is wanted. */
  private writeCounted(line: Uint8Array, match: boolean, count: number): void | Promise<void> {
    const s = this.s;
    const wanted = count === 0 ? s.outputUnique : !match ? s.outputFirstRepeated : s.outputLaterRepeated;
    if (!wanted) return;
    if (s.count) {
      const p = this.out.write(`${String(count + 1).padStart(7)} `);
      if (p) return p.then(() => this.writeLine(line));
    }
    return this.writeLine(line);
  }

  feed(line: Uint8Array): void | Promise<void> {
    const s = this.s;
    const start = fieldStart(line, s);
    const prev = this.prev;
    if (this.plain) {
      const newGroup = prev === null || different(line, start, prev, this.prevStart, s);
      this.prev = line;
      this.prevStart = start;
      const g = s.grouping;
      let p: void | Promise<void> = undefined;
      if (newGroup && g !== "none" &&
          (g === "prepend" || g === "both" || (this.firstGroupPrinted && (g === "append" || g === "separate")))) {
        p = this.writeLine(new Uint8Array(0));
      }
      if (newGroup || g !== "none") {
        this.firstGroupPrinted = true;
        return p ? p.then(() => this.writeLine(line)) : this.writeLine(line);
      }
      return p;
    }
    if (prev === null) {
      this.prev = line;
      this.prevStart = start;
      return;
    }
    const match = !different(line, start, prev, this.prevStart, s);
    if (match) this.matchCount++;
    let p: void | Promise<void> = undefined;
    if (s.delimit !== "none") {
      if (!match) {
        if (this.matchCount) this.firstDelimiter = false;
      } else if (this.matchCount === 1 && (s.delimit === "prepend" || (s.delimit === "separate" && !this.firstDelimiter))) {
        p = this.writeLine(new Uint8Array(0));
      }
    }
    if (!match || s.outputLaterRepeated) {
      const count = this.matchCount;
      this.prev = line;
      this.prevStart = start;
      if (!match) this.matchCount = 0;
      return p ? p.then(() => this.writeCounted(prev, match, count)) : this.writeCounted(prev, match, count);
    }
    return p;
  }

  finish(): void | Promise<void> {
    if (this.plain) {
      const g = this.s.grouping;
      if ((g === "both" || g === "append") && this.firstGroupPrinted) return this.writeLine(new Uint8Array(0));
      return;
    }
    if (this.prev !== null) return this.writeCounted(this.prev, false, this.matchCount);
  }
}

async function run(ctx: CommandContext): Promise<number> {
  let settings: { s: UniqSettings; files: string[] };
  try {
    settings = settingsFrom(ctx, ctx.args);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
  const { s, files } = settings;
  const inName = files[0] ?? "-";
  let reader;
  let readError = false;
  try {
    reader = await openInput(ctx, inName);
  } catch (e) {
    if (!isFsError(e)) throw e;
    // A directory opens fine and fails on the first read (after the output is opened).
    if (e.code !== "EISDIR") {
      ctx.stderr.write(`${ctx.name}: ${quoteFile(inName)}: ${e.message}\n`);
      return 1;
    }
    readError = true;
  }
  const outName = files[1];
  const toFile = outName !== undefined && outName !== "-";
  const sink: ByteWriter = toFile ? new CollectingWriter() : ctx.stdout;
  if (toFile) {
    // GNU opens (and truncates) the output before reading.
    try {
      await ctx.fs.writeFile(ctx.resolve(outName), new Uint8Array(0), { mode: 0o666 & ~ctx.umask });
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`${ctx.name}: ${quoteFile(outName)}: ${e.message}\n`);
      return 1;
    }
  }
  if (readError || !reader) {
    // GNU loses errno on this path.
    ctx.stderr.write(`${ctx.name}: error reading ${quoteAlways(inName)}\n`);
    return 1;
  }
  const out = new OutputBuffer(sink);
  try {
    const u = new Uniq(out, s);
    for await (const batch of readLineBatches(reader, s.delim)) {
      ctx.budget.step(batch.length);
      for (const { bytes } of batch) {
        const p = u.feed(bytes);
        if (p) await p;
      }
    }
    const p = u.finish();
    if (p) await p;
  } catch (e) {
    if (!isFsError(e)) throw e;
    const p = out.flush();
    if (p) await p;
    ctx.stderr.write(`${ctx.name}: ${quoteFile(inName)}: ${e.message}\n`);
    return 1;
  }
  const p = out.flush();
  if (p) await p;
  if (toFile) await ctx.fs.writeFile(ctx.resolve(outName), (sink as CollectingWriter).bytes());
  return 0;
}

export const uniq: CommandDef = { name: "uniq", help: HELP, run };
