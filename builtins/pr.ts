import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, UsageError, type OptionSpec, type ParsedOptions } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";
import { openInput } from "./_lib/input.js";
import { strftime } from "./_lib/strftime.js";
import { localTime, zoneOf } from "./_lib/time.js";
import { RecordSource } from "./pr/records.js";
import { Paginator, type PrLayout } from "./pr/paginate.js";

/**
 * pr (GNU coreutils 9.1): paginates with a 5-line header (date, title, page)
 * and trailer, numbers lines, and sets text in columns (down, -a across, or
 * -m one file per column), truncated to the column width and written with tabs.
 */

const HELP = `Usage: pr [OPTION]... [FILE]...
Paginate or columnate FILE(s) for printing.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  +FIRST_PAGE[:LAST_PAGE], --pages=FIRST_PAGE[:LAST_PAGE]
                    begin [stop] printing with page FIRST_[LAST_]PAGE
  -COLUMN, --columns=COLUMN
                    output COLUMN columns and print columns down,
                    unless -a is used. Balance number of lines in the
                    columns on each page
  -a, --across      print columns across rather than down, used together
                    with -COLUMN
  -c, --show-control-chars
                    use hat notation (^G) and octal backslash notation
  -d, --double-space
                    double space the output
  -D, --date-format=FORMAT
                    use FORMAT for the header date
  -e[CHAR[WIDTH]], --expand-tabs[=CHAR[WIDTH]]
                    expand input CHARs (TABs) to tab WIDTH (8)
  -F, -f, --form-feed
                    use form feeds instead of newlines to separate pages
                    (by a 3-line page header with -F or a 5-line header
                    and trailer without -F)
  -h, --header=HEADER
                    use a centered HEADER instead of filename in page header,
                    -h "" prints a blank line, don't use -h""
  -i[CHAR[WIDTH]], --output-tabs[=CHAR[WIDTH]]
                    replace spaces with CHARs (TABs) to tab WIDTH (8)
  -J, --join-lines  merge full lines, turns off -W line truncation, no column
                    alignment, --sep-string[=STRING] sets separators
  -l, --length=PAGE_LENGTH
                    set the page length to PAGE_LENGTH (66) lines
                    (default number of lines of text 56, and with -F 63).
                    implies -t if PAGE_LENGTH <= 10
  -m, --merge       print all files in parallel, one in each column,
                    truncate lines, but join lines of full length with -J
  -n[SEP[DIGITS]], --number-lines[=SEP[DIGITS]]
                    number lines, use DIGITS (5) digits, then SEP (TAB),
                    default counting starts with 1st line of input file
  -N, --first-line-number=NUMBER
                    start counting with NUMBER at 1st line of first
                    page printed (see +FIRST_PAGE)
  -o, --indent=MARGIN
                    offset each line with MARGIN (zero) spaces, do not
                    affect -w or -W, MARGIN will be added to PAGE_WIDTH
  -r, --no-file-warnings
                    omit warning when a file cannot be opened
  -s[CHAR], --separator[=CHAR]
                    separate columns by a single character, default for CHAR
                    is the <TAB> character without -w and 'no char' with -w.
                    -s[CHAR] turns off line truncation of all 3 column
                    options (-COLUMN|-a -COLUMN|-m) except -w is set
  -S[STRING], --sep-string[=STRING]
                    separate columns by STRING,
                    without -S: Default separator <TAB> with -J and <space>
                    otherwise (same as -S" "), no effect on column options
  -t, --omit-header  omit page headers and trailers;
                     implied if PAGE_LENGTH <= 10
  -T, --omit-pagination
                    omit page headers and trailers, eliminate any pagination
                    by form feeds set in input files
  -v, --show-nonprinting
                    use octal backslash notation
  -w, --width=PAGE_WIDTH
                    set page width to PAGE_WIDTH (72) characters for
                    multiple text-column output only, -s[char] turns off (72)
  -W, --page-width=PAGE_WIDTH
                    set page width to PAGE_WIDTH (72) characters always,
                    truncate lines, except -J option is set, no interference
                    with -S or -s
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/pr>
or available locally via: info '(coreutils) pr invocation'
`;

const SPEC: OptionSpec = {
  pages: { long: "pages", arg: "required" },
  columns: { long: "columns", arg: "required" },
  across: { short: "a", long: "across" },
  control: { short: "c", long: "show-control-chars" },
  double: { short: "d", long: "double-space" },
  date: { short: "D", long: "date-format", arg: "required" },
  expand: { short: "e", long: "expand-tabs", arg: "optional" },
  formfeed: { short: "f", long: "form-feed" },
  formfeedF: { short: "F" },
  header: { short: "h", long: "header", arg: "required" },
  outtabs: { short: "i", long: "output-tabs", arg: "optional" },
  join: { short: "J", long: "join-lines" },
  length: { short: "l", long: "length", arg: "required" },
  merge: { short: "m", long: "merge" },
  number: { short: "n", long: "number-lines", arg: "optional" },
  firstline: { short: "N", long: "first-line-number", arg: "required" },
  indent: { short: "o", long: "indent", arg: "required" },
  quiet: { short: "r", long: "no-file-warnings" },
  sep: { short: "s", long: "separator", arg: "optional" },
  sepstring: { short: "S", long: "sep-string", arg: "optional" },
  omitHeader: { short: "t", long: "omit-header" },
  omitPagination: { short: "T", long: "omit-pagination" },
  nonprinting: { short: "v", long: "show-nonprinting" },
  width: { short: "w", long: "width", arg: "required" },
  pageWidth: { short: "W", long: "page-width", arg: "required" },
};
for (let d = 0; d <= 9; d++) SPEC[`digit${d}`] = { short: String(d) };

