import type { CommandContext } from "../types.js";
import { resolvePath } from "../../src/fs/path.js";
import type { FileStat } from "../../src/fs/types.js";

/**
 * Finding and running a program the way execvp does, for the commands that
 * run others (env, xargs, timeout): PATH from the environment the program
 * gets, "/bin:/usr/bin" without one, an empty entry meaning the working
 * directory. A file found but not executable is remembered: 126 beats 127.
 */

export interface FoundProgram {
  /** What to hand ctx.exec as argv[0]: the name for a built-in command, else the path found. */
  argv0: string;
  /** errno text when it cannot run ("No such file or directory", "Permission denied"). */
  error?: string;
  /** 127 (not found) or 126 (found, cannot run) with an error. */
  status: number;
}

const BIN_DIRS = new Set(["/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin", "/sbin"]);

/** access(2) for the sandbox user: bit 4 read, 2 write, 1 execute (root executes any x bit). */
export function permitted(ctx: CommandContext, st: FileStat, bit: number): boolean {
  const uid = ctx.sandbox.uid;
  if (uid === 0) return bit !== 1 || (st.mode & 0o111) !== 0 || st.type === "directory";
  if (st.uid === uid) return (st.mode & (bit << 6)) !== 0;
  if (st.gid === ctx.sandbox.gid) return (st.mode & (bit << 3)) !== 0;
  return (st.mode & bit) !== 0;
}

async function executable(ctx: CommandContext, path: string): Promise<"yes" | "no" | "missing" | "notdir"> {
  try {
    const st = await ctx.fs.stat(path);
    return st.type === "file" && permitted(ctx, st, 1) ? "yes" : "no";
  } catch (e) {
    return (e as { code?: string }).code === "ENOTDIR" ? "notdir" : "missing";
  }
}

export async function findProgram(
  ctx: CommandContext,
  name: string,
  env: ReadonlyMap<string, string>,
  cwd = ctx.cwd,
): Promise<FoundProgram> {
  if (name.includes("/")) {
    const path = resolvePath(cwd, name);
    const base = path.slice(path.lastIndexOf("/") + 1);
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (BIN_DIRS.has(dir) && ctx.hasCommand(base)) return { argv0: name, status: 0 };
    const state = await executable(ctx, path);
    if (state === "yes") return { argv0: name, status: 0 };
    if (state === "missing") return { argv0: name, error: "No such file or directory", status: 127 };
    return { argv0: name, error: state === "notdir" ? "Not a directory" : "Permission denied", status: 126 };
  }
  if (name === "") return { argv0: name, error: "No such file or directory", status: 127 };
  let denied = false;
  for (const entry of (env.get("PATH") ?? "/bin:/usr/bin").split(":")) {
    const dir = resolvePath(cwd, entry || ".");
    if (BIN_DIRS.has(dir) && ctx.hasCommand(name)) return { argv0: name, status: 0 };
    const path = `${dir === "/" ? "" : dir}/${name}`;
    const state = await executable(ctx, path);
    if (state === "yes") return { argv0: path, status: 0 };
    if (state === "no") denied = true;
  }
  return denied
    ? { argv0: name, error: "Permission denied", status: 126 }
    : { argv0: name, error: "No such file or directory", status: 127 };
}

/** Runs a found program with the given environment (and working directory). */
export function runProgram(
  ctx: CommandContext,
  argv0: string,
  args: string[],
  io: NonNullable<Parameters<CommandContext["exec"]>[1]> = {},
): Promise<number> {
  return ctx.exec([argv0, ...args], { env: ctx.env, ...io });
}
