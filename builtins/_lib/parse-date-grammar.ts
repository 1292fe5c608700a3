/**
 * The grammar of gnulib's parse_datetime (parse-datetime.y), the
 * date strings of date -d, touch -d and find -newermt. The bison grammar's
 * conflicts all resolve by shifting, so each item is read greedily with one
 * token of lookahead, committing the way the LALR parser does.
 *
 *   spec  := '@' seconds | item*
 *   item  := datetime | time | local_zone | 'J' | zone | date | day | rel | number | hybrid
 */

import { MER_24, type LocalZones, type NumTok, type Tok, type WordKind } from "./parse-date-lexer.js";

export { tokenize, type LocalZones } from "./parse-date-lexer.js";

export interface Rel {
  year: number;
  month: number;
  day: number;
  hour: number;
  minutes: number;
  seconds: number;
  ns: number;
}

export { MER_24, MER_AM, MER_PM } from "./parse-date-lexer.js";

/** parser_control: what the items set. */
export interface Parsed {
  timespec?: { sec: number; ns: number };
  year: { value: number; digits: number };
  month: number;
  day: number;
  hour: number;
  minutes: number;
  seconds: number;
  ns: number;
  meridian: number;
  rel: Rel;
  relsSeen: boolean;
  datesSeen: number;
  daysSeen: number;
  timesSeen: number;
  jZonesSeen: number;
  localZonesSeen: number;
  dstsSeen: number;
  zonesSeen: number;
  yearSeen: boolean;
  dayOrdinal: number;
  dayNumber: number;
  localIsdst: number;
  /** Seconds east of UTC. */
  timeZone: number;
}

const HOUR = 3600;

const REL0 = (): Rel => ({ year: 0, month: 0, day: 0, hour: 0, minutes: 0, seconds: 0, ns: 0 });

/** Thrown when the grammar rejects the input (YYABORT / a syntax error). */
class Reject extends Error {}

