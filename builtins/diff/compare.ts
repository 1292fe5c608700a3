import type { CommandContext } from "../types.js";
import { latin1ToBytes } from "../../src/io/utf8.js";
import { localTime, strftime, zoneOf } from "../_lib/time.js";
import { analyze, type KeyFn } from "./analyze.js";
import { fileTypeName } from "../_lib/fileinfo.js";
import { cQuoteName, nameBytes, readOperand, statOperand, toLines, type Operand } from "./files.js";
import { diffDirs } from "./dirs.js";
import { contextOutput, edOutput, hasVisibleChanges, normalOutput, PrintedFile, unifiedOutput, type HunkSettings } from "./output.js";
import { compileFnmatch } from "../_lib/file-patterns.js";
import type { CompiledRegex } from "../_lib/regex/index.js";

/** GNU diff's compare_files / diff_2_files / diff_dirs: what gets compared and the messages around it. */

export type Style = "normal" | "unified" | "context" | "ed";

export interface DiffSettings {
  style: Style;
  brief: boolean;
  context: number;
  ignoreCase: boolean;
  /** 0 none, 1 tab expansion, 2 trailing space, 3 both, 4 space change, 5 all space. */
  whiteSpace: number;
  tabSize: number;
  ignoreBlankLines: boolean;
  ignoreRegexps: CompiledRegex[];
  text: boolean;
  recursive: boolean;
  newFile: boolean;
  unidirectionalNewFile: boolean;
  reportIdentical: boolean;
  labels: string[];
  initialTab: boolean;
  minimal: boolean;
  stripTrailingCr: boolean;
  suppressBlankEmpty: boolean;
  excludes: string[];
  startingFile: string | null;
  /** The switches as given, for "diff -r a/x b/x" lines. */
  switches: string;
}

/** Output accumulated as a byte string, flushed per file pair. */
export class DiffRun {
  private out: string[] = [];
  /** Directory nesting (diff_dirs applies -S at the top only). */
  depth = 0;

  constructor(
    readonly ctx: CommandContext,
    readonly s: DiffSettings,
  ) {}

  emit(text: string): void {
    this.out.push(text);
  }

  async flush(): Promise<void> {
    if (this.out.length) {
      const text = this.out.join("");
      this.out = [];
      await this.ctx.stdout.write(latin1ToBytes(text));
    }
  }

  error(message: string): void {
    this.ctx.stderr.write(`diff: ${message}\n`);
  }
}

const isDir = (op: Operand) => op.stat?.type === "directory";

/** Compares two operands (top level: parent null). Returns 0, 1 or 2. */
export async function compareFiles(run: DiffRun, name0: string, name1: string, sub: boolean, missing: [boolean, boolean] = [false, false]): Promise<number> {
  const ops = [await statOperand(run.ctx, name0), await statOperand(run.ctx, name1)] as [Operand, Operand];
  const s = run.s;
  for (let f = 0; f < 2; f++) {
    const other = ops[1 - f];
    const enoent = ops[f].error === "No such file or directory";
    if (missing[f] || (!sub && enoent && (s.newFile || (s.unidirectionalNewFile && f === 0)) && !other.error)) {
      ops[f] = { ...ops[f], error: null, nonexistent: true, stat: null };
    }
  }
  if (!sub && !ops[0].error && !ops[1].error && isDir(ops[0]) !== isDir(ops[1]) && !ops[0].nonexistent && !ops[1].nonexistent) {
    // A file against a directory: the file of the same name in it.
    const dirArg = isDir(ops[0]) ? 0 : 1;
    const fileName = ops[1 - dirArg].name;
    if (fileName === "-") {
      run.error("cannot compare '-' to a directory");
      return 2;
    }
    const base = fileName.replace(/\/+$/, "").split("/").pop() || fileName;
    const dir = ops[dirArg].name;
    ops[dirArg] = await statOperand(run.ctx, dir.endsWith("/") ? dir + base : `${dir}/${base}`);
  }
  let status = 0;
  for (const op of ops) {
    if (op.error) {
      run.error(`${op.name}: ${op.error}`);
      status = 2;
    }
  }
  if (status) return status;
  const [a, b] = ops;
  if (isDir(a) && isDir(b)) {
    if (sub && !s.recursive) {
      run.emit(`Common subdirectories: ${nameBytes(a.name)} and ${nameBytes(b.name)}\n`);
      return 0;
    }
    return diffDirs(run, a, b);
  }
  if ((isDir(a) && b.nonexistent) || (isDir(b) && a.nonexistent)) {
    return diffDirs(run, a, b);
  }
  if (isDir(a) || isDir(b)) {
    run.emit(`File ${nameBytes(a.name)} is a ${fileTypeName(a.stat!)} while file ${nameBytes(b.name)} is a ${fileTypeName(b.stat!)}\n`);
    return 1;
  }
  return diffTwoFiles(run, a, b, sub);
}

