import type { CommandContext } from "../types.js";
import { isFsError } from "../../src/fs/types.js";
import type { JqArgScan } from "./argv.js";
import type { JqFile } from "./types.js";

/**
 * Gathers the sandbox files a jq call will open: input operands, --slurpfile /
 * --rawfile files, the -f program, and module directories (-L, ~/.jq, the -f
 * program's directory) when the program may import. Missing files are left
 * out so jq itself reports them with its own message and status.
 */

/** Bounds on module directories copied per call (they are searched, not named). */
const MODULE_DIR_DEPTH = 4;
const MODULE_DIR_FILES = 256;
const MODULE_DIR_BYTES = 8 * 1024 * 1024;

function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

function expandHome(path: string, home: string | undefined): string {
  return home !== undefined && (path === "~" || path.startsWith("~/")) ? home + path.slice(1) : path;
}

/** Reads one named file; an unreadable one becomes mode 0 so jq says "Permission denied". */
async function loadFile(ctx: CommandContext, path: string, out: Map<string, JqFile>): Promise<void> {
  if (out.has(path)) return;
  try {
    const st = await ctx.fs.stat(path);
    if (st.type === "directory") {
      out.set(path, { path, type: "dir" });
      return;
    }
    out.set(path, { path, type: "file", data: await ctx.fs.readFile(path) });
  } catch (e) {
    if (isFsError(e, "EACCES")) out.set(path, { path, type: "file", mode: 0 });
    else if (!isFsError(e)) throw e;
  }
}

/** Copies *.jq and *.json files under a module directory, within the bounds above. */
async function loadModuleDir(ctx: CommandContext, dir: string, out: Map<string, JqFile>, budget: { files: number; bytes: number }, depth = 0): Promise<void> {
  let entries;
  try {
    if ((await ctx.fs.stat(dir)).type !== "directory") return loadFile(ctx, dir, out);
    entries = await ctx.fs.readdir(dir);
  } catch (e) {
    if (isFsError(e)) return;
    throw e;
  }
  if (!out.has(dir)) out.set(dir, { path: dir, type: "dir" });
  for (const entry of entries) {
    const path = dir === "/" ? `/${entry.name}` : `${dir}/${entry.name}`;
    if (entry.type === "directory" && depth < MODULE_DIR_DEPTH) {
      await loadModuleDir(ctx, path, out, budget, depth + 1);
    } else if (/\.(jq|json)$/.test(entry.name) && budget.files > 0 && budget.bytes > 0 && !out.has(path)) {
      await loadFile(ctx, path, out);
      budget.files--;
      budget.bytes -= out.get(path)?.data?.length ?? 0;
    }
  }
}

/** Everything jq will open for this argv, keyed by absolute path. */
export async function collectJqFiles(ctx: CommandContext, scan: JqArgScan): Promise<JqFile[]> {
  const files = new Map<string, JqFile>();
  const named = [...scan.inputs, ...scan.dataFiles];
  if (scan.fromFile && scan.program !== undefined) named.push(scan.program);
  for (const name of named) {
    if (name !== "/dev/stdin") await loadFile(ctx, ctx.resolve(name), files);
  }
  const home = ctx.env.get("HOME");
  const moduleDirs = scan.libDirs.map((d) => ctx.resolve(expandHome(d, home)));
  if (home !== undefined) moduleDirs.push(ctx.resolve(`${home}/.jq`));
  const text = jqProgramText(ctx, scan, files);
  if (/\b(import|include|modulemeta|get_search_list)\b/.test(text)) {
    if (scan.fromFile && scan.program !== undefined) moduleDirs.push(dirname(ctx.resolve(scan.program)));
    const budget = { files: MODULE_DIR_FILES, bytes: MODULE_DIR_BYTES };
    for (const dir of moduleDirs) await loadModuleDir(ctx, dir, files, budget);
  } else if (home !== undefined) {
    // jq sources ~/.jq into every program when it is a file.
    await loadFile(ctx, ctx.resolve(`${home}/.jq`), files);
  }
  return [...files.values()];
}

/** The program text (read from the -f file when there is one). */
export function jqProgramText(ctx: CommandContext, scan: JqArgScan, files: readonly JqFile[] | Map<string, JqFile>): string {
  if (!scan.fromFile) return scan.program ?? "";
  if (scan.program === undefined) return "";
  const path = ctx.resolve(scan.program);
  const file = files instanceof Map ? files.get(path) : files.find((f) => f.path === path);
  return file?.data ? new TextDecoder().decode(file.data) : "";
}

/**
 * True when jq will read standard input: no file operands (or "-" or
 * /dev/stdin among them), and not -n unless the program mentions input(s).
 * Not reading it otherwise is what lets `yes | jq -n 1` end at once.
 */
export function readsStdin(scan: JqArgScan, program: string): boolean {
  const usesStdin = scan.inputs.length === 0 || scan.stdinOperand || scan.inputs.includes("/dev/stdin");
  return usesStdin && (!scan.nullInput || /\binputs?\b/.test(program));
}
