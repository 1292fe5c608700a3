/**
 * POSIX TZ strings, the form glibc falls back to when TZ names no zone file:
 * "std offset [dst [offset] [,start[/time],end[/time]]]", e.g. "JST-9",
 * "XYZ+3:30", "<+05>-5", "CET-1CEST,M3.5.0,M10.5.0/3". What glibc cannot read is UTC, named
 * after the leading name if there is one (TZ=Foo is "Foo", TZ=Z is "").
 */

export interface PosixZone {
  std: string;
  /** Seconds east of UTC. */
  stdOffset: number;
  dst?: string;
  dstOffset: number;
  /** Start and end of daylight time, each a rule plus seconds after local midnight. */
  start?: Rule;
  end?: Rule;
  /** DST without rules: glibc shifts the transitions of /usr/share/zoneinfo/posixrules (New York). */
  posixrules?: boolean;
}

type Rule = { kind: "J" | "n" | "M"; a: number; b: number; c: number; time: number };

/** New York's rules since 2007 and before, which posixrules holds. */
const NY_START: Rule = { kind: "M", a: 3, b: 2, c: 0, time: 0 };
const NY_END: Rule = { kind: "M", a: 11, b: 1, c: 0, time: 0 };
const NY_START_1987: Rule = { kind: "M", a: 4, b: 1, c: 0, time: 0 };
const NY_END_1987: Rule = { kind: "M", a: 10, b: 5, c: 0, time: 0 };

class Scanner {
  pos = 0;
  constructor(readonly s: string) {}
  name(): string | null {
    if (this.s[this.pos] === "<") {
      const close = this.s.indexOf(">", this.pos);
      if (close < 0) return null;
      const n = this.s.slice(this.pos + 1, close);
      this.pos = close + 1;
      return n.length >= 3 ? n : null;
    }
    const m = /^[A-Za-z]{3,}/.exec(this.s.slice(this.pos));
    if (!m) return null;
    this.pos += m[0].length;
    return m[0];
  }
  /** [+-]hh[:mm[:ss]] in seconds (signed as written). */
  time(signed: boolean): number | null {
    const m = (signed ? /^([+-]?)(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?/ : /^()(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?/).exec(this.s.slice(this.pos));
    if (!m) return null;
    this.pos += m[0].length;
    const v = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === "-" ? -v : v;
  }
  rule(): Rule | null {
    const rest = this.s.slice(this.pos);
    let m: RegExpExecArray | null;
    let rule: Rule;
    if ((m = /^M(\d{1,2})\.(\d)\.(\d)/.exec(rest))) rule = { kind: "M", a: +m[1], b: +m[2], c: +m[3], time: 7200 };
    else if ((m = /^J(\d{1,3})/.exec(rest))) rule = { kind: "J", a: +m[1], b: 0, c: 0, time: 7200 };
    else if ((m = /^(\d{1,3})/.exec(rest))) rule = { kind: "n", a: +m[1], b: 0, c: 0, time: 7200 };
    else return null;
    this.pos += m[0].length;
    if (this.s[this.pos] === "/") {
      this.pos++;
      const t = this.time(true);
      if (t === null) return null;
      rule.time = t;
    }
    return rule;
  }
}

const cache = new Map<string, PosixZone>();

/** Parses TZ as glibc does when it is not a zone file name; never fails (worst case: UTC). */
export function parsePosixTz(tz: string): PosixZone {
  let z = cache.get(tz);
  if (!z) {
    z = parse(tz);
    cache.set(tz, z);
  }
  return z;
}

function parse(tz: string): PosixZone {
  const sc = new Scanner(tz);
  const std = sc.name();
  // glibc keeps a name it could read, else none at all.
  if (std === null) return { std: "", stdOffset: 0, dstOffset: 0 };
  const off = sc.time(true);
  if (off === null) return { std, stdOffset: 0, dstOffset: 0 };
  const zone: PosixZone = { std, stdOffset: -off, dstOffset: -off };
  if (sc.pos >= tz.length) return zone;
  const dst = sc.name();
  if (dst === null) return zone;
  zone.dst = dst;
  zone.dstOffset = zone.stdOffset + 3600;
  if (sc.pos < tz.length && tz[sc.pos] !== ",") {
    const d = sc.time(true);
    if (d !== null) zone.dstOffset = -d;
  }
  zone.start = NY_START;
  zone.end = NY_END;
  zone.posixrules = true;
  if (tz[sc.pos] === ",") {
    sc.pos++;
    const start = sc.rule();
    if (start && tz[sc.pos] === ",") {
      sc.pos++;
      const end = sc.rule();
      if (end) {
        zone.start = start;
        zone.end = end;
        zone.posixrules = false;
      }
    }
  }
  return zone;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Seconds from the start of `year` (UTC calendar) to the rule's moment, as local wall time. */
function ruleSeconds(rule: Rule, year: number): number {
  let yday: number;
  if (rule.kind === "J") yday = rule.a - 1 + (isLeap(year) && rule.a >= 60 ? 1 : 0);
  else if (rule.kind === "n") yday = rule.a;
  else {
    const first = Date.UTC(year, rule.a - 1, 1);
    const wday = new Date(first).getUTCDay();
    let mday = 1 + ((rule.c - wday + 7) % 7) + (rule.b - 1) * 7;
    const days = new Date(Date.UTC(year, rule.a, 0)).getUTCDate();
    while (mday > days) mday -= 7;
    yday = Math.round((Date.UTC(year, rule.a - 1, mday) - Date.UTC(year, 0, 1)) / 86400000);
  }
  return yday * 86400 + rule.time;
}

/** The offset (seconds east) and abbreviation in force at `epoch` seconds. */
export function posixOffset(zone: PosixZone, epoch: number): { offset: number; abbr: string; isdst: boolean } {
  if (!zone.dst || !zone.start || !zone.end) return { offset: zone.stdOffset, abbr: zone.std, isdst: false };
  const year = new Date((epoch + zone.stdOffset) * 1000).getUTCFullYear();
  const base = Date.UTC(year, 0, 1) / 1000;
  let start: number;
  let end: number;
  if (zone.posixrules) {
    // glibc moves New York's transitions (07:00 and 06:00 UTC) by the zone's offsets.
    const old = year < 2007;
    start = base + ruleSeconds(old ? NY_START_1987 : NY_START, year) + 7 * 3600 + zone.stdOffset + 5 * 3600;
    end = base + ruleSeconds(old ? NY_END_1987 : NY_END, year) + 6 * 3600 + zone.dstOffset;
  } else {
    // Start is given in standard time, end in daylight time.
    start = base + ruleSeconds(zone.start, year) - zone.stdOffset;
    end = base + ruleSeconds(zone.end, year) - zone.dstOffset;
  }
  const inDst = start < end ? epoch >= start && epoch < end : !(epoch >= end && epoch < start);
  return inDst ? { offset: zone.dstOffset, abbr: zone.dst, isdst: true } : { offset: zone.stdOffset, abbr: zone.std, isdst: false };
}
