import { quoteForReuse } from "../quote.js";
import type { Shell } from "../shell.js";
import { builtinError, out, type ShellBuiltin } from "./util.js";

/** Classic signal names 1..31 (Linux x86_64); 32 and 33 do not exist, 34..64 are real-time. */
const CLASSIC = [
  "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
  "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
];

/** The name (without SIG) of signal n, or null; 0 is EXIT. */
export function signalByNumber(n: number): string | null {
  if (n === 0) return "EXIT";
  if (n >= 1 && n <= 31) return CLASSIC[n - 1];
  if (n >= 34 && n <= 64) return n <= 49 ? (n === 34 ? "RTMIN" : `RTMIN+${n - 34}`) : n === 64 ? "RTMAX" : `RTMAX-${64 - n}`;
  return null;
}

/** The number of a signal name (HUP, SIGHUP, sighup, RTMIN+3), or null. */
export function signalNumber(name: string): number | null {
  const u = name.toUpperCase().replace(/^SIG/, "");
  if (u === "EXIT") return 0;
  for (let n = 1; n <= 64; n++) if (signalByNumber(n) === u) return n;
  return null;
}

/** A trap name: a signal (no SIG prefix) or EXIT/DEBUG/ERR/RETURN; numbers allowed. */
function trapName(spec: string): string | null {
  const u = spec.toUpperCase().replace(/^SIG/, "");
  if (u === "ERR" || u === "DEBUG" || u === "RETURN") return u;
  if (/^\d+$/.test(spec)) return signalByNumber(Number(spec));
  return signalNumber(u) === null ? null : u;
}

/** bash lists traps by signal number: EXIT, the signals, then DEBUG, ERR, RETURN. */
function trapOrder(name: string): number {
  const special = ["DEBUG", "ERR", "RETURN"].indexOf(name);
  return special >= 0 ? 100 + special : signalNumber(name) ?? 99;
}

function trapLine(name: string, action: string): string {
  const shown = name === "EXIT" || name === "ERR" || name === "DEBUG" || name === "RETURN" ? name : "SIG" + name;
  return `trap -- ${quoteForReuse(action)} ${shown}\n`;
}

/** `trap -l`: five per line, each `NN) SIGNAME` followed by a tab, a newline after every fifth. */
export function signalList(): string {
  let text = "";
  let k = 0;
  for (let n = 1; n <= 64; n++) {
    const name = signalByNumber(n);
    if (!name) continue;
    text += `${String(n).padStart(2)}) SIG${name}`;
    text += ++k % 5 === 0 ? "\n" : "\t";
  }
  return k % 5 === 0 ? text : text + "\n";
}

/**
 * trap [-lp] [[action] signal...]. A subshell lists its parent's traps until it sets one of its
 * own (bash keeps them for display, as `trap -p` in `$(...)` shows).
 */
export const trap: ShellBuiltin = async (sh: Shell, argv, fds) => {
  let args = argv.slice(1);
  let print = false;
  if (args[0] === "-l") {
    await out(fds, signalList());
    return 0;
  }
  if (args[0] === "-p") {
    print = true;
    args = args.slice(1);
  }
  if (args[0] === "--") args = args.slice(1);
  if (print || args.length === 0) {
    const shown = sh.inheritedTraps ?? sh.traps;
    let status = 0;
    let names: string[];
    if (args.length) {
      names = [];
      for (const a of args) {
        const n = trapName(a);
        if (n === null) {
          builtinError(sh, fds, "trap", `${a}: invalid signal specification`);
          status = 1;
        } else names.push(n);
      }
    } else names = [...shown.keys()].sort((a, b) => trapOrder(a) - trapOrder(b));
    let text = "";
    for (const n of names) {
      const a = shown.get(n);
      if (a !== undefined) text += trapLine(n, a);
    }
    if (text) await out(fds, text);
    return status;
  }
  let action: string | null = args[0];
  let sigs = args.slice(1);
  if (sigs.length === 0 || /^\d+$/.test(args[0])) {
    // `trap SIG` (one operand) or a signal number first: reset those.
    sigs = args;
    action = null;
  }
  if (action === "-") action = null;
  sh.inheritedTraps = null;
  let status = 0;
  for (const s of sigs) {
    const n = trapName(s);
    if (!n) {
      builtinError(sh, fds, "trap", `${s}: invalid signal specification`);
      status = 1;
      continue;
    }
    if (action === null) sh.traps.delete(n);
    else sh.traps.set(n, action);
  }
  return status;
};
