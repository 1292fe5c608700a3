import type { CommandContext } from "../types.js";
import { parseOptions, type OptionSpec } from "../_lib/options.js";
import { readInput } from "../_lib/input.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import { isFsError } from "../../src/fs/types.js";
import type { MatcherKind } from "./pattern.js";
import type { OutputSettings } from "./search.js";
import { GREP_HELP, GREP_VERSION } from "./help.js";

/** grep's options (GNU grep 3.8), parsed into what the search needs. */

const SPEC: OptionSpec = {
  E: { short: "E", long: "extended-regexp" },
  F: { short: "F", long: "fixed-strings" },
  G: { short: "G", long: "basic-regexp" },
  P: { short: "P", long: "perl-regexp" },
  regexp: { short: "e", long: "regexp", arg: "required" },
  file: { short: "f", long: "file", arg: "required" },
  ignoreCase: { short: "i", long: "ignore-case" },
  y: { short: "y" },
  noIgnoreCase: { long: "no-ignore-case" },
  word: { short: "w", long: "word-regexp" },
  line: { short: "x", long: "line-regexp" },
  nullData: { short: "z", long: "null-data" },
  noMessages: { short: "s", long: "no-messages" },
  invert: { short: "v", long: "invert-match" },
  version: { short: "V", long: "version" },
  help: { long: "help" },
  maxCount: { short: "m", long: "max-count", arg: "required" },
  byteOffset: { short: "b", long: "byte-offset" },
  lineNumber: { short: "n", long: "line-number" },
  noLineNumber: { long: "no-line-number" },
  lineBuffered: { long: "line-buffered" },
  withFilename: { short: "H", long: "with-filename" },
  noFilename: { short: "h", long: "no-filename" },
  label: { long: "label", arg: "required" },
  onlyMatching: { short: "o", long: "only-matching" },
  quiet: { short: "q", long: ["quiet", "silent"] },
  binaryFiles: { long: "binary-files", arg: "required" },
  text: { short: "a", long: "text" },
  I: { short: "I" },
  directories: { short: "d", long: "directories", arg: "required" },
  devices: { short: "D", long: "devices", arg: "required" },
  recursive: { short: "r", long: "recursive" },
  derefRecursive: { short: "R", long: "dereference-recursive" },
  include: { long: "include", arg: "required" },
  exclude: { long: "exclude", arg: "required" },
  excludeFrom: { long: "exclude-from", arg: "required" },
  excludeDir: { long: "exclude-dir", arg: "required" },
  filesWithout: { short: "L", long: "files-without-match" },
  filesWith: { short: "l", long: "files-with-matches" },
  count: { short: "c", long: "count" },
  initialTab: { short: "T", long: "initial-tab" },
  nullName: { short: "Z", long: "null" },
  before: { short: "B", long: "before-context", arg: "required" },
  after: { short: "A", long: "after-context", arg: "required" },
  context: { short: "C", long: "context", arg: "required" },
  groupSeparator: { long: "group-separator", arg: "required" },
  noGroupSeparator: { long: "no-group-separator" },
  color: { long: ["color", "colour"], arg: "optional" },
  binary: { short: "U", long: "binary" },
  unixByteOffsets: { short: "u", long: "unix-byte-offsets" },
};

export interface GrepConfig extends OutputSettings {
  /** -v with the one pattern "" selects nothing: GNU exits 1 at once, printing nothing. */
  selectsNothing: boolean;
  kind: MatcherKind;
  patterns: string[];
  ignoreCase: boolean;
  word: boolean;
  line: boolean;
  noMessages: boolean;
  withFilenameChoice: boolean | undefined;
  label: string;
  directories: "read" | "recurse" | "skip";
  devices: "read" | "skip";
  dereference: boolean;
  include: string[];
  exclude: string[];
  excludeDir: string[];
  operands: string[];
}

/** A usage problem already reported; grep exits 2. */
export class GrepExit extends Error {
  constructor(readonly status: number) {
    super("exit");
  }
}

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...";

function fail(ctx: CommandContext, message: string): never {
  ctx.stderr.write(`${ctx.name}: ${message}\n`);
  throw new GrepExit(2);
}

function contextLength(ctx: CommandContext, v: string): number {
  if (!/^\d+$/.test(v)) fail(ctx, `${v}: invalid context length argument`);
  return Math.min(Number(v), Number.MAX_SAFE_INTEGER);
}

function choose<T extends string>(ctx: CommandContext, v: string, option: string, valid: readonly T[]): T {
  const exact = valid.find((x) => x === v);
  const byPrefix = valid.filter((x) => x.startsWith(v));
  if (exact) return exact;
  if (v !== "" && byPrefix.length === 1) return byPrefix[0];
  ctx.stderr.write(
    `${ctx.name}: ${byPrefix.length > 1 && v !== "" ? "ambiguous" : "invalid"} argument \u2018${v}\u2019 for \u2018--${option}\u2019\n` +
      `Valid arguments are:\n${valid.map((x) => `  - \u2018${x}\u2019\n`).join("")}${USAGE}\nTry '${ctx.name} --help' for more information.\n`,
  );
  throw new GrepExit(1);
}

