/**
 * The documented heap bound (README, Security model): with the default memory
 * limits one exec grows the heap by less than 256 MB. Loose by design: peak
 * heap is sampled while the bomb runs (the interpreter yields to the event
 * loop every 25 ms); bench/heap-bombs.ts measures the full list.
 */
import { describe, expect, it } from "vitest";
import { measure } from "../../bench/heap-bombs.js";

const BOUND_MB = 256;

describe("hostile: heap bound under the default limits", () => {
  for (const [name, script] of [
    ["string doubling", "x=a; while :; do x=$x$x; done"],
    ["small-write output flood", "while :; do echo flood; echo flood >&2; done"],
    ["file fill from /dev/zero", "cat /dev/zero > big"],
    ["sort of one endless line", "sort /dev/zero"],
    ["sed hold space doubling", "echo x | sed ':a; H; x; p; G; ba' > /dev/null"],
    ["here-doc of a huge expansion", "x=$(head -c 30000000 /dev/zero | tr '\\0' a); cat <<EOF | wc -c\n$x$x\nEOF"],
  ]) {
    it(`${name} stays under ${BOUND_MB} MB`, async () => {
      const r = await measure(script, 4000);
      expect(r.exitCode).not.toBe(0);
      expect(r.peakMB).toBeLessThan(BOUND_MB);
    }, 60_000);
  }
});
