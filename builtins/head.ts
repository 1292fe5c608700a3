import type { CommandContext, CommandDef } from "./types.js";
import type { ByteReader, ByteWriter } from "../src/io/streams.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { parseSize } from "./_lib/size.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { openOperand, displayName } from "./_lib/files.js";

/**
 * head: the first (or all but the last) N lines or bytes of each input. It stops
 * reading as soon as it has what it prints, so `yes | head -1` ends at once.
 */

const HELP = `Usage: head [OPTION]... [FILE]...
Print the first 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.
With no FILE, or when FILE is -, read standard input.

  -c, --bytes=[-]NUM       print the first NUM bytes; with a leading '-', all but the last NUM bytes
  -n, --lines=[-]NUM       print the first NUM lines; with a leading '-', all but the last NUM lines
  -q, --quiet, --silent    never print headers giving file names
  -v, --verbose            always print headers giving file names
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help               display this help and exit
      --version            output version information and exit

NUM may have a multiplier suffix: b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024, and so on for G, T, P, E, Z, Y.
`;

const SPEC: OptionSpec = {
  bytes: { short: "c", long: "bytes", arg: "required" },
  lines: { short: "n", long: "lines", arg: "required" },
  quiet: { short: "q", long: ["quiet", "silent"] },
  verbose: { short: "v", long: "verbose" },
  zero: { short: "z", long: "zero-terminated" },
  ...Object.fromEntries([..."0123456789"].map((d) => [`digit${d}`, { short: d }])),
};

interface Count {
  lines: boolean;
  /** Count from the end: print all but the last n. */
  allBut: boolean;
  n: bigint;
}

/** Parses a -n/-c value ("-5" means all but the last 5); throws UsageError. */
function parseCount(ctx: CommandContext, text: string, lines: boolean): Count {
  const allBut = text.startsWith("-");
  const num = allBut ? text.slice(1) : text;
  const r = parseSize(num, "bkKmMGTPEZY0");
  if ("error" in r) {
    const what = lines ? "lines" : "bytes";
    const why = r.error === "overflow" ? ": Value too large for defined data type" : "";
    ctx.stderr.write(`head: invalid number of ${what}: ${quoteValue(num)}${why}\n`);
    throw new UsageError(1);
  }
  return { lines, allBut, n: r.value };
}

/** The obsolete first argument -NUM[bkm][cqvlz]; returns the options it means. */
function obsoleteForm(ctx: CommandContext, arg: string): string[] {
  const m = /^-(\d+)(.*)$/s.exec(arg)!;
  let lines = true;
  let mult = "";
  const extra: string[] = [];
  for (const ch of m[2]) {
    if (ch === "c") {
      lines = false;
      mult = "";
    } else if (ch === "b" || ch === "k" || ch === "m") {
      lines = false;
      mult = ch;
    } else if (ch === "l") lines = true;
    else if (ch === "q") extra.push("-q");
    else if (ch === "v") extra.push("-v");
    else if (ch === "z") extra.push("-z");
    else throw usageError(ctx, `invalid trailing option -- ${ch}`);
  }
  return [lines ? "-n" : "-c", m[1] + mult, ...extra];
}

