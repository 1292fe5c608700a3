/**
 * A real directory shown inside a MemFs: directories are read from disk the
 * first time they are used, file contents the first time they are read, and
 * every change (write, delete, rename, chmod) stays in memory. The disk is
 * never written. Symlinks, devices, FIFOs and sockets are left out, so nothing
 * outside the directory is reachable. Names are kept byte for byte (names that
 * are not UTF-8 become escaped bytes, as everywhere in sandbash).
 */
import { lstatSync, readdirSync, type Dirent } from "node:fs";
import { readFile } from "node:fs/promises";
import { MemFs } from "../fs/memfs.js";
import type { MemFsOptions } from "../fs/tree.js";
import { decodeUtf8 } from "../io/utf8.js";

export interface OverlayOptions {
  /** Most entries taken from disk in all; the rest are left out (default: no cap). */
  maxEntries?: number;
}

/** Live counts of what the overlay has read so far. */
export interface OverlayStats {
  /** Directories listed from disk. */
  directoriesRead: number;
  /** Entries put into the MemFs. */
  entries: number;
  /** Entries left out: symlinks, special files, unreadable directories, past maxEntries. */
  skipped: number;
}

const SLASH = Buffer.from("/");

/**
 * Shows `realDir` at `mountAt` (default /home/user) in fs, created if missing.
 * Everything it brings in belongs to fs's user and keeps the real permission
 * bits and modification times; none of it counts against the fs limits until
 * changed. Returns counters that grow as the tree is explored.
 */
export function overlayRealDirectory(
  fs: MemFs,
  realDir: string,
  mountAt = "/home/user",
  options: OverlayOptions = {},
): OverlayStats {
  const stats: OverlayStats = { directoriesRead: 0, entries: 0, skipped: 0 };
  const maxEntries = options.maxEntries ?? Infinity;

  const fill = (real: Buffer, virtual: string) => (): void => {
    let dirents: Dirent<Buffer>[];
    try {
      dirents = readdirSync(real, { withFileTypes: true, encoding: "buffer" });
    } catch {
      stats.skipped++;
      return;
    }
    stats.directoriesRead++;
    // What is already in memory (files seeded at the mount point) wins over the disk.
    const seed = { keepExisting: true, dirCache: new Map() };
    // Seeded newest-last in reverse name order, so listings (newest first, as tmpfs) come out by name.
    dirents.sort((a, b) => Buffer.compare(b.name, a.name));
    for (const d of dirents) {
      if (stats.entries >= maxEntries || !(d.isDirectory() || d.isFile())) {
        stats.skipped++;
        continue;
      }
      const r = Buffer.concat([real, SLASH, d.name]);
      const v = (virtual === "/" ? "/" : virtual + "/") + decodeUtf8(d.name);
      let st;
      try {
        st = lstatSync(r);
      } catch {
        stats.skipped++;
        continue;
      }
      const mode = st.mode & 0o7777;
      try {
        if (st.isDirectory()) {
          // An existing directory in memory merges with the disk one; a file there wins.
          fs.seedEntry(v, null, { ...seed, mode, mtimeMs: st.mtimeMs });
          fs.deferDirectory(v, fill(r, v));
        } else {
          const load = async () => {
            const b = await readFile(r);
            return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
          };
          fs.seedEntry(v, load, { ...seed, mode, mtimeMs: st.mtimeMs, sizeHint: st.size });
        }
        stats.entries++;
      } catch {
        stats.skipped++;
      }
    }
  };

  fs.deferDirectory(mountAt, fill(Buffer.from(realDir), mountAt));
  return stats;
}

/**
 * A filesystem of its own showing `realDir` at its root, for BashOptions.mounts:
 * `mounts: { "/mnt/project": { fs: createOverlayFs(dir), readOnly: true } }`.
 * Without readOnly, changes stay in memory as with overlayRealDirectory.
 */
export function createOverlayFs(realDir: string, options: OverlayOptions & MemFsOptions = {}): MemFs {
  const fs = new MemFs(options);
  overlayRealDirectory(fs, realDir, "/", options);
  return fs;
}
