/**
 * A most-significant-digit radix sort of lines by a byte-range key, for the
 * common sorts (whole lines, or a plain -k field): each pass packs the next few
 * key bytes and the position into one double and sorts a Float64Array natively,
 * which is several times faster than n log n calls of a JavaScript comparator.
 * Stable: equal keys keep their input order, and runs of equal keys are handed
 * to `tie` for the remaining comparisons.
 */

/** Byte-wise comparison of d[as..ae) and d[bs..be) (shorter prefix first). */
export function compareBytes(d: Uint8Array, as: number, ae: number, bs: number, be: number): number {
  const la = ae - as;
  const lb = be - bs;
  const m = la < lb ? la : lb;
  for (let k = 0; k < m; k++) {
    const x = d[as + k];
    const y = d[bs + k];
    if (x !== y) return x - y;
  }
  return la - lb;
}

export interface RadixKey {
  data: Uint8Array;
  kb: Int32Array;
  ke: Int32Array;
  reverse: boolean;
}

/** Below this many lines a range is insertion-sorted. */
const SMALL = 12;
/** Past this key depth a range falls back to a comparison sort (long shared prefixes). */
const MAX_DEPTH = 512;
const LOG2_257 = Math.log2(257);

/** Sorts idx[from..to) by the key; calls tie(from, to) on each run of equal keys longer than one. */
export function radixSort(key: RadixKey, idx: Int32Array, tie: ((from: number, to: number) => void) | null): void {
  const { data: d, kb, ke, reverse } = key;
  const cmpFrom = (a: number, b: number, depth: number) => {
    const r = compareBytes(d, kb[a] + depth, Math.max(kb[a] + depth, ke[a]), kb[b] + depth, Math.max(kb[b] + depth, ke[b]));
    return reverse ? -r : r;
  };

  const finishRun = (from: number, to: number) => {
    if (tie && to - from > 1) tie(from, to);
  };

  /** Comparison sort of a small or deep range, then its runs of equal keys. */
  const comparisonSort = (from: number, to: number, depth: number) => {
    if (to - from <= SMALL) {
      for (let i = from + 1; i < to; i++) {
        const v = idx[i];
        let j = i - 1;
        while (j >= from && cmpFrom(idx[j], v, depth) > 0) {
          idx[j + 1] = idx[j];
          j--;
        }
        idx[j + 1] = v;
      }
    } else {
      const part = Array.from(idx.subarray(from, to));
      part.sort((a, b) => cmpFrom(a, b, depth));
      idx.set(part, from);
    }
    if (!tie) return;
    let runStart = from;
    for (let i = from + 1; i <= to; i++) {
      if (i === to || cmpFrom(idx[runStart], idx[i], depth) !== 0) {
        finishRun(runStart, i);
        runStart = i;
      }
    }
  };

  // An explicit stack of [from, to, depth] ranges, so deep keys do not recurse.
  const stack: number[] = [0, idx.length, 0];
  let keys = new Float64Array(0);
  let tmp = new Int32Array(0);
  while (stack.length) {
    const depth = stack.pop()!;
    const to = stack.pop()!;
    const from = stack.pop()!;
    const n = to - from;
    if (n < 2) continue;
    if (n <= SMALL || depth > MAX_DEPTH) {
      comparisonSort(from, to, depth);
      continue;
    }
    const idxBits = Math.max(1, Math.ceil(Math.log2(n)));
    const digits = Math.max(1, Math.floor((53 - idxBits) / LOG2_257));
    const scale = 2 ** idxBits;
    const ended = reverse ? 256 : 0;
    if (keys.length < n) {
      keys = new Float64Array(n);
      tmp = new Int32Array(n);
    }
    for (let j = 0; j < n; j++) {
      const i = idx[from + j];
      const s = kb[i] + depth;
      const e = ke[i];
      let v = 0;
      for (let p = 0; p < digits; p++) {
        const q = s + p;
        v = v * 257 + (q < e ? (reverse ? 255 - d[q] : d[q] + 1) : ended);
      }
      keys[j] = v * scale + j;
    }
    const view = keys.subarray(0, n);
    view.sort();
    tmp.set(idx.subarray(from, to));
    let runStart = 0;
    let runPrefix = -1;
    for (let j = 0; j <= n; j++) {
      let prefix = -2;
      if (j < n) {
        const k = view[j];
        prefix = Math.floor(k / scale);
        idx[from + j] = tmp[k - prefix * scale];
      }
      if (prefix !== runPrefix) {
        if (j - runStart > 1) {
          // The run's strings are equal so far; when its last digit says "ended", entirely.
          if (runPrefix % 257 === ended) finishRun(from + runStart, from + j);
          else stack.push(from + runStart, from + j, depth + digits);
        }
        runStart = j;
        runPrefix = prefix;
      }
    }
  }
}
