import type { CommandContext } from "../types.js";

/**
 * The single GNU-style option parser every command uses: bundled short options
 * (-abc), attached or separate values (-n5, -n 5), --long, --long=value, unique
 * prefixes of long names, `--`, options after operands, and `-` as an operand.
 */

export interface OptionDef {
  /** One-letter name, e.g. "n". */
  short?: string;
  /** Long name(s) without dashes, e.g. "lines". */
  long?: string | string[];
  /** Whether the option takes a value. "optional" values attach only (-x5, --x=5). */
  arg?: "none" | "required" | "optional";
}

export type OptionSpec = Record<string, OptionDef>;

export interface ParsedOptions {
  /** Last value of each option present (true for flags). */
  values: Map<string, string | true>;
  /** Every occurrence in order (for repeatable options such as -e or -k). */
  order: Array<{ key: string; value: string | true }>;
  operands: string[];
  has(key: string): boolean;
  get(key: string): string | undefined;
  all(key: string): string[];
}

export interface ParseSettings {
  /** Stop at the first operand (POSIX style; env, xargs, timeout, nice). */
  stopAtOperand?: boolean;
  /** Exit status for usage errors (GNU: 1 for most coreutils, 2 for grep, sort, ls, diff). */
  usageStatus?: number;
  /** Accept -NUM as this option's value (head -5, tail -3, fold... ). */
  numberOption?: string;
  /** Treat "+..." arguments as operands (the default); no special meaning. */
  /** Version line for --version; defaults to "NAME (GNU coreutils) 9.1". */
  version?: string;
  /** A usage line printed between the message and "Try ..." (grep: "Usage: grep [OPTION]... PATTERNS [FILE]..."). */
  usageLine?: string;
  /** Help text; defaults to the command's own. */
  help?: string;
  /**
   * Reports a usage error the command's own way (hostname, clear and which are
   * not coreutils: no "Try ..." line); returns the exit status.
   */
  report?: (message: string) => number;
  /**
   * Called for each option as it is parsed, in order, like the body of a
   * getopt loop: a value check that throws UsageError there is reported before
   * any later usage error, as GNU tools do (`head -n x -Q` complains about x).
   */
  onOption?: (key: string, value: string | true) => void;
}

/** A usage error already reported on stderr; the command should exit with `status`. */
export class UsageError extends Error {
  constructor(readonly status: number) {
    super("usage");
  }
}

function makeParsed(): ParsedOptions {
  const values = new Map<string, string | true>();
  const order: ParsedOptions["order"] = [];
  return {
    values,
    order,
    operands: [],
    has: (k) => values.has(k),
    get: (k) => {
      const v = values.get(k);
      return typeof v === "string" ? v : undefined;
    },
    all: (k) => order.filter((o) => o.key === k).map((o) => (o.value === true ? "" : o.value)),
  };
}

/** Writes "name: message" and the "Try ..." hint, GNU style, and returns a UsageError. */
export function usageError(ctx: CommandContext, message: string, status = 1, usageLine?: string): UsageError {
  return reportUsage(ctx, message, status, usageLine);
}

function reportUsage(ctx: CommandContext, message: string, status: number, usageLine?: string): UsageError {
  const usage = usageLine ? `${usageLine}\n` : "";
  ctx.stderr.write(`${ctx.name}: ${message}\n${usage}Try '${ctx.name} --help' for more information.\n`);
  return new UsageError(status);
}

// Every GNU tool's table ends with --help and --version: they take part in
// prefix matching (--hel) and in ambiguity (head --ver... vs --verbose).
const HELP_KEY = "\0help";
const VERSION_KEY = "\0version";

interface OptionTables {
  byShort: Map<string, string>;
  longs: Array<[string, string]>;
}

/** Lookup tables per spec, built once: specs are constants, and most runs pass no option at all. */
const tablesBySpec = new WeakMap<OptionSpec, OptionTables>();

function optionTables(spec: OptionSpec): OptionTables {
  let t = tablesBySpec.get(spec);
  if (t) return t;
  const byShort = new Map<string, string>();
  const longs: Array<[string, string]> = [];
  for (const [key, def] of Object.entries(spec)) {
    if (def.short) byShort.set(def.short, key);
    const l = def.long === undefined ? [] : Array.isArray(def.long) ? def.long : [def.long];
    for (const name of l) longs.push([name, key]);
  }
  if (!longs.some(([n]) => n === "help")) longs.push(["help", HELP_KEY]);
  if (!longs.some(([n]) => n === "version")) longs.push(["version", VERSION_KEY]);
  t = { byShort, longs };
  tablesBySpec.set(spec, t);
  return t;
}

