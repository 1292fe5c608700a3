import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, UsageError, type OptionSpec } from "./_lib/options.js";
import { argmatch } from "./_lib/argmatch.js";
import { quoteAlways, quoteFile, quoteValue } from "./_lib/quote.js";
import { openInput, readInput } from "./_lib/input.js";
import { FsError, isFsError } from "../src/fs/types.js";
import {
  KeySpecError, incompatibleLetters, inheritGlobal, isDefaultKey, newKey, parseKeySpec,
  parseObsoleteKey, setOrdering, type KeyField,
} from "./sort/keyspec.js";
import { buildLineTable, byteString, joinInputs, type LineTable } from "./sort/lines.js";
import { buildComparison, type CompareSettings } from "./sort/compare.js";
import { debugLine, debugWarnings, type DebugSettings } from "./sort/debug.js";
import { assemble, checkOrder, mergeSorted, sortLines, writeChunks } from "./sort/run.js";
import { decodeUtf8 } from "../src/io/utf8.js";

/**
 * sort (GNU coreutils 9.1 under C.UTF-8, where collation is byte order): keys,
 * numeric/version/month/random orderings, -c/-C checks, -m merges, -o onto one
 * of the inputs. All input is read first, as GNU does, then sorted in memory.
 */

const HELP = `Usage: sort [OPTION]... [FILE]...
  or:  sort [OPTION]... --files0-from=F
Write sorted concatenation of all FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.
`;

const SPEC: OptionSpec = {
  b: { short: "b", long: "ignore-leading-blanks" },
  c: { short: "c" },
  check: { long: "check", arg: "optional" },
  C: { short: "C" },
  d: { short: "d", long: "dictionary-order" },
  f: { short: "f", long: "ignore-case" },
  g: { short: "g", long: "general-numeric-sort" },
  h: { short: "h", long: "human-numeric-sort" },
  i: { short: "i", long: "ignore-nonprinting" },
  k: { short: "k", long: "key", arg: "required" },
  m: { short: "m", long: "merge" },
  M: { short: "M", long: "month-sort" },
  n: { short: "n", long: "numeric-sort" },
  o: { short: "o", long: "output", arg: "required" },
  R: { short: "R", long: "random-sort" },
  r: { short: "r", long: "reverse" },
  s: { short: "s", long: "stable" },
  S: { short: "S", long: "buffer-size", arg: "required" },
  t: { short: "t", long: "field-separator", arg: "required" },
  T: { short: "T", long: "temporary-directory", arg: "required" },
  u: { short: "u", long: "unique" },
  V: { short: "V", long: "version-sort" },
  y: { short: "y", arg: "required" },
  z: { short: "z", long: "zero-terminated" },
  sort: { long: "sort", arg: "required" },
  parallel: { long: "parallel", arg: "required" },
  debug: { long: "debug" },
  files0: { long: "files0-from", arg: "required" },
  randomSource: { long: "random-source", arg: "required" },
  compress: { long: "compress-program", arg: "required" },
};

/** Option letters (and long names) whose value is the next argument, for the +POS scan. */
const SHORT_WITH_VALUE = "koStT";
const LONG_WITH_VALUE = ["key", "output", "buffer-size", "field-separator", "temporary-directory",
  "sort", "parallel", "files0-from", "random-source", "compress-program"];
/** Marks an obsolete +POS1 [-POS2] key turned into a --key value (NUL cannot come from argv). */
const OBSOLETE = "\0obsolete:";

/**
 * Finds +POS1 [-POS2] keys (accepted anywhere before `--`, as this sort's
 * getopt returns them in order) and rewrites them as --key values.
 */
