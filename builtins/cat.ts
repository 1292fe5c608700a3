import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { openOrReport } from "./_lib/files.js";
import { quoteFile } from "./_lib/quote.js";

/**
 * cat: concatenates inputs chunk by chunk. Without formatting options the
 * chunks pass through untouched; with them, one state machine runs across all
 * files as in GNU cat (numbering and squeezing continue from file to file).
 */

const HELP = `Usage: cat [OPTION]... [FILE]...
Concatenate FILE(s) to standard output. With no FILE, or when FILE is -, read standard input.

  -A, --show-all           same as -vET
  -b, --number-nonblank    number non-empty output lines (overrides -n)
  -e                       same as -vE
  -E, --show-ends          show $ at the end of each line
  -n, --number             number all output lines
  -s, --squeeze-blank      suppress repeated empty output lines
  -t                       same as -vT
  -T, --show-tabs          show TAB characters as ^I
  -u                       (ignored)
  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB
      --help               display this help and exit
      --version            output version information and exit
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  numberNonblank: { short: "b", long: "number-nonblank" },
  number: { short: "n", long: "number" },
  squeeze: { short: "s", long: "squeeze-blank" },
  showNonprinting: { short: "v", long: "show-nonprinting" },
  showEnds: { short: "E", long: "show-ends" },
  showTabs: { short: "T", long: "show-tabs" },
  showAll: { short: "A", long: "show-all" },
  e: { short: "e" },
  t: { short: "t" },
  unbuffered: { short: "u" },
};

interface Format {
  number: boolean;
  nonblank: boolean;
  ends: boolean;
  tabs: boolean;
  nonprinting: boolean;
  squeeze: boolean;
}

/**
 * GNU cat's `newlines` counter (newlines just seen, -1 inside a line), the line
 * number, and a held-back CR: with -E a CR right before a newline shows as ^M.
 */
interface State {
  newlines: number;
  lineNo: number;
  pendingCR: boolean;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  const f: Format = { number: false, nonblank: false, ends: false, tabs: false, nonprinting: false, squeeze: false };
  for (const { key } of opts.order) {
    if (key === "showAll") f.nonprinting = f.ends = f.tabs = true;
    else if (key === "numberNonblank") f.number = f.nonblank = true;
    else if (key === "e") f.nonprinting = f.ends = true;
    else if (key === "showEnds") f.ends = true;
    else if (key === "number") f.number = true;
    else if (key === "squeeze") f.squeeze = true;
    else if (key === "t") f.nonprinting = f.tabs = true;
    else if (key === "showTabs") f.tabs = true;
    else if (key === "showNonprinting") f.nonprinting = true;
  }
  const plain = !(f.number || f.ends || f.tabs || f.nonprinting || f.squeeze);
  const state: State = { newlines: 0, lineNo: 0, pendingCR: false };
  let status = 0;
  const operands = opts.operands.length ? opts.operands : ["-"];
  for (const operand of operands) {
    if (ctx.stdout.filePath !== undefined && (await copiesOntoItself(ctx, operand))) {
      ctx.stderr.write(`cat: ${quoteFile(operand)}: input file is output file\n`);
      status = 1;
      continue;
    }
    const opened = await openOrReport(ctx, "cat", operand);
    if (!opened) {
      status = 1;
      continue;
    }
    const { reader, owned } = opened;
    try {
      for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
        ctx.budget.step();
        await ctx.stdout.write(plain ? chunk : format(chunk, f, state));
      }
    } finally {
      if (owned) reader.close();
    }
  }
  if (state.pendingCR) await ctx.stdout.write("\r");
  return status;
}

/**
 * GNU cat refuses a nonempty regular file that is also its output (`cat f >> f`), which
 * would only grow until the disk is full; `cat f > f` has emptied it first, so it passes.
 */
async function copiesOntoItself(ctx: CommandContext, operand: string): Promise<boolean> {
  const input = operand === "-" ? ctx.stdin.filePath : ctx.resolve(operand);
  if (input === undefined) return false;
  try {
    const [inSt, outSt] = await Promise.all([ctx.fs.stat(input), ctx.fs.stat(ctx.stdout.filePath!)]);
    return inSt.type === "file" && inSt.ino === outSt.ino && inSt.size > 0;
  } catch {
    return false; // a missing operand is reported when it is opened
  }
}

const TAB = 9;
const NL = 10;
const CR = 13;

/** Formats one chunk, continuing `state`. */
function format(chunk: Uint8Array, f: Format, state: State): Uint8Array {
  let out = new Uint8Array(chunk.length * 4 + 64);
  let o = 0;
  const room = (n: number) => {
    if (o + n <= out.length) return;
    const bigger = new Uint8Array((o + n) * 2);
    bigger.set(out.subarray(0, o));
    out = bigger;
  };
  const lineNumber = () => {
    const s = String(++state.lineNo).padStart(6, " ") + "\t";
    room(s.length + 4);
    for (let k = 0; k < s.length; k++) out[o++] = s.charCodeAt(k);
  };
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i];
    if (state.pendingCR) {
      state.pendingCR = false;
      room(2);
      if (c === NL) {
        out[o++] = 0x5e;
        out[o++] = 0x4d;
      } else out[o++] = CR;
    }
    if (c === NL) {
      if (++state.newlines > 0) {
        if (state.newlines >= 2) {
          state.newlines = 2;
          if (f.squeeze) continue;
        }
        if (f.number && !f.nonblank) lineNumber();
      }
      room(2);
      if (f.ends) out[o++] = 0x24;
      out[o++] = NL;
      continue;
    }
    if (state.newlines >= 0 && f.number) lineNumber();
    state.newlines = -1;
    room(4);
    if (c === CR && f.ends && !f.nonprinting) {
      state.pendingCR = true;
      continue;
    }
    if (!f.nonprinting) {
      if (c === TAB && f.tabs) {
        out[o++] = 0x5e;
        out[o++] = 0x49;
      } else out[o++] = c;
      continue;
    }
    // -v: ^X for controls, ^? for DEL, M- for the high half.
    let b = c;
    if (b >= 128) {
      out[o++] = 0x4d;
      out[o++] = 0x2d;
      b -= 128;
    }
    if (b === 127) {
      out[o++] = 0x5e;
      out[o++] = 0x3f;
    } else if (b >= 32 || (b === TAB && !f.tabs && c === TAB)) {
      out[o++] = b;
    } else {
      out[o++] = 0x5e;
      out[o++] = b + 64;
    }
  }
  return out.subarray(0, o);
}

export const cat: CommandDef = { name: "cat", help: HELP, run };