function fail(ctx: CommandContext, message: string): never {
  ctx.stderr.write(`pr: ${message}\n`);
  throw new UsageError(1);
}

/** xstrtol in range [min, INT_MAX], or GNU's message. */
function intArg(ctx: CommandContext, text: string, min: number, message: string): number {
  const m = /^\s*([-+]?\d+)$/.exec(text);
  if (!m) fail(ctx, `${message}: ${quoteValue(text)}`);
  const v = Number(m[1]);
  if (v < min || v > 2147483647) fail(ctx, `${message}: ${quoteValue(text)}: Numerical result out of range`);
  return v;
}

/** -n, -e and -i values: an optional non-digit character, then an optional positive number. */
function charAndNumber(ctx: CommandContext, text: string, option: string, ch: number, num: number): [number, number] {
  let rest = text;
  if (rest !== "" && !/^\d/.test(rest)) {
    ch = rest.charCodeAt(0);
    rest = rest.slice(1);
  }
  if (rest !== "") {
    const v = /^\d+$/.test(rest) ? Number(rest) : NaN;
    if (!(v > 0 && v <= 2147483647)) {
      ctx.stderr.write(`pr: '-${option}' extra characters or invalid number in the argument: ${quoteValue(rest)}\nTry 'pr --help' for more information.\n`);
      throw new UsageError(1);
    }
    num = v;
  }
  return [ch, num];
}

interface PageRange {
  first: number;
  last: number;
}

function pageRange(text: string): PageRange | null {
  const m = /^(\d+)(?::(\d+))?$/.exec(text);
  if (!m || Number(m[1]) === 0) return null;
  const last = m[2] === undefined ? Infinity : Number(m[2]);
  if (last < Number(m[1])) return null;
  return { first: Number(m[1]), last };
}