function keyFunction(s: DiffSettings): KeyFn {
  const ws = s.whiteSpace;
  const distinctIncomplete = ws < 2;
  return (line, complete) => {
    let k = line;
    if (ws === 5) k = k.replace(/[ \t\v\f\r]+/g, "");
    else if (ws === 4) k = k.replace(/[ \t\v\f\r]+$/, "").replace(/[ \t\v\f\r]+/g, " ");
    // GNU quirk: -E together with -Z expands no tabs, it only drops trailing space.
    else if (ws === 1) k = expandTabs(k, s.tabSize);
    else if (ws & 2) k = k.replace(/[ \t\v\f\r]+$/, "");
    if (s.ignoreCase) k = k.replace(/[A-Z]+/g, (m) => m.toLowerCase());
    return distinctIncomplete && !complete ? "\n" + k : k;
  };
}

function expandTabs(line: string, tab: number): string {
  if (!line.includes("\t")) return line;
  let out = "";
  for (const c of line) {
    if (c === "\t") out += " ".repeat(tab - (out.length % tab));
    else out += c;
  }
  return out;
}

function hunkSettings(s: DiffSettings): HunkSettings {
  return {
    context: s.context,
    ignoreBlankLines: s.ignoreBlankLines,
    ignoreRegexps: s.ignoreRegexps,
    skipWhiteSpace: s.ignoreBlankLines && s.whiteSpace >= 2,
    skipLeadingWhiteSpace: s.ignoreBlankLines && s.whiteSpace >= 4,
    initialTab: s.initialTab,
    suppressBlankEmpty: s.suppressBlankEmpty,
  };
}

function label(run: DiffRun, op: Operand, f: number): string {
  return nameBytes(run.s.labels[f] ?? op.name);
}

function headerLine(run: DiffRun, mark: string, op: Operand, f: number): string {
  if (run.s.labels[f] !== undefined) return `${mark} ${nameBytes(run.s.labels[f])}\n`;
  const ms = op.nonexistent ? 0 : op.stat ? op.stat.mtimeMs : run.ctx.sandbox.now();
  const t = localTime(ms, zoneOf(run.ctx));
  return `${mark} ${cQuoteName(op.name)}\t${strftime("%Y-%m-%d %H:%M:%S.%N %z", t)}\n`;
}

function hasNul(data: Uint8Array): boolean {
  const n = Math.min(data.length, 4096);
  for (let i = 0; i < n; i++) if (data[i] === 0) return true;
  return false;
}

function sameBytes(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

async function diffTwoFiles(run: DiffRun, a: Operand, b: Operand, sub: boolean): Promise<number> {
  const s = run.s;
  const d0 = await readOperand(run.ctx, a);
  const d1 = await readOperand(run.ctx, b);
  const identical = () => {
    if (s.reportIdentical) run.emit(`Files ${label(run, a, 0)} and ${label(run, b, 1)} are identical\n`);
    return 0;
  };
  const anyIgnore = s.ignoreBlankLines || s.ignoreCase || s.ignoreRegexps.length > 0 || s.whiteSpace > 0;
  const binary = !s.text && (hasNul(d0) || hasNul(d1));
  if (binary || (s.brief && !anyIgnore)) {
    if (sameBytes(d0, d1)) return identical();
    run.emit(`${s.brief ? "Files" : "Binary files"} ${label(run, a, 0)} and ${label(run, b, 1)} differ\n`);
    return 1;
  }
  if (sameBytes(d0, d1)) return identical();
  const l0 = toLines(d0, s.stripTrailingCr);
  const l1 = toLines(d1, s.stripTrailingCr);
  let trouble = false;
  if (s.style === "ed") {
    // ed scripts are not a "robust" style: GNU completes a last line without newline, and complains.
    [l0, l1].forEach((l, f) => {
      if (!l.lastTerminated) {
        run.ctx.stderr.write(`diff: ${[a, b][f].name}: No newline at end of file\n\n`);
        trouble = true;
      }
      l.lastTerminated = true;
    });
  }
  const script = analyze(l0, l1, {
    key: keyFunction(s),
    horizon: s.style === "unified" || s.style === "context" ? s.context : 0,
    minimal: s.minimal,
    step: () => run.ctx.budget.step(),
  });
  const pa = new PrintedFile(l0);
  const pb = new PrintedFile(l1);
  const hs = hunkSettings(s);
  if (!hasVisibleChanges(script, pa, pb, hs)) return trouble ? 2 : identical();
  if (s.brief) {
    run.emit(`Files ${label(run, a, 0)} and ${label(run, b, 1)} differ\n`);
    return 1;
  }
  const shown = (f: number, op: Operand) => (s.labels[f] !== undefined ? nameBytes(s.labels[f]) : cQuoteName(op.name));
  if (sub) run.emit(`diff${s.switches} ${shown(0, a)} ${shown(1, b)}\n`);
  const out: string[] = [];
  if (s.style === "unified") {
    out.push(headerLine(run, "---", a, 0), headerLine(run, "+++", b, 1));
    unifiedOutput(script, pa, pb, hs, out);
  } else if (s.style === "context") {
    out.push(headerLine(run, "***", a, 0), headerLine(run, "---", b, 1));
    contextOutput(script, pa, pb, hs, out);
  } else if (s.style === "ed") edOutput(script, pa, pb, hs, out);
  else normalOutput(script, pa, pb, hs, out);
  run.emit(out.join(""));
  await run.flush();
  return trouble ? 2 : 1;
}

/** Whether a directory entry is excluded by -x/-X patterns. */
export function excluded(s: DiffSettings, name: string): boolean {
  return s.excludes.some((p) => compileFnmatch(p).test(name));
}
