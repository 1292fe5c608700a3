import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { argmatch } from "./_lib/argmatch.js";
import { quoteValue } from "./_lib/quote.js";
import { parseTypeString, TRADITIONAL, type OutputType } from "./od/types.js";
import { CombinedInput, parseByteCount } from "./od/input.js";
import { dumpBlocks, dumpStrings, type Layout } from "./od/dump.js";

/**
 * od (GNU coreutils 9.1): the inputs as one stream dumped in blocks, one line
 * per output type, `*` for repeated blocks; -S for NUL-terminated strings;
 * the traditional `od [FILE] [[+]OFFSET[.][b]]` forms.
 */

const HELP = `Usage: od [OPTION]... [FILE]...
  or:  od [-abcdfilosx]... [FILE] [[+]OFFSET[.][b]]
  or:  od --traditional [OPTION]... [FILE] [[+]OFFSET[.][b] [+][LABEL][.][b]]

Write an unambiguous representation, octal bytes by default,
of FILE to standard output.  With more than one FILE argument,
concatenate them in the listed order to form the input.
`;

const SPEC: OptionSpec = {
  A: { short: "A", long: "address-radix", arg: "required" },
  j: { short: "j", long: "skip-bytes", arg: "required" },
  N: { short: "N", long: "read-bytes", arg: "required" },
  S: { short: "S", arg: "required" },
  strings: { long: "strings", arg: "optional" },
  t: { short: "t", long: "format", arg: "required" },
  v: { short: "v", long: "output-duplicates" },
  w: { short: "w", long: "width", arg: "optional" },
  traditional: { long: "traditional" },
  endian: { long: "endian", arg: "required" },
};
for (const letter of Object.keys(TRADITIONAL)) SPEC["trad-" + letter] = { short: letter };

/** Options that select the modern syntax (no offset operands). */
const MODERN = new Set(["A", "j", "N", "S", "strings", "t", "v", "w"]);

interface Settings {
  types: OutputType[];
  radix: string;
  skip: number;
  limit: number | null;
  strings: number | null;
  width: number | null;
  duplicates: boolean;
  bigEndian: boolean;
  traditional: boolean;
  modern: boolean;
  ok: boolean;
}

/** Applies the options in order; throws UsageError where GNU exits at once. */
function readSettings(ctx: CommandContext, opts: Exclude<ReturnType<typeof parseOptions>, number>): Settings {
  const s: Settings = {
    types: [], radix: "o", skip: 0, limit: null, strings: null, width: null,
    duplicates: false, bigEndian: false, traditional: false, modern: false, ok: true,
  };
  const fatal = (message: string): never => {
    ctx.stderr.write(`od: ${message}\n`);
    throw new UsageError(1);
  };
  const count = (value: string, option: string): number => {
    const n = parseByteCount(value, option);
    return typeof n === "string" ? fatal(n) : n;
  };
  for (const { key, value } of opts.order) {
    if (MODERN.has(key)) s.modern = true;
    const v = value === true ? null : value;
    if (key.startsWith("trad-")) s.types.push(...(parseTypeString(TRADITIONAL[key.slice(5)]) as OutputType[]));
    else if (key === "A") {
      // GNU looks at the first character only.
      if (v === "" || !"doxn".includes(v![0])) {
        fatal(`invalid output address radix '${v![0] ?? ""}'; it must be one character from [doxn]`);
      }
      s.radix = v![0];
    } else if (key === "j") s.skip = count(v!, "-j");
    else if (key === "N") s.limit = count(v!, "-N");
    else if (key === "S" || key === "strings") s.strings = v === null ? 3 : count(v, "-S");
    else if (key === "t") {
      const parsed = parseTypeString(v!);
      if (typeof parsed === "string") {
        ctx.stderr.write(`od: ${parsed}\n`);
        s.ok = false;
      } else s.types.push(...parsed);
    } else if (key === "v") s.duplicates = true;
    else if (key === "w") {
      if (v === null) s.width = 32;
      else {
        const n = parseByteCount(v, "-w", false);
        s.width = typeof n === "string" ? fatal(n) : n;
      }
    } else if (key === "traditional") s.traditional = true;
    else if (key === "endian") {
      s.bigEndian = argmatch(ctx, "--endian", v!, [["little", false], ["big", true]] as const);
    }
  }
  return s;
}

