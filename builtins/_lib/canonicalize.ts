import type { CommandContext } from "../types.js";
import { FsError, isFsError } from "../../src/fs/types.js";

/**
 * gnulib canonicalize_filename_mode: an absolute name with every symlink
 * resolved and no . or .. components. "existing": every component must exist
 * (readlink -e, realpath -e); "allButLast": all but the last (readlink -f,
 * realpath); "missing": none need exist (-m). Throws FsError (ENOENT, ENOTDIR,
 * ELOOP) when a required component is missing.
 */
export type CanonMode = "existing" | "allButLast" | "missing";

const MAX_LINKS = 40;

export async function canonicalize(ctx: CommandContext, name: string, mode: CanonMode, physical = true): Promise<string> {
  if (name === "") throw new FsError("ENOENT", name);
  let pending = (name.startsWith("/") ? name : ctx.cwd + "/" + name).split("/").filter((p) => p !== "" && p !== ".");
  const out: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === "..") {
      out.pop();
      continue;
    }
    const path = "/" + [...out, part].join("/");
    const last = pending.length === 0;
    let type: string | null = null;
    try {
      type = (await ctx.fs.lstat(path)).type;
    } catch (e) {
      if (!isFsError(e)) throw e;
      const tolerated = mode === "missing" || (mode === "allButLast" && last && e.code === "ENOENT");
      if (!tolerated) throw e;
      out.push(part);
      continue;
    }
    if (type === "symlink" && physical) {
      if (++links > MAX_LINKS) throw new FsError("ELOOP", path);
      const target = await ctx.fs.readlink(path);
      if (target.startsWith("/")) out.length = 0;
      pending = [...target.split("/").filter((p) => p !== "" && p !== "."), ...pending];
      continue;
    }
    if (type !== "directory" && !last && mode !== "missing") {
      throw new FsError("ENOTDIR", path);
    }
    out.push(part);
  }
  return "/" + out.join("/");
}

/** The relative path from directory `from` to `to` (both absolute, canonical). */
export function relativePath(from: string, to: string): string {
  const a = from.split("/").filter(Boolean);
  const b = to.split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rel = [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
  return rel === "" ? "." : rel;
}
