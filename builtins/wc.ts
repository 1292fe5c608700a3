import type { CommandContext, CommandDef } from "./types.js";
import type { ByteReader } from "../src/io/streams.js";
import { readAll } from "../src/io/streams.js";
import { decodeUtf8 } from "../src/io/utf8.js";
import { parseOptions, UsageError, type OptionSpec } from "./_lib/options.js";
import { quoteFile, quoteAlways } from "./_lib/quote.js";
import { openOperand, type Opened } from "./_lib/files.js";
import { charWidth } from "./_lib/width.js";

/**
 * wc: newline, word, character, byte and maximum-line-width counts, as GNU wc
 * 9.1 computes them in C.UTF-8 (invalid bytes are bytes but not characters,
 * non-printable characters neither start nor end a word), printed in GNU's
 * column width: the digits of the total size of the regular files, at least 7
 * when an input is not a regular file, unpadded for one count of one input.
 */

const HELP = `Usage: wc [OPTION]... [FILE]...
  or:  wc [OPTION]... --files0-from=F
Print newline, word, and byte counts for each FILE, and a total line if
more than one FILE is specified. A word is a non-zero-length sequence of
printable characters delimited by white space. With no FILE, or when FILE is -, read standard input.

  -c, --bytes            print the byte counts
  -m, --chars            print the character counts
  -l, --lines            print the newline counts
      --files0-from=F    read input from the files named by NUL-terminated names in file F (- is standard input)
  -L, --max-line-length  print the maximum display width
  -w, --words            print the word counts
      --help             display this help and exit
      --version          output version information and exit
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  bytes: { short: "c", long: "bytes" },
  chars: { short: "m", long: "chars" },
  lines: { short: "l", long: "lines" },
  files0: { long: "files0-from", arg: "required" },
  maxLine: { short: "L", long: "max-line-length" },
  words: { short: "w", long: "words" },
};

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

type Which = Record<keyof Counts, boolean>;

async function run(ctx: CommandContext): Promise<number> {
  try {
    const opts = parseOptions(ctx, SPEC, { help: HELP });
    if (typeof opts === "number") return opts;
    const which: Which = {
      lines: opts.has("lines"),
      words: opts.has("words"),
      chars: opts.has("chars"),
      bytes: opts.has("bytes"),
      maxLine: opts.has("maxLine"),
    };
    if (!Object.values(which).some(Boolean)) which.lines = which.words = which.bytes = true;
    let operands: string[];
    let status = 0;
    let widthKnown = true;
    let nameCount = -1;
    const files0 = opts.get("files0");
    if (files0 !== undefined) {
      if (opts.operands.length > 0) {
        ctx.stderr.write(
          `wc: extra operand ${quoteAlways(opts.operands[0])}\n` +
            "file operands cannot be combined with --files0-from\n" +
            "Try 'wc --help' for more information.\n",
        );
        return 1;
      }
      const names = await readNameList(ctx, files0);
      if (typeof names === "number") return names;
      operands = names.names;
      status = names.status;
      // GNU counts every name read, empty ones too, when it decides on a total line.
      nameCount = names.count;
      // GNU stats the names up front only when the list is a regular file.
      widthKnown = files0 !== "-";
    } else {
      operands = opts.operands.length ? opts.operands : ["-"];
    }
    const oneCount = Object.values(which).filter(Boolean).length === 1;
    const width = !widthKnown || (operands.length === 1 && oneCount && files0 === undefined) ? 1 : await columnWidth(ctx, operands);
    const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
    for (const operand of operands) {
      const opened: Opened = await openOperand(ctx, operand);
      if ("openError" in opened) {
        ctx.stderr.write(`wc: ${quoteFile(operand)}: ${opened.openError.message}\n`);
        status = 1;
        continue;
      }
      let counts: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
      if ("readError" in opened) {
        ctx.stderr.write(`wc: ${quoteFile(operand)}: ${opened.readError.message}\n`);
        status = 1;
      } else {
        try {
          counts = await count(ctx, opened.reader, which);
        } finally {
          if (opened.owned) opened.reader.close();
        }
      }
      const label = files0 === undefined && opts.operands.length === 0 ? null : operand;
      await ctx.stdout.write(formatLine(counts, which, width, label));
      total.lines += counts.lines;
      total.words += counts.words;
      total.chars += counts.chars;
      total.bytes += counts.bytes;
      total.maxLine = Math.max(total.maxLine, counts.maxLine);
    }
    if ((nameCount >= 0 ? nameCount : operands.length) > 1) {
      await ctx.stdout.write(formatLine(total, which, width, "total"));
    }
    return status;
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
}

/** The NUL-separated names of --files0-from, with GNU's complaints about empty ones. */
async function readNameList(
  ctx: CommandContext,
  from: string,
): Promise<{ names: string[]; status: number; count: number } | number> {
  const opened = await openOperand(ctx, from);
  if (!("reader" in opened)) {
    const err = "openError" in opened ? opened.openError : opened.readError;
    ctx.stderr.write(`wc: cannot open ${quoteAlways(from)} for reading: ${err.message}\n`);
    return 1;
  }
  const data = decodeUtf8(await readAll(opened.reader));
  if (opened.owned) opened.reader.close();
  const parts = data.split("\0");
  if (parts[parts.length - 1] === "") parts.pop();
  const names: string[] = [];
  let status = 0;
  parts.forEach((name, i) => {
    if (name === "") {
      ctx.stderr.write(`wc: ${quoteFile(from)}:${i + 1}: invalid zero-length file name\n`);
      status = 1;
    } else names.push(name);
  });
  return { names, status, count: parts.length };
}

/** GNU's compute_number_width: digits of the regular files' total size, 7 if any is not regular. */
async function columnWidth(ctx: CommandContext, operands: string[]): Promise<number> {
  let regularTotal = 0;
  let minimum = 1;
  for (const operand of operands) {
    if (operand === "-") {
      // A regular file on stdin (`wc < file`) counts by its size; a pipe makes it 7.
      if (ctx.stdin.fileSize !== undefined) regularTotal += ctx.stdin.fileSize;
      else minimum = 7;
      continue;
    }
    try {
      const st = await ctx.fs.stat(ctx.resolve(operand));
      if (st.type === "file") regularTotal += st.size;
      else minimum = 7;
    } catch {
      // A name that cannot be stat'ed does not count (its open fails later).
    }
  }
  return Math.max(minimum, String(regularTotal).length);
}

function formatLine(c: Counts, which: Which, width: number, label: string | null): string {
  const cols: string[] = [];
  if (which.lines) cols.push(String(c.lines).padStart(width));
  if (which.words) cols.push(String(c.words).padStart(width));
  if (which.chars) cols.push(String(c.chars).padStart(width));
  if (which.bytes) cols.push(String(c.bytes).padStart(width));
  if (which.maxLine) cols.push(String(c.maxLine).padStart(width));
  let line = cols.join(" ");
  if (label !== null) line += " " + (label.includes("\n") ? quoteFile(label) : label);
  return line + "\n";
}

/** Counts one input; decodes UTF-8 only when words, characters or widths are asked for. */
async function count(ctx: CommandContext, reader: ByteReader, which: Which): Promise<Counts> {
  const c: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  const text = which.words || which.chars || which.maxLine;
  const scan = new TextScan(c);
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    ctx.budget.step();
    c.bytes += chunk.length;
    if (text) scan.feed(chunk);
    else if (which.lines) for (let p = chunk.indexOf(10); p >= 0; p = chunk.indexOf(10, p + 1)) c.lines++;
  }
  if (text) scan.end();
  return c;
}

/** Word separators besides the ASCII ones: iswspace in C.UTF-8 plus GNU's non-breaking spaces. */
function isUnicodeSpace(cp: number): boolean {
  return (
    cp === 0xa0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x2060 || cp === 0x3000
  );
}

/** The per-character state machine of GNU wc, fed chunk by chunk (a split UTF-8 sequence is carried over). */
class TextScan {
  private inWord = false;
  private linePos = 0;
  private carry: Uint8Array | null = null;

  constructor(private readonly c: Counts) {}

  feed(chunk: Uint8Array): void {
    let data = chunk;
    if (this.carry) {
      data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry);
      data.set(chunk, this.carry.length);
      this.carry = null;
    }
    const c = this.c;
    const n = data.length;
    let i = 0;
    while (i < n) {
      const b = data[i];
      if (b < 0x80) {
        i++;
        c.chars++;
        this.ascii(b);
        continue;
      }
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (len > 1 && i + len > n) {
        // Maybe a sequence split across chunks: wait for more bytes.
        let prefixOk = true;
        for (let k = i + 1; k < n; k++) if ((data[k] & 0xc0) !== 0x80) prefixOk = false;
        if (prefixOk) {
          this.carry = data.slice(i);
          return;
        }
      }
      const ch = decodeUtf8(data.subarray(i, Math.min(n, i + len)));
      const cp = ch.codePointAt(0)!;
      if (cp >= 0xdc80 && cp <= 0xdcff) {
        i++; // an invalid byte: a byte, not a character
        continue;
      }
      i += len;
      c.chars++;
      this.wide(cp, ch);
    }
  }

  end(): void {
    if (this.carry) this.carry = null; // an incomplete sequence at the end: bytes only
    if (this.linePos > this.c.maxLine) this.c.maxLine = this.linePos;
    if (this.inWord) this.c.words++;
    this.inWord = false;
  }

  private separator(): void {
    if (this.inWord) this.c.words++;
    this.inWord = false;
  }

  private ascii(b: number): void {
    if (b > 32 && b < 127) {
      this.linePos++;
      this.inWord = true;
      return;
    }
    if (b === 10 || b === 13 || b === 12) {
      if (b === 10) this.c.lines++;
      if (this.linePos > this.c.maxLine) this.c.maxLine = this.linePos;
      this.linePos = 0;
      this.separator();
    } else if (b === 9) {
      this.linePos += 8 - (this.linePos % 8);
      this.separator();
    } else if (b === 32) {
      this.linePos++;
      this.separator();
    } else if (b === 11) {
      this.separator();
    }
    // Other controls are not printable: no width, and no effect on words.
  }

  private wide(cp: number, ch: string): void {
    if (cp < 0xa0 || cp === 0x2028 || cp === 0x2029) return; // not printable: no width, no word
    this.linePos += charWidth(ch);
    if (isUnicodeSpace(cp)) this.separator();
    else this.inWord = true;
  }
}

export const wc: CommandDef = { name: "wc", help: HELP, run };
