import type { CommandContext, CommandDef } from "../types.js";
import { parseOptions, type OptionSpec } from "../_lib/options.js";
import { readWhole } from "../_lib/input.js";
import { isFsError, type FileStat } from "../../src/fs/types.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import { GzipFormatError, gunzipBytes, gzipMember, looksGzipped, parseHeader, readU32 } from "./format.js";
import { GUNZIP_HELP, GZIP_HELP, GZIP_VERSION, ZCAT_HELP, scriptVersion } from "./help.js";
import { MONTH_NAMES, localTime, zoneOf } from "../_lib/time.js";

/**
 * gzip 1.12, gunzip and zcat (Debian's wrapper scripts, so every message says "gzip:").
 * Our deflate differs from gzip's, so compressed bytes differ; the header (name, mtime,
 * XFL, OS 3), trailer, suffix rules, messages and statuses are gzip's.
 */

const SPEC: OptionSpec = {
  stdout: { short: "c", long: ["stdout", "to-stdout"] },
  decompress: { short: "d", long: ["decompress", "uncompress"] },
  force: { short: "f", long: "force" },
  help: { short: "h", long: "help" },
  keep: { short: "k", long: "keep" },
  list: { short: "l", long: "list" },
  license: { short: "L", long: "license" },
  noName: { short: "n", long: "no-name" },
  name: { short: "N", long: "name" },
  quiet: { short: "q", long: "quiet" },
  recursive: { short: "r", long: "recursive" },
  rsyncable: { long: "rsyncable" },
  suffix: { short: "S", long: "suffix", arg: "required" },
  synchronous: { long: "synchronous" },
  test: { short: "t", long: "test" },
  verbose: { short: "v", long: "verbose" },
  version: { short: "V", long: "version" },
  ascii: { short: "a", long: "ascii" },
  fast: { long: "fast" },
  best: { long: "best" },
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`l${n}`, { short: String(n) }])),
};

const OK = 0;
const ERROR = 1;
const WARNING = 2;

/** Known compressed suffixes, longest-match order as gzip's get_suffix tries them. */
const KNOWN_SUFFIXES = [".gz", ".z", ".taz", ".tgz", "-gz", "-z", "_z"];

interface Settings {
  toStdout: boolean;
  decompress: boolean;
  force: boolean;
  keep: boolean;
  list: boolean;
  noName: boolean;
  noTime: boolean;
  quiet: boolean;
  recursive: boolean;
  suffix: string;
  test: boolean;
  verbose: boolean;
  level: number;
}

class Gzip {
  status = OK;
  private listedAny = false;
  private totalIn = 0;
  private totalOut = 0;
  private lastHeaderBytes = 0;

  constructor(
    private readonly ctx: CommandContext,
    private readonly s: Settings,
  ) {}

  private error(msg: string): void {
    this.ctx.stderr.write(`gzip: ${msg}\n`);
    this.status = ERROR;
  }

  private warn(msg: string, always = false): void {
    if (always || !this.s.quiet) this.ctx.stderr.write(`gzip: ${msg}\n`);
    if (this.status === OK) this.status = WARNING;
  }

  /** Reports a failure decoding `name`: gzip's blank line first for data errors. */
  private formatError(name: string, e: GzipFormatError): void {
    this.ctx.stderr.write(`\ngzip: ${name}: ${e.message}\n`);
    this.status = ERROR;
  }

  private suffixOf(name: string): string | undefined {
    const candidates = [this.s.suffix, ...KNOWN_SUFFIXES.filter((x) => x !== this.s.suffix)];
    const base = name.slice(name.lastIndexOf("/") + 1);
    for (const suf of candidates) {
      if (suf && base.length > suf.length && base.endsWith(suf)) return suf;
    }
    return undefined;
  }

  async stdin(): Promise<void> {
    const data = await readWhole(this.ctx, this.ctx.stdin);
    if (this.s.list) return this.listOne("stdout", data);
    if (this.s.decompress || this.s.test) {
      const out = this.decode("stdin", data);
      if (out && !this.s.test) await this.ctx.stdout.write(out.data);
      return;
    }
    const packed = gzipMember(data, { level: this.s.level, mtime: 0 });
    await this.ctx.stdout.write(packed);
    // gzip -v on stdin prints the bare ratio (and nothing when decompressing).
    if (this.s.verbose) this.ctx.stderr.write(`${ratio(data.length, packed.length, false, overheadOf(packed))}\n`);
  }

