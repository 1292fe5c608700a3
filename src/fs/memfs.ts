import { FsError, type DirEntry, type FileStat, type FileSystem, type WriteOptions } from "./types.js";
import { EMPTY, appendContent, contentOf, resizeContent, setContent, statOf, type Inode } from "./inode.js";
import { R, W, X, type Found, type FsUsage, type MemFsOptions, type MemFsTree } from "./tree.js";
import { SeedingTree } from "./seeding.js";

/**
 * The in-memory filesystem: an inode tree of our own rather than memfs's Volume.
 * Why: the sandbox needs things Volume does not model (a non-root user with
 * permission checks against per-inode uid/gid, char devices, lazy seeded content,
 * all-or-nothing byte/file quotas), Volume pulls node:buffer/path/url/events/stream
 * into the browser build (~57-116 KB gz of shims), and its reads copy the whole
 * file each time. Here reads of small files cost a Map lookup per path component.
 *
 * Semantics follow Linux (open(2), rename(2), unlink(2)...): the caller is the
 * sandbox user (uid 1000 by default); uid 0 bypasses permission checks.
 */

export type { FsUsage, MemFsOptions } from "./tree.js";

export class MemFs extends SeedingTree implements FileSystem {
  declare private rootView: MemFs | null;

  /** `shared` is internal: asUser() passes the tree its views share. */
  constructor(options: MemFsOptions = {}, shared?: MemFsTree) {
    super(options, shared);
    this.rootView = null; // assigned, not a class field (see InodeTree)
  }

  /** A view of the same tree acting as another user (0 = root: no permission checks). */
  asUser(uid: number, gid: number = uid): MemFs {
    return new MemFs({ uid, gid, umask: this.umask }, this.tree);
  }

  /** Usage counted against the limits (excluding the base layout). */
  usage(): FsUsage {
    return { bytes: this.tree.bytes - this.tree.baseBytes, files: this.tree.files - this.tree.baseFiles };
  }

  /** Changes the limits (they apply to later writes; existing content stays). */
  setLimits(limits: { maxBytes?: number; maxFiles?: number }): void {
    if (limits.maxBytes !== undefined) this.tree.maxBytes = limits.maxBytes;
    if (limits.maxFiles !== undefined) this.tree.maxFiles = limits.maxFiles;
  }

  /**
   * The shared tree, for snapshot.ts only, after running every pending lazy
   * loader (a snapshot holds bytes, not loaders).
   */
  async treeForSnapshot(): Promise<MemFsTree> {
    const seen = new Set<Inode>();
    const visit = async (dir: Inode, path: string): Promise<void> => {
      for (const [name, child] of this.entriesOf(dir)) {
        if (seen.has(child)) continue;
        seen.add(child);
        const p = path === "/" ? "/" + name : path + "/" + name;
        if (child.lazy) await this.load(child, p);
        if (child.type === "directory") await visit(child, p);
      }
    };
    await visit(this.tree.root, "/");
    return this.tree;
  }

  /** Makes everything present now (the standard layout) free of the limits. */
  markBaseline(): void {
    this.tree.baseBytes = this.tree.bytes;
    this.tree.baseFiles = this.tree.files;
  }

  // ---- reading -------------------------------------------------------------

  /** The bytes returned may share storage with the file: treat them as read-only. */
  async readFile(path: string): Promise<Uint8Array> {
    const node = this.existing(path, true);
    if (!this.can(node, R)) throw new FsError("EACCES", path, "open");
    if (node.type === "directory") throw new FsError("EISDIR", path, "read");
    if (node.type !== "file") return EMPTY;
    if (node.lazy) await this.load(node, path);
    const now = this.tree.now();
    if (node.atimeMs <= node.mtimeMs || node.atimeMs <= node.ctimeMs) node.atimeMs = now; // relatime
    return contentOf(node);
  }

  async stat(path: string): Promise<FileStat> {
    return this.statNode(this.existing(path, true), path);
  }

  async lstat(path: string): Promise<FileStat> {
    return this.statNode(this.existing(path, false), path);
  }

  async exists(path: string): Promise<boolean> {
    return this.existsSync(path);
  }

