import type { HeredocError, Redirect } from "../parser/ast.js";
import { bytesReader, emptyReader, nullWriter, toBytes, type ByteReader, type ByteWriter } from "../io/streams.js";
import { encodeUtf8 } from "../io/utf8.js";
import { resolvePath } from "../fs/path.js";
import { FsError, isFsError } from "../fs/types.js";
import { ShellError } from "./errors.js";
import { substSyntaxError } from "./report.js";
import { expandRedirectTarget, expandString } from "./expand.js";
import { devFdNumber, type FdEntry, type FdTable } from "./io.js";
import type { Shell } from "./shell.js";
import { fdEntry } from "./procsubst.js";
import { getRef, setRef } from "./refs.js";

/** The fd table a command runs with after its redirections. */
export interface AppliedRedirects {
  fds: FdTable;
}

/** Applies redirections left to right onto a copy of `io` (or onto `io` itself for `exec`). */
export async function applyRedirects(sh: Shell, redirects: Redirect[], io: FdTable, inPlace = false): Promise<AppliedRedirects> {
  const fds = inPlace ? io : io.slice();
  for (const r of redirects) await applyOne(sh, r, fds, inPlace);
  return { fds };
}

/** Nothing is buffered: writers append as they go. Kept for symmetry and future fds. */
export async function closeRedirects(_applied: AppliedRedirects): Promise<void> {}

function defaultFd(op: Redirect["op"]): number {
  switch (op) {
    case "<":
    case "<<":
    case "<<-":
    case "<<<":
    case "<>":
    case "<&":
      return 0;
    default:
      return 1;
  }
}

/** bash parses a here-document body when it expands it: a `$( )` that does not parse fails the command then. */
function heredocFailure(sh: Shell, error: HeredocError): never {
  throw new ShellError(error.message, 1, false, substSyntaxError(sh, sh.line + error.lineOffset, error.message, error.sourceLine));
}

async function expandHereDoc(sh: Shell, r: Redirect, fds: FdTable): Promise<string> {
  sh.hereDocDepth++;
  try {
    return await expandString(sh, r.heredoc!.body, fds, true);
  } finally {
    sh.hereDocDepth--;
  }
}

async function applyOne(sh: Shell, r: Redirect, fds: FdTable, inPlace: boolean): Promise<void> {
  let fd = r.fd ?? defaultFd(r.op);
  if (r.fdVar && (r.op === ">&" || r.op === "<&") && r.target.parts.length === 1 && r.target.parts[0].type === "Literal" && r.target.parts[0].value === "-") {
    // {var}>&- closes the fd whose number $var holds.
    fd = Number(getRef(sh, r.fdVar));
    if (!Number.isInteger(fd) || fd < 0) throw new ShellError(`${getRef(sh, r.fdVar) ?? ""}: Bad file descriptor`);
    if (inPlace) closePipeEnd(fds, fd);
    fds[fd] = undefined;
    return;
  }
  if (r.fdVar) {
    fd = 10;
    while (fds[fd] !== undefined) fd++;
  }
  if (r.heredoc) {
    if (r.heredoc.error) heredocFailure(sh, r.heredoc.error);
    const text = r.heredoc.quoted ? literalBody(r) : await expandHereDoc(sh, r, fds);
    sh.services.budget.checkString(text.length); // here-doc size is capped like any string
    fds[fd] = { reader: bytesReader(encodeUtf8(text)) };
    return;
  }
  if (r.op === "<<<") {
    const text = await expandString(sh, r.target, fds);
    sh.services.budget.checkString(text.length + 1);
    fds[fd] = { reader: bytesReader(encodeUtf8(text + "\n")) };
    return;
  }
  const target = await expandRedirectTarget(sh, r.target, fds);
  if (r.fdVar) setRef(sh, r.fdVar, String(fd));
  if (r.op === ">&" || r.op === "<&") {
    if (target === "-") {
      if (inPlace) closePipeEnd(fds, fd);
      fds[fd] = undefined;
      return;
    }
    const m = /^(\d+)(-?)$/.exec(target);
    if (m) {
      const src = Number(m[1]);
      const entry = fds[src];
      if (!entry) throw new ShellError(`${src}: Bad file descriptor`);
      // dup2 of a write-only fd onto an input works; reading it then fails with EBADF.
      fds[fd] = r.op === "<&" && !entry.reader ? { ...entry, reader: badFdReader } : entry;
      if (m[2]) fds[src] = undefined;
      return;
    }
    if (r.op === ">&" && r.fd === null) {
      const w = await openWrite(sh, target, false, fds);
      fds[1] = w;
      fds[2] = w;
      return;
    }
    throw new ShellError(`${target}: ambiguous redirect`);
  }
  if (target === "") throw new ShellError(`: No such file or directory`);
  switch (r.op) {
    case "<":
      fds[fd] = await openRead(sh, target, fds);
      return;
    case ">":
    case ">|":
      fds[fd] = await openWrite(sh, target, false, fds, r.op === ">" && sh.options.has("noclobber"));
      return;
    case ">>":
      fds[fd] = await openWrite(sh, target, true, fds);
      return;
    case "&>":
    case "&>>": {
      const w = await openWrite(sh, target, r.op === "&>>", fds, r.op === "&>" && sh.options.has("noclobber"));
      fds[1] = w;
      fds[2] = w;
      return;
    }
    case "<>": {
      const read = await openReadOrCreate(sh, target, fds);
      const write = await openWrite(sh, target, true, fds);
      fds[fd] = { reader: read.reader, writer: write.writer, path: write.path };
      return;
    }
  }
}