  private decode(name: string, data: Uint8Array): { data: Uint8Array; name?: Uint8Array; mtime: number } | undefined {
    if (this.s.force && this.s.toStdout && !looksGzipped(data) && !this.s.list) return { data, mtime: 0 };
    try {
      const r = gunzipBytes(this.ctx, data);
      if (r.trailingGarbage) {
        if (!this.s.quiet) this.ctx.stderr.write(`\ngzip: ${name}: decompression OK, trailing garbage ignored\n`);
        if (this.status === OK) this.status = WARNING;
      }
      return { data: r.data, name: r.header.name, mtime: r.header.mtime };
    } catch (e) {
      if (e instanceof GzipFormatError) {
        this.formatError(name, e);
        return undefined;
      }
      throw e;
    }
  }

  async operand(op: string, fromRecursion = false): Promise<void> {
    if (op === "-") return this.stdin();
    const ctx = this.ctx;
    let name = op;
    let path = ctx.resolve(name);
    let st: FileStat;
    try {
      st = this.s.force ? await ctx.fs.stat(path) : await ctx.fs.lstat(path);
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (!(this.s.decompress || this.s.list || this.s.test) || !isFsError(e, "ENOENT") || this.suffixOf(name)) {
        return this.error(`${name}: ${e.message}`);
      }
      // gunzip x finds x.gz (or x + another known suffix).
      const found = await this.findWithSuffix(name);
      if (!found) return this.error(`${name}${this.s.suffix}: No such file or directory`);
      name = found.name;
      path = ctx.resolve(name);
      st = found.st;
    }
    if (st.type === "directory") {
      if (!this.s.recursive) return this.warn(`${name} is a directory -- ignored`);
      const entries = (await ctx.fs.readdir(path)).map((e) => e.name).sort();
      for (const entry of entries) {
        ctx.budget.step();
        await this.operand(name.endsWith("/") ? name + entry : `${name}/${entry}`, true);
      }
      return;
    }
    if (st.type === "symlink") return this.error(`${name}: Too many levels of symbolic links`);
    if (st.type !== "file") return this.warn(`${name} is not a directory or a regular file - ignored`);

    const suffix = this.suffixOf(name);
    let outName: string | undefined;
    if (!this.s.toStdout || this.s.list || this.s.test) {
      if (this.s.decompress || this.s.list || this.s.test) {
        if (suffix) {
          outName = name.slice(0, name.length - suffix.length);
          if (suffix === ".tgz" || suffix === ".taz") outName += ".tar";
        } else if (!(this.s.list || this.s.test) || fromRecursion) {
          if ((fromRecursion && !this.s.verbose) || this.s.quiet) return;
          return this.warn(`${name}: unknown suffix -- ignored`);
        } else outName = name;
      } else {
        if (suffix) {
          // A message only: gzip 1.12 leaves the exit status alone here.
          if ((!fromRecursion || this.s.verbose) && !this.s.quiet) ctx.stderr.write(`gzip: ${name} already has ${suffix} suffix -- unchanged\n`);
          return;
        }
        outName = name + this.s.suffix;
      }
    } else if (!this.s.decompress && suffix && fromRecursion) return;

    const data = await ctx.fs.readFile(path);
    if (this.s.list) return this.listOne(outName ?? name, data, st.mtimeMs);
    if (this.s.test) {
      const r = this.decode(name, data);
      if (r && this.s.verbose) ctx.stderr.write(`${name}:\t OK\n`);
      return;
    }
    let result: Uint8Array;
    let mtimeMs = st.mtimeMs;
    if (this.s.decompress) {
      const r = this.decode(name, data);
      if (!r) return;
      result = r.data;
      if (!this.s.noName && r.name && r.name.length > 0 && outName !== undefined) {
        const dir = name.includes("/") ? name.slice(0, name.lastIndexOf("/") + 1) : "";
        const stored = decodeUtf8(r.name);
        outName = dir + stored.slice(stored.lastIndexOf("/") + 1);
      }
      if (!this.s.noTime && r.mtime) mtimeMs = r.mtime * 1000;
    } else {
      const base = name.slice(name.lastIndexOf("/") + 1);
      result = gzipMember(data, {
        level: this.s.level,
        name: this.s.noName ? undefined : base,
        mtime: this.s.noTime ? 0 : Math.floor(st.mtimeMs / 1000),
      });
    }
    if (this.s.toStdout || outName === undefined) {
      await ctx.stdout.write(result);
      if (this.s.verbose) ctx.stderr.write(`${name}:\t${ratio(data.length, result.length, this.s.decompress, overheadOf(this.s.decompress ? data : result))} -- replaced with stdout\n`);
      return;
    }
    const outPath = ctx.resolve(outName);
    if (!this.s.force && (await existsNoFollow(ctx, outPath))) {
      return this.warn(`${outName} already exists;\tnot overwritten`, true);
    }
    if (this.s.force) await ctx.fs.rm(outPath, { force: true }).catch(() => undefined);
    try {
      await ctx.fs.writeFile(outPath, result, { mode: st.mode & 0o7777 });
      await ctx.fs.chmod(outPath, st.mode & 0o7777);
      await ctx.fs.utimes(outPath, st.atimeMs, mtimeMs);
    } catch (e) {
      if (!isFsError(e)) throw e;
      return this.error(`${outName}: ${e.message}`);
    }
    if (this.s.verbose) {
      const verb = this.s.keep ? "created" : "replaced with";
      ctx.stderr.write(`${name}:\t${ratio(data.length, result.length, this.s.decompress, overheadOf(this.s.decompress ? data : result))} -- ${verb} ${outName}\n`);
    }
    if (!this.s.keep) await ctx.fs.unlink(path);
  }

