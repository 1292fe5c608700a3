/**
 * Floating-point fields as GNU od prints them: gnulib ftoastr, i.e. the
 * shortest "%.*g" text (trying FLT_DIG/DBL_DIG/LDBL_DIG digits first, one digit
 * for subnormals) that reads back as the same value. Digits are produced
 * exactly with BigInt (glibc rounds the exact binary value half to even), and
 * the read-back test is exact too, so float, double and the x87 80-bit long
 * double share one path.
 */

/** A binary floating-point format: P significand bits, smallest normal exponent. */
interface FloatFormat {
  precision: number;
  minExp: number;
  firstDigits: number;
  maxDigits: number;
}

const FLOAT: FloatFormat = { precision: 24, minExp: -126, firstDigits: 6, maxDigits: 9 };
const DOUBLE: FloatFormat = { precision: 53, minExp: -1022, firstDigits: 15, maxDigits: 17 };
const LONG_DOUBLE: FloatFormat = { precision: 64, minExp: -16382, firstDigits: 18, maxDigits: 21 };

/** value = (-1)^neg * m * 2^e. */
type Decoded =
  | { kind: "nan" | "inf"; neg: boolean }
  | { kind: "finite"; neg: boolean; m: bigint; e: number };

/** Formats the `size`-byte float at `view[offset]` (little-endian unless `bigEndian`). */
export function formatFloat(view: DataView, offset: number, size: number, bigEndian: boolean): string {
  if (size === 4) return shortest(decodeFloat32(view.getUint32(offset, !bigEndian)), FLOAT);
  if (size === 8) return shortest(decodeFloat64(view.getBigUint64(offset, !bigEndian)), DOUBLE);
  return shortest(decodeX87(view, offset, bigEndian), LONG_DOUBLE);
}

function decodeFloat32(bits: number): Decoded {
  const neg = bits >>> 31 === 1;
  const exp = (bits >>> 23) & 0xff;
  const frac = bits & 0x7fffff;
  if (exp === 0xff) return { kind: frac ? "nan" : "inf", neg };
  if (exp === 0) return { kind: "finite", neg, m: BigInt(frac), e: -126 - 23 };
  return { kind: "finite", neg, m: BigInt(frac | 0x800000), e: exp - 127 - 23 };
}

function decodeFloat64(bits: bigint): Decoded {
  const neg = bits >> 63n === 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  if (exp === 0x7ff) return { kind: frac ? "nan" : "inf", neg };
  if (exp === 0) return { kind: "finite", neg, m: frac, e: -1022 - 52 };
  return { kind: "finite", neg, m: frac | (1n << 52n), e: exp - 1023 - 52 };
}

/** The x87 extended format: 64-bit significand with an explicit integer bit, 15-bit exponent. */
function decodeX87(view: DataView, offset: number, bigEndian: boolean): Decoded {
  let m: bigint;
  let se: number;
  if (bigEndian) {
    // --endian=big reverses all 16 bytes of the long double.
    se = view.getUint16(offset + 6, false);
    m = view.getBigUint64(offset + 8, false);
  } else {
    m = view.getBigUint64(offset, true);
    se = view.getUint16(offset + 8, true);
  }
  const neg = se >> 15 === 1;
  const exp = se & 0x7fff;
  if (exp === 0x7fff) {
    const frac = m & ((1n << 63n) - 1n);
    return { kind: frac === 0n && m >> 63n === 1n ? "inf" : "nan", neg };
  }
  return { kind: "finite", neg, m, e: (exp === 0 ? 1 : exp) - 16383 - 63 };
}

function shortest(d: Decoded, f: FloatFormat): string {
  if (d.kind !== "finite") return (d.neg ? "-" : "") + d.kind;
  const sign = d.neg ? "-" : "";
  if (d.m === 0n) return sign + "0";
  // Normalise so that m has `precision` bits when the value is normal.
  let { m, e } = d;
  const minE = f.minExp - (f.precision - 1);
  while (m < 1n << BigInt(f.precision - 1) && e > minE) {
    m <<= 1n;
    e--;
  }
  const subnormal = m < 1n << BigInt(f.precision - 1);
  for (let prec = subnormal ? 1 : f.firstDigits; ; prec++) {
    const { q, exp10 } = roundDigits(m, e, prec);
    if (prec >= f.maxDigits || readsBack(q, exp10 - prec + 1, m, e, f, minE)) return sign + gStyle(q.toString(), exp10, prec);
  }
}

const TEN = 10n;

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

/** m*2^e rounded half-even to `prec` significant digits: q (prec digits) and the decimal exponent of its first digit. */
function roundDigits(m: bigint, e: number, prec: number): { q: bigint; exp10: number } {
  let num = e >= 0 ? m << BigInt(e) : m;
  let den = e >= 0 ? 1n : 1n << BigInt(-e);
  // Estimate floor(log10(value)), then correct it exactly.
  let exp10 = Math.floor((m.toString(2).length - 1 + e) * Math.LOG10E * Math.LN2);
  const ge = (k: number) => (k >= 0 ? num >= den * pow10(k) : num * pow10(-k) >= den);
  while (!ge(exp10)) exp10--;
  while (ge(exp10 + 1)) exp10++;
  const shift = prec - 1 - exp10;
  if (shift >= 0) num *= pow10(shift);
  else den *= pow10(-shift);
  let q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) q++;
  if (q === pow10(prec)) {
    q /= TEN;
    exp10++;
  }
  return { q, exp10 };
}

/** Whether q*10^k reads back (round to nearest, ties to even) as m*2^e in format f. */
function readsBack(q: bigint, k: number, m: bigint, e: number, f: FloatFormat, minE: number): boolean {
  const [dn, dd] = k >= 0 ? [q * pow10(k), 1n] : [q, pow10(-k)];
  const [vn, vd] = e >= 0 ? [m << BigInt(e), 1n] : [m, 1n << BigInt(-e)];
  const diffNum = dn * vd - vn * dd; // D - v = diffNum / (dd * vd)
  const den = dd * vd;
  // Half the gap to the neighbour on diff's side: 2^(e-1), or 2^(e-2) below a power of two.
  const lowerHalved = m === 1n << BigInt(f.precision - 1) && e > minE;
  const halfExp = diffNum < 0n && lowerHalved ? e - 2 : e - 1;
  const [hn, hd] = halfExp >= 0 ? [1n << BigInt(halfExp), 1n] : [1n, 1n << BigInt(-halfExp)];
  const lhs = (diffNum < 0n ? -diffNum : diffNum) * hd;
  const rhs = hn * den;
  return lhs < rhs || (lhs === rhs && m % 2n === 0n);
}

/** C's %.{prec}g from the digits and decimal exponent (trailing zeros removed). */
function gStyle(digits: string, exp10: number, prec: number): string {
  if (exp10 < -4 || exp10 >= prec) {
    const frac = digits.slice(1).replace(/0+$/, "");
    const ex = Math.abs(exp10);
    return `${digits[0]}${frac ? "." + frac : ""}e${exp10 < 0 ? "-" : "+"}${ex < 10 ? "0" : ""}${ex}`;
  }
  if (exp10 >= 0) {
    const int = digits.slice(0, exp10 + 1);
    const frac = digits.slice(exp10 + 1).replace(/0+$/, "");
    return frac ? `${int}.${frac}` : int;
  }
  const frac = ("0".repeat(-exp10 - 1) + digits).replace(/0+$/, "");
  return `0.${frac}`;
}
