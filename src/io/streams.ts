/**
 * Byte streams between commands. Pipes are bounded: a writer awaits once the
 * buffer passes the high-water mark, and gets BrokenPipe once the reader is gone,
 * so `yes | head -1` ends at once without any artificial cap.
 */

/** Thrown by a write whose reader has closed (bash shows status 141, SIGPIPE). */
export class BrokenPipe extends Error {
  constructor() {
    super("Broken pipe");
    this.name = "BrokenPipe";
  }
}

/** The reading end of a stream. `read()` resolves null at end of input. */
export interface ByteReader {
  read(): Promise<Uint8Array | null>;
  /** Puts bytes back to be read next (the shell's read builtin takes only one line). */
  unread?(chunk: Uint8Array): void;
  /** The reader is done; pending and later writes fail with BrokenPipe. */
  close(): void;
  /**
   * Set when this is a regular file read from its start (`cmd < file`): its size, as fstat
   * would give it. GNU tools treat such a stdin apart from a pipe: head seeks back past
   * what it read, wc sizes its columns by it.
   */
  readonly fileSize?: number;
  /** The regular file read (`cmd < file`), so cat can refuse to copy a file onto itself. */
  readonly filePath?: string;
}

/** The writing end of a stream. `write` returns a promise only when the caller must wait. */
export interface ByteWriter {
  write(chunk: Uint8Array | string): void | Promise<void>;
  close(): void;
  /** The regular file written (`cmd > file`), so cat can refuse to copy a file onto itself. */
  readonly filePath?: string;
}

const HIGH_WATER = 64 * 1024;

import { encodeUtf8 } from "./utf8.js";

/** Converts a chunk to bytes; strings are encoded with surrogate-escaped bytes restored. */
export function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === "string" ? encodeUtf8(chunk) : chunk;
}

/** Lets a long-running stream give the host's event loop a turn (see Budget.pollYield). */
export interface YieldPolicy {
  pollYield(): boolean;
  yield(): Promise<void>;
}

/** A bounded in-memory pipe. */
export function createPipe(highWater = HIGH_WATER, yielder?: YieldPolicy): { reader: ByteReader; writer: ByteWriter } {
  const chunks: Uint8Array[] = [];
  let buffered = 0;
  let writerClosed = false;
  let readerClosed = false;
  let wakeReader: (() => void) | null = null;
  let drainWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

  const wake = () => {
    const w = wakeReader;
    wakeReader = null;
    if (w) w();
  };
  const releaseWriters = (err?: Error) => {
    const ws = drainWaiters;
    drainWaiters = [];
    for (const w of ws) (err ? w.reject(err) : w.resolve());
  };

  const reader: ByteReader = {
    async read() {
      for (;;) {
        if (chunks.length > 0) {
          const c = chunks.shift()!;
          buffered -= c.length;
          if (buffered <= highWater && drainWaiters.length) releaseWriters();
          return c;
        }
        if (writerClosed || readerClosed) return null;
        await new Promise<void>((r) => (wakeReader = r));
      }
    },
    unread(chunk: Uint8Array) {
      if (chunk.length === 0) return;
      chunks.unshift(chunk);
      buffered += chunk.length;
    },
    close() {
      if (readerClosed) return;
      readerClosed = true;
      chunks.length = 0;
      buffered = 0;
      // An Error captures a stack trace: make one only for a writer that waits.
      if (drainWaiters.length) releaseWriters(new BrokenPipe());
    },
  };

  const writer: ByteWriter = {
    write(chunk) {
      if (readerClosed) throw new BrokenPipe();
      if (writerClosed) return;
      const bytes = toBytes(chunk);
      if (bytes.length === 0) return;
      chunks.push(bytes);
      buffered += bytes.length;
      wake();
      if (buffered > highWater) {
        const drained = new Promise<void>((resolve, reject) => drainWaiters.push({ resolve, reject }));
        // Producer and consumer can ping-pong on microtasks forever: give timers a turn now and then.
        if (yielder && yielder.pollYield()) return quietly(drained.then(() => yielder.yield()));
        return quietly(drained);
      }
      if (yielder && yielder.pollYield()) return quietly(yielder.yield());
    },
    close() {
      if (writerClosed) return;
      writerClosed = true;
      wake();
    },
  };
  return { reader, writer };
}

/** A reader over fixed bytes (here-strings, files read whole, test input). */
export function bytesReader(data: Uint8Array | string, chunkSize = HIGH_WATER): ByteReader {
  const bytes = toBytes(data);
  let pos = 0;
  let closed = false;
  const pushed: Uint8Array[] = [];
  return {
    async read() {
      if (pushed.length) return pushed.shift()!;
      if (closed || pos >= bytes.length) return null;
      const end = Math.min(bytes.length, pos + chunkSize);
      const c = bytes.subarray(pos, end);
      pos = end;
      return c;
    },
    unread(chunk: Uint8Array) {
      if (chunk.length) pushed.unshift(chunk);
    },
    close() {
      closed = true;
    },
  };
}

/** A reader at end of input (stdin of a background job, closed fd). */
export const emptyReader: ByteReader = {
  async read() {
    return null;
  },
  close() {},
};

/** A writer that discards everything (/dev/null). */
export const nullWriter: ByteWriter = { write() {}, close() {} };

/** Reads a stream to its end and concatenates the chunks. */
export async function readAll(reader: ByteReader, maxBytes = Infinity): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let c = await reader.read(); c; c = await reader.read()) {
    parts.push(c);
    total += c.length;
    if (total > maxBytes) throw new RangeError(`input larger than ${maxBytes} bytes`);
  }
  return concatBytes(parts, total);
}

/** Concatenates byte chunks. */
export function concatBytes(parts: Uint8Array[], total?: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const n = total ?? parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A writer that keeps everything written (command substitution, tests). */
export class CollectingWriter implements ByteWriter {
  declare chunks: Uint8Array[];
  declare length: number;
  // Assigned, not class fields: a field makes V8 compile the class body again at the first instance.
  constructor() {
    this.chunks = [];
    this.length = 0;
  }
  write(chunk: Uint8Array | string) {
    const b = toBytes(chunk);
    if (b.length === 0) return;
    this.chunks.push(b);
    this.length += b.length;
  }
  close() {}
  bytes(): Uint8Array {
    return concatBytes(this.chunks, this.length);
  }
}

/**
 * A write's promise, marked handled: many callers write stderr without awaiting,
 * and a limit tripping in the yield must not surface as an unhandled rejection
 * (an awaiting caller still sees it).
 */
export function quietly<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}
