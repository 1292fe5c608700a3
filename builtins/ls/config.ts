import type { CommandContext } from "../types.js";
import { parseOptions, type OptionSpec } from "../_lib/options.js";
import { quoteValue } from "../_lib/quote.js";
import { parseBlockSize } from "../_lib/human.js";

/** What one ls run does, decoded from its options (GNU ls decode_switches). */
export interface LsConfig {
  format: "long" | "one" | "columns" | "across" | "commas";
  sort: "name" | "none" | "time" | "size" | "extension" | "version" | "width";
  timeType: "mtime" | "atime" | "ctime" | "birth";
  reverse: boolean;
  ignore: "default" | "dotAndDotdot" | "minimal";
  ignoreBackups: boolean;
  ignorePatterns: string[];
  hidePatterns: string[];
  immediateDirs: boolean;
  recursive: boolean;
  dereference: "never" | "always" | "args" | "argsToDir";
  indicator: "none" | "slash" | "fileType" | "classify";
  printInode: boolean;
  printBlocks: boolean;
  printOwner: boolean;
  printGroup: boolean;
  numericIds: boolean;
  human: "" | "iec" | "si";
  /** Bytes per unit for sizes shown in long format (-l --block-size); 1 by default. */
  sizeUnit: number;
  /** Bytes per unit for -s and totals (1024 by default). */
  blockUnit: number;
  /** Letters shown after scaled sizes ("K" for --block-size=K). */
  unitSuffix: string;
  groupDirsFirst: boolean;
  /** strftime formats for non-recent and recent files. */
  timeFormats: [string, string];
  lineWidth: number;
  tabSize: number;
  quoting: "literal" | "escape" | "c" | "shell" | "shell-always" | "shell-escape" | "shell-escape-always" | "hideControl";
  eol: string;
  context: boolean;
}

export const LS_OPTIONS: OptionSpec = {
  all: { short: "a", long: "all" },
  almostAll: { short: "A", long: "almost-all" },
  author: { long: "author" },
  escape: { short: "b", long: "escape" },
  blockSize: { long: "block-size", arg: "required" },
  ignoreBackups: { short: "B", long: "ignore-backups" },
  ctime: { short: "c" },
  columns: { short: "C" },
  color: { long: ["color", "colour"], arg: "optional" },
  directory: { short: "d", long: "directory" },
  dired: { short: "D", long: "dired" },
  unsortedAll: { short: "f" },
  classify: { short: "F", long: "classify", arg: "optional" },
  fileType: { long: "file-type" },
  formatWord: { long: "format", arg: "required" },
  fullTime: { long: "full-time" },
  noOwner: { short: "g" },
  groupDirs: { long: "group-directories-first" },
  noGroup: { short: "G", long: "no-group" },
  human: { short: "h", long: "human-readable" },
  si: { long: "si" },
  derefArgs: { short: "H", long: "dereference-command-line" },
  derefArgsDir: { long: "dereference-command-line-symlink-to-dir" },
  hide: { long: "hide", arg: "required" },
  hyperlink: { long: "hyperlink", arg: "optional" },
  indicatorStyle: { long: "indicator-style", arg: "required" },
  inode: { short: "i", long: "inode" },
  ignore: { short: "I", long: "ignore", arg: "required" },
  kibibytes: { short: "k", long: "kibibytes" },
  long: { short: "l" },
  deref: { short: "L", long: "dereference" },
  commas: { short: "m" },
  numeric: { short: "n", long: "numeric-uid-gid" },
  literal: { short: "N", long: "literal" },
  noGroupLong: { short: "o" },
  slash: { short: "p" },
  hideControl: { short: "q", long: "hide-control-chars" },
  showControl: { long: "show-control-chars" },
  quoteName: { short: "Q", long: "quote-name" },
  quotingStyle: { long: "quoting-style", arg: "required" },
  reverse: { short: "r", long: "reverse" },
  recursive: { short: "R", long: "recursive" },
  size: { short: "s", long: "size" },
  sortSize: { short: "S" },
  sortWord: { long: "sort", arg: "required" },
  timeWord: { long: "time", arg: "required" },
  timeStyle: { long: "time-style", arg: "required" },
  sortTime: { short: "t" },
  tabsize: { short: "T", long: "tabsize", arg: "required" },
  atime: { short: "u" },
  unsorted: { short: "U" },
  version: { short: "v" },
  width: { short: "w", long: "width", arg: "required" },
  across: { short: "x" },
  sortExt: { short: "X" },
  context: { short: "Z", long: "context" },
  zero: { long: "zero" },
  one: { short: "1" },
};

