import type { CommandDef } from "./types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { readInput } from "./_lib/input.js";
import { parseSize } from "./_lib/size.js";

/** split (GNU coreutils 9.1): -l -b -C -n (N, K/N, l/N, r/N), -a -d -x --numeric-suffixes --additional-suffix -t -e --verbose. */

const HELP = `Usage: split [OPTION]... [FILE [PREFIX]]
Output pieces of FILE to PREFIXaa, PREFIXab, ...;
default size is 1000 lines, and default PREFIX is 'x'.

  -a, --suffix-length=N   generate suffixes of length N (default 2)
      --additional-suffix=SUFFIX  append an additional SUFFIX to file names
  -b, --bytes=SIZE        put SIZE bytes per output file
  -C, --line-bytes=SIZE   put at most SIZE bytes of records per output file
  -d                      use numeric suffixes starting at 0, not alphabetic
      --numeric-suffixes[=FROM]  same as -d, but allow setting the start value
  -x                      use hex suffixes starting at 0, not alphabetic
      --hex-suffixes[=FROM]  same as -x, but allow setting the start value
  -e, --elide-empty-files  do not generate empty output files with '-n'
  -l, --lines=NUMBER      put NUMBER lines/records per output file
  -n, --number=CHUNKS     generate CHUNKS output files; see explanation below
  -t, --separator=SEP     use SEP instead of newline as the record separator
      --verbose           print a diagnostic just before each
                            output file is opened
`;

/** Names output files: PREFIX + suffix + additional suffix, widening as GNU does when no -a was given. */
class Namer {
  private index: number;
  constructor(
    private readonly prefix: string,
    private readonly alphabet: string,
    private width: number,
    private readonly auto: boolean,
    start: number,
    private readonly extra: string,
  ) {
    this.index = start;
  }

