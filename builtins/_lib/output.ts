import type { ByteWriter } from "../../src/io/streams.js";
import { encodeUtf8 } from "../../src/io/utf8.js";

const DEFAULT_SIZE = 64 * 1024;
const FIRST_SIZE = 256;

/**
 * Gathers many small writes (one per line, per number) into ~64 KiB chunks, as
 * stdio does for GNU tools, so a line-oriented command does not push one tiny
 * chunk per line through a pipe. `write` returns a promise only when a chunk
 * went out and the writer asked to wait; BrokenPipe from the writer propagates.
 * Flush before writing to stderr so a 2>&1 merge keeps GNU's order.
 */
export class OutputBuffer {
  /** Starts small and doubles up to `size`: most runs write a few bytes, and a 64 KiB
   * buffer per command run cost more to allocate (and collect) than the command. */
  private buf = new Uint8Array(FIRST_SIZE);
  private len = 0;

  constructor(
    private readonly out: ByteWriter,
    /** Chunks go out when this many bytes are queued. */
    private readonly size = DEFAULT_SIZE,
  ) {}

  /** Queues bytes (strings are UTF-8 encoded, escaped bytes restored). */
  write(data: Uint8Array | string): void | Promise<void> {
    const bytes = typeof data === "string" ? encodeUtf8(data) : data;
    if (this.len + bytes.length <= this.size) {
      this.room(bytes.length);
      this.buf.set(bytes, this.len);
      this.len += bytes.length;
      if (this.len === this.size) return this.flush();
      return;
    }
    const pending = this.flush();
    if (pending) return pending.then(() => this.write(bytes));
    if (bytes.length >= this.size) return this.out.write(bytes.slice());
    this.room(bytes.length);
    this.buf.set(bytes);
    this.len = bytes.length;
  }

  /** Queues one byte. */
  byte(b: number): void | Promise<void> {
    if (this.len === this.buf.length) this.room(1);
    this.buf[this.len++] = b;
    if (this.len === this.size) return this.flush();
  }

  /** Sends what is queued. */
  flush(): void | Promise<void> {
    if (this.len === 0) return;
    const chunk = this.buf.slice(0, this.len);
    this.len = 0;
    return this.out.write(chunk);
  }

  /** Grows the buffer (never past `size`) to take n more bytes. */
  private room(n: number): void {
    const need = this.len + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const grown = new Uint8Array(Math.min(cap, this.size));
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }
}

/**
 * A growable byte array filled synchronously: a command builds the output of
 * one input chunk here and hands it over with a single (awaited) write, which
 * keeps per-byte and per-line loops free of promises.
 */
export class ByteBuilder {
  buf: Uint8Array;
  length = 0;

  /** `capacity`: the size callers fill it to before taking; the buffer starts small and grows (see OutputBuffer). */
  constructor(capacity = 1024) {
    this.buf = new Uint8Array(Math.min(capacity, FIRST_SIZE));
  }

  /** Makes room for n more bytes. */
  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
  }

  byte(b: number): void {
    if (this.length === this.buf.length) this.reserve(1);
    this.buf[this.length++] = b;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** Appends a string of code units below 256 (ASCII text, numbers, padding) byte for byte. */
  latin1(s: string): void {
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.length++] = s.charCodeAt(i);
  }

  /** Appends n copies of byte b. */
  repeat(b: number, n: number): void {
    this.reserve(n);
    this.buf.fill(b, this.length, this.length + n);
    this.length += n;
  }

  /** The bytes so far (a copy), leaving the builder empty. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.length);
    this.length = 0;
    return out;
  }
}