function rewriteObsoleteKeys(args: string[], keys: KeyField[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      out.push(...args.slice(i));
      break;
    }
    if (a.startsWith("--")) {
      out.push(a);
      const name = a.slice(2);
      if (!a.includes("=") && LONG_WITH_VALUE.some((l) => l.startsWith(name)) && i + 1 < args.length) {
        out.push(args[++i]);
      }
      continue;
    }
    if (a.length > 1 && a[0] === "-") {
      out.push(a);
      for (let j = 1; j < a.length; j++) {
        if (SHORT_WITH_VALUE.includes(a[j])) {
          if (j === a.length - 1 && i + 1 < args.length) out.push(args[++i]);
          break;
        }
      }
      continue;
    }
    if (a.length > 1 && a[0] === "+") {
      const next = args[i + 1];
      const pos2 = next !== undefined && /^-\d/.test(next) ? next : undefined;
      const key = parseObsoleteKey(a, pos2);
      if (key) {
        if (pos2 !== undefined) i++;
        out.push(`--key=${OBSOLETE}${keys.length}`);
        keys.push(key);
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/** What the options asked for, once validated. */
interface SortPlan {
  settings: CompareSettings;
  check: "" | "c" | "C";
  merge: boolean;
  unique: boolean;
  delim: number;
  output: string | undefined;
  inputs: string[];
  /** --files0-from: the inputs are listed in this file. */
  files0From: string | undefined;
  /** --debug: warnings first, underlined keys after each line. */
  debug: DebugSettings | null;
  randomSource: string | undefined;
}

function fail(ctx: CommandContext, message: string): UsageError {
  ctx.stderr.write(`${ctx.name}: ${message}\n`);
  return new UsageError(2);
}

/** The "Try 'sort --help'" line alone, after a message of several lines. */
function tryHelp(ctx: CommandContext): UsageError {
  ctx.stderr.write(`Try '${ctx.name} --help' for more information.\n`);
  return new UsageError(2);
}

const CHECK_WORDS: Array<[string, "c" | "C"]> = [["quiet", "C"], ["silent", "C"], ["diagnose-first", "c"]];
const SORT_WORDS: Array<[string, string]> = [
  ["general-numeric", "g"], ["human-numeric", "h"], ["month", "M"], ["numeric", "n"], ["random", "R"], ["version", "V"],
];

/** -S SIZE: digits with an optional unit, 'b' or '%'. */
function checkBufferSize(ctx: CommandContext, v: string): void {
  const m = /^[ \t\n\v\f\r]*\+?(\d*)(.*)$/s.exec(v)!;
  if (m[1] === "" && !/^[EgGkKmMPtTYZ]$/.test(m[2])) throw fail(ctx, `invalid -S argument '${v}'`);
  if (m[2] !== "" && !/^[EgGkKmMPtTYZb%]$/.test(m[2])) throw fail(ctx, `invalid suffix in -S argument '${v}'`);
}

function planFromOptions(ctx: CommandContext, args: string[]): SortPlan | number {
  const obsoleteKeys: KeyField[] = [];
  const opts = parseOptions(ctx, SPEC, { usageStatus: 2, help: HELP }, rewriteObsoleteKeys(args, obsoleteKeys));
  if (typeof opts === "number") return opts;
  const gkey = newKey();
  const keys: KeyField[] = [];
  let tab = -1;
  let check: "" | "c" | "C" = "";
  for (const { key: opt, value } of opts.order) {
    const v = value === true ? "" : value;
    if ("bdfghiMnRrV".includes(opt) && opt.length === 1) setOrdering(opt, 0, gkey, "both");
    else if (opt === "k") {
      if (v.startsWith(OBSOLETE)) keys.push(obsoleteKeys[Number(v.slice(OBSOLETE.length))]);
      else {
        try {
          keys.push(parseKeySpec(v));
        } catch (e) {
          if (e instanceof KeySpecError) throw fail(ctx, e.message);
          throw e;
        }
      }
    } else if (opt === "sort") {
      setOrdering(argmatch(ctx, "--sort", v, SORT_WORDS), 0, gkey, "both");
    } else if (opt === "c" || opt === "C") {
      if (check && check !== opt) throw fail(ctx, "options '-cC' are incompatible");
      check = opt;
    } else if (opt === "check") {
      const c = value === true ? "c" : argmatch(ctx, "--check", value, CHECK_WORDS);
      if (check && check !== c) throw fail(ctx, "options '-cC' are incompatible");
      check = c;
    } else if (opt === "t") {
      if (v === "") throw fail(ctx, "empty tab");
      let t = v === "\\0" ? 0 : v.charCodeAt(0);
      if (v.length > 1 && v !== "\\0") throw fail(ctx, `multi-character tab ${quoteValue(v)}`);
      if (t > 0x7f) t = new TextEncoder().encode(v)[0];
      if (tab >= 0 && tab !== t) throw fail(ctx, "incompatible tabs");
      tab = t;
    } else if (opt === "S") checkBufferSize(ctx, v);
    else if (opt === "parallel") {
      if (!/^\s*\+?\d+$/.test(v)) throw fail(ctx, `invalid --parallel argument '${v}'`);
      if (Number(v) === 0) throw fail(ctx, "number in parallel must be nonzero");
    }
  }
  for (const k of keys) inheritGlobal(k, gkey);
  const gkeyOnly = keys.length === 0 && !isDefaultKey(gkey);
  if (gkeyOnly) keys.push(gkey);
  for (const k of keys) {
    const bad = incompatibleLetters(k);
    if (bad) throw fail(ctx, `options '-${bad}' are incompatible`);
  }
  let inputs = opts.operands;
  if (opts.has("files0")) {
    if (inputs.length) {
      ctx.stderr.write(`${ctx.name}: extra operand ${quoteAlways(inputs[0])}\n` +
        "file operands cannot be combined with --files0-from\n");
      throw tryHelp(ctx);
    }
  }
  const output = opts.get("o");
  if (check) {
    if (output !== undefined) throw fail(ctx, `options '-${check}o' are incompatible`);
    if (inputs.length > 1) throw fail(ctx, `extra operand ${quoteAlways(inputs[1])} not allowed with -${check}`);
  }
  const debug = opts.has("debug");
  if (debug && (check || output !== undefined)) {
    throw fail(ctx, `options '-${check || "o"} --debug' are incompatible`);
  }
  const stableOrUnique = opts.has("s") || opts.has("u");
  if (inputs.length === 0) inputs = ["-"];
  return {
    settings: {
      keys,
      tab,
      reverse: gkey.reverse,
      noLastResort: stableOrUnique,
      random: ctx.sandbox.random,
    },
    check,
    merge: opts.has("m"),
    unique: opts.has("u"),
    delim: opts.has("z") ? 0 : 0x0a,
    output,
    inputs,
    files0From: opts.get("files0"),
    debug: debug ? { keys, gkey, gkeyOnly, tab, stableOrUnique } : null,
    randomSource: opts.get("randomSource"),
  };
}

/** A file-level failure: sort reports it and exits with status 2. */
class SortFailure extends Error {}

function die(ctx: CommandContext, what: string, operand: string, e: unknown): never {
  if (!isFsError(e)) throw e;
  ctx.stderr.write(`${ctx.name}: ${what}: ${quoteFile(operand)}: ${e.message}\n`);
  throw new SortFailure();
}

/** --files0-from: NUL-separated input names. */
async function files0(ctx: CommandContext, from: string): Promise<string[]> {
  let data: Uint8Array;
  try {
    data = await readInput(ctx, from);
  } catch (e) {
    die(ctx, "open failed", from, e);
  }
  const names = decodeUtf8(data).split("\0");
  if (names[names.length - 1] === "") names.pop();
  return names;
}

/** check_inputs: every named input must exist before any is read. */
async function checkInputs(ctx: CommandContext, inputs: string[]): Promise<void> {
  for (const f of inputs) {
    if (f === "-") continue;
    try {
      await ctx.fs.stat(ctx.resolve(f));
    } catch (e) {
      die(ctx, "cannot read", f, e);
    }
  }
}

async function readAllInputs(ctx: CommandContext, inputs: string[], what: string): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  for (const f of inputs) {
    try {
      parts.push(await readInput(ctx, f));
    } catch (e) {
      die(ctx, isFsError(e, "EISDIR") ? "read failed" : what, f, e);
    }
    ctx.budget.step();
  }
  return parts;
}

/** -c / -C: reports the first disorder (with -c) and returns 1, or 0 when sorted. */
async function runCheck(ctx: CommandContext, plan: SortPlan): Promise<number> {
  const [data] = await readAllInputs(ctx, plan.inputs, "open failed");
  const lines = buildLineTable(data, plan.delim);
  ctx.budget.step(lines.count);
  const { cmp } = buildComparison(lines, lazyText(lines), plan.settings);
  const bad = checkOrder(lines.count, cmp, plan.unique);
  if (bad < 0) return 0;
  if (plan.check === "c") {
    const line = data.subarray(lines.starts[bad], lines.ends[bad]);
    ctx.stderr.write(`${ctx.name}: ${plan.inputs[0]}:${bad + 1}: disorder: `);
    ctx.stderr.write(line);
    ctx.stderr.write(new Uint8Array([plan.delim]));
  }
  return 1;
}

/** The byte string of the lines, made once and only if a text comparison needs it. */
function lazyText(lines: LineTable): () => string {
  let text: string | undefined;
  return () => (text ??= byteString(lines.data));
}

async function runSort(ctx: CommandContext, plan: SortPlan): Promise<number> {
  if (plan.debug) for (const w of debugWarnings(plan.debug)) ctx.stderr.write(`${ctx.name}: ${w}\n`);
  await checkInputs(ctx, plan.inputs);
  if (plan.output !== undefined) await checkOutput(ctx, plan.output);
  const parts = await readAllInputs(ctx, plan.inputs, "cannot read");
  const lines = buildLineTable(joinInputs(parts, plan.delim), plan.delim);
  ctx.budget.step(lines.count);
  const comparison = buildComparison(lines, lazyText(lines), plan.settings);
  let order: Int32Array;
  if (plan.merge) {
    const runs: Array<[number, number]> = [];
    let from = 0;
    for (const p of parts) {
      const n = buildLineTable(p, plan.delim).count;
      runs.push([from, from + n]);
      from += n;
    }
    order = mergeSorted(runs, comparison.cmp, plan.unique);
  } else {
    order = sortLines(lines.count, comparison, plan.unique);
  }
  if (plan.debug) {
    const ds = plan.debug;
    for (const i of order) {
      for (const part of debugLine(lines, i, ds.keys, ds.tab, ds.stableOrUnique)) {
        const p = ctx.stdout.write(part);
        if (p) await p;
      }
    }
    return 0;
  }
  const bytes = assemble(lines, order, plan.delim);
  if (plan.output === undefined) await writeChunks(ctx.stdout, bytes);
  else {
    try {
      await ctx.fs.writeFile(ctx.resolve(plan.output), bytes, { mode: 0o666 & ~ctx.umask });
    } catch (e) {
      die(ctx, "open failed", plan.output, e);
    }
  }
  return 0;
}

/** check_output: -o must name a file we can create, before any input is read. */
async function checkOutput(ctx: CommandContext, output: string): Promise<void> {
  const path = ctx.resolve(output);
  try {
    const st = await ctx.fs.stat(path);
    if (st.type === "directory") die(ctx, "open failed", output, new FsError("EISDIR", path, "open"));
  } catch (e) {
    if (e instanceof SortFailure || !isFsError(e, "ENOENT")) throw e;
    try {
      await ctx.fs.stat(dirname(path));
    } catch (e2) {
      die(ctx, "open failed", output, e2);
    }
  }
}

/** --random-source: the PRNG of -R seeded from the file's first 16 bytes (GNU needs that many). */
async function randomSource(ctx: CommandContext, file: string): Promise<() => number> {
  const data = new Uint8Array(16);
  let got = 0;
  try {
    const reader = await openInput(ctx, file);
    for (let c = await reader.read(); c && got < 16; c = await reader.read()) {
      const n = Math.min(16 - got, c.length);
      data.set(c.subarray(0, n), got);
      got += n;
    }
  } catch (e) {
    die(ctx, "open failed", file, e);
  }
  if (got < 16) {
    ctx.stderr.write(`${ctx.name}: ${quoteValue(file)}: end of file\n`);
    throw new SortFailure();
  }
  let state = 0;
  for (let i = 0; i < 16; i++) state = (Math.imul(state, 31) + data[i]) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

async function run(ctx: CommandContext): Promise<number> {
  try {
    const plan = planFromOptions(ctx, ctx.args);
    if (typeof plan === "number") return plan;
    if (plan.files0From !== undefined) plan.inputs = await files0(ctx, plan.files0From);
    if (plan.randomSource !== undefined && plan.settings.keys.some((k) => k.random)) {
      plan.settings.random = await randomSource(ctx, plan.randomSource);
    }
    return plan.check ? await runCheck(ctx, plan) : await runSort(ctx, plan);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    if (e instanceof SortFailure) return 2;
    throw e;
  }
}

export const sort: CommandDef = { name: "sort", help: HELP, run };
