import type { CommandContext, CommandDef } from "./types.js";
import type { ByteReader } from "../src/io/streams.js";
import { bytesReader } from "../src/io/streams.js";
import { isFsError } from "../src/fs/types.js";
import { openOperand } from "./_lib/files.js";
import { ByteBuilder } from "./_lib/output.js";
import { parseXxdArgs, type XxdArgs } from "./xxd/args.js";
import { revert, type RevertSink } from "./xxd/revert.js";
import { dumpXxd } from "./xxd/dump.js";

/**
 * xxd (vim's, 2022-01-14): hex dumps (plain -p, C include -i, bits -b,
 * little-endian -e), -r back to bytes, -s seeking, -l, -c, -g, -o, -d, -u, -a.
 * Streams its input; an output-file operand is written (patched with -r).
 */

const USAGE = `Usage:
       xxd [options] [infile [outfile]]
    or
       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]
Options:
    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.
    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.
    -C          capitalize variable names in C include file style (-i).
    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).
    -E          show characters in EBCDIC. Default ASCII.
    -e          little-endian dump (incompatible with -ps,-i,-r).
    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).
    -h          print this summary.
    -i          output in C include file style.
    -l len      stop after <len> octets.
    -n name     set the variable name used in C include output (-i).
    -o off      add <off> to the displayed file position.
    -ps         output in postscript plain hexdump style.
    -r          reverse operation: convert (or patch) hexdump into binary.
    -r -s off   revert with <off> added to file positions found in hexdump.
    -d          show offset in decimal instead of hex.
    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.
    -u          use upper case hex letters.
    -v          show version: "xxd 2022-01-14 by Juergen Weigert et al.".
`;

const COLS = 256;

