import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { openOperand } from "./_lib/files.js";
import { readInput } from "./_lib/input.js";
import { parseSize } from "./_lib/size.js";
import { decodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";
import { bytesReader, type ByteReader } from "../src/io/streams.js";
import { FormatError, parseFormat, rewrite, type FormatSet } from "./hexdump/format.js";
import { display } from "./hexdump/display.js";

/**
 * hexdump (util-linux 2.38): the canned formats (-b -c -C -d -o -x, the
 * default) and -e/-f format strings, -n, -s, -v; files read in turn as one
 * stream. See hexdump/format.ts and hexdump/display.ts.
 */

const HELP = `
Usage:
 hexdump [options] <file>...

Display file contents in hexadecimal, decimal, octal, or ascii.
`;

const SPEC: OptionSpec = {
  b: { short: "b", long: "one-byte-octal" },
  c: { short: "c", long: "one-byte-char" },
  C: { short: "C", long: "canonical" },
  d: { short: "d", long: "two-bytes-decimal" },
  o: { short: "o", long: "two-bytes-octal" },
  x: { short: "x", long: "two-bytes-hex" },
  e: { short: "e", long: "format", arg: "required" },
  f: { short: "f", long: "format-file", arg: "required" },
  L: { short: "L", long: "color", arg: "optional" },
  n: { short: "n", long: "length", arg: "required" },
  s: { short: "s", long: "skip", arg: "required" },
  v: { short: "v", long: "no-squeezing" },
};

const CANNED: Record<string, string[]> = {
  b: ['"%07.7_Ax\n"', '"%07.7_ax " 16/1 "%03o " "\\n"'],
  c: ['"%07.7_Ax\n"', '"%07.7_ax " 16/1 "%3_c " "\\n"'],
  C: ['"%08.8_Ax\n"', '"%08.8_ax  " 8/1 "%02x " "  " 8/1 "%02x " ', '"  |" 16/1 "%_p" "|\\n"'],
  d: ['"%07.7_Ax\n"', '"%07.7_ax " 8/2 "  %05u " "\\n"'],
  o: ['"%07.7_Ax\n"', '"%07.7_ax " 8/2 " %06o " "\\n"'],
  x: ['"%07.7_Ax\n"', '"%07.7_ax " 8/2 "   %04x " "\\n"'],
};
const DEFAULT = ['"%07.7_Ax\n"', '"%07.7_ax " 8/2 "%04x " "\\n"'];

function usageFail(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`hexdump: ${message}\n`);
  return 1;
}

/** strtosize: a number with an optional KiB/KB/K-style suffix. */
function size(text: string): number | null {
  const m = /^\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)(.*)$/.exec(text);
  if (!m) return null;
  const n = BigInt(/^0[0-7]/.test(m[1]) ? "0o" + m[1].slice(1) : m[1]);
  const r = parseSize(n.toString() + m[2].replace(/^([KMGTPEZY])iB$/, "$1"), "KMGTPEZY0");
  return "value" in r && r.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r.value) : null;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP, version: "hexdump from util-linux 2.38.1" });
  if (typeof opts === "number") return opts;
  const formats: string[] = [];
  let length = -1;
  let skip = 0;
  for (const { key, value } of opts.order) {
    if (key in CANNED) formats.push(...CANNED[key]);
    else if (key === "e") formats.push(value as string);
    else if (key === "f") {
      let text: string;
      try {
        text = decodeUtf8(await readInput(ctx, value as string));
      } catch (e) {
        if (isFsError(e)) return usageFail(ctx, `${value}: ${e.message}`);
        throw e;
      }
      for (const line of text.split("\n")) {
        const t = line.replace(/^[ \t]+/, "");
        if (t && t[0] !== "#") formats.push(line);
      }
    } else if (key === "n") {
      const n = size(value as string);
      if (n === null) return usageFail(ctx, `failed to parse length: '${value}': Invalid argument`);
      length = n;
    } else if (key === "s") {
      const n = size(value as string);
      if (n === null) return usageFail(ctx, `failed to parse offset: '${value}': Invalid argument`);
      skip = n;
    }
  }
  let sets: FormatSet[];
  let blocksize = 0;
  try {
    sets = (formats.length ? formats : DEFAULT).map(parseFormat);
    for (const fs of sets) blocksize = Math.max(blocksize, fs.bytes);
    for (const fs of sets) rewrite(fs, blocksize);
  } catch (e) {
    if (e instanceof FormatError) return usageFail(ctx, e.message);
    throw e;
  }
  const input = new Inputs(ctx, opts.operands, skip, length);
  if (!(await input.begin())) return 1;
  if (blocksize > 0) await display(ctx, sets, blocksize, input, opts.has("v"));
  return input.status;
}

