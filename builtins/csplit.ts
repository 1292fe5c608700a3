import type { CommandContext, CommandDef } from "./types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { readInput } from "./_lib/input.js";
import { splitLines, type Line } from "./_lib/lines.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { compileRegex, RegexSyntaxError, type CompiledRegex } from "./_lib/regex/index.js";
import { decodeUtf8, encodeUtf8 } from "../src/io/utf8.js";
import { concatBytes } from "../src/io/streams.js";

/** csplit (GNU coreutils 9.1): INTEGER, /RE/[OFFSET], %RE%[OFFSET], {N}, {*}; -b -f -k -n -s -z --suppress-matched. */

const HELP = `Usage: csplit [OPTION]... FILE PATTERN...
Output pieces of FILE separated by PATTERN(s) to files 'xx00', 'xx01', ...,
and output byte counts of each piece to standard output.

Read standard input if FILE is -

Mandatory arguments to long options are mandatory for short options too.
  -b, --suffix-format=FORMAT  use sprintf FORMAT instead of %02d
  -f, --prefix=PREFIX        use PREFIX instead of 'xx'
  -k, --keep-files           do not remove output files on errors
      --suppress-matched     suppress the lines matching PATTERN
  -n, --digits=DIGITS        use specified number of digits instead of 2
  -s, --quiet, --silent      do not print counts of output file sizes
  -z, --elide-empty-files    remove empty output files
      --help        display this help and exit
      --version     output version information and exit

Each PATTERN may be:
  INTEGER            copy up to but not including specified line number
  /REGEXP/[OFFSET]   copy up to but not including a matching line
  %REGEXP%[OFFSET]   skip to, but not including a matching line
  {INTEGER}          repeat the previous pattern specified number of times
  {*}                repeat the previous pattern as many times as possible

A line OFFSET is an integer optionally preceded by '+' or '-'

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/csplit>
or available locally via: info '(coreutils) csplit invocation'
`;

interface Control {
  text: string;
  kind: "line" | "regex";
  lineNumber: number;
  regex?: CompiledRegex;
  ignore: boolean;
  offset: number;
  repeat: number;
  forever: boolean;
}

/** An error found while parsing the patterns or the suffix format (nothing written yet). */
class CsplitFatal extends Error {}

function parsePatterns(ctx: CommandContext, args: string[]): Control[] {
  const out: Control[] = [];
  let lastLine = 0;
  for (const arg of args) {
    if (arg.startsWith("{")) {
      const prev = out[out.length - 1];
      if (!prev) throw new CsplitFatal(`${quoteValue(arg)}: invalid pattern`);
      if (!arg.endsWith("}")) throw new CsplitFatal(`${quoteValue(arg)}: '}' is required in repeat count`);
      const body = arg.slice(1, -1);
      if (body === "*") prev.forever = true;
      else if (/^\d+$/.test(body)) prev.repeat = Number(body);
      else throw new CsplitFatal(`${quoteValue(arg.slice(0, -1))}}: integer required between '{' and '}'`);
      continue;
    }
    if (arg.startsWith("/") || arg.startsWith("%")) {
      const delim = arg[0];
      const close = arg.lastIndexOf(delim);
      if (close === 0) throw new CsplitFatal(`${arg}: closing delimiter '${delim}' missing`);
      const source = arg.slice(1, close);
      const offText = arg.slice(close + 1);
      if (offText !== "" && !/^[+-]?\d+$/.test(offText)) throw new CsplitFatal(`${quoteValue(arg)}: integer expected after delimiter`);
      let regex: CompiledRegex;
      try {
        regex = compileRegex(source, { syntax: "BRE", budget: ctx.budget });
      } catch (e) {
        if (e instanceof RegexSyntaxError) throw new CsplitFatal(`${quoteValue(arg)}: invalid regular expression: ${e.message}`);
        throw e;
      }
      out.push({ text: arg, kind: "regex", lineNumber: 0, regex, ignore: delim === "%", offset: Number(offText || "0"), repeat: 0, forever: false });
      continue;
    }
    if (!/^\d+$/.test(arg)) throw new CsplitFatal(`${quoteValue(arg)}: invalid pattern`);
    const n = Number(arg);
    if (n === 0) throw new CsplitFatal(`${arg}: line number must be greater than zero`);
    if (n < lastLine) throw new CsplitFatal(`line number ${quoteValue(arg)} is smaller than preceding line number, ${lastLine}`);
    if (n === lastLine) ctx.stderr.write(`csplit: warning: line number ${quoteValue(arg)} is the same as preceding line number\n`);
    lastLine = n;
    out.push({ text: arg, kind: "line", lineNumber: n, ignore: false, offset: 0, repeat: 0, forever: false });
  }
  return out;
}

