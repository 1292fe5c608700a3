import type { CommandContext } from "../types.js";
import type { FileStat } from "../../src/fs/types.js";
import { isFsError, type FsError } from "../../src/fs/types.js";
import { quoteAlways } from "./quote.js";
import { isYes, lineAsker } from "./prompt.js";

/**
 * The copy engine of cp (and of mv across filesystems, install): GNU copy.c's
 * rules for one source onto one destination, recursing into directories.
 */

export interface CopyOptions {
  recursive: boolean;
  /** "always" (-L), "args" (-H), "never" (-P/-d, and the default with -R). */
  dereference: "always" | "args" | "never";
  noClobber: boolean;
  update: boolean;
  force: boolean;
  interactive: boolean;
  verbose: boolean;
  preserveMode: boolean;
  preserveTimes: boolean;
  preserveLinks: boolean;
  hardLink: boolean;
  symbolicLink: boolean;
  removeDestination: boolean;
  attributesOnly: boolean;
}

/** Shared state of one cp run. */
export class Copier {
  status = 0;
  private readonly ask: () => Promise<string | null>;
  /** Source inode -> destination path, for --preserve=links. */
  private readonly links = new Map<number, string>();

  constructor(
    private readonly ctx: CommandContext,
    private readonly o: CopyOptions,
  ) {
    this.ask = lineAsker(ctx.stdin);
  }

  private fail(message: string): false {
    this.ctx.stderr.write(`${this.ctx.name}: ${message}\n`);
    this.status = 1;
    return false;
  }

  private async statSource(src: string, top: boolean): Promise<FileStat> {
    const path = this.ctx.resolve(src);
    const follow = this.o.dereference === "always" || (top && this.o.dereference === "args");
    return follow ? this.ctx.fs.stat(path) : this.ctx.fs.lstat(path);
  }

  /** Copies src to dst; returns false on failure (already reported). */
  async copy(src: string, dst: string, top = true): Promise<boolean> {
    const { ctx, o } = this;
    ctx.budget.step();
    let st: FileStat;
    try {
      st = await this.statSource(src, top);
    } catch (e) {
      if (!isFsError(e)) throw e;
      return this.fail(`cannot stat ${quoteAlways(src)}: ${e.message}`);
    }
    if (st.type === "directory" && !o.recursive && !o.hardLink && !o.symbolicLink) {
      return this.fail(`-r not specified; omitting directory ${quoteAlways(src)}`);
    }
    const srcPath = ctx.resolve(src);
    const dstPath = ctx.resolve(dst);
    let dstSt: FileStat | null = null;
    try {
      dstSt = await ctx.fs.lstat(dstPath);
      if (dstSt.type === "symlink") dstSt = await ctx.fs.stat(dstPath).catch(() => dstSt);
    } catch (e) {
      if (!isFsError(e, "ENOENT")) {
        if (isFsError(e)) return this.fail(`cannot stat ${quoteAlways(dst)}: ${e.message}`);
        throw e;
      }
    }
    if (dstSt) {
      if (dstSt.ino === st.ino && !o.symbolicLink) {
        return this.fail(`${quoteAlways(src)} and ${quoteAlways(dst)} are the same file`);
      }
      if (st.type === "directory" && dstSt.type !== "directory") {
        return this.fail(`cannot overwrite non-directory ${quoteAlways(dst)} with directory ${quoteAlways(src)}`);
      }
      if (st.type !== "directory" && dstSt.type === "directory") {
        return this.fail(`cannot overwrite directory ${quoteAlways(dst)} with non-directory`);
      }
      if (st.type !== "directory") {
        if (o.noClobber) return true;
        if (o.update && dstSt.mtimeMs >= st.mtimeMs) return true;
        if (o.interactive) {
          await ctx.stderr.write(`${ctx.name}: overwrite ${quoteAlways(dst)}? `);
          if (!isYes(await this.ask())) return true;
        }
      }
    }
    if (st.type === "directory" && (dstPath === srcPath || dstPath.startsWith(srcPath === "/" ? "/" : srcPath + "/"))) {
      return this.fail(`cannot copy a directory, ${quoteAlways(src)}, into itself, ${quoteAlways(dst)}`);
    }
    if (o.verbose && !(st.type === "directory" && o.symbolicLink)) {
      ctx.stdout.write(`${quoteAlways(src)} -> ${quoteAlways(dst)}\n`);
    }
    try {
      if (o.symbolicLink) return await this.makeLink(dstSt, dstPath, () => ctx.fs.symlink(src, dstPath));
      if (o.hardLink && st.type !== "directory") return await this.makeLink(dstSt, dstPath, () => ctx.fs.link(srcPath, dstPath));
      if (o.preserveLinks && st.type !== "directory" && st.nlink > 1) {
        const first = this.links.get(st.ino);
        if (first !== undefined) return await this.makeLink(dstSt, dstPath, () => ctx.fs.link(first, dstPath));
        this.links.set(st.ino, dstPath);
      }
      if (st.type === "directory") return await this.copyDir(src, dst, st, dstSt);
      if (st.type === "symlink") {
        const target = await ctx.fs.readlink(srcPath);
        return await this.makeLink(dstSt, dstPath, () => ctx.fs.symlink(target, dstPath), true);
      }
      await this.copyFile(srcPath, dstPath, st, dstSt);
      return true;
    } catch (e) {
      if (!isFsError(e)) throw e;
      return this.reportWriteError(e, src, dst, st);
    }
  }

