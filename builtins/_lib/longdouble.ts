/**
 * x87 long double values (64-bit mantissa) for printf's floating conversions: bash's
 * printf reads its float arguments with strtold, so `printf '%.20f' 0.1` and `%a`
 * show long double digits (0.10000000000000000000, 0xc.ccccccccccccccdp-7).
 * A value is mant x 2^e2 with mant > 0; exact, so decimal output can be exact too.
 */
export interface Binary {
  mant: bigint;
  e2: number;
}

const MANT_BITS = 64;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds num/den to the nearest integer, ties to even. */
function divRound(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  return r2 > den || (r2 === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** A decimal number's long double (round to nearest, ties to even); null for zero. */
export function parseLongDouble(digits: string, exp10: number): Binary | null {
  const d = BigInt(digits);
  if (d === 0n) return null;
  let num = d;
  let den = 1n;
  if (exp10 >= 0) num *= 10n ** BigInt(exp10);
  else den = 10n ** BigInt(-exp10);
  // Scale so the quotient has exactly 64 bits before rounding.
  let k = MANT_BITS - (bitLength(num) - bitLength(den));
  for (;;) {
    const q = k >= 0 ? (num << BigInt(k)) / den : num / (den << BigInt(-k));
    const bits = bitLength(q);
    if (bits > MANT_BITS) k--;
    else if (bits < MANT_BITS) k++;
    else break;
  }
  let mant = k >= 0 ? divRound(num << BigInt(k), den) : divRound(num, den << BigInt(-k));
  if (bitLength(mant) > MANT_BITS) {
    mant >>= 1n;
    k--;
  }
  return { mant, e2: -k };
}

/** A finite non-zero double, exactly. */
export function binaryOfDouble(x: number): Binary {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const hi = buf.getUint32(0);
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(buf.getUint32(4));
  if (exp === 0) return { mant, e2: -1074 };
  mant |= 1n << 52n;
  return { mant, e2: exp - 1075 };
}

/** value = 0.DIGITS x 10^point, exactly. */
export function exactDecimalOf(b: Binary): { digits: string; point: number } {
  if (b.e2 >= 0) {
    const digits = (b.mant << BigInt(b.e2)).toString();
    return { digits, point: digits.length };
  }
  const digits = (b.mant * 5n ** BigInt(-b.e2)).toString();
  return { digits, point: digits.length + b.e2 };
}

/** glibc's %La: the leading hex digit holds the top 4 mantissa bits (0x8p-3 for 1). */
export function hexLongDouble(b: Binary, precision: number | null): string {
  // Normalise to a 64-bit mantissa with its top bit set.
  const shift = MANT_BITS - bitLength(b.mant);
  let mant = shift >= 0 ? b.mant << BigInt(shift) : b.mant >> BigInt(-shift);
  let e2 = b.e2 - shift;
  let fracDigits = 15;
  if (precision !== null && precision < 15) {
    const drop = BigInt(4 * (15 - precision));
    mant = divRound(mant, 1n << drop) << drop;
    if (bitLength(mant) > MANT_BITS) {
      mant >>= 1n;
      e2++;
    }
    fracDigits = precision;
  }
  const lead = mant >> 60n;
  let frac = (mant & ((1n << 60n) - 1n)).toString(16).padStart(15, "0").slice(0, fracDigits);
  if (precision === null) frac = frac.replace(/0+$/, "");
  else frac = frac.padEnd(precision, "0");
  const e = e2 + 60;
  return `0x${lead.toString(16)}${frac ? "." + frac : ""}p${e < 0 ? "-" : "+"}${Math.abs(e)}`;
}