  /** Synchronous exists (glob and test need many of them). */
  existsSync(path: string): boolean {
    try {
      return this.walk(path, true).node !== undefined;
    } catch (e) {
      if (e instanceof FsError) return false;
      throw e;
    }
  }

  async readdir(path: string): Promise<DirEntry[]> {
    return this.readdirSync(path);
  }

  /**
   * Synchronous readdir, newest entry first, as tmpfs lists a directory (what
   * `ls -U`, `find` and `du` show on the machine we compare with).
   */
  readdirSync(path: string): DirEntry[] {
    const node = this.existing(path, true);
    if (node.type !== "directory") throw new FsError("ENOTDIR", path, "scandir");
    if (!this.can(node, R)) throw new FsError("EACCES", path, "scandir");
    const out: DirEntry[] = [];
    for (const [name, child] of this.entriesOf(node)) out.push({ name, type: child.type });
    return out.reverse();
  }

  async readlink(path: string): Promise<string> {
    const node = this.existing(path, false);
    if (node.type !== "symlink") throw new FsError("EINVAL", path, "readlink");
    return node.target;
  }

  async realpath(path: string): Promise<string> {
    const f = this.walk(path, true);
    if (!f.node) throw new FsError("ENOENT", path, "realpath");
    if (f.node.type === "directory") return this.dirPath(f.node);
    const dir = this.dirPath(f.parent);
    return dir === "/" ? "/" + f.name : dir + "/" + f.name;
  }

  // ---- writing -------------------------------------------------------------

  async writeFile(path: string, data: Uint8Array, options?: WriteOptions): Promise<void> {
    if (options?.append) {
      // Appending to lazy content needs the content first.
      const f = this.walk(path, true);
      if (f.node?.lazy) await this.load(f.node, path);
    }
    this.writeFileSync(path, data, options);
  }

  /** Synchronous writeFile (redirections of small outputs). */
  writeFileSync(path: string, data: Uint8Array, options?: WriteOptions): void {
    if (options?.exclusive && this.walk(path, false).node) throw new FsError("EEXIST", path, "open");
    const f = this.walk(path, true);
    const node = f.node;
    const now = this.tree.now();
    if (!node) {
      this.checkCreate(f.parent, path);
      this.chargeBytes(data.length, path);
      const n = this.create(f.parent, f.name, "file", options?.mode ?? 0o666 & ~this.umask, now);
      setContent(n, data);
      this.tree.bytes += data.length;
      return;
    }
    if (node.type === "directory") throw new FsError("EISDIR", path, "open");
    if (!this.can(node, W)) throw new FsError("EACCES", path, "open");
    if (node.type !== "file") return; // devices swallow writes (/dev/null)
    if (options?.append) {
      if (node.lazy) throw new FsError("EBUSY", path, "write"); // content still loading
      this.chargeBytes(data.length, path);
      appendContent(node, data, node.size + this.room());
      this.tree.bytes += data.length;
    } else {
      const delta = data.length - (node.lazy ? 0 : node.size);
      this.chargeBytes(delta, path);
      if (!node.lazy) this.tree.bytes -= node.size;
      setContent(node, data);
      this.tree.bytes += data.length;
    }
    node.mtimeMs = node.ctimeMs = now;
  }

  async truncate(path: string, length: number): Promise<void> {
    const node = this.existing(path, true);
    if (node.type === "directory") throw new FsError("EISDIR", path, "truncate");
    if (!this.can(node, W)) throw new FsError("EACCES", path, "truncate");
    if (length < 0 || !Number.isInteger(length)) throw new FsError("EINVAL", path, "truncate");
    if (node.type !== "file") return;
    if (node.lazy) await this.load(node, path);
    this.chargeBytes(length - node.size, path);
    this.tree.bytes += length - node.size;
    resizeContent(node, length);
    node.mtimeMs = node.ctimeMs = this.tree.now();
  }

  async mkdir(path: string, options?: { recursive?: boolean; mode?: number }): Promise<void> {
    this.mkdirSync(path, options);
  }

