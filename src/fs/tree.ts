import { FsError, type FileType } from "./types.js";
import { clearContent, newInode, setContent, type Inode } from "./inode.js";
import { encodeUtf8 } from "../io/utf8.js";

/**
 * The core under MemFs: path resolution, permission checks, quota accounting and
 * linking/unlinking inodes. MemFs (memfs.ts) builds the FileSystem operations on it.
 */

export interface MemFsOptions {
  /** Total bytes of file contents allowed (beyond the base layout). ENOSPC past it. */
  maxBytes?: number;
  /** Number of inodes (files, directories, symlinks) allowed (beyond the base layout). */
  maxFiles?: number;
  /** Clock for timestamps, ms since the epoch. */
  now?: () => number;
  /** The acting user (default 1000). The root directory belongs to this user. */
  uid?: number;
  gid?: number;
  /** Applied when a create call passes no mode (default 0o022). */
  umask?: number;
}

/** Space in use, as counted against maxBytes / maxFiles. */
export interface FsUsage {
  bytes: number;
  files: number;
}

/** State shared by every credential view of one filesystem (opaque outside tree.ts). */
export interface MemFsTree {
  root: Inode;
  nextIno: number;
  bytes: number;
  files: number;
  baseBytes: number;
  baseFiles: number;
  maxBytes: number;
  maxFiles: number;
  now: () => number;
  /** Where this tree is mounted in a MountFs ("" when it is the root or stands alone). */
  mountPrefix: string;
  /** Directories another filesystem is mounted over (see MountFs). */
  mountPoints: Set<Inode>;
  /** Directories that fill themselves on first use (MemFs.deferDirectory). */
  deferred: Map<Inode, () => void>;
  /** Known sizes of lazy files, so stat need not load them (MemFs.seedEntry sizeHint). */
  lazySizes: WeakMap<Inode, number>;
}

/**
 * Thrown by a mounted MemFs when resolution leaves it: an absolute symlink target,
 * ".." above its root, or a directory another filesystem is mounted on. MountFs
 * catches it and runs the same operation on `path` (absolute in the MountFs, may
 * still hold ".." components to resolve physically).
 */
export class Reroute extends Error {
  declare readonly path: string;
  constructor(path: string) {
    super("path leaves this filesystem");
    this.path = path;
    this.name = "Reroute";
  }
}

/** Tree state around a root directory: counters start at the root alone, usage 0. */
export function newTree(root: Inode, options: MemFsOptions): MemFsTree {
  return {
    root,
    nextIno: root.ino + 1,
    bytes: 0,
    files: 1,
    baseBytes: 0,
    baseFiles: 0,
    maxBytes: options.maxBytes ?? Infinity,
    maxFiles: options.maxFiles ?? Infinity,
    now: options.now ?? Date.now,
    mountPrefix: "",
    mountPoints: new Set(),
    deferred: new Map(),
    lazySizes: new WeakMap(),
  };
}

/** `base` + the rest of a path, // and . dropped but .. kept (it must resolve physically). */
function rerouted(base: string, rest: string): Reroute {
  let p = "";
  for (const c of (base + "/" + rest).split("/")) if (c !== "" && c !== ".") p += "/" + c;
  return new Reroute(p === "" ? "/" : p);
}

