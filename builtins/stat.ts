import type { CommandContext, CommandDef } from "./types.js";
import type { FileStat } from "../src/fs/types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { modeString, typeBits } from "./_lib/mode.js";
import { quoteAlways } from "./_lib/quote.js";
import { userName, groupName } from "./_lib/owner.js";
import { blocksOf, deviceNumbers, fileTypeName } from "./_lib/fileinfo.js";
import { localTime, strftime, zoneOf } from "./_lib/time.js";

/** stat (GNU coreutils 9.1): the default layout, -c/--format, --printf, -L, -t, -f. */

const HELP = `Usage: stat [OPTION]... FILE...
Display file or file system status.

  -L, --dereference     follow links
  -f, --file-system     display file system status instead of file status
  -c  --format=FORMAT   use the specified FORMAT instead of the default;
                          output a newline after each use of FORMAT
      --printf=FORMAT   like --format, but interpret backslash escapes,
                          and do not output a mandatory trailing newline;
                          if you want a newline, include \\n in FORMAT
  -t, --terse           print the information in terse form
`;

/** The device the sandbox's files live on (stat %d / %D): 0,27 like a tmpfs mount. */
const DEVICE = 27;

const DEFAULT_FORMAT =
  "  File: %!\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n" +
  "Device: %Hd,%Ld\tInode: %-11i Links: %h\n" +
  "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n" +
  "Access: %x\nModify: %y\nChange: %z\n Birth: %w\n";
const DEVICE_FORMAT = DEFAULT_FORMAT.replace("Links: %h\n", "Links: %-5h Device type: %Hr,%Lr\n");
const TERSE_FORMAT = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n";

const FS_FORMAT =
  '  File: "%n"\n    ID: %-8i Namelen: %-7l Type: %T\nBlock size: %-10s Fundamental block size: %S\n' +
  "Blocks: Total: %-10b Free: %-10f Available: %a\nInodes: Total: %-10c Free: %d\n";
const FS_TERSE = "%n %i %l %t %s %S %b %f %a %c %d\n";

interface Target {
  name: string;
  st: FileStat;
  linkTarget?: string;
}

/** C-style numeric formatting with printf flags (stat's %05s, %-10b, %#a). */
function formatNumber(flags: string, width: number | undefined, value: bigint | number, radix = 10): string {
  let digits = (typeof value === "bigint" ? value : BigInt(Math.trunc(value))).toString(radix);
  let sign = "";
  if (digits.startsWith("-")) {
    sign = "-";
    digits = digits.slice(1);
  } else if (flags.includes("+") && radix === 10) sign = "+";
  else if (flags.includes(" ") && radix === 10) sign = " ";
  if (flags.includes("#")) {
    if (radix === 8 && !digits.startsWith("0")) digits = "0" + digits;
    if (radix === 16 && digits !== "0") sign += "0x";
  }
  return pad(flags, width, sign, digits, !flags.includes("-") && flags.includes("0"));
}

function pad(flags: string, width: number | undefined, sign: string, body: string, zero: boolean): string {
  const len = sign.length + body.length;
  if (width === undefined || len >= width) return sign + body;
  if (flags.includes("-")) return sign + body + " ".repeat(width - len);
  if (zero) return sign + "0".repeat(width - len) + body;
  return " ".repeat(width - len) + sign + body;
}

function formatString(flags: string, width: number | undefined, precision: number | undefined, s: string): string {
  const v = precision === undefined ? s : [...s].slice(0, precision).join("");
  return pad(flags, width, "", v, false);
}

function timeText(ctx: CommandContext, ms: number): string {
  return strftime("%Y-%m-%d %H:%M:%S.%N %z", localTime(ms, zoneOf(ctx)));
}

/** %X %Y %Z %W with an optional precision: seconds and that many fraction digits. */
function epochText(flags: string, width: number | undefined, precision: number | undefined, ms: number): string {
  const secs = Math.floor(ms / 1000);
  const nanos = Math.round((ms - secs * 1000) * 1e6);
  if (precision === undefined || precision === 0) return formatNumber(flags, width, secs);
  const frac = String(nanos).padStart(9, "0").slice(0, Math.min(precision, 9)).padEnd(precision, "0");
  return formatString(flags, width, undefined, `${secs}.${frac}`);
}

function fileDirective(ctx: CommandContext, t: Target, conv: string, flags: string, width?: number, precision?: number): string | null {
  const st = t.st;
  const num = (v: number, radix = 10) => formatNumber(flags, width, v, radix);
  const str = (s: string) => formatString(flags, width, precision, s);
  const [major, minor] = deviceNumbers(st.rdev ?? 0);
  switch (conv) {
    case "a": return num(st.mode & 0o7777, 8);
    case "A": return str(modeString(st));
    case "b": return num(blocksOf(st));
    case "B": return num(512);
    case "C": return str("?");
    case "d": return num(DEVICE);
    case "D": return num(DEVICE, 16);
    case "f": return num(typeBits(st.type) | st.mode, 16);
    case "F": return str(fileTypeName(st));
    case "g": return num(st.gid);
    case "G": return str(groupName(ctx, st.gid));
    case "h": return num(st.nlink);
    case "i": return num(st.ino);
    case "m": return str("/");
    case "n": return str(t.name);
    // The default layout's name line shows the names unquoted.
    case "!": return t.linkTarget !== undefined ? `${t.name} -> ${t.linkTarget}` : t.name;
    case "N": return str(t.linkTarget !== undefined ? `${quoteAlways(t.name)} -> ${quoteAlways(t.linkTarget)}` : quoteAlways(t.name));
    case "o": return num(4096);
    case "s": return num(st.size);
    case "t": return num(major, 16);
    case "T": return num(minor, 16);
    case "u": return num(st.uid);
    case "U": return str(userName(ctx, st.uid));
    case "w": return str(timeText(ctx, st.birthtimeMs));
    case "W": return epochText(flags, width, precision, st.birthtimeMs);
    case "x": return str(timeText(ctx, st.atimeMs));
    case "X": return epochText(flags, width, precision, st.atimeMs);
    case "y": return str(timeText(ctx, st.mtimeMs));
    case "Y": return epochText(flags, width, precision, st.mtimeMs);
    case "z": return str(timeText(ctx, st.ctimeMs));
    case "Z": return epochText(flags, width, precision, st.ctimeMs);
    case "Hd": return num(0);
    case "Ld": return num(DEVICE);
    case "Hr": return num(major);
    case "Lr": return num(minor);
    default: return null;
  }
}

