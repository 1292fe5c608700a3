import { DAY_NAMES, MONTH_NAMES, type LocalTime } from "./time.js";

/**
 * strftime as gnulib's nstrftime formats it for GNU date in the C locale:
 * the flags `_ - 0 +` (last one wins) and `^ #`, field widths, the E and O
 * modifiers, %N's precision, %q, %:z %::z %:::z, and anything it does not
 * know copied through as written (padded to the width, as gnulib does).
 */

interface Spec {
  pad: string;
  width: number;
  upcase: boolean;
  lowcase: boolean;
  swap: boolean;
  modifier: string;
}

function isoWeek(t: LocalTime): { year: number; week: number } {
  const wday = (t.weekday + 6) % 7; // Monday = 0
  let year = t.year;
  let week = Math.floor((t.yday - wday + 10) / 7);
  const weeksIn = (y: number) => {
    const jan1 = new Date(Date.UTC(y, 0, 1)).getUTCDay();
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
  };
  if (week < 1) {
    year--;
    week = weeksIn(year);
  } else if (week > weeksIn(year)) {
    year++;
    week = 1;
  }
  return { year, week };
}

/** gnulib's width_add/cpy: pads to the width ('0' and '+' with zeros, '-' not at all). */
function padTo(s: string, width: number, pad: string): string {
  const w = pad === "-" || width < 0 ? 0 : width;
  if (s.length >= w) return s;
  return (pad === "0" || pad === "+" ? "0" : " ").repeat(w - s.length) + s;
}

/** Text with the case flags applied, then padded. */
function text(s: string, sp: Spec): string {
  const v = sp.lowcase ? s.toLowerCase() : sp.upcase ? s.toUpperCase() : s;
  return padTo(v, sp.width, sp.pad);
}

/** gnulib do_number .. do_number_sign_and_padding. */
function number(value: number, sp: Spec, digits: number, opts: { negative?: boolean; sign?: boolean; colons?: number } = {}): string {
  let u = Math.abs(value);
  let mask = opts.colons ?? 0;
  let buf = "";
  do {
    if (mask & 1) buf = ":" + buf;
    mask >>= 1;
    buf = String(u % 10) + buf;
    u = Math.floor(u / 10);
  } while (u !== 0 || mask !== 0);
  const pad = sp.pad || "0";
  let width = sp.width < 0 ? digits : sp.width;
  const negative = opts.negative ?? value < 0;
  const sign = negative ? "-" : opts.sign ? "+" : "";
  let out = "";
  if (sign) {
    const shortage = width - 1 - buf.length;
    const padding = pad === "-" || shortage <= 0 ? 0 : shortage;
    if (pad === "_") {
      out += " ".repeat(padding);
      width -= padding;
    }
    out += sign;
    width--;
  }
  return out + padTo(buf, width, pad);
}

/** DO_YEARISH: a '+' flag shows the sign when the year is wide or the width asks for more. */
function yearish(value: number, sp: Spec, digits: number, yrSpec: string): string {
  const s = { ...sp, pad: sp.pad || yrSpec };
  const sign = s.pad === "+" && ((digits === 2 ? 99 : 9999) < Math.abs(value) || digits < s.width);
  return number(value, s, digits, { sign });
}

/**
 * Formats `t`. A subformat (%c, %F...) passes its case flag, and %F its year
 * padding and a width that applies to the first directive only.
 */
