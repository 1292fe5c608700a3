import { printFunction } from "../../parser/print.js";
import type { FdTable } from "../io.js";
import { quoteForReuse } from "../quote.js";
import type { Shell } from "../shell.js";
import { runUtility } from "../utility.js";
import { builtinError, builtinFlags, invalidOption, out, type ShellBuiltin } from "./util.js";
import { SHELL_BUILTINS } from "./index.js";

const KEYWORDS = new Set(["if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done", "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc"]);

/** How `type`/`command -v` sees a name. */
export async function describe(sh: Shell, name: string): Promise<{ kind: string; path?: string } | null> {
  // Aliases exist for type/command -v only while expand_aliases is on (off in bash -c).
  if (sh.shopts.has("expand_aliases") && sh.aliases.has(name)) return { kind: "alias" };
  if (KEYWORDS.has(name)) return { kind: "keyword" };
  if (sh.functions.has(name)) return { kind: "function" };
  if (SHELL_BUILTINS.has(name) && sh.enabledBuiltin(name)) return { kind: "builtin" };
  if (name.includes("/")) {
    try {
      const st = await sh.fs.stat(name.startsWith("/") ? name : sh.cwd + "/" + name);
      if (st.type === "file" && st.mode & 0o111) return { kind: "file", path: name };
    } catch {
      return null;
    }
    return null;
  }
  if (sh.services.commands.has(name) || name === "bash" || name === "sh") return { kind: "file", path: `/usr/bin/${name}` };
  for (const dir of (sh.get("PATH") ?? "").split(":")) {
    const p = (dir || ".") + "/" + name;
    try {
      const st = await sh.fs.stat(p.startsWith("/") ? p : sh.cwd + "/" + p);
      if (st.type === "file" && st.mode & 0o111) return { kind: "file", path: p };
    } catch {
      // not here
    }
  }
  return null;
}

export const type: ShellBuiltin = async (sh, argv, fds) => {
  const f = builtinFlags(argv.slice(1), "afptP");
  if (f.bad) return invalidOption(sh, fds, "type", f.bad, "type [-afptP] name [name ...]");
  let status = 0;
  let text = "";
  for (const name of f.rest) {
    const d = await describe(sh, name);
    if (!d) {
      if (!f.on.has("t") && !f.on.has("p") && !f.on.has("P")) builtinError(sh, fds, "type", `${name}: not found`);
      status = 1;
      continue;
    }
    if (f.on.has("t")) text += d.kind + "\n";
    else if (f.on.has("p") || f.on.has("P")) {
      if (d.kind === "file") text += d.path + "\n";
    } else if (d.kind === "alias") text += `${name} is aliased to \`${sh.aliases.get(name)}'\n`;
    else if (d.kind === "keyword") text += `${name} is a shell keyword\n`;
    else if (d.kind === "function") text += `${name} is a function\n${printFunction(sh.functions.get(name)!)}\n`;
    else if (d.kind === "builtin") text += `${name} is a shell builtin\n`;
    else text += `${name} is ${d.path}\n`;
  }
  if (text) await out(fds, text);
  return status;
};

export const command: ShellBuiltin = async (sh, argv, fds) => {
  const f = builtinFlags(argv.slice(1), "pvV");
  if (f.bad) return invalidOption(sh, fds, "command", f.bad, "command [-pVv] command [arg ...]");
  if (f.rest.length === 0) return 0;
  if (f.on.has("v") || f.on.has("V")) {
    let status = 0;
    let text = "";
    let found = false;
    for (const name of f.rest) {
      const d = await describe(sh, name);
      if (!d) {
        if (f.on.has("V")) builtinError(sh, fds, "command", `${name}: not found`);
        status = 1;
        continue;
      }
      found = true;
      if (f.on.has("V")) {
        if (d.kind === "alias") text += `${name} is aliased to \`${sh.aliases.get(name)}'\n`;
        else if (d.kind === "keyword") text += `${name} is a shell keyword\n`;
        else if (d.kind === "function") text += `${name} is a function\n${printFunction(sh.functions.get(name)!)}\n`;
        else if (d.kind === "builtin") text += `${name} is a shell builtin\n`;
        else text += `${name} is ${d.path}\n`;
      } else text += d.kind === "file" ? d.path + "\n" : d.kind === "alias" ? `alias ${name}=${quoteForReuse(sh.aliases.get(name)!)}\n` : name + "\n";
    }
    if (text) await out(fds, text);
    // bash: success when any name was found.
    return found ? 0 : status;
  }
  const b = SHELL_BUILTINS.get(f.rest[0]);
  if (b) return b(sh, f.rest, fds);
  return runUtility(sh, f.rest, fds);
};

