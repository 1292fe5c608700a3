import type { CommandContext, CommandDef } from "./types.js";
import { readAll } from "../src/io/streams.js";
import { bytesToLatin1, encodeUtf8 } from "../src/io/utf8.js";
import { ByteBuilder } from "./_lib/output.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { quoteFile, quoteAlways } from "./_lib/quote.js";
import { openOperand } from "./_lib/files.js";

/**
 * tac: each input's records in reverse order. A record ends with the separator
 * (or starts with it, -b); the last record may lack one. Separators are found
 * searching backwards as GNU tac does, each search confined to the text before
 * the previous separator; with -r the separator is a regular expression in
 * GNU's default (Emacs) syntax: + ? * and \| \( \) are operators, {} and
 * [:classes:] are not.
 */

const HELP = `Usage: tac [OPTION]... [FILE]...
Write each FILE to standard output, last line first.
With no FILE, or when FILE is -, read standard input.

  -b, --before             attach the separator before instead of after
  -r, --regex              interpret the separator as a regular expression
  -s, --separator=STRING   use STRING as the separator instead of newline
      --help               display this help and exit
      --version            output version information and exit
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  before: { short: "b", long: "before" },
  regex: { short: "r", long: "regex" },
  separator: { short: "s", long: "separator", arg: "required" },
};

/** Finds the separator ending at or before `limit`: [start, end) with the largest start, or null. */
type BackwardSearch = (limit: number) => [number, number] | null;

/** A literal separator, searched on the bytes. */
function literalSearch(data: Uint8Array, sep: Uint8Array): BackwardSearch {
  const n = sep.length;
  return (limit) => {
    if (n === 0 || limit < n) return null;
    for (let p = data.lastIndexOf(sep[0], limit - n); p >= 0; p = p > 0 ? data.lastIndexOf(sep[0], p - 1) : -1) {
      let k = 1;
      while (k < n && data[p + k] === sep[k]) k++;
      if (k === n) return [p, p + n];
    }
    return null;
  };
}

/** Translates an Emacs-syntax regex (GNU's default re_syntax_options) to a JS source. */
function emacsToJs(re: string): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === "\\") {
      const d = re[++i];
      if (d === undefined) throw new Error("Trailing backslash");
      if (d === "(") {
        depth++;
        out += "(";
      } else if (d === ")") {
        if (depth === 0) throw new Error("Unmatched ) or \\)");
        depth--;
        out += ")";
      } else if (d === "|") out += "|";
      else if (/[1-9]/.test(d)) out += "\\" + d;
      else if (d === "w") out += "[A-Za-z0-9_]";
      else if (d === "W") out += "[^A-Za-z0-9_]";
      else if (d === "b" || d === "B") out += "\\" + d;
      else if (d === "<") out += "\\b(?=[A-Za-z0-9_])";
      else if (d === ">") out += "\\b(?<=[A-Za-z0-9_])";
      else if (d === "`") out += "(?<![^])";
      else if (d === "'") out += "(?![^])";
      else out += escapeJs(d);
    } else if (c === "[") {
      let j = i + 1;
      let cls = "[";
      if (re[j] === "^") {
        cls += "^";
        j++;
      }
      if (re[j] === "]") {
        cls += "\\]";
        j++;
      }
      for (; j < re.length && re[j] !== "]"; j++) {
        const e = re[j];
        cls += e === "\\" || e === "[" || e === "]" ? "\\" + e : e;
      }
      if (j >= re.length) throw new Error("Unmatched [, [^, [:, [., or [=");
      out += cls + "]";
      i = j;
    } else if (c === ".") out += "[^\\n]";
    else if (c === "*" || c === "+" || c === "?") {
      // An operator with nothing to repeat is literal, as in GNU regex.
      out += out === "" || out.endsWith("(") || out.endsWith("|") ? "\\" + c : c;
    } else if (c === "^" || c === "$") out += c;
    else out += escapeJs(c);
  }
  if (depth > 0) throw new Error("Unmatched ( or \\(");
  return out;
}

function escapeJs(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? "\\" + c : c;
}

/** A regex separator, matched on the bytes as a byte string. */
function regexSearch(ctx: CommandContext, re: RegExp, data: Uint8Array): BackwardSearch {
  const text = bytesToLatin1(data);
  return (limit) => {
    const sub = limit === text.length ? text : text.slice(0, limit);
    for (let p = limit - 1; p >= 0; p--) {
      ctx.budget.step();
      re.lastIndex = p;
      const m = re.exec(sub);
      if (m) return [p, p + m[0].length];
    }
    return null;
  };
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  const before = opts.has("before");
  // The separator is matched on bytes: its UTF-8 bytes (as a byte string for -r).
  const sepBytes = encodeUtf8(opts.get("separator") ?? "\n");
  let regex: RegExp | null = null;
  if (opts.has("regex") && sepBytes.length > 0) {
    try {
      regex = new RegExp(emacsToJs(bytesToLatin1(sepBytes)), "my");
    } catch (e) {
      ctx.stderr.write(`tac: ${(e as Error).message}\n`);
      return 1;
    }
  }
  let status = 0;
  for (const operand of opts.operands.length ? opts.operands : ["-"]) {
    const opened = await openOperand(ctx, operand);
    if ("openError" in opened) {
      ctx.stderr.write(`tac: failed to open ${quoteAlways(operand)} for reading: ${opened.openError.message}\n`);
      status = 1;
      continue;
    }
    if ("readError" in opened) {
      ctx.stderr.write(`tac: ${quoteFile(operand)}: read error: ${opened.readError.message}\n`);
      status = 1;
      continue;
    }
    const data = await readAll(opened.reader);
    if (opened.owned) opened.reader.close();
    const search = regex ? regexSearch(ctx, regex, data) : literalSearch(data, sepBytes);
    await reverse(ctx, data, search, before);
  }
  return status;
}

/** Writes the records of data from last to first. */
async function reverse(ctx: CommandContext, data: Uint8Array, search: BackwardSearch, before: boolean): Promise<void> {
  let end = data.length; // end of the record being cut off
  let limit = data.length; // searches see only bytes before this
  const out = new ByteBuilder(65536);
  for (;;) {
    const m = search(limit);
    if (!m) break;
    const cut = before ? m[0] : m[1];
    if (cut < end) out.bytes(data.subarray(cut, end));
    end = cut;
    limit = m[0];
    if (out.length >= 65536) {
      ctx.budget.step();
      await ctx.stdout.write(out.take());
    }
    if (limit === 0) break;
  }
  if (end > 0) out.bytes(data.subarray(0, end));
  await ctx.stdout.write(out.take());
}

export const tac: CommandDef = { name: "tac", help: HELP, run };
