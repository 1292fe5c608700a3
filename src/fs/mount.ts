import { FsError, isFsError, type DirEntry, type FileStat, type FileSystem, type WriteOptions } from "./types.js";
import { MemFs, type SeedOptions } from "./memfs.js";
import type { ContentLoader, Inode } from "./inode.js";
import { Reroute } from "./tree.js";
import { basename, dirname } from "./path.js";

/**
 * A mount table: one namespace over several FileSystems. Each path goes to the
 * filesystem mounted at its longest matching prefix, with that prefix cut off.
 * Read-only mounts refuse changes with EROFS (after the lookups Linux does first,
 * so `rm -f` of a missing file stays quiet); rename and link across mounts fail
 * with EXDEV, so mv falls back to copy + remove.
 *
 * Symlinks cross mounts correctly when the filesystems are MemFs: a mounted MemFs
 * throws Reroute when resolution leaves it (absolute target, ".." above its root,
 * a directory something else is mounted on) and the operation runs again on the
 * new path. Other FileSystem implementations resolve symlinks within themselves.
 */

export interface MountOptions {
  readOnly?: boolean;
}

interface Mount {
  path: string;
  fs: FileSystem;
  readOnly: boolean;
}

/** Linux's limit on symlinks per lookup, applied to hops between mounts too. */
const MAX_HOPS = 40;

export class MountFs implements FileSystem {
  /** Longest path first, so the first match is the longest prefix. */
  declare private mounts: Mount[];
  /** seedFiles passes one dir cache per batch; each mount needs its own (paths differ). */
  declare private seedCaches: WeakMap<Map<string, Inode>, Map<Mount, Map<string, Inode>>>;

  // Assigned, not class fields (see InodeTree).
  constructor(root: FileSystem, options: MountOptions = {}) {
    this.mounts = [];
    this.seedCaches = new WeakMap();
    this.mount("/", root, options);
  }

  /** Mounts fs at path (replacing a mount at the same path). A MemFs may be mounted once. */
  mount(path: string, fs: FileSystem, options: MountOptions = {}): void {
    this.mounts = this.mounts.filter((m) => m.path !== path);
    this.mounts.push({ path, fs, readOnly: options.readOnly ?? false });
    this.mounts.sort((a, b) => b.path.length - a.path.length);
    this.refreshMountPoints();
  }

  /** Removes the mount at path (not the root). */
  unmount(path: string): void {
    if (path === "/") throw new FsError("EBUSY", path, "umount");
    const before = this.mounts.length;
    this.mounts = this.mounts.filter((m) => m.path !== path);
    if (this.mounts.length === before) throw new FsError("EINVAL", path, "umount");
    this.refreshMountPoints();
  }

  /** The mounts, shortest path first (as /proc/mounts lists them). */
  mountTable(): Array<{ path: string; fs: FileSystem; readOnly: boolean }> {
    return [...this.mounts].reverse().map((m) => ({ ...m }));
  }

  // ---- reading -------------------------------------------------------------

  readFile(path: string): Promise<Uint8Array> {
    return this.run(path, (m, p) => m.fs.readFile(p));
  }

  stat(path: string): Promise<FileStat> {
    return this.run(path, (m, p) => m.fs.stat(p));
  }

  lstat(path: string): Promise<FileStat> {
    return this.run(path, (m, p) => m.fs.lstat(p));
  }

  exists(path: string): Promise<boolean> {
    return this.run(path, (m, p) => m.fs.exists(p)).catch((e) => {
      if (isFsError(e)) return false;
      throw e;
    });
  }

  readdir(path: string): Promise<DirEntry[]> {
    return this.run(path, async (m, p, full) => {
      const entries = await m.fs.readdir(p);
      // Mount points show up in their parent even if it has no directory for them.
      for (const other of this.mounts) {
        if (other.path === "/" || dirname(other.path) !== full) continue;
        const name = basename(other.path);
        if (!entries.some((e) => e.name === name)) entries.push({ name, type: "directory" });
      }
      return entries;
    });
  }

  readlink(path: string): Promise<string> {
    return this.run(path, (m, p) => m.fs.readlink(p));
  }