  /** The next name, or null when the suffixes are exhausted. */
  next(): string | null {
    const radix = this.alphabet.length;
    let n = this.index++;
    let lead = "";
    let width = this.width;
    if (this.auto) {
      // aa..yz, then zaaa..zyzz, then zzaaaa...: the first digit `radix-1` widens the suffix.
      for (;;) {
        const limit = (radix - 1) * radix ** (width - 1);
        if (n < limit) break;
        n -= limit;
        lead += this.alphabet[radix - 1];
        width++;
      }
    } else if (n >= radix ** width) return null;
    let s = "";
    for (let i = 0; i < width; i++) {
      s = this.alphabet[n % radix] + s;
      n = Math.floor(n / radix);
    }
    return this.prefix + lead + s + this.extra;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Splits data after each separator byte (the last record may lack one). */
function records(data: Uint8Array, sep: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === sep) {
      out.push(data.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < data.length) out.push(data.subarray(start));
  return out;
}

export const split: CommandDef = {
  name: "split",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        suffixLength: { short: "a", long: "suffix-length", arg: "required" },
        additional: { long: "additional-suffix", arg: "required" },
        bytes: { short: "b", long: "bytes", arg: "required" },
        lineBytes: { short: "C", long: "line-bytes", arg: "required" },
        d: { short: "d" },
        numeric: { long: "numeric-suffixes", arg: "optional" },
        x: { short: "x" },
        hex: { long: "hex-suffixes", arg: "optional" },
        elide: { short: "e", long: "elide-empty-files" },
        filter: { long: "filter", arg: "required" },
        lines: { short: "l", long: "lines", arg: "required" },
        number: { short: "n", long: "number", arg: "required" },
        separator: { short: "t", long: "separator", arg: "required" },
        unbuffered: { short: "u", long: "unbuffered" },
        verbose: { long: "verbose" },
      },
      { help: HELP, numberOption: "lines" },
    );
    if (typeof opts === "number") return opts;
    if (opts.operands.length > 2) {
      usageError(ctx, `extra operand ${quoteValue(opts.operands[2])}`);
      return 1;
    }
    const input = opts.operands[0] ?? "-";
    const prefix = opts.operands[1] ?? "x";
    let alphabet = "abcdefghijklmnopqrstuvwxyz";
    let start = 0;
    for (const { key, value } of opts.order) {
      if (key === "d" || key === "numeric") {
        alphabet = "0123456789";
        start = typeof value === "string" ? Number(value) : 0;
      } else if (key === "x" || key === "hex") {
        alphabet = "0123456789abcdef";
        start = typeof value === "string" ? parseInt(value, 16) : 0;
      }
    }
    const count = (text: string, what: string): number | null => {
      const r = parseSize(text, "bEGKkMmPQRTYZ0");
      if ("error" in r || r.value === 0n) {
        const extra = "error" in r && r.error === "invalid" ? "" : ": Numerical result out of range";
        ctx.stderr.write(`split: invalid number of ${what}: ${quoteValue(text)}${extra}\n`);
        return null;
      }
      return Number(r.value);
    };
    let mode: "lines" | "bytes" | "lineBytes" | "number" = "lines";
    let size = 1000;
    let chunk = { kind: "", k: 0, n: 0 };
    for (const { key, value } of opts.order) {
      const v = value as string;
      if (key === "lines") {
        const n = /^\d+$/.test(v) ? Number(v) : null;
        if (!n) {
          ctx.stderr.write(`split: invalid number of lines: ${quoteValue(v)}${n === 0 ? ": Numerical result out of range" : ""}\n`);
          return 1;
        }
        mode = "lines";
        size = n;
      } else if (key === "bytes" || key === "lineBytes") {
        const n = count(v, "bytes");
        if (n === null) return 1;
        mode = key;
        size = n;
      } else if (key === "number") {
        const m = /^(?:([lr])\/)?(?:(\d+)\/)?(\d+)$/.exec(v);
        if (!m || Number(m[3]) === 0 || (m[2] !== undefined && (Number(m[2]) === 0 || Number(m[2]) > Number(m[3])))) {
          const why = m && Number(m[3]) === 0 ? ": Numerical result out of range" : "";
          ctx.stderr.write(`split: invalid number of chunks: ${quoteValue(m ? m[3] : v)}${why}\n`);
          return 1;
        }
        mode = "number";
        chunk = { kind: m[1] ?? "", k: m[2] ? Number(m[2]) : 0, n: Number(m[3]) };
      }
    }
    const suffixText = opts.get("suffixLength");
    let width = 2;
    if (suffixText !== undefined) {
      if (!/^\d+$/.test(suffixText)) {
        ctx.stderr.write(`split: invalid suffix length: ${quoteValue(suffixText)}\n`);
        return 1;
      }
      width = Number(suffixText);
    }
    const auto = suffixText === undefined && mode !== "number" && start === 0;
    if (mode === "number") {
      let need = 1;
      for (let v = chunk.n - 1 + start; v >= alphabet.length; v = Math.floor(v / alphabet.length)) need++;
      if (need > width) {
        if (suffixText !== undefined) {
          ctx.stderr.write(`split: the suffix length needs to be at least ${need}\n`);
          return 1;
        }
        width = need;
      }
    }
    const sepText = opts.get("separator");
    let sep = 0x0a;
    if (sepText !== undefined) {
      if (sepText === "\\0") sep = 0;
      else if (new TextEncoder().encode(sepText).length !== 1) {
        ctx.stderr.write(`split: multi-character separator ${quoteValue(sepText)}\n`);
        return 1;
      } else sep = new TextEncoder().encode(sepText)[0];
    }
    if (mode === "number" && (input === "-" || input === "/dev/stdin")) {
      // DIVERGE-ish: GNU needs the size of stdin; a pipe has none. We cannot tell a
      // redirected file from a pipe, so stdin is always treated as a pipe.
      ctx.stderr.write(`split: ${input}: cannot determine file size\n`);
      return 1;
    }
    let data: Uint8Array;
    try {
      data = await readInput(ctx, input);
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`split: cannot open ${quoteAlways(input)} for reading: ${e.message}\n`);
      return 1;
    }
    const namer = new Namer(prefix, alphabet, width, auto, start, opts.get("additional") ?? "");
    const pieces: Uint8Array[][] = [];
    if (mode === "lines") {
      const recs = records(data, sep);
      for (let i = 0; i < recs.length; i += size) pieces.push(recs.slice(i, i + size));
    } else if (mode === "bytes") {
      for (let i = 0; i < data.length; i += size) pieces.push([data.subarray(i, i + size)]);
    } else if (mode === "lineBytes") {
      let cur: Uint8Array[] = [];
      let curLen = 0;
      for (const rec of records(data, sep)) {
        let r = rec;
        while (r.length > 0) {
          if (curLen + r.length <= size) {
            cur.push(r);
            curLen += r.length;
            break;
          }
          if (curLen > 0) {
            pieces.push(cur);
            cur = [];
            curLen = 0;
            continue;
          }
          pieces.push([r.subarray(0, size)]);
          r = r.subarray(size);
        }
      }
      if (curLen > 0) pieces.push(cur);
    } else {
      const n = chunk.n;
      const total = data.length;
      for (let i = 0; i < n; i++) pieces.push([]);
      if (chunk.kind === "r") {
        records(data, sep).forEach((rec, i) => pieces[i % n].push(rec));
      } else {
        // GNU cuts every chunk at a multiple of total/n (rounded down; at least a byte): the last
        // one gets the remainder, and chunks past the end are empty.
        const per = chunk.kind === "l" ? Math.floor(total / n) : Math.max(1, Math.floor(total / n));
        let pos = 0;
        for (let i = 0; i < n; i++) {
          let end = i === n - 1 ? total : Math.min(total, (i + 1) * per);
          if (chunk.kind === "l" && i < n - 1) {
            if (end <= pos) end = pos;
            else {
              const nl = data.indexOf(sep, end - 1);
              end = nl < 0 ? total : nl + 1;
            }
          }
          if (end < pos) end = pos;
          pieces[i] = [data.subarray(pos, end)];
          pos = end;
        }
      }
      if (chunk.k > 0) {
        await ctx.stdout.write(concat(pieces[chunk.k - 1]));
        return 0;
      }
    }
    const elide = opts.has("elide");
    for (const piece of pieces) {
      ctx.budget.step();
      const bytes = concat(piece);
      if (mode === "number" && elide && bytes.length === 0) continue;
      const name = namer.next();
      if (name === null) {
        ctx.stderr.write("split: output file suffixes exhausted\n");
        return 1;
      }
      if (opts.has("verbose")) await ctx.stdout.write(`creating file ${quoteAlways(name)}\n`);
      try {
        await ctx.fs.writeFile(ctx.resolve(name), bytes, { mode: 0o666 & ~ctx.umask });
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`split: ${quoteAlways(name)}: ${e.message}\n`);
        return 1;
      }
    }
    return 0;
  },
};
