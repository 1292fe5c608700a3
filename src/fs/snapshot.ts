import type { FileType } from "./types.js";
import { EMPTY, contentOf, newInode, type Inode } from "./inode.js";
import { MemFs, type MemFsOptions } from "./memfs.js";
import { newTree } from "./tree.js";
import { decodeUtf8, encodeUtf8 } from "../io/utf8.js";

/**
 * A MemFs as bytes and back: every inode once (hard links stay links), with
 * owners, modes, times, device numbers and content; lazy files are loaded first.
 * Restoring validates everything (bounds, types, names, links, nlink, reachability)
 * and throws SnapshotError rather than build a tree that breaks MemFs's invariants.
 *
 * Layout (little-endian): "SBFS" u16 version u16 0 | f64 nextIno f64 baseBytes
 * f64 baseFiles u32 inodeCount | inodes, root first: u32 ino u8 type u16 mode
 * u32 uid u32 gid u32 nlink f64 atime f64 mtime f64 ctime f64 birthtime u32 rdev,
 * then a file's u32 length + bytes, a symlink's string, a directory's u32 count
 * + (string name, u32 ino) each. A string is u32 length + UTF-8 (bytes kept).
 * Limits are settings, not state: pass them to restoreFs.
 */

export const SNAPSHOT_VERSION = 1;
const MAGIC = [0x53, 0x42, 0x46, 0x53]; // "SBFS"
const TYPES: FileType[] = ["file", "directory", "symlink", "char", "block", "fifo", "socket"];

/** A snapshot that cannot be restored: wrong format, version, or damaged. */
import { SnapshotError } from "./snapshot-error.js";

export { SnapshotError };

/** Serialises the whole tree of fs (all credential views share it). */
export async function serializeFs(fs: MemFs): Promise<Uint8Array> {
  const tree = await fs.treeForSnapshot();
  const order: Inode[] = [tree.root];
  const seen = new Set<Inode>(order);
  for (let i = 0; i < order.length; i++) {
    const n = order[i];
    if (!n.entries) continue;
    for (const child of n.entries.values()) {
      if (!seen.has(child)) {
        seen.add(child);
        order.push(child);
      }
    }
  }
  const w = new Writer();
  for (const b of MAGIC) w.u8(b);
  w.u16(SNAPSHOT_VERSION);
  w.u16(0);
  w.f64(tree.nextIno);
  w.f64(tree.baseBytes);
  w.f64(tree.baseFiles);
  w.u32(order.length);
  for (const n of order) {
    w.u32(n.ino);
    w.u8(TYPES.indexOf(n.type));
    w.u16(n.mode);
    w.u32(n.uid);
    w.u32(n.gid);
    w.u32(n.nlink);
    w.f64(n.atimeMs);
    w.f64(n.mtimeMs);
    w.f64(n.ctimeMs);
    w.f64(n.birthtimeMs);
    w.u32(n.rdev);
    if (n.type === "file") {
      w.u32(n.size);
      w.bytes(contentOf(n));
    } else if (n.type === "symlink") {
      w.str(n.target);
    } else if (n.type === "directory") {
      w.u32(n.entries!.size);
      for (const [name, child] of n.entries!) {
        w.str(name);
        w.u32(child.ino);
      }
    }
  }
  return w.finish();
}