/** File system values of the sandbox (stat -f): a 64 MiB tmpfs. */
function fsDirective(t: Target, conv: string, flags: string, width?: number, precision?: number): string | null {
  const num = (v: number, radix = 10) => formatNumber(flags, width, v, radix);
  const str = (s: string) => formatString(flags, width, precision, s);
  switch (conv) {
    case "a": case "f": return num(16384 - 16);
    case "b": return num(16384);
    case "c": return num(65536);
    case "d": return num(65536 - 64);
    case "i": return str("0");
    case "l": return num(255);
    case "n": return str(t.name);
    case "s": case "S": return num(4096);
    case "t": return num(0x1021994, 16);
    case "T": return str("tmpfs");
    default: return null;
  }
}

const ESCAPES: Record<string, string> = { a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"' };

/** Expands a format for one file; `escapes` for --printf. */
function expand(format: string, escapes: boolean, directive: (conv: string, flags: string, width?: number, precision?: number) => string | null): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === "\\" && escapes && i + 1 < format.length) {
      const rest = format.slice(i + 1);
      const oct = /^[0-7]{1,3}/.exec(rest);
      const hex = /^x([0-9a-fA-F]{1,2})/.exec(rest);
      if (oct) {
        out += String.fromCharCode(parseInt(oct[0], 8) & 0xff);
        i += oct[0].length;
      } else if (hex) {
        out += String.fromCharCode(parseInt(hex[1], 16));
        i += hex[0].length;
      } else if (ESCAPES[rest[0]] !== undefined) {
        out += ESCAPES[rest[0]];
        i++;
      } else {
        out += "\\";
      }
      continue;
    }
    if (c !== "%") {
      out += c;
      continue;
    }
    const m = /^%([-#+ 0']*)(\d*)(?:\.(\d*))?([HL]?[a-zA-Z%!]?)/.exec(format.slice(i))!;
    const conv = m[4];
    if (conv === "") {
      out += "%";
      continue;
    }
    if (conv === "%") {
      out += "%";
      i += m[0].length - 1;
      continue;
    }
    const width = m[2] ? Number(m[2]) : undefined;
    const precision = m[3] !== undefined ? Number(m[3] || "0") : undefined;
    const v = directive(conv, m[1], width, precision);
    out += v ?? "?";
    i += m[0].length - 1;
  }
  return out;
}

export const stat: CommandDef = {
  name: "stat",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        deref: { short: "L", long: "dereference" },
        fs: { short: "f", long: "file-system" },
        format: { short: "c", long: "format", arg: "required" },
        printf: { long: "printf", arg: "required" },
        terse: { short: "t", long: "terse" },
        cached: { long: "cached", arg: "required" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    if (opts.operands.length === 0) {
      usageError(ctx, "missing operand");
      return 1;
    }
    const fsMode = opts.has("fs");
    let format: string | undefined;
    let escapes = false;
    for (const { key, value } of opts.order) {
      if (key === "format") {
        format = (value as string) + "\n";
        escapes = false;
      } else if (key === "printf") {
        format = value as string;
        escapes = true;
      }
    }
    let status = 0;
    for (const name of opts.operands) {
      ctx.budget.step();
      const path = ctx.resolve(name);
      let t: Target;
      try {
        const st = opts.has("deref") || fsMode ? await ctx.fs.stat(path) : await ctx.fs.lstat(path);
        t = { name, st };
        if (st.type === "symlink") t.linkTarget = await ctx.fs.readlink(path);
      } catch (e) {
        if (!isFsError(e)) throw e;
        const what = fsMode ? "cannot read file system information for" : "cannot statx";
        ctx.stderr.write(`stat: ${what} ${quoteAlways(name)}: ${e.message}\n`);
        status = 1;
        continue;
      }
      let f = format;
      if (f === undefined) {
        if (fsMode) f = opts.has("terse") ? FS_TERSE : FS_FORMAT;
        else if (opts.has("terse")) f = TERSE_FORMAT;
        else f = t.st.type === "char" || t.st.type === "block" ? DEVICE_FORMAT : DEFAULT_FORMAT;
      }
      const text = expand(f, escapes, (conv, flags, width, precision) =>
        fsMode ? fsDirective(t, conv, flags, width, precision) : fileDirective(ctx, t, conv, flags, width, precision),
      );
      await ctx.stdout.write(text);
    }
    return status;
  },
};
