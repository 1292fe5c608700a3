import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { openInput, readWhole } from "./_lib/input.js";
import { splitLines } from "./_lib/lines.js";
import { OutputBuffer } from "./_lib/output.js";
import { quoteFile, quoteValue } from "./_lib/quote.js";
import { CollectingWriter } from "../src/io/streams.js";
import { encodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";

/**
 * shuf (GNU coreutils 9.1): a random permutation of the input lines, of -e
 * arguments or of an -i LO-HI range, optionally only -n of them, or -r picks
 * with repetition (endless without -n). Randomness is the sandbox's seeded
 * PRNG, or --random-source's bytes; a huge -i range is never materialised.
 */

const HELP = `Usage: shuf [OPTION]... [FILE]
  or:  shuf -e [OPTION]... [ARG]...
  or:  shuf -i LO-HI [OPTION]...
Write a random permutation of the input lines to standard output.
`;

const SPEC: OptionSpec = {
  echo: { short: "e", long: "echo" },
  range: { short: "i", long: "input-range", arg: "required" },
  count: { short: "n", long: "head-count", arg: "required" },
  output: { short: "o", long: "output", arg: "required" },
  randomSource: { long: "random-source", arg: "required" },
  repeat: { short: "r", long: "repeat" },
  zero: { short: "z", long: "zero-terminated" },
};

/** A fatal "shuf: message" (status 1). */
class ShufError extends Error {}

const UINTMAX = (1n << 64n) - 1n;

/** xdectoumax for -i: a decimal count; GNU's message names the part that failed. */
function rangeNumber(text: string): bigint {
  const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(text);
  if (!m) throw new ShufError(`invalid input range: ${quoteValue(text)}`);
  const v = BigInt(m[1]);
  if (v > UINTMAX) throw new ShufError(`invalid input range: ${quoteValue(text)}: Value too large for defined data type`);
  return v;
}

function parseRange(text: string): [bigint, bigint] {
  const dash = text.indexOf("-");
  const lo = dash >= 0 ? rangeNumber(text.slice(0, dash)) : 0n;
  const hi = rangeNumber(dash >= 0 ? text.slice(dash + 1) : text);
  if (dash < 0 || hi + 1n < lo) throw new ShufError(`invalid input range: ${quoteValue(text)}`);
  return [lo, hi];
}

/** A uniform integer in [0, n) from a [0, 1) source. */
const randomBelow = (random: () => number, n: number) => Math.floor(random() * n);

/**
 * The first k positions of a random permutation of [0, n): a Fisher-Yates
 * shuffle that only remembers the swapped slots, so n may be huge.
 */
function randomPermutation(n: number, k: number, random: () => number): number[] {
  const swapped = new Map<number, number>();
  const at = (i: number) => swapped.get(i) ?? i;
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + randomBelow(random, n - i);
    const vi = at(i);
    const vj = at(j);
    swapped.set(j, vi);
    out.push(vj);
  }
  return out;
}

/** --random-source: a PRNG seeded from the file; GNU fails when the file has too few bytes. */
async function sourceRandom(ctx: CommandContext, file: string): Promise<() => number> {
  let bytes: Uint8Array;
  try {
    const reader = await openInput(ctx, file);
    const first = await reader.read();
    bytes = first ?? new Uint8Array(0);
  } catch (e) {
    if (!isFsError(e)) throw e;
    throw new ShufError(`${quoteFile(file)}: ${e.message}`);
  }
  let pos = 0;
  let state = 0x9e3779b9;
  return () => {
    if (pos >= bytes.length) throw new ShufError(`${quoteValue(file)}: end of file`);
    state = (Math.imul(state ^ bytes[pos++], 0x01000193) + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function run(ctx: CommandContext): Promise<number> {
  try {
    return await shuffle(ctx);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    if (e instanceof ShufError) {
      ctx.stderr.write(`${ctx.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

async function shuffle(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  const eol = opts.has("zero") ? 0 : 0x0a;
  let count = Infinity;
  let range: [bigint, bigint] | null = null;
  for (const { key, value } of opts.order) {
    if (key === "count") {
      const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(value as string);
      if (!m) throw new ShufError(`invalid line count: ${quoteValue(value as string)}`);
      count = Math.min(count, BigInt(m[1]) > UINTMAX ? Infinity : Number(m[1]));
    } else if (key === "range") {
      if (range) throw new ShufError("multiple -i options specified");
      range = parseRange(value as string);
    }
  }
  const echo = opts.has("echo");
  if (echo && range) throw usageError(ctx, "cannot combine -e and -i options");
  const ops = opts.operands;
  if (!echo && ops.length > (range ? 0 : 1)) throw usageError(ctx, `extra operand ${quoteValue(ops[range ? 0 : 1])}`);

  // Nothing to output: GNU does not even read the input.
  if (count === 0 && !opts.has("output")) return 0;
  // The population: lines (as bytes) or a range of numbers.
  let lines: Uint8Array[] = [];
  let size: number;
  if (range) {
    size = Number(range[1] - range[0] + 1n);
  } else {
    if (echo) lines = ops.map((a) => encodeUtf8(a));
    else {
      const file = ops[0] ?? "-";
      let data: Uint8Array;
      try {
        data = await readWhole(ctx, await openInput(ctx, file));
      } catch (e) {
        if (!isFsError(e)) throw e;
        if (e.code === "EISDIR") throw new ShufError(`read error: ${e.message}`);
        throw new ShufError(`${quoteFile(file)}: ${e.message}`);
      }
      lines = splitLines(data, eol).map((l) => l.bytes);
    }
    size = lines.length;
  }
  const random = opts.has("randomSource") ? await sourceRandom(ctx, opts.get("randomSource")!) : ctx.sandbox.random;
  const repeat = opts.has("repeat");
  if (repeat && size === 0 && count > 0) throw new ShufError("no lines to repeat");

  const outName = opts.get("output");
  const sink = outName !== undefined ? new CollectingWriter() : ctx.stdout;
  const out = new OutputBuffer(sink);
  const eolBytes = new Uint8Array([eol]);
  const emit = async (i: number) => {
    ctx.budget.step();
    const item = range ? encodeUtf8(String(range[0] + BigInt(i))) : lines[i];
    let p = out.write(item);
    if (p) await p;
    p = out.write(eolBytes);
    if (p) await p;
  };
  if (repeat) {
    for (let k = 0; k < count; k++) await emit(randomBelow(random, size));
  } else {
    const k = Math.min(count, size);
    // A single line needs no randomness (GNU reads none from --random-source either).
    const order = size <= 1 ? Array.from({ length: k }, (_, i) => i) : randomPermutation(size, k, random);
    for (const i of order) await emit(i);
  }
  const p = out.flush();
  if (p) await p;
  if (outName !== undefined) {
    try {
      await ctx.fs.writeFile(ctx.resolve(outName), (sink as CollectingWriter).bytes(), { mode: 0o666 & ~ctx.umask });
    } catch (e) {
      if (!isFsError(e)) throw e;
      throw new ShufError(`${quoteFile(outName)}: ${e.message}`);
    }
  }
  return 0;
}

export const shuf: CommandDef = { name: "shuf", help: HELP, run };
