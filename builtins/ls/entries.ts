import type { CommandContext } from "../types.js";
import type { FileStat, FileType } from "../../src/fs/types.js";
import { FsError, isFsError } from "../../src/fs/types.js";
import { hasTrailingSlash } from "../_lib/fileinfo.js";
import { quoteAlways } from "../_lib/quote.js";
import { compareVersion } from "../sort/version.js";
import { encodeUtf8 } from "../../src/io/utf8.js";
import type { LsConfig } from "./config.js";

/** One file ls shows (GNU ls struct fileinfo). */
export interface FileInfo {
  /** The name printed: the operand as typed, or the directory entry's name. */
  name: string;
  /** Absolute path for the filesystem. */
  path: string;
  /** dirname/name as GNU builds it, for messages and recursion. */
  fullName: string;
  /** Status (after the dereferencing rules); null when it could not be read. */
  st: FileStat | null;
  type: FileType;
  linkTarget?: string;
  /** Status of a symlink's target, when needed and readable. */
  linkStat?: FileStat;
  commandLine: boolean;
}

/** Exit-status bookkeeping: 1 for minor trouble, 2 for a bad command-line operand. */
export interface Status {
  code: number;
}

/** Reports "ls: cannot access 'x': ..." and raises the status. */
export function fileFailure(ctx: CommandContext, status: Status, serious: boolean, what: string, name: string, e: unknown): void {
  if (!isFsError(e)) throw e;
  ctx.stderr.write(`ls: ${what} ${quoteAlways(name)}: ${e.message}\n`);
  status.code = Math.max(status.code, serious ? 2 : 1);
}

function joinFull(dirname: string, name: string): string {
  if (name.startsWith("/") || dirname === "") return name;
  if (dirname === ".") return name;
  return dirname.endsWith("/") ? dirname + name : dirname + "/" + name;
}

/**
 * Stats one file the way GNU's gobble_file does. Returns null for a command-line
 * operand that cannot be accessed (already reported).
 */
export async function gobble(
  ctx: CommandContext,
  cfg: LsConfig,
  status: Status,
  name: string,
  dirname: string,
  commandLine: boolean,
  direntType?: FileType,
): Promise<FileInfo | null> {
  const fullName = commandLine ? name : joinFull(dirname, name);
  const path = ctx.resolve(fullName);
  const info: FileInfo = { name, path, fullName, st: null, type: direntType ?? "file", commandLine };
  // GNU stats a directory entry only when the output needs it; otherwise a broken
  // link under -L goes unnoticed. We still lstat quietly for the inode and type.
  const needsStat =
    cfg.sort === "time" || cfg.sort === "size" || cfg.format === "long" || cfg.printBlocks || cfg.context;
  const needsType =
    !needsStat && (cfg.recursive || cfg.groupDirsFirst || cfg.indicator !== "none" || cfg.context);
  const mustStat =
    commandLine || needsStat || (needsType && (direntType === undefined || (direntType === "symlink" && cfg.dereference === "always")));
  if (!mustStat) {
    try {
      info.st = await ctx.fs.lstat(path);
      info.type = info.st.type;
      if (info.type === "symlink" && cfg.groupDirsFirst) info.linkStat = await ctx.fs.stat(path);
    } catch {
      // Listed from the directory entry alone.
    }
    return info;
  }
  const follow = cfg.dereference === "always" || (commandLine && cfg.dereference !== "never");
  try {
    let st: FileStat | null = null;
    const slash = commandLine && hasTrailingSlash(name);
    if (follow || slash) {
      try {
        st = await ctx.fs.stat(path);
      } catch (e) {
        if (cfg.dereference !== "argsToDir" || slash || !(isFsError(e, "ENOENT") || isFsError(e, "ELOOP"))) throw e;
      }
      if (st && slash && st.type !== "directory") throw new FsError("ENOTDIR", path, "stat");
      if (st && cfg.dereference === "argsToDir" && st.type !== "directory" && !slash) st = null;
    }
    info.st = st ?? (await ctx.fs.lstat(path));
    info.type = info.st.type;
  } catch (e) {
    fileFailure(ctx, status, commandLine, "cannot access", fullName, e);
    if (commandLine) return null;
    return info;
  }
  if (info.type === "symlink" && (cfg.format === "long" || cfg.groupDirsFirst)) {
    if (cfg.format === "long") {
      try {
        info.linkTarget = await ctx.fs.readlink(path);
      } catch (e) {
        fileFailure(ctx, status, commandLine, "cannot read symbolic link", fullName, e);
      }
    }
    try {
      info.linkStat = await ctx.fs.stat(path);
    } catch {
      // A dangling link: no indicator after its target.
    }
  }
  return info;
}

/** True when an entry counts as a directory for recursion and grouping. */
export function isDirectory(f: FileInfo, forGrouping = false): boolean {
  if (f.type === "directory") return true;
  return forGrouping && f.type === "symlink" && f.linkStat?.type === "directory";
}

/** Byte-wise order of the UTF-8 names: strcmp, which is what C.UTF-8 collation is. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  if (/^[\x00-\x7f]*$/.test(a) && /^[\x00-\x7f]*$/.test(b)) return a < b ? -1 : 1;
  const x = encodeUtf8(a);
  const y = encodeUtf8(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function timeOf(cfg: LsConfig, st: FileStat | null): number {
  if (!st) return 0;
  switch (cfg.timeType) {
    case "atime":
      return st.atimeMs;
    case "ctime":
      return st.ctimeMs;
    case "birth":
      return st.birthtimeMs;
    default:
      return st.mtimeMs;
  }
}

function extensionOf(name: string): string {
  const i = name.lastIndexOf(".");
  return i < 0 ? "" : name.slice(i);
}

/** Sorts files in place by the configured key (GNU sort_files). */
export function sortFiles(cfg: LsConfig, files: FileInfo[], width?: (f: FileInfo) => number): void {
  // GNU: no sorting at all with -U, not even -r or --group-directories-first.
  if (cfg.sort === "none") return;
  let cmp: (a: FileInfo, b: FileInfo) => number;
  switch (cfg.sort) {
    case "time":
      cmp = (a, b) => timeOf(cfg, b.st) - timeOf(cfg, a.st) || compareNames(a.name, b.name);
      break;
    case "size":
      cmp = (a, b) => (b.st?.size ?? 0) - (a.st?.size ?? 0) || compareNames(a.name, b.name);
      break;
    case "extension":
      cmp = (a, b) => compareNames(extensionOf(a.name), extensionOf(b.name)) || compareNames(a.name, b.name);
      break;
    case "version":
      cmp = (a, b) => compareVersion(a.name, b.name) || compareNames(a.name, b.name);
      break;
    case "width":
      cmp = (a, b) => (width ? width(a) - width(b) : 0) || compareNames(a.name, b.name);
      break;
    default:
      cmp = (a, b) => compareNames(a.name, b.name);
  }
  const base = cfg.reverse ? (a: FileInfo, b: FileInfo) => cmp(b, a) : cmp;
  let full = base;
  if (cfg.groupDirsFirst) {
    full = (a, b) => {
      const ad = isDirectory(a, true) ? 0 : 1;
      const bd = isDirectory(b, true) ? 0 : 1;
      return ad - bd || base(a, b);
    };
  }
  const indexed = files.map((f, i) => ({ f, i }));
  indexed.sort((x, y) => full(x.f, y.f) || x.i - y.i);
  for (let i = 0; i < files.length; i++) files[i] = indexed[i].f;
}
