import type { CommandContext } from "../types.js";
import { parsePosixTz, posixOffset } from "./posix-tz.js";
import { tzdataAbbr } from "./zone-names.js";

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
  /** Daylight saving time in effect (tm_isdst). */
  isdst?: boolean;
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

/** Zone names that are UTC under the name "UTC" (glibc reads TZ="" and UTC0 as UTC too). */
function isUtc(zone: string): boolean {
  return zone === "UTC" || zone === "Etc/UTC" || zone === "UTC0" || zone === "";
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

const zoneKinds = new Map<string, "utc" | "intl" | "posix">();

/**
 * How a zone string is read: a tz database name (glibc opens the file, so the
 * case must match), else a POSIX TZ string (JST-9, CET-1CEST, Foo).
 */
function zoneKind(zone: string): "utc" | "intl" | "posix" {
  let kind = zoneKinds.get(zone);
  if (kind) return kind;
  if (isUtc(zone)) kind = "utc";
  else {
    kind = "posix";
    try {
      const resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
      // Intl ignores case; the zone files do not (TZ=utc is POSIX "utc", offset 0).
      if (resolved === zone || resolved.toLowerCase() !== zone.toLowerCase()) kind = "intl";
    } catch {
      // not a zone file name
    }
  }
  zoneKinds.set(zone, kind);
  return kind;
}

/** The zone a command formats times in: $TZ as glibc reads it, else the sandbox's. */
export function zoneOf(ctx: CommandContext): string {
  const tz = ctx.env.get("TZ");
  if (tz === undefined) return ctx.sandbox.timeZone || "UTC";
  return zoneFromTz(tz);
}

/** A TZ value as a zone string for localTime/fromLocal (":name", "posix/" and "right/" prefixes dropped). */
export function zoneFromTz(tz: string): string {
  let name = tz.startsWith(":") ? tz.slice(1) : tz;
  if (isUtc(name)) return "UTC";
  const bare = name.replace(/^(posix|right)\//, "");
  if (bare !== name && zoneKind(bare) !== "posix") name = bare;
  return name;
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

/** en-GB names Europe's zones as tzdata does, but invents others (GST for Dubai, where tzdata says +04). */
const BRITISH_NAMES = /^(Europe\/|Atlantic\/|Africa\/|(CET|EET|WET|MET)$)/;

function zoneAbbr(zone: string, ms: number, offset: number, isdst: boolean): string {
  const known = tzdataAbbr(zone, isdst);
  if (known) return known;
  let fs = abbrFormatters.get(zone);
  if (!fs) {
    const locales = BRITISH_NAMES.test(zone) ? ["en-US", "en-GB"] : ["en-US"];
    fs = locales.map((l) => new Intl.DateTimeFormat(l, { timeZone: zone, timeZoneName: "short" }));
    abbrFormatters.set(zone, fs);
  }
  for (const f of fs) {
    const name = f.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? "";
    if (name && !/^GMT[+-]/.test(name) && !/^UTC[+-]/.test(name)) return name === "UTC" && zone.startsWith("Etc/GMT") ? "GMT" : name;
  }
  // ICU names no zone before 1970: borrow 1971's name for the same day if the offset agrees.
  if (ms < 0) {
    const fourYears = 1461 * 86400000;
    const later = ms + Math.ceil(-ms / fourYears) * fourYears;
    if (intlOffset(zone, Math.floor(later / 1000)) === offset) return zoneAbbr(zone, later, offset, isdst);
  }
  // tzdata's numeric abbreviations: +04, +0530.
  const n = numericZone(offset);
  return n.endsWith("00") ? n.slice(0, 3) : n;
}

/** Seconds since the epoch of a UTC calendar time, for any year (Date.UTC maps 0-99 to 1900-1999). */
function utcSeconds(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime() / 1000;
}

/** Offset (seconds east of UTC) of an Intl zone at a whole second. */
function intlOffset(zone: string, epoch: number): number {
  const parts = partsFormatter(zone).formatToParts(epoch * 1000);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  // Intl writes BC years as 1, 2...: era "BC" means year 1 - y.
  const era = parts.find((p) => p.type === "era")?.value;
  const year = era === "BC" || era === "B" ? 1 - get("year") : get("year");
  return Math.round(utcSeconds(year, get("month"), get("day"), get("hour"), get("minute"), get("second")) - epoch);
}

const standardOffsets = new Map<string, number>();

/** tm_isdst for an Intl zone: ahead of the year's standard (smaller) offset. */
function intlIsDst(zone: string, epoch: number, offset: number): boolean {
  const year = new Date((epoch + offset) * 1000).getUTCFullYear();
  const key = `${zone}\0${year}`;
  let std = standardOffsets.get(key);
  if (std === undefined) {
    std = Math.min(intlOffset(zone, utcSeconds(year, 1, 1)), intlOffset(zone, utcSeconds(year, 7, 1)));
    standardOffsets.set(key, std);
  }
  return offset > std;
}

/** Offset, abbreviation and DST flag of `zone` at `epoch` seconds. */
export function zoneAt(zone: string, epoch: number): { offset: number; abbr: string; isdst: boolean } {
  const kind = zoneKind(zone);
  if (kind === "utc") return { offset: 0, abbr: "UTC", isdst: false };
  if (kind === "posix") return posixOffset(parsePosixTz(zone), epoch);
  const offset = intlOffset(zone, epoch);
  const isdst = intlIsDst(zone, epoch, offset);
  // tzdata calls these zones GMT; Intl says UTC.
  const abbr = /^(Etc\/)?(GMT[+-]?0?|Greenwich)$/.test(zone) ? "GMT" : zoneAbbr(zone, epoch * 1000, offset, isdst);
  return { offset, abbr, isdst };
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
  const z = zoneAt(zone, epoch);
  const offset = z.offset;
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
    zone: z.abbr,
    isdst: z.isdst,
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
  const guess = utcSeconds(year, month, day, hour, minute, second) * 1000;
  if (zoneKind(zone) === "utc") return guess;
  let t = guess - zoneAt(zone, Math.floor(guess / 1000)).offset * 1000;
  const second2 = zoneAt(zone, Math.floor(t / 1000)).offset;
  t = guess - second2 * 1000;
  return t;
}

export { strftime } from "./strftime.js";