/** Valid words of an enumerated option: each group lists synonyms (argmatch's table). */
type WordTable = Array<[string[], string]>;

const SORT_WORDS: WordTable = [
  [["none"], "none"], [["time"], "time"], [["size"], "size"],
  [["extension"], "extension"], [["version"], "version"], [["width"], "width"],
];
const TIME_WORDS: WordTable = [
  [["atime", "access", "use"], "atime"], [["ctime", "status"], "ctime"], [["birth", "creation"], "birth"],
  [["mtime", "modification"], "mtime"],
];
const FORMAT_WORDS: WordTable = [
  [["verbose", "long"], "long"], [["commas"], "commas"], [["horizontal", "across"], "across"],
  [["vertical"], "columns"], [["single-column"], "one"],
];
const INDICATOR_WORDS: WordTable = [
  [["none"], "none"], [["slash"], "slash"], [["file-type"], "fileType"], [["classify"], "classify"],
];
const QUOTING_WORDS: WordTable = [
  [["literal"], "literal"], [["shell"], "shell"], [["shell-always"], "shell-always"],
  [["shell-escape"], "shell-escape"], [["shell-escape-always"], "shell-escape-always"],
  [["c"], "c"], [["c-maybe"], "c"], [["escape"], "escape"], [["locale"], "c"], [["clocale"], "c"],
];
const WHEN_WORDS: WordTable = [
  [["always", "yes", "force"], "always"], [["never", "no", "none"], "never"], [["auto", "tty", "if-tty"], "auto"],
];

/** Thrown after an error message is written: ls exits with `status`. */
export class LsExit extends Error {
  constructor(readonly status: number) {
    super("ls exit");
  }
}

/** argmatch: exact word, else unique prefix; otherwise GNU's "invalid argument" report (status 1). */
function argmatch(ctx: CommandContext, table: WordTable, value: string, option: string, shown = table): string {
  for (const [words, key] of table) if (words.includes(value)) return key;
  const hits = new Set<string>();
  for (const [words, key] of table) for (const w of words) if (w.startsWith(value) && value) hits.add(key);
  if (hits.size === 1) return [...hits][0];
  const kind = hits.size > 1 ? "ambiguous" : "invalid";
  let msg = `ls: ${kind} argument ${quoteValue(value)} for ${quoteValue(option)}\nValid arguments are:\n`;
  for (const [words] of shown) msg += `  - ${words.map(quoteValue).join(", ")}\n`;
  ctx.stderr.write(msg + "Try 'ls --help' for more information.\n");
  throw new LsExit(1);
}

const TIME_STYLE_FORMATS: Record<string, [string, string]> = {
  "full-iso": ["%Y-%m-%d %H:%M:%S.%N %z", "%Y-%m-%d %H:%M:%S.%N %z"],
  "long-iso": ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M"],
  iso: ["%Y-%m-%d ", "%m-%d %H:%M"],
  locale: ["%b %e  %Y", "%b %e %H:%M"],
};

function timeStyle(ctx: CommandContext, style: string): [string, string] {
  let s = style;
  while (s.startsWith("posix-")) s = s.slice(6);
  if (s.startsWith("+")) {
    const nl = s.indexOf("\n");
    if (nl < 0) return [s.slice(1), s.slice(1)];
    return [s.slice(1, nl), s.slice(nl + 1)];
  }
  const f = TIME_STYLE_FORMATS[s];
  if (f) return f;
  ctx.stderr.write(
    `ls: invalid argument ${quoteValue(style)} for ${quoteValue("time style")}\nValid arguments are:\n` +
      "  - [posix-]full-iso\n  - [posix-]long-iso\n  - [posix-]iso\n  - [posix-]locale\n" +
      "  - +FORMAT (e.g., +%H:%M) for a 'date'-style format\nTry 'ls --help' for more information.\n",
  );
  throw new LsExit(2);
}

