import type { CommandContext, CommandDef } from "./types.js";
import type { ByteReader } from "../src/io/streams.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { openOperand } from "./_lib/files.js";
import { parseUnsignedBase0 } from "./_lib/strtoumax.js";
import { encodeUtf8 } from "../src/io/utf8.js";

/**
 * cmp (GNU diffutils 3.8): the first differing byte and line (-b with the
 * bytes), every difference (-l), or only the status (-s); -i/SKIP operands
 * and -n. Both inputs stream side by side. Status 0 same, 1 differ, 2 trouble.
 */

const HELP = `Usage: cmp [OPTION]... FILE1 [FILE2 [SKIP1 [SKIP2]]]
Compare two files byte by byte.
`;

const SPEC: OptionSpec = {
  printBytes: { short: "b", long: "print-bytes" },
  ignoreInitial: { short: "i", long: "ignore-initial", arg: "required" },
  verbose: { short: "l", long: "verbose" },
  bytes: { short: "n", long: "bytes", arg: "required" },
  quiet: { short: "s", long: ["quiet", "silent"] },
  version: { short: "v", long: "version" },
};

const SUFFIXES = "kKMGTPEZY0";

function tryHelp(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`cmp: ${message}\ncmp: Try 'cmp --help' for more information.\n`);
  return 2;
}

/** cat -v style: M- for the high bit, ^X for controls, ^? for DEL. */
function sprintc(c: number): string {
  let s = "";
  if (!(c >= 32 && c < 127)) {
    if (c >= 128) {
      s += "M-";
      c -= 128;
    }
    if (c < 32) {
      s += "^";
      c += 64;
    } else if (c === 127) {
      s += "^";
      c = 63;
    }
  }
  return s + String.fromCharCode(c);
}

/** A reader that hands out bytes in the amounts asked for. */
class Pull {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private done = false;

  constructor(private readonly reader: ByteReader) {}

  /** The next bytes available (at least one), or null at the end. */
  async peek(): Promise<Uint8Array | null> {
    while (this.pos >= this.buf.length) {
      if (this.done) return null;
      const c = await this.reader.read();
      if (!c) {
        this.done = true;
        return null;
      }
      this.buf = c;
      this.pos = 0;
    }
    return this.buf.subarray(this.pos);
  }

  advance(n: number): void {
    this.pos += n;
  }

  /** Discards n bytes; false if the input ends first. */
  async skip(n: number): Promise<boolean> {
    while (n > 0) {
      const b = await this.peek();
      if (!b) return false;
      const k = Math.min(n, b.length);
      this.advance(k);
      n -= k;
    }
    return true;
  }
}

function parseSkip(text: string): number | null {
  const r = parseUnsignedBase0(text, SUFFIXES);
  if (!("value" in r)) return r.error === "overflow" ? Number.MAX_SAFE_INTEGER : null;
  return Number(r.value > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : r.value);
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, {
    help: HELP,
    version: "cmp (GNU diffutils) 3.8",
    report: (message) => tryHelp(ctx, message),
  });
  if (typeof opts === "number") return opts;
  let mode: "first" | "all" | "status" = "first";
  let printBytes = false;
  let limit = Infinity;
  const skips = [0, 0];
  for (const { key, value } of opts.order) {
    const v = value as string;
    if (key === "version") {
      ctx.stdout.write("cmp (GNU diffutils) 3.8\n");
      return 0;
    }
    if (key === "printBytes") printBytes = true;
    else if (key === "verbose") mode = "all";
    else if (key === "quiet") mode = "status";
    else if (key === "bytes") {
      const n = parseSkip(v);
      if (n === null) return tryHelp(ctx, `invalid --bytes value '${v}'`);
      limit = Math.min(limit, n);
    } else if (key === "ignoreInitial") {
      const [s0, s1] = v.includes(":") ? [v.slice(0, v.indexOf(":")), v.slice(v.indexOf(":") + 1)] : [v, v];
      const a = parseSkip(s0);
      const b = parseSkip(s1);
      if (a === null || b === null) return tryHelp(ctx, `invalid --ignore-initial value '${v}'`);
      skips[0] = a;
      skips[1] = b;
    }
  }
  if (opts.has("verbose") && opts.has("quiet")) return tryHelp(ctx, "options -l and -s are incompatible");
  const ops = opts.operands;
  if (ops.length === 0) return tryHelp(ctx, "missing operand after 'cmp'");
  if (ops.length > 4) return tryHelp(ctx, `extra operand '${ops[4]}'`);
  for (let f = 0; f < 2; f++) {
    if (ops[f + 2] === undefined) continue;
    const n = parseSkip(ops[f + 2]);
    if (n === null) return tryHelp(ctx, `invalid --ignore-initial value '${ops[f + 2]}'`);
    skips[f] = n;
  }
  const names = [ops[0], ops[1] ?? "-"];
  if (names[0] === "-" && names[1] === "-" && skips[0] === skips[1]) return 0;
  const readers: Pull[] = [];
  const sizes: number[] = [];
  for (const name of names) {
    const opened = await openOperand(ctx, name);
    if (!("reader" in opened)) {
      const err = "openError" in opened ? opened.openError : opened.readError;
      if (mode !== "status") ctx.stderr.write(`cmp: ${name}: ${err.message}\n`);
      return 2;
    }
    readers.push(new Pull(opened.reader));
    sizes.push(name === "-" ? Infinity : (await ctx.fs.stat(ctx.resolve(name))).size);
  }
  for (let f = 0; f < 2; f++) await readers[f].skip(skips[f]);
  return compare(ctx, names, readers, { mode, printBytes, limit, sizes: sizes.map((s, f) => s - skips[f]) });
}

