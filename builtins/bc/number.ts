/**
 * bc's arbitrary-precision decimal numbers (GNU bc 1.07.1 number.c), as a
 * BigInt count of 10^-scale units plus the scale. Each operation rounds
 * (truncates) to the scale bc gives its result, so digits match GNU's.
 */

export class BcNum {
  /** value = v / 10^s */
  constructor(
    readonly v: bigint,
    readonly s: number,
  ) {}

  static readonly ZERO = new BcNum(0n, 0);
  static readonly ONE = new BcNum(1n, 0);

  static int(n: number | bigint): BcNum {
    return new BcNum(BigInt(n), 0);
  }

  isZero(): boolean {
    return this.v === 0n;
  }

  isNeg(): boolean {
    return this.v < 0n;
  }

  /** Digits of the integer part (bc's n_len; at least 1). */
  intLen(): number {
    const a = this.v < 0n ? -this.v : this.v;
    const int = a / pow10(this.s);
    return int === 0n ? 1 : int.toString().length;
  }

  /** The value truncated to an integer (bc_num2long, without the long limit). */
  trunc(): bigint {
    return this.v / pow10(this.s);
  }

  /** The number with scale `s` (extending with zeros or truncating). */
  rescale(s: number): BcNum {
    if (s === this.s) return this;
    if (s > this.s) return new BcNum(this.v * pow10(s - this.s), s);
    return new BcNum(this.v / pow10(this.s - s), s);
  }
}

