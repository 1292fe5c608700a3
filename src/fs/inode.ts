import type { FileStat, FileType } from "./types.js";

/**
 * The inode tree behind MemFs. One object shape for every file type keeps V8's
 * property access monomorphic on the hot path (stat, lookup, read).
 */

/** Content supplied later: called on first read (seedFiles), never if overwritten first. */
export type ContentLoader = () => string | Uint8Array | Promise<string | Uint8Array>;

export interface Inode {
  ino: number;
  type: FileType;
  /** Permission, set-id and sticky bits (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  birthtimeMs: number;
  /**
   * File content lives in data[0, size); data.length is the capacity, so appends are
   * amortised O(appended bytes). Invariant that lets readFile hand out views without
   * copying: bytes at index >= size are in no view ever handed out, and a shrink moves
   * the content to a fresh buffer, so writing past `size` in place is always safe.
   */
  data: Uint8Array;
  size: number;
  /**
   * Seeded ASCII text not yet turned into bytes (size already counts it): most
   * seeded files are never read, so they never pay for a Uint8Array. Always
   * go through contentOf / the helpers below, which convert on first use.
   */
  text: string | null;
  /** Pending lazy content (regular files only). */
  lazy: ContentLoader | null;
  /** Children by name (directories only). */
  entries: Map<string, Inode> | null;
  /** The directory holding this directory (directories only: they have one link). */
  parent: Inode | null;
  /** This directory's name in its parent (directories only). */
  name: string;
  /** Symlink target. */
  target: string;
  /** Device number for char/block devices: (major << 8) | minor. */
  rdev: number;
}

export const EMPTY = new Uint8Array(0);

/** A fresh inode with every field set (same shape for all types). */
export function newInode(
  ino: number,
  type: FileType,
  mode: number,
  uid: number,
  gid: number,
  now: number,
): Inode {
  return {
    ino,
    type,
    mode: mode & 0o7777,
    uid,
    gid,
    nlink: type === "directory" ? 2 : 1,
    atimeMs: now,
    mtimeMs: now,
    ctimeMs: now,
    birthtimeMs: now,
    data: EMPTY,
    size: 0,
    text: null,
    lazy: null,
    entries: type === "directory" ? new Map() : null,
    parent: null,
    name: "",
    target: "",
    rdev: 0,
  };
}

/**
 * A directory's size as tmpfs reports it (the sandbox's /home/user and /tmp are
 * tmpfs on the machine we compare with): 40 for "." and "..", plus 20 per entry.
 */
function dirSize(n: Inode): number {
  return 40 + 20 * (n.entries?.size ?? 0);
}

/** The FileStat of an inode (a fresh object: callers may keep it). */
export function statOf(n: Inode): FileStat {
  const st: FileStat = {
    type: n.type,
    mode: n.mode,
    size: n.type === "directory" ? dirSize(n) : n.type === "symlink" ? byteLength(n.target) : n.size,
    ino: n.ino,
    nlink: n.nlink,
    uid: n.uid,
    gid: n.gid,
    atimeMs: n.atimeMs,
    mtimeMs: n.mtimeMs,
    ctimeMs: n.ctimeMs,
    birthtimeMs: n.birthtimeMs,
  };
  if (n.type === "char" || n.type === "block") st.rdev = n.rdev;
  return st;
}

/** UTF-8 length of a string without allocating for ASCII. */
function byteLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    // Recount with the encoder once anything non-ASCII shows up.
    n = new TextEncoder().encode(s).length;
    break;
  }
  return n;
}

/** The file's bytes, data[0, size) (a view: callers must not modify it). */
export function contentOf(n: Inode): Uint8Array {
  if (n.text !== null) {
    const t = n.text;
    const out = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i++) out[i] = t.charCodeAt(i);
    n.data = out;
    n.text = null;
  }
  return n.data.subarray(0, n.size);
}

/** Replaces a file's content with a private copy of `bytes` (or bytes itself when `owned`). */
export function setContent(n: Inode, bytes: Uint8Array, owned = false): void {
  // new Uint8Array(x) copies; x.slice() would share memory when x is a Node buffer view (pooled memory).
  n.data = bytes.length === 0 ? EMPTY : owned ? bytes : new Uint8Array(bytes);
  n.size = bytes.length;
  n.text = null;
  n.lazy = null;
}

/** Sets ASCII text as content, kept as a string until first used. */
export function setAsciiContent(n: Inode, text: string): void {
  n.data = EMPTY;
  n.size = text.length;
  n.text = text.length === 0 ? null : text;
  n.lazy = null;
}

/** Drops the content (last link gone). */
export function clearContent(n: Inode): void {
  n.data = EMPTY;
  n.size = 0;
  n.text = null;
  n.lazy = null;
}

/** Appends in place, growing capacity geometrically (never past `maxCapacity`). */
export function appendContent(n: Inode, bytes: Uint8Array, maxCapacity: number): void {
  if (n.text !== null) contentOf(n);
  const need = n.size + bytes.length;
  if (need > n.data.length) {
    let cap = Math.max(need, n.data.length * 2, 64);
    if (cap > maxCapacity) cap = Math.max(need, maxCapacity);
    const grown = new Uint8Array(cap);
    grown.set(n.data.subarray(0, n.size));
    n.data = grown;
  }
  n.data.set(bytes, n.size);
  n.size = need;
}

/** Sets the length: a shrink moves to a fresh buffer (see the invariant on Inode.data). */
export function resizeContent(n: Inode, length: number): void {
  if (n.text !== null) contentOf(n);
  if (length < n.size) {
    n.data = length === 0 ? EMPTY : n.data.slice(0, length);
  } else if (length > n.data.length) {
    const grown = new Uint8Array(length);
    grown.set(n.data.subarray(0, n.size));
    n.data = grown;
  } else {
    n.data.fill(0, n.size, length);
  }
  n.size = length;
}
