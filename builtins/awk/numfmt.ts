/**
 * C's floating-point conversions (%e %f %g %a) with glibc's exact rounding: the
 * decimal digits of the double, rounded half-to-even only on an exact tie. JS's
 * toFixed/toExponential round ties away from zero, so we take more digits than
 * needed from them and round ourselves; past 100 digits we expand exactly with BigInt.
 */

import { exactDecimal } from "../_lib/printf-float.js";

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Exact decimal digits of a positive finite double, as d1.d2d3 x 10^e (the shared exact expansion). */
function exactDigits(x: number): { d: string; e: number } {
  const { digits, point } = exactDecimal(x);
  return { d: digits, e: point - 1 };
}

/** At least `want` significant digits of x > 0 (more when cheap), unrounded past the last. */
function rawDigits(x: number, want: number): { d: string; e: number } {
  if (want + 20 <= 100) {
    const s = x.toExponential(Math.max(want + 19, 20));
    const ei = s.indexOf("e");
    return { d: s[0] + s.slice(2, ei), e: Number(s.slice(ei + 1)) };
  }
  return exactDigits(x);
}

/** Rounds digit string d (value d1.d2.. x 10^e) to n digits (n >= 0), half-even on exact ties. */
function roundDigits(d: string, e: number, n: number): { d: string; e: number } {
  if (n < 0) return { d: "", e };
  if (d.length <= n) return { d: d.padEnd(n, "0"), e };
  let head = d.slice(0, n);
  const first = d.charCodeAt(n) - 48;
  let up = false;
  if (first > 5) up = true;
  else if (first === 5) {
    let rest = false;
    for (let i = n + 1; i < d.length; i++) if (d.charCodeAt(i) !== 48) { rest = true; break; }
    up = rest || (n > 0 && (head.charCodeAt(n - 1) - 48) % 2 === 1);
  }
  if (!up) return { d: head, e };
  // Propagate the carry.
  const arr = head.split("");
  let i = n - 1;
  while (i >= 0 && arr[i] === "9") arr[i--] = "0";
  if (i < 0) {
    head = "1" + arr.join("");
    return { d: head.slice(0, Math.max(n, 1)), e: e + 1 };
  }
  arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
  return { d: arr.join(""), e };
}

/** %.{prec}e digits: mantissa digits (prec+1 of them) and exponent. */
function eDigits(x: number, prec: number): { d: string; e: number } {
  if (x === 0) return { d: "0".repeat(prec + 1), e: 0 };
  const r = rawDigits(x, prec + 1);
  return roundDigits(r.d, r.e, prec + 1);
}

function expPart(e: number, upper: boolean): string {
  const a = Math.abs(e);
  return (upper ? "E" : "e") + (e < 0 ? "-" : "+") + (a < 10 ? "0" + a : String(a));
}

/** The body of %e (no sign): "d.ddde+xx". */
export function formatE(x: number, prec: number, alt: boolean, upper: boolean): string {
  const { d, e } = eDigits(x, prec);
  let s = d[0];
  if (prec > 0 || alt) s += ".";
  s += d.slice(1);
  return s + expPart(e, upper);
}

