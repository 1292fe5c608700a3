import { fromLocal, localTime, zoneAt, zoneFromTz } from "./time.js";
import { MER_24, MER_AM, MER_PM, parseItems, tokenize, type LocalZones, type Parsed } from "./parse-date-grammar.js";

/**
 * Date strings as GNU parse_datetime reads them (date -d, touch -d, find
 * -newermt): the grammar is in parse-date-grammar.ts; this is
 * parse_datetime_body, which turns the items into a moment the way mktime
 * does (invalid fields are an error, relative items may overflow freely).
 */

/** A moment: whole seconds since the epoch and nanoseconds. */
export interface Timespec {
  sec: number;
  ns: number;
}

/** struct tm, month 0-based, year in full. */
interface Tm {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
}

/** Wall-clock fields normalised by the Gregorian calendar (any year, any overflow). */
function normalize(tm: Tm): Tm {
  const d = new Date(0);
  d.setUTCFullYear(tm.year, tm.mon, tm.mday);
  d.setUTCHours(tm.hour, tm.min, tm.sec, 0);
  return { year: d.getUTCFullYear(), mon: d.getUTCMonth(), mday: d.getUTCDate(), hour: d.getUTCHours(), min: d.getUTCMinutes(), sec: d.getUTCSeconds() };
}

function sameTm(a: Tm, b: Tm): boolean {
  return a.year === b.year && a.mon === b.mon && a.mday === b.mday && a.hour === b.hour && a.min === b.min && a.sec === b.sec;
}

/** A zone string for a fixed offset (the "XXX" zone parse_datetime retries with). */
function fixedZone(offset: number): string {
  const a = Math.abs(offset);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  return `XXX${offset <= 0 ? "+" : "-"}${h}:${m}:${s}`;
}

/** The epoch second at which `zone` shows wall time `n` (the earlier one at an overlap). */
function wallToEpoch(n: Tm, zone: string): number {
  const d = new Date(0);
  d.setUTCFullYear(n.year, n.mon, n.mday);
  d.setUTCHours(n.hour, n.min, n.sec, 0);
  const guess = d.getTime() / 1000;
  const first = guess - zoneAt(zone, guess).offset;
  return guess - zoneAt(zone, first).offset;
}

/** mktime_z: the epoch second of `tm` in `zone`, with the fields it normalises to and tm_gmtoff. */
function mktime(tm: Tm, isdst: number, zone: string): { t: number; tm: Tm; wday: number; gmtoff: number } {
  const n = normalize(tm);
  let t = wallToEpoch(n, zone);
  if (isdst >= 0 && Number(zoneAt(zone, t).isdst) !== isdst) {
    // Fields given in the other DST state: mktime reads them with that state's offset.
    const jan = zoneAt(zone, Date.UTC(n.year, 0, 1) / 1000).offset;
    const jul = zoneAt(zone, Date.UTC(n.year, 6, 1) / 1000).offset;
    if (jan !== jul) t = wallToEpoch(n, "UTC") - (isdst ? Math.max(jan, jul) : Math.min(jan, jul));
  }
  const lt = localTime(t * 1000, zone);
  return {
    t,
    tm: { year: lt.year, mon: lt.month - 1, mday: lt.day, hour: lt.hour, min: lt.minute, sec: lt.second },
    wday: lt.weekday,
    gmtoff: lt.offset,
  };
}

function toHour(hours: number, meridian: number): number {
  if (meridian === MER_24) return hours >= 0 && hours < 24 ? hours : -1;
  if (meridian === MER_AM) return hours > 0 && hours < 12 ? hours : hours === 12 ? 0 : -1;
  if (meridian === MER_PM) return hours > 0 && hours < 12 ? hours + 12 : hours === 12 ? 12 : -1;
  return -1;
}

/** The zone abbreviations parse_datetime treats as local: now's, and a different-DST one within three quarters. */
function localZones(now: number, zone: string): LocalZones {
  const cur = zoneAt(zone, now);
  const out: LocalZones = [{ name: cur.abbr, isdst: Number(cur.isdst) }];
  for (let q = 1; q <= 3; q++) {
    const probe = zoneAt(zone, now + q * 90 * 86400);
    if (probe.isdst !== cur.isdst) {
      out.push({ name: probe.abbr, isdst: Number(probe.isdst) });
      break;
    }
  }
  if (out.length === 2 && out[0].name === out[1].name) return [{ name: out[0].name, isdst: -1 }];
  return out;
}

/** A leading TZ="..." in the string: the zone to read the rest in. */
function leadingZone(p: string): { zone: string; rest: string } | null {
  if (!p.startsWith('TZ="')) return null;
  let name = "";
  for (let i = 4; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") {
      const n = p[i + 1];
      if (n !== "\\" && n !== '"') return null;
      name += n;
      i++;
    } else if (c === '"') {
      return { zone: zoneFromTz(name), rest: p.slice(i + 1).replace(/^[ \t\n\v\f\r]+/, "") };
    } else name += c;
  }
  return null;
}

/** Parses `text` relative to `now` in `zone`; null when GNU would call it an invalid date. */
export function parseDateTime(text: string, now: Timespec, zone: string): Timespec | null {
  try {
    return parseBody(text, now, zone);
  } catch (e) {
    // DIVERGE: years JavaScript's Date cannot hold (past ±275760) count as invalid.
    if (e instanceof RangeError) return null;
    throw e;
  }
}