/**
 * Parses ctx.args against spec. Returns the parsed options, or a number: the exit
 * status to return at once (after --help/--version output or a usage error).
 */
export function parseOptions(
  ctx: CommandContext,
  spec: OptionSpec,
  settings: ParseSettings & { helpText?: string } = {},
  args: string[] = ctx.args,
): ParsedOptions | number {
  const status = settings.usageStatus ?? 1;
  const usageError = (c: CommandContext, message: string, st: number, line?: string): UsageError =>
    settings.report ? new UsageError(settings.report(message)) : reportUsage(c, message, st, line);
  const out = makeParsed();
  let tables: OptionTables | undefined;
  const set = (key: string, value: string | true) => {
    out.values.set(key, value);
    out.order.push({ key, value });
    settings.onOption?.(key, value);
  };
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "--") {
        out.operands.push(...args.slice(i + 1));
        break;
      }
      if (a.startsWith("--") && a.length > 2) {
        const eq = a.indexOf("=");
        const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
        const { longs } = (tables ??= optionTables(spec));
        const exact = longs.find(([n]) => n === name);
        const matches = exact ? [exact] : longs.filter(([n]) => n.startsWith(name));
        if (matches.length === 0) throw usageError(ctx, `unrecognized option '${a}'`, status, settings.usageLine);
        // glibc getopt: the first match plus every later one meaning something else.
        const ambiguous = matches.filter(([, k], j) => j === 0 || k !== matches[0][1]);
        if (ambiguous.length > 1) {
          const list = ambiguous.map(([n]) => ` '--${n}'`).join("");
          throw usageError(ctx, `option '${a}' is ambiguous; possibilities:${list}`, status, settings.usageLine);
        }
        const [longName, key] = matches[0];
        if (key === HELP_KEY || key === VERSION_KEY) {
          if (eq >= 0) throw usageError(ctx, `option '--${longName}' doesn't allow an argument`, status, settings.usageLine);
          if (key === HELP_KEY) ctx.stdout.write(settings.helpText ?? settings.help ?? `Usage: ${ctx.name} [OPTION]...\n`);
          else ctx.stdout.write((settings.version ?? `${ctx.name} (GNU coreutils) 9.1`) + "\n");
          return 0;
        }
        const def = spec[key];
        if (!def.arg || def.arg === "none") {
          if (eq >= 0) throw usageError(ctx, `option '--${longName}' doesn't allow an argument`, status, settings.usageLine);
          set(key, true);
        } else if (eq >= 0) {
          set(key, a.slice(eq + 1));
        } else if (def.arg === "optional") {
          set(key, true);
        } else if (i + 1 < args.length) {
          set(key, args[++i]);
        } else {
          throw usageError(ctx, `option '--${longName}' requires an argument`, status, settings.usageLine);
        }
        continue;
      }
      if (a.length > 1 && a[0] === "-") {
        if (settings.numberOption && /^-\d+$/.test(a)) {
          set(settings.numberOption, a.slice(1));
          continue;
        }
        for (let j = 1; j < a.length; j++) {
          const ch = a[j];
          const key = (tables ??= optionTables(spec)).byShort.get(ch);
          if (key === undefined) throw usageError(ctx, `invalid option -- '${ch}'`, status, settings.usageLine);
          const def = spec[key];
          if (!def.arg || def.arg === "none") {
            set(key, true);
            continue;
          }
          const rest = a.slice(j + 1);
          if (rest.length > 0) set(key, rest);
          else if (def.arg === "optional") set(key, true);
          else if (i + 1 < args.length) set(key, args[++i]);
          else throw usageError(ctx, `option requires an argument -- '${ch}'`, status, settings.usageLine);
          break;
        }
        continue;
      }
      out.operands.push(a);
      if (settings.stopAtOperand) {
        out.operands.push(...args.slice(i + 1));
        break;
      }
    }
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    throw e;
  }
  return out;
}
