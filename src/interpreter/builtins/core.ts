import { resolvePath, normalizePath } from "../../fs/path.js";
import { isFsError } from "../../fs/types.js";
import { decodeUtf8 } from "../../io/utf8.js";
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal } from "../errors.js";
import type { FdTable } from "../io.js";
import { runScriptText } from "../script.js";
import { runTrap } from "../traps.js";
import type { Shell } from "../shell.js";
import { fsFor, fsForReady } from "../procsubst.js";
import { builtinError, out, type ShellBuiltin } from "./util.js";

/** `:` and true/false. */
export const colon: ShellBuiltin = () => 0;
export const falseBuiltin: ShellBuiltin = () => 1;

/** echo [-neE] args — bash's builtin (xpg_echo off). */
export const echo: ShellBuiltin = (sh, argv, fds) => {
  let i = 1;
  let newline = true;
  let escapes = sh.shopts.has("xpg_echo");
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === "n") newline = false;
      else if (c === "e") escapes = true;
      else escapes = false;
    }
  }
  let text = argv.slice(i).join(" ");
  if (escapes) {
    const r = echoEscapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  const w = out(fds, newline ? text + "\n" : text);
  return w ? w.then(() => 0) : 0;
};

/** echo -e escapes; \c stops all output. */
export function echoEscapes(s: string): { text: string; stop: boolean } {
  let o = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\" || i + 1 >= s.length) {
      o += c;
      continue;
    }
    const e = s[++i];
    switch (e) {
      case "a": o += "\x07"; break;
      case "b": o += "\b"; break;
      case "c": return { text: o, stop: true };
      case "e": case "E": o += "\x1b"; break;
      case "f": o += "\f"; break;
      case "n": o += "\n"; break;
      case "r": o += "\r"; break;
      case "t": o += "\t"; break;
      case "v": o += "\v"; break;
      case "\\": o += "\\"; break;
      case "0": {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
        o += byte(parseInt(m || "0", 8));
        i += m.length;
        break;
      }
      case "x": {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (!m) { o += "\\x"; break; }
        o += byte(parseInt(m[0], 16));
        i += m[0].length;
        break;
      }
      case "u":
      case "U": {
        const m = (e === "u" ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(s.slice(i + 1));
        if (!m) { o += "\\" + e; break; }
        o += String.fromCodePoint(Math.min(parseInt(m[0], 16), 0x10ffff));
        i += m[0].length;
        break;
      }
      default:
        o += "\\" + e;
    }
  }
  return { text: o, stop: false };
}

function byte(b: number): string {
  return b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(0xdc00 | (b & 0xff));
}

export const pwd: ShellBuiltin = async (sh, argv, fds) => {
  let physical = false;
  for (const a of argv.slice(1)) {
    if (a === "-P") physical = true;
    else if (a === "-L") physical = false;
    else if (a.startsWith("-")) {
      builtinError(sh, fds, "pwd", `${a}: invalid option`);
      fds[2]?.writer?.write("pwd: usage: pwd [-LP]\n");
      return 2;
    }
  }
  const dir = physical ? await sh.fs.realpath(sh.cwd).catch(() => sh.cwd) : sh.cwd;
  await out(fds, dir + "\n");
  return 0;
};

export const cd: ShellBuiltin = async (sh, argv, fds) => {
  let args = argv.slice(1);
  let physical = false;
  while (args.length && /^-[LPe@]+$/.test(args[0])) {
    if (args[0].includes("P")) physical = true;
    args = args.slice(1);
  }
  if (args[0] === "--") args = args.slice(1);
  if (args.length > 1) {
    builtinError(sh, fds, "cd", "too many arguments");
    return 1;
  }
  let target: string | undefined = args[0];
  let print = false;
  if (target === undefined) {
    target = sh.get("HOME");
    if (target === undefined) {
      builtinError(sh, fds, "cd", "HOME not set");
      return 1;
    }
    if (target === "") return 0;
  } else if (target === "-") {
    target = sh.get("OLDPWD");
    if (target === undefined) {
      builtinError(sh, fds, "cd", "OLDPWD not set");
      return 1;
    }
    print = true;
  }
  let dir = resolvePath(sh.cwd, target);
  // CDPATH applies to relative names not starting with . or ..
  const cdpath = sh.get("CDPATH");
  if (cdpath && !target.startsWith("/") && !target.startsWith(".")) {
    for (const base of cdpath.split(":")) {
      const cand = resolvePath(sh.cwd, (base || ".") + "/" + target);
      if (await isDirectory(sh, cand)) {
        dir = cand;
        print = base !== "";
        break;
      }
    }
  }
  try {
    const st = await sh.fs.stat(dir);
    if (st.type !== "directory") {
      builtinError(sh, fds, "cd", `${target}: Not a directory`);
      return 1;
    }
    if (!(st.mode & 0o111) && sh.services.sandbox.uid !== 0) {
      builtinError(sh, fds, "cd", `${target}: Permission denied`);
      return 1;
    }
  } catch (e) {
    builtinError(sh, fds, "cd", `${target}: ${isFsError(e) ? e.message : "No such file or directory"}`);
    return 1;
  }
  if (physical) dir = await sh.fs.realpath(dir).catch(() => dir);
  sh.set("OLDPWD", sh.cwd);
  sh.cwd = normalizePath(dir);
  sh.set("PWD", sh.cwd);
  if (print) await out(fds, sh.cwd + "\n");
  return 0;
};

async function isDirectory(sh: Shell, p: string): Promise<boolean> {
  try {
    return (await sh.fs.stat(p)).type === "directory";
  } catch {
    return false;
  }
}