  private async findWithSuffix(name: string): Promise<{ name: string; st: FileStat } | undefined> {
    for (const suf of [this.s.suffix, ...KNOWN_SUFFIXES.filter((x) => x !== this.s.suffix && x !== ".taz" && x !== ".tgz")]) {
      try {
        const st = await this.ctx.fs.stat(this.ctx.resolve(name + suf));
        return { name: name + suf, st };
      } catch {
        // try the next suffix
      }
    }
    return undefined;
  }

  /** One line of -l; the date shown is the file's own unless -N asks for the stored one. */
  private listOne(name: string, data: Uint8Array, fileMtimeMs = this.ctx.sandbox.now()): void {
    let header;
    try {
      header = parseHeader(data, 0);
    } catch (e) {
      if (e instanceof GzipFormatError) return this.formatError(name === "stdout" ? "stdin" : name, e);
      throw e;
    }
    const crc = data.length >= 8 ? readU32(data, data.length - 8) : 0;
    const size = data.length >= 4 ? readU32(data, data.length - 4) : 0;
    const headerBytes = header.length + 8;
    const out: string[] = [];
    if (!this.listedAny) {
      this.listedAny = true;
      if (this.s.verbose) out.push("method  crc     date  time  ");
      if (!this.s.quiet) out.push(`${"compressed".padStart(19)} ${"uncompressed".padStart(19)}  ratio uncompressed_name\n`);
    }
    if (this.s.verbose) {
      const t = localTime(this.s.noTime ? fileMtimeMs : header.mtime * 1000, zoneOf(this.ctx));
      const mon = MONTH_NAMES[t.month - 1].slice(0, 3);
      const hm = `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
      out.push(`defla ${crc.toString(16).padStart(8, "0")} ${mon}${String(t.day).padStart(3)} ${hm} `);
    }
    out.push(`${String(data.length).padStart(19)} ${String(size).padStart(19)} ${percent(size - (data.length - headerBytes), size)} ${name}\n`);
    this.totalIn += data.length;
    this.totalOut += size;
    this.lastHeaderBytes = headerBytes;
    this.ctx.stdout.write(out.join(""));
  }

  /** The "(totals)" line gzip -l prints after more than one file. */
  listTotals(): void {
    if (this.totalIn <= 0 || this.totalOut <= 0) return;
    let line = this.s.verbose ? "                            " : "";
    line += `${String(this.totalIn).padStart(19)} ${String(this.totalOut).padStart(19)} `;
    line += `${percent(this.totalOut - (this.totalIn - this.lastHeaderBytes), this.totalOut)} (totals)\n`;
    this.ctx.stdout.write(line);
  }
}

async function existsNoFollow(ctx: CommandContext, path: string): Promise<boolean> {
  try {
    await ctx.fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** gzip's display_ratio: "%5.1f%%". */
function percent(num: number, den: number): string {
  return `${(den === 0 ? 0 : (100 * num) / den).toFixed(1).padStart(5)}%`;
}

/**
 * The -v ratio: space saved relative to the uncompressed size, counting only the deflate
 * data (gzip subtracts the header, name and trailer: `overhead`).
 */
function ratio(inLen: number, outLen: number, decompress: boolean, overhead: number): string {
  const [plain, packed] = decompress ? [outLen, inLen] : [inLen, outLen];
  return percent(plain - (packed - overhead), plain);
}

/** Header plus trailer bytes of a member gzip wrote or read. */
function overheadOf(packed: Uint8Array): number {
  try {
    return parseHeader(packed, 0).length + 8;
  } catch {
    return 18;
  }
}

type Mode = "gzip" | "gunzip" | "zcat";

async function runGzip(ctx: CommandContext, mode: Mode): Promise<number> {
  const help = mode === "gzip" ? GZIP_HELP : mode === "gunzip" ? GUNZIP_HELP : ZCAT_HELP;
  const version = mode === "gzip" ? GZIP_VERSION : scriptVersion(mode);
  const report = (message: string): number => {
    ctx.stderr.write(`gzip: ${message}\nTry \`gzip --help' for more information.\n`);
    return ERROR;
  };
  const parsed = parseOptions(ctx, SPEC, { help, version, report });
  if (typeof parsed === "number") return parsed;
  if (parsed.has("help")) {
    await ctx.stdout.write(help);
    return OK;
  }
  if (parsed.has("version") || parsed.has("license")) {
    await ctx.stdout.write(version + "\n");
    return OK;
  }
  let level = 6;
  for (const o of parsed.order) {
    if (/^l\d$/.test(o.key)) level = Number(o.key.slice(1));
    else if (o.key === "fast") level = 1;
    else if (o.key === "best") level = 9;
  }
  let noName: boolean | undefined;
  for (const o of parsed.order) {
    if (o.key === "noName") noName = true;
    else if (o.key === "name") noName = false;
  }
  const suffix = parsed.get("suffix") ?? ".gz";
  if (suffix === "") {
    ctx.stderr.write(`gzip: invalid suffix '${suffix}'\n`);
    return ERROR;
  }
  const decompress = mode !== "gzip" || parsed.has("decompress");
  const s: Settings = {
    toStdout: mode === "zcat" || parsed.has("stdout") || parsed.has("test"),
    decompress,
    force: parsed.has("force"),
    keep: parsed.has("keep") || parsed.has("stdout"),
    list: parsed.has("list"),
    noName: noName ?? (decompress || parsed.has("list") || parsed.has("test")),
    noTime: noName ?? (decompress || parsed.has("list") || parsed.has("test")),
    quiet: parsed.has("quiet"),
    recursive: parsed.has("recursive"),
    suffix,
    test: parsed.has("test"),
    verbose: parsed.has("verbose") && !parsed.has("quiet"),
    level,
  };
  const gz = new Gzip(ctx, s);
  const operands = parsed.operands.length ? parsed.operands : ["-"];
  for (const op of operands) {
    ctx.budget.step();
    await gz.operand(op);
  }
  if (s.list && operands.length > 1) gz.listTotals();
  return gz.status;
}

export const gzip: CommandDef = { name: "gzip", help: GZIP_HELP, run: (ctx) => runGzip(ctx, "gzip") };
export const gunzip: CommandDef = { name: "gunzip", help: GUNZIP_HELP, run: (ctx) => runGzip(ctx, "gunzip") };
export const zcat: CommandDef = { name: "zcat", help: ZCAT_HELP, run: (ctx) => runGzip(ctx, "zcat") };
