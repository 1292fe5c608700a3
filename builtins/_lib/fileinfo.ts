import type { CommandContext } from "../types.js";
import { FsError, type FileStat } from "../../src/fs/types.js";

/**
 * Facts about files the file tools share: allocated blocks, the type names stat
 * and find print, and looking up an operand the way the kernel does for a path
 * with a trailing slash (`ls -l link/` follows the link, `file/` is ENOTDIR).
 */

/** st_blocks (512-byte units) as tmpfs reports them: whole 4 KiB pages of file data. */
export function blocksOf(st: FileStat): number {
  const given = (st as FileStat & { blocks?: number }).blocks;
  if (typeof given === "number") return given;
  if (st.type !== "file") return 0;
  return Math.ceil(st.size / 4096) * 8;
}

/** The type words stat %F prints ("regular empty file", "directory", ...). */
export function fileTypeName(st: FileStat): string {
  switch (st.type) {
    case "file":
      return st.size === 0 ? "regular empty file" : "regular file";
    case "directory":
      return "directory";
    case "symlink":
      return "symbolic link";
    case "char":
      return "character special file";
    case "block":
      return "block special file";
    case "fifo":
      return "fifo";
    case "socket":
      return "socket";
  }
}

/** True when an operand names its last component as a directory (`x/`, `x/.`). */
export function hasTrailingSlash(operand: string): boolean {
  return operand.length > 1 && /\/\.?\/*$/.test(operand);
}

/**
 * lstat of an operand, except that a trailing slash follows a final symlink and
 * requires a directory, as path resolution does.
 */
export async function lstatOperand(ctx: CommandContext, operand: string): Promise<FileStat> {
  const path = ctx.resolve(operand);
  if (!hasTrailingSlash(operand)) return ctx.fs.lstat(path);
  const st = await ctx.fs.stat(path);
  if (st.type !== "directory") throw new FsError("ENOTDIR", path, "stat");
  return st;
}

/** stat of an operand (follows links); a trailing slash requires a directory. */
export async function statOperand(ctx: CommandContext, operand: string): Promise<FileStat> {
  const path = ctx.resolve(operand);
  const st = await ctx.fs.stat(path);
  if (hasTrailingSlash(operand) && st.type !== "directory") throw new FsError("ENOTDIR", path, "stat");
  return st;
}

/** Major and minor device numbers of a Linux dev_t (ls -l of /dev/null: 1, 3). */
export function deviceNumbers(rdev: number): [number, number] {
  const major = ((rdev >>> 8) & 0xfff) | (Math.floor(rdev / 2 ** 32) & ~0xfff);
  const minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xff);
  return [major, minor];
}