export function strftime(format: string, t: LocalTime, upcase = false, yrSpec = "", firstWidth = -1): string {
  let out = "";
  let inheritedWidth = firstWidth;
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%") {
      out += format[i];
      continue;
    }
    const sp: Spec = { pad: "", width: inheritedWidth, upcase, lowcase: false, swap: false, modifier: "" };
    inheritedWidth = -1;
    let j = i + 1;
    for (; j < format.length; j++) {
      const f = format[j];
      if (f === "_" || f === "-" || f === "+" || f === "0") sp.pad = f;
      else if (f === "^") sp.upcase = true;
      else if (f === "#") sp.swap = true;
      else break;
    }
    if (/[0-9]/.test(format[j] ?? "")) {
      sp.width = 0;
      while (/[0-9]/.test(format[j] ?? "")) sp.width = Math.min(sp.width * 10 + Number(format[j++]), 1e6);
    }
    if (format[j] === "E" || format[j] === "O") sp.modifier = format[j++];
    let colons = 0;
    if (format[j] === ":") {
      let k = 1;
      while (k < 3 && format[j + k] === ":") k++;
      if (format[j + k] === "z") {
        colons = k;
        j += k;
      }
    }
    const conv = format[j] ?? "";
    // "%%" takes no flags, width or modifier: anything else makes it a bad format.
    const plainPercent = conv !== "%" || j === i + 1;
    const piece = conv === "" || !plainPercent ? null : directive(conv, t, sp, colons, yrSpec);
    if (piece === null) {
      // bad_format: the directive's own text, padded to its width ("%3%" pads all but its last '%').
      const end = conv === "" ? format.length : j + 1;
      const own = format.slice(i, end);
      out += conv === "%" ? padTo(own.slice(0, -1), sp.width, sp.pad) + "%" : padTo(own, sp.width, sp.pad);
      i = end - 1;
    } else {
      out += piece;
      i = j;
    }
  }
  return out;
}

/**
 * Conversions gnulib hands to glibc's own strftime when they carry E or O
 * (era and alternative digits): glibc pads none of the years, and the result
 * is padded like text.
 */
function underlying(conv: string, modifier: string, t: LocalTime): string | null {
  const two = (n: number) => String(((n % 100) + 100) % 100).padStart(2, "0");
  const key = modifier + conv;
  switch (key) {
    case "Ec":
      return strftime("%a %b %e %H:%M:%S ", t) + String(t.year);
    case "EC":
    case "OC":
      return String(Math.floor(t.year / 100));
    case "Ex":
      return strftime("%m/%d/%y", t);
    case "EX":
      return strftime("%H:%M:%S", t);
    case "Ey":
    case "Oy":
      return two(t.year);
    case "EY":
      return String(t.year);
    case "OG":
      return String(isoWeek(t).year);
    case "Og":
      return two(isoWeek(t).year);
    default:
      return null;
  }
}

