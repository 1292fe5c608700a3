import type { ByteReader } from "../../src/io/streams.js";
import { readLines, type Line } from "../_lib/lines.js";

/**
 * pr's input unit: a line ends at a newline, at a form feed (a newline right
 * after it is swallowed), or at the end of the file. A form feed at the start
 * of a line is a page break with no line of its own (`ffOnly`).
 */
export interface PrRecord {
  text: Uint8Array;
  /** Ended by a form feed: the page ends after this line. */
  ff: boolean;
  /** A form feed with nothing before it on its line. */
  ffOnly: boolean;
  /** Its line number for -n, given when the page is read (columns down number in input order). */
  number?: number;
}

const FF = 12;

export class RecordSource {
  private readonly lines: AsyncGenerator<Line>;
  private queue: PrRecord[] = [];
  private done = false;

  constructor(reader: ByteReader) {
    this.lines = readLines(reader);
  }

  /** The next record, or null at the end of the input. */
  async next(): Promise<PrRecord | null> {
    while (this.queue.length === 0) {
      if (this.done) return null;
      const r = await this.lines.next();
      if (r.done) {
        this.done = true;
        return null;
      }
      this.split(r.value);
    }
    return this.queue.shift() ?? null;
  }

  /** Looks at the next record without taking it. */
  async peek(): Promise<PrRecord | null> {
    const r = await this.next();
    if (r) this.queue.unshift(r);
    return r;
  }

  private split(line: Line): void {
    const bytes = line.bytes;
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== FF) continue;
      this.queue.push({ text: bytes.subarray(start, i), ff: true, ffOnly: i === start });
      start = i + 1;
    }
    // After a form feed that ends the line, its newline is swallowed.
    if (start === bytes.length && start > 0) return;
    this.queue.push({ text: bytes.subarray(start), ff: false, ffOnly: false });
    if (!line.terminated && start === bytes.length) this.queue.pop();
  }
}