  /** Synchronous mkdir. */
  mkdirSync(path: string, options?: { recursive?: boolean; mode?: number }): void {
    const mode = options?.mode ?? 0o777 & ~this.umask;
    if (!options?.recursive) {
      const f = this.walk(path, false);
      if (f.node) throw new FsError("EEXIST", path, "mkdir");
      this.checkCreate(f.parent, path);
      this.create(f.parent, f.name, "directory", mode, this.tree.now());
      return;
    }
    const parts = path.split("/").filter((p) => p !== "" && p !== ".");
    let prefix = "";
    for (let i = 0; i < parts.length; i++) {
      prefix += "/" + parts[i];
      const f = this.walk(prefix, true);
      if (f.node) {
        if (f.node.type === "directory") continue;
        throw new FsError(i === parts.length - 1 ? "EEXIST" : "ENOTDIR", path, "mkdir");
      }
      this.checkCreate(f.parent, path);
      // mkdir -p gives intermediate directories u+wx so it can descend into them.
      const m = i === parts.length - 1 ? mode : (0o777 & ~this.umask) | 0o300;
      this.create(f.parent, f.name, "directory", m, this.tree.now());
    }
  }

  async symlink(target: string, path: string): Promise<void> {
    const f = this.walk(path, false);
    if (f.node) throw new FsError("EEXIST", path, "symlink");
    this.checkCreate(f.parent, path);
    const n = this.create(f.parent, f.name, "symlink", 0o777, this.tree.now());
    n.target = target;
  }

  async link(existing: string, path: string): Promise<void> {
    const src = this.existing(existing, false);
    if (src.type === "directory") throw new FsError("EPERM", existing, "link");
    const f = this.walk(path, false);
    if (f.node) throw new FsError("EEXIST", path, "link");
    if (!this.can(f.parent, W | X)) throw new FsError("EACCES", path, "link");
    const now = this.tree.now();
    f.parent.entries!.set(f.name, src);
    f.parent.mtimeMs = f.parent.ctimeMs = now;
    src.nlink++;
    src.ctimeMs = now;
  }

  async chmod(path: string, mode: number): Promise<void> {
    this.chmodSync(path, mode);
  }

  /** Synchronous chmod. */
  chmodSync(path: string, mode: number): void {
    const node = this.existing(path, true);
    this.checkOwner(node, path, "chmod");
    node.mode = mode & 0o7777;
    node.ctimeMs = this.tree.now();
  }

  /** Changes owner and group (root only, as chown(2) for a non-root user giving files away). */
  async chown(path: string, uid: number, gid: number): Promise<void> {
    this.chownSync(path, uid, gid);
  }

  /** Synchronous chown. */
  chownSync(path: string, uid: number, gid: number): void {
    const node = this.existing(path, true);
    // A non-root owner may only change the group to its own.
    const allowed = this.uid === 0 || (node.uid === this.uid && uid === node.uid && (gid === node.gid || gid === this.gid));
    if (!allowed) throw new FsError("EPERM", path, "chown");
    node.uid = uid;
    node.gid = gid;
    node.ctimeMs = this.tree.now();
  }

  async utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void> {
    const node = this.existing(path, true);
    const now = this.tree.now();
    if (this.uid !== 0 && this.uid !== node.uid) {
      // Setting both to "now" needs only write permission (touch); explicit times need ownership.
      // (Within a second of now: the caller's clock read may differ from ours by a tick.)
      const toNow = Math.abs(atimeMs - now) < 1000 && Math.abs(mtimeMs - now) < 1000;
      if (!toNow) throw new FsError("EPERM", path, "utime");
      if (!this.can(node, W)) throw new FsError("EACCES", path, "utime");
    }
    node.atimeMs = atimeMs;
    node.mtimeMs = mtimeMs;
    node.ctimeMs = now;
  }

  // ---- removing and renaming -----------------------------------------------

  async unlink(path: string): Promise<void> {
    const f = this.walk(path, false);
    if (!f.node) throw new FsError("ENOENT", path, "unlink");
    this.checkDelete(f, path, "unlink");
    if (f.node.type === "directory") throw new FsError("EISDIR", path, "unlink");
    this.dropLink(f.parent, f.name, f.node);
  }