export const builtin: ShellBuiltin = async (sh, argv, fds) => {
  if (argv.length < 2) return 0;
  const b = SHELL_BUILTINS.get(argv[1]);
  if (!b) {
    builtinError(sh, fds, "builtin", `${argv[1]}: not a shell builtin`);
    return 1;
  }
  return b(sh, argv.slice(1), fds);
};

export const alias: ShellBuiltin = async (sh, argv, fds) => {
  let args = argv.slice(1);
  if (args[0] === "-p") args = args.slice(1);
  let status = 0;
  let text = "";
  if (args.length === 0) {
    for (const k of [...sh.aliases.keys()].sort()) text += `alias ${k}=${quoteForReuse(sh.aliases.get(k)!)}\n`;
  }
  for (const a of args) {
    const eq = a.indexOf("=");
    if (eq > 0) sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
    else if (sh.aliases.has(a)) text += `alias ${a}=${quoteForReuse(sh.aliases.get(a)!)}\n`;
    else {
      builtinError(sh, fds, "alias", `${a}: not found`);
      status = 1;
    }
  }
  if (text) await out(fds, text);
  return status;
};

export const unalias: ShellBuiltin = (sh, argv, fds) => {
  if (argv[1] === "-a") {
    sh.aliases.clear();
    return 0;
  }
  let status = 0;
  for (const a of argv.slice(1)) {
    if (!sh.aliases.delete(a)) {
      builtinError(sh, fds, "unalias", `${a}: not found`);
      status = 1;
    }
  }
  return status;
};

export const getopts: ShellBuiltin = (sh, argv, fds) => {
  if (argv.length < 3) {
    builtinError(sh, fds, "getopts", "usage: getopts optstring name [arg ...]");
    return 2;
  }
  const optstring = argv[1];
  const name = argv[2];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    builtinError(sh, fds, "getopts", `\`${name}': not a valid identifier`);
    return 1;
  }
  const args = argv.length > 3 ? argv.slice(3) : sh.positional;
  const silent = optstring.startsWith(":");
  let optind = Number(sh.get("OPTIND") ?? "1") || 1;
  // Position inside a bundle of options (-abc) is kept across calls.
  let sub = sh.getoptsSub ?? 1;
  if (sh.getoptsLastInd !== optind) sub = 1;
  const arg = args[optind - 1];
  if (arg === undefined || arg === "--" || !arg.startsWith("-") || arg === "-") {
    if (arg === "--") optind++;
    sh.set("OPTIND", String(optind));
    sh.set(name, "?");
    // The end of the options unsets OPTARG (bash).
    sh.unset("OPTARG");
    return 1;
  }
  const c = arg[sub];
  const idx = optstring.indexOf(c);
  sub++;
  const advance = () => {
    if (sub >= arg.length) {
      optind++;
      sub = 1;
    }
  };
  if (idx < 0 || c === ":") {
    advance();
    sh.set(name, "?");
    if (silent) sh.set("OPTARG", c);
    else {
      sh.unset("OPTARG");
      if (sh.get("OPTERR") !== "0") fds[2]?.writer?.write(`${sh.argv0}: illegal option -- ${c}\n`);
    }
  } else if (optstring[idx + 1] === ":") {
    if (sub < arg.length) {
      sh.set("OPTARG", arg.slice(sub));
      optind++;
      sub = 1;
    } else if (args[optind] !== undefined) {
      sh.set("OPTARG", args[optind]);
      optind += 2;
      sub = 1;
    } else {
      optind++;
      sub = 1;
      if (silent) {
        sh.set(name, ":");
        sh.set("OPTARG", c);
      } else {
        sh.set(name, "?");
        sh.unset("OPTARG");
        if (sh.get("OPTERR") !== "0") fds[2]?.writer?.write(`${sh.argv0}: option requires an argument -- ${c}\n`);
      }
      sh.set("OPTIND", String(optind));
      sh.getoptsLastInd = optind;
      sh.getoptsSub = sub;
      return 0;
    }
    sh.set(name, c);
  } else {
    advance();
    sh.set(name, c);
    sh.unset("OPTARG");
  }
  sh.set("OPTIND", String(optind));
  sh.getoptsLastInd = optind;
  sh.getoptsSub = sub;
  return 0;
};

export function noop(_fds: FdTable): number {
  return 0;
}