class XxdExit extends Error {
  constructor(readonly status: number) {
    super("xxd exit");
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const args = parseXxdArgs(ctx.args);
  if (!args || args.operands.length > 2) return usage(ctx);
  if (args.version) {
    ctx.stderr.write("xxd 2022-01-14 by Juergen Weigert et al.\n");
    return 0;
  }
  const t = args.hexType;
  let cols = args.cols ?? 0;
  if (args.cols === null || (cols === 0 && t !== "plain")) cols = { plain: 30, include: 12, bits: 6, normal: 16, little: 16 }[t];
  let group = args.group ?? -1;
  if (group < 0) group = { bits: 1, normal: 2, little: 4, plain: 0, include: 0 }[t];
  if ((t === "plain" && cols < 0) || (t !== "plain" && cols < 1) || ((t === "normal" || t === "bits" || t === "little") && cols > COLS)) {
    ctx.stderr.write(`xxd: invalid number of columns (max. ${COLS}).\n`);
    return 1;
  }
  if (group < 1 || group > cols) group = cols;
  else if (t === "little" && (group & (group - 1)) !== 0) {
    ctx.stderr.write("xxd: number of octets per group must be a power of 2 with -e.\n");
    return 1;
  }
  try {
    return await dumpOrRevert(ctx, args, cols, group);
  } catch (e) {
    if (e instanceof XxdExit) return e.status;
    throw e;
  }
}

function usage(ctx: CommandContext): number {
  ctx.stderr.write(USAGE);
  return 1;
}

function fail(ctx: CommandContext, message: string, status: number): never {
  ctx.stderr.write(`xxd: ${message}\n`);
  throw new XxdExit(status);
}

/** The input: stdin and devices (not seekable) or a regular file (seekable: its bytes). */
async function openIn(ctx: CommandContext, operand: string | undefined): Promise<{ reader: ByteReader; data: Uint8Array | null }> {
  if (operand === undefined || operand === "-") return { reader: ctx.stdin, data: null };
  const opened = await openOperand(ctx, operand);
  if ("openError" in opened) fail(ctx, `${operand}: ${opened.openError.message}`, 2);
  if ("readError" in opened) fail(ctx, opened.readError.message, 2);
  const { reader } = opened as { reader: ByteReader };
  const st = await ctx.fs.stat(ctx.resolve(operand)).catch(() => null);
  if (st?.type !== "file") return { reader, data: null };
  reader.close();
  const data = await ctx.fs.readFile(ctx.resolve(operand));
  return { reader: bytesReader(data, 65536), data };
}

async function dumpOrRevert(ctx: CommandContext, args: XxdArgs, cols: number, group: number): Promise<number> {
  const input = await openIn(ctx, args.operands[0]);
  const outName = args.operands[1] !== undefined && args.operands[1] !== "-" ? args.operands[1] : null;
  let outFile: Uint8Array | null = null;
  if (outName !== null) {
    try {
      const path = ctx.resolve(outName);
      const exists = await ctx.fs.exists(path);
      outFile = args.revert && exists ? await ctx.fs.readFile(path) : new Uint8Array(0);
      if (!exists || !args.revert) await ctx.fs.writeFile(path, new Uint8Array(0));
    } catch (e) {
      if (isFsError(e)) fail(ctx, `${outName}: ${e.message}`, 3);
      throw e;
    }
  }
  const out = new ByteBuilder(65536);
  const flush = async () => {
    if (outName === null) {
      if (out.length) await ctx.stdout.write(out.take());
    }
  };
  if (args.revert) {
    if (args.hexType !== "normal" && args.hexType !== "plain") fail(ctx, "Sorry, cannot revert this type of hexdump", 255);
    const seek = args.seek ? (args.seek.negative ? -args.seek.value : args.seek.value) : 0;
    const sink = outName === null ? pipeSink(out, flush) : fileSink(outFile!);
    const r = await revert(input.reader, sink, cols, args.hexType === "plain", seek, () => ctx.budget.step());
    if (outName !== null) await ctx.fs.writeFile(ctx.resolve(outName), (sink as FileSink).bytes());
    else await flush();
    if (r === "backwards") fail(ctx, "Sorry, cannot seek backwards.", 5);
    return 0;
  }
  const seekOff = await applySeek(ctx, args, input);
  const status = await dumpXxd(ctx, args, input.reader, { cols, group, seekOff, out, flush, name: args.operands[0] });
  if (outName !== null) await ctx.fs.writeFile(ctx.resolve(outName), out.take());
  return status;
}

/** -s: a file seeks (past its end too); stdin can only skip forwards. Returns the offset shown. */
async function applySeek(ctx: CommandContext, args: XxdArgs, input: { reader: ByteReader; data: Uint8Array | null }): Promise<number> {
  if (!args.seek) return 0;
  const { value, relative, negative } = args.seek;
  if (input.data) {
    const target = negative && !relative ? input.data.length - value : negative ? -value : value;
    if (target < 0) fail(ctx, "Sorry, cannot seek.", 4);
    input.reader = bytesReader(input.data.subarray(Math.min(target, input.data.length)), 65536);
    return target;
  }
  if (negative) fail(ctx, "Sorry, cannot seek.", 4);
  let left = value;
  while (left > 0) {
    const chunk = await input.reader.read();
    if (!chunk) fail(ctx, "Sorry, cannot seek.", 4);
    if (chunk.length > left) {
      input.reader.unread?.(chunk.subarray(left));
      if (!input.reader.unread) input.reader = prepend(chunk.subarray(left), input.reader);
      left = 0;
    } else left -= chunk.length;
  }
  return value;
}

function prepend(first: Uint8Array, rest: ByteReader): ByteReader {
  let pending: Uint8Array | null = first;
  return {
    async read() {
      if (pending) {
        const p = pending;
        pending = null;
        return p;
      }
      return rest.read();
    },
    close: () => rest.close(),
  };
}

function pipeSink(out: ByteBuilder, flush: () => Promise<void>): RevertSink {
  return {
    put: (b) => out.byte(b),
    seek(offset, current) {
      if (offset < current) return false;
      out.repeat(0, offset - current);
      return true;
    },
    drain: flush,
  };
}

interface FileSink extends RevertSink {
  bytes(): Uint8Array;
}

/** An output file patched in place, as xxd -r does with fseek. */
function fileSink(initial: Uint8Array): FileSink {
  let buf = new Uint8Array(Math.max(initial.length, 1024));
  buf.set(initial);
  let size = initial.length;
  let pos = 0;
  return {
    put(b) {
      if (pos >= buf.length) {
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      buf[pos++] = b;
      size = Math.max(size, pos);
    },
    seek(offset) {
      if (offset < 0) return false;
      while (offset > buf.length) {
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      pos = offset;
      return true;
    },
    drain: async () => {},
    bytes: () => buf.slice(0, size),
  };
}

export const xxd: CommandDef = { name: "xxd", help: USAGE, run };
