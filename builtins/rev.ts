import type { CommandContext, CommandDef } from "./types.js";
import { decodeUtf8, encodeUtf8 } from "../src/io/utf8.js";
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

function isValidUtf8(line: Uint8Array): boolean {
  for (let i = 0; i < line.length; i++) if (line[i] >= 0x80) return !hasInvalid(decodeUtf8(line));
  return true;
}

/** Appends the characters of a valid UTF-8 line in reverse order. */
function reverseInto(line: Uint8Array, out: ByteBuilder): void {
  const n = line.length;
  out.reserve(n);
  const buf = out.buf;
  const base = out.length;
  // Each sequence keeps its byte order; the sequences go in reverse.
  let i = 0;
  while (i < n) {
    const b = line[i];
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    buf.set(line.subarray(i, i + len), base + n - i - len);
    i += len;
  }
  out.length += n;
}

/** True when decoding kept an invalid byte (U+DC80..U+DCFF). */
function hasInvalid(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff) return true;
  }
  return false;
}

/**
 * rev 2.38's wide-character buffer for a line that a NUL cut short: wcslen
 * stops at the NUL, so rev reads the next line in at that point (fgetws),
 * and prints the buffer up to its first NUL, stale characters included.
 */
class JoinedLine {
  private buf: number[] = [];
  private len = 0;

  constructor(bytes: Uint8Array, terminated: boolean) {
    this.write(bytes, terminated, true);
  }

  private write(bytes: Uint8Array, terminated: boolean, nul: boolean): void {
    const cps = Array.from(decodeUtf8(bytes), (c) => c.codePointAt(0)!);
    if (terminated) cps.push(10);
    if (nul) cps.push(0);
    for (let i = 0; i < cps.length; i++) this.buf[this.len + i] = cps[i];
    if (nul) this.len = this.buf.indexOf(0);
  }

  /** Reads the next line in; true when the buffer now ends a line. */
  extend(bytes: Uint8Array, terminated: boolean): boolean {
    this.write(bytes, terminated, true);
    return this.len > 0 && this.buf[this.len - 1] === 10;
  }

  /** A failed fgetws still stores the characters before the bad sequence. */
  writePartial(bytes: Uint8Array): void {
    const text = decodeUtf8(bytes);
    const bad = text.search(/[\uDC80-\uDCFF]/);
    this.write(encodeUtf8(text.slice(0, bad < 0 ? text.length : bad)), false, false);
  }

  output(): Uint8Array {
    const n = this.len > 0 && this.buf[this.len - 1] === 10 ? this.len - 1 : this.len;
    const head = this.buf.slice(0, n).reverse();
    let end = this.buf.indexOf(0, n);
    if (end < 0) end = this.buf.length;
    const tail = this.buf.slice(n, end);
    return encodeUtf8(String.fromCodePoint(...head, ...tail));
  }
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
    let joined: JoinedLine | null = null;
    let failed = false;
    for await (const batch of readLineBatches(opened.reader)) {
      ctx.budget.step();
      for (const line of batch) {
        // fgetws fails on an invalid sequence anywhere in the line, even past a NUL.
        const valid = isValidUtf8(line.bytes);
        if (joined) {
          if (!valid) joined.writePartial(line.bytes);
          if (!valid || joined.extend(line.bytes, line.terminated)) {
            out.bytes(joined.output());
            joined = null;
            done++;
          }
          if (!valid) {
            failed = true;
            break;
          }
          continue;
        }
        if (!valid) {
          failed = true;
          break;
        }
        const nul = line.bytes.indexOf(0);
        if (nul === 0) continue; // an empty wide string: nothing printed or counted
        if (nul > 0) {
          joined = new JoinedLine(line.bytes, line.terminated);
          continue;
        }
        reverseInto(line.bytes, out);
        if (line.terminated) out.byte(10);
        done++;
      }
      await ctx.stdout.write(out.take());
      if (failed) break;
    }
    if (failed) {
      ctx.stderr.write(`rev: ${name}: ${done}: Invalid or incomplete multibyte or wide character\n`);
      status = 1;
    } else if (joined) out.bytes(joined.output());
    if (opened.owned) opened.reader.close();
  }
  await ctx.stdout.write(out.take());
  return status;
}

export const rev: CommandDef = { name: "rev", help: HELP, run };