/** Reads the items of `tokens` into a Parsed started from `init`; null when the grammar rejects them. */
export function parseItems(tokens: Tok[], init: Parsed): Parsed | null {
  const pc = init;
  let pos = 0;
  const peek = (k = 0) => tokens[Math.min(pos + k, tokens.length - 1)];
  const next = () => tokens[Math.min(pos++, tokens.length - 1)];
  const isWord = (tok: Tok, kind: WordKind) => tok.t === "word" && tok.kind === kind;
  const isChar = (tok: Tok, c: string) => tok.t === "char" && tok.c === c;
  const fail = (): never => {
    throw new Reject();
  };
  const expectUnum = (): NumTok => {
    const tok = next();
    return tok.t === "unum" ? tok : fail();
  };
  const applyRel = (r: Rel, factor: number) => {
    pc.rel.year += factor * r.year;
    pc.rel.month += factor * r.month;
    pc.rel.day += factor * r.day;
    pc.rel.hour += factor * r.hour;
    pc.rel.minutes += factor * r.minutes;
    pc.rel.seconds += factor * r.seconds;
    pc.rel.ns += factor * r.ns;
    pc.relsSeen = true;
  };
  const unitRel = (kind: WordKind, n: number, unitValue: number, ns = 0): Rel | null => {
    const r = REL0();
    if (kind === "yearUnit") r.year = n;
    else if (kind === "monthUnit") r.month = n;
    else if (kind === "dayUnit") r.day = n * unitValue;
    else if (kind === "hourUnit") r.hour = n;
    else if (kind === "minuteUnit") r.minutes = n;
    else if (kind === "secUnit") {
      r.seconds = n;
      r.ns = ns;
    } else return null;
    return r;
  };
  const isUnit = (tok: Tok) => tok.t === "word" && unitRel(tok.kind, 0, 0) !== null;
  const setHms = (h: number, m: number, s: number, ns: number) => {
    pc.hour = h;
    pc.minutes = m;
    pc.seconds = s;
    pc.ns = ns;
  };
  /** time_zone_hhmm: an offset written HH, HHMM, or HH:MM. */
  const zoneHhmm = (s: NumTok, mm: number) => {
    let value = s.value;
    if (s.digits <= 2 && mm < 0) value *= 100;
    let minutes: number;
    if (mm < 0) minutes = Math.trunc(value / 100) * 60 + (value % 100);
    else minutes = value * 60 + (s.negative ? -mm : mm);
    if (!(-24 * 60 <= minutes && minutes <= 24 * 60)) fail();
    pc.timeZone = minutes * 60;
  };
  const oColonMinutes = () => {
    if (!isChar(peek(), ":")) return -1;
    next();
    return expectUnum().value;
  };
  /** zone_offset: tSNUMBER o_colon_minutes. */
  const zoneOffset = () => {
    const s = next() as NumTok;
    pc.zonesSeen++;
    zoneHhmm(s, oColonMinutes());
  };
  const unsignedSeconds = (): [number, number] => {
    const tok = next();
    if (tok.t === "unum") return [tok.value, 0];
    if (tok.t === "udec") return [tok.sec, tok.ns];
    return fail();
  };
  /** After tUNUMBER ':' tUNUMBER: the rest of a time (with meridian or zone). */
  const timeAfterMinutes = (h: number, m: number) => {
    let s = 0;
    let ns = 0;
    if (isChar(peek(), ":")) {
      next();
      [s, ns] = unsignedSeconds();
    }
    if (isWord(peek(), "meridian")) {
      setHms(h, m, s, ns);
      pc.meridian = (next() as { value: number }).value;
    } else {
      setHms(h, m, s, ns);
      pc.meridian = MER_24;
      if (peek().t === "snum") zoneOffset();
    }
  };
  /** iso_8601_time after 'T'. */
  const isoTime = () => {
    const h = expectUnum().value;
    if (isChar(peek(), ":")) {
      next();
      const m = expectUnum().value;
      let s = 0;
      let ns = 0;
      if (isChar(peek(), ":")) {
        next();
        [s, ns] = unsignedSeconds();
      }
      setHms(h, m, s, ns);
      pc.meridian = MER_24;
      if (peek().t === "snum") zoneOffset();
    } else if (peek().t === "snum") {
      setHms(h, 0, 0, 0);
      pc.meridian = MER_24;
      zoneOffset();
    } else fail();
  };
  const digitsToDateTime = (n: NumTok) => {
    if (pc.datesSeen && !pc.year.digits && !pc.relsSeen && (pc.timesSeen || 2 < n.digits)) {
      pc.yearSeen = true;
      pc.year = { value: n.value, digits: n.digits };
    } else if (4 < n.digits) {
      pc.datesSeen++;
      pc.day = n.value % 100;
      pc.month = Math.floor(n.value / 100) % 100;
      pc.year = { value: Math.floor(n.value / 10000), digits: n.digits - 4 };
    } else {
      pc.timesSeen++;
      if (n.digits <= 2) {
        pc.hour = n.value;
        pc.minutes = 0;
      } else {
        pc.hour = Math.floor(n.value / 100);
        pc.minutes = n.value % 100;
      }
      pc.seconds = 0;
      pc.ns = 0;
      pc.meridian = MER_24;
    }
  };
  const relWithAgo = (r: Rel) => {
    const ago = peek();
    if (ago.t === "word" && ago.kind === "ago") {
      next();
      applyRel(r, ago.value);
    } else applyRel(r, 1);
  };
  const itemUnum = (n: NumTok) => {
    const t1 = peek();
    if (isWord(t1, "meridian")) {
      next();
      setHms(n.value, 0, 0, 0);
      pc.meridian = (t1 as { value: number }).value;
      pc.timesSeen++;
    } else if (isChar(t1, ":")) {
      next();
      timeAfterMinutes(n.value, expectUnum().value);
      pc.timesSeen++;
    } else if (t1.t === "snum") {
      next();
      const t2 = peek();
      if (t2.t === "snum") {
        next();
        pc.year = { value: n.value, digits: n.digits };
        pc.month = -t1.value;
        pc.day = -t2.value;
        if (isWord(peek(), "T")) {
          next();
          isoTime();
          pc.timesSeen++;
        }
        pc.datesSeen++;
      } else if (isUnit(t2)) {
        next();
        digitsToDateTime(n);
        applyRel(unitRel((t2 as { kind: WordKind }).kind, t1.value, (t2 as { value: number }).value)!, 1);
      } else {
        pc.zonesSeen++;
        setHms(n.value, 0, 0, 0);
        pc.meridian = MER_24;
        zoneHhmm(t1, oColonMinutes());
        pc.timesSeen++;
      }
    } else if (isWord(t1, "day")) {
      next();
      pc.dayOrdinal = n.value;
      pc.dayNumber = (t1 as { value: number }).value;
      pc.daysSeen++;
    } else if (isChar(t1, "/")) {
      next();
      const m = expectUnum();
      if (isChar(peek(), "/")) {
        next();
        const y = expectUnum();
        if (4 <= n.digits) {
          pc.year = { value: n.value, digits: n.digits };
          pc.month = m.value;
          pc.day = y.value;
        } else {
          pc.month = n.value;
          pc.day = m.value;
          pc.year = { value: y.value, digits: y.digits };
        }
      } else {
        pc.month = n.value;
        pc.day = m.value;
      }
      pc.datesSeen++;
    } else if (isWord(t1, "month")) {
      next();
      pc.day = n.value;
      pc.month = (t1 as { value: number }).value;
      const t2 = peek();
      if (t2.t === "snum") {
        next();
        pc.year = { value: -t2.value, digits: t2.digits };
      } else if (t2.t === "unum") {
        next();
        pc.year = { value: t2.value, digits: t2.digits };
      }
      pc.datesSeen++;
    } else if (isUnit(t1)) {
      next();
      relWithAgo(unitRel((t1 as { kind: WordKind }).kind, n.value, (t1 as { value: number }).value)!);
    } else {
      digitsToDateTime(n);
    }
  };
  const itemZone = (z: number, allowHhmm: boolean) => {
    const t1 = peek();
    if (t1.t === "snum" && isUnit(peek(1))) {
      next();
      const u = next() as { kind: WordKind; value: number };
      pc.timeZone = z;
      applyRel(unitRel(u.kind, t1.value, u.value)!, 1);
    } else if (allowHhmm && t1.t === "snum") {
      next();
      zoneHhmm(t1, oColonMinutes());
      pc.timeZone += z;
    } else if (allowHhmm && isWord(t1, "dst")) {
      next();
      pc.timeZone = z + HOUR;
    } else pc.timeZone = z;
    pc.zonesSeen++;
  };
  const item = () => {
    const tok = next();
    switch (tok.t) {
      case "unum":
        return itemUnum(tok);
      case "snum": {
        const u = peek();
        if (!isUnit(u)) fail();
        next();
        return relWithAgo(unitRel((u as { kind: WordKind }).kind, tok.value, (u as { value: number }).value)!);
      }
      case "udec":
      case "sdec": {
        if (!isWord(peek(), "secUnit")) fail();
        next();
        return relWithAgo(unitRel("secUnit", tok.sec, 1, tok.ns)!);
      }
      case "char":
        return fail();
      case "end":
        return fail();
    }
    switch (tok.kind) {
      case "month": {
        const t1 = next();
        if (t1.t === "snum") {
          const t2 = next();
          if (t2.t !== "snum") fail();
          pc.month = tok.value;
          pc.day = -t1.value;
          pc.year = { value: -(t2 as { value: number }).value, digits: (t2 as { digits: number }).digits };
        } else if (t1.t === "unum") {
          pc.month = tok.value;
          pc.day = t1.value;
          if (isChar(peek(), ",") && peek(1).t === "unum") {
            next();
            const y = next() as NumTok;
            pc.year = { value: y.value, digits: y.digits };
          }
        } else fail();
        pc.datesSeen++;
        return;
      }
      case "day":
        if (isChar(peek(), ",")) next();
        pc.dayOrdinal = 0;
        pc.dayNumber = tok.value;
        pc.daysSeen++;
        return;
      case "ordinal": {
        const t1 = next();
        if (isWord(t1, "day")) {
          pc.dayOrdinal = tok.value;
          pc.dayNumber = (t1 as { value: number }).value;
          pc.daysSeen++;
          return;
        }
        if (!isUnit(t1)) fail();
        return relWithAgo(unitRel((t1 as { kind: WordKind }).kind, tok.value, (t1 as { value: number }).value)!);
      }
      case "yearUnit":
      case "monthUnit":
      case "dayUnit":
      case "hourUnit":
      case "minuteUnit":
      case "secUnit":
        return relWithAgo(unitRel(tok.kind, tok.kind === "dayUnit" ? 1 : 1, tok.value)!);
      case "dayShift":
        return applyRel({ ...REL0(), day: tok.value }, 1);
      case "zone":
        return itemZone(tok.value, true);
      case "T":
        return itemZone(-7 * HOUR, false);
      case "dayzone":
        pc.timeZone = tok.value + HOUR;
        pc.zonesSeen++;
        return;
      case "localzone":
        pc.localIsdst = tok.value;
        if (isWord(peek(), "dst")) {
          next();
          pc.localIsdst = 1;
          pc.dstsSeen++;
        }
        pc.localZonesSeen++;
        return;
      case "J":
        pc.jZonesSeen++;
        return;
      default:
        return fail();
    }
  };
  try {
    const first = peek();
    if (isChar(first, "@")) {
      next();
      const s = next();
      if (s.t === "unum" || s.t === "snum") pc.timespec = { sec: s.value, ns: 0 };
      else if (s.t === "udec" || s.t === "sdec") pc.timespec = { sec: s.sec, ns: s.ns };
      else fail();
      if (peek().t !== "end") fail();
      return pc;
    }
    while (peek().t !== "end") item();
    return pc;
  } catch (e) {
    if (e instanceof Reject) return null;
    throw e;
  }
}