async function run(ctx: CommandContext): Promise<number> {
  let digits = "";
  let lastWasDigit = false;
  const onOption = (key: string) => {
    if (key.startsWith("digit")) {
      digits = (lastWasDigit ? digits : "") + key.slice(5);
      lastWasDigit = true;
    } else lastWasDigit = false;
    if (key === "columns") digits = "";
  };
  const opts = parseOptions(ctx, SPEC, { help: HELP, onOption });
  if (typeof opts === "number") return opts;
  try {
    return await print(ctx, opts, digits);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
}

async function print(ctx: CommandContext, opts: ParsedOptions, digits: string): Promise<number> {
  let range: PageRange | null = null;
  const files: string[] = [];
  for (const operand of opts.operands) {
    const r: PageRange | null = operand.startsWith("+") && !range && !opts.has("pages") ? pageRange(operand.slice(1)) : null;
    if (r) range = r;
    else files.push(operand);
  }
  const pagesText = opts.get("pages");
  if (pagesText !== undefined) {
    range = pageRange(pagesText);
    if (!range) fail(ctx, `invalid page range ${quoteValue(pagesText)}`);
  }
  let columns = 1;
  let explicitColumns = false;
  const colText = opts.get("columns") ?? (digits !== "" ? digits : undefined);
  if (colText !== undefined) {
    if (!/^\s*[-+]?\d+$/.test(colText)) fail(ctx, `invalid number of columns: ${quoteValue(colText)}`);
    const v = Number(colText);
    if (!(v >= 1 && v <= 2147483647)) fail(ctx, `invalid number of columns: ${quoteValue(colText)}: Numerical result out of range`);
    columns = v;
    explicitColumns = true;
  }
  const pageLength = opts.has("length") ? intArg(ctx, opts.get("length")!, 1, "'-l PAGE_LENGTH' invalid number of lines") : 66;
  const margin = opts.has("indent") ? intArg(ctx, opts.get("indent")!, 0, "'-o MARGIN' invalid line offset") : 0;
  let lineWidth = 72;
  let truncate = false;
  if (opts.has("pageWidth")) {
    lineWidth = intArg(ctx, opts.get("pageWidth")!, 1, "'-W PAGE_WIDTH' invalid number of characters");
    truncate = true;
  } else if (opts.has("width")) lineWidth = intArg(ctx, opts.get("width")!, 1, "'-w PAGE_WIDTH' invalid number of characters");
  const firstLine = opts.has("firstline") ? intArg(ctx, opts.get("firstline")!, -2147483648, "'-N NUMBER' invalid starting line number") : 1;
  let numberSeparator = 9;
  let numberDigits = 5;
  if (opts.has("number")) [numberSeparator, numberDigits] = charAndNumber(ctx, opts.get("number") ?? "", "n", 9, 5);
  const merge = opts.has("merge");
  const across = opts.has("across");
  if (merge && explicitColumns) fail(ctx, "cannot specify number of columns when printing in parallel");
  if (merge && across) fail(ctx, "cannot specify both printing across and printing in parallel");

  // Separators: GNU's old -s/-w rules, then -S.
  let join = opts.has("join");
  let separator: Uint8Array | null = null;
  const enc = new TextEncoder();
  const parallel = merge && files.length > 0;
  if (parallel) columns = files.length;
  const sepString = opts.values.has("sepstring") ? enc.encode(opts.get("sepstring") ?? "") : null;
  const sepChar = opts.values.has("sep") ? enc.encode(opts.get("sep") ?? "\t") : null;
  if (sepString) separator = sepString;
  else if (sepChar && (parallel || explicitColumns)) {
    if (opts.has("width") && !opts.has("pageWidth")) {
      truncate = true;
      separator = sepChar;
    } else if (!truncate) {
      join = true;
      separator = sepChar;
    } else separator = sepChar;
  } else if (opts.has("width") && !opts.has("pageWidth") && !(parallel || explicitColumns)) join = true;
  let tabify = opts.has("outtabs");
  let untabify = opts.has("expand");
  if (columns > 1) {
    if (!separator) separator = enc.encode(join ? "\t" : " ");
    else if (!join && separator.length > 0 && separator[0] === 9) separator = enc.encode(" ");
    truncate = true;
    tabify = true;
    untabify = true;
  }
  if (join) truncate = false;
  const numbered = opts.has("number");
  const numberWidth = numberSeparator === 9 ? numberDigits + (8 - (numberDigits % 8)) : numberDigits + 1;
  const sepLength = separator?.length ?? 0;
  const columnWidth = Math.trunc((lineWidth - (parallel && numbered ? numberWidth : 0) - (columns - 1) * sepLength) / columns);
  if (columnWidth < 1) fail(ctx, "page width too narrow");

  let extremities = !opts.has("omitHeader") && !opts.has("omitPagination");
  let keepFormFeeds = opts.has("omitHeader");
  let body = pageLength - 10;
  if (body <= 0) {
    extremities = false;
    keepFormFeeds = true;
  }
  if (!extremities) body = pageLength;
  if (opts.has("double")) body = Math.trunc(body / 2);
  const layout: PrLayout = {
    columns,
    across: across && columns > 1,
    merge: parallel,
    bodyLines: Math.max(1, body),
    extremities,
    keepFormFeeds,
    formFeed: opts.has("formfeed") || opts.has("formfeedF"),
    doubleSpace: opts.has("double"),
    margin,
    lineWidth,
    columnWidth,
    truncate,
    tabify,
    untabify,
    separator: columns > 1 || parallel ? separator : null,
    numbered,
    numberSeparator,
    numberDigits,
    numberWidth,
    firstLineNumber: firstLine,
    firstPage: range?.first ?? 1,
    lastPage: range?.last ?? Infinity,
    controlChars: opts.has("nonprinting") ? "octal" : opts.has("control") ? "hat" : "none",
  };
  const dateFormat = opts.get("date") ?? "%Y-%m-%d %H:%M";
  const dateText = (ms: number) => strftime(dateFormat, localTime(ms, zoneOf(ctx)));
  const title = opts.get("header");
  let status = 0;
  const quiet = opts.has("quiet");
  const open = async (name: string) => {
    try {
      if (name === "-") return { source: new RecordSource(ctx.stdin), ms: ctx.sandbox.now(), name: "" };
      const path = ctx.resolve(name);
      const st = await ctx.fs.stat(path);
      if (st.type === "directory") {
        ctx.stderr.write(`pr: ${name}: Is a directory\n`);
        throw new UsageError(1);
      }
      return { source: new RecordSource(await openInput(ctx, name)), ms: st.mtimeMs, name };
    } catch (e) {
      if (e instanceof UsageError) throw e;
      status = 1;
      if (!quiet) ctx.stderr.write(`pr: ${name}: ${(e as Error).message}\n`);
      return null;
    }
  };
  if (parallel) {
    const opened = [];
    for (const f of files) {
      const o = await open(f);
      if (o) opened.push(o);
    }
    if (opened.length > 0) {
      layout.columns = opened.length;
      const header = { date: dateText(ctx.sandbox.now()), title: title ?? "" };
      await new Paginator(ctx, layout, opened.map((o) => o.source), header).run();
    }
    return status;
  }
  for (const f of files.length ? files : ["-"]) {
    const o = await open(f);
    if (!o) continue;
    await new Paginator(ctx, layout, [o.source], { date: dateText(o.ms), title: title ?? o.name }).run();
  }
  return status;
}

export const pr: CommandDef = { name: "pr", help: HELP, run };
