import type { CommandContext, CommandDef } from "./types.js";
import { isFsError } from "../src/fs/types.js";
import { openInput } from "./_lib/input.js";
import { quoteAlways, quoteFile, quoteValue } from "./_lib/quote.js";
import { concatBytes, type ByteReader } from "../src/io/streams.js";

/**
 * dd (GNU coreutils 9.1): if= of= bs= ibs= obs= count= skip=/iseek= seek=/oseek=
 * conv= (ucase lcase swab sync notrunc excl nocreat noerror fsync fdatasync sparse)
 * iflag=/oflag= (fullblock count_bytes skip_bytes seek_bytes append, others accepted),
 * status=none|noxfer|progress. Input is read as from a regular file: full ibs blocks
 * and one short final block.
 */

const HELP = `Usage: dd [OPERAND]...
  or:  dd OPTION
Copy a file, converting and formatting according to the operands.

  bs=BYTES        read and write up to BYTES bytes at a time (default: 512);
                  overrides ibs and obs
  cbs=BYTES       convert BYTES bytes at a time
  conv=CONVS      convert the file as per the comma separated symbol list
  count=N         copy only N input blocks
  ibs=BYTES       read up to BYTES bytes at a time (default: 512)
  if=FILE         read from FILE instead of stdin
  iflag=FLAGS     read as per the comma separated symbol list
  obs=BYTES       write BYTES bytes at a time (default: 512)
  of=FILE         write to FILE instead of stdout
  oflag=FLAGS     write as per the comma separated symbol list
  seek=N          (or oseek=N) skip N obs-sized output blocks
  skip=N          (or iseek=N) skip N ibs-sized input blocks
  status=LEVEL    The LEVEL of information to print to stderr;
                  'none' suppresses everything but error messages,
                  'noxfer' suppresses the final transfer statistics,
                  'progress' shows periodic transfer statistics

N and BYTES may be followed by the following multiplicative suffixes:
c=1, w=2, b=512, kB=1000, K=1024, MB=1000*1000, M=1024*1024, xM=M,
GB=1000*1000*1000, G=1024*1024*1024, and so on for T, P, E, Z, Y.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
If N ends in 'B', it counts bytes not blocks.

Each CONV symbol may be:

  ascii     from EBCDIC to ASCII
  ebcdic    from ASCII to EBCDIC
  ibm       from ASCII to alternate EBCDIC
  block     pad newline-terminated records with spaces to cbs-size
  unblock   replace trailing spaces in cbs-size records with newline
  lcase     change upper case to lower case
  ucase     change lower case to upper case
  sparse    try to seek rather than write all-NUL output blocks
  swab      swap every pair of input bytes
  sync      pad every input block with NULs to ibs-size; when used
            with block or unblock, pad with spaces rather than NULs
  excl      fail if the output file already exists
  nocreat   do not create the output file
  notrunc   do not truncate the output file
  noerror   continue after read errors
  fdatasync  physically write output file data before finishing
  fsync     likewise, but also write metadata

Each FLAG symbol may be:

  append    append mode (makes sense only for output; conv=notrunc suggested)
  direct    use direct I/O for data
  directory  fail unless a directory
  dsync     use synchronized I/O for data
  sync      likewise, but also for metadata
  fullblock  accumulate full blocks of input (iflag only)
  nonblock  use non-blocking I/O
  noatime   do not update access time
  nocache   Request to drop cache.  See also oflag=sync
  noctty    do not assign controlling terminal from file
  nofollow  do not follow symlinks

Sending a USR1 signal to a running 'dd' process makes it
print I/O statistics to standard error and then resume copying.

Options are:

      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/dd>
or available locally via: info '(coreutils) dd invocation'
`;

const CONVS = ["ascii", "ebcdic", "ibm", "block", "unblock", "lcase", "ucase", "sparse", "swab", "sync", "excl", "nocreat", "notrunc", "noerror", "fdatasync", "fsync"];
const IFLAGS = ["append", "binary", "cio", "direct", "directory", "dsync", "sync", "fullblock", "nonblock", "noatime", "nocache", "noctty", "nofollow", "nolinks", "text", "count_bytes", "skip_bytes"];
const OFLAGS = ["append", "binary", "cio", "direct", "directory", "dsync", "sync", "nonblock", "noatime", "nocache", "noctty", "nofollow", "nolinks", "text", "seek_bytes"];

const SUFFIX_POWER: Record<string, number> = { k: 1, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6, Z: 7, Y: 8, R: 9, Q: 10 };

class DdError extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

