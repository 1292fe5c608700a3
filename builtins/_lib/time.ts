import type { CommandContext } from "../types.js";

/**
 * Wall-clock time in the sandbox time zone and strftime(3) as glibc formats it
 * (C locale names), for ls, stat, find -printf, touch and date. Zone offsets come
 * from Intl, which every runtime we target ships.
 */

/** A moment broken down in a time zone (struct tm plus the sub-second part). */
export interface LocalTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
  /** 0-365 */
  yday: number;
  /** Seconds east of UTC. */
  offset: number;
  /** Zone abbreviation (%Z). */
  zone: string;
  /** Whole seconds since the epoch. */
  epoch: number;
  nanos: number;
}

export const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const abbrFormatters = new Map<string, Intl.DateTimeFormat[]>();

function isUtc(zone: string): boolean {
  return zone === "UTC" || zone === "Etc/UTC" || zone === "UTC0" || zone === "GMT" || zone === "";
}

/** True when Intl knows the zone name. */
export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone a command formats times in: $TZ when it names a known zone, else the sandbox's. */
export function zoneOf(ctx: CommandContext): string {
  const tz = ctx.env.get("TZ");
  if (tz !== undefined) {
    if (isUtc(tz)) return "UTC";
    const name = tz.startsWith(":") ? tz.slice(1) : tz;
    if (isValidZone(name)) return name;
  }
  return ctx.sandbox.timeZone || "UTC";
}

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

function numericZone(offset: number, colon = false): string {
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, "0");
  const m = String(Math.floor((a % 3600) / 60)).padStart(2, "0");
  return sign + h + (colon ? ":" : "") + m;
}

function zoneAbbr(zone: string, ms: number, offset: number): string {
  if (isUtc(zone)) return "UTC";
  let fs = abbrFormatters.get(zone);
  if (!fs) {
    fs = ["en-US", "en-GB"].map((l) => new Intl.DateTimeFormat(l, { timeZone: zone, timeZoneName: "short" }));
    abbrFormatters.set(zone, fs);
  }
  for (const f of fs) {
    const name = f.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? "";
    if (name && !/^GMT[+-]/.test(name) && !/^UTC[+-]/.test(name)) return name;
  }
  // tzdata's numeric abbreviations: +04, +0530.
  const n = numericZone(offset);
  return n.endsWith("00") ? n.slice(0, 3) : n;
}

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
function daysFromCivil(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86400000);
}

/** Breaks `ms` (milliseconds since the epoch, fractions allowed) down in `zone`. */
export function localTime(ms: number, zone: string): LocalTime {
  const epoch = Math.floor(ms / 1000);
  let nanos = Math.round((ms - epoch * 1000) * 1e6);
  if (nanos > 999999999) nanos = 999999999;
  let offset = 0;
  if (!isUtc(zone)) {
    const parts = partsFormatter(zone).formatToParts(epoch * 1000);
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
    const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
    offset = Math.round(asUtc / 1000 - epoch);
  }
  const d = new Date((epoch + offset) * 1000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return {
    year,
    month,
    day,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
    yday: daysFromCivil(year, month, day) - daysFromCivil(year, 1, 1),
    offset,
    zone: isUtc(zone) ? "UTC" : zoneAbbr(zone, epoch * 1000, offset),
    epoch,
    nanos,
  };
}

/** Converts a wall-clock time in `zone` to epoch milliseconds (the earlier of two at a DST overlap). */
export function fromLocal(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  if (isUtc(zone)) return guess;
  let t = guess - localTime(guess, zone).offset * 1000;
  const second2 = localTime(t, zone).offset;
  t = guess - second2 * 1000;
  return t;
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

function pad(n: number, width: number, fill: string): string {
  const s = String(Math.abs(n));
  return (n < 0 ? "-" : "") + (fill === "" ? s : s.padStart(width, fill));
}

/**
 * glibc strftime in the C locale, with the GNU flags (`-` `_` `0` `^` `#`), field
 * widths, %N (nanoseconds, width = digits) and %:z / %::z.
 */
export function strftime(format: string, t: LocalTime): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== "%" || i + 1 >= format.length) {
      out += c;
      continue;
    }
    let j = i + 1;
    let flag = "";
    while ("-_0^#".includes(format[j] ?? "x") && j < format.length) flag += format[j++];
    let widthText = "";
    while (/[0-9]/.test(format[j] ?? "")) widthText += format[j++];
    let colons = 0;
    while (format[j] === ":") {
      colons++;
      j++;
    }
    const conv = format[j];
    if (conv === undefined) {
      out += format.slice(i);
      break;
    }
    const width = widthText ? Number(widthText) : undefined;
    const piece = directive(conv, t, flag, width, colons);
    if (piece === null) {
      out += format.slice(i, j + 1);
    } else {
      out += piece;
    }
    i = j;
  }
  return out;
}