/** A base config before options: GNU's defaults when stdout is not a terminal. */
function defaults(ctx: CommandContext): LsConfig {
  const cols = Number(ctx.env.get("COLUMNS"));
  return {
    format: "one",
    sort: "name",
    timeType: "mtime",
    reverse: false,
    ignore: "default",
    ignoreBackups: false,
    ignorePatterns: [],
    hidePatterns: [],
    immediateDirs: false,
    recursive: false,
    dereference: "never",
    indicator: "none",
    printInode: false,
    printBlocks: false,
    printOwner: true,
    printGroup: true,
    numericIds: false,
    human: "",
    sizeUnit: 1,
    blockUnit: 1024,
    unitSuffix: "",
    groupDirsFirst: false,
    timeFormats: TIME_STYLE_FORMATS.locale,
    lineWidth: Number.isInteger(cols) && cols > 0 ? cols : 80,
    tabSize: 8,
    quoting: "literal",
    eol: "\n",
    context: false,
  };
}

/** Parses ls's arguments. Returns the config and operands, or an exit status. */
export function parseLsArgs(ctx: CommandContext, help: string): { config: LsConfig; operands: string[] } | number {
  const parsed = parseOptions(ctx, LS_OPTIONS, { usageStatus: 2, help });
  if (typeof parsed === "number") return parsed;
  const c = defaults(ctx);
  let sortSpecified = false;
  let derefSet = false;
  let timeStyleArg = ctx.env.get("TIME_STYLE");
  const quotingEnv = ctx.env.get("QUOTING_STYLE");
  if (quotingEnv) {
    const hit = QUOTING_WORDS.find(([w]) => w.includes(quotingEnv));
    if (hit) c.quoting = hit[1] as LsConfig["quoting"];
  }
  for (const { key, value } of parsed.order) {
    const v = typeof value === "string" ? value : "";
    switch (key) {
      case "all": c.ignore = "minimal"; break;
      case "almostAll": c.ignore = "dotAndDotdot"; break;
      case "escape": c.quoting = "escape"; break;
      case "blockSize": {
        const n = parseBlockSize(v);
        if (n === null) {
          ctx.stderr.write(`ls: invalid --block-size argument '${v}'\n`);
          throw new LsExit(2);
        }
        c.sizeUnit = c.blockUnit = n;
        c.human = "";
        // "--block-size=K" (no number) shows the unit letter after each size.
        c.unitSuffix = /^[A-Za-z]/.test(v) ? v.replace(/^(.)iB$/, "$1").replace(/^K(B)$/, "k$1") : "";
        break;
      }
      case "ignoreBackups": c.ignoreBackups = true; break;
      case "ctime": c.timeType = "ctime"; break;
      case "atime": c.timeType = "atime"; break;
      case "columns": c.format = "columns"; break;
      case "across": c.format = "across"; break;
      case "commas": c.format = "commas"; break;
      case "one":
        // GNU: -1 has no effect after -l.
        if (c.format !== "long") c.format = "one";
        break;
      case "long": c.format = "long"; break;
      case "noOwner": c.format = "long"; c.printOwner = false; break;
      case "noGroupLong": c.format = "long"; c.printGroup = false; break;
      case "numeric": c.format = "long"; c.numericIds = true; break;
      case "noGroup": c.printGroup = false; break;
      case "color":
      case "hyperlink":
        if (typeof value === "string") argmatch(ctx, WHEN_WORDS, v, "--" + key);
        break;
      case "directory": c.immediateDirs = true; break;
      case "dired": break;
      case "unsortedAll":
        c.ignore = "minimal";
        c.sort = "none";
        sortSpecified = true;
        if (c.format === "long") c.format = "one";
        c.printBlocks = false;
        break;
      case "classify": {
        const when = typeof value === "string" ? argmatch(ctx, WHEN_WORDS, v, "--classify") : "always";
        // Non-tty: "auto" means no indicators.
        if (when === "always") c.indicator = "classify";
        else c.indicator = "none";
        break;
      }
      case "fileType": c.indicator = "fileType"; break;
      case "slash": c.indicator = "slash"; break;
      case "indicatorStyle":
        c.indicator = argmatch(ctx, INDICATOR_WORDS, v, "--indicator-style") as LsConfig["indicator"];
        break;
      case "formatWord":
        c.format = argmatch(ctx, FORMAT_WORDS, v, "--format") as LsConfig["format"];
        break;
      case "fullTime":
        c.format = "long";
        timeStyleArg = "full-iso";
        break;
      case "timeStyle": timeStyleArg = v; break;
      case "groupDirs": c.groupDirsFirst = true; break;
      case "human": c.human = "iec"; c.sizeUnit = 1; c.blockUnit = 1; c.unitSuffix = ""; break;
      case "si": c.human = "si"; c.sizeUnit = 1; c.blockUnit = 1; c.unitSuffix = ""; break;
      case "kibibytes": c.blockUnit = 1024; c.unitSuffix = ""; break;
      case "derefArgs": c.dereference = "args"; derefSet = true; break;
      case "derefArgsDir": c.dereference = "argsToDir"; derefSet = true; break;
      case "deref": c.dereference = "always"; derefSet = true; break;
      case "hide": c.hidePatterns.push(v); break;
      case "ignore": c.ignorePatterns.push(v); break;
      case "inode": c.printInode = true; break;
      case "literal": c.quoting = "literal"; break;
      case "hideControl": c.quoting = "hideControl"; break;
      case "showControl": if (c.quoting === "hideControl") c.quoting = "literal"; break;
      case "quoteName": c.quoting = "c"; break;
      case "quotingStyle":
        c.quoting = argmatch(ctx, QUOTING_WORDS, v, "--quoting-style") as LsConfig["quoting"];
        break;
      case "reverse": c.reverse = true; break;
      case "recursive": c.recursive = true; break;
      case "size": c.printBlocks = true; break;
      case "sortSize": c.sort = "size"; sortSpecified = true; break;
      case "sortTime": c.sort = "time"; sortSpecified = true; break;
      case "unsorted": c.sort = "none"; sortSpecified = true; break;
      case "version": c.sort = "version"; sortSpecified = true; break;
      case "sortExt": c.sort = "extension"; sortSpecified = true; break;
      case "sortWord":
        c.sort = argmatch(ctx, SORT_WORDS, v, "--sort") as LsConfig["sort"];
        sortSpecified = true;
        break;
      case "timeWord":
        c.timeType = argmatch(ctx, TIME_WORDS, v, "--time", TIME_WORDS.slice(0, 3)) as LsConfig["timeType"];
        break;
      case "tabsize": {
        if (!/^\d+$/.test(v)) {
          ctx.stderr.write(`ls: invalid tab size: ${quoteValue(v)}\n`);
          throw new LsExit(2);
        }
        c.tabSize = Number(v);
        break;
      }
      case "width": {
        if (!/^\d+$/.test(v)) {
          ctx.stderr.write(`ls: invalid line width: ${quoteValue(v)}\n`);
          throw new LsExit(2);
        }
        c.lineWidth = Number(v);
        break;
      }
      case "context": c.context = true; break;
      case "zero": c.eol = "\0"; break;
      default: break;
    }
  }
  if (c.lineWidth === 0) c.tabSize = 0;
  if (c.timeType !== "mtime" && !sortSpecified && c.format !== "long") c.sort = "time";
  if (c.format === "long" && timeStyleArg !== undefined) c.timeFormats = timeStyle(ctx, timeStyleArg);
  if (!derefSet) {
    c.dereference =
      c.immediateDirs || c.indicator === "classify" || c.format === "long" ? "never" : "argsToDir";
  }
  return { config: c, operands: parsed.operands };
}
