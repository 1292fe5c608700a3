import type { CommandContext, CommandDef } from "./types.js";
import type { ByteReader } from "../src/io/streams.js";
import { concatBytes } from "../src/io/streams.js";
import { parseOptions, UsageError, type OptionSpec } from "./_lib/options.js";
import { parseSize } from "./_lib/size.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { openOperand, displayName } from "./_lib/files.js";

/**
 * tail: the last N lines or bytes of each input, or everything from line/byte N
 * (+N). `-f` prints like plain tail and returns at end of input: the sandbox has
 * no writer that could append later.
 */

const HELP = `Usage: tail [OPTION]... [FILE]...
Print the last 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.
With no FILE, or when FILE is -, read standard input.

  -c, --bytes=[+]NUM       output the last NUM bytes; or use -c +NUM to output starting with byte NUM
  -f, --follow[={name|descriptor}]
                           output appended data as the file grows (in the sandbox: returns at end of input)
  -F                       same as --follow=name --retry
  -n, --lines=[+]NUM       output the last NUM lines; or use -n +NUM to skip NUM-1 lines at the start
      --max-unchanged-stats=N, --pid=PID, -s, --sleep-interval=N, --retry
                           accepted for compatibility with -f
  -q, --quiet, --silent    never output headers giving file names
  -v, --verbose            always output headers giving file names
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help               display this help and exit
      --version            output version information and exit

NUM may have a multiplier suffix: b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024, and so on for G, T, P, E, Z, Y.
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  follow: { long: "follow", arg: "optional" },
  f: { short: "f" },
  followRetry: { short: "F" },
  retry: { long: "retry" },
  maxUnchanged: { long: "max-unchanged-stats", arg: "required" },
  disableInotify: { long: ["disable-inotify", "-disable-inotify"] },
  pid: { long: "pid", arg: "required" },
  presume: { long: ["-presume-input-pipe", "presume-input-pipe"] },
  quiet: { short: "q", long: ["quiet", "silent"] },
  sleep: { short: "s", long: "sleep-interval", arg: "required" },
  verbose: { short: "v", long: "verbose" },
  zero: { short: "z", long: "zero-terminated" },
  bytes: { short: "c", long: "bytes", arg: "required" },
  lines: { short: "n", long: "lines", arg: "required" },
  ...Object.fromEntries([..."0123456789"].map((d) => [`digit${d}`, { short: d }])),
};

interface Count {
  lines: boolean;
  fromStart: boolean;
  n: bigint;
}

/** Parses a -n/-c value: "+N" from the start, "-N" or "N" from the end. */
function parseCount(ctx: CommandContext, text: string, lines: boolean): Count {
  const fromStart = text.startsWith("+");
  const num = text.startsWith("-") ? text.slice(1) : text;
  const r = parseSize(num, "bkKmMGTPEZY0");
  if ("error" in r) {
    const why = r.error === "overflow" ? ": Value too large for defined data type" : "";
    ctx.stderr.write(`tail: invalid number of ${lines ? "lines" : "bytes"}: ${quoteValue(num)}${why}\n`);
    throw new UsageError(1);
  }
  return { lines, fromStart, n: r.value };
}

/**
 * The obsolete forms `tail [+-]NUM[bcl][f] [FILE]`, taken only when at most one
 * file follows. Returns the count and whether -f was given, or null.
 */
function obsoleteForm(ctx: CommandContext, args: string[]): { count: Count; follow: boolean } | null {
  // At most one file may follow (after an optional "--").
  const oneFile =
    args.length === 1 ||
    (args.length === 2 && !(args[1].startsWith("-") && args[1].length > 1)) ||
    ((args.length === 2 || args.length === 3) && args[1] === "--");
  if (!oneFile) return null;
  const a = args[0];
  if (a[0] !== "+" && a[0] !== "-") return null;
  const p = a.slice(1);
  if (a[0] === "-" && !p[p[0] === "c" ? 1 : 0]) return null;
  const m = /^(\d*)([bcl]?)(f?)$/.exec(p);
  if (!m) return null;
  let n = m[1] === "" ? 10n : BigInt(m[1]);
  if (m[2] === "b") n *= 512n;
  if (n > (1n << 64n) - 1n) {
    ctx.stderr.write(`tail: invalid number: ${quoteValue(a)}: Numerical result out of range\n`);
    throw new UsageError(1);
  }
  return { count: { lines: m[2] === "" || m[2] === "l", fromStart: a[0] === "+", n }, follow: m[3] === "f" };
}

/** Checks a value GNU validates at once even though the sandbox never sleeps or waits on it. */
function checkValue(ctx: CommandContext, key: string, value: string): void {
  if (key === "follow" && !["descriptor", "name"].some((v) => v.startsWith(value) && value !== "")) {
    const ambiguous = value === "";
    ctx.stderr.write(
      `tail: ${ambiguous ? "ambiguous" : "invalid"} argument ${quoteValue(value)} for ‘--follow’\n` +
        "Valid arguments are:\n  - ‘descriptor’\n  - ‘name’\n" +
        "Try 'tail --help' for more information.\n",
    );
    throw new UsageError(1);
  }
  if (key === "sleep" && !/^\s*\+?(\d+\.?\d*|\.\d+)$/.test(value)) {
    ctx.stderr.write(`tail: invalid number of seconds: ${quoteValue(value)}\n`);
    throw new UsageError(1);
  }
  if (key === "pid" && !/^\s*\+?\d+$/.test(value)) {
    ctx.stderr.write(`tail: invalid PID: ${quoteValue(value)}\n`);
    throw new UsageError(1);
  }
}

async function run(ctx: CommandContext): Promise<number> {
  try {
    let args = ctx.args;
    let count: Count = { lines: true, fromStart: false, n: 10n };
    let follow = false;
    const obsolete = obsoleteForm(ctx, args);
    if (obsolete) {
      count = obsolete.count;
      follow = obsolete.follow;
      args = args.slice(1);
    }
    let verbose: boolean | undefined;
    let byName = false;
    const onOption = (key: string, value: string | true) => {
      if (key.startsWith("digit")) {
        ctx.stderr.write(`tail: option used in invalid context -- ${key.slice(5)}\n`);
        throw new UsageError(1);
      }
      if (typeof value === "string") checkValue(ctx, key, value);
      if (key === "lines" || key === "bytes") count = parseCount(ctx, value as string, key === "lines");
      else if (key === "quiet") verbose = false;
      else if (key === "verbose") verbose = true;
      else if (key === "follow") {
        follow = true;
        byName = typeof value === "string" && "name".startsWith(value);
      } else if (key === "f") {
        follow = true;
        byName = false;
      } else if (key === "followRetry") follow = byName = true;
    };
    const opts = parseOptions(ctx, SPEC, { help: HELP, onOption }, args);
    if (typeof opts === "number") return opts;
    const operands = opts.operands.length ? opts.operands : ["-"];
    if (follow && byName && operands.includes("-")) {
      ctx.stderr.write(`tail: cannot follow ${quoteAlways("-")} by name\n`);
      return 1;
    }
    if (opts.has("retry") && !follow) {
      ctx.stderr.write("tail: warning: --retry ignored; --retry is useful only when following\n");
    } else if (opts.has("retry") && !byName) {
      ctx.stderr.write("tail: warning: --retry only effective for the initial open\n");
    }
    if (opts.has("pid") && !follow) {
      ctx.stderr.write("tail: warning: PID ignored; --pid=PID is useful only when following\n");
    }
    const headers = verbose ?? operands.length > 1;
    const delim = opts.has("zero") ? 0 : 0x0a;
    return await tailAll(ctx, operands, count, headers, delim, follow);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
}

async function tailAll(
  ctx: CommandContext,
  operands: string[],
  count: Count,
  headers: boolean,
  delim: number,
  follow: boolean,
): Promise<number> {
  let status = 0;
  let firstHeader = true;
  // Inputs -f would go on watching: files that opened (pipes and stdin are never followed).
  let followable = 0;
  let failed = 0;
  for (const operand of operands) {
    const opened = await openOperand(ctx, operand);
    if ("openError" in opened) {
      ctx.stderr.write(`tail: cannot open ${quoteAlways(operand)} for reading: ${opened.openError.message}\n`);
      status = 1;
      failed++;
      continue;
    }
    if (headers) {
      await ctx.stdout.write(`${firstHeader ? "" : "\n"}==> ${displayName(operand)} <==\n`);
      firstHeader = false;
    }
    if ("readError" in opened) {
      ctx.stderr.write(`tail: error reading ${quoteAlways(operand)}: ${opened.readError.message}\n`);
      status = 1;
      failed++;
      continue;
    }
    const { reader, owned } = opened;
    if (owned) followable++;
    try {
      if (count.fromStart) await copyFrom(ctx, reader, count.n, count.lines ? delim : -1);
      else if (count.lines) await ctx.stdout.write(await lastLines(ctx, reader, count.n, delim));
      else await ctx.stdout.write(await lastBytes(ctx, reader, count.n));
    } finally {
      if (owned) reader.close();
    }
  }
  // GNU gives up when every input it could follow failed to open.
  if (follow && failed > 0 && followable === 0) {
    ctx.stderr.write("tail: no files remaining\n");
    status = 1;
  }
  return status;
}

/** Streams everything from line (delim >= 0) or byte n on; +0 is the same as +1. */
async function copyFrom(ctx: CommandContext, reader: ByteReader, n: bigint, delim: number): Promise<void> {
  let skip = n > 0n ? n - 1n : 0n;
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    ctx.budget.step();
    if (skip === 0n) {
      await ctx.stdout.write(chunk);
      continue;
    }
    if (delim < 0) {
      if (BigInt(chunk.length) > skip) {
        await ctx.stdout.write(chunk.subarray(Number(skip)));
        skip = 0n;
      } else skip -= BigInt(chunk.length);
      continue;
    }
    let pos = 0;
    while (skip > 0n) {
      const nl = chunk.indexOf(delim, pos);
      if (nl < 0) break;
      pos = nl + 1;
      skip--;
    }
    if (skip === 0n && pos < chunk.length) await ctx.stdout.write(chunk.subarray(pos));
  }
}

function countByte(chunk: Uint8Array, b: number): number {
  let k = 0;
  for (let p = chunk.indexOf(b); p >= 0; p = chunk.indexOf(b, p + 1)) k++;
  return k;
}

/** Reads to the end, keeping only the chunks that can hold the last n lines. */
async function lastLines(ctx: CommandContext, reader: ByteReader, n: bigint, delim: number): Promise<Uint8Array> {
  const want = n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
  if (want === 0) {
    while (await reader.read()) ctx.budget.step();
    return new Uint8Array(0);
  }
  const held: Array<{ chunk: Uint8Array; ends: number }> = [];
  let endsAfterFirst = 0;
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    ctx.budget.step();
    const ends = countByte(chunk, delim);
    if (held.length > 0) endsAfterFirst += ends;
    held.push({ chunk, ends });
    // The first chunk can go once the later ones hold n + 1 line ends.
    while (held.length > 1 && endsAfterFirst > want) {
      held.shift();
      endsAfterFirst -= held[0].ends;
    }
  }
  const data = concatBytes(held.map((h) => h.chunk));
  let i = data.length;
  if (i > 0 && data[i - 1] === delim) i--;
  let left = want;
  while (i > 0) {
    const j = data.lastIndexOf(delim, i - 1);
    if (j < 0) break;
    if (--left === 0) return data.subarray(j + 1);
    i = j;
  }
  return data;
}

/** Reads to the end, keeping the last n bytes. */
async function lastBytes(ctx: CommandContext, reader: ByteReader, n: bigint): Promise<Uint8Array> {
  const want = n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
  const held: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    ctx.budget.step();
    held.push(chunk);
    size += chunk.length;
    while (held.length > 1 && size - held[0].length >= want) size -= held.shift()!.length;
  }
  const data = concatBytes(held, size);
  return want >= data.length ? data : data.subarray(data.length - want);
}

export const tail: CommandDef = { name: "tail", help: HELP, run };
