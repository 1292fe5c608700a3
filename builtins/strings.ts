import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { ByteBuilder } from "./_lib/output.js";
import { encodeUtf8 } from "../src/io/utf8.js";
import { readAll, bytesReader, type ByteReader } from "../src/io/streams.js";
import { isFsError } from "../src/fs/types.js";

/**
 * strings (GNU binutils 2.40): runs of at least -n graphic characters (ASCII
 * printable and TAB; -e S adds bytes above 127, -w all whitespace), in 7/8-bit
 * or 16/32-bit big/little-endian (-e b l B L) characters, with -t/-o offsets,
 * -f file names and -s separators. Every input is scanned whole (-a).
 */

const USAGE = `Usage: strings [option(s)] [file(s)]
 Display printable strings in [file(s)] (stdin by default)
 The options are:
  -a - --all                Scan the entire file, not just the data section [default]
  -d --data                 Only scan the data sections in the file
  -f --print-file-name      Print the name of the file before each string
  -n <number>               Locate & print any sequence of at least <number>
    --bytes=<number>         displayable characters.  (The default is 4).
  -t --radix={o,d,x}        Print the location of the string in base 8, 10 or 16
  -w --include-all-whitespace Include all whitespace as valid string characters
  -o                        An alias for --radix=o
  -T --target=<BFDNAME>     Specify the binary file format
  -e --encoding={s,S,b,l,B,L} Select character size and endianness:
                            s = 7-bit, S = 8-bit, {b,l} = 16-bit, {B,L} = 32-bit
  --unicode={default|show|invalid|hex|escape|highlight}
  -U {d|s|i|x|e|h}          Specify how to treat UTF-8 encoded unicode characters
  -s --output-separator=<string> String used to separate strings in output.
  @<file>                   Read options from <file>
  -h --help                 Display this information
  -v -V --version           Print the program's version number
strings: supported targets: elf64-x86-64 elf32-i386 elf32-iamcu elf32-x86-64 pei-i386 pe-x86-64 pei-x86-64 elf64-little elf64-big elf32-little elf32-big pe-bigobj-x86-64 pe-i386 pdb srec symbolsrec verilog tekhex binary ihex plugin
`;

const SPEC: OptionSpec = {
  all: { short: "a", long: "all" },
  data: { short: "d", long: "data" },
  printFileName: { short: "f", long: "print-file-name" },
  bytes: { short: "n", long: "bytes", arg: "required" },
  radix: { short: "t", long: "radix", arg: "required" },
  octal: { short: "o" },
  whitespace: { short: "w", long: "include-all-whitespace" },
  target: { short: "T", long: "target", arg: "required" },
  encoding: { short: "e", long: "encoding", arg: "required" },
  unicode: { short: "U", long: "unicode", arg: "required" },
  separator: { short: "s", long: "output-separator", arg: "required" },
  help: { short: "h", long: "help" },
  version: { short: "v", long: "version" },
  versionV: { short: "V" },
};

interface Settings {
  min: number;
  radix: 8 | 10 | 16 | null;
  fileNames: boolean;
  allWhitespace: boolean;
  encoding: string;
  separator: string | null;
}