function directive(conv: string, t: LocalTime, flag: string, width: number | undefined, colons: number): string | null {
  const fillOf = (def: string) =>
    flag.includes("-") ? "" : flag.includes("_") ? " " : flag.includes("0") ? "0" : def;
  const num = (n: number, w: number, def = "0") => {
    const fill = fillOf(def);
    const s = pad(n, width ?? w, fill);
    return fill === "" && width !== undefined ? s : s;
  };
  const text = (s: string) => {
    let v = flag.includes("^") ? s.toUpperCase() : flag.includes("#") ? swapCase(s) : s;
    if (width !== undefined && v.length < width) v = (flag.includes("0") ? "0" : " ").repeat(width - v.length) + v;
    return v;
  };
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  switch (conv) {
    case "%":
      return "%";
    case "n":
      return "\n";
    case "t":
      return "\t";
    case "a":
      return text(DAY_NAMES[t.weekday].slice(0, 3));
    case "A":
      return text(DAY_NAMES[t.weekday]);
    case "b":
    case "h":
      return text(MONTH_NAMES[t.month - 1].slice(0, 3));
    case "B":
      return text(MONTH_NAMES[t.month - 1]);
    case "c":
      return text(strftime("%a %b %e %H:%M:%S %Y", t));
    case "C":
      return num(Math.floor(t.year / 100), 2);
    case "d":
      return num(t.day, 2);
    case "D":
      return text(strftime("%m/%d/%y", t));
    case "e":
      return num(t.day, 2, " ");
    case "F":
      return text(strftime("%Y-%m-%d", t));
    case "g":
      return num(isoWeek(t).year % 100, 2);
    case "G":
      return num(isoWeek(t).year, 1);
    case "H":
      return num(t.hour, 2);
    case "I":
      return num(hour12, 2);
    case "j":
      return num(t.yday + 1, 3);
    case "k":
      return num(t.hour, 2, " ");
    case "l":
      return num(hour12, 2, " ");
    case "m":
      return num(t.month, 2);
    case "M":
      return num(t.minute, 2);
    case "N": {
      const digits = String(t.nanos).padStart(9, "0");
      const w = width ?? 9;
      return w <= 9 ? digits.slice(0, w) : digits + "0".repeat(w - 9);
    }
    case "p":
      return text(t.hour < 12 ? "AM" : "PM");
    case "P":
      return text(t.hour < 12 ? "am" : "pm");
    case "r":
      return text(strftime("%I:%M:%S %p", t));
    case "R":
      return text(strftime("%H:%M", t));
    case "s":
      return num(t.epoch, 1);
    case "S":
      return num(t.second, 2);
    case "T":
      return text(strftime("%H:%M:%S", t));
    case "u":
      return num(t.weekday === 0 ? 7 : t.weekday, 1);
    case "U":
      return num(Math.floor((t.yday + 7 - t.weekday) / 7), 2);
    case "V":
      return num(isoWeek(t).week, 2);
    case "w":
      return num(t.weekday, 1);
    case "W":
      return num(Math.floor((t.yday + 7 - ((t.weekday + 6) % 7)) / 7), 2);
    case "x":
      return text(strftime("%m/%d/%y", t));
    case "X":
      return text(strftime("%H:%M:%S", t));
    case "y":
      return num(((t.year % 100) + 100) % 100, 2);
    case "Y":
      return num(t.year, 1);
    case "z": {
      if (colons === 0) return numericZone(t.offset);
      if (colons === 1) return numericZone(t.offset, true);
      const a = Math.abs(t.offset);
      const hm = numericZone(t.offset, true);
      return colons === 2 ? hm + ":" + String(a % 60).padStart(2, "0") : hm.endsWith(":00") ? hm.slice(0, 3) : hm;
    }
    case "Z":
      return text(t.zone);
    default:
      return null;
  }
}

function swapCase(s: string): string {
  return s === s.toUpperCase() ? s.toLowerCase() : s.toUpperCase();
}