/** The body of %f (no sign). */
export function formatF(x: number, prec: number, alt: boolean): string {
  let intPart: string;
  let frac: string;
  if (x === 0) {
    intPart = "0";
    frac = "0".repeat(prec);
  } else if (x >= 1e21) {
    // An integer: exact digits.
    intPart = exactDigits(x).d;
    const e = exactDigits(x).e;
    intPart = intPart.padEnd(e + 1, "0");
    frac = "0".repeat(prec);
  } else {
    const magnitude = Math.floor(Math.log10(x));
    const r = rawDigits(x, Math.max(magnitude + 1 + prec, 1) + 1);
    // Digits up to position 10^-prec: count = e + 1 + prec. Prepend a zero so a count of 0 can round up.
    const n = r.e + 1 + prec;
    const rd = roundDigits("0" + r.d, r.e + 1, n + 1);
    let digits = rd.d;
    let e = rd.e;
    if (digits[0] === "0" && digits.length > 1) {
      digits = digits.slice(1);
      e -= 1;
    } else if (digits[0] === "0") {
      digits = "";
      e -= 1;
    }
    // digits now represents d1.d2... x 10^e with exactly e+1+prec digits (maybe fewer if tiny).
    const all = digits;
    const intLen = e + 1;
    if (intLen <= 0) {
      intPart = "0";
      frac = ("0".repeat(-intLen) + all).padEnd(prec, "0").slice(0, prec);
    } else {
      intPart = all.slice(0, intLen).padEnd(intLen, "0");
      frac = all.slice(intLen).padEnd(prec, "0").slice(0, prec);
    }
  }
  if (prec > 0 || alt) return intPart + "." + frac;
  return intPart;
}

/** The body of %g (no sign). */
export function formatG(x: number, prec: number, alt: boolean, upper: boolean): string {
  const p = prec === 0 ? 1 : prec;
  let e: number;
  let d: string;
  if (x === 0) {
    e = 0;
    d = "0".repeat(p);
  } else {
    ({ d, e } = eDigits(x, p - 1));
  }
  let s: string;
  if (e < -4 || e >= p) {
    s = d[0];
    let frac = d.slice(1);
    if (!alt) frac = frac.replace(/0+$/, "");
    if (frac.length > 0 || alt) s += "." + frac;
    return s + expPart(e, upper);
  }
  // Fixed notation with p - 1 - e decimals, from the same rounded digits.
  const decimals = p - 1 - e;
  let intPart: string;
  let frac: string;
  if (e >= 0) {
    intPart = d.slice(0, e + 1);
    frac = d.slice(e + 1);
  } else {
    intPart = "0";
    frac = "0".repeat(-e - 1) + d;
  }
  frac = frac.slice(0, decimals);
  if (!alt) frac = frac.replace(/0+$/, "");
  return frac.length > 0 || alt ? intPart + "." + frac : intPart;
}

/** The body of %a (no sign): hexadecimal floating point, as glibc prints it. */
export function formatA(x: number, prec: number | null, alt: boolean, upper: boolean): string {
  let s: string;
  if (x === 0) {
    s = "0x0" + (prec && prec > 0 ? "." + "0".repeat(prec) : alt ? "." : "") + "p+0";
  } else {
    f64[0] = x;
    const hi = u32[1], lo = u32[0];
    let bexp = (hi >>> 20) & 0x7ff;
    let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let lead = 1n;
    if (bexp === 0) {
      lead = 0n;
      bexp = 1;
    }
    let e = bexp - 1023;
    let hex = mant.toString(16).padStart(13, "0");
    if (prec === null) hex = hex.replace(/0+$/, "");
    else if (prec < 13) {
      // Round the 52-bit fraction to prec hex digits (half to even).
      const drop = BigInt((13 - prec) * 4);
      const full = (lead << 52n) | mant;
      const unit = 1n << drop;
      let q = full >> drop;
      const rem = full & (unit - 1n);
      const half = unit >> 1n;
      if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
      lead = q >> BigInt(prec * 4);
      mant = q & ((1n << BigInt(prec * 4)) - 1n);
      hex = prec > 0 ? mant.toString(16).padStart(prec, "0") : "";
      if (lead > 1n) {
        lead = 1n;
        e += 1;
      }
    } else hex = hex.padEnd(prec, "0");
    s = "0x" + lead.toString() + (hex.length > 0 || alt ? "." + hex : "") + "p" + (e < 0 ? "-" : "+") + Math.abs(e);
  }
  return upper ? s.toUpperCase() : s;
}

/** %.6g without flags: OFMT/CONVFMT's default, the common case. */
export function formatG6(x: number): string {
  if (x < 0) return "-" + formatG(-x, 6, false, false);
  return formatG(x, 6, false, false);
}
