/**
 * Sizes as the GNU file tools print them (gnulib human.c): `-h` (powers of 1024,
 * K M G...), `--si` (powers of 1000, k M G...), and plain block counts, always
 * rounding up like ls, du and df do.
 */

const PREFIXES = "KMGTPEZYRQ";

/**
 * `amount` units of `fromUnit` bytes shown with autoscaling: 1023 -> "1023",
 * 1025 -> "1.1K", 10239 -> "10K", 1048000 -> "1.0M" (ceiling rounding).
 */
export function humanSize(amount: number, si = false, fromUnit = 1): string {
  const base = si ? 1000 : 1024;
  let amt = amount * fromUnit;
  if (!Number.isSafeInteger(amt)) amt = Math.ceil(amt);
  let tenths = 0;
  let rounding = 0; // 0: exact, 1: < half, 2: half, 3: > half
  let exponent = 0;
  let text = "";
  if (amt >= base) {
    do {
      const r10 = (amt % base) * 10 + tenths;
      const r2 = (r10 % base) * 2 + (rounding >> 1);
      amt = Math.floor(amt / base);
      tenths = Math.floor(r10 / base);
      rounding = r2 < base ? (r2 + rounding !== 0 ? 1 : 0) : 2 + (base < r2 + rounding ? 1 : 0);
      exponent++;
    } while (amt >= base && exponent < PREFIXES.length);
    if (amt < 10) {
      if (rounding > 0) {
        tenths++;
        rounding = 0;
        if (tenths === 10) {
          amt++;
          tenths = 0;
        }
      }
      if (amt < 10) {
        text = "." + tenths;
        tenths = 0;
      }
    }
  }
  if (tenths + rounding > 0) {
    amt++;
    if (exponent > 0 && amt === base && exponent < PREFIXES.length) {
      exponent++;
      text = ".0";
      amt = 1;
    }
  }
  if (exponent === 0) return String(amt) + text;
  const prefix = si && exponent === 1 ? "k" : PREFIXES[exponent - 1];
  return String(amt) + text + prefix;
}

/** `amount` units of `fromUnit` bytes in whole units of `toUnit` bytes, rounded up. */
export function ceilUnits(amount: number, fromUnit: number, toUnit: number): number {
  if (fromUnit === toUnit) return amount;
  const bytes = amount * fromUnit;
  return Math.ceil(bytes / toUnit);
}

/**
 * Parses a --block-size / -B value (`K`, `1M`, `KB`, `1000`, `MiB`); returns bytes
 * per unit, or null when invalid. A leading `'` (thousands grouping) is ignored.
 */
export function parseBlockSize(text: string): number | null {
  const m = /^'?(\d*)([KMGTPEZYRQ]?)(i?B?)$/i.exec(text);
  if (!m || (m[1] === "" && m[2] === "")) return null;
  const n = m[1] === "" ? 1 : Number(m[1]);
  if (!m[2]) return m[3] === "" ? n : null;
  const power = PREFIXES.indexOf(m[2].toUpperCase()) + 1;
  if (m[2] === "k" && m[3] !== "") return null;
  const base = m[3].toUpperCase() === "B" ? 1000 : 1024;
  const value = n * base ** power;
  return value > 0 ? value : null;
}