/** The directory part of an absolute path. */
function parentPath(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

/** Where a path leads: the directory holding the last component, its name, and the inode if any. */
export interface Found {
  parent: Inode;
  name: string;
  node: Inode | undefined;
}

/** Lazy loads in flight, so concurrent first reads call the loader once. */
const loading = new WeakMap<Inode, Promise<void>>();

/** Linux's limit on symlinks followed while resolving one path. */
const MAX_SYMLINKS = 40;
export const R = 4;
export const W = 2;
export const X = 1;

/** Path resolution, permissions and accounting over one shared inode tree. */
export abstract class InodeTree {
  // Declared, not class fields: a field makes V8 compile the whole class body again
  // when the first instance is made (cold start, bench/startup.ts).
  declare protected readonly tree: MemFsTree;
  /** The acting user and group. */
  declare readonly uid: number;
  declare readonly gid: number;
  declare readonly umask: number;

  /** `shared` is internal: asUser() passes the tree its views share. */
  constructor(options: MemFsOptions = {}, shared?: MemFsTree) {
    const now = options.now ?? Date.now;
    this.uid = options.uid ?? 1000;
    this.gid = options.gid ?? 1000;
    this.umask = options.umask ?? 0o022;
    if (shared) {
      this.tree = shared;
      return;
    }
    this.tree = newTree(newInode(2, "directory", 0o755, this.uid, this.gid, now()), options);
  }

  /**
   * Resolves a path; follows a final symlink when `follow`. Throws ENOENT/ENOTDIR/
   * ELOOP/EACCES. Scans the string in place (no split): this is the hot path.
   * A trailing "/." makes the last name a directory to enter, as in Linux.
   */
  protected walk(path: string, follow: boolean): Found {
    const tree = this.tree;
    const root = tree.root;
    let s = path;
    let p = 0;
    let dir = root;
    let links = 0;
    for (;;) {
      while (s.charCodeAt(p) === 47 /* / */) p++;
      if (p >= s.length) {
        // "/" itself: a deferred root (the standard layout) is filled first, so its stat
        // (nlink, size, times) is the same before and after anything looked inside it.
        if (dir === root && tree.deferred.size > 0) this.entriesOf(root);
        return { parent: dir.parent ?? dir, name: dir.name, node: dir };
      }
      let end = s.indexOf("/", p);
      if (end < 0) end = s.length;
      const name = s.slice(p, end);
      p = end;
      let q = p;
      while (s.charCodeAt(q) === 47) q++;
      const last = q >= s.length;
      if (!this.can(dir, X)) throw new FsError("EACCES", path);
      if (name === ".") continue;
      if (name === "..") {
        if (!dir.parent && tree.mountPrefix !== "") throw rerouted(parentPath(tree.mountPrefix), s.slice(p));
        dir = dir.parent ?? dir;
        continue;
      }
      const child = this.entriesOf(dir).get(name);
      if (!child) {
        if (last) return { parent: dir, name, node: undefined };
        throw new FsError("ENOENT", path);
      }
      if (child.type === "symlink" && (follow || !last)) {
        if (++links > MAX_SYMLINKS) throw new FsError("ELOOP", path);
        const target = child.target;
        if (target === "") throw new FsError("ENOENT", path);
        const absolute = target.charCodeAt(0) === 47;
        if (absolute && tree.mountPrefix !== "") throw rerouted(target, s.slice(p));
        s = target + s.slice(p);
        p = 0;
        if (absolute) dir = root;
        continue;
      }
      if (tree.mountPoints.size > 0 && tree.mountPoints.has(child)) {
        throw rerouted(tree.mountPrefix + this.dirPath(child), s.slice(p));
      }
      if (last) return { parent: dir, name, node: child };
      if (child.type !== "directory") throw new FsError("ENOTDIR", path);
      dir = child;
    }
  }

  /** A directory's entries, filling a deferred directory first (limits do not apply to the fill). */
  protected entriesOf(dir: Inode): Map<string, Inode> {
    const t = this.tree;
    if (t.deferred.size > 0) {
      const fill = t.deferred.get(dir);
      if (fill) {
        t.deferred.delete(dir);
        const { maxBytes, maxFiles, files, bytes } = t;
        t.maxBytes = t.maxFiles = Infinity;
        try {
          fill();
        } finally {
          t.maxBytes = maxBytes;
          t.maxFiles = maxFiles;
          t.baseFiles += t.files - files;
          t.baseBytes += t.bytes - bytes;
        }
      }
    }
    return dir.entries!;
  }

  /** The inode at path, or ENOENT. */
  protected existing(path: string, follow: boolean): Inode {
    const node = this.walk(path, follow).node;
    if (!node) throw new FsError("ENOENT", path);
    return node;
  }

  /** The absolute path of a directory inode. */
  protected dirPath(dir: Inode): string {
    let p = "";
    for (let d: Inode = dir; d.parent; d = d.parent) p = "/" + d.name + p;
    return p === "" ? "/" : p;
  }

  /** Permission check for the acting user; uid 0 passes everything. */
  protected can(n: Inode, bits: number): boolean {
    if (this.uid === 0) return true;
    const m = this.uid === n.uid ? n.mode >> 6 : this.gid === n.gid ? n.mode >> 3 : n.mode;
    return (m & bits) === bits;
  }

  protected checkOwner(n: Inode, path: string, syscall: string): void {
    if (this.uid !== 0 && this.uid !== n.uid) throw new FsError("EPERM", path, syscall);
  }

  /** Creating an entry in `dir` needs write+search on it, and room for one more inode. */
  protected checkCreate(dir: Inode, path: string): void {
    if (!this.can(dir, W | X)) throw new FsError("EACCES", path, "open");
    this.chargeFile(path);
  }

  /** Removing an entry needs write+search on its directory, and the sticky-bit rule. */
  protected checkDelete(f: Found, path: string, syscall: string): void {
    if (!this.can(f.parent, W | X)) throw new FsError("EACCES", path, syscall);
    const sticky = (f.parent.mode & 0o1000) !== 0;
    if (sticky && this.uid !== 0 && this.uid !== f.node!.uid && this.uid !== f.parent.uid) {
      throw new FsError("EPERM", path, syscall);
    }
  }

  /** Bytes still allowed. */
  protected room(): number {
    const t = this.tree;
    return t.maxBytes - (t.bytes - t.baseBytes);
  }

  /** Throws ENOSPC unless `delta` more bytes fit; the caller then adds them. */
  protected chargeBytes(delta: number, path: string): void {
    if (delta > 0 && delta > this.room()) throw new FsError("ENOSPC", path, "write");
  }

  protected chargeFile(path: string): void {
    const t = this.tree;
    if (t.files - t.baseFiles + 1 > t.maxFiles) throw new FsError("ENOSPC", path, "open");
  }

  /** A new inode of the acting user linked into dir (checks done by the caller). */
  protected create(dir: Inode, name: string, type: FileType, mode: number, now: number): Inode {
    const n = this.attach(dir, name, type, mode, now);
    n.uid = this.uid;
    n.gid = this.gid;
    return n;
  }

  protected attach(dir: Inode, name: string, type: FileType, mode: number, now: number): Inode {
    const t = this.tree;
    const n = newInode(t.nextIno++, type, mode, this.uid, this.gid, now);
    t.files++;
    dir.entries!.set(name, n);
    dir.mtimeMs = dir.ctimeMs = now;
    if (type === "directory") {
      dir.nlink++;
      n.parent = dir;
      n.name = name;
    }
    return n;
  }

  /** Removes one name of an inode; frees the inode with its last link. */
  protected dropLink(dir: Inode, name: string, n: Inode): void {
    const now = this.tree.now();
    dir.entries!.delete(name);
    dir.mtimeMs = dir.ctimeMs = now;
    if (n.type === "directory") {
      dir.nlink--;
      n.nlink = 0;
      n.parent = null;
    } else {
      n.nlink--;
      n.ctimeMs = now;
    }
    if (n.nlink === 0) {
      this.tree.files--;
      if (!n.lazy) this.tree.bytes -= n.size;
      clearContent(n);
    }
  }

  /** Deletes everything below dir (rm -r), checking permissions at each level. */
  protected emptyTree(dir: Inode, path: string): void {
    const entries = this.entriesOf(dir);
    if (entries.size === 0) return;
    if (!this.can(dir, R | W | X)) throw new FsError("EACCES", path, "rm");
    for (const [name, child] of [...entries]) {
      const childPath = path === "/" ? "/" + name : path + "/" + name;
      if (this.tree.mountPoints.has(child)) throw new FsError("EBUSY", childPath, "rm");
      this.checkDelete({ parent: dir, name, node: child }, childPath, "rm");
      if (child.type === "directory") this.emptyTree(child, childPath);
      this.dropLink(dir, name, child);
    }
  }

  /** Runs a lazy loader once (concurrent readers share the call); a write meanwhile wins. */
  protected load(n: Inode, path: string): Promise<void> {
    let pending = loading.get(n);
    if (!pending) {
      pending = this.runLoader(n, path).finally(() => loading.delete(n));
      loading.set(n, pending);
    }
    return pending;
  }

  protected async runLoader(n: Inode, path: string): Promise<void> {
    const loader = n.lazy!;
    let value: string | Uint8Array;
    try {
      value = await loader();
    } catch {
      throw new FsError("EIO", path, "read");
    }
    if (n.lazy !== loader) return;
    const bytes = typeof value === "string" ? encodeUtf8(value) : value;
    setContent(n, bytes, typeof value === "string");
    // Loaded content is the embedder's, like the layout: outside the limits until changed.
    if (n.nlink > 0) {
      this.tree.bytes += bytes.length;
      this.tree.baseBytes += bytes.length;
    }
  }
}
