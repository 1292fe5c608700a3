import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, type OptionSpec } from "./_lib/options.js";
import { argmatch } from "./_lib/argmatch.js";
import { UsageError } from "./_lib/options.js";
import { quoteFile, quoteValue } from "./_lib/quote.js";
import { openInput } from "./_lib/input.js";
import { readLines } from "./_lib/lines.js";
import { localTime, strftime, zoneFromTz, zoneOf } from "./_lib/time.js";
import { parseDateTime, type Timespec } from "./_lib/parse-date.js";
import { decodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";

/**
 * date (GNU coreutils 9.1): prints the sandbox clock (ctx.sandbox.now) or a
 * parsed -d/-f/-r moment in +FORMAT, -I, -R or --rfc-3339, in $TZ (or UTC
 * for -u). The sandbox user cannot set the clock: -s and MMDDhhmm report
 * "cannot set date" and print the date, as GNU does for a non-root user.
 */

const HELP = `Usage: date [OPTION]... [+FORMAT]
  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]
Display date and time in the given FORMAT.
With -s, or with [MMDDhhmm[[CC]YY][.ss]], set the date and time.

Mandatory arguments to long options are mandatory for short options too.
  -d, --date=STRING          display time described by STRING, not 'now'
      --debug                annotate the parsed date,
                              and warn about questionable usage to stderr
  -f, --file=DATEFILE        like --date; once for each line of DATEFILE
  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format.
                               FMT='date' for date only (the default),
                               'hours', 'minutes', 'seconds', or 'ns'
                               for date and time to the indicated precision.
                               Example: 2006-08-14T02:34:56-06:00
  --resolution               output the available resolution of timestamps
                               Example: 0.000000001
  -R, --rfc-email            output date and time in RFC 5322 format.
                               Example: Mon, 14 Aug 2006 02:34:56 -0600
      --rfc-3339=FMT         output date/time in RFC 3339 format.
                               FMT='date', 'seconds', or 'ns'
                               for date and time to the indicated precision.
                               Example: 2006-08-14 02:34:56-06:00
  -r, --reference=FILE       display the last modification time of FILE
  -s, --set=STRING           set time described by STRING
  -u, --utc, --universal     print or set Coordinated Universal Time (UTC)
      --help        display this help and exit
      --version     output version information and exit

FORMAT controls the output.  Interpreted sequences are:

  %%   a literal %
  %a   locale's abbreviated weekday name (e.g., Sun)
  %A   locale's full weekday name (e.g., Sunday)
  %b   locale's abbreviated month name (e.g., Jan)
  %B   locale's full month name (e.g., January)
  %c   locale's date and time (e.g., Thu Mar  3 23:05:25 2005)
  %C   century; like %Y, except omit last two digits (e.g., 20)
  %d   day of month (e.g., 01)
  %D   date; same as %m/%d/%y
  %e   day of month, space padded; same as %_d
  %F   full date; like %+4Y-%m-%d
  %g   last two digits of year of ISO week number (see %G)
  %G   year of ISO week number (see %V); normally useful only with %V
  %h   same as %b
  %H   hour (00..23)
  %I   hour (01..12)
  %j   day of year (001..366)
  %k   hour, space padded ( 0..23); same as %_H
  %l   hour, space padded ( 1..12); same as %_I
  %m   month (01..12)
  %M   minute (00..59)
  %n   a newline
  %N   nanoseconds (000000000..999999999)
  %p   locale's equivalent of either AM or PM; blank if not known
  %P   like %p, but lower case
  %q   quarter of year (1..4)
  %r   locale's 12-hour clock time (e.g., 11:11:04 PM)
  %R   24-hour hour and minute; same as %H:%M
  %s   seconds since the Epoch (1970-01-01 00:00 UTC)
  %S   second (00..60)
  %t   a tab
  %T   time; same as %H:%M:%S
  %u   day of week (1..7); 1 is Monday
  %U   week number of year, with Sunday as first day of week (00..53)
  %V   ISO week number, with Monday as first day of week (01..53)
  %w   day of week (0..6); 0 is Sunday
  %W   week number of year, with Monday as first day of week (00..53)
  %x   locale's date representation (e.g., 12/31/99)
  %X   locale's time representation (e.g., 23:13:48)
  %y   last two digits of year (00..99)
  %Y   year
  %z   +hhmm numeric time zone (e.g., -0400)
  %:z  +hh:mm numeric time zone (e.g., -04:00)
  %::z  +hh:mm:ss numeric time zone (e.g., -04:00:00)
  %:::z  numeric time zone with : to necessary precision (e.g., -04, +05:30)
  %Z   alphabetic time zone abbreviation (e.g., EDT)

By default, date pads numeric fields with zeroes.
The following optional flags may follow '%':

  -  (hyphen) do not pad the field
  _  (underscore) pad with spaces
  0  (zero) pad with zeros
  +  pad with zeros, and put '+' before future years with >4 digits
  ^  use upper case if possible
  #  use opposite case if possible

After any flags comes an optional field width, as a decimal number;
then an optional modifier, which is either
E to use the locale's alternate representations if available, or
O to use the locale's alternate numeric symbols if available.

Examples:
Convert seconds since the Epoch (1970-01-01 UTC) to a date
  $ date --date='@2147483647'

Show the time on the west coast of the US (use tzselect(1) to find TZ)
  $ TZ='America/Los_Angeles' date

Show the local time for 9AM next Friday on the west coast of the US
  $ date --date='TZ="America/Los_Angeles" 09:00 next Fri'

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/date>
or available locally via: info '(coreutils) date invocation'
`;

// In GNU's long-option order.
const SPEC: OptionSpec = {
  date: { short: "d", long: "date", arg: "required" },
  debug: { long: "debug" },
  file: { short: "f", long: "file", arg: "required" },
  iso: { short: "I", long: "iso-8601", arg: "optional" },
  reference: { short: "r", long: "reference", arg: "required" },
  resolution: { long: "resolution" },
  rfcEmail: { short: "R", long: ["rfc-email", "rfc-822", "rfc-2822"] },
  rfc3339: { long: "rfc-3339", arg: "required" },
  set: { short: "s", long: "set", arg: "required" },
  utc: { short: "u", long: ["uct", "utc", "universal"] },
};

const DEFAULT_FORMAT = "%a %b %e %H:%M:%S %Z %Y";
const ISO_FORMATS: ReadonlyArray<readonly [string, string]> = [
  ["hours", "%Y-%m-%dT%H%:z"],
  ["minutes", "%Y-%m-%dT%H:%M%:z"],
  ["date", "%Y-%m-%d"],
  ["seconds", "%Y-%m-%dT%H:%M:%S%:z"],
  ["ns", "%Y-%m-%dT%H:%M:%S,%N%:z"],
];
const RFC3339_FORMATS: ReadonlyArray<readonly [string, string]> = [
  ["date", "%Y-%m-%d"],
  ["seconds", "%Y-%m-%d %H:%M:%S%:z"],
  ["ns", "%Y-%m-%d %H:%M:%S.%N%:z"],
];
/** JavaScript's Date reaches ±8.64e12 seconds; glibc goes further. */
const MAX_SECONDS = 8.64e12;

/** posixtime: MMDDhhmm[[CC]YY][.ss] for setting the clock. */
function posixTime(text: string, now: Timespec, zone: string): Timespec | null {
  const m = /^(\d{8})(\d{2}|\d{4})?(?:\.(\d{2}))?$/.exec(text);
  if (!m) return null;
  const [mo, d, h, mi] = [0, 2, 4, 6].map((i) => Number(m[1].slice(i, i + 2)));
  let year = localTime(now.sec * 1000, zone).year;
  if (m[2]) year = m[2].length === 4 ? Number(m[2]) : Number(m[2]) + (Number(m[2]) < 69 ? 2000 : 1900);
  const s = m[3] ? Number(m[3]) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return parseDateTime(`${pad(year, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`, now, zone);
}

/**
 * date's adjust_resolution: "%-N" means as many digits as the clock resolves
 * (nanoseconds here), so it becomes "%9N".
 */
function adjustResolution(format: string): string {
  return format.replace(/%(%|-N)/g, (m, what: string) => (what === "%" ? m : "%9N"));
}

/** show_date: the moment in the format, one line. */
function show(ctx: CommandContext, when: Timespec, format: string, zone: string): boolean {
  if (!Number.isFinite(when.sec) || Math.abs(when.sec) > MAX_SECONDS) {
    ctx.stderr.write(`date: time ${when.sec} is out of range\n`);
    return false;
  }
  const t = localTime(when.sec * 1000, zone);
  t.nanos = when.ns;
  ctx.stdout.write(strftime(format, t) + "\n");
  return true;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  let format: string | null = null;
  try {
    for (const { key, value } of opts.order) {
      let next: string | null = null;
      if (key === "iso") next = value === true ? "%Y-%m-%d" : argmatch(ctx, "--iso-8601", value, ISO_FORMATS);
      else if (key === "rfc3339") next = argmatch(ctx, "--rfc-3339", value as string, RFC3339_FORMATS);
      else if (key === "rfcEmail") next = "%a, %d %b %Y %H:%M:%S %z";
      if (next !== null) {
        if (format !== null) {
          ctx.stderr.write("date: multiple output formats specified\n");
          return 1;
        }
        format = next;
      }
    }
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
  const datestr = opts.get("date");
  const batch = opts.get("file");
  const reference = opts.get("reference");
  const setStr = opts.get("set");
  const resolution = opts.has("resolution");
  const specified = [datestr, batch, reference].filter((v) => v !== undefined).length + (resolution ? 1 : 0);
  if (specified > 1) {
    return usageError(ctx, "the options to specify dates for printing are mutually exclusive").status;
  }
  if (setStr !== undefined && specified) {
    return usageError(ctx, "the options to print and set the time may not be used together").status;
  }
  const operands = opts.operands;
  let operand: string | undefined;
  if (operands.length) {
    if (operands.length > 1) return usageError(ctx, `extra operand ${quoteValue(operands[1])}`).status;
    if (operands[0].startsWith("+")) {
      if (format !== null) {
        ctx.stderr.write("date: multiple output formats specified\n");
        return 1;
      }
      format = operands[0].slice(1);
    } else if (setStr !== undefined || specified) {
      return usageError(
        ctx,
        `the argument ${quoteValue(operands[0])} lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'`,
      ).status;
    } else operand = operands[0];
  }
  if (format === null) format = resolution ? "%s.%N" : DEFAULT_FORMAT;
  format = adjustResolution(format);
  const zone = opts.has("utc") ? zoneFromTz("UTC0") : zoneOf(ctx);
  const nowMs = ctx.sandbox.now();
  // The sandbox clock counts milliseconds (fractions allowed): keep microseconds, not float noise.
  const sec = Math.floor(nowMs / 1000);
  const now: Timespec = { sec, ns: Math.min(999999000, Math.round((nowMs - sec * 1000) * 1e3) * 1e3) };
  if (batch !== undefined) return batchConvert(ctx, batch, format, now, zone);
  let when: Timespec | null = now;
  let setting = setStr !== undefined;
  let text = "";
  if (operand !== undefined) {
    setting = true;
    text = operand;
    when = posixTime(operand, now, zone);
  } else if (reference !== undefined) {
    try {
      const ms = (await ctx.fs.stat(ctx.resolve(reference))).mtimeMs;
      const sec = Math.floor(ms / 1000);
      when = { sec, ns: Math.round((ms - sec * 1000) * 1e6) };
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`date: ${quoteFile(reference)}: ${e.message}\n`);
      return 1;
    }
  } else if (resolution) {
    when = { sec: 0, ns: 1 };
  } else if (datestr !== undefined || setStr !== undefined) {
    text = setStr ?? datestr!;
    when = parseDateTime(text, now, zone);
  }
  if (when === null) {
    ctx.stderr.write(`date: invalid date ${quoteValue(text)}\n`);
    return 1;
  }
  let ok = true;
  if (setting) {
    // The sandbox user may not set the clock (EPERM), as for any non-root user.
    ctx.stderr.write("date: cannot set date: Operation not permitted\n");
    ok = false;
  }
  return show(ctx, when, format, zone) && ok ? 0 : 1;
}

/** -f: one date per line of FILE ("-" is stdin). */
async function batchConvert(ctx: CommandContext, file: string, format: string, now: Timespec, zone: string): Promise<number> {
  let reader;
  try {
    reader = await openInput(ctx, file);
  } catch (e) {
    if (!isFsError(e)) throw e;
    ctx.stderr.write(`date: ${quoteFile(file)}: ${e.message}\n`);
    return 1;
  }
  let ok = true;
  for await (const line of readLines(reader)) {
    ctx.budget.step();
    const text = decodeUtf8(line.bytes);
    const when = parseDateTime(text, now, zone);
    if (when === null) {
      ctx.stderr.write(`date: invalid date ${quoteValue(text)}\n`);
      ok = false;
    } else if (!show(ctx, when, format, zone)) ok = false;
  }
  return ok ? 0 : 1;
}

export const date: CommandDef = { name: "date", help: HELP, run };
