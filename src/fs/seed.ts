import { normalizePath, resolvePath } from "./path.js";
import type { ContentLoader, Inode } from "./inode.js";
import type { SeedOptions } from "./memfs.js";

/** A filesystem that can take seeded entries (MemFs, and MountFs routing to a MemFs). */
export interface Seedable {
  seedEntry(path: string, content: string | Uint8Array | ContentLoader | null, options?: SeedOptions): void;
}

/** Initial files: content, or a loader called on first read. A key ending in "/" is a directory. */
export type SeedFiles = Record<string, string | Uint8Array | ContentLoader>;

const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

/** A relative path with nothing to normalise: joining it to cwd is enough (the common case). */
function isPlainRelative(p: string): boolean {
  return p !== "" && p[0] !== "/" && p[p.length - 1] !== "/" && !p.includes("//") && !DOT_SEGMENT.test(p);
}

/**
 * Puts `files` into `fs` without permission checks, creating parent directories
 * (owned by the fs's user). Relative paths resolve against cwd. Loaders run on the
 * first read of their file, never if the file is overwritten or removed first.
 */
export function seedFiles(fs: Seedable, files: SeedFiles, cwd = "/home/user"): void {
  const base = normalizePath(cwd);
  const prefix = base === "/" ? "/" : base + "/";
  const dirCache = new Map<string, Inode>();
  for (const key of Object.keys(files)) {
    const path = isPlainRelative(key) ? prefix + key : resolvePath(base, key);
    fs.seedEntry(path, key.endsWith("/") ? null : files[key], { dirCache });
  }
}