/** Rebuilds a MemFs from serializeFs bytes. options: clock, acting user, limits. */
export function restoreFs(bytes: Uint8Array, options: MemFsOptions = {}): MemFs {
  const r = new Reader(bytes);
  for (const b of MAGIC) if (r.u8() !== b) throw new SnapshotError("not a sandbash filesystem snapshot");
  const version = r.u16();
  if (version !== SNAPSHOT_VERSION) throw new SnapshotError(`unsupported version ${version}`);
  r.u16();
  const nextIno = r.f64();
  const baseBytes = r.f64();
  const baseFiles = r.f64();
  const count = r.u32();
  if (count === 0) throw new SnapshotError("no root directory");
  const byIno = new Map<number, Inode>();
  const pending: Array<[Inode, string[], number[]]> = [];
  let bytesUsed = 0;
  let maxIno = 0;
  for (let k = 0; k < count; k++) {
    const ino = r.u32();
    const type = TYPES[r.u8()];
    if (!type) throw new SnapshotError("unknown file type");
    if (byIno.has(ino)) throw new SnapshotError(`inode ${ino} twice`);
    const mode = r.u16();
    if (mode > 0o7777) throw new SnapshotError("bad mode");
    const n = newInode(ino, type, mode, r.u32(), r.u32(), 0);
    n.nlink = r.u32();
    n.atimeMs = r.f64();
    n.mtimeMs = r.f64();
    n.ctimeMs = r.f64();
    n.birthtimeMs = r.f64();
    n.rdev = r.u32();
    if (type === "file") {
      const len = r.u32();
      n.data = len === 0 ? EMPTY : r.bytes(len).slice();
      n.size = len;
      bytesUsed += len;
    } else if (type === "symlink") {
      n.target = r.str();
    } else if (type === "directory") {
      const m = r.u32();
      const names: string[] = [];
      const inos: number[] = [];
      for (let e = 0; e < m; e++) {
        const name = r.str();
        if (name === "" || name === "." || name === ".." || name.includes("/")) {
          throw new SnapshotError(`bad name ${JSON.stringify(name)}`);
        }
        names.push(name);
        inos.push(r.u32());
      }
      pending.push([n, names, inos]);
    }
    byIno.set(ino, n);
    maxIno = Math.max(maxIno, ino);
  }
  if (!r.atEnd()) throw new SnapshotError("trailing bytes");
  const root = byIno.values().next().value!;
  if (root.type !== "directory") throw new SnapshotError("root is not a directory");
  linkEntries(root, pending, byIno);
  if (!(nextIno > maxIno) || !Number.isInteger(nextIno)) throw new SnapshotError("bad next inode number");
  const tree = newTree(root, options);
  tree.nextIno = nextIno;
  tree.bytes = bytesUsed;
  tree.files = count;
  tree.baseBytes = Math.min(baseBytes, bytesUsed);
  tree.baseFiles = Math.min(baseFiles, count);
  return new MemFs(options, tree);
}

/** Fills directory entries and checks the link structure against the stored nlinks. */
function linkEntries(root: Inode, pending: Array<[Inode, string[], number[]]>, byIno: Map<number, Inode>): void {
  const links = new Map<Inode, number>();
  for (const [dir, names, inos] of pending) {
    for (let e = 0; e < names.length; e++) {
      const child = byIno.get(inos[e]);
      if (!child) throw new SnapshotError(`entry ${names[e]} points to a missing inode`);
      if (child === root) throw new SnapshotError("the root directory is linked");
      if (dir.entries!.has(names[e])) throw new SnapshotError(`duplicate name ${names[e]}`);
      dir.entries!.set(names[e], child);
      links.set(child, (links.get(child) ?? 0) + 1);
      if (child.type === "directory") {
        if (child.parent) throw new SnapshotError("a directory with two parents");
        child.parent = dir;
        child.name = names[e];
      }
    }
  }
  // Reachability from the root, and nlink as Linux counts it.
  const seen = new Set<Inode>([root]);
  const queue = [root];
  while (queue.length) {
    const d = queue.pop()!;
    let subdirs = 0;
    for (const child of d.entries!.values()) {
      if (child.type === "directory") subdirs++;
      if (seen.has(child)) continue;
      seen.add(child);
      if (child.type === "directory") queue.push(child);
    }
    if (d.nlink !== 2 + subdirs) throw new SnapshotError("directory link count does not match");
  }
  if (seen.size !== byIno.size) throw new SnapshotError("unreachable inodes");
  for (const [n, count] of links) {
    if (n.type !== "directory" && n.nlink !== count) throw new SnapshotError("file link count does not match");
  }
}

class Writer {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
  u8(v: number): void {
    this.room(1);
    this.view.setUint8(this.pos++, v);
  }
  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
  }
  f64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  str(s: string): void {
    const b = encodeUtf8(s);
    this.u32(b.length);
    this.bytes(b);
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

class Reader {
  private view: DataView;
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private need(n: number): number {
    if (this.pos + n > this.buf.length) throw new SnapshotError("truncated");
    const at = this.pos;
    this.pos += n;
    return at;
  }
  u8(): number {
    return this.view.getUint8(this.need(1));
  }
  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  f64(): number {
    const v = this.view.getFloat64(this.need(8), true);
    if (!Number.isFinite(v)) throw new SnapshotError("bad number");
    return v;
  }
  bytes(n: number): Uint8Array {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }
  str(): string {
    return decodeUtf8(this.bytes(this.u32()));
  }
  atEnd(): boolean {
    return this.pos === this.buf.length;
  }
}
