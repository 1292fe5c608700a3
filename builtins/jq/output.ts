import type { JqOutputChunk, JqOutputSink } from "./types.js";

/**
 * jq's stdout and stderr as one ordered list of chunks, interleaved as the
 * native jq interleaves them when stdout is a pipe or a file: glibc buffers
 * stdout in 4 KiB blocks (st_blksize) and flushes only when a write overflows
 * the block, on fflush, and at exit; stderr is unbuffered. musl's stdout inside
 * the wasm is given a large buffer, and its bytes are moved here before every
 * stderr write, so the order does not depend on musl's own flush points.
 */

/** glibc's stdout buffer for a pipe or a regular file. */
const BLOCK = 4096;
/** Pending stdout past this is settled early (no stderr can come between, so the order is kept). */
const PENDING_LIMIT = 1 << 20;
/** The same when a sink streams the output: smaller pieces, sooner. */
const STREAM_PENDING_LIMIT = 64 * 1024;

/** Thrown from the write import to stop jq when the output cap is reached. */
export class OutputCapReached extends Error {}

/**
 * Bytes glibc still holds after `pending` bytes were written since its buffer
 * was last empty: all of them up to a full block; past that, a write that
 * overflows fills and flushes the block and writes whole blocks directly, so
 * what stays is the remainder past the first block.
 */
function heldBack(pending: number): number {
  return pending <= BLOCK ? pending : (pending - BLOCK) % BLOCK;
}

export class JqOutput {
  /** Runs of one descriptor, in order; each run's parts are joined by result(). */
  private readonly runs: Array<{ fd: 1 | 2; parts: Uint8Array[] }> = [];
  private bytes = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  private readonly pendingLimit: number;

  /** With a sink, output goes there as soon as glibc would have written it, instead of into result(). */
  constructor(
    private readonly maxBytes: number,
    private readonly sink?: JqOutputSink,
  ) {
    this.pendingLimit = sink ? STREAM_PENDING_LIMIT : PENDING_LIMIT;
  }

  /** Bytes leaving jq's stdout FILE (copied: the caller's view is wasm memory). */
  stdout(data: Uint8Array): void {
    if (data.length === 0) return;
    this.pending.push(data);
    this.pendingBytes += data.length;
    if (this.pendingBytes > this.pendingLimit) this.settle();
  }

  /** jq flushed stdout explicitly (fflush, fclose, exit, --unbuffered). */
  flush(): void {
    this.release(this.pendingBytes);
  }

  /** A stderr write: first whatever glibc would already have written of stdout. */
  stderr(data: Uint8Array): void {
    this.settle();
    this.push(2, data);
  }

  /** What jq wrote to stdout but glibc would still hold is lost (abort, kill). */
  dropPending(): void {
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** The chunks so far, one per run of a descriptor. */
  result(): JqOutputChunk[] {
    return this.runs.map((r) => ({ fd: r.fd, data: r.parts.length === 1 ? r.parts[0] : concat(r.parts) }));
  }

  private settle(): void {
    this.release(this.pendingBytes - heldBack(this.pendingBytes));
  }

  /** Moves the first n pending bytes to the output. */
  private release(n: number): void {
    if (n <= 0) return;
    const all = this.pending.length === 1 ? this.pending[0] : concat(this.pending);
    this.pending = n < all.length ? [all.subarray(n)] : [];
    this.pendingBytes = all.length - n;
    this.push(1, all.subarray(0, n));
  }

  private push(fd: 1 | 2, data: Uint8Array): void {
    const room = this.maxBytes - this.bytes;
    const fits = data.length <= room ? data : data.subarray(0, Math.max(0, room));
    if (fits.length > 0 && this.sink) {
      this.bytes += fits.length;
      this.sink({ fd, data: fits.slice() });
    } else if (fits.length > 0) {
      const last = this.runs[this.runs.length - 1];
      if (last && last.fd === fd) last.parts.push(fits);
      else this.runs.push({ fd, parts: [fits] });
      this.bytes += fits.length;
    }
    if (fits.length < data.length) throw new OutputCapReached();
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
