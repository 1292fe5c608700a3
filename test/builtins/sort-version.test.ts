import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareVersion, versionKey } from "../../builtins/sort/version.js";

// versionKey must order strings exactly as the direct port of filenvercmp does.
const piece = fc.constantFrom(
  "a", "b", "Z", "0", "1", "9", "00", "010", "10", ".", "~", "-", "_", ".tar", ".gz", "x1", "\x01", "\xe9", "~0",
);
const name = fc.array(piece, { maxLength: 10 }).map((a) => a.join(""));

describe("sort -V keys", () => {
  it("plain string order of versionKey has the sign of compareVersion", () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const x = versionKey(a);
        const y = versionKey(b);
        return Math.sign(compareVersion(a, b)) === (x < y ? -1 : x > y ? 1 : 0);
      }),
      { numRuns: 20000 },
    );
  });

  it("orders names as GNU sort -V does (recorded), ties by bytes", () => {
    const names = ["a", "a0", "a1", "a1.0", "a01", "a1~", "a1a", ".", "..", ".a", "", "a.tar.gz", "a1.tar.gz", "a~"];
    const sorted = [...names].sort((p, q) => compareVersion(p, q) || (p < q ? -1 : 1));
    expect(sorted).toEqual(["", ".", "..", ".a", "a~", "a", "a0", "a.tar.gz", "a1~", "a01", "a1", "a1.tar.gz", "a1a", "a1.0"]);
  });
});
