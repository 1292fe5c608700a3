/**
 * C's %e, %f, %g and %a for printf: exact decimal expansion of the double (or of bash's long
 * double bits), so every digit matches glibc's.
 */
import { binaryOfDouble, exactDecimalOf, hexLongDouble, type Binary } from "./longdouble.js";

/** C's %e/%f/%g/%a for a double. */
/** `long`: the value as a long double (bash's printf); `bin` its exact bits when they differ from x's. */
export function formatFloat(x: number, conv: string, precision: number | null, flags: string, long?: { bin?: Binary }): string {
  const upper = conv === conv.toUpperCase();
  const lc = conv.toLowerCase();
  let body: string;
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  if (!Number.isFinite(ax)) {
    body = Number.isNaN(ax) ? "nan" : "inf";
  } else if (lc === "f") {
    body = toFixedExact(ax, precision ?? 6, long?.bin);
    if (flags.includes("#") && !body.includes(".")) body += ".";
  } else if (lc === "e") {
    body = expForm(ax, precision ?? 6, long?.bin);
    if (flags.includes("#") && !body.includes(".")) body = body.replace("e", ".e");
  } else if (lc === "g") {
    let p = precision ?? 6;
    if (p === 0) p = 1;
    if (ax === 0) body = "0";
    else {
      const exp = Number(expForm(ax, p - 1, long?.bin).split("e")[1]);
      if (exp < -4 || exp >= p) body = expForm(ax, p - 1, long?.bin);
      else body = toFixedExact(ax, p - 1 - exp, long?.bin);
      if (!flags.includes("#")) {
        body = body.replace(/(\.\d*?)0+(e|$)/, "$1$2").replace(/\.(e|$)/, "$1");
      }
    }
  } else if (long) {
    body = ax === 0 ? "0x0p+0" : hexLongDouble(long.bin ?? binaryOfDouble(ax), precision);
  } else {
    body = hexFloat(ax, precision);
  }
  if (upper) body = body.toUpperCase();
  const sign = neg && !Number.isNaN(x) ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  return sign + body;
}

/**
 * The exact decimal value of a finite non-negative double: digits and the
 * position of the decimal point (value = 0.DIGITS x 10^point). glibc prints
 * from this exact value, rounding half to even.
 */
export function exactDecimal(x: number): { digits: string; point: number } {
  if (x === 0) return { digits: "0", point: 1 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (exp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = exp - 1075;
  }
  let digits: string;
  let point: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    point = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    point = digits.length + e2;
  }
  return { digits, point };
}

/** Rounds digit string d (value 0.d x 10^point) to keep `keep` digits, half to even. */
function roundDigits(d: string, keep: number): { digits: string; carry: boolean } {
  if (keep >= d.length) return { digits: d.padEnd(Math.max(keep, 0), "0"), carry: false };
  if (keep < 0) return { digits: "", carry: false };
  const head = d.slice(0, keep);
  const next = d.charCodeAt(keep) - 48;
  const rest = d.slice(keep + 1);
  const tieOrMore = next > 5 || (next === 5 && /[1-9]/.test(rest));
  const tie = next === 5 && !/[1-9]/.test(rest);
  const last = keep > 0 ? head.charCodeAt(keep - 1) - 48 : 0;
  const up = tieOrMore || (tie && last % 2 === 1);
  if (!up) return { digits: head, carry: false };
  const n = (BigInt(head || "0") + 1n).toString();
  if (n.length > keep) return { digits: n, carry: true };
  return { digits: n.padStart(keep, "0"), carry: false };
}

function toFixedExact(x: number, digits: number, bin?: Binary): string {
  const { digits: d, point } = bin ? exactDecimalOf(bin) : exactDecimal(x);
  const keep = point + digits;
  let r = roundDigits(d, keep);
  let p = point;
  if (r.carry) p++;
  let all = r.digits;
  if (keep < 0 || all === "") {
    all = "";
  }
  // all holds p + digits digits (integer part first).
  const intLen = p;
  let intPart: string;
  let frac: string;
  if (intLen <= 0) {
    intPart = "0";
    frac = ("0".repeat(-intLen) + all).slice(0, digits).padEnd(digits, "0");
  } else {
    intPart = all.slice(0, intLen).padEnd(intLen, "0").replace(/^0+(?=\d)/, "");
    frac = all.slice(intLen).padEnd(digits, "0");
  }
  void r;
  r = { digits: "", carry: false };
  return digits > 0 ? `${intPart}.${frac}` : intPart;
}

function expForm(x: number, digits: number, bin?: Binary): string {
  let mant: string;
  let e: number;
  if (x === 0) {
    mant = "0".repeat(digits + 1);
    e = 0;
  } else {
    const { digits: d, point } = bin ? exactDecimalOf(bin) : exactDecimal(x);
    const first = d.search(/[1-9]/);
    const sig = d.slice(first);
    const r = roundDigits(sig, digits + 1);
    mant = r.digits.slice(0, digits + 1);
    e = point - first - 1 + (r.carry ? 1 : 0);
  }
  const m = digits > 0 ? `${mant[0]}.${mant.slice(1)}` : mant[0];
  return `${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

function hexFloat(x: number, precision: number | null): string {
  if (x === 0) return "0x0p+0";
  let e = Math.floor(Math.log2(x));
  let m = x / 2 ** e;
  if (m >= 2) {
    m /= 2;
    e++;
  }
  let frac = "";
  let f = m - 1;
  for (let i = 0; i < 13 && f > 0; i++) {
    f *= 16;
    const d = Math.floor(f);
    frac += d.toString(16);
    f -= d;
  }
  if (precision !== null) frac = frac.slice(0, precision).padEnd(precision, "0");
  return `0x1${frac ? "." + frac : ""}p${e < 0 ? "-" : "+"}${Math.abs(e)}`;
}