/**
 * `exec N>&-` on the shell's last fd for a pipe end (a coprocess's, a process substitution's)
 * closes it: the reader sees end of input, the writer a broken pipe.
 */
function closePipeEnd(fds: FdTable, fd: number): void {
  const e = fds[fd];
  if (!e?.pipe) return;
  const shared = fds.some((o, i) => i !== fd && o !== undefined && ((e.reader && o.reader === e.reader) || (e.writer && o.writer === e.writer)));
  if (shared) return;
  e.writer?.close();
  e.reader?.close();
}

function literalBody(r: Redirect): string {
  const p = r.heredoc!.body.parts;
  return p.length ? (p[0] as { value: string }).value : "";
}

function fsMessage(target: string, e: unknown): ShellError {
  if (isFsError(e)) return new ShellError(`${target}: ${e.message}`);
  throw e;
}

/** An endless device (/dev/zero, /dev/urandom): 64 KiB chunks for as long as someone reads. */
function endlessReader(byte: () => number): ByteReader {
  let closed = false;
  return {
    async read() {
      if (closed) return null;
      const b = new Uint8Array(65536);
      for (let i = 0; i < b.length; i++) b[i] = byte();
      return b;
    },
    close() {
      closed = true;
    },
  };
}

/**
 * Special device paths shared by reads and writes. /dev/fd/N (and /dev/stdin...) name an open fd
 * as in Linux: a pipe or stream is that fd; a file is opened again by its path (undefined here);
 * a closed fd is missing.
 */
function deviceEntry(sh: Shell, path: string, fds: FdTable, forWrite: boolean): FdEntry | undefined {
  switch (path) {
    case "/dev/null":
      return forWrite ? { writer: nullWriter, path } : { reader: emptyReader, path };
    case "/dev/zero":
      return forWrite ? { writer: nullWriter, path } : { reader: endlessReader(() => 0), path };
  }
  const n = devFdNumber(path);
  if (n < 0) return undefined;
  const entry = fdEntry(sh, fds, n);
  if (!entry) throw new FsError("ENOENT", path);
  if (entry.path !== undefined && devFdNumber(entry.path) < 0 && entry.path !== path) return undefined;
  return entry;
}

/** The path a redirection opens: a /dev/fd/N on a file opens that file. */
function reopened(sh: Shell, path: string, fds: FdTable): string {
  const n = devFdNumber(path);
  return n < 0 ? path : (fdEntry(sh, fds, n)?.path ?? path);
}

