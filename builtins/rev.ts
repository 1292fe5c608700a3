import type { CommandContext, CommandDef } from "./types.js";
import { decodeUtf8 } from "../src/io/utf8.js";
import { concatBytes } from "../src/io/streams.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { openOperand } from "./_lib/files.js";
import { readLineBatches } from "./_lib/lines.js";
import { ByteBuilder } from "./_lib/output.js";

/**
 * rev (util-linux 2.38): reverses the characters of each line. Like the real
 * one it reads wide characters: a line with an invalid UTF-8 sequence ends that
 * file with an error, and a NUL cuts its line short there (what follows the NUL
 * is lost and the next line is joined on, as fgetws + wcslen do).
 */

const HELP = `Usage: rev [options] [file ...]

Reverse lines characterwise.

Options:
 -h, --help     display this help
 -V, --version  display version

For more details see rev(1).
`;

const VERSION = "rev from util-linux 2.38.1";

const SPEC: OptionSpec = {
  help: { short: "h", long: "help" },
  version: { short: "V", long: "version" },
};

/**
 * Appends the characters of a UTF-8 line in reverse order. Returns false (and
 * appends nothing) when the line is not valid UTF-8.
 */
function reverseInto(line: Uint8Array, out: ByteBuilder): boolean {
  const n = line.length;
  let ascii = true;
  for (let i = 0; i < n; i++) if (line[i] >= 0x80) { ascii = false; break; }
  out.reserve(n);
  const buf = out.buf;
  const base = out.length;
  if (ascii) {
    for (let i = 0; i < n; i++) buf[base + n - 1 - i] = line[i];
    out.length += n;
    return true;
  }
  if (hasInvalid(decodeUtf8(line))) return false;
  // Each sequence keeps its byte order; the sequences go in reverse.
  let i = 0;
  while (i < n) {
    const b = line[i];
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    buf.set(line.subarray(i, i + len), base + n - i - len);
    i += len;
  }
  out.length += n;
  return true;
}

/** True when decoding kept an invalid byte (U+DC80..U+DCFF). */
function hasInvalid(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff) return true;
  }
  return false;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP, version: VERSION });
  if (typeof opts === "number") return opts;
  if (opts.has("help")) {
    await ctx.stdout.write(HELP);
    return 0;
  }
  if (opts.has("version")) {
    await ctx.stdout.write(VERSION + "\n");
    return 0;
  }
  const out = new ByteBuilder(65536);
  let status = 0;
  const operands = opts.operands.length ? opts.operands : ["-"];
  for (const operand of operands) {
    // util-linux rev has no "-" operand: it names a file; stdin is only the default.
    const name = opts.operands.length === 0 ? "stdin" : operand;
    const opened = await openOperand(ctx, opts.operands.length === 0 ? "-" : operand === "-" ? "./-" : operand);
    if ("openError" in opened) {
      await ctx.stdout.write(out.take());
      ctx.stderr.write(`rev: cannot open ${operand}: ${opened.openError.message}\n`);
      status = 1;
      continue;
    }
    if ("readError" in opened) {
      await ctx.stdout.write(out.take());
      ctx.stderr.write(`rev: ${name}: 0: ${opened.readError.message}\n`);
      status = 1;
      continue;
    }
    let done = 0;
    let pending: Uint8Array | null = null;
    let failed = false;
    for await (const batch of readLineBatches(opened.reader)) {
      ctx.budget.step();
      for (const line of batch) {
        const bytes: Uint8Array = pending ? concatBytes([pending, line.bytes]) : line.bytes;
        pending = null;
        const nul = bytes.indexOf(0);
        if (nul >= 0) {
          // wcslen stops at the NUL: the line looks unfinished, so the next one joins it.
          pending = bytes.subarray(0, nul);
          continue;
        }
        if (!reverseInto(bytes, out)) {
          failed = true;
          break;
        }
        if (line.terminated) out.byte(10);
        done++;
      }
      await ctx.stdout.write(out.take());
      if (failed) break;
    }
    if (failed) {
      ctx.stderr.write(`rev: ${name}: ${done}: Invalid or incomplete multibyte or wide character\n`);
      status = 1;
    } else if (pending) reverseInto(pending, out);
    if (opened.owned) opened.reader.close();
  }
  await ctx.stdout.write(out.take());
  return status;
}

export const rev: CommandDef = { name: "rev", help: HELP, run };