function parseBody(text: string, now: Timespec, zone: string): Timespec | null {
  let p = text.replace(/^[ \t\n\v\f\r]+/, "");
  const tzPrefix = leadingZone(p);
  if (tzPrefix) {
    zone = tzPrefix.zone;
    p = tzPrefix.rest;
  }
  const start = localTime(now.sec * 1000, zone);
  if (p === "") p = "0";
  const init: Parsed = {
    year: { value: start.year, digits: 0 },
    month: start.month,
    day: start.day,
    hour: start.hour,
    minutes: start.minute,
    seconds: start.second,
    ns: now.ns,
    meridian: MER_24,
    rel: { year: 0, month: 0, day: 0, hour: 0, minutes: 0, seconds: 0, ns: 0 },
    relsSeen: false,
    datesSeen: 0,
    daysSeen: 0,
    timesSeen: 0,
    jZonesSeen: 0,
    localZonesSeen: 0,
    dstsSeen: 0,
    zonesSeen: 0,
    yearSeen: false,
    dayOrdinal: 0,
    dayNumber: 0,
    localIsdst: -1,
    timeZone: 0,
  };
  const pc = parseItems(tokenize(p, localZones(now.sec, zone)), init);
  if (!pc) return null;
  if (pc.timespec) return pc.timespec;
  if (1 < (pc.timesSeen | pc.datesSeen | pc.daysSeen | pc.dstsSeen | (pc.jZonesSeen + pc.localZonesSeen + pc.zonesSeen))) return null;
  let year = pc.year.value;
  if (0 <= year && pc.year.digits === 2) year += year < 69 ? 2000 : 1900;
  const tm: Tm = { year, mon: pc.month - 1, mday: pc.day, hour: 0, min: 0, sec: 0 };
  let ns = pc.ns;
  if (pc.timesSeen || (pc.relsSeen && !pc.datesSeen && !pc.daysSeen)) {
    tm.hour = toHour(pc.hour, pc.meridian);
    if (tm.hour < 0) return null;
    tm.min = pc.minutes;
    tm.sec = pc.seconds;
  } else ns = 0;
  let isdst = pc.datesSeen | pc.daysSeen | pc.timesSeen ? -1 : Number(start.isdst ?? false);
  if (pc.localZonesSeen) isdst = pc.localIsdst;
  const tm0 = { ...tm };
  let r = mktime(tm, isdst, zone);
  if (!sameTm(tm0, r.tm)) {
    if (!pc.zonesSeen) return null;
    r = mktime(tm, isdst, fixedZone(pc.timeZone));
    if (!sameTm(tm0, r.tm)) return null;
  }
  let t = r.t;
  let cur = r.tm;
  let gmtoff = r.gmtoff;
  if (pc.daysSeen && !pc.datesSeen) {
    const ordinal = pc.dayOrdinal - (0 < pc.dayOrdinal && r.wday !== pc.dayNumber ? 1 : 0);
    const incr = ordinal * 7 + ((pc.dayNumber - r.wday + 7) % 7);
    ({ t, tm: cur, gmtoff } = mktime({ ...cur, mday: cur.mday + incr }, -1, zone));
  }
  if (pc.rel.year || pc.rel.month || pc.rel.day) {
    const shifted = { year: cur.year + pc.rel.year, mon: cur.mon + pc.rel.month, mday: cur.mday + pc.rel.day, hour: tm0.hour, min: tm0.min, sec: tm0.sec };
    ({ t, tm: cur, gmtoff } = mktime(shifted, isdst, zone));
  }
  if (pc.zonesSeen) t -= pc.timeZone - gmtoff;
  const sumNs = ns + pc.rel.ns;
  const normNs = ((sumNs % 1e9) + 1e9) % 1e9;
  const carry = (sumNs - normNs) / 1e9;
  return { sec: t + pc.rel.hour * 3600 + pc.rel.minutes * 60 + pc.rel.seconds + carry, ns: normNs };
}

/** parseDateTime for callers that want epoch milliseconds (touch -d, find -newermt). */
export function parseDate(text: string, now: number, zone: string): number | null {
  const sec = Math.floor(now / 1000);
  const r = parseDateTime(text, { sec, ns: Math.round((now - sec * 1000) * 1e6) }, zone);
  return r === null ? null : r.sec * 1000 + r.ns / 1e6;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 69 ? 2000 + n : 1900 + n;
}

/** touch -t's [[CC]YY]MMDDhhmm[.ss]; null when malformed. */
export function parseTouchStamp(text: string, now: number, zone: string): number | null {
  const m = /^(\d{8}|\d{10}|\d{12})(?:\.(\d{2}))?$/.exec(text);
  if (!m) return null;
  const digits = m[1];
  let year: number;
  let rest: string;
  if (digits.length === 12) {
    year = Number(digits.slice(0, 4));
    rest = digits.slice(4);
  } else if (digits.length === 10) {
    year = fullYear(digits.slice(0, 2));
    rest = digits.slice(2);
  } else {
    year = localTime(now, zone).year;
    rest = digits;
  }
  const [mo, d, h, mi] = [0, 2, 4, 6].map((i) => Number(rest.slice(i, i + 2)));
  const sec = m[2] ? Number(m[2]) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return null;
  return fromLocal(zone, year, mo, d, h, mi, sec);
}
