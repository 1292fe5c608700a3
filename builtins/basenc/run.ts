import type { CommandContext } from "../types.js";
import { parseOptions, usageError, type OptionSpec } from "../_lib/options.js";
import { openOperand } from "../_lib/files.js";
import { quoteFile, quoteValue } from "../_lib/quote.js";
import { ByteBuilder } from "../_lib/output.js";

/**
 * base64 and base32 (GNU coreutils 9.1): encode with wrapping (-w, 76 by
 * default), or decode (-d) with newlines ignored (-i: every byte outside the
 * alphabet and '=' ignored). Decoding goes group by group as gnulib's
 * base64_decode_ctx does: output up to a bad group is written, then
 * "invalid input" and status 1. Both directions stream.
 */

/** An RFC 4648 alphabet: `group` output chars per `block` input bytes. */
export interface Codec {
  alphabet: string;
  block: number;
  group: number;
  /**
   * Decodes one group (fewer chars at the end of input) into out; false if it
   * is invalid (the bytes already appended stay, as in gnulib).
   */
  decodeGroup(chars: Uint8Array, n: number, values: Int8Array, out: ByteBuilder): boolean;
}

const SPEC: OptionSpec = {
  decode: { short: "d", long: "decode" },
  ignoreGarbage: { short: "i", long: "ignore-garbage" },
  wrap: { short: "w", long: "wrap", arg: "required" },
};

/** The --help text of base64 and base32, the same but for the name. */
export function basencHelp(name: "base64" | "base32"): string {
  const title = name[0].toUpperCase() + name.slice(1);
  return `Usage: ${name} [OPTION]... [FILE]
${title} encode or decode FILE, or standard input, to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -d, --decode          decode data
  -i, --ignore-garbage  when decoding, ignore non-alphabet characters
  -w, --wrap=COLS       wrap encoded lines after COLS character (default 76).
                          Use 0 to disable line wrapping
`;
}

/** Runs base64/base32 with the given codec. */
export async function runBasenc(ctx: CommandContext, codec: Codec, help: string): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help });
  if (typeof opts === "number") return opts;
  let wrap = 76;
  const w = opts.get("wrap");
  if (w !== undefined) {
    if (!/^[ \t\n\v\f\r]*\+?\d+$/.test(w)) {
      ctx.stderr.write(`${ctx.name}: invalid wrap size: ${quoteValue(w)}\n`);
      return 1;
    }
    wrap = Number(w.trim());
  }
  if (opts.operands.length > 1) return usageError(ctx, `extra operand ${quoteValue(opts.operands[1])}`).status;
  const operand = opts.operands[0] ?? "-";
  const opened = await openOperand(ctx, operand);
  if ("openError" in opened) {
    ctx.stderr.write(`${ctx.name}: ${quoteFile(operand)}: ${opened.openError.message}\n`);
    return 1;
  }
  if ("readError" in opened) {
    ctx.stderr.write(`${ctx.name}: read error: ${opened.readError.message}\n`);
    return 1;
  }
  try {
    if (opts.has("decode")) return await decode(ctx, codec, opened.reader, opts.has("ignoreGarbage"));
    await encode(ctx, codec, opened.reader, wrap);
    return 0;
  } finally {
    if (opened.owned) opened.reader.close();
  }
}

async function encode(ctx: CommandContext, codec: Codec, reader: { read(): Promise<Uint8Array | null> }, wrap: number): Promise<void> {
  const alphabet = Uint8Array.from(codec.alphabet, (c) => c.charCodeAt(0));
  const out = new ByteBuilder(65536);
  const carry = new Uint8Array(codec.block);
  let carried = 0;
  let column = 0;
  const put = (c: number) => {
    out.byte(c);
    if (wrap > 0 && ++column === wrap) {
      out.byte(10);
      column = 0;
    }
  };
  const encodeBlock = (b: Uint8Array, n: number) => {
    if (codec.block === 3) encode64(b, n, alphabet, put);
    else encode32(b, n, alphabet, put);
  };
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    let i = 0;
    while (i < chunk.length) {
      const take = Math.min(codec.block - carried, chunk.length - i);
      carry.set(chunk.subarray(i, i + take), carried);
      carried += take;
      i += take;
      if (carried === codec.block) {
        encodeBlock(carry, codec.block);
        carried = 0;
      }
    }
    ctx.budget.step();
    if (out.length) await ctx.stdout.write(out.take());
  }
  if (carried > 0) encodeBlock(carry, carried);
  if (wrap > 0 && column > 0) out.byte(10);
  if (out.length) await ctx.stdout.write(out.take());
}

function encode64(b: Uint8Array, n: number, a: Uint8Array, put: (c: number) => void): void {
  const v = (b[0] << 16) | ((n > 1 ? b[1] : 0) << 8) | (n > 2 ? b[2] : 0);
  put(a[v >> 18]);
  put(a[(v >> 12) & 63]);
  put(n > 1 ? a[(v >> 6) & 63] : 61);
  put(n > 2 ? a[v & 63] : 61);
}

function encode32(b: Uint8Array, n: number, a: Uint8Array, put: (c: number) => void): void {
  // 40 bits fit a double exactly.
  let v = 0;
  for (let i = 0; i < 5; i++) v = v * 256 + (i < n ? b[i] : 0);
  const chars = [2, 4, 5, 7, 8][n - 1];
  for (let i = 0; i < 8; i++) put(i < chars ? a[Math.floor(v / 2 ** (35 - 5 * i)) % 32] : 61);
}

async function decode(
  ctx: CommandContext,
  codec: Codec,
  reader: { read(): Promise<Uint8Array | null> },
  ignoreGarbage: boolean,
): Promise<number> {
  const values = new Int8Array(256).fill(-1);
  for (let i = 0; i < codec.alphabet.length; i++) values[codec.alphabet.charCodeAt(i)] = i;
  const out = new ByteBuilder(65536);
  const group = new Uint8Array(codec.group);
  let n = 0;
  const fail = async () => {
    await ctx.stdout.write(out.take());
    ctx.stderr.write(`${ctx.name}: invalid input\n`);
    return 1;
  };
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    for (const c of chunk) {
      if (c === 10 || (ignoreGarbage && values[c] < 0 && c !== 61)) continue;
      group[n++] = c;
      if (n === codec.group) {
        n = 0;
        if (!codec.decodeGroup(group, codec.group, values, out)) return fail();
      }
    }
    ctx.budget.step();
    if (out.length) await ctx.stdout.write(out.take());
  }
  if (n > 0 && !codec.decodeGroup(group, n, values, out)) return fail();
  if (out.length) await ctx.stdout.write(out.take());
  return 0;
}
