import type { SandboxInfo } from "../../builtins/types.js";
import type { Budget } from "../limits/budget.js";
import { FsError, type DirEntry, type FileStat, type FileSystem, type WriteOptions } from "../fs/types.js";
import { concatBytes, type ByteReader } from "../io/streams.js";
import { devFdNumber, type FdEntry, type FdTable } from "./io.js";

/**
 * /dev/fd/N, /dev/stdin, /dev/stdout and /dev/stderr as Linux has them: each names an open fd of
 * the process that opens it. An fd on a file reopens that file (from the start; for writing,
 * truncated); an fd on a pipe or stream is that pipe. A closed fd is "No such file or directory".
 * In Linux these are symlinks (/dev/fd/63 -> pipe:[N]); lstat and readlink show that.
 */

/** Where /dev/stdin etc. point in Linux (readlink). */
function devLinkTarget(path: string): string | null {
  const n = devFdNumber(path);
  if (n >= 0 && !path.startsWith("/dev/fd/") && !path.startsWith("/proc/")) return `/proc/self/fd/${n}`;
  return path === "/dev/fd" ? "/proc/self/fd" : null;
}

/** /dev/fd itself (a symlink to /proc/self/fd in Linux), listing the fds. */
function isFdDir(path: string): boolean {
  return path === "/dev/fd" || path === "/dev/fd/" || path === "/proc/self/fd";
}

/** A file the entry reopens: a path that is not itself a /dev/fd name. */
function reopenPath(entry: FdEntry): string | undefined {
  return entry.path !== undefined && devFdNumber(entry.path) < 0 ? entry.path : undefined;
}

const pipeIds = new WeakMap<object, number>();
let nextPipeId = 40000;

/** A stable number per pipe, for `pipe:[N]` and the fifo's inode. */
function pipeId(entry: FdEntry): number {
  const key = (entry.reader ?? entry.writer) as object;
  let id = pipeIds.get(key);
  if (id === undefined) pipeIds.set(key, (id = nextPipeId++));
  return id;
}

function notFound(path: string): FsError {
  return new FsError("ENOENT", path);
}

/** Reads a pipe to its end, capped like one string. */
async function drain(reader: ByteReader, budget: Budget): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let c = await reader.read(); c; c = await reader.read()) {
    parts.push(c);
    total += c.length;
    budget.checkString(total);
  }
  return concatBytes(parts, total);
}

/** The FileSystem a command sees: the machine's, with /dev/fd/N naming the command's own fds. */
export class DevFdFs implements FileSystem {
  declare readonly base: FileSystem;
  declare readonly fds: FdTable;
  declare private readonly sandbox: SandboxInfo;
  declare private readonly budget: Budget;
  declare chown?: (path: string, uid: number, gid: number) => Promise<void>;

  // Assigned, not class fields: a field makes V8 compile the class body again at the first instance.
  constructor(base: FileSystem, fds: FdTable, sandbox: SandboxInfo, budget: Budget) {
    this.base = base;
    this.fds = fds;
    this.sandbox = sandbox;
    this.budget = budget;
    // Optional abilities of the machine's FileSystem stay optional here (chown, df's usage).
    if (base.chown) this.chown = (path, uid, gid) => base.chown!(path, uid, gid);
    const usage = (base as { usage?: () => unknown }).usage;
    if (usage) (this as { usage?: () => unknown }).usage = () => usage.call(base);
  }

  /** The open fd a path names: undefined when no /dev/fd path, null when that fd is closed. */
  entry(path: string): FdEntry | null | undefined {
    const n = devFdNumber(path);
    if (n < 0) return undefined;
    return this.fds[n] ?? null;
  }

  /** A pipe or stream behind a /dev/fd path, to read as it streams (undefined: open it as a file). */
  streamReader(path: string): ByteReader | undefined {
    const e = this.entry(path);
    if (!e || reopenPath(e) !== undefined || !e.reader) return undefined;
    return e.reader;
  }

  private open(path: string): FdEntry {
    const e = this.entry(path);
    if (!e) throw notFound(path);
    return e;
  }

  async readFile(path: string): Promise<Uint8Array> {
    if (devFdNumber(path) < 0) return this.base.readFile(path);
    const e = this.open(path);
    const file = reopenPath(e);
    if (file !== undefined) return this.base.readFile(file);
    if (!e.reader) throw new FsError("EBADF", path, "read");
    return drain(e.reader, this.budget);
  }

