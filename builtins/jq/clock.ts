/**
 * jq's clock and time zone: `now` reads the sandbox clock, and localtime,
 * mktime-from-local and strflocaltime use the sandbox's IANA zone, never the
 * host's. Replaces the glue's emscripten_date_now, _localtime_js and _tzset_js.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Seconds east of UTC in `timeZone` at `ms`. */
export function zoneOffsetSeconds(timeZone: string, ms: number): number {
  if (timeZone === "UTC") return 0;
  try {
    const parts: Record<string, number> = {};
    for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = Number(p.value);
    const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return Math.round((local - Math.floor(ms / 1000) * 1000) / 1000);
  } catch {
    return 0;
  }
}

/** The zone's abbreviation at `ms` ("EST", "GMT+1"), at most 16 bytes. */
function zoneName(timeZone: string, ms: number): string {
  if (timeZone === "UTC") return "UTC";
  try {
    const p = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
      .formatToParts(ms)
      .find((x) => x.type === "timeZoneName");
    return (p?.value ?? "UTC").slice(0, 16);
  } catch {
    return "UTC";
  }
}

function writeCString(u8: Uint8Array, ptr: number, text: string): void {
  const bytes = new TextEncoder().encode(text);
  u8.set(bytes, ptr);
  u8[ptr + bytes.length] = 0;
}

/** Imports replacing the glue's clock and zone functions. */
export function timeImports(
  nowMs: () => number,
  timeZone: string,
  dv: () => DataView,
  u8: () => Uint8Array,
): Record<string, (...a: never[]) => unknown> {
  const year = new Date(nowMs() || Date.now()).getUTCFullYear();
  const jan = Date.UTC(year, 0, 1);
  const jul = Date.UTC(year, 6, 1);
  const janOff = zoneOffsetSeconds(timeZone, jan);
  const julOff = zoneOffsetSeconds(timeZone, jul);
  const stdOff = Math.min(janOff, julOff);
  return {
    emscripten_date_now: (() => nowMs()) as never,
    _tzset_js: ((pTimezone: number, pDaylight: number, stdName: number, dstName: number) => {
      const v = dv();
      v.setInt32(pTimezone, -stdOff, true);
      v.setInt32(pDaylight, janOff !== julOff ? 1 : 0, true);
      const janName = zoneName(timeZone, jan);
      const julName = zoneName(timeZone, jul);
      const [std, dst] = janOff <= julOff ? [janName, julName] : [julName, janName];
      writeCString(u8(), stdName, std);
      writeCString(u8(), dstName, dst);
    }) as never,
    _localtime_js: ((time: bigint, tm: number) => {
      const ms = Number(time) * 1000;
      const off = zoneOffsetSeconds(timeZone, ms);
      const d = new Date(ms + off * 1000);
      const v = dv();
      const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000);
      const fields = [d.getUTCSeconds(), d.getUTCMinutes(), d.getUTCHours(), d.getUTCDate(), d.getUTCMonth(), d.getUTCFullYear() - 1900, d.getUTCDay(), yday, off > stdOff ? 1 : 0, off];
      fields.forEach((x, i) => v.setInt32(tm + i * 4, x, true));
    }) as never,
  };
}