async function openRead(sh: Shell, target: string, fds: FdTable): Promise<FdEntry> {
  const path = resolvePath(sh.cwd, target);
  let dev;
  try {
    dev = deviceEntry(sh, path, fds, false);
  } catch (e) {
    throw fsMessage(target, e);
  }
  if (dev) return dev;
  const file = reopened(sh, path, fds);
  if (file !== path) return openRead(sh, file, fds);
  if (path === "/dev/tty") throw new ShellError(`/dev/tty: No such device or address`);
  if (path === "/dev/urandom" || path === "/dev/random") {
    const rnd = sh.services.sandbox.random;
    return { reader: endlessReader(() => (rnd() * 256) | 0), path };
  }
  try {
    const st = await sh.fs.stat(path);
    if (st.type === "directory") return { reader: errorReader(), path };
    // The file is read lazily, but bash's open(2) fails here, before the command runs.
    const { uid, gid } = sh.services.sandbox;
    const bits = uid === 0 ? 4 : uid === st.uid ? st.mode >> 6 : gid === st.gid ? st.mode >> 3 : st.mode;
    if (!(bits & 4)) throw new ShellError(`${target}: Permission denied`);
    return { reader: lazyFileReader(sh, path, st.size), path };
  } catch (e) {
    throw fsMessage(target, e);
  }
}

async function openReadOrCreate(sh: Shell, target: string, fds: FdTable): Promise<FdEntry> {
  const path = resolvePath(sh.cwd, target);
  if (!(await sh.fs.exists(path))) {
    try {
      await sh.fs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~sh.umask });
    } catch (e) {
      throw fsMessage(target, e);
    }
  }
  return openRead(sh, target, fds);
}

/** The reading side of an fd opened only for writing. */
const badFdReader: ByteReader = {
  async read() {
    throw new FsError("EBADF", "-", "read");
  },
  close() {},
};

/** Reading a directory fails when the command reads (bash opens it fine). */
function errorReader(): ByteReader {
  return emptyReader;
}

/** Reads the file when first read, so `cat < f` costs one read and nothing if unused. */
function lazyFileReader(sh: Shell, path: string, fileSize: number): ByteReader {
  let inner: ByteReader | null = null;
  return {
    fileSize,
    filePath: path,
    async read() {
      if (!inner) inner = bytesReader(await sh.fs.readFile(path));
      return inner.read();
    },
    unread(chunk: Uint8Array) {
      if (!inner) inner = bytesReader(new Uint8Array(0));
      inner.unread!(chunk);
    },
    close() {
      inner?.close();
    },
  };
}

async function openWrite(sh: Shell, target: string, append: boolean, fds: FdTable, noclobber = false): Promise<FdEntry> {
  const path = resolvePath(sh.cwd, target);
  let dev;
  try {
    dev = deviceEntry(sh, path, fds, true);
  } catch (e) {
    throw fsMessage(target, e);
  }
  if (dev) return dev;
  const file = reopened(sh, path, fds);
  if (file !== path) return openWrite(sh, file, append, fds, noclobber);
  if (path === "/dev/tty") throw new ShellError(`/dev/tty: No such device or address`);
  try {
    if (noclobber) {
      const exists = await sh.fs.exists(path);
      if (exists && (await sh.fs.stat(path)).type === "file") throw new ShellError(`${target}: cannot overwrite existing file`);
    }
    if (!append || !(await sh.fs.exists(path))) {
      await sh.fs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~sh.umask });
    } else {
      const st = await sh.fs.stat(path);
      if (st.type === "directory") throw new ShellError(`${target}: Is a directory`);
    }
  } catch (e) {
    if (e instanceof ShellError) throw e;
    throw fsMessage(target, e);
  }
  return { writer: fileWriter(sh, path), path };
}

/** Appends each chunk to the file as it is written. */
function fileWriter(sh: Shell, path: string): ByteWriter {
  return {
    filePath: path,
    write(chunk) {
      const b = toBytes(chunk);
      if (b.length === 0) return;
      return sh.fs.writeFile(path, b, { append: true });
    },
    close() {},
  };
}