/** parse_old_offset: [+]N in octal, 0xN in hex, an optional b (512) or B (1024) suffix. */
function oldOffset(text: string): number | null {
  const s = text.startsWith("+") ? text.slice(1) : text;
  if (s === "" || s.includes(".")) return null;
  const m = /^(0[xX][0-9a-fA-F]+|[0-7]+)([bB]?)$/.exec(s);
  if (!m) return null;
  const n = BigInt(/^0[xX]/.test(m[1]) ? m[1] : "0o" + m[1]) * (m[2] === "b" ? 512n : m[2] === "B" ? 1024n : 1n);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(n);
}

/** The traditional operand forms: an offset (and label) after the file. */
function traditionalOperands(ctx: CommandContext, s: Settings, operands: string[]): { files: string[]; label: number | null } {
  let files = operands;
  let label: number | null = null;
  const n = operands.length;
  if (n === 1 && (s.traditional || operands[0][0] === "+")) {
    const o = oldOffset(operands[0]);
    if (o !== null) {
      s.skip = o;
      files = [];
    }
  } else if (n === 2 && (s.traditional || operands[1][0] === "+" || /^[0-9]/.test(operands[1]))) {
    const o2 = oldOffset(operands[1]);
    const o1 = s.traditional ? oldOffset(operands[0]) : null;
    if (o2 !== null && o1 !== null) {
      s.skip = o1;
      label = o2;
      files = [];
    } else if (o2 !== null) {
      s.skip = o2;
      files = [operands[0]];
    }
  } else if (n === 3 && s.traditional) {
    const o1 = oldOffset(operands[1]);
    const o2 = oldOffset(operands[2]);
    if (o1 !== null && o2 !== null) {
      s.skip = o1;
      label = o2;
      files = [operands[0]];
    }
  }
  if (s.traditional && files.length > 1) {
    ctx.stderr.write(`od: extra operand ${quoteValue(files[1])}\n`);
    throw usageError(ctx, "compatibility mode supports at most one file");
  }
  return { files, label };
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  try {
    const s = readSettings(ctx, opts);
    if (!s.ok) return 1;
    if (s.strings !== null && s.types.length > 0) {
      ctx.stderr.write("od: no type may be specified when dumping strings\n");
      return 1;
    }
    const { files, label } = !s.modern || s.traditional ? traditionalOperands(ctx, s, opts.operands) : { files: opts.operands, label: null };
    if (s.types.length === 0) s.types = parseTypeString("oS") as OutputType[];
    const input = new CombinedInput(ctx, files.length ? files : ["-"]);
    // When no operand can be opened GNU prints nothing at all.
    if (!(await input.start())) return 1;
    if ((await input.skip(s.skip)) > 0) {
      ctx.stderr.write("od: cannot skip past end of combined input\n");
      return 1;
    }
    const layout: Layout = {
      radix: s.radix,
      label: label === null ? null : label - s.skip,
      start: s.skip,
      end: s.limit === null ? null : s.skip + s.limit,
      duplicates: s.duplicates,
      bigEndian: s.bigEndian,
      types: s.types,
      bytesPerBlock: 0,
    };
    if (s.strings !== null) await dumpStrings(ctx, input, layout, s.strings);
    else {
      layout.bytesPerBlock = blockSize(ctx, s.types, s.width);
      await dumpBlocks(ctx, input, layout);
    }
    return input.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
}

/** Bytes per line: a multiple of every type's size (16 by default), and each type's padding. */
function blockSize(ctx: CommandContext, types: OutputType[], width: number | null): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const lcm = types.reduce((acc, t) => (acc * t.size) / gcd(acc, t.size), 1);
  let bytes: number;
  if (width !== null) {
    if (width !== 0 && width % lcm === 0) bytes = width;
    else {
      ctx.stderr.write(`od: warning: invalid width ${width}; using ${lcm} instead\n`);
      bytes = lcm;
    }
  } else bytes = lcm < 16 ? lcm * Math.floor(16 / lcm) : lcm;
  let lineWidth = 0;
  for (const t of types) lineWidth = Math.max(lineWidth, (t.fieldWidth + 1) * (bytes / t.size));
  for (const t of types) t.padWidth = lineWidth - t.fieldWidth * (bytes / t.size);
  return bytes;
}

export const od: CommandDef = { name: "od", help: HELP, run };
