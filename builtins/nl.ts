import type { CommandContext, CommandDef } from "./types.js";
import { decodeUtf8, encodeUtf8 } from "../src/io/utf8.js";
import { parseOptions, UsageError, type OptionSpec, type ParsedOptions } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";
import { openOrReport } from "./_lib/files.js";
import { readLineBatches } from "./_lib/lines.js";
import { ByteBuilder } from "./_lib/output.js";
import { compileRegex, RegexSyntaxError, type CompiledRegex } from "./_lib/regex/index.js";

/**
 * nl: numbers lines of all inputs as one stream, with GNU's logical pages:
 * a line that is exactly the delimiter (default "\:") three, two or one times
 * starts a header, body or footer section, prints as an empty line and restarts
 * the numbering (unless -p).
 */

const HELP = `Usage: nl [OPTION]... [FILE]...
Write each FILE to standard output, with line numbers added.
With no FILE, or when FILE is -, read standard input.

  -b, --body-numbering=STYLE      use STYLE for numbering body lines
  -d, --section-delimiter=CC      use CC for logical page delimiters
  -f, --footer-numbering=STYLE    use STYLE for numbering footer lines
  -h, --header-numbering=STYLE    use STYLE for numbering header lines
  -i, --line-increment=NUMBER     line number increment at each line
  -l, --join-blank-lines=NUMBER   group of NUMBER empty lines counted as one
  -n, --number-format=FORMAT      insert line numbers according to FORMAT
  -p, --no-renumber               do not reset line numbers for each section
  -s, --number-separator=STRING   add STRING after (possible) line number
  -v, --starting-line-number=NUMBER  first line number for each section
  -w, --number-width=NUMBER       use NUMBER columns for line numbers
      --help                      display this help and exit
      --version                   output version information and exit

Default options are: -bt -d'\\:' -fn -hn -i1 -l1 -n'rn' -s<TAB> -v1 -w6

STYLE is one of:
  a      number all lines
  t      number only nonempty lines
  n      number no lines
  pBRE   number only lines that contain a match for the basic regular expression, BRE

FORMAT is one of:
  ln     left justified, no leading zeros
  rn     right justified, no leading zeros
  rz     right justified, leading zeros
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  header: { short: "h", long: "header-numbering", arg: "required" },
  body: { short: "b", long: "body-numbering", arg: "required" },
  footer: { short: "f", long: "footer-numbering", arg: "required" },
  start: { short: "v", long: "starting-line-number", arg: "required" },
  increment: { short: "i", long: "line-increment", arg: "required" },
  noRenumber: { short: "p", long: "no-renumber" },
  join: { short: "l", long: "join-blank-lines", arg: "required" },
  separator: { short: "s", long: "number-separator", arg: "required" },
  width: { short: "w", long: "number-width", arg: "required" },
  format: { short: "n", long: "number-format", arg: "required" },
  delimiter: { short: "d", long: "section-delimiter", arg: "required" },
};

/** How a section numbers its lines: a(ll), t(ext lines), n(one), or p(attern). */
type Style = { kind: "a" | "t" | "n" } | { kind: "p"; regex: CompiledRegex };

const INTMAX = (1n << 63n) - 1n;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function parseStyle(ctx: CommandContext, text: string, section: string): Style | null {
  // GNU looks at the first letter only ("all" is "a").
  const first = text[0];
  if (first === "a" || first === "t" || first === "n") return { kind: first };
  if (text.startsWith("p")) {
    try {
      return { kind: "p", regex: compileRegex(text.slice(1), { syntax: "BRE" }) };
    } catch (e) {
      if (e instanceof RegexSyntaxError) {
        ctx.stderr.write(`nl: ${e.message}\n`);
        throw new UsageError(1);
      }
      throw e;
    }
  }
  // GNU reports a bad style, keeps parsing, and gives the "Try" hint at the end.
  ctx.stderr.write(`nl: invalid ${section} numbering style: ${quoteValue(text)}\n`);
  return null;
}

/** An integer option in [min, INTMAX], with GNU's two messages. */
function parseInteger(ctx: CommandContext, text: string, what: string, min: bigint, max = INTMAX): bigint {
  if (!/^\s*[-+]?\d+$/.test(text)) {
    ctx.stderr.write(`nl: invalid ${what}: ${quoteValue(text)}\n`);
    throw new UsageError(1);
  }
  const v = BigInt(text.trim());
  if (v < min || v > max) {
    // gnulib xnumtoimax: EOVERFLOW past INT_MAX / 2 or the type's range, else ERANGE.
    const why = v > 1073741823n || v < -INTMAX - 1n ? "Value too large for defined data type" : "Numerical result out of range";
    ctx.stderr.write(`nl: invalid ${what}: ${quoteValue(text)}: ${why}\n`);
    throw new UsageError(1);
  }
  return v;
}

interface Settings {
  styles: [Style, Style, Style]; // header, body, footer
  start: bigint;
  increment: bigint;
  renumber: boolean;
  join: bigint;
  separator: Uint8Array;
  width: number;
  format: "ln" | "rn" | "rz";
  /** The delimiter lines for header, body and footer (empty: no sections). */
  delimiters: Uint8Array[];
}

/** The option values, checked one by one as getopt returns them (see parseOptions' onOption). */
function settingsBuilder(ctx: CommandContext) {
  const v = {
    styles: [{ kind: "n" }, { kind: "t" }, { kind: "n" }] as [Style, Style, Style],
    start: 1n,
    increment: 1n,
    join: 1n,
    width: 6,
    format: "rn" as Settings["format"],
    bad: false,
  };
  const onOption = (key: string, value: string | true) => {
    const text = value as string;
    const section = ["header", "body", "footer"].indexOf(key);
    if (section >= 0) {
      const style = parseStyle(ctx, text, key);
      if (style) v.styles[section] = style;
      else v.bad = true;
    } else if (key === "start") v.start = parseInteger(ctx, text, "starting line number", -INTMAX - 1n);
    else if (key === "increment") v.increment = parseInteger(ctx, text, "line number increment", -INTMAX - 1n);
    else if (key === "join") v.join = parseInteger(ctx, text, "line number of blank lines", 1n);
    else if (key === "width") v.width = Number(parseInteger(ctx, text, "line number field width", 1n, 2147483647n));
    else if (key === "format") {
      if (text === "ln" || text === "rn" || text === "rz") v.format = text;
      else {
        ctx.stderr.write(`nl: invalid line numbering format: ${quoteValue(text)}\n`);
        v.bad = true;
      }
    }
  };
  return { v, onOption };
}

function finishSettings(v: ReturnType<typeof settingsBuilder>["v"], opts: ParsedOptions): Settings {
  let delim = opts.get("delimiter") ?? "\\:";
  if (delim.length === 1) delim += ":";
  const delimiters = delim === "" ? [] : [delim.repeat(3), delim.repeat(2), delim].map(encodeUtf8);
  return {
    styles: v.styles,
    start: v.start,
    increment: v.increment,
    renumber: !opts.has("noRenumber"),
    join: v.join,
    separator: encodeUtf8(opts.get("separator") ?? "\t"),
    width: v.width,
    format: v.format,
    delimiters,
  };
}

async function run(ctx: CommandContext): Promise<number> {
  const { v, onOption } = settingsBuilder(ctx);
  const opts = parseOptions(ctx, SPEC, { help: HELP, onOption });
  if (typeof opts === "number") return opts;
  if (v.bad) {
    ctx.stderr.write("Try 'nl --help' for more information.\n");
    return 1;
  }
  const s = finishSettings(v, opts);
  const out = new ByteBuilder(65536);
  const noNumber = " ".repeat(s.width + s.separator.length);
  const state = { lineNo: s.start, section: 1, blanks: 0n }; // section: 0 header, 1 body, 2 footer
  let status = 0;
  for (const operand of opts.operands.length ? opts.operands : ["-"]) {
    const opened = await openOrReport(ctx, "nl", operand, out);
    if (!opened) {
      status = 1;
      continue;
    }
    for await (const batch of readLineBatches(opened.reader)) {
      ctx.budget.step();
      for (const line of batch) numberLine(line.bytes, s, state, out, noNumber);
      await ctx.stdout.write(out.take());
    }
    if (opened.owned) opened.reader.close();
  }
  await ctx.stdout.write(out.take());
  return status;
}

/** Writes one line with its number (or the blank field) into out, as GNU proc_text does. */
function numberLine(
  bytes: Uint8Array,
  s: Settings,
  state: { lineNo: bigint; section: number; blanks: bigint },
  out: ByteBuilder,
  noNumber: string,
): void {
  const kind = sectionOf(bytes, s.delimiters);
  if (kind >= 0) {
    state.section = kind;
    if (s.renumber) state.lineNo = s.start;
    out.byte(10);
    return;
  }
  const style = s.styles[state.section];
  const empty = bytes.length === 0;
  if (style.kind === "a") {
    if (s.join > 1n) {
      if (!empty || ++state.blanks === s.join) {
        writeNumber(s, state, out);
        state.blanks = 0n;
      } else out.latin1(noNumber);
    } else writeNumber(s, state, out);
  } else if (style.kind === "t") {
    if (!empty) writeNumber(s, state, out);
    else out.latin1(noNumber);
  } else if (style.kind === "p") {
    if (style.regex.test(decodeUtf8(bytes))) writeNumber(s, state, out);
    else out.latin1(noNumber);
  } else out.latin1(noNumber);
  out.bytes(bytes);
  // GNU's line reader supplies a missing final newline.
  out.byte(10);
}

/** Writes the line number in its format and the separator, and counts on. */
function writeNumber(s: Settings, state: { lineNo: bigint }, out: ByteBuilder): void {
  const v = state.lineNo;
  const n = v <= SAFE && v >= -SAFE ? String(Number(v)) : v.toString();
  let text: string;
  if (s.format === "ln") text = n.padEnd(s.width);
  else if (s.format === "rn") text = n.padStart(s.width);
  else text = v < 0n ? "-" + n.slice(1).padStart(s.width - 1, "0") : n.padStart(s.width, "0");
  out.latin1(text);
  out.bytes(s.separator);
  state.lineNo += s.increment;
}

/** Which section a delimiter line starts (0 header, 1 body, 2 footer), or -1 for text. */
function sectionOf(bytes: Uint8Array, delimiters: Uint8Array[]): number {
  if (delimiters.length === 0 || bytes.length < 2 || bytes.length > delimiters[0].length) return -1;
  for (let k = 0; k < delimiters.length; k++) {
    const d = delimiters[k];
    if (d.length !== bytes.length) continue;
    let same = true;
    for (let i = 0; i < d.length && same; i++) same = d[i] === bytes[i];
    if (same) return k;
  }
  return -1;
}

export const nl: CommandDef = { name: "nl", help: HELP, run };
