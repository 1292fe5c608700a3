import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { readInput } from "./_lib/input.js";
import { decodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";
import { compileRegex, RegexSyntaxError } from "./_lib/regex/index.js";
import { compareFiles, DiffRun, type DiffSettings, type Style } from "./diff/compare.js";

/**
 * diff (GNU diffutils 3.8): normal, -u/-U, -c/-C, -e output; -q, -s; -r, -N,
 * -x/-X, -S for directories; -i -b -w -E -Z -B -I --strip-trailing-cr -a;
 * --label; exit status 0 (same), 1 (different), 2 (trouble). The comparison
 * itself is GNU's (diff/analyze.ts), so hunks match GNU's exactly.
 */

const HELP = `Usage: diff [OPTION]... FILES
Compare FILES line by line.
`;

const SPEC: OptionSpec = {
  normal: { long: "normal" },
  brief: { short: "q", long: "brief" },
  reportIdentical: { short: "s", long: "report-identical-files" },
  c: { short: "c" },
  C: { short: "C", arg: "required" },
  context: { long: "context", arg: "optional" },
  u: { short: "u" },
  U: { short: "U", arg: "required" },
  unified: { long: "unified", arg: "optional" },
  ed: { short: "e", long: "ed" },
  rcs: { short: "n", long: "rcs" },
  sideBySide: { short: "y", long: "side-by-side" },
  width: { short: "W", long: "width", arg: "required" },
  expandTabs: { short: "t", long: "expand-tabs" },
  initialTab: { short: "T", long: "initial-tab" },
  tabsize: { long: "tabsize", arg: "required" },
  suppressBlankEmpty: { long: "suppress-blank-empty" },
  label: { short: "L", long: "label", arg: "required" },
  showCFunction: { short: "p", long: "show-c-function" },
  showFunctionLine: { short: "F", long: "show-function-line", arg: "required" },
  ignoreCase: { short: "i", long: "ignore-case" },
  ignoreFileNameCase: { long: "ignore-file-name-case" },
  noIgnoreFileNameCase: { long: "no-ignore-file-name-case" },
  ignoreTabExpansion: { short: "E", long: "ignore-tab-expansion" },
  ignoreTrailingSpace: { short: "Z", long: "ignore-trailing-space" },
  ignoreSpaceChange: { short: "b", long: "ignore-space-change" },
  ignoreAllSpace: { short: "w", long: "ignore-all-space" },
  ignoreBlankLines: { short: "B", long: "ignore-blank-lines" },
  ignoreMatchingLines: { short: "I", long: "ignore-matching-lines", arg: "required" },
  text: { short: "a", long: "text" },
  stripTrailingCr: { long: "strip-trailing-cr" },
  binary: { long: "binary" },
  recursive: { short: "r", long: "recursive" },
  noDereference: { long: "no-dereference" },
  newFile: { short: "N", long: "new-file" },
  unidirectionalNewFile: { short: "P", long: "unidirectional-new-file" },
  exclude: { short: "x", long: "exclude", arg: "required" },
  excludeFrom: { short: "X", long: "exclude-from", arg: "required" },
  startingFile: { short: "S", long: "starting-file", arg: "required" },
  fromFile: { long: "from-file", arg: "required" },
  toFile: { long: "to-file", arg: "required" },
  minimal: { short: "d", long: "minimal" },
  horizonLines: { long: "horizon-lines", arg: "required" },
  speedLargeFiles: { short: "H", long: "speed-large-files" },
  h: { short: "h" },
  color: { long: "color", arg: "optional" },
  version: { short: "v", long: "version" },
};

/** Options given with a separate argument take the next word too (for the "diff -r" header line). */
const SHORT_WITH_ARG = new Set(["C", "U", "W", "L", "F", "I", "x", "X", "S"]);
const LONG_WITH_ARG = ["width", "tabsize", "label", "show-function-line", "ignore-matching-lines", "exclude", "exclude-from", "starting-file", "from-file", "to-file", "horizon-lines"];

/** The option words of argv in order, as getopt leaves them before optind. */
function switchWords(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      out.push(a);
      break;
    }
    if (a.length < 2 || a[0] !== "-") continue;
    out.push(a);
    if (a.startsWith("--")) {
      const name = a.slice(2);
      if (!name.includes("=") && LONG_WITH_ARG.some((l) => l.startsWith(name)) && i + 1 < args.length) out.push(args[++i]);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      if (SHORT_WITH_ARG.has(a[j])) {
        if (j === a.length - 1 && i + 1 < args.length) out.push(args[++i]);
        break;
      }
    }
  }
  return out;
}

