import { ExitSignal } from "../errors.js";
import { quoteIfNeeded } from "../quote.js";
import { SET_OPTIONS, type Shell } from "../shell.js";
import { arrayIndices, assocEntries, type Variable } from "../variables.js";
import { quoteDeclare } from "../quote.js";
import { builtinError, invalidOption, out, type ShellBuiltin } from "./util.js";
import { printFunction } from "../../parser/print.js";

/** Every shopt name bash 5.2 knows (for `shopt` listing and validation). */
export const SHOPT_NAMES = [
  "autocd", "assoc_expand_once", "cdable_vars", "cdspell", "checkhash", "checkjobs", "checkwinsize",
  "cmdhist", "compat31", "compat32", "compat40", "compat41", "compat42", "compat43", "compat44",
  "complete_fullquote", "direxpand", "dirspell", "dotglob", "execfail", "expand_aliases", "extdebug",
  "extglob", "extquote", "failglob", "force_fignore", "globasciiranges", "globskipdots", "globstar",
  "gnu_errfmt", "histappend", "histreedit", "histverify", "hostcomplete", "huponexit",
  "inherit_errexit", "interactive_comments", "lastpipe", "lithist", "localvar_inherit",
  "localvar_unset", "login_shell", "mailwarn", "no_empty_cmd_completion", "nocaseglob",
  "nocasematch", "noexpand_translation", "nullglob", "patsub_replacement", "progcomp",
  "progcomp_alias", "promptvars", "restricted_shell", "shift_verbose", "sourcepath",
  "varredir_close", "xpg_echo",
];

/** `name=value` as `set` prints it; null for unset. */
export function setLine(name: string, v: Variable): string | null {
  const val = v.value;
  if (val === undefined) return null;
  if (Array.isArray(val)) return `${name}=(${arrayIndices(val).map((i) => `[${i}]=${quoteDeclare(val[i])}`).join(" ")})`;
  if (val instanceof Map) return `${name}=(${assocEntries(val).map(([k, x]) => `[${/^[A-Za-z0-9_]+$/.test(k) ? k : quoteDeclare(k)}]=${quoteDeclare(x)}`).join(" ")} )`;
  return `${name}=${quoteIfNeeded(val)}`;
}

function optionLetter(letter: string): string | undefined {
  return SET_OPTIONS.find(([, l]) => l === letter)?.[0];
}

export const set: ShellBuiltin = async (sh, argv, fds) => {
  if (argv.length === 1) {
    let text = "";
    // SHELLOPTS and BASHOPTS are computed, but bash lists them with the variables.
    for (const n of [...new Set([...sh.vars.visibleNames(), "BASHOPTS", "SHELLOPTS"])].sort()) {
      const line = setLine(n, sh.vars.lookup(n) ?? { value: sh.get(n), attrs: 0 });
      if (line !== null) text += line + "\n";
    }
    for (const n of [...sh.functions.keys()].sort()) text += printFunction(sh.functions.get(n)!) + "\n";
    await out(fds, text);
    return 0;
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      sh.positional = argv.slice(i + 1);
      return 0;
    }
    if (a === "-" || a === "+") {
      sh.ownOptions().delete("xtrace");
      sh.ownOptions().delete("verbose");
      i++;
      break;
    }
    if (a[0] !== "-" && a[0] !== "+") break;
    const on = a[0] === "-";
    if (a === "-o" || a === "+o") {
      const name = argv[i + 1];
      if (name === undefined) {
        await printOptions(sh, fds, on);
        return 0;
      }
      i++;
      if (!SET_OPTIONS.some(([n]) => n === name)) {
        builtinError(sh, fds, "set", `${name}: invalid option name`);
        return 2;
      }
      if (on) sh.ownOptions().add(name);
      else sh.ownOptions().delete(name);
      // posix mode sets POSIXLY_CORRECT (and leaving it unsets it), as bash does.
      if (name === "posix") {
        if (on) sh.set("POSIXLY_CORRECT", "y");
        else sh.unset("POSIXLY_CORRECT");
      }
      continue;
    }
    for (const c of a.slice(1)) {
      if (c === "o") {
        // -eo NAME: the o in a cluster takes the next argument.
        const name = argv[++i];
        if (name === undefined) {
          await printOptions(sh, fds, on);
          return 0;
        }
        if (!SET_OPTIONS.some(([n]) => n === name)) {
          builtinError(sh, fds, "set", `${name}: invalid option name`);
          return 2;
        }
        if (on) sh.ownOptions().add(name);
        else sh.ownOptions().delete(name);
        continue;
      }
      const name = optionLetter(c);
      if (!name) return invalidOption(sh, fds, "set", `${a[0]}${c}`, "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]");
      if (on) sh.ownOptions().add(name);
      else sh.ownOptions().delete(name);
    }
  }
  if (i < argv.length) sh.positional = argv.slice(i);
  // set -n: nothing runs after this (not even traps); the script is only read on (script.ts).
  if (sh.options.has("noexec")) {
    sh.traps.clear();
    throw new ExitSignal(0);
  }
  return 0;
};

async function printOptions(sh: Shell, fds: Parameters<ShellBuiltin>[2], minus: boolean): Promise<void> {
  let text = "";
  for (const [name] of SET_OPTIONS) {
    const on = sh.options.has(name);
    text += minus ? `${name.padEnd(15)}\t${on ? "on" : "off"}\n` : `set ${on ? "-" : "+"}o ${name}\n`;
  }
  await out(fds, text);
}

export const shopt: ShellBuiltin = async (sh, argv, fds) => {
  let mode: "s" | "u" | "" = "";
  let quiet = false;
  let printMode = false;
  let setOpts = false;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith("-") && argv[i].length > 1; i++) {
    for (const c of argv[i].slice(1)) {
      if (c === "s" || c === "u") mode = c;
      else if (c === "q") quiet = true;
      else if (c === "p") printMode = true;
      else if (c === "o") setOpts = true;
      else return invalidOption(sh, fds, "shopt", `-${c}`, "shopt [-pqsu] [-o] [optname ...]");
    }
  }
  const names = argv.slice(i);
  const all = setOpts ? SET_OPTIONS.map(([n]) => n) : SHOPT_NAMES;
  const isOn = (n: string) => (setOpts ? sh.options.has(n) : sh.shopts.has(n));
  let status = 0;
  if (mode && names.length) {
    for (const n of names) {
      if (!all.includes(n)) {
        builtinError(sh, fds, "shopt", `${n}: invalid shell option name`);
        status = 1;
        continue;
      }
      const target = setOpts ? sh.ownOptions() : sh.ownShopts();
      if (mode === "s") target.add(n);
      else target.delete(n);
    }
    return status;
  }
  let text = "";
  for (const n of names.length ? names : all) {
    if (!all.includes(n)) {
      builtinError(sh, fds, "shopt", `${n}: invalid shell option name`);
      status = 1;
      continue;
    }
    const on = isOn(n);
    if (mode === "s" && !on) continue;
    if (mode === "u" && on) continue;
    if (!on && names.length) status = 1;
    if (quiet) continue;
    if (printMode || setOpts) text += setOpts ? `set ${on ? "-" : "+"}o ${n}\n` : `shopt ${on ? "-s" : "-u"} ${n}\n`;
    else text += `${n.padEnd(15)}\t${on ? "on" : "off"}\n`;
  }
  if (text) await out(fds, text);
  return status;
};
