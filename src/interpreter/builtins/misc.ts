import { ExitSignal } from "../errors.js";
import { runTrap } from "../traps.js";
import { jobByPid, jobSpecPid } from "../jobtable.js";
import { SHELL_BUILTINS } from "./index.js";
import { signalByNumber, signalList, signalNumber } from "./trap.js";
import { builtinError, out, type ShellBuiltin } from "./util.js";

/** Signals whose default action does not end the process. */
const HARMLESS = new Set(["CHLD", "CONT", "URG", "WINCH"]);
/** Signals that do not end a background job (a stopped job is not modelled: it runs on). */
const KEEPS_JOB = new Set([...HARMLESS, "STOP", "TSTP", "TTIN", "TTOU"]);

const KILL_USAGE = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n";

/**
 * kill: -l lists or converts signals; a signal to this shell runs its trap (or ends it, as the
 * default action would); jobs of this shell can be "signalled" (they are abandoned).
 */
export const kill: ShellBuiltin = async (sh, argv, fds) => {
  let args = argv.slice(1);
  if (args[0] === "-l" || args[0] === "-L") {
    if (args.length === 1) {
      await out(fds, signalList());
      return 0;
    }
    let text = "";
    let status = 0;
    for (const a of args.slice(1)) {
      if (/^\d+$/.test(a)) {
        const n = Number(a);
        const name = signalByNumber(n > 128 ? n - 128 : n);
        if (name !== null) {
          text += name + "\n";
          continue;
        }
      } else {
        const n = signalNumber(a);
        if (n !== null) {
          text += n + "\n";
          continue;
        }
      }
      builtinError(sh, fds, "kill", `${a}: invalid signal specification`);
      status = 1;
    }
    if (text) await out(fds, text);
    return status;
  }
  let sig = 15;
  if (args[0] === "-s" || args[0] === "-n") {
    const spec = args[1] ?? "";
    const n = args[0] === "-n" && /^\d+$/.test(spec) ? Number(spec) : signalNumber(spec);
    if (n === null) {
      builtinError(sh, fds, "kill", `${spec}: invalid signal specification`);
      return 1;
    }
    sig = n;
    args = args.slice(2);
  } else if (args[0]?.startsWith("-") && args[0] !== "--" && args[0].length > 1) {
    const spec = args[0].slice(1);
    const n = /^\d+$/.test(spec) ? (signalByNumber(Number(spec)) === null ? null : Number(spec)) : signalNumber(spec);
    if (n === null) {
      builtinError(sh, fds, "kill", `${spec}: invalid signal specification`);
      return 1;
    }
    sig = n;
    args = args.slice(1);
  }
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0) {
    fds[2]?.writer?.write(KILL_USAGE);
    return 2;
  }
  let status = 0;
  for (const t of args) {
    const spec = t.startsWith("%") ? jobSpecPid(sh, t) : null;
    if (t.startsWith("%") && spec === null) {
      builtinError(sh, fds, "kill", `${t}: no such job`);
      status = 1;
      continue;
    }
    const pid = spec ?? Number(t);
    if (pid === sh.pid || pid === sh.rootPid) {
      const name = signalByNumber(sig) ?? "";
      const action = sh.traps.get(name);
      if (action !== undefined) {
        if (action !== "") await runTrap(sh, name, fds);
      } else if (sig !== 0 && !HARMLESS.has(name)) {
        throw new ExitSignal(128 + sig);
      }
      continue;
    }
    if (!/^(%.*|\d+)$/.test(t)) {
      builtinError(sh, fds, "kill", `${t}: arguments must be process or job IDs`);
      status = 1;
    } else if (!sh.services.jobs.has(pid)) {
      builtinError(sh, fds, "kill", `(${t}) - No such process`);
      status = 1;
    } else if (sig !== 0 && !KEEPS_JOB.has(signalByNumber(sig) ?? "")) {
      jobByPid(sh, pid)?.kill?.(sig);
    }
  }
  return status;
};

/** enable: turns builtins off (-n) and on, lists them. */
export const enable: ShellBuiltin = async (sh, argv, fds) => {
  const names = argv.slice(1).filter((a) => !a.startsWith("-"));
  const off = argv.includes("-n");
  if (names.length === 0) {
    const lines = [...SHELL_BUILTINS.keys()].sort().filter((n) => (off ? !sh.enabledBuiltin(n) : sh.enabledBuiltin(n)));
    await out(fds, lines.map((n) => `enable ${off ? "-n " : ""}${n}\n`).join(""));
    return 0;
  }
  let status = 0;
  for (const n of names) {
    if (!SHELL_BUILTINS.has(n)) {
      builtinError(sh, fds, "enable", `${n}: not a shell builtin`);
      status = 1;
      continue;
    }
    if (off) sh.disabledBuiltins.add(n);
    else sh.disabledBuiltins.delete(n);
  }
  return status;
};

/** ulimit: the sandbox's fixed answers (limits are set by the embedding, not the script). */
export const ulimit: ShellBuiltin = async (_sh, argv, fds) => {
  const flag = argv.find((a) => a.startsWith("-")) ?? "-f";
  const value = flag.includes("n") ? "1024" : flag.includes("u") ? "4096" : flag.includes("s") ? "8192" : "unlimited";
  if (argv.slice(1).some((a) => !a.startsWith("-"))) return 0;
  await out(fds, value + "\n");
  return 0;
};

/** disown / suspend / logout: accepted; no job control in the sandbox. */
export const disown: ShellBuiltin = () => 0;
