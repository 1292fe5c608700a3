import { fromLocal, localTime } from "./time.js";

/**
 * Date strings as GNU parse_datetime reads them (touch -d, date -d, find
 * -newermt), the common subset: ISO dates and times with zones, @EPOCH,
 * month names, MM/DD/YYYY, HH:MM[:SS[.frac]] [am|pm], now/today/yesterday/
 * tomorrow, and relative items ("2 days ago", "-90 seconds", "next week").
 * Returns epoch milliseconds, or null for text it does not understand.
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const UNIT_WORDS = "years?|months?|fortnights?|weeks?|days?|hours?|minutes?|mins?|seconds?|secs?";
const UNIT_SECONDS: Record<string, number> = { second: 1, sec: 1, minute: 60, min: 60, hour: 3600, day: 86400, week: 604800, fortnight: 1209600 };

interface Parts {
  date?: { y: number; m: number; d: number };
  time?: { h: number; mi: number; s: number; ms: number };
  /** Zone offset in minutes east of UTC, when the text names one. */
  offset?: number;
  relMonths: number;
  relDays: number;
  relSeconds: number;
  weekday?: number;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 69 ? 2000 + n : 1900 + n;
}

function unitOf(word: string): string | null {
  const w = word.replace(/s$/, "");
  if (w === "year" || w === "month") return w;
  return w in UNIT_SECONDS ? w : null;
}

function addRelative(p: Parts, n: number, unit: string): void {
  if (unit === "year") p.relMonths += 12 * n;
  else if (unit === "month") p.relMonths += n;
  else if (unit === "day") p.relDays += n;
  else if (unit === "week") p.relDays += 7 * n;
  else if (unit === "fortnight") p.relDays += 14 * n;
  else p.relSeconds += UNIT_SECONDS[unit] * n;
}