function directive(conv: string, t: LocalTime, sp: Spec, colons: number, yrSpec: string): string | null {
  const E = sp.modifier === "E";
  const O = sp.modifier === "O";
  if (sp.modifier) {
    const glibc = underlying(conv, sp.modifier, t);
    if (glibc !== null) return text(glibc, sp);
  }
  const sub = (fmt: string) => padTo(strftime(fmt, t, sp.upcase), sp.width, sp.pad);
  const names = () => {
    if (sp.swap) {
      sp.upcase = true;
      sp.lowcase = false;
    }
  };
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  const spacePad = () => ({ ...sp, pad: sp.pad || "_" });
  switch (conv) {
    case "%":
      return sp.modifier ? null : text("%", sp);
    case "n":
      return text("\n", sp);
    case "t":
      return text("\t", sp);
    case "a":
      if (sp.modifier) return null;
      names();
      return text(DAY_NAMES[t.weekday].slice(0, 3), sp);
    case "A":
      if (sp.modifier) return null;
      names();
      return text(DAY_NAMES[t.weekday], sp);
    case "b":
    case "h":
      if (E) return null;
      names();
      return text(MONTH_NAMES[t.month - 1].slice(0, 3), sp);
    case "B":
      if (E) return null;
      names();
      return text(MONTH_NAMES[t.month - 1], sp);
    case "c":
      // gnulib asks glibc for %c, whose %Y is not zero-padded.
      return O ? null : text(underlying("c", "E", t)!, sp);
    case "C":
      return O ? null : yearish(Math.floor(t.year / 100), sp, 2, yrSpec);
    case "d":
      return E ? null : number(t.day, sp, 2);
    case "D":
      return sp.modifier ? null : sub("%m/%d/%y");
    case "e":
      return E ? null : number(t.day, spacePad(), 2);
    case "F": {
      if (sp.modifier) return null;
      // "%+4Y-%m-%d" by default; an explicit width or flag goes to the year (minus "-MM-DD").
      const plain = sp.pad === "" && sp.width < 0;
      const inner = strftime("%Y-%m-%d", t, sp.upcase, plain ? "+" : sp.pad, plain ? 4 : Math.max(0, sp.width - 6));
      return padTo(inner, sp.width, sp.pad);
    }
    case "g":
      return E ? null : yearish(((isoWeek(t).year % 100) + 100) % 100, sp, 2, yrSpec);
    case "G":
      return E ? null : yearish(isoWeek(t).year, sp, 4, yrSpec);
    case "H":
      return E ? null : number(t.hour, sp, 2);
    case "I":
      return E ? null : number(hour12, sp, 2);
    case "j":
      return E ? null : number(t.yday + 1, sp, 3);
    case "k":
      return E ? null : number(t.hour, spacePad(), 2);
    case "l":
      return E ? null : number(hour12, spacePad(), 2);
    case "m":
      return E ? null : number(t.month, sp, 2);
    case "M":
      return E ? null : number(t.minute, sp, 2);
    case "N":
      return E ? null : nanos(t.nanos, sp);
    case "P":
      sp.lowcase = true;
      return text(t.hour < 12 ? "AM" : "PM", sp);
    case "p":
      if (sp.swap) {
        sp.upcase = false;
        sp.lowcase = true;
      }
      return text(t.hour < 12 ? "AM" : "PM", sp);
    case "q":
      return O ? null : number(Math.floor((t.month - 1) / 3) + 1, sp, 1);
    case "r":
      return sub("%I:%M:%S %p");
    case "R":
      return sub("%H:%M");
    case "s":
      return number(t.epoch, sp, 1);
    case "S":
      return E ? null : number(t.second, sp, 2);
    case "T":
      return sub("%H:%M:%S");
    case "u":
      return number(t.weekday === 0 ? 7 : t.weekday, sp, 1);
    case "U":
      return E ? null : number(Math.floor((t.yday + 7 - t.weekday) / 7), sp, 2);
    case "V":
      return E ? null : number(isoWeek(t).week, sp, 2);
    case "w":
      return E ? null : number(t.weekday, sp, 1);
    case "W":
      return E ? null : number(Math.floor((t.yday + 7 - ((t.weekday + 6) % 7)) / 7), sp, 2);
    case "x":
      return O ? null : sub("%m/%d/%y");
    case "X":
      return O ? null : sub("%H:%M:%S");
    case "y":
      return yearish(((t.year % 100) + 100) % 100, sp, 2, yrSpec);
    case "Y":
      return O ? null : yearish(t.year, sp, 4, yrSpec);
    case "z":
      return zoneOffset(t.offset, sp, colons);
    case "Z":
      if (sp.swap) {
        sp.upcase = false;
        sp.lowcase = true;
      }
      return text(t.zone, sp);
    default:
      return null;
  }
}

/**
 * %N: the first WIDTH (default 9) digits of the nanoseconds without their
 * trailing zeros, padded back to the width with zeros, blanks ('_'), or not
 * at all ('-').
 */
function nanos(ns: number, sp: Spec): string {
  const nine = String(ns).padStart(9, "0");
  const width = sp.width <= 0 ? 9 : sp.width;
  let digits = nine.slice(0, Math.min(width, 9));
  while (digits.length > 1 && digits.endsWith("0")) digits = digits.slice(0, -1);
  const pad = sp.pad || "0";
  if (pad === "-") return digits;
  return digits + (pad === "_" ? " " : "0").repeat(Math.max(0, width - digits.length));
}

/** %z %:z %::z %:::z (gnulib DO_TZ_OFFSET: the sign is always shown). */
function zoneOffset(offset: number, sp: Spec, colons: number): string {
  const a = Math.abs(offset);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  const opts = { negative: offset < 0, sign: true };
  if (colons === 3) {
    if (s !== 0) colons = 2;
    else if (m !== 0) colons = 1;
    else return number(h, sp, 3, opts);
  }
  if (colons === 0) return number(h * 100 + m, sp, 5, opts);
  if (colons === 1) return number(h * 100 + m, sp, 6, { ...opts, colons: 0o4 });
  return number(h * 10000 + m * 100 + s, sp, 9, { ...opts, colons: 0o24 });
}