async function run(ctx: CommandContext): Promise<number> {
  let args = ctx.args;
  let count: Count = { lines: true, allBut: false, n: 10n };
  try {
    if (args.length > 0 && /^-\d/.test(args[0])) args = [...obsoleteForm(ctx, args[0]), ...args.slice(1)];
    const onOption = (key: string, value: string | true) => {
      if (key.startsWith("digit")) throw usageError(ctx, `invalid trailing option -- ${key.slice(5)}`);
      if (key === "lines" || key === "bytes") count = parseCount(ctx, value as string, key === "lines");
    };
    const opts = parseOptions(ctx, SPEC, { help: HELP, onOption }, args);
    if (typeof opts === "number") return opts;
    let verbose = false;
    for (const { key } of opts.order) {
      if (key === "quiet") verbose = false;
      if (key === "verbose") verbose = true;
    }
    const operands = opts.operands.length ? opts.operands : ["-"];
    const headers = opts.has("verbose") && verbose ? true : opts.has("quiet") && !verbose ? false : operands.length > 1;
    const delim = opts.has("zero") ? 0 : 0x0a;
    return await headAll(ctx, operands, count, headers, delim);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
}

async function headAll(
  ctx: CommandContext,
  operands: string[],
  count: Count,
  headers: boolean,
  delim: number,
): Promise<number> {
  let status = 0;
  let firstHeader = true;
  for (const operand of operands) {
    const opened = await openOperand(ctx, operand);
    if ("openError" in opened) {
      ctx.stderr.write(`head: cannot open ${quoteAlways(operand)} for reading: ${opened.openError.message}\n`);
      status = 1;
      continue;
    }
    if (headers) {
      await ctx.stdout.write(`${firstHeader ? "" : "\n"}==> ${displayName(operand)} <==\n`);
      firstHeader = false;
    }
    if ("readError" in opened) {
      ctx.stderr.write(`head: error reading ${quoteAlways(operand)}: ${opened.readError.message}\n`);
      status = 1;
      continue;
    }
    const { reader, owned } = opened;
    try {
      if (!count.allBut) await copyFirst(ctx, reader, count.n, count.lines ? delim : -1);
      else if (count.lines) await copyAllButLines(ctx, reader, count.n, delim);
      else await copyAllButBytes(ctx, reader, count.n);
    } finally {
      if (owned) reader.close();
    }
  }
  return status;
}

/**
 * Copies the first n delimited lines (delim >= 0) or n bytes (delim < 0), then
 * stops reading. What it read beyond them goes back to the reader: GNU head
 * seeks a file back the same way, so `{ head -n1; cat; } < file` and
 * `while read ...; head -n1; done < file` see the rest.
 */
async function copyFirst(ctx: CommandContext, reader: ByteReader, n: bigint, delim: number): Promise<void> {
  let left = n;
  const out: ByteWriter = ctx.stdout;
  while (left > 0n) {
    const chunk = await reader.read();
    if (!chunk) return;
    ctx.budget.step();
    let end = chunk.length;
    if (delim < 0) {
      if (BigInt(chunk.length) >= left) end = Number(left);
      left -= BigInt(end);
    } else {
      let pos = 0;
      while (left > 0n) {
        const nl = chunk.indexOf(delim, pos);
        if (nl < 0) break;
        pos = nl + 1;
        left--;
      }
      if (left === 0n) end = pos;
    }
    // GNU head seeks back to just after its last line, which only a regular file allows:
    // `{ head -n1; cat; } < file` prints the rest, a pipe's rest is gone.
    if (end < chunk.length && reader.fileSize !== undefined) reader.unread?.(chunk.subarray(end));
    await out.write(end < chunk.length ? chunk.subarray(0, end) : chunk);
  }
}

/** Copies all but the last n lines, holding back the chunks that hold them. */
async function copyAllButLines(ctx: CommandContext, reader: ByteReader, n: bigint, delim: number): Promise<void> {
  const keep = n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
  const held: Uint8Array[] = [];
  let firstChunk = 0; // index (in read order) of held[0]
  let headOffset = 0; // bytes of held[0] already written
  let ends: Array<{ chunk: number; pos: number }> = [];
  let next = 0; // first entry of `ends` not yet written
  const writeThrough = async (end: { chunk: number; pos: number }) => {
    while (firstChunk < end.chunk) {
      await ctx.stdout.write(held.shift()!.subarray(headOffset));
      headOffset = 0;
      firstChunk++;
    }
    await ctx.stdout.write(held[0].subarray(headOffset, end.pos + 1));
    headOffset = end.pos + 1;
  };
  let last: Uint8Array | null = null;
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    ctx.budget.step();
    const index = firstChunk + held.length;
    held.push(chunk);
    last = chunk;
    for (let p = chunk.indexOf(delim); p >= 0; p = chunk.indexOf(delim, p + 1)) ends.push({ chunk: index, pos: p });
    // Each line end beyond the last `keep` ends closes a line that is certainly printed.
    if (ends.length - next > keep) {
      next = ends.length - keep;
      await writeThrough(ends[next - 1]);
    }
    if (next > 4096) {
      ends = ends.slice(next);
      next = 0;
    }
  }
  const unterminated = last !== null && last.length > 0 && last[last.length - 1] !== delim;
  if (keep === 0) {
    for (const c of held.splice(0)) {
      await ctx.stdout.write(c.subarray(headOffset));
      headOffset = 0;
    }
  } else if (unterminated && ends.length - next === keep) {
    // The unterminated tail is the last line, so one more held line goes out.
    await writeThrough(ends[next]);
  }
}

/** Copies all but the last n bytes. */
async function copyAllButBytes(ctx: CommandContext, reader: ByteReader, n: bigint): Promise<void> {
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    ctx.budget.step();
    held.push(chunk);
    heldBytes += chunk.length;
    let excess = BigInt(heldBytes) - n;
    while (excess > 0n) {
      const first = held[0];
      if (BigInt(first.length) <= excess) {
        held.shift();
        heldBytes -= first.length;
        excess -= BigInt(first.length);
        await ctx.stdout.write(first);
      } else {
        const k = Number(excess);
        await ctx.stdout.write(first.subarray(0, k));
        held[0] = first.subarray(k);
        heldBytes -= k;
        excess = 0n;
      }
    }
  }
}

export const head: CommandDef = { name: "head", help: HELP, run };