function usage(ctx: CommandContext, status: number): number {
  (status ? ctx.stderr : ctx.stdout).write(USAGE);
  return status;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { numberOption: "bytes", report: () => usage(ctx, 1) });
  if (typeof opts === "number") return opts;
  const s: Settings = { min: 4, radix: null, fileNames: false, allWhitespace: false, encoding: "s", separator: null };
  for (const { key, value } of opts.order) {
    const v = value as string;
    if (key === "help") return usage(ctx, 0);
    if (key === "version" || key === "versionV") {
      ctx.stdout.write("GNU strings (GNU Binutils for Debian) 2.40\n");
      return 0;
    }
    if (key === "printFileName") s.fileNames = true;
    else if (key === "bytes") {
      const m = /^\s*[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(v);
      if (!m) return fatal(ctx, `invalid integer argument ${v}`);
      const n = Number(/^0[0-7]/.test(m[1]) ? parseInt(m[1], 8) : m[1]);
      // strtoul wraps a negative value; string_min is unsigned.
      s.min = v.trim().startsWith("-") ? 2 ** 32 - (n % 2 ** 32) : n % 2 ** 32;
    } else if (key === "radix") {
      const r = ({ o: 8, d: 10, x: 16 } as const)[v as "o" | "d" | "x"];
      if (v.length !== 1 || !r) return usage(ctx, 1);
      s.radix = r;
    } else if (key === "octal") s.radix = 8;
    else if (key === "whitespace") s.allWhitespace = true;
    else if (key === "encoding") {
      if (v.length !== 1 || !"sSbBlL".includes(v)) return usage(ctx, 1);
      s.encoding = v;
    } else if (key === "separator") s.separator = v;
  }
  if (s.min < 1) return fatal(ctx, `invalid minimum string length ${s.min}`);
  let status = 0;
  if (opts.operands.length === 0) {
    await scan(ctx, ctx.stdin, "{standard input}", s);
    return 0;
  }
  for (const name of opts.operands) {
    const path = ctx.resolve(name);
    try {
      const st = await ctx.fs.stat(path);
      if (st.type === "directory") {
        ctx.stderr.write(`strings: Warning: '${name}' is a directory\n`);
        status = 1;
        continue;
      }
      await scan(ctx, bytesReader(await ctx.fs.readFile(path), 65536), name, s);
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(e.code === "ENOENT" ? `strings: '${name}': No such file\n` : `strings: Warning: could not locate '${name}'.  reason: ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

function fatal(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`strings: ${message}\n`);
  return 1;
}

/** STRING_ISGRAPHIC. */
function graphic(c: number, s: Settings): boolean {
  if (c < 0 || c > 255) return false;
  return c === 9 || (c >= 0x20 && c < 0x7f) || (s.encoding === "S" && c > 127) || (s.allWhitespace && (c === 32 || (c >= 9 && c <= 13)));
}

/** print_strings over one input: character by character, re-syncing byte by byte after a non-graphic one. */
async function scan(ctx: CommandContext, reader: ByteReader, name: string, s: Settings): Promise<void> {
  const width = "bl".includes(s.encoding) ? 2 : "BL".includes(s.encoding) ? 4 : 1;
  const data = await readAll(reader);
  const out = new ByteBuilder(65536);
  const prefix = s.fileNames ? encodeUtf8(`${name}: `) : null;
  const separator = encodeUtf8(s.separator ?? "\n");
  const charAt = (i: number): number => {
    if (i + width > data.length) return -1;
    switch (s.encoding) {
      case "b": return (data[i] << 8) | data[i + 1];
      case "l": return data[i] | (data[i + 1] << 8);
      case "B": return ((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0;
      case "L": return ((data[i + 3] << 24) | (data[i + 2] << 16) | (data[i + 1] << 8) | data[i]) >>> 0;
      default: return data[i];
    }
  };
  let pos = 0;
  outer: for (;;) {
    const start = pos;
    for (let k = 0; k < s.min; k++) {
      const c = charAt(pos);
      if (c < 0) break outer;
      if (!graphic(c, s)) {
        // Try again one byte further on (multi-byte characters re-sync byte by byte).
        pos += 1;
        continue outer;
      }
      pos += width;
    }
    if (prefix) out.bytes(prefix);
    if (s.radix) out.latin1(start.toString(s.radix).padStart(7) + " ");
    for (let i = start; i < pos; i += width) out.byte(charAt(i) & 0xff);
    for (;;) {
      const c = charAt(pos);
      if (c < 0 || !graphic(c, s)) {
        if (c >= 0) pos += 1;
        break;
      }
      out.byte(c & 0xff);
      pos += width;
    }
    out.bytes(separator);
    if (out.length >= 65536) {
      ctx.budget.step();
      await ctx.stdout.write(out.take());
    }
  }
  if (out.length) await ctx.stdout.write(out.take());
}

export const strings: CommandDef = { name: "strings", help: USAGE, run };
