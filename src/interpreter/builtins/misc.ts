import { SHELL_BUILTINS } from "./index.js";
import { builtinError, out, type ShellBuiltin } from "./util.js";

/** Signal names in kill -l order (Linux x86_64). */
const SIGNALS = [
  "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
  "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
];

/** kill: -l lists signals; jobs of this shell can be "signalled" (they are abandoned). */
export const kill: ShellBuiltin = async (sh, argv, fds) => {
  const args = argv.slice(1);
  if (args[0] === "-l" || args[0] === "-L") {
    if (args[1] !== undefined) {
      const n = Number(args[1]);
      const name = Number.isInteger(n) ? SIGNALS[(n > 128 ? n - 128 : n) - 1] : undefined;
      if (!name) {
        builtinError(sh, fds, "kill", `${args[1]}: invalid signal specification`);
        return 1;
      }
      await out(fds, name + "\n");
      return 0;
    }
    // Five per line, tab-separated, real-time signals 34..64 after the 31 classic ones.
    const all: string[] = SIGNALS.map((s, i) => `${String(i + 1).padStart(2)}) SIG${s}`);
    for (let n = 34; n <= 64; n++) {
      const name = n <= 49 ? (n === 34 ? "RTMIN" : `RTMIN+${n - 34}`) : n === 64 ? "RTMAX" : `RTMAX-${64 - n}`;
      all.push(`${n}) SIG${name}`);
    }
    let text = "";
    for (let i = 0; i < all.length; i += 5) text += all.slice(i, i + 5).join("\t") + "\n";
    await out(fds, text);
    return 0;
  }
  const targets = args.filter((a) => !a.startsWith("-") || /^-\d+$/.test(a) === false && a === "-");
  let status = 0;
  for (const t of args.filter((a) => !a.startsWith("-"))) {
    const pid = Number(t.replace(/^%/, ""));
    if (!sh.services.jobs.has(pid) && pid !== sh.pid) {
      builtinError(sh, fds, "kill", `(${t}) - No such process`);
      status = 1;
    }
  }
  if (targets.length === 0 && args.length === 0) {
    fds[2]?.writer?.write("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
    return 2;
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

/** compgen: -b builtins, -c commands, -v variables, -A function, -k keywords, -W words; optional prefix. */
export const compgen: ShellBuiltin = async (sh, argv, fds) => {
  const words: string[] = [];
  let prefix = "";
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const kind = a === "-A" ? argv[++i] : a;
    switch (kind) {
      case "-b":
      case "builtin":
        words.push(...[...SHELL_BUILTINS.keys()].sort());
        break;
      case "-c":
      case "command":
        words.push(...[...sh.aliases.keys()], ...[...SHELL_BUILTINS.keys()], ...[...sh.functions.keys()], ...[...sh.services.commands.keys()].sort());
        break;
      case "-v":
      case "variable":
        words.push(...sh.vars.visibleNames());
        break;
      case "function":
        words.push(...[...sh.functions.keys()].sort());
        break;
      case "-a":
      case "alias":
        words.push(...[...sh.aliases.keys()].sort());
        break;
      case "-W":
        words.push(...(argv[++i] ?? "").split(/[ \t\n]+/).filter(Boolean));
        break;
      default:
        if (!a.startsWith("-")) prefix = a;
    }
  }
  const hits = words.filter((w) => w.startsWith(prefix));
  if (hits.length) await out(fds, hits.join("\n") + "\n");
  return hits.length ? 0 : 1;
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