  async writeFile(path: string, data: Uint8Array, options?: WriteOptions): Promise<void> {
    if (devFdNumber(path) < 0) return this.base.writeFile(path, data, options);
    const e = this.open(path);
    const file = reopenPath(e);
    if (file !== undefined) return this.base.writeFile(file, data, options);
    if (!e.writer) throw new FsError("EBADF", path, "write");
    if (data.length) await e.writer.write(data);
  }

  async stat(path: string): Promise<FileStat> {
    if (isFdDir(path)) return this.synthetic("directory", 0o500, 0, 0);
    if (devFdNumber(path) < 0) return this.base.stat(path);
    const e = this.open(path);
    const file = reopenPath(e);
    if (file !== undefined) return this.base.stat(file);
    return this.synthetic("fifo", 0o600, 0, pipeId(e));
  }

  async lstat(path: string): Promise<FileStat> {
    const link = devLinkTarget(path);
    if (link !== null) return this.synthetic("symlink", 0o777, link.length, 0);
    if (devFdNumber(path) < 0) return this.base.lstat(path);
    const e = this.open(path);
    const mode = (e.reader ? 0o500 : 0) | (e.writer ? 0o300 : 0);
    return this.synthetic("symlink", mode, 64, 0);
  }

  private synthetic(type: FileStat["type"], mode: number, size: number, ino: number): FileStat {
    const t = this.sandbox.now();
    const { uid, gid } = this.sandbox;
    return { type, mode, size, ino, nlink: 1, uid, gid, atimeMs: t, mtimeMs: t, ctimeMs: t, birthtimeMs: t };
  }

  async exists(path: string): Promise<boolean> {
    if (isFdDir(path)) return true;
    if (devFdNumber(path) < 0) return this.base.exists(path);
    const e = this.entry(path);
    if (!e) return false;
    const file = reopenPath(e);
    return file === undefined || this.base.exists(file);
  }

  async readlink(path: string): Promise<string> {
    const link = devLinkTarget(path);
    if (link !== null) return link;
    if (devFdNumber(path) < 0) return this.base.readlink(path);
    const e = this.open(path);
    return reopenPath(e) ?? `pipe:[${pipeId(e)}]`;
  }

  async realpath(path: string): Promise<string> {
    if (devFdNumber(path) < 0) return this.base.realpath(path);
    const file = reopenPath(this.open(path));
    if (file === undefined) throw notFound(path);
    return this.base.realpath(file);
  }

  async readdir(path: string): Promise<DirEntry[]> {
    if (!isFdDir(path)) return this.base.readdir(path);
    // The open fds, and the one the lister holds on the directory itself (the lowest free), as in Linux.
    const names: DirEntry[] = [];
    let free = -1;
    for (let n = 0; n < this.fds.length || free < 0; n++) {
      if (this.fds[n]) names.push({ name: String(n), type: "symlink" });
      else if (free < 0) {
        free = n;
        names.push({ name: String(n), type: "symlink" });
      }
    }
    return names;
  }
  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): Promise<void> {
    return this.base.mkdir(path, options);
  }
  unlink(path: string): Promise<void> {
    return this.base.unlink(path);
  }
  rmdir(path: string): Promise<void> {
    return this.base.rmdir(path);
  }
  rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
    return this.base.rm(path, options);
  }
  rename(from: string, to: string): Promise<void> {
    return this.base.rename(from, to);
  }
  symlink(target: string, path: string): Promise<void> {
    return this.base.symlink(target, path);
  }
  link(existing: string, path: string): Promise<void> {
    return this.base.link(existing, path);
  }
  chmod(path: string, mode: number): Promise<void> {
    return this.base.chmod(path, mode);
  }
  utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void> {
    return this.base.utimes(path, atimeMs, mtimeMs);
  }
  truncate(path: string, length: number): Promise<void> {
    if (devFdNumber(path) >= 0 && this.entry(path) && reopenPath(this.entry(path)!) === undefined) return Promise.resolve();
    return this.base.truncate(path, length);
  }
}

/** The pipe or stream a /dev/fd path names in a command's FileSystem, to read as it streams. */
export function devFdStream(fs: FileSystem, path: string): ByteReader | undefined {
  return fs instanceof DevFdFs ? fs.streamReader(path) : undefined;
}