/** dd's parse_integer: NUMBER[SUFFIX] with "x" products (2x3); "B" at the end means bytes. */
function parseNumber(text: string): { value: number; bytes: boolean } {
  const fail = () => new DdError(`invalid number: ${quoteValue(text)}`);
  let body = text;
  let bytes = false;
  if (/^\d+B$/.test(body)) {
    bytes = true;
    body = body.slice(0, -1);
  }
  let product = 1n;
  for (const factor of body.split("x")) {
    const m = /^(\d+)(c|w|b|[kKMGTPEZYRQ](?:B|iB)?|kB|)$/.exec(factor);
    if (!m) throw fail();
    let v = BigInt(m[1]);
    const s = m[2];
    if (s === "w") v *= 2n;
    else if (s === "b") v *= 512n;
    else if (s && s !== "c") {
      const base = s.endsWith("B") && !s.endsWith("iB") ? 1000n : 1024n;
      v *= base ** BigInt(SUFFIX_POWER[s[0]]);
    }
    product *= v;
  }
  if (product > BigInt(Number.MAX_SAFE_INTEGER)) throw new DdError(`invalid number: ${quoteValue(text)}`);
  return { value: Number(product), bytes };
}

function parseSymbols(kind: string, list: string[], text: string): Set<string> {
  const out = new Set<string>();
  for (const sym of text.split(",")) {
    if (!list.includes(sym)) throw new DdError(`invalid ${kind}: ${quoteValue(sym)}`, true);
    out.add(sym);
  }
  return out;
}

interface Settings {
  input?: string;
  output?: string;
  ibs: number;
  obs: number;
  /** bs= given: one buffer, output blocks mirror input blocks. */
  oneBuffer: boolean;
  count?: number;
  skip: number;
  seek: number;
  conv: Set<string>;
  iflag: Set<string>;
  oflag: Set<string>;
  status: "default" | "none" | "noxfer" | "progress";
}

function parseOperands(args: string[]): Settings {
  const s: Settings = { ibs: 512, obs: 512, oneBuffer: false, skip: 0, seek: 0, conv: new Set(), iflag: new Set(), oflag: new Set(), status: "default" };
  let bs: number | undefined;
  let count: { value: number; bytes: boolean } | undefined;
  let skip: { value: number; bytes: boolean } | undefined;
  let seek: { value: number; bytes: boolean } | undefined;
  const positive = (text: string) => {
    const n = parseNumber(text);
    if (n.value < 1) throw new DdError(`invalid number: ${quoteValue(text)}`);
    return n.value;
  };
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq < 0) throw new DdError(`unrecognized operand ${quoteValue(arg)}`, true);
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    switch (key) {
      case "if": s.input = value; break;
      case "of": s.output = value; break;
      case "bs": bs = positive(value); break;
      case "ibs": s.ibs = positive(value); break;
      case "obs": s.obs = positive(value); break;
      case "cbs": positive(value); break;
      case "count": count = parseNumber(value); break;
      case "skip": case "iseek": skip = parseNumber(value); break;
      case "seek": case "oseek": seek = parseNumber(value); break;
      case "conv": for (const c of parseSymbols("conversion", CONVS, value)) s.conv.add(c); break;
      case "iflag": for (const c of parseSymbols("input flag", IFLAGS, value)) s.iflag.add(c); break;
      case "oflag": for (const c of parseSymbols("output flag", OFLAGS, value)) s.oflag.add(c); break;
      case "status":
        if (value !== "none" && value !== "noxfer" && value !== "progress") throw new DdError(`invalid status level: ${quoteValue(value)}`, true);
        s.status = value;
        break;
      default:
        throw new DdError(`unrecognized operand ${quoteValue(arg)}`, true);
    }
  }
  if (bs !== undefined) {
    s.ibs = s.obs = bs;
    s.oneBuffer = true;
  }
  if (s.conv.has("lcase") && s.conv.has("ucase")) throw new DdError("cannot combine lcase and ucase");
  if (s.conv.has("excl") && s.conv.has("nocreat")) throw new DdError("cannot combine excl and nocreat");
  if (s.conv.has("block") && s.conv.has("unblock")) throw new DdError("cannot combine block and unblock");
  if (count) s.count = count.bytes || s.iflag.has("count_bytes") ? -count.value - 1 : count.value;
  if (skip) s.skip = skip.bytes || s.iflag.has("skip_bytes") ? skip.value : skip.value * s.ibs;
  if (seek) s.seek = seek.bytes || s.oflag.has("seek_bytes") ? seek.value : seek.value * s.obs;
  return s;
}

/** Pulls ibs-sized blocks from a reader, as read(2) on a regular file returns them. */
class BlockReader {
  private pending: Uint8Array[] = [];
  private pendingLen = 0;
  private done = false;
  constructor(private readonly reader: ByteReader) {}

