/**
 * bash's dynamic variables ($RANDOM, $SECONDS, $LINENO, $BASH_COMMAND, ...): computed when read,
 * unless the script unset them (lostSpecials). Shell.get falls back to these.
 */
import { printCommand } from "../parser/print.js";
import { SET_OPTIONS, type Shell } from "./shell.js";

export function dynamicValue(sh: Shell, name: string): string | undefined {
  if (sh.lostSpecials.size !== 0 && sh.lostSpecials.has(name)) return undefined;
  switch (name) {
    case "RANDOM":
      return String(nextRandom(sh));
    case "SRANDOM":
      return String((sh.services.sandbox.random() * 4294967296) >>> 0);
    case "SECONDS":
      return String(Math.floor((sh.services.sandbox.now() - sh.secondsBase) / 1000));
    case "EPOCHSECONDS":
      return String(Math.floor(sh.services.sandbox.now() / 1000));
    case "EPOCHREALTIME": {
      const ms = sh.services.sandbox.now();
      return `${Math.floor(ms / 1000)}.${String(Math.floor((ms % 1000) * 1000)).padStart(6, "0")}`;
    }
    case "LINENO":
      return String(sh.line);
    case "BASH_COMMAND":
      return sh.currentCommand ? printCommand(sh.currentCommand, 0) : "";
    case "_":
      return sh.lastArg;
    case "BASHPID":
      return String(sh.pid);
    case "BASH_SUBSHELL":
      return String(sh.subshellLevel);
    case "SHELLOPTS":
      return SET_OPTIONS.map(([n]) => n).filter((n) => sh.options.has(n)).join(":");
    case "BASHOPTS":
      return [...sh.shopts].sort().join(":");
    case "DIRSTACK":
      return sh.cwd;
    case "BASH_ARGV0":
      return sh.argv0;
    // $FUNCNAME and friends are element 0 of their arrays.
    case "FUNCNAME":
    case "BASH_SOURCE":
    case "BASH_LINENO":
      return sh.values(name)[0];
    default:
      return undefined;
  }
}

/** bash's RANDOM: a 15-bit LCG, seedable by assigning RANDOM. */
export function nextRandom(sh: Shell): number {
  // bash 5.2's brand(): Park-Miller "minimal standard" steps, the halves xored,
  // never the same value twice in a row.
  let rv: number;
  do {
    const last = sh.randomState === 0 ? 123459876 : sh.randomState;
    const h = Math.floor(last / 127773);
    const l = last % 127773;
    let t = 16807 * l - 2836 * h;
    if (t < 0) t += 0x7fffffff;
    sh.randomState = t >>> 0;
    rv = ((sh.randomState >>> 16) ^ (sh.randomState & 65535)) & 32767;
  } while (rv === sh.lastRandom);
  sh.lastRandom = rv;
  return rv;
}