  private reportWriteError(e: FsError, src: string, dst: string, st: FileStat): false {
    if (e.syscall === "read" || e.path === this.ctx.resolve(src)) {
      return this.fail(`cannot open ${quoteAlways(src)} for reading: ${e.message}`);
    }
    const what = st.type === "directory" ? "directory" : st.type === "symlink" ? "symbolic link" : "regular file";
    return this.fail(`cannot create ${what} ${quoteAlways(dst)}: ${e.message}`);
  }

  private async makeLink(dstSt: FileStat | null, dstPath: string, make: () => Promise<void>, replace = false): Promise<boolean> {
    if (dstSt && (this.o.force || this.o.removeDestination || replace)) await this.ctx.fs.unlink(dstPath);
    await make();
    return true;
  }

  private async copyFile(srcPath: string, dstPath: string, st: FileStat, dstSt: FileStat | null): Promise<void> {
    const { ctx, o } = this;
    const data = o.attributesOnly ? new Uint8Array(0) : await ctx.fs.readFile(srcPath);
    if (dstSt && o.removeDestination) {
      await ctx.fs.unlink(dstPath);
      dstSt = null;
    }
    const mode = o.preserveMode ? st.mode & 0o7777 : st.mode & 0o777 & ~ctx.umask;
    try {
      if (!(o.attributesOnly && dstSt)) await ctx.fs.writeFile(dstPath, data, { mode });
    } catch (e) {
      if (!(dstSt && o.force && isFsError(e, "EACCES"))) throw e;
      await ctx.fs.unlink(dstPath);
      dstSt = null;
      await ctx.fs.writeFile(dstPath, data, { mode });
    }
    if (o.preserveMode || (!dstSt && mode !== (0o666 & ~ctx.umask))) await ctx.fs.chmod(dstPath, mode);
    if (o.preserveTimes) await ctx.fs.utimes(dstPath, st.atimeMs, st.mtimeMs);
  }

  private async copyDir(src: string, dst: string, st: FileStat, dstSt: FileStat | null): Promise<boolean> {
    const { ctx, o } = this;
    const srcPath = ctx.resolve(src);
    const dstPath = ctx.resolve(dst);
    const finalMode = o.preserveMode ? st.mode & 0o7777 : dstSt ? dstSt.mode : st.mode & 0o777 & ~ctx.umask;
    if (!dstSt) await ctx.fs.mkdir(dstPath, { mode: (st.mode & 0o777) | 0o700 });
    let ok = true;
    const entries = await ctx.fs.readdir(srcPath);
    for (const entry of entries) {
      const from = src.endsWith("/") ? src + entry.name : src + "/" + entry.name;
      const to = dst.endsWith("/") ? dst + entry.name : dst + "/" + entry.name;
      ok = (await this.copy(from, to, false)) && ok;
    }
    await ctx.fs.chmod(dstPath, finalMode);
    if (o.preserveTimes) await ctx.fs.utimes(dstPath, st.atimeMs, st.mtimeMs);
    return ok;
  }
}

/** Default copy options (plain `cp`). */
export function defaultCopyOptions(): CopyOptions {
  return {
    recursive: false,
    dereference: "always",
    noClobber: false,
    update: false,
    force: false,
    interactive: false,
    verbose: false,
    preserveMode: false,
    preserveTimes: false,
    preserveLinks: false,
    hardLink: false,
    symbolicLink: false,
    removeDestination: false,
    attributesOnly: false,
  };
}

