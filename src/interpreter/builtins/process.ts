import { resolvePath } from "../../fs/path.js";
import { ExitSignal } from "../errors.js";
import type { Shell } from "../shell.js";
import { runUtility } from "../utility.js";
import { jobSpecPid, runningJobs } from "../jobtable.js";
import { describe } from "./commands.js";
import { builtinError, builtinFlags, invalidOption, out, type ShellBuiltin } from "./util.js";

/** Shell builtins about processes and the shell's own state: wait, jobs, times, exec, hash, caller, umask. */

/** wait [-n] [id...]: background jobs run concurrently inside the sandbox; wait joins them. */
export const wait: ShellBuiltin = async (sh, argv, fds) => {
  const jobs = sh.services.jobs;
  const next = argv.includes("-n");
  const ids = argv.slice(1).filter((a) => !a.startsWith("-"));
  if (next) {
    // The first job to end gives its status; without jobs, 127.
    if (jobs.size === 0) return 127;
    const entries = [...jobs];
    const [pid, status] = await Promise.race(entries.map(([pid, p]) => p.then((s) => [pid, s] as const)));
    jobs.delete(pid);
    return status;
  }
  if (ids.length === 0) {
    for (const [pid, p] of [...jobs]) {
      await p;
      jobs.delete(pid);
    }
    return 0;
  }
  let status = 0;
  for (const id of ids) {
    if (id.startsWith("%")) {
      const pid = jobSpecPid(sh, id);
      const job = pid === null ? undefined : jobs.get(pid);
      if (!job) {
        builtinError(sh, fds, "wait", `${id}: no such job`);
        status = 127;
        continue;
      }
      status = await job;
      jobs.delete(pid!);
      continue;
    }
    if (!/^\d+$/.test(id)) {
      builtinError(sh, fds, "wait", `\`${id}': not a pid or valid job spec`);
      status = 1;
      continue;
    }
    const pid = Number(id);
    const job = jobs.get(pid);
    const done = sh.services.finishedJobs?.get(pid);
    if (!job && done !== undefined) {
      status = done;
      continue;
    }
    if (!job) {
      builtinError(sh, fds, "wait", `pid ${id} is not a child of this shell`);
      status = 127;
      continue;
    }
    status = await job;
    jobs.delete(pid);
    (sh.services.finishedJobs ??= new Map()).set(pid, status);
  }
  return status;
};

/** jobs [-lp] [jobspec...]: the running background jobs, bash's layout (`[1]+  Running   cmd &`). */
export const jobs: ShellBuiltin = async (sh, argv, fds) => {
  const f = builtinFlags(argv.slice(1), "lpnrs");
  if (f.bad) return invalidOption(sh, fds, "jobs", f.bad, "jobs [-lnprs] [jobspec ...] or jobs -x command [args]");
  const running = runningJobs(sh);
  const current = running.length ? running[running.length - 1][0] : 0;
  const previous = running.length > 1 ? running[running.length - 2][0] : 0;
  let shown = running;
  let status = 0;
  if (f.rest.length) {
    shown = [];
    for (const spec of f.rest) {
      const pid = spec.startsWith("%") ? jobSpecPid(sh, spec) : null;
      const hit = running.find(([, e]) => e.pid === pid);
      if (hit) shown.push(hit);
      else {
        builtinError(sh, fds, "jobs", `${spec}: no such job`);
        status = 1;
      }
    }
  }
  let text = "";
  for (const [n, e] of shown) {
    if (f.on.has("p")) {
      text += `${e.pid}\n`;
      continue;
    }
    const mark = n === current ? "+" : n === previous ? "-" : " ";
    text += `[${n}]${mark}${f.on.has("l") ? ` ${e.pid} ` : "  "}${"Running".padEnd(24)}${e.text}\n`;
  }
  if (text) await out(fds, text);
  return status;
};

/** times: the sandbox's shell and its children used no measurable CPU time. */
export const times: ShellBuiltin = async (_sh, _argv, fds) => {
  await out(fds, "0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n");
  return 0;
};

/** exec [cmd args]: with redirections only, they stay for the rest of the shell (runSimple did that). */
export const exec: ShellBuiltin = async (sh, argv, fds) => {
  const args = argv[1] === "--" ? argv.slice(2) : argv.slice(1);
  if (args.length === 0) return 0;
  const name = args[0];
  if (!sh.functions.has(name) && !(await describe(sh, name))) {
    if (name.includes("/")) {
      const path = resolvePath(sh.cwd, name);
      const st = await sh.fs.stat(path).catch(() => null);
      if (st && st.type === "directory") {
        builtinError(sh, fds, path, "Is a directory");
        builtinError(sh, fds, "exec", `${path}: cannot execute: Is a directory`);
        throw new ExitSignal(126);
      }
    }
    builtinError(sh, fds, "exec", `${name}: not found`);
    throw new ExitSignal(127);
  }
  const status = await runUtility(sh, args, fds);
  throw new ExitSignal(status);
};

