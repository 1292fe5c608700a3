import { resolvePath } from "./path.js";
import type { ContentLoader } from "./inode.js";
import type { MemFs } from "./memfs.js";

/** Initial files: content, or a loader called on first read. A key ending in "/" is a directory. */
export type SeedFiles = Record<string, string | Uint8Array | ContentLoader>;

/**
 * Puts `files` into `fs` without permission checks, creating parent directories.
 * Relative paths resolve against cwd. Loaders run on the first read of their file
 * and never if the file is overwritten (or removed) first.
 */
export function seedFiles(fs: MemFs, files: SeedFiles, cwd = "/home/user"): void {
  for (const key of Object.keys(files)) {
    const path = resolvePath(cwd, key);
    if (key.endsWith("/")) fs.seedEntry(path, null);
    else fs.seedEntry(path, files[key]);
  }
}