  async rmdir(path: string): Promise<void> {
    const f = this.walk(path, false);
    if (!f.node) throw new FsError("ENOENT", path, "rmdir");
    if (f.node === this.tree.root) throw new FsError("EBUSY", path, "rmdir");
    this.checkDelete(f, path, "rmdir");
    if (f.node.type !== "directory") throw new FsError("ENOTDIR", path, "rmdir");
    if (this.entriesOf(f.node).size > 0) throw new FsError("ENOTEMPTY", path, "rmdir");
    this.dropLink(f.parent, f.name, f.node);
  }

  async rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
    let f: Found;
    try {
      f = this.walk(path, false);
    } catch (e) {
      if (options?.force && e instanceof FsError && e.code === "ENOENT") return;
      throw e;
    }
    if (!f.node) {
      if (options?.force) return;
      throw new FsError("ENOENT", path, "rm");
    }
    if (f.node === this.tree.root) throw new FsError("EBUSY", path, "rm");
    if (f.node.type === "directory") {
      if (!options?.recursive) throw new FsError("EISDIR", path, "rm");
      this.checkDelete(f, path, "rm");
      this.emptyTree(f.node, path);
    } else {
      this.checkDelete(f, path, "rm");
    }
    this.dropLink(f.parent, f.name, f.node);
  }

  async rename(from: string, to: string): Promise<void> {
    const src = this.walk(from, false);
    const node = src.node;
    if (!node) throw new FsError("ENOENT", from, "rename");
    if (node === this.tree.root) throw new FsError("EBUSY", from, "rename");
    const dst = this.walk(to, false);
    if (dst.node === this.tree.root) throw new FsError("EBUSY", to, "rename");
    if (dst.node === node) return; // same inode: rename(2) does nothing
    this.checkDelete(src, from, "rename");
    if (dst.node) this.checkDelete(dst, to, "rename");
    else if (!this.can(dst.parent, W | X)) throw new FsError("EACCES", to, "rename");
    if (node.type === "directory") {
      if (dst.node && dst.node.type !== "directory") throw new FsError("ENOTDIR", to, "rename");
      if (dst.node && this.entriesOf(dst.node).size > 0) throw new FsError("ENOTEMPTY", to, "rename");
      for (let d: Inode | null = dst.parent; d; d = d.parent) {
        if (d === node) throw new FsError("EINVAL", to, "rename");
      }
      // Moving a directory to a new parent rewrites its "..": needs write permission on it.
      if (dst.parent !== src.parent && !this.can(node, W)) throw new FsError("EACCES", from, "rename");
    } else if (dst.node?.type === "directory") {
      throw new FsError("EISDIR", to, "rename");
    }
    if (dst.node) this.dropLink(dst.parent, dst.name, dst.node);
    const now = this.tree.now();
    src.parent.entries!.delete(src.name);
    dst.parent.entries!.set(dst.name, node);
    src.parent.mtimeMs = src.parent.ctimeMs = now;
    dst.parent.mtimeMs = dst.parent.ctimeMs = now;
    node.ctimeMs = now;
    if (node.type === "directory") {
      src.parent.nlink--;
      dst.parent.nlink++;
      node.parent = dst.parent;
      node.name = dst.name;
    }
  }

  // ---- mounting (used by MountFs) ------------------------------------------

  /** Tells the tree it is mounted at `prefix` ("" or "/" when it is the root). */
  setMountPrefix(prefix: string): void {
    this.tree.mountPrefix = prefix === "/" ? "" : prefix;
  }

  /** Marks the directory at `path` (created if missing) as covered by another filesystem. */
  addMountPoint(path: string): void {
    this.seedEntry(path, null);
    const node = this.privileged().walk(path, true).node!;
    this.tree.mountPoints.add(node);
  }

  clearMountPoints(): void {
    this.tree.mountPoints.clear();
  }

  // ---- internals -----------------------------------------------------------

  /** stat of a lazy file loads it, unless its size is known. */
  private async statNode(node: Inode, path: string): Promise<FileStat> {
    if (!node.lazy) return statOf(node);
    const hint = this.tree.lazySizes.get(node);
    if (hint === undefined) {
      await this.load(node, path);
      return statOf(node);
    }
    const st = statOf(node);
    st.size = hint;
    return st;
  }

  protected privileged(): MemFs {
    return (this.rootView ??= this.asUser(0, 0));
  }
}

export type { SeedOptions } from "./seeding.js";
export { createDefaultFs, type DefaultFsOptions } from "./layout.js";
