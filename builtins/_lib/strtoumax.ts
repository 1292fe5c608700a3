import { parseSize, UINTMAX_MAX } from "./size.js";

/**
 * gnulib xstrtoumax with base 0 (0x.. hex, 0.. octal, else decimal) and a
 * suffix list, as od -j/-N/-S and cmp -i/-n read their values: parseSize
 * does the suffixes once the number is in decimal.
 */
export type UnsignedResult = { value: bigint } | { error: "invalid" | "suffix" | "overflow" };

export function parseUnsignedBase0(text: string, suffixes: string, base0 = true, max: bigint = UINTMAX_MAX): UnsignedResult {
  const number = base0 ? "(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)?" : "([0-9]+)?";
  const m = new RegExp("^[ \\t\\n\\v\\f\\r]*(-)?\\+?" + number).exec(text)!;
  if (m[1]) return { error: "invalid" };
  const digits = m[2];
  const rest = text.slice(m[0].length);
  let decimal = "";
  if (digits !== undefined) {
    const value = !base0 ? BigInt(digits) : /^0[xX]/.test(digits) ? BigInt(digits) : digits[0] === "0" ? BigInt("0o0" + digits) : BigInt(digits);
    decimal = value.toString();
  }
  const r = parseSize(decimal + rest, suffixes, max);
  if ("value" in r) return r;
  if (r.error === "overflow") return r;
  return { error: digits !== undefined ? "suffix" : "invalid" };
}