interface CompareSettings {
  mode: "first" | "all" | "status";
  printBytes: boolean;
  limit: number;
  /** Bytes left in each regular file after the skip (Infinity for stdin). */
  sizes: number[];
}

async function compare(ctx: CommandContext, names: string[], readers: Pull[], s: CompareSettings): Promise<number> {
  let offset = 0;
  let lines = 0;
  let lastNewline = true;
  let differed = false;
  let width = 1;
  for (let max = Math.max(0, Math.min(s.limit, ...s.sizes)); (max = Math.floor(max / 10)) !== 0; ) width++;
  let out = "";
  const flush = async () => {
    if (out) {
      await ctx.stdout.write(encodeUtf8(out));
      out = "";
    }
  };
  while (offset < s.limit) {
    const a = await readers[0].peek();
    const b = await readers[1].peek();
    if (!a || !b) {
      if (!a && !b) break;
      await flush();
      // One input ended first: GNU reports EOF on the shorter one.
      const short = !a ? 0 : 1;
      if (s.mode !== "status") {
        const where = s.mode === "all" ? "" : lastNewline ? `, line ${lines}` : `, in line ${lines + 1}`;
        ctx.stderr.write(offset === 0 ? `cmp: EOF on ${names[short]} which is empty\n` : `cmp: EOF on ${names[short]} after byte ${offset}${where}\n`);
      }
      return 1;
    }
    let n = Math.min(a.length, b.length, s.limit - offset);
    for (let i = 0; i < n; i++) {
      const c0 = a[i];
      const c1 = b[i];
      if (c0 !== c1) {
        if (s.mode === "status") return 1;
        if (s.mode === "first") {
          const line = lines + 1;
          let msg = `${names[0]} ${names[1]} differ: byte ${offset + i + 1}, line ${line}`;
          if (s.printBytes) msg += ` is ${c0.toString(8).padStart(3)} ${sprintc(c0)} ${c1.toString(8).padStart(3)} ${sprintc(c1)}`;
          out += msg + "\n";
          await flush();
          return 1;
        }
        differed = true;
        const pos = String(offset + i + 1).padStart(width);
        if (s.printBytes) {
          out += `${pos} ${c0.toString(8).padStart(3)} ${sprintc(c0).padEnd(4)} ${c1.toString(8).padStart(3)} ${sprintc(c1)}\n`;
        } else out += `${pos} ${c0.toString(8).padStart(3)} ${c1.toString(8).padStart(3)}\n`;
      }
      if (c0 === 10) lines++;
      // Write as stdio would (every 4 KiB), so a closed pipe stops -l early as in GNU.
      if (out.length >= 4096) {
        n = i + 1;
        break;
      }
    }
    if (n > 0) lastNewline = a[n - 1] === 10;
    offset += n;
    readers[0].advance(n);
    readers[1].advance(n);
    if (out.length >= 4096) await flush();
    ctx.budget.step();
  }
  await flush();
  return differed ? 1 : 0;
}

export const cmp: CommandDef = { name: "cmp", help: HELP, run };
