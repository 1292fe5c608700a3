import type { CommandContext, CommandDef } from "./types.js";
import { decodeUtf8, encodeUtf8 } from "../src/io/utf8.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { quoteFile, quoteValue } from "./_lib/quote.js";
import { openOperand } from "./_lib/files.js";
import { readLines } from "./_lib/lines.js";
import { OutputBuffer } from "./_lib/output.js";
import { compileRegex, RegexSyntaxError, type CompiledRegex } from "./_lib/regex/index.js";

/**
 * nl: numbers lines of all inputs as one stream, with GNU's logical pages:
 * a line that is exactly the delimiter (default "\:") three, two or one times
 * starts a header, body or footer section, prints as an empty line and restarts
 * the numbering (unless -p).
 */

const HELP = `Usage: nl [OPTION]... [FILE]...
Write each FILE to standard output, with line numbers added.
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

function parseStyle(ctx: CommandContext, text: string, section: string): Style {
  if (text === "a" || text === "t" || text === "n") return { kind: text };
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
  throw usageError(ctx, `invalid ${section} numbering style: ${quoteValue(text)}`);
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
  delimiters: string[];
}

function readSettings(ctx: CommandContext, opts: Exclude<ReturnType<typeof parseOptions>, number>): Settings {
  const styles: [Style, Style, Style] = [{ kind: "n" }, { kind: "t" }, { kind: "n" }];
  let start = 1n;
  let increment = 1n;
  let join = 1n;
  let width = 6;
  let format: Settings["format"] = "rn";
  // GNU checks each option as getopt returns it, so the first bad one is reported.
  for (const { key, value } of opts.order) {
    const v = value as string;
    if (key === "header") styles[0] = parseStyle(ctx, v, "header");
    else if (key === "body") styles[1] = parseStyle(ctx, v, "body");
    else if (key === "footer") styles[2] = parseStyle(ctx, v, "footer");
    else if (key === "start") start = parseInteger(ctx, v, "starting line number", -INTMAX - 1n);
    else if (key === "increment") increment = parseInteger(ctx, v, "line number increment", -INTMAX - 1n);
    else if (key === "join") join = parseInteger(ctx, v, "line number of blank lines", 1n);
    else if (key === "width") width = Number(parseInteger(ctx, v, "line number field width", 1n, 2147483647n));
    else if (key === "format") {
      if (v !== "ln" && v !== "rn" && v !== "rz") throw usageError(ctx, `invalid line numbering format: ${quoteValue(v)}`);
      format = v;
    }
  }
  let delim = opts.get("delimiter") ?? "\\:";
  if (delim.length === 1) delim += ":";
  const delimiters = delim === "" ? [] : [delim.repeat(3), delim.repeat(2), delim];
  return {
    styles,
    start,
    increment,
    renumber: !opts.has("noRenumber"),
    join,
    separator: encodeUtf8(opts.get("separator") ?? "\t"),
    width,
    format,
    delimiters,
  };
}

async function run(ctx: CommandContext): Promise<number> {
  let s: Settings;
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  try {
    s = readSettings(ctx, opts);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
  const out = new OutputBuffer(ctx.stdout);
  const noNumber = encodeUtf8(" ".repeat(s.width + s.separator.length));
  let lineNo = s.start;
  let section = 1; // 0 header, 1 body, 2 footer
  let blanks = 0n;
  let status = 0;
  const number = async () => {
    const n = lineNo.toString();
    let text: string;
    if (s.format === "ln") text = n.padEnd(s.width);
    else if (s.format === "rn") text = n.padStart(s.width);
    else text = lineNo < 0n ? "-" + n.slice(1).padStart(s.width - 1, "0") : n.padStart(s.width, "0");
    await out.write(text);
    await out.write(s.separator);
    lineNo += s.increment;
  };
  for (const operand of opts.operands.length ? opts.operands : ["-"]) {
    const opened = await openOperand(ctx, operand);
    if (!("reader" in opened)) {
      await out.flush();
      const err = "openError" in opened ? opened.openError : opened.readError;
      ctx.stderr.write(`nl: ${quoteFile(operand)}: ${err.message}\n`);
      status = 1;
      continue;
    }
    for await (const line of readLines(opened.reader)) {
      ctx.budget.step();
      const kind = sectionOf(line.bytes, s.delimiters);
      if (kind >= 0) {
        section = kind;
        if (s.renumber) lineNo = s.start;
        await out.write("\n");
        continue;
      }
      const style = s.styles[section];
      const empty = line.bytes.length === 0;
      if (style.kind === "a") {
        if (s.join > 1n) {
          if (!empty || ++blanks === s.join) {
            await number();
            blanks = 0n;
          } else await out.write(noNumber);
        } else await number();
      } else if (style.kind === "t") {
        if (!empty) await number();
        else await out.write(noNumber);
      } else if (style.kind === "p") {
        if (style.regex.test(decodeUtf8(line.bytes))) await number();
        else await out.write(noNumber);
      } else await out.write(noNumber);
      await out.write(line.bytes);
      // GNU's line reader supplies a missing final newline.
      await out.write("\n");
    }
    if (opened.owned) opened.reader.close();
  }
  await out.flush();
  return status;
}

/** Which section a delimiter line starts (0 header, 1 body, 2 footer), or -1 for text. */
function sectionOf(bytes: Uint8Array, delimiters: string[]): number {
  if (delimiters.length === 0 || bytes.length < 2 || bytes.length > delimiters[0].length * 4) return -1;
  const text = decodeUtf8(bytes);
  return delimiters.indexOf(text);
}

export const nl: CommandDef = { name: "nl", help: HELP, run };
