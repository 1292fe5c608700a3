/**
 * The one interface all file access goes through: the interpreter (redirections,
 * globbing, cd, test) and every command. Paths are absolute and normalised by the
 * caller (see path.ts); implementations may still receive `..` components through
 * symlinks and must resolve them. Every method may throw FsError.
 */

export type FileType = "file" | "directory" | "symlink" | "char" | "fifo" | "socket" | "block";

export interface FileStat {
  type: FileType;
  /** Permission bits and set-id/sticky bits only (e.g. 0o644), not the file-type bits. */
  mode: number;
  size: number;
  ino: number;
  nlink: number;
  uid: number;
  gid: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  birthtimeMs: number;
  /** For char devices: the device numbers shown by ls -l / stat. */
  rdev?: number;
}

export interface DirEntry {
  name: string;
  type: FileType;
}

export interface WriteOptions {
  /** Append instead of truncating. */
  append?: boolean;
  /** Mode for a newly created file (default 0o666 & ~umask, applied by the caller). */
  mode?: number;
  /** Fail with EEXIST if the file exists (noclobber, mktemp). */
  exclusive?: boolean;
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array, options?: WriteOptions): Promise<void>;
  /** Follows symlinks. */
  stat(path: string): Promise<FileStat>;
  /** Does not follow a final symlink. */
  lstat(path: string): Promise<FileStat>;
  exists(path: string): Promise<boolean>;
  readdir(path: string): Promise<DirEntry[]>;
  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): Promise<void>;
  /** Removes a file or symlink (ENOENT, EISDIR as unlink(2)). */
  unlink(path: string): Promise<void>;
  /** Removes an empty directory (ENOTEMPTY, ENOTDIR as rmdir(2)). */
  rmdir(path: string): Promise<void>;
  /** Removes a tree (rm -rf semantics when force). */
  rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
  link(existing: string, path: string): Promise<void>;
  readlink(path: string): Promise<string>;
  /** Resolves every symlink; ENOENT if a component is missing. */
  realpath(path: string): Promise<string>;
  chmod(path: string, mode: number): Promise<void>;
  /** Changes owner and group (chown(2): only root gives files away). Optional: MemFs and MountFs have it. */
  chown?(path: string, uid: number, gid: number): Promise<void>;
  /** Times in milliseconds since the epoch. */
  utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void>;
  truncate(path: string, length: number): Promise<void>;
}

/** errno codes we use, with the text the GNU tools print for each. */
export const ERRNO_TEXT = {
  ENOENT: "No such file or directory",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  ENOTEMPTY: "Directory not empty",
  EEXIST: "File exists",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  ELOOP: "Too many levels of symbolic links",
  ENOSPC: "No space left on device",
  EROFS: "Read-only file system",
  EXDEV: "Invalid cross-device link",
  EINVAL: "Invalid argument",
  EBADF: "Bad file descriptor",
  ENAMETOOLONG: "File name too long",
  EBUSY: "Device or resource busy",
  EDQUOT: "Disk quota exceeded",
  EMFILE: "Too many open files",
  ENOTSUP: "Operation not supported",
  ESPIPE: "Illegal seek",
  EIO: "Input/output error",
} as const;

export type Errno = keyof typeof ERRNO_TEXT;

/** A failed file operation. `message` is the errno text GNU tools print after the path. */
export class FsError extends Error {
  declare readonly code: Errno;
  declare readonly path: string;
  declare readonly syscall: string;

  // Fields assigned, not class fields (see InodeTree in tree.ts).
  constructor(code: Errno, path: string, syscall = "") {
    // No stack trace: these are errno results that commands report (test -e, ls, cp all
    // meet ENOENT routinely), and capturing the async stack cost more than the lookup.
    const host = Error as { stackTraceLimit?: number };
    const limit = host.stackTraceLimit;
    if (limit !== undefined) host.stackTraceLimit = 0;
    super(ERRNO_TEXT[code]);
    if (limit !== undefined) host.stackTraceLimit = limit;
    this.code = code;
    this.path = path;
    this.syscall = syscall;
    this.name = "FsError";
  }

  /**
   * Recognised by shape, not by class identity: `sandbash/node`'s CommonJS build
   * (and an embedder's own FileSystem) may bring a copy of this class.
   */
  static override [Symbol.hasInstance](v: unknown): boolean {
    return v instanceof Error && v.name === "FsError" && typeof (v as { code?: unknown }).code === "string";
  }
}

/** True when e is an FsError (optionally with the given code). */
export function isFsError(e: unknown, code?: Errno): e is FsError {
  return e instanceof FsError && (code === undefined || e.code === code);
}