  async take(n: number): Promise<Uint8Array | null> {
    while (this.pendingLen < n && !this.done) {
      const c = await this.reader.read();
      if (!c) this.done = true;
      else {
        this.pending.push(c);
        this.pendingLen += c.length;
      }
    }
    if (this.pendingLen === 0) return null;
    const all = concatBytes(this.pending, this.pendingLen);
    const block = all.slice(0, Math.min(n, all.length));
    const rest = all.subarray(block.length);
    this.pending = rest.length ? [rest] : [];
    this.pendingLen = rest.length;
    return block;
  }
}

function convert(block: Uint8Array, s: Settings): Uint8Array {
  if (s.conv.has("swab")) {
    for (let i = 0; i + 1 < block.length; i += 2) [block[i], block[i + 1]] = [block[i + 1], block[i]];
  }
  if (s.conv.has("ucase")) for (let i = 0; i < block.length; i++) if (block[i] >= 97 && block[i] <= 122) block[i] -= 32;
  if (s.conv.has("lcase")) for (let i = 0; i < block.length; i++) if (block[i] >= 65 && block[i] <= 90) block[i] += 32;
  return block;
}

function humanBytes(n: number, base: number, units: string[]): string {
  let v = n;
  let i = -1;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  return `${v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : Math.ceil(v).toString()} ${units[i]}`;
}

/** The third summary line; the time is the sandbox clock's, so it is tiny and not GNU's. */
function transferLine(bytes: number, seconds: number): string {
  const secs = Math.max(seconds, 1e-6);
  let head = `${bytes} byte${bytes === 1 ? "" : "s"}`;
  if (bytes >= 1000) {
    const si = humanBytes(bytes, 1000, ["kB", "MB", "GB", "TB", "PB", "EB"]);
    head += bytes >= 1024 ? ` (${si}, ${humanBytes(bytes, 1024, ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"])})` : ` (${si})`;
  }
  const rate = bytes / secs;
  const speed = rate >= 1000 ? humanBytes(rate, 1000, ["kB", "MB", "GB", "TB", "PB", "EB"]) : `${rate.toFixed(1)} B`;
  return `${head} copied, ${Number(secs.toPrecision(6))} s, ${speed}/s\n`;
}