/** The operands in turn (util-linux next()/doskip()), with -s and -n applied. */
class Inputs {
  status = 0;
  start = 0;
  private reader: ByteReader | null = null;
  private owned = false;
  private next = 0;
  private opened = 0;

  constructor(
    private readonly ctx: CommandContext,
    private readonly files: string[],
    private skip: number,
    private length: number,
  ) {}

  /** Opens the first input and skips; false (after the message) when hexdump exits at once. */
  async begin(): Promise<boolean> {
    const r = await this.openNext();
    if (r === "failed") return false;
    this.start = this.skipped;
    return true;
  }

  private skipped = 0;

  /** Opens the next operand, skipping -s bytes over whole files. */
  private async openNext(): Promise<"ok" | "none" | "failed"> {
    for (;;) {
      let name: string;
      if (this.files.length === 0) {
        if (this.next++ > 0) return "none";
        this.reader = this.ctx.stdin;
        this.owned = false;
        name = "stdin";
        if (this.skip > 0) {
          this.ctx.stderr.write("hexdump: stdin: Illegal seek\n");
          return "failed";
        }
        return "ok";
      }
      if (this.next >= this.files.length) {
        if (this.opened === 0) {
          this.ctx.stderr.write("hexdump: all input file arguments failed\n");
          return "failed";
        }
        return "none";
      }
      name = this.files[this.next++];
      const o = await openOperand(this.ctx, name);
      if ("openError" in o) {
        this.ctx.stderr.write(`hexdump: ${name}: ${o.openError.message}\n`);
        this.status = 1;
        continue;
      }
      this.opened++;
      if ("readError" in o) {
        // A directory opens; its read fails with a warning only.
        this.ctx.stderr.write(`hexdump: ${name}: ${o.readError.message}\n`);
        this.reader = null;
        continue;
      }
      this.reader = o.reader;
      this.owned = o.owned;
      if (this.skip > 0) {
        if (this.reader === this.ctx.stdin) {
          this.ctx.stderr.write(`hexdump: ${name}: Illegal seek\n`);
          return "failed";
        }
        let size = 0;
        const chunks: Uint8Array[] = [];
        for (let c = await this.reader.read(); c; c = await this.reader.read()) chunks.push(c);
        for (const c of chunks) size += c.length;
        if (this.skip > size) {
          this.skip -= size;
          this.skipped += size;
          continue;
        }
        const all = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          all.set(c, at);
          at += c.length;
        }
        const rest = all.subarray(this.skip);
        this.skipped += this.skip;
        this.skip = 0;
        this.reader = bytesReader(rest, 65536);
      }
      return "ok";
    }
  }

  async read(): Promise<Uint8Array | null> {
    for (;;) {
      if (this.length === 0) return null;
      if (this.reader) {
        let c = await this.reader.read();
        if (c && c.length) {
          if (this.length >= 0 && c.length > this.length) c = c.subarray(0, this.length);
          if (this.length >= 0) this.length -= c.length;
          return c;
        }
        if (!c) {
          if (this.owned) this.reader.close();
          this.reader = null;
        } else continue;
      }
      const r = await this.openNext();
      if (r !== "ok") return null;
    }
  }
}

export const hexdump: CommandDef = { name: "hexdump", help: HELP, run };
