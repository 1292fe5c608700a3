import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { openInput } from "./_lib/input.js";
import { LineCursor, readLineBatches, type Line } from "./_lib/lines.js";
import { ByteBuilder, OutputBuffer } from "./_lib/output.js";
import { quoteFile } from "./_lib/quote.js";
import { encodeUtf8 } from "../src/io/utf8.js";
import { emptyReader } from "../src/io/streams.js";
import { isFsError } from "../src/fs/types.js";

/**
 * paste (GNU coreutils 9.1): lines of the inputs side by side (or each input
 * on one line with -s), separated by a cycling list of single-byte
 * delimiters. Every "-" reads the same standard input, taking turns. Streams.
 */

const HELP = `Usage: paste [OPTION]... [FILE]...
Write lines consisting of the sequentially corresponding lines from
each FILE, separated by TABs, to standard output.
`;

const SPEC: OptionSpec = {
  delimiters: { short: "d", long: "delimiters", arg: "required" },
  serial: { short: "s", long: "serial" },
  zero: { short: "z", long: "zero-terminated" },
};

/** A delimiter byte, or null for \0 (no delimiter). */
type Delim = number | null;

const ESCAPES: Record<string, number | null> = { "0": null, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 0x5c };

/** collapse_escapes: the delimiter list, or null when it ends with a lone backslash. */
function parseDelimiters(list: string): Delim[] | null {
  const b = encodeUtf8(list === "" ? "\\0" : list);
  const out: Delim[] = [];
  for (let i = 0; i < b.length; i++) {
    if (b[i] !== 0x5c) {
      out.push(b[i]);
      continue;
    }
    if (++i >= b.length) return null;
    const ch = String.fromCharCode(b[i]);
    out.push(ch in ESCAPES ? ESCAPES[ch] : b[i]);
  }
  return out;
}

async function pasteParallel(ctx: CommandContext, files: string[], delims: Delim[], eol: number): Promise<number> {
  // Every "-" shares one cursor over stdin.
  const sources: Array<LineCursor | null> = [];
  let stdin: LineCursor | null = null;
  let status = 0;
  for (const f of files) {
    if (f === "-") {
      stdin ??= new LineCursor(ctx.stdin, eol);
      sources.push(stdin);
      continue;
    }
    try {
      sources.push(new LineCursor(await openInput(ctx, f), eol));
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`${ctx.name}: ${quoteFile(f)}: ${e.message}\n`);
      // A directory opens and fails on its first read: it acts as an empty input.
      if (e.code !== "EISDIR") return 1;
      status = 1;
      sources.push(new LineCursor(emptyReader, eol));
    }
  }
  const out = new ByteBuilder(64 * 1024);
  let open = sources.length;
  const saved: number[] = [];
  while (open > 0) {
    ctx.budget.step();
    let d = 0;
    saved.length = 0;
    for (let i = 0; i < sources.length && open > 0; i++) {
      const src = sources[i];
      let line: Line | null = null;
      if (src) {
        const r = src.next();
        line = r instanceof Promise ? await r : r;
      }
      const last = i + 1 === sources.length;
      if (line) {
        for (const b of saved) out.byte(b);
        saved.length = 0;
        out.bytes(line.bytes);
        if (last) out.byte(eol);
        else {
          if (delims[d] !== null) out.byte(delims[d] as number);
          d = (d + 1) % delims.length;
        }
        continue;
      }
      if (src) {
        sources[i] = null;
        open--;
      }
      if (last) {
        if (open) {
          for (const b of saved) out.byte(b);
          saved.length = 0;
          out.byte(eol);
        }
      } else {
        if (delims[d] !== null) saved.push(delims[d] as number);
        d = (d + 1) % delims.length;
      }
    }
    if (out.length >= 32 * 1024) await ctx.stdout.write(out.take());
  }
  if (out.length) await ctx.stdout.write(out.take());
  return status;
}

async function pasteSerial(ctx: CommandContext, files: string[], delims: Delim[], eol: number, out: OutputBuffer): Promise<number> {
  let status = 0;
  for (const f of files) {
    let reader;
    try {
      reader = await openInput(ctx, f);
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`${ctx.name}: ${quoteFile(f)}: ${e.message}\n`);
      status = 1;
      // A directory opens and fails on its first read: an empty line is still written.
      if (e.code !== "EISDIR") continue;
      reader = emptyReader;
    }
    let d = 0;
    let first = true;
    for await (const batch of readLineBatches(reader, eol)) {
      ctx.budget.step(batch.length);
      for (const line of batch) {
        if (!first) {
          if (delims[d] !== null) {
            const p = out.byte(delims[d] as number);
            if (p) await p;
          }
          d = (d + 1) % delims.length;
        }
        first = false;
        const p = out.write(line.bytes);
        if (p) await p;
      }
    }
    const p = out.byte(eol);
    if (p) await p;
  }
  return status;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  const list = opts.get("delimiters") ?? "\t";
  const delims = parseDelimiters(list);
  if (!delims) {
    ctx.stderr.write(`${ctx.name}: delimiter list ends with an unescaped backslash: ${list}\n`);
    return 1;
  }
  const files = opts.operands.length ? opts.operands : ["-"];
  const eol = opts.has("zero") ? 0 : 0x0a;
  if (!opts.has("serial")) return pasteParallel(ctx, files, delims, eol);
  const out = new OutputBuffer(ctx.stdout);
  const status = await pasteSerial(ctx, files, delims, eol, out);
  const p = out.flush();
  if (p) await p;
  return status;
}

export const paste: CommandDef = { name: "paste", help: HELP, run };
