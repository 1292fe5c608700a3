import type { CommandContext, CommandDef } from "./types.js";
import { openInput } from "./_lib/input.js";
import { isFsError } from "../src/fs/types.js";
import { compileGlob, type CompiledGlob } from "./_lib/regex/glob.js";
import { parseGrepArgs, GrepExit, type GrepConfig } from "./grep/config.js";
import { compileGrepPattern, PatternError, type GrepMatcher, type MatcherKind } from "./grep/pattern.js";
import { FileSearch, type RunState } from "./grep/search.js";
import { GREP_HELP } from "./grep/help.js";

/**
 * grep, egrep, fgrep (GNU grep 3.8): -G/-E/-F/-P matching through the shared
 * regex layer, every output mode, context, binary files, recursion with
 * --include/--exclude/--exclude-dir. Status 0 when a line was selected, 1 when
 * none, 2 on an error (unless -q and a line was selected).
 */

interface Run {
  ctx: CommandContext;
  cfg: GrepConfig;
  matcher: GrepMatcher;
  state: RunState;
  anySelected: boolean;
  error: boolean;
  stop: boolean;
  include: CompiledGlob[];
  exclude: CompiledGlob[];
  excludeDir: CompiledGlob[];
}

async function grepMain(ctx: CommandContext, defaultKind: MatcherKind): Promise<number> {
  let cfg: GrepConfig;
  let matcher: GrepMatcher;
  try {
    cfg = await parseGrepArgs(ctx, defaultKind);
    matcher = compileGrepPattern(ctx, cfg);
  } catch (e) {
    if (e instanceof GrepExit) return e.status;
    if (e instanceof PatternError) {
      ctx.stderr.write(`${ctx.name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (cfg.selectsNothing) return 1;
  const recursive = cfg.directories === "recurse";
  const operands = cfg.operands.length > 0 ? cfg.operands : [recursive ? "." : "-"];
  cfg.withFilename = cfg.withFilenameChoice ?? (recursive || cfg.operands.length > 1);
  const globs = (list: string[]) => list.map((p) => compileGlob(p, {}));
  const run: Run = {
    ctx, cfg, matcher,
    state: { printedGroup: false },
    anySelected: false, error: false, stop: false,
    include: globs(cfg.include), exclude: globs(cfg.exclude), excludeDir: globs(cfg.excludeDir),
  };
  for (const operand of operands) {
    if (run.stop) break;
    await searchOperand(run, operand, cfg.operands.length === 0 && recursive);
  }
  if (run.error && !(cfg.quiet && run.anySelected)) return 2;
  return run.anySelected ? 0 : 1;
}

/** GNU matches --include/--exclude against every suffix of the name that starts after a "/". */
function matchesSuffix(globs: CompiledGlob[], name: string): boolean {
  if (globs.length === 0) return false;
  const suffixes = [name];
  for (let i = name.indexOf("/"); i >= 0; i = name.indexOf("/", i + 1)) {
    if (i + 1 < name.length && name[i + 1] !== "/") suffixes.push(name.slice(i + 1));
  }
  return globs.some((g) => suffixes.some((s) => g.test(s)));
}

function fileExcluded(run: Run, name: string): boolean {
  if (matchesSuffix(run.exclude, name)) return true;
  return run.include.length > 0 && !matchesSuffix(run.include, name);
}

function reportError(run: Run, name: string, message: string): void {
  run.error = true;
  if (!run.cfg.noMessages) run.ctx.stderr.write(`${run.ctx.name}: ${name}: ${message}\n`);
}

async function searchOperand(run: Run, operand: string, implicitDot: boolean): Promise<void> {
  const { ctx, cfg } = run;
  if (operand === "-") {
    await searchReader(run, ctx.stdin, cfg.label);
    return;
  }
  const path = ctx.resolve(operand);
  let isDir = false;
  try {
    const st = await ctx.fs.stat(path);
    isDir = st.type === "directory";
    if (!isDir && st.type !== "file" && cfg.devices === "skip") return;
  } catch (e) {
    if (!isFsError(e)) throw e;
    reportError(run, operand, e.message);
    return;
  }
  if (isDir) {
    if (cfg.directories === "skip") return;
    if (cfg.directories === "read") {
      reportError(run, operand, "Is a directory");
      return;
    }
    if (!implicitDot && matchesSuffix(run.excludeDir, operand.replace(/\/+$/, "") || operand)) return;
    await walk(run, path, implicitDot ? "" : operand.replace(/\/+$/, "") || "/");
    return;
  }
  if (fileExcluded(run, operand)) return;
  await searchFile(run, path, operand);
}

async function walk(run: Run, dir: string, shown: string): Promise<void> {
  const { ctx, cfg } = run;
  let entries;
  try {
    entries = await ctx.fs.readdir(dir);
  } catch (e) {
    if (!isFsError(e)) throw e;
    reportError(run, shown || ".", e.message);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (run.stop) return;
    ctx.budget.step();
    const childPath = dir === "/" ? `/${entry.name}` : `${dir}/${entry.name}`;
    const childShown = shown === "" ? entry.name : shown === "/" ? `/${entry.name}` : `${shown}/${entry.name}`;
    let type = entry.type;
    if (type === "symlink") {
      if (!cfg.dereference) continue;
      try {
        type = (await ctx.fs.stat(childPath)).type;
      } catch (e) {
        if (!isFsError(e)) throw e;
        reportError(run, childShown, e.message);
        continue;
      }
    }
    if (type === "directory") {
      if (matchesSuffix(run.excludeDir, entry.name)) continue;
      await walk(run, childPath, childShown);
    } else if (type === "file") {
      if (fileExcluded(run, childShown)) continue;
      await searchFile(run, childPath, childShown);
    } else if (cfg.devices !== "skip" && run.cfg.directories !== "recurse") {
      await searchFile(run, childPath, childShown);
    }
  }
}

async function searchFile(run: Run, path: string, name: string): Promise<void> {
  let reader;
  let width = 0;
  try {
    reader = await openInput(run.ctx, path);
    if (run.cfg.initialTab) width = String((await run.ctx.fs.stat(path)).size).length;
  } catch (e) {
    if (!isFsError(e)) throw e;
    reportError(run, name, e.message);
    return;
  }
  await searchReader(run, reader, name, width);
}

async function searchReader(run: Run, reader: Parameters<FileSearch["search"]>[0], name: string, width = 19): Promise<void> {
  const { ctx, cfg } = run;
  const search = new FileSearch(ctx, cfg, run.matcher, name, run.state, cfg.initialTab ? width : 0);
  await search.search(reader);
  const { stdout, stderr } = search.finish();
  if (stdout) await ctx.stdout.write(stdout);
  if (stderr) ctx.stderr.write(stderr);
  if (search.selected > 0) {
    run.anySelected = true;
    if (cfg.quiet) run.stop = true;
  }
}

/** ctx as seen by grep itself: egrep and fgrep print messages as "grep". */
function asGrep(ctx: CommandContext): CommandContext {
  return ctx.name === "grep" ? ctx : (Object.create(ctx, { name: { value: "grep" } }) as CommandContext);
}

export const grep: CommandDef = { name: "grep", help: GREP_HELP, run: (ctx) => grepMain(ctx, "G") };
export const egrep: CommandDef = { name: "egrep", help: GREP_HELP, run: (ctx) => grepMain(asGrep(ctx), "E") };
export const fgrep: CommandDef = { name: "fgrep", help: GREP_HELP, run: (ctx) => grepMain(asGrep(ctx), "F") };