const POW10: bigint[] = [];
export function pow10(n: number): bigint {
  if (n < 64) return (POW10[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

function align(a: BcNum, b: BcNum): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.rescale(s).v, b.rescale(s).v, s];
}

/** bc_add: scale max(scale(a), scale(b), min). */
export function add(a: BcNum, b: BcNum, min = 0): BcNum {
  const [x, y, s] = align(a, b);
  return new BcNum(x + y, s).rescale(Math.max(s, min));
}

export function sub(a: BcNum, b: BcNum, min = 0): BcNum {
  const [x, y, s] = align(a, b);
  return new BcNum(x - y, s).rescale(Math.max(s, min));
}

/** bc_multiply: exact, then truncated to min(sa+sb, max(scale, sa, sb)). */
export function mul(a: BcNum, b: BcNum, scale: number): BcNum {
  const full = a.s + b.s;
  const prodScale = Math.min(full, Math.max(scale, a.s, b.s));
  return new BcNum(a.v * b.v, full).rescale(prodScale);
}

/** bc_divide: truncated to `scale` digits; null on division by zero. */
export function div(a: BcNum, b: BcNum, scale: number): BcNum | null {
  if (b.isZero()) return null;
  const num = a.v * pow10(scale + b.s);
  const den = b.v * pow10(a.s);
  return new BcNum(num / den, scale);
}

/** bc_modulo: a - (a/b)*b with the quotient at `scale`; scale max(sa, sb + scale). */
export function mod(a: BcNum, b: BcNum, scale: number): BcNum | null {
  if (b.isZero()) return null;
  const rscale = Math.max(a.s, b.s + scale);
  const q = div(a, b, scale)!;
  const t = mul(q, b, rscale);
  return sub(a, t, rscale);
}

/** bc_raise for an integer exponent: exact power truncated (or 1/x at `scale` for negative exponents). */
export function raise(a: BcNum, e: bigint, scale: number): BcNum {
  if (e === 0n) return BcNum.ONE;
  const neg = e < 0n;
  const n = neg ? -e : e;
  const exact = new BcNum(a.v ** n, a.s * Number(n));
  if (neg) return div(BcNum.ONE, exact, scale) ?? BcNum.ZERO;
  const rscale = Math.min(a.s * Number(n), Math.max(scale, a.s));
  return exact.rescale(rscale);
}

export function compare(a: BcNum, b: BcNum): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** bc_is_near_zero: |num| is 0 or 1 in the last of `scale` digits. */
function nearZero(n: BcNum, scale: number): boolean {
  const s = Math.min(scale, n.s);
  const t = n.rescale(s).v;
  return t === 0n || t === 1n || t === -1n;
}

/** bc_sqrt: Newton's method as GNU runs it; null for a negative number. */
export function sqrt(n: BcNum, scale: number): BcNum | null {
  const c = compare(n, BcNum.ZERO);
  if (c < 0) return null;
  if (c === 0) return BcNum.ZERO;
  const c1 = compare(n, BcNum.ONE);
  if (c1 === 0) return BcNum.ONE;
  const rscale = Math.max(scale, n.s);
  const point5 = new BcNum(5n, 1);
  let guess: BcNum;
  let cscale: number;
  if (c1 < 0) {
    guess = BcNum.ONE;
    cscale = n.s;
  } else {
    // 10^(n_len/2), the exponent truncated to an integer.
    const half = mul(BcNum.int(n.intLen()), point5, 0);
    guess = raise(BcNum.int(10), half.trunc(), 0);
    cscale = 3;
  }
  for (;;) {
    const guess1 = guess;
    guess = div(n, guess, cscale)!;
    guess = add(guess, guess1, 0);
    guess = mul(guess, point5, cscale);
    const diff = sub(guess, guess1, cscale + 1);
    if (nearZero(diff, cscale)) {
      if (cscale < rscale + 1) cscale = Math.min(cscale * 3, rscale + 1);
      else break;
    }
  }
  return div(guess, BcNum.ONE, rscale);
}

/** push_constant: a numeric literal in base `base` (digits above the base count as base-1, except a lone digit). */
export function fromConstant(text: string, base: number): BcNum {
  const digit = (c: string) => (c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55);
  const dot = text.indexOf(".");
  const intPart = dot < 0 ? text : text.slice(0, dot);
  const fracPart = dot < 0 ? "" : text.slice(dot + 1);
  const b = BigInt(base);
  let build = 0n;
  if (intPart.length === 1 && fracPart === "" && dot < 0) build = BigInt(digit(intPart));
  else {
    for (const c of intPart) build = build * b + BigInt(Math.min(digit(c), base - 1));
  }
  let result = new BcNum(build, 0);
  if (fracPart.length) {
    let f = 0n;
    let divisor = 1n;
    for (const c of fracPart) {
      f = f * b + BigInt(Math.min(digit(c), base - 1));
      divisor *= b;
    }
    result = add(result, div(new BcNum(f, 0), new BcNum(divisor, 0), fracPart.length)!, 0);
  }
  return result;
}

/** length(): significant digits. */
export function length(n: BcNum): number {
  const a = n.v < 0n ? -n.v : n.v;
  if (a / pow10(n.s) === 0n) return n.s > 0 ? n.s : 1;
  return n.intLen() + n.s;
}

/** bc_out_num: the number in base `obase` (digits above 16 as space-separated decimal groups). */
export function format(n: BcNum, obase: number): string {
  if (n.isZero()) return "0";
  const neg = n.isNeg();
  const abs = neg ? new BcNum(-n.v, n.s) : n;
  let out = neg ? "-" : "";
  if (obase === 10) {
    const digits = abs.v.toString().padStart(abs.s + 1, "0");
    const int = digits.slice(0, digits.length - abs.s);
    if (int !== "0") out += int;
    if (abs.s > 0) out += "." + digits.slice(digits.length - abs.s);
    return out;
  }
  const REF = "0123456789ABCDEF";
  const width = String(obase - 1).length;
  const base = BigInt(obase);
  let int = abs.trunc();
  const stack: bigint[] = [];
  while (int > 0n) {
    stack.push(int % base);
    int /= base;
  }
  for (let i = stack.length - 1; i >= 0; i--) {
    out += obase <= 16 ? REF[Number(stack[i])] : " " + stack[i].toString().padStart(width, "0");
  }
  if (abs.s > 0) {
    out += ".";
    let frac = sub(abs, new BcNum(abs.trunc(), 0), 0);
    let t = 1n;
    let first = true;
    while (t.toString().length <= abs.s) {
      frac = mul(frac, BcNum.int(obase), abs.s);
      const d = frac.trunc();
      frac = sub(frac, new BcNum(d, 0), 0);
      out += obase <= 16 ? REF[Number(d)] : (first ? "" : " ") + d.toString().padStart(width, "0");
      first = false;
      t *= base;
    }
  }
  return out;
}