function shellWord(w: string): string {
  // gnulib system_quote: shell-special characters force single quotes.
  return w !== "" && !/[\t\n !"#$&'()*;<=>?[\\\]^`{|}~\x80-\uffff]/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`;
}

function tryHelp(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`diff: ${message}\ndiff: Try 'diff --help' for more information.\n`);
  return 2;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, {
    help: HELP,
    version: "diff (GNU diffutils) 3.8",
    report: (message) => tryHelp(ctx, message),
  });
  if (typeof opts === "number") return opts;
  const s: DiffSettings = {
    style: "normal", brief: false, context: -1, ignoreCase: false, whiteSpace: 0, tabSize: 8,
    ignoreBlankLines: false, ignoreRegexps: [], text: false, recursive: false, newFile: false,
    unidirectionalNewFile: false, reportIdentical: false, labels: [], initialTab: false, minimal: false,
    stripTrailingCr: false, suppressBlankEmpty: false, excludes: [], startingFile: null,
    switches: switchWords(ctx.args).map((w) => " " + shellWord(w)).join(""),
  };
  let style: Style | null = null;
  const setStyle = (st: Style): boolean => {
    if (style !== null && style !== st) return false;
    style = st;
    return true;
  };
  let fromFile: string | null = null;
  let toFile: string | null = null;
  for (const { key, value } of opts.order) {
    const v = value === true ? null : value;
    switch (key) {
      case "version":
        ctx.stdout.write("diff (GNU diffutils) 3.8\n");
        return 0;
      case "normal":
        if (!setStyle("normal")) return tryHelp(ctx, "conflicting output style options");
        break;
      case "brief": s.brief = true; break;
      case "reportIdentical": s.reportIdentical = true; break;
      case "c": case "u": case "C": case "U": case "context": case "unified": {
        let n = 3;
        if (v !== null) {
          if (!/^\d+$/.test(v)) return tryHelp(ctx, `invalid context length '${v}'`);
          n = Number(v);
        }
        const st: Style = key === "u" || key === "U" || key === "unified" ? "unified" : "context";
        if (!setStyle(st)) return tryHelp(ctx, "conflicting output style options");
        s.context = Math.max(s.context, n);
        break;
      }
      case "ed":
        if (!setStyle("ed")) return tryHelp(ctx, "conflicting output style options");
        break;
      case "rcs": case "sideBySide": case "showCFunction": case "showFunctionLine": case "expandTabs":
        ctx.stderr.write(`diff: sandbash does not support this diff option yet\n`);
        return 2;
      case "initialTab": s.initialTab = true; break;
      case "tabsize":
        if (!/^\d+$/.test(v!) || Number(v) === 0) return tryHelp(ctx, `invalid tabsize '${v}'`);
        s.tabSize = Number(v);
        break;
      case "suppressBlankEmpty": s.suppressBlankEmpty = true; break;
      case "label":
        if (s.labels.length >= 2) return tryHelp(ctx, "too many file label options");
        s.labels.push(v!);
        break;
      case "ignoreCase": s.ignoreCase = true; break;
      case "ignoreTabExpansion": if (s.whiteSpace < 4) s.whiteSpace |= 1; break;
      case "ignoreTrailingSpace": if (s.whiteSpace < 4) s.whiteSpace |= 2; break;
      case "ignoreSpaceChange": if (s.whiteSpace < 4) s.whiteSpace = 4; break;
      case "ignoreAllSpace": s.whiteSpace = 5; break;
      case "ignoreBlankLines": s.ignoreBlankLines = true; break;
      case "ignoreMatchingLines": {
        try {
          s.ignoreRegexps.push(compileRegex(v!, { syntax: "BRE", budget: ctx.budget }));
        } catch (e) {
          if (!(e instanceof RegexSyntaxError)) throw e;
          ctx.stderr.write(`diff: ${e.message}\n`);
          return 2;
        }
        break;
      }
      case "text": s.text = true; break;
      case "stripTrailingCr": s.stripTrailingCr = true; break;
      case "recursive": s.recursive = true; break;
      case "newFile": s.newFile = true; break;
      case "unidirectionalNewFile": s.unidirectionalNewFile = true; break;
      case "exclude": s.excludes.push(v!); break;
      case "excludeFrom": {
        try {
          const text = decodeUtf8(await readInput(ctx, v!));
          for (const line of text.split("\n")) if (line) s.excludes.push(line);
        } catch (e) {
          if (!isFsError(e)) throw e;
          ctx.stderr.write(`diff: ${v}: ${e.message}\n`);
          return 2;
        }
        break;
      }
      case "startingFile": s.startingFile = v; break;
      case "fromFile": fromFile = v; break;
      case "toFile": toFile = v; break;
      case "minimal": s.minimal = true; break;
    }
  }
  s.style = style ?? "normal";
  if (s.context < 0) s.context = s.style === "normal" || s.style === "ed" ? 0 : 3;
  const operands = opts.operands;
  const runner = new DiffRun(ctx, s);
  let status = 0;
  if (fromFile !== null || toFile !== null) {
    if (fromFile !== null && toFile !== null) return tryHelp(ctx, "--from-file and --to-file both specified");
    for (const op of operands) {
      const v = fromFile !== null ? await compareFiles(runner, fromFile, op, false) : await compareFiles(runner, op, toFile!, false);
      status = Math.max(status, v);
    }
  } else {
    if (operands.length < 2) return tryHelp(ctx, `missing operand after '${operands.length ? operands[operands.length - 1] : "diff"}'`);
    if (operands.length > 2) return tryHelp(ctx, `extra operand '${operands[2]}'`);
    status = await compareFiles(runner, operands[0], operands[1], false);
  }
  await runner.flush();
  return status;
}

export const diff: CommandDef = { name: "diff", help: HELP, run };
