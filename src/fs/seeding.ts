import { FsError, type FileType } from "./types.js";
import { clearContent, setAsciiContent, setContent, type ContentLoader, type Inode } from "./inode.js";
import { InodeTree, type Found } from "./tree.js";
import { encodeUtf8 } from "../io/utf8.js";

/**
 * Putting entries in place for the embedder (seedFiles, the standard layout,
 * the Node overlay): no permission checks, parents created, lazy content and
 * directories that fill themselves. MemFs builds on it.
 */
export abstract class SeedingTree extends InodeTree {
  /** A view of the same tree acting as root. */
  protected abstract privileged(): SeedingTree;

  /**
   * Puts a file (content, lazy loader), directory (content null) or device in place
   * without permission checks, creating parents. Owned by this view's user.
   * Lazy content does not count against maxBytes when loaded (the embedder chose it).
   */
  seedEntry(path: string, content: string | Uint8Array | ContentLoader | null, options: SeedOptions = {}): void {
    const { mode, dirCache } = options;
    const f = this.seedTarget(path, dirCache);
    if (f.node && options.keepExisting) return;
    const now = options.mtimeMs ?? this.tree.now();
    if (content === null) {
      if (f.node?.type === "directory") return;
      if (f.node) throw new FsError("EEXIST", path, "mkdir");
      this.chargeFile(path);
      this.attach(f.parent, f.name, "directory", mode ?? 0o755, now);
      return;
    }
    let node = f.node;
    if (node && node.type !== "file") throw new FsError(node.type === "directory" ? "EISDIR" : "EEXIST", path, "open");
    const ascii = typeof content === "string" && isShortAscii(content);
    const bytes = ascii || typeof content === "function" ? null : typeof content === "string" ? encodeUtf8(content) : content;
    const length = ascii ? (content as string).length : (bytes?.length ?? 0);
    const delta = length - (node && !node.lazy ? node.size : 0);
    this.chargeBytes(delta, path);
    if (!node) {
      this.chargeFile(path);
      node = this.attach(f.parent, f.name, "file", mode ?? 0o644, now);
    } else if (mode !== undefined) node.mode = mode & 0o7777;
    this.tree.bytes += delta;
    if (ascii) setAsciiContent(node, content as string);
    else if (bytes) setContent(node, bytes, typeof content === "string");
    else {
      clearContent(node);
      node.lazy = content as ContentLoader;
      if (options.sizeHint !== undefined) this.tree.lazySizes.set(node, options.sizeHint);
    }
    if (options.mtimeMs !== undefined) node.mtimeMs = node.atimeMs = node.ctimeMs = options.mtimeMs;
  }

  /**
   * Makes the directory at path (created if missing) fill itself on first use:
   * `fill` runs once, the first time an entry is looked up or listed, and
   * typically calls seedEntry/deferDirectory for the children (the Node overlay
   * of a real directory). What it adds is free of the limits.
   */
  deferDirectory(path: string, fill: () => void): void {
    // "/" needs no lookup; a fill already waiting there (the standard layout) runs first.
    if (path === "/") {
      const root = this.tree.root;
      if (this.tree.deferred.has(root)) this.entriesOf(root);
      this.tree.deferred.set(root, fill);
      return;
    }
    this.seedEntry(path, null);
    const node = this.privileged().walk(path, true).node!;
    this.tree.deferred.set(node, fill);
  }

  /** Creates a device node (standard layout), dated mtimeMs (default now). */
  seedDevice(path: string, type: FileType, mode: number, rdev: number, mtimeMs = this.tree.now()): void {
    const root = this.uid === 0 ? this : this.privileged();
    const f = root.walkCreatingParents(path, this.uid, this.gid);
    if (f.node) throw new FsError("EEXIST", path, "mknod");
    this.chargeFile(path);
    this.attach(f.parent, f.name, type, mode, mtimeMs).rdev = rdev;
  }

  /** Where seedEntry puts path: the directory (from dirCache when there) and the entry. */
  protected seedTarget(path: string, dirCache: Map<string, Inode> | undefined): Found {
    const root = this.uid === 0 ? this : this.privileged();
    const slash = path.lastIndexOf("/");
    const name = path.slice(slash + 1);
    if (!dirCache || slash < 0 || name === "" || name === "." || name === "..") {
      return root.walkCreatingParents(path, this.uid, this.gid);
    }
    const dirPath = slash === 0 ? "/" : path.slice(0, slash);
    const parent = dirCache.get(dirPath);
    if (!parent) {
      const f = root.walkCreatingParents(path, this.uid, this.gid);
      const dir = root.walk(dirPath, true).node;
      if (dir) dirCache.set(dirPath, dir);
      return f;
    }
    const node = this.entriesOf(parent).get(name);
    // Symlinks and mount points need the full resolution.
    if (node && (node.type === "symlink" || this.tree.mountPoints.has(node))) {
      return root.walkCreatingParents(path, this.uid, this.gid);
    }
    return { parent, name, node };
  }

  /** Like walk, but creates missing parent directories owned by uid/gid (mode 0755). */
  protected walkCreatingParents(path: string, uid: number, gid: number): Found {
    try {
      return this.walk(path, true);
    } catch (e) {
      if (!(e instanceof FsError) || e.code !== "ENOENT") throw e;
    }
    const parts = path.split("/").filter((p) => p !== "" && p !== ".");
    let prefix = "";
    for (let i = 0; i < parts.length - 1; i++) {
      prefix += "/" + parts[i];
      const f = this.walk(prefix, true);
      if (f.node) {
        if (f.node.type !== "directory") throw new FsError("ENOTDIR", path);
        continue;
      }
      this.chargeFile(path);
      const d = this.attach(f.parent, f.name, "directory", 0o755, this.tree.now());
      d.uid = uid;
      d.gid = gid;
    }
    return this.walk(path, true);
  }
}

/** True for text that can wait as a string (ASCII, so its byte length is its length). */
function isShortAscii(s: string): boolean {
  if (s.length > 4096) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** How seedEntry places an entry. */
export interface SeedOptions {
  mode?: number;
  /** atime/mtime/ctime of a new entry (default now). */
  mtimeMs?: number;
  /** Size of lazy content, so stat need not run the loader. */
  sizeHint?: number;
  /** Directories already resolved in this batch (seedFiles): skips most lookups. */
  dirCache?: Map<string, Inode>;
  /** Leave an existing entry alone instead of replacing it. */
  keepExisting?: boolean;
}
