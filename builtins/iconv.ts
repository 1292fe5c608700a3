import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { readInput } from "./_lib/input.js";
import { isFsError } from "../src/fs/types.js";
import { charsetNames, lookupCharset, type Charset } from "./iconv/charsets.js";
import { TRANSLIT, TRANSLIT_LATIN1 } from "./iconv/translit.js";

/**
 * iconv (glibc 2.36): converts between UTF-8, ASCII, Latin-1/-9, CP1252,
 * UTF-16 and UTF-32; //TRANSLIT replaces what the target lacks (glibc's
 * C.UTF-8 table, else "?"), //IGNORE and -c drop it. Output up to a failure
 * is written, then "illegal input sequence at position N" and status 1.
 */

const HELP = `Usage: iconv [OPTION...] [FILE...]
Convert encoding of given files from one encoding to another.
`;

const SPEC: OptionSpec = {
  from: { short: "f", long: "from-code", arg: "required" },
  to: { short: "t", long: "to-code", arg: "required" },
  list: { short: "l", long: "list" },
  omit: { short: "c" },
  output: { short: "o", long: "output", arg: "required" },
  silent: { short: "s", long: "silent" },
  verbose: { long: "verbose" },
};

interface Target {
  cs: Charset;
  translit: boolean;
  ignore: boolean;
}

function parseTarget(spec: string): { name: string; translit: boolean; ignore: boolean } {
  const parts = spec.split("//");
  const flags = parts.slice(1).join(",").toUpperCase().split(",");
  return { name: parts[0], translit: flags.includes("TRANSLIT"), ignore: flags.includes("IGNORE") };
}

/** Appends cp to out in the target, transliterating when allowed; false when it cannot be written. */
function put(cp: number, t: Target, out: number[]): boolean {
  if (t.cs.encode(cp, out)) return true;
  if (!t.translit) return false;
  const latin = t.cs.name === "ISO-8859-1" ? TRANSLIT_LATIN1.get(cp) : undefined;
  for (const r of [latin, TRANSLIT.get(cp), "?"]) {
    if (r === undefined) continue;
    const mark = out.length;
    if ([...r].every((ch) => t.cs.encode(ch.codePointAt(0)!, out))) return true;
    out.length = mark;
  }
  return false;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP, version: "iconv (Debian GLIBC 2.36-9+deb12u10) 2.36" });
  if (typeof opts === "number") return opts;
  if (opts.has("list")) {
    ctx.stdout.write(charsetNames().map((n) => n + "//\n").join(""));
    return 0;
  }
  const from = parseTarget(opts.get("from") ?? "UTF-8");
  const to = parseTarget(opts.get("to") ?? "UTF-8");
  const src = lookupCharset(from.name);
  const dst = lookupCharset(to.name);
  if (!src || !dst) {
    ctx.stderr.write("iconv: failed to start conversion processing: No such file or directory\n");
    return 1;
  }
  const target: Target = { cs: dst, translit: to.translit, ignore: to.ignore || opts.has("omit") };
  const quiet = opts.has("omit") && !to.ignore;
  const out: number[] = [];
  let status = 0;
  // The byte-order mark goes out with the first character only.
  let bomPending = !!dst.bom;
  const flush = async () => {
    if (!out.length) return;
    const chunk = Uint8Array.from(out);
    out.length = 0;
    const outName = opts.get("output");
    if (outName !== undefined) await ctx.fs.writeFile(ctx.resolve(outName), chunk, { append: true });
    else await ctx.stdout.write(chunk);
  };
  const outName = opts.get("output");
  if (outName !== undefined) await ctx.fs.writeFile(ctx.resolve(outName), new Uint8Array(0));
  for (const operand of opts.operands.length ? opts.operands : ["-"]) {
    let data: Uint8Array;
    try {
      data = await readInput(ctx, operand);
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`iconv: cannot open input file \`${operand}': ${e.message}\n`);
      await flush();
      return 1;
    }
    src.reset?.();
    let skipped = false;
    let i = 0;
    while (i < data.length) {
      if ((i & 0xffff) === 0) ctx.budget.step();
      const d = src.decode(data, i);
      if ("incomplete" in d) {
        await flush();
        ctx.stderr.write("iconv: incomplete character or shift sequence at end of buffer\n");
        return 1;
      }
      if ("invalid" in d) {
        if (target.ignore) {
          skipped = true;
          i++;
          continue;
        }
        await flush();
        ctx.stderr.write(`iconv: illegal input sequence at position ${i}\n`);
        return 1;
      }
      if (d.cp >= 0 && bomPending) {
        out.push(...dst.bom!);
        bomPending = false;
      }
      if (d.cp >= 0 && !put(d.cp, target, out)) {
        if (!target.ignore) {
          await flush();
          ctx.stderr.write(`iconv: illegal input sequence at position ${i}\n`);
          return 1;
        }
        skipped = true;
      }
      i += d.len;
      if (out.length > 65536) await flush();
    }
    if (skipped && !quiet) {
      await flush();
      ctx.stderr.write(`iconv: illegal input sequence at position ${data.length}\n`);
      status = 1;
    }
  }
  await flush();
  return status;
}

export const iconv: CommandDef = { name: "iconv", help: HELP, run };