async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length === 1 && (ctx.args[0] === "--help" || ctx.args[0] === "--version")) {
    await ctx.stdout.write(ctx.args[0] === "--help" ? HELP : "dd (coreutils) 9.1\n");
    return 0;
  }
  let s: Settings;
  try {
    const args = ctx.args[0] === "--" ? ctx.args.slice(1) : ctx.args;
    if (args.length && args[0].startsWith("-") && args[0] !== "-" && ctx.args[0] !== "--") {
      const a = args[0];
      const msg = a.startsWith("--") ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`;
      ctx.stderr.write(`dd: ${msg}\nTry 'dd --help' for more information.\n`);
      return 1;
    }
    s = parseOperands(args);
  } catch (e) {
    if (!(e instanceof DdError)) throw e;
    ctx.stderr.write(`dd: ${e.message}\n${e.usage ? "Try 'dd --help' for more information.\n" : ""}`);
    return 1;
  }
  const started = ctx.sandbox.now();
  let reader: ByteReader;
  try {
    reader = s.input === undefined ? ctx.stdin : await openInput(ctx, s.input);
  } catch (e) {
    if (!isFsError(e) || s.input === undefined) throw e;
    const message = e.message;
    if (e.code === "EISDIR") return finishWithReadError(ctx, s, started, s.input, message);
    ctx.stderr.write(`dd: failed to open ${quoteAlways(s.input)}: ${message}\n`);
    return 1;
  }
  // Output: a file is built in memory from its kept prefix, then written once.
  let existing: Uint8Array | undefined;
  let outPath: string | undefined;
  if (s.output !== undefined) {
    outPath = ctx.resolve(s.output);
    let exists = false;
    try {
      const st = await ctx.fs.stat(outPath);
      exists = true;
      if (st.type === "directory") throw new DdError(`failed to open ${quoteAlways(s.output)}: Is a directory`);
      if (s.conv.has("excl")) throw new DdError(`failed to open ${quoteAlways(s.output)}: File exists`);
      existing = await ctx.fs.readFile(outPath);
    } catch (e) {
      if (e instanceof DdError) {
        ctx.stderr.write(`dd: ${e.message}\n`);
        return 1;
      }
      if (!isFsError(e, "ENOENT")) throw e;
    }
    if (!exists && s.conv.has("nocreat")) {
      ctx.stderr.write(`dd: failed to open ${quoteAlways(s.output)}: No such file or directory\n`);
      return 1;
    }
    try {
      if (!exists) await ctx.fs.writeFile(outPath, new Uint8Array(0), { mode: 0o666 & ~ctx.umask });
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`dd: failed to open ${quoteAlways(s.output)}: ${e.message}\n`);
      return 1;
    }
  } else if (s.seek > 0) {
    ctx.stderr.write(`dd: 'standard output': cannot seek: Illegal seek\n`);
    return 1;
  }

  const blocks = new BlockReader(reader);
  // Skipping: read and drop whole blocks; past the end, GNU warns and copies nothing.
  let skipped = 0;
  while (skipped < s.skip) {
    const b = await blocks.take(Math.min(s.skip - skipped, 1 << 20));
    if (!b) break;
    skipped += b.length;
    ctx.budget.step();
  }
  if (skipped < s.skip) ctx.stderr.write(`dd: ${quoteFile(s.input ?? "standard input")}: cannot skip to specified offset\n`);

  const parts: Uint8Array[] = [];
  let outBytes = 0;
  let fullIn = 0;
  let partIn = 0;
  let fullOut = 0;
  let partOut = 0;
  let pendingOut: Uint8Array[] = [];
  let pendingLen = 0;
  const emit = async (chunk: Uint8Array) => {
    if (outPath === undefined) await ctx.stdout.write(chunk);
    else parts.push(chunk);
    outBytes += chunk.length;
  };
  const countBytes = s.count !== undefined && s.count < 0 ? -s.count - 1 : undefined;
  let inBytes = 0;
  for (;;) {
    if (s.count !== undefined && countBytes === undefined && fullIn + partIn >= s.count) break;
    let want = s.ibs;
    if (countBytes !== undefined) {
      if (inBytes >= countBytes) break;
      want = Math.min(want, countBytes - inBytes);
    }
    let block = await blocks.take(want);
    if (!block) break;
    ctx.budget.step();
    inBytes += block.length;
    if (block.length === s.ibs) fullIn++;
    else partIn++;
    if (s.conv.has("sync") && block.length < s.ibs) {
      const padded = new Uint8Array(s.ibs);
      padded.set(block);
      block = padded;
    }
    block = convert(block, s);
    if (s.oneBuffer) {
      if (block.length === s.obs) fullOut++;
      else partOut++;
      await emit(block);
      continue;
    }
    pendingOut.push(block);
    pendingLen += block.length;
    if (pendingLen >= s.obs) {
      const all = concatBytes(pendingOut, pendingLen);
      let at = 0;
      for (; at + s.obs <= all.length; at += s.obs) {
        await emit(all.subarray(at, at + s.obs));
        fullOut++;
      }
      pendingOut = at < all.length ? [all.slice(at)] : [];
      pendingLen = all.length - at;
    }
  }
  if (pendingLen > 0) {
    await emit(concatBytes(pendingOut, pendingLen));
    partOut++;
  }
  if (outPath !== undefined) {
    const body = concatBytes(parts, outBytes);
    const kept = existing ?? new Uint8Array(0);
    const start = s.oflag.has("append") ? kept.length : s.seek;
    const truncate = !s.conv.has("notrunc") && !s.oflag.has("append");
    const size = truncate ? start + body.length : Math.max(kept.length, start + body.length);
    const result = new Uint8Array(size);
    result.set(kept.subarray(0, Math.min(kept.length, truncate ? start : size)));
    result.set(body, start);
    try {
      await ctx.fs.writeFile(outPath, result);
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`dd: error writing ${quoteAlways(s.output!)}: ${e.message}\n`);
      return 1;
    }
  }
  if (s.status !== "none") {
    let text = `${fullIn}+${partIn} records in\n${fullOut}+${partOut} records out\n`;
    if (s.status !== "noxfer") text += transferLine(outBytes, (ctx.sandbox.now() - started) / 1000);
    ctx.stderr.write(text);
  }
  return 0;
}

/** Reading a directory fails at the first read: summary of nothing copied, status 1. */
function finishWithReadError(ctx: CommandContext, s: Settings, started: number, name: string, message: string): number {
  ctx.stderr.write(`dd: error reading ${quoteAlways(name)}: ${message}\n`);
  if (s.status !== "none") {
    let text = "0+0 records in\n0+0 records out\n";
    if (s.status !== "noxfer") text += transferLine(0, (ctx.sandbox.now() - started) / 1000);
    ctx.stderr.write(text);
  }
  return 1;
}

export const dd: CommandDef = { name: "dd", help: HELP, run };
