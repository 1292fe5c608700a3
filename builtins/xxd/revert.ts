import type { ByteReader } from "../../src/io/streams.js";

/**
 * xxd -r (huntype): hex dump back to bytes. Normal dumps give an address per
 * line (up to `cols` bytes follow, the rest of the line is skipped); -p input
 * is bare hex with any whitespace. Output goes to a sink that either seeks
 * (an output file, patched in place) or only moves forward filling with NULs
 * (a pipe: going back is an error).
 */

export interface RevertSink {
  /** Writes b at the current position and advances. */
  put(b: number): void;
  /** Moves to `offset`; false if it cannot (backwards on a pipe). */
  seek(offset: number, current: number): boolean;
  /** Called now and then so a pipe can flush. */
  drain(): Promise<void>;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Runs huntype over the input; returns "backwards" when a pipe would have to seek back. */
export async function revert(
  input: ByteReader,
  sink: RevertSink,
  cols: number,
  plain: boolean,
  baseOffset: number,
  step: () => void,
): Promise<"ok" | "backwards"> {
  let ignoreGarbage = true;
  let n1 = -1;
  let n2 = 0;
  let n3: number;
  let p = cols;
  let have = 0;
  let want = 0;
  let skipping = false;
  for (let chunk = await input.read(); chunk; chunk = await input.read()) {
    step();
    for (let k = 0; k < chunk.length; k++) {
      const c = chunk[k];
      if (skipping) {
        // skip_to_eol: the newline itself is then handled below.
        if (c !== 10) continue;
        skipping = false;
        p = cols;
        ignoreGarbage = true;
        if (!plain) want = 0;
        continue;
      }
      if (c === 13) continue;
      if (plain && (c === 32 || c === 10 || c === 9)) continue;
      n3 = n2;
      n2 = n1;
      n1 = hexValue(c);
      if (n1 === -1 && ignoreGarbage) continue;
      ignoreGarbage = false;
      if (!plain && p >= cols) {
        if (n1 < 0) p = 0;
        else want = want * 16 + n1;
        continue;
      }
      if (baseOffset + want !== have) {
        if (!sink.seek(baseOffset + want, have)) return "backwards";
        have = baseOffset + want;
      }
      if (n2 >= 0 && n1 >= 0) {
        sink.put((n2 << 4) | n1);
        have++;
        want++;
        n1 = -1;
        if (!plain && ++p >= cols) {
          // The rest of the line is garbage.
          skipping = true;
          continue;
        }
      } else if (n1 < 0 && n2 < 0 && n3 < 0 && c !== 10) {
        // Stumbled into garbage: skip the line.
        skipping = true;
        continue;
      }
      if (c === 10) {
        if (!plain) want = 0;
        p = cols;
        ignoreGarbage = true;
      }
    }
    await sink.drain();
  }
  return "ok";
}
