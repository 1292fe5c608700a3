import { resolvePath } from "../../fs/path.js";
import type { FdTable } from "../io.js";
import type { Shell } from "../shell.js";
import { cd } from "./core.js";
import { builtinError, out, type ShellBuiltin } from "./util.js";

/** pushd / popd / dirs: the directory stack (DIRSTACK[0] is always the cwd). */

function home(sh: Shell, dir: string): string {
  const h = sh.get("HOME");
  return h && (dir === h || dir.startsWith(h + "/")) ? "~" + dir.slice(h.length) : dir;
}

async function printStack(sh: Shell, fds: FdTable, opts: { long?: boolean; verbose?: boolean; perLine?: boolean }): Promise<void> {
  const stack = [sh.cwd, ...sh.dirStack];
  const shown = stack.map((d) => (opts.long ? d : home(sh, d)));
  if (opts.verbose) await out(fds, shown.map((d, i) => `${String(i).padStart(2)}  ${d}`).join("\n") + "\n");
  else if (opts.perLine) await out(fds, shown.join("\n") + "\n");
  else await out(fds, shown.join(" ") + "\n");
}

export const dirs: ShellBuiltin = async (sh, argv, fds) => {
  const opts: { long?: boolean; verbose?: boolean; perLine?: boolean } = {};
  for (const a of argv.slice(1)) {
    if (a === "-c") {
      sh.dirStack = [];
      return 0;
    }
    if (a === "-l") opts.long = true;
    else if (a === "-v") opts.verbose = true;
    else if (a === "-p") opts.perLine = true;
    else if (/^[+-]\d+$/.test(a)) {
      const stack = [sh.cwd, ...sh.dirStack];
      const n = Number(a.slice(1));
      const i = a[0] === "+" ? n : stack.length - 1 - n;
      if (i < 0 || i >= stack.length) {
        builtinError(sh, fds, "dirs", `${a.slice(1)}: directory stack index out of range`);
        return 1;
      }
      await out(fds, (opts.long ? stack[i] : home(sh, stack[i])) + "\n");
      return 0;
    } else {
      builtinError(sh, fds, "dirs", `${a}: invalid option`);
      return 2;
    }
  }
  await printStack(sh, fds, opts);
  return 0;
};

export const pushd: ShellBuiltin = async (sh, argv, fds) => {
  const args = argv.slice(1).filter((a) => a !== "-n");
  const noCd = argv.includes("-n");
  if (args.length === 0) {
    if (sh.dirStack.length === 0) {
      builtinError(sh, fds, "pushd", "no other directory");
      return 1;
    }
    const top = sh.dirStack[0];
    sh.dirStack[0] = sh.cwd;
    const status = await cd(sh, ["cd", top], fds);
    if (status !== 0) return status;
    await printStack(sh, fds, {});
    return 0;
  }
  if (args.length > 1) {
    builtinError(sh, fds, "pushd", "too many arguments");
    return 1;
  }
  const target = args[0];
  if (/^[+-]\d+$/.test(target)) {
    const stack = [sh.cwd, ...sh.dirStack];
    const n = Number(target.slice(1));
    const i = target[0] === "+" ? n : stack.length - 1 - n;
    if (i < 0 || i >= stack.length) {
      builtinError(sh, fds, "pushd", `${target}: directory stack index out of range`);
      return 1;
    }
    const rotated = [...stack.slice(i), ...stack.slice(0, i)];
    const status = await cd(sh, ["cd", rotated[0]], fds);
    if (status !== 0) return status;
    sh.dirStack = rotated.slice(1);
    await printStack(sh, fds, {});
    return 0;
  }
  const old = sh.cwd;
  if (!noCd) {
    const status = await cd(sh, ["cd", target], fds);
    if (status !== 0) return status;
    sh.dirStack.unshift(old);
  } else sh.dirStack.unshift(resolvePath(sh.cwd, target));
  await printStack(sh, fds, {});
  return 0;
};

export const popd: ShellBuiltin = async (sh, argv, fds) => {
  const noCd = argv.includes("-n");
  if (sh.dirStack.length === 0) {
    builtinError(sh, fds, "popd", "directory stack empty");
    return 1;
  }
  if (noCd) sh.dirStack.shift();
  else {
    const next = sh.dirStack[0];
    const status = await cd(sh, ["cd", next], fds);
    if (status !== 0) return status;
    sh.dirStack.shift();
  }
  await printStack(sh, fds, {});
  return 0;
};