  realpath(path: string): Promise<string> {
    return this.run(path, async (m, p) => {
      const r = await m.fs.realpath(p);
      if (m.path === "/") return r;
      return r === "/" ? m.path : m.path + r;
    });
  }

  // ---- writing -------------------------------------------------------------

  writeFile(path: string, data: Uint8Array, options?: WriteOptions): Promise<void> {
    return this.run(path, async (m, p) => {
      if (m.readOnly) {
        await m.fs.stat(dirname(p));
        throw new FsError("EROFS", path, "open");
      }
      return m.fs.writeFile(p, data, options);
    });
  }

  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): Promise<void> {
    return this.run(path, async (m, p) => {
      if (m.readOnly) {
        const st = await m.fs.stat(p).catch(() => null);
        if (st && !(options?.recursive && st.type === "directory")) throw new FsError("EEXIST", path, "mkdir");
        if (!st) throw new FsError("EROFS", path, "mkdir");
        return;
      }
      return m.fs.mkdir(p, options);
    });
  }

  truncate(path: string, length: number): Promise<void> {
    return this.change(path, "truncate", (fs, p) => fs.truncate(p, length));
  }

  chmod(path: string, mode: number): Promise<void> {
    return this.change(path, "chmod", (fs, p) => fs.chmod(p, mode));
  }

  chown(path: string, uid: number, gid: number): Promise<void> {
    return this.change(path, "chown", (fs, p) => {
      if (!fs.chown) throw new FsError("ENOTSUP", path, "chown");
      return fs.chown(p, uid, gid);
    });
  }

  utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void> {
    return this.change(path, "utime", (fs, p) => fs.utimes(p, atimeMs, mtimeMs));
  }

  symlink(target: string, path: string): Promise<void> {
    return this.run(path, async (m, p) => {
      if (m.readOnly) {
        if (await m.fs.lstat(p).then(() => true, () => false)) throw new FsError("EEXIST", path, "symlink");
        await m.fs.stat(dirname(p));
        throw new FsError("EROFS", path, "symlink");
      }
      return m.fs.symlink(target, p);
    });
  }

  // ---- removing, renaming, linking -----------------------------------------

  unlink(path: string): Promise<void> {
    return this.remove(path, "unlink", (fs, p) => fs.unlink(p));
  }

  rmdir(path: string): Promise<void> {
    return this.remove(path, "rmdir", (fs, p) => fs.rmdir(p));
  }

  rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
    const inner = this.remove(path, "rm", (fs, p) => fs.rm(p, options));
    if (!options?.force) return inner;
    return inner.catch((e) => {
      if (!isFsError(e, "ENOENT")) throw e;
    });
  }

  rename(from: string, to: string): Promise<void> {
    return this.twoPaths(from, to, "rename", (fs, a, b) => fs.rename(a, b));
  }

  link(existing: string, path: string): Promise<void> {
    return this.twoPaths(existing, path, "link", (fs, a, b) => fs.link(a, b));
  }

  /** Seeds into the MemFs mounted at path (seedFiles on a MountFs); the dir cache is per mount. */
  seedEntry(path: string, content: string | Uint8Array | ContentLoader | null, options: SeedOptions = {}): void {
    const { m, inner } = this.route(path);
    if (!(m.fs instanceof MemFs)) throw new FsError("ENOTSUP", path, "seed");
    let caches = options.dirCache ? this.seedCaches.get(options.dirCache) : undefined;
    if (options.dirCache && !caches) this.seedCaches.set(options.dirCache, (caches = new Map()));
    let dirCache = caches?.get(m);
    if (caches && !dirCache) caches.set(m, (dirCache = new Map()));
    m.fs.seedEntry(inner, content, { ...options, dirCache });
  }

  // ---- routing -------------------------------------------------------------

  /** The mount holding path and the path inside it. */
  private route(path: string): { m: Mount; inner: string } {
    for (const m of this.mounts) {
      if (m.path === "/") return { m, inner: path };
      if (path === m.path) return { m, inner: "/" };
      if (path.startsWith(m.path) && path.charCodeAt(m.path.length) === 47 /* / */) {
        return { m, inner: path.slice(m.path.length) };
      }
    }
    throw new Error("MountFs: no root mount");
  }

  /**
   * Runs op on the mount holding path, again on the new path whenever a MemFs
   * reroutes; errors name the caller's path.
   */
  private async run<T>(path: string, op: (m: Mount, inner: string, full: string) => Promise<T>): Promise<T> {
    let current = path;
    for (let hops = 0; ; hops++) {
      const { m, inner } = this.route(current);
      try {
        return await op(m, inner, current);
      } catch (e) {
        if (e instanceof Reroute) {
          if (hops >= MAX_HOPS) throw new FsError("ELOOP", path);
          current = e.path;
          continue;
        }
        if (e instanceof FsError && e.path !== path) throw new FsError(e.code, path, e.syscall);
        throw e;
      }
    }
  }

  /** A metadata or content change: ENOENT first, then EROFS on a read-only mount. */
  private change(path: string, syscall: string, op: (fs: FileSystem, inner: string) => Promise<void>): Promise<void> {
    return this.run(path, async (m, p) => {
      if (m.readOnly) {
        await m.fs.stat(p);
        throw new FsError("EROFS", path, syscall);
      }
      return op(m.fs, p);
    });
  }

  /** A removal: ENOENT first, then EROFS on a read-only mount; a mount point is EBUSY. */
  private remove(path: string, syscall: string, op: (fs: FileSystem, inner: string) => Promise<void>): Promise<void> {
    return this.run(path, async (m, p) => {
      if (p === "/" && m.path !== "/") throw new FsError("EBUSY", path, syscall);
      if (m.readOnly) {
        await m.fs.lstat(p);
        throw new FsError("EROFS", path, syscall);
      }
      return op(m.fs, p);
    });
  }

  /**
   * rename/link: both parents are resolved physically first, so symlinked
   * directories land in the right mount; different mounts give EXDEV.
   */
  private async twoPaths(
    from: string,
    to: string,
    syscall: string,
    op: (fs: FileSystem, a: string, b: string) => Promise<void>,
  ): Promise<void> {
    const a = await this.physical(from);
    const b = await this.physical(to);
    const ra = this.route(a);
    const rb = this.route(b);
    await this.lstat(from);
    if (ra.m !== rb.m) throw new FsError("EXDEV", to, syscall);
    if (ra.m.readOnly) throw new FsError("EROFS", to, syscall);
    if ((ra.inner === "/" && ra.m.path !== "/") || (rb.inner === "/" && rb.m.path !== "/")) {
      throw new FsError("EBUSY", from, syscall);
    }
    try {
      await op(ra.m.fs, ra.inner, rb.inner);
    } catch (e) {
      if (e instanceof Reroute) throw new FsError("EBUSY", from, syscall); // a mount point
      if (e instanceof FsError) {
        const which = e.path === rb.inner ? to : from;
        if (e.path !== which) throw new FsError(e.code, which, e.syscall);
      }
      throw e;
    }
  }

  /** path with its directory part resolved through symlinks (the last component kept). */
  private async physical(path: string): Promise<string> {
    if (path === "/") return path;
    const dir = await this.realpath(dirname(path)).catch((e) => {
      if (e instanceof FsError) throw new FsError(e.code, path, e.syscall);
      throw e;
    });
    return dir === "/" ? "/" + basename(path) : dir + "/" + basename(path);
  }

  /** Tells each MemFs where it is mounted and which of its directories are covered. */
  private refreshMountPoints(): void {
    for (const m of this.mounts) {
      if (m.fs instanceof MemFs) {
        m.fs.clearMountPoints();
        m.fs.setMountPrefix(m.path);
      }
    }
    for (const m of this.mounts) {
      if (m.path === "/") continue;
      const owner = this.mounts.find(
        (o) => o !== m && (o.path === "/" || m.path.startsWith(o.path + "/")),
      );
      if (owner?.fs instanceof MemFs) {
        owner.fs.addMountPoint(owner.path === "/" ? m.path : m.path.slice(owner.path.length));
      }
    }
  }
}