/** Parses argv; throws GrepExit after printing any message. */
export async function parseGrepArgs(ctx: CommandContext, defaultKind: MatcherKind): Promise<GrepConfig> {
  const opts = parseOptions(ctx, SPEC, { usageStatus: 2, numberOption: "context", usageLine: USAGE, help: GREP_HELP });
  if (typeof opts === "number") throw new GrepExit(opts);
  if (opts.has("help")) {
    ctx.stdout.write(GREP_HELP);
    throw new GrepExit(0);
  }
  if (opts.has("version")) {
    ctx.stdout.write(GREP_VERSION);
    throw new GrepExit(0);
  }
  let kind: MatcherKind | null = null;
  let ignoreCase = false;
  let withFilenameChoice: boolean | undefined;
  let list: "l" | "L" | null = null;
  let binaryFiles: OutputSettings["binaryFiles"] = "binary";
  let directories: GrepConfig["directories"] = "read";
  let devices: GrepConfig["devices"] = "read";
  let dereference = false;
  let context = -1;
  let before = -1;
  let after = -1;
  let groupSeparator: string | null = "--";
  let maxCount = Infinity;
  let lineNumber = false;
  let color = false;
  const patterns: string[] = [];
  let sawPatternOption = false;
  for (const { key, value } of opts.order) {
    const v = value === true ? "" : value;
    switch (key) {
      case "E": case "F": case "G": case "P":
        if (kind !== null && kind !== key) fail(ctx, "conflicting matchers specified");
        kind = key;
        break;
      case "regexp":
        sawPatternOption = true;
        patterns.push(...v.split("\n"));
        break;
      case "file": {
        sawPatternOption = true;
        let data: Uint8Array;
        try {
          data = await readInput(ctx, v);
        } catch (e) {
          if (isFsError(e)) fail(ctx, `${v}: ${e.message}`);
          throw e;
        }
        const text = decodeUtf8(data);
        if (text.length > 0) patterns.push(...(text.endsWith("\n") ? text.slice(0, -1) : text).split("\n"));
        break;
      }
      case "ignoreCase": case "y": ignoreCase = true; break;
      case "noIgnoreCase": ignoreCase = false; break;
      case "withFilename": withFilenameChoice = true; break;
      case "noFilename": withFilenameChoice = false; break;
      case "filesWith": list = "l"; break;
      case "filesWithout": list = "L"; break;
      case "lineNumber": lineNumber = true; break;
      case "noLineNumber": lineNumber = false; break;
      case "maxCount": {
        const t = v.trim();
        if (!/^[-+]?\d+$/.test(t)) fail(ctx, "invalid max count");
        const n = Number(t);
        maxCount = n < 0 ? Infinity : n;
        break;
      }
      case "binaryFiles":
        if (v === "binary" || v === "text" || v === "without-match") binaryFiles = v;
        else fail(ctx, "unknown binary-files type");
        break;
      case "text": binaryFiles = "text"; break;
      case "I": binaryFiles = "without-match"; break;
      case "directories": directories = choose(ctx, v, "directories", ["read", "recurse", "skip"] as const); break;
      case "devices": devices = choose(ctx, v, "devices", ["read", "skip"] as const); break;
      case "recursive": directories = "recurse"; break;
      case "derefRecursive": directories = "recurse"; dereference = true; break;
      case "context": context = contextLength(ctx, v); break;
      case "before": before = contextLength(ctx, v); break;
      case "after": after = contextLength(ctx, v); break;
      case "groupSeparator": groupSeparator = v; break;
      case "noGroupSeparator": groupSeparator = null; break;
      case "color":
        if (value === true) break;
        if (!["never", "always", "auto", "yes", "no", "force", "none", "tty", "if-tty"].includes(v)) {
          // grep quirk: an unknown --color value prints the full help and exits 0.
          ctx.stdout.write(GREP_HELP);
          throw new GrepExit(0);
        }
        // Output is never a terminal in the sandbox, so auto/tty mean never.
        color = ["always", "yes", "force"].includes(v);
        break;
    }
  }
  const operands = [...opts.operands];
  if (!sawPatternOption) {
    if (operands.length === 0) {
      ctx.stderr.write(`${USAGE}\nTry '${ctx.name} --help' for more information.\n`);
      throw new GrepExit(2);
    }
    patterns.push(...operands.shift()!.split("\n"));
  }
  const excludeFrom: string[] = [];
  for (const f of opts.all("excludeFrom")) {
    try {
      const text = decodeUtf8(await readInput(ctx, f));
      excludeFrom.push(...text.split("\n").filter((l) => l !== ""));
    } catch (e) {
      if (isFsError(e)) fail(ctx, `${f}: ${e.message}`);
      throw e;
    }
  }
  return {
    kind: kind ?? defaultKind,
    patterns,
    ignoreCase,
    word: opts.has("word"),
    line: opts.has("line"),
    noMessages: opts.has("noMessages"),
    withFilenameChoice,
    withFilename: false,
    label: opts.get("label") ?? "(standard input)",
    directories,
    devices,
    dereference,
    include: opts.all("include"),
    exclude: [...opts.all("exclude"), ...excludeFrom],
    excludeDir: opts.all("excludeDir"),
    operands,
    invert: opts.has("invert"),
    count: opts.has("count"),
    list,
    quiet: opts.has("quiet"),
    maxCount,
    onlyMatching: opts.has("onlyMatching"),
    byteOffset: opts.has("byteOffset"),
    lineNumber,
    initialTab: opts.has("initialTab"),
    nullAfterName: opts.has("nullName"),
    nullData: opts.has("nullData"),
    selectsNothing: opts.has("invert") && patterns.length === 1 && patterns[0] === "" && !opts.has("word") && !opts.has("line"),
    contextGiven: before >= 0 || after >= 0 || context >= 0,
    before: before >= 0 ? before : Math.max(context, 0),
    after: after >= 0 ? after : Math.max(context, 0),
    groupSeparator,
    binaryFiles,
    lineBuffered: opts.has("lineBuffered"),
    color,
  };
}