/** The -b format: exactly one integer conversion, as csplit checks it. */
function suffixFormatter(format: string): (n: number) => string {
  let conversions = 0;
  const re = /%(%|[-+ #0']*(\d*)(?:\.(\d*))?([a-zA-Z]?))/g;
  for (const m of format.matchAll(re)) {
    if (m[1] === "%") continue;
    conversions++;
    if (!m[4]) throw new CsplitFatal("missing conversion specifier in suffix");
    if (!"diouxX".includes(m[4])) throw new CsplitFatal(`invalid conversion specifier in suffix: ${m[4]}`);
  }
  if (conversions === 0) throw new CsplitFatal("missing % conversion specification in suffix");
  if (conversions > 1) throw new CsplitFatal("too many % conversion specifications in suffix");
  return (n) =>
    format.replace(re, (_all, body: string, width: string, prec: string | undefined, conv: string) => {
      if (body === "%") return "%";
      const flags = /^[-+ #0']*/.exec(body)![0];
      let digits = conv === "o" ? n.toString(8) : conv === "x" ? n.toString(16) : conv === "X" ? n.toString(16).toUpperCase() : String(n);
      if (prec !== undefined) digits = digits.padStart(Number(prec || "0"), "0");
      if (flags.includes("#") && conv === "o" && !digits.startsWith("0")) digits = "0" + digits;
      if (flags.includes("#") && (conv === "x" || conv === "X") && n !== 0) digits = (conv === "x" ? "0x" : "0X") + digits;
      if ((conv === "d" || conv === "i") && flags.includes("+")) digits = "+" + digits;
      else if ((conv === "d" || conv === "i") && flags.includes(" ")) digits = " " + digits;
      const w = Number(width || "0");
      if (flags.includes("-")) return digits.padEnd(w);
      if (flags.includes("0") && prec === undefined) return digits.padStart(w, "0");
      return digits.padStart(w);
    });
}

async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseOptions(ctx, {
    suffix: { short: "b", long: "suffix-format", arg: "required" },
    prefix: { short: "f", long: "prefix", arg: "required" },
    keep: { short: "k", long: "keep-files" },
    suppress: { long: "suppress-matched" },
    digits: { short: "n", long: "digits", arg: "required" },
    quiet: { short: "s", long: ["quiet", "silent"] },
    quietQ: { short: "q" },
    elide: { short: "z", long: "elide-empty-files" },
  }, { help: HELP });
  if (typeof parsed === "number") return parsed;
  const ops = parsed.operands;
  if (ops.length === 0) return usageError(ctx, "missing operand").status;
  if (ops.length === 1) return usageError(ctx, `missing operand after ${quoteValue(ops[0])}`).status;
  const digitsText = parsed.get("digits");
  if (digitsText !== undefined && !/^\d+$/.test(digitsText)) {
    ctx.stderr.write(`csplit: invalid number: ${quoteValue(digitsText)}\n`);
    return 1;
  }
  const prefix = parsed.get("prefix") ?? "xx";
  const keep = parsed.has("keep");
  const quiet = parsed.has("quiet") || parsed.has("quietQ");
  const elide = parsed.has("elide");
  const suppress = parsed.has("suppress");
  let suffix: (n: number) => string;
  let controls: Control[];
  try {
    suffix = parsed.has("suffix") ? suffixFormatter(parsed.get("suffix")!) : (n) => String(n).padStart(Number(digitsText ?? "2"), "0");
    controls = parsePatterns(ctx, ops.slice(1));
  } catch (e) {
    if (!(e instanceof CsplitFatal)) throw e;
    ctx.stderr.write(`csplit: ${e.message}\n`);
    return 1;
  }
  let lines: Line[];
  try {
    lines = splitLines(await readInput(ctx, ops[0]));
  } catch (e) {
    if (!isFsError(e)) throw e;
    ctx.stderr.write(`csplit: cannot open ${quoteAlways(ops[0])} for reading: ${e.message}\n`);
    return 1;
  }
  const texts = lines.map((l) => decodeUtf8(l.bytes));

  const created: string[] = [];
  let fileIndex = 0;
  let current: Line[] | undefined;
  /** Index (0-based) of the first line not yet written or skipped. */
  let next = 0;
  /** Where the next regex search starts (0-based): GNU skips the line a regex split at. */
  let searchFrom = 0;

  const open = () => {
    current = [];
  };
  const close = async () => {
    if (!current) return;
    const parts: Uint8Array[] = [];
    for (const l of current) {
      parts.push(l.bytes);
      if (l.terminated) parts.push(NL);
    }
    const data = concatBytes(parts);
    current = undefined;
    if (elide && data.length === 0) return;
    const name = prefix + suffix(fileIndex++);
    try {
      await ctx.fs.writeFile(ctx.resolve(name), data, { mode: 0o666 & ~ctx.umask });
    } catch (e) {
      if (!isFsError(e)) throw e;
      throw new CsplitFatal(`${name}: ${e.message}`);
    }
    created.push(name);
    if (!quiet) await ctx.stdout.write(`${data.length}\n`);
  };
  const fail = async (message: string, closeFirst = true) => {
    ctx.stderr.write(`csplit: ${message}\n`);
    if (closeFirst) await close();
    if (!keep) for (const f of created) await ctx.fs.unlink(ctx.resolve(f)).catch(() => undefined);
    return 1;
  };
  const take = (upTo: number, ignore: boolean) => {
    for (; next < upTo; next++) if (!ignore) current!.push(lines[next]);
  };

  try {
    return await splitAll();
  } catch (e) {
    if (!(e instanceof CsplitFatal)) throw e;
    // The output file could not be created: GNU reports it and removes what it made.
    ctx.stderr.write(`csplit: ${e.message}\n`);
    if (!keep) for (const f of created) await ctx.fs.unlink(ctx.resolve(f)).catch(() => undefined);
    return 1;
  }

  async function splitAll(): Promise<number> {
    for (const c of controls) {
      for (let rep = 0; rep <= c.repeat || c.forever; rep++) {
        ctx.budget.step();
        const onRep = rep ? ` on repetition ${rep}` : "";
        if (c.kind === "line") {
          if (lines.length === 0) return fail("input disappeared", false);
          const target = c.lineNumber * (rep + 1) - 1;
          open();
          if (target > lines.length) {
            take(lines.length, false);
            return fail(`${quoteValue(c.text)}: line number out of range${onRep}`);
          }
          take(target, false);
          await close();
          if (suppress && next < lines.length) next++;
          if (next >= lines.length && !suppress) return fail(`${quoteValue(c.text)}: line number out of range${onRep}`);
          searchFrom = next;
          continue;
        }
        if (!c.ignore) open();
        let match = -1;
        for (let i = Math.max(searchFrom, next); i < lines.length; i++) {
          if (c.regex!.test(texts[i])) {
            match = i;
            break;
          }
          if ((i & 1023) === 0) ctx.budget.step();
        }
        if (match < 0) {
          if (c.forever) {
            if (!c.ignore) {
              take(lines.length, false);
              await close();
            }
            return 0;
          }
          if (!c.ignore) take(lines.length, false);
          return fail(`${quoteValue(c.text)}: match not found${onRep}`, !c.ignore);
        }
        const brk = match + c.offset;
        if (brk < next) {
          current = undefined;
          return fail(`${quoteValue(c.text)}: line number out of range${onRep}`, false);
        }
        if (brk > lines.length) {
          // GNU copies what there is, then reports the missing lines.
          take(lines.length, c.ignore);
          return fail(`${quoteValue(c.text)}: line number out of range${onRep}`, !c.ignore);
        }
        take(brk, c.ignore);
        if (!c.ignore) await close();
        if (suppress && next < lines.length) next++;
        searchFrom = brk + 1;
      }
    }
    return finishRest();
  }

  async function finishRest(): Promise<number> {
    open();
    take(lines.length, false);
    await close();
    return 0;
  }
}

const NL = encodeUtf8("\n");

export const csplit: CommandDef = { name: "csplit", help: HELP, run };
