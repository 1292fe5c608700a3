/**
 * The three jobs of sort once the lines and the comparison exist: sorting
 * (optionally keeping the first of each run of equal lines), checking the
 * order (-c/-C), and merging already sorted inputs (-m).
 */
import type { ByteWriter } from "../../src/io/streams.js";
import type { LineCompare, SortComparison } from "./compare.js";
import { radixSort } from "./radix.js";
import type { LineTable } from "./lines.js";

/** Sorts line indices (stably: equal lines keep input order, as -s and -u need). */
export function sortLines(count: number, c: SortComparison, unique: boolean): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  if (c.radix) {
    const rest = c.rest;
    radixSort(c.radix, order, rest && ((from, to) => {
      const part = Array.from(order.subarray(from, to));
      part.sort(rest);
      order.set(part, from);
    }));
  } else {
    const part = Array.from(order);
    part.sort(c.cmp);
    order.set(part);
  }
  return unique ? dropRepeats(order, c.cmp) : order;
}

/** Keeps the first line of each run of lines that compare equal. */
function dropRepeats(order: Int32Array, cmp: LineCompare): Int32Array {
  if (order.length === 0) return order;
  let n = 1;
  let prev = order[0];
  for (let i = 1; i < order.length; i++) {
    if (cmp(prev, order[i]) !== 0) {
      prev = order[i];
      order[n++] = prev;
    }
  }
  return order.subarray(0, n);
}

/** The first line (index) out of order, or -1. With unique, equal neighbours are out of order too. */
export function checkOrder(count: number, cmp: LineCompare, unique: boolean): number {
  for (let i = 1; i < count; i++) {
    const c = cmp(i - 1, i);
    if (c > 0 || (unique && c === 0)) return i;
  }
  return -1;
}

/**
 * Merges runs of line indices [from, to) that are each sorted; on ties the
 * earlier input wins, as in GNU's mergefps.
 */
export function mergeSorted(runs: Array<[number, number]>, cmp: LineCompare, unique: boolean): Int32Array {
  const heads = runs.map(([from]) => from);
  const out: number[] = [];
  let prev = -1;
  for (;;) {
    let best = -1;
    for (let r = 0; r < runs.length; r++) {
      if (heads[r] >= runs[r][1]) continue;
      if (best < 0 || cmp(heads[r], heads[best]) < 0) best = r;
    }
    if (best < 0) break;
    const line = heads[best]++;
    if (!unique || prev < 0 || cmp(prev, line) !== 0) {
      out.push(line);
      prev = line;
    }
  }
  return Int32Array.from(out);
}

/** The output bytes: the lines in order, each ended by the delimiter. */
export function assemble(lines: LineTable, order: Int32Array, delim: number): Uint8Array {
  const { data, starts, ends } = lines;
  let total = 0;
  for (let k = 0; k < order.length; k++) total += ends[order[k]] - starts[order[k]] + 1;
  const out = new Uint8Array(total);
  let o = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const s = starts[i];
    const e = ends[i];
    // Short lines: a loop beats the call overhead of set(subarray()).
    if (e - s < 16) for (let p = s; p < e; p++) out[o++] = data[p];
    else {
      out.set(data.subarray(s, e), o);
      o += e - s;
    }
    out[o++] = delim;
  }
  return out;
}

const CHUNK = 64 * 1024;

/** Writes bytes in pipe-sized chunks, waiting when the reader is behind. */
export async function writeChunks(out: ByteWriter, bytes: Uint8Array): Promise<void> {
  for (let o = 0; o < bytes.length; o += CHUNK) {
    const p = out.write(bytes.subarray(o, Math.min(bytes.length, o + CHUNK)));
    if (p) await p;
  }
}
