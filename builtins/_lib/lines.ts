import { concatBytes, type ByteReader } from "../../src/io/streams.js";
import { LimitExceeded } from "../../src/limits/budget.js";

/**
 * Longest line the readers assemble (the default maxStringLength): an endless
 * line (`cmd < /dev/zero`) ends with the string limit instead of filling the heap.
 */
const MAX_LINE = 32 * 1024 * 1024;

function checkLine(length: number): void {
  if (length > MAX_LINE) throw new LimitExceeded("string", MAX_LINE);
}

/**
 * The one line reader: splits a byte stream on a delimiter byte (newline, or NUL
 * for -z) without decoding, so callers decide between UTF-8 text and raw bytes.
 * Each line comes without its delimiter; `terminated` says whether it had one
 * (the last line of a file may not).
 */
export interface Line {
  bytes: Uint8Array;
  terminated: boolean;
}

export async function* readLines(reader: ByteReader, delimiter = 0x0a): AsyncGenerator<Line> {
  const splitter = new LineSplitter(delimiter);
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    const lines = splitter.split(chunk);
    for (let i = 0; i < lines.length; i++) yield lines[i];
  }
  const last = splitter.rest();
  if (last) yield last;
}

/**
 * Cuts a stream's chunks into lines: each chunk gives the lines it completes,
 * and the bytes after its last delimiter are carried into the next one (an
 * endless line stops at MAX_LINE). The one splitter of readLines and
 * readLineBatches.
 */
class LineSplitter {
  private carry: Uint8Array | null = null;

  constructor(private readonly delimiter: number) {}

  /** The lines a chunk completes, in order (often none for a long line). */
  split(chunk: Uint8Array): Line[] {
    const lines: Line[] = [];
    const delimiter = this.delimiter;
    let start = 0;
    if (this.carry) {
      const carry = this.carry;
      const nl = chunk.indexOf(delimiter);
      if (nl < 0) {
        checkLine(carry.length + chunk.length);
        this.carry = concatBytes([carry, chunk]);
        return lines;
      }
      this.carry = null;
      lines.push({ bytes: concatBytes([carry, chunk.subarray(0, nl)]), terminated: true });
      start = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(delimiter, start);
      if (nl < 0) break;
      lines.push({ bytes: chunk.subarray(start, nl), terminated: true });
      start = nl + 1;
    }
    if (start < chunk.length) this.carry = chunk.slice(start);
    return lines;
  }

  /** The last line when the stream did not end with a delimiter. */
  rest(): Line | null {
    return this.carry && this.carry.length > 0 ? { bytes: this.carry, terminated: false } : null;
  }
}

/** Splits a whole buffer into lines (same rules as readLines), for tools that must see all input. */
export function splitLines(data: Uint8Array, delimiter = 0x0a): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = data.indexOf(delimiter, start);
    if (nl < 0) break;
    out.push({ bytes: data.subarray(start, nl), terminated: true });
    start = nl + 1;
  }
  if (start < data.length) out.push({ bytes: data.subarray(start), terminated: false });
  return out;
}

/**
 * Like readLines, but yields the lines of each chunk together, so a command
 * can handle a whole batch synchronously and await once per chunk (much
 * faster than one await per line on big inputs).
 */
export async function* readLineBatches(reader: ByteReader, delimiter = 0x0a): AsyncGenerator<Line[]> {
  const splitter = new LineSplitter(delimiter);
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    const batch = splitter.split(chunk);
    if (batch.length) yield batch;
  }
  const last = splitter.rest();
  if (last) yield [last];
}

/**
 * A pull-style line reader over readLineBatches for commands that take lines
 * from several inputs in turn (comm, join, paste): `next()` returns the line
 * synchronously while the current batch lasts and a promise only when it must
 * read, so a per-line loop awaits once per chunk, not once per line.
 */
export class LineCursor {
  private batch: Line[] = [];
  private pos = 0;
  private done = false;
  private readonly gen: AsyncGenerator<Line[]>;

  constructor(reader: ByteReader, delimiter = 0x0a) {
    this.gen = readLineBatches(reader, delimiter);
  }

  /** The next line, or null at the end of input. */
  next(): Line | null | Promise<Line | null> {
    if (this.pos < this.batch.length) return this.batch[this.pos++];
    if (this.done) return null;
    return this.refill();
  }

  private async refill(): Promise<Line | null> {
    const r = await this.gen.next();
    if (r.done) {
      this.done = true;
      return null;
    }
    this.batch = r.value;
    this.pos = 1;
    return this.batch[0];
  }
}