/** Parses the numeric argument of exit/return: bash takes it modulo 256. */
function statusArg(sh: Shell, fds: FdTable, name: string, arg: string | undefined): number | null {
  if (arg === undefined) return sh.lastStatus;
  if (!/^\s*[-+]?\d+\s*$/.test(arg)) {
    builtinError(sh, fds, name, `${arg}: numeric argument required`);
    return null;
  }
  return Number(BigInt.asUintN(8, BigInt(arg.trim())));
}

export const exit: ShellBuiltin = (sh, argv, fds) => {
  if (argv.length > 2) {
    builtinError(sh, fds, "exit", "too many arguments");
    // bash: a non-interactive shell exits anyway, with status 1.
    throw new ExitSignal(1);
  }
  const s = statusArg(sh, fds, "exit", argv[1]);
  throw new ExitSignal(s === null ? 2 : s);
};

export const returnBuiltin: ShellBuiltin = (sh, argv, fds) => {
  if (sh.funcNames.length === 0 && !sh.sourcing) {
    builtinError(sh, fds, "return", "can only `return' from a function or sourced script");
    return 2;
  }
  const s = statusArg(sh, fds, "return", argv[1]);
  throw new ReturnSignal(s === null ? 2 : s);
};

function loopControl(kind: "break" | "continue"): ShellBuiltin {
  return (sh, argv, fds) => {
    let n = 1;
    if (argv[1] !== undefined) {
      if (!/^-?\d+$/.test(argv[1])) {
        builtinError(sh, fds, kind, `${argv[1]}: numeric argument required`);
        throw new ExitSignal(128);
      }
      n = Number(argv[1]);
      if (n < 1) {
        builtinError(sh, fds, kind, `${argv[1]}: loop count out of range`);
        // bash then leaves every enclosing loop, with status 1.
        if (sh.loopDepth === 0) return 1;
        throw new BreakSignal(sh.loopDepth, 1);
      }
    }
    if (sh.loopDepth === 0) {
      builtinError(sh, fds, kind, "only meaningful in a `for', `while', or `until' loop");
      return 0;
    }
    n = Math.min(n, sh.loopDepth);
    throw kind === "break" ? new BreakSignal(n) : new ContinueSignal(n);
  };
}

export const breakBuiltin = loopControl("break");
export const continueBuiltin = loopControl("continue");

export const shift: ShellBuiltin = (sh, argv, fds) => {
  let n = 1;
  if (argv[1] !== undefined) {
    if (!/^\d+$/.test(argv[1])) {
      builtinError(sh, fds, "shift", `${argv[1]}: ${/^-\d+$/.test(argv[1]) ? "shift count out of range" : "numeric argument required"}`);
      return 1;
    }
    n = Number(argv[1]);
  }
  if (n > sh.positional.length) return 1;
  sh.positional = sh.positional.slice(n);
  return 0;
};

export const evalBuiltin: ShellBuiltin = async (sh, argv, fds) => {
  const text = argv.slice(1).join(" ");
  if (text.trim() === "") return 0;
  sh.services.budget.enter();
  sh.traceLevel++;
  try {
    if (sh.services.budget.unwindDue) await null;
    return await runScriptText(sh, text, fds, { kind: "eval" });
  } finally {
    sh.traceLevel--;
    sh.services.budget.leave();
  }
};

export const source: ShellBuiltin = async (sh, argv, fds) => {
  const file = argv[1];
  if (file === undefined) {
    builtinError(sh, fds, argv[0], "filename argument required");
    fds[2]?.writer?.write(`${argv[0]}: usage: ${argv[0]} filename [arguments]\n`);
    return 2;
  }
  let path = resolvePath(sh.cwd, file);
  if (!file.includes("/") && !(await sh.fs.exists(path))) {
    for (const dir of (sh.get("PATH") ?? "").split(":")) {
      const cand = resolvePath(sh.cwd, (dir || ".") + "/" + file);
      if (await sh.fs.exists(cand)) {
        path = cand;
        break;
      }
    }
  }
  let text: string;
  try {
    await fsForReady();
    const fs = fsFor(sh, fds); // source <(cmd), . /dev/stdin
    if ((await fs.stat(path)).type === "directory") {
      builtinError(sh, fds, argv[0], `${file}: is a directory`);
      return 1;
    }
    text = decodeUtf8(await fs.readFile(path));
  } catch (e) {
    builtinError(sh, fds, file, isFsError(e) ? e.message : "No such file or directory");
    return 1;
  }
  const budget = sh.services.budget;
  budget.enter();
  const savedPositional = sh.positional;
  const savedSource = sh.sourceName;
  const savedSourcing = sh.sourcing;
  if (argv.length > 2) sh.positional = argv.slice(2);
  sh.sourceName = file;
  sh.sourcing = true;
  sh.traceLevel++;
  try {
    if (budget.unwindDue) await null;
    let status: number;
    try {
      status = await runScriptText(sh, text, fds, { kind: "file", name: file, sourced: true });
    } catch (e) {
      if (!(e instanceof ReturnSignal)) throw e;
      status = e.status;
    }
    // A RETURN trap also runs when a sourced file ends.
    if (sh.traps.has("RETURN")) {
      sh.lastStatus = status;
      await runTrap(sh, "RETURN", fds);
    }
    return status;
  } finally {
    if (argv.length > 2) sh.positional = savedPositional;
    sh.sourceName = savedSource;
    sh.sourcing = savedSourcing;
    sh.traceLevel--;
    budget.leave();
  }
};
