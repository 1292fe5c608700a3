import type { CommandContext } from "../types.js";
import { isFsError } from "../../src/fs/types.js";
import { quoteAlways } from "./quote.js";
import { usageError } from "./options.js";

/**
 * The SOURCE... DEST / -t DIR / -T operand rules shared by cp, mv, ln and
 * install (coreutils' target_directory_operand): whether the last operand is a
 * directory to put the sources in, or the one destination name.
 */
export type Targets =
  | { kind: "into"; dir: string; sources: string[] }
  | { kind: "single"; source: string; dest: string };

export interface TargetOptions {
  /** -t DIR */
  targetDir?: string;
  /** -T */
  noTargetDir?: boolean;
  /** ln: a single operand links into the current directory. */
  singleIntoCwd?: boolean;
  /** cp, mv --strip-trailing-slashes: the operands lose their trailing slashes first. */
  stripSlashes?: boolean;
}

async function isDir(ctx: CommandContext, path: string): Promise<boolean | string> {
  try {
    return (await ctx.fs.stat(ctx.resolve(path))).type === "directory";
  } catch (e) {
    if (isFsError(e)) return e.message;
    throw e;
  }
}

/** Works out the targets, or reports GNU's usage error and returns the exit status. */
export async function resolveTargets(
  ctx: CommandContext,
  operands: string[],
  opts: TargetOptions,
): Promise<Targets | number> {
  const name = ctx.name;
  if (opts.stripSlashes) operands = operands.map((x) => x.replace(/(.)\/+$/, "$1"));
  if (opts.targetDir !== undefined) {
    if (opts.noTargetDir) {
      ctx.stderr.write(`${name}: cannot combine --target-directory (-t) and --no-target-directory (-T)\n`);
      return 1;
    }
    const d = await isDir(ctx, opts.targetDir);
    if (d !== true) {
      const why = d === false ? "Not a directory" : d;
      ctx.stderr.write(`${name}: target directory ${quoteAlways(opts.targetDir)}: ${why}\n`);
      return 1;
    }
    if (operands.length === 0) {
      usageError(ctx, "missing file operand");
      return 1;
    }
    return { kind: "into", dir: opts.targetDir, sources: operands };
  }
  if (operands.length === 0) {
    usageError(ctx, "missing file operand");
    return 1;
  }
  if (operands.length === 1) {
    if (opts.singleIntoCwd && !opts.noTargetDir) return { kind: "into", dir: ".", sources: operands };
    usageError(ctx, `missing destination file operand after ${quoteAlways(operands[0])}`);
    return 1;
  }
  const last = operands[operands.length - 1];
  if (opts.noTargetDir) {
    if (operands.length > 2) {
      usageError(ctx, `extra operand ${quoteAlways(operands[2])}`);
      return 1;
    }
    return { kind: "single", source: operands[0], dest: last };
  }
  const d = await isDir(ctx, last);
  if (d === true) return { kind: "into", dir: last, sources: operands.slice(0, -1) };
  if (operands.length > 2) {
    const why = d === false ? "Not a directory" : d;
    ctx.stderr.write(`${name}: target ${quoteAlways(last)}: ${why}\n`);
    return 1;
  }
  return { kind: "single", source: operands[0], dest: last };
}

/** DIR/basename(SOURCE): where a source lands inside a target directory. */
export function intoDir(dir: string, source: string): string {
  const base = source.replace(/\/+$/, "").split("/").pop() || source;
  return dir.endsWith("/") ? dir + base : dir + "/" + base;
}
