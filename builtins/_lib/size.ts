/**
 * gnulib xstrtoumax as coreutils 9.1 uses it for counts and sizes (head -c 1K,
 * tail -n 5, split -b 2MB...): optional leading blanks and '+', decimal digits,
 * then one multiplier suffix from the caller's list, where "0" in the list
 * allows the second suffix "B"/"D" (powers of 1000) or "iB" (powers of 1024).
 * A suffix alone means 1 of it ("K" = 1024).
 */

/** The result: a value (at most 2^64 - 1) or why the text was rejected. */
export type SizeResult = { value: bigint } | { error: "invalid" | "overflow" };

export const UINTMAX_MAX = (1n << 64n) - 1n;

const POWERS: Record<string, number> = {
  k: 1, K: 1, m: 2, M: 2, g: 3, G: 3, t: 4, T: 4, P: 5, E: 6, Z: 7, Y: 8, R: 9, Q: 10,
};

/** Parses text against `suffixes` (e.g. "bkKmMGTPEZY0"). */
export function parseSize(text: string, suffixes: string, max: bigint = UINTMAX_MAX): SizeResult {
  let i = 0;
  while (i < text.length && " \t\n\v\f\r".includes(text[i])) i++;
  if (text[i] === "-") return { error: "invalid" };
  const start = i;
  if (text[i] === "+") i++;
  const digitsStart = i;
  while (i < text.length && text[i] >= "0" && text[i] <= "9") i++;
  let value: bigint;
  if (i === digitsStart) {
    // strtoumax found no number: a lone valid suffix counts as 1 of it.
    if (text[start] === "+" || i >= text.length || !suffixes.includes(text[i])) {
      return { error: "invalid" };
    }
    value = 1n;
  } else {
    value = BigInt(text.slice(digitsStart, i));
  }
  let overflow = value > max;
  if (i < text.length) {
    const s = text[i];
    if (s === "0" || !suffixes.includes(s)) return { error: "invalid" };
    let base = 1024n;
    let used = 1;
    if (suffixes.includes("0") && s !== "b") {
      if (text[i + 1] === "i" && text[i + 2] === "B") used = 3;
      else if (text[i + 1] === "B" || text[i + 1] === "D") {
        base = 1000n;
        used = 2;
      }
    }
    let scale: bigint;
    if (s === "b") scale = 512n;
    else if (s === "B") scale = 1024n;
    else if (s === "c") scale = 1n;
    else if (s === "w") scale = 2n;
    else if (POWERS[s] !== undefined) scale = base ** BigInt(POWERS[s]);
    else return { error: "invalid" };
    if (i + used !== text.length) return { error: "invalid" };
    value *= scale;
    if (value > max) overflow = true;
  }
  return overflow ? { error: "overflow" } : { value };
}
