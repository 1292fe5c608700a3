import type { ByteReader, ByteWriter } from "../io/streams.js";

/** One open file descriptor: a reading end, a writing end, or both (<>). */
export interface FdEntry {
  reader?: ByteReader;
  writer?: ByteWriter;
  /** The path behind it, when it is a file (for /dev/fd/N and messages). */
  path?: string;
  /** A coprocess pipe end: `exec N>&-` closes it, so the other side sees end of file. */
  pipe?: boolean;
}

/**
 * The file descriptors a command runs with. Index = fd number. Copied on write:
 * a redirection makes a new table for the command it applies to.
 */
export type FdTable = Array<FdEntry | undefined>;

export function stdinOf(fds: FdTable): ByteReader | undefined {
  return fds[0]?.reader;
}

export function stdoutOf(fds: FdTable): ByteWriter | undefined {
  return fds[1]?.writer;
}

export function stderrOf(fds: FdTable): ByteWriter | undefined {
  return fds[2]?.writer;
}

/** The fd a path names, or -1 when it is no /dev/fd path. */
export function devFdNumber(path: string): number {
  switch (path) {
    case "/dev/stdin":
      return 0;
    case "/dev/stdout":
      return 1;
    case "/dev/stderr":
      return 2;
  }
  // Most paths name no device: skip the pattern for them.
  if (path.charCodeAt(1) !== 100 /* d */ && path.charCodeAt(1) !== 112 /* p */) return -1;
  const m = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(path);
  return m ? Number(m[1]) : -1;
}