/** Parses `text` relative to `now` (ms) in `zone`. */
export function parseDate(text: string, now: number, zone: string): number | null {
  let s = text.trim().toLowerCase();
  const epoch = /^@([+-]?\d+(?:\.\d+)?)$/.exec(s);
  if (epoch) return Number(epoch[1]) * 1000;
  const p: Parts = { relMonths: 0, relDays: 0, relSeconds: 0 };
  let pendingMonth: number | undefined;
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(s);
    if (m) s = s.slice(m[0].length).replace(/^[\s,]+/, "");
    return m;
  };
  s = s.replace(/^[\s,]+/, "");
  while (s.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = take(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:t(?=\d))?/))) {
      p.date = { y: +m[1], m: +m[2], d: +m[3] };
    } else if ((m = take(/^(\d{1,2})\/(\d{1,2})\/(\d{2,4})\b/))) {
      p.date = { y: fullYear(m[3]), m: +m[1], d: +m[2] };
    } else if ((m = take(/^(\d{4})(\d{2})(\d{2})(?:t(?=\d))?(?!\d)/))) {
      p.date = { y: +m[1], m: +m[2], d: +m[3] };
    } else if ((m = take(/^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:\s*([ap])\.?m\.?\b)?/))) {
      let h = +m[1];
      if (m[5]) h = (h % 12) + (m[5] === "p" ? 12 : 0);
      const frac = m[4] ? Number("0." + m[4]) * 1000 : 0;
      p.time = { h, mi: +m[2], s: m[3] ? +m[3] : 0, ms: frac };
      const z = take(/^([+-])(\d{2}):?(\d{2})?\b/);
      if (z) p.offset = (z[1] === "-" ? -1 : 1) * (+z[2] * 60 + (z[3] ? +z[3] : 0));
    } else if ((m = take(/^(\d{1,2})\s*([ap])\.?m\.?(?![a-z])/))) {
      p.time = { h: (+m[1] % 12) + (m[2] === "p" ? 12 : 0), mi: 0, s: 0, ms: 0 };
    } else if ((m = take(/^(utc|gmt|z)\b/))) {
      p.offset = 0;
    } else if ((m = take(new RegExp(`^([+-]?\\d+)\\s*(${UNIT_WORDS})\\b(\\s+ago\\b)?`)))) {
      addRelative(p, Number(m[1]) * (m[3] ? -1 : 1), unitOf(m[2])!);
    } else if ((m = take(/^(next|last|this)\s+([a-z]+)/))) {
      const n = m[1] === "next" ? 1 : m[1] === "last" ? -1 : 0;
      const unit = unitOf(m[2]);
      if (unit) addRelative(p, n, unit);
      else if (WEEKDAYS.includes(m[2].slice(0, 3))) p.weekday = WEEKDAYS.indexOf(m[2].slice(0, 3));
      else return null;
    } else if ((m = take(new RegExp(`^(${UNIT_WORDS})\\s+ago\\b`)))) {
      addRelative(p, -1, unitOf(m[1])!);
    } else if ((m = take(/^(now|today)\b/))) {
      // no change
    } else if ((m = take(/^yesterday\b/))) {
      p.relDays -= 1;
    } else if ((m = take(/^tomorrow\b/))) {
      p.relDays += 1;
    } else if ((m = take(/^([a-z]{3})[a-z]*\.?/))) {
      const w = m[1];
      if (MONTHS.includes(w)) {
        pendingMonth = MONTHS.indexOf(w) + 1;
        const day = take(/^(\d{1,2})(?!\d|:)/);
        const year = take(/^(\d{4})(?!\d|:)/);
        const cur = localTime(now, zone);
        if (day) p.date = { y: year ? +year[1] : cur.year, m: pendingMonth, d: +day[1] };
        else if (!p.date) return null;
      } else if (WEEKDAYS.includes(w)) {
        p.weekday = WEEKDAYS.indexOf(w);
      } else if (unitOf(m[0])) {
        addRelative(p, 1, unitOf(m[0])!);
      } else return null;
    } else if ((m = take(/^(\d{1,2})\s*-?\s*([a-z]{3})[a-z]*\.?(?:\s*-?\s*(\d{2,4}))?/)) && MONTHS.includes(m[2])) {
      const cur = localTime(now, zone);
      p.date = { y: m[3] ? fullYear(m[3]) : cur.year, m: MONTHS.indexOf(m[2]) + 1, d: +m[1] };
    } else if (p.date && !p.time && (m = take(/^(\d{4})\b/)) && pendingMonth !== undefined) {
      p.date.y = +m[1];
    } else {
      return null;
    }
  }
  return combine(p, now, zone);
}

function combine(p: Parts, now: number, zone: string): number | null {
  const cur = localTime(now, zone);
  const date = p.date ?? { y: cur.year, m: cur.month, d: cur.day };
  if (date.m < 1 || date.m > 12 || date.d < 1 || date.d > 31) return null;
  const explicit = p.date !== undefined || p.time !== undefined || p.weekday !== undefined;
  let time = p.time;
  if (!time) time = explicit ? { h: 0, mi: 0, s: 0, ms: 0 } : { h: cur.hour, mi: cur.minute, s: cur.second, ms: cur.nanos / 1e6 };
  if (time.h > 24 || time.mi > 59 || time.s > 60) return null;
  let y = date.y;
  let mo = date.m + p.relMonths;
  y += Math.floor((mo - 1) / 12);
  mo = ((((mo - 1) % 12) + 12) % 12) + 1;
  let d = date.d + p.relDays;
  if (p.weekday !== undefined && !p.date) {
    const wd = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
    d += (p.weekday - wd + 7) % 7;
  }
  let ms: number;
  if (p.offset !== undefined) {
    ms = Date.UTC(y, mo - 1, d, time.h, time.mi, time.s) - p.offset * 60000;
  } else {
    const norm = new Date(Date.UTC(y, mo - 1, d));
    ms = fromLocal(zone, norm.getUTCFullYear(), norm.getUTCMonth() + 1, norm.getUTCDate(), time.h, time.mi, time.s);
  }
  return ms + time.ms + p.relSeconds * 1000;
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