/** hash [-r] [-d] [-t] [name...]: remembers where commands were found. */
export const hash: ShellBuiltin = async (sh, argv, fds) => {
  const f = builtinFlags(argv.slice(1), "rdtl");
  if (f.bad) return invalidOption(sh, fds, "hash", f.bad, "hash [-lr] [-p pathname] [-dt] [name ...]");
  const table = sh.hashed;
  if (f.on.has("r")) table.clear();
  if (f.rest.length === 0) {
    if (f.on.has("r")) return 0;
    if (table.size === 0) {
      // bash prints this on stdout.
      await out(fds, "hash: hash table empty\n");
      return 0;
    }
    let text = f.on.has("l") ? "" : "hits\tcommand\n";
    for (const [name, e] of table) text += f.on.has("l") ? `builtin hash -p ${e.path} ${name}\n` : `${String(e.hits).padStart(4)}\t${e.path}\n`;
    await out(fds, text);
    return 0;
  }
  let status = 0;
  let text = "";
  for (const name of f.rest) {
    if (f.on.has("d")) {
      if (!table.delete(name)) {
        builtinError(sh, fds, "hash", `${name}: not found`);
        status = 1;
      }
      continue;
    }
    if (f.on.has("t")) {
      const e = table.get(name);
      if (e) text += (f.rest.length > 1 ? `${name}\t` : "") + e.path + "\n";
      else {
        builtinError(sh, fds, "hash", `${name}: not found`);
        status = 1;
      }
      continue;
    }
    if (name.includes("/")) continue;
    const d = await describe(sh, name);
    if (d?.kind === "file" && d.path) table.set(name, { path: d.path, hits: 0 });
    else if (!d) {
      builtinError(sh, fds, "hash", `${name}: not found`);
      status = 1;
    }
  }
  if (text) await out(fds, text);
  return status;
};

/**
 * caller [N]: "LINE SOURCE" of the current call, or "LINE FUNCTION SOURCE" of frame N. Functions
 * defined in a -c string have bash's source "environment"; the top level of a -c string has none.
 */
export const caller: ShellBuiltin = async (sh, argv, fds) => {
  const depth = sh.funcNames.length;
  if (depth === 0) return 1;
  const n = argv.length > 1 ? Number(argv[1]) : 0;
  if (!Number.isInteger(n) || n < 0) {
    builtinError(sh, fds, "caller", `${argv[1]}: invalid number`);
    return 1;
  }
  const frame = n + 1;
  if (frame > depth) return 1;
  const name = frame === depth ? "main" : sh.funcNames[frame];
  const source = frame === depth ? sh.sourceName : sh.functionSources.get(name) ?? "environment";
  const line = sh.callerLines[n] ?? sh.callerLine;
  if (argv.length < 2) {
    await out(fds, `${line} ${source ?? "NULL"}\n`);
    return 0;
  }
  if (source === null) return 1;
  await out(fds, `${line} ${name} ${source}\n`);
  return 0;
};

/** umask [-p] [-S] [mode]: octal or symbolic (u=rwx,g-w,a+x) modes. */
export const umask: ShellBuiltin = async (sh, argv, fds) => {
  const f = builtinFlags(argv.slice(1), "pS");
  if (f.bad) return invalidOption(sh, fds, "umask", f.bad, "umask [-p] [-S] [mode]");
  if (f.rest.length === 0) {
    const m = sh.umask.toString(8).padStart(4, "0");
    if (f.on.has("S")) {
      const perm = (shift: number) => ["r", "w", "x"].filter((_, i) => !((sh.umask >> shift) & (4 >> i))).join("");
      await out(fds, `${f.on.has("p") ? "umask -S " : ""}u=${perm(6)},g=${perm(3)},o=${perm(0)}\n`);
    } else await out(fds, f.on.has("p") ? `umask ${m}\n` : `${m}\n`);
    return 0;
  }
  const mode = f.rest[0];
  if (/^\d+$/.test(mode)) {
    if (!/^[0-7]+$/.test(mode)) {
      builtinError(sh, fds, "umask", `${mode}: octal number out of range`);
      return 1;
    }
    sh.umask = parseInt(mode, 8) & 0o777;
    return 0;
  }
  const perm = symbolicPerm(~sh.umask & 0o777, mode);
  if (typeof perm === "string") {
    builtinError(sh, fds, "umask", perm);
    return 1;
  }
  sh.umask = ~perm & 0o777;
  return 0;
};

/** Applies `who op perms,...` clauses to permission bits; a string is bash's error message. */
function symbolicPerm(start: number, mode: string): number | string {
  let perm = start;
  for (const clause of mode.split(",")) {
    let i = 0;
    let who = 0;
    for (; i < clause.length && "ugoa".includes(clause[i]); i++) {
      who |= clause[i] === "u" ? 0o700 : clause[i] === "g" ? 0o070 : clause[i] === "o" ? 0o007 : 0o777;
    }
    if (who === 0) who = 0o777;
    if (i >= clause.length) return `\`${clause[i - 1] ?? mode}': invalid symbolic mode operator`;
    while (i < clause.length) {
      const op = clause[i++];
      if (op !== "+" && op !== "-" && op !== "=") return `\`${op}': invalid symbolic mode operator`;
      let bits = 0;
      for (; i < clause.length && !"+-=".includes(clause[i]); i++) {
        const c = clause[i];
        if (c === "r") bits |= 0o444;
        else if (c === "w") bits |= 0o222;
        else if (c === "x") bits |= 0o111;
        else return `\`${c}': invalid symbolic mode character`;
      }
      bits &= who;
      if (op === "+") perm |= bits;
      else if (op === "-") perm &= ~bits;
      else perm = (perm & ~who) | bits;
    }
  }
  return perm;
}
