import * as core from "./core.js";
import { lazyBuiltin, type ShellBuiltin } from "./util.js";

// The builtins a small script rarely runs load on first use (lazyBuiltin): their code is
// kept out of the cold start that every `new Bash()` in a fresh process pays.
const dirs = lazyBuiltin(() => import("./dirs.js").then((m) => m.dirs));
const pushd = lazyBuiltin(() => import("./dirs.js").then((m) => m.pushd));
const popd = lazyBuiltin(() => import("./dirs.js").then((m) => m.popd));
const misc = (name: "disown" | "enable" | "kill" | "ulimit") => lazyBuiltin(() => import("./misc.js").then((m) => m[name]));
const compgen = lazyBuiltin(() => import("./compgen.js").then((m) => m.compgen));
const read = lazyBuiltin(() => import("./read.js").then((m) => m.read));
const mapfile = lazyBuiltin(() => import("./read.js").then((m) => m.mapfile));
const set = lazyBuiltin(() => import("./set.js").then((m) => m.set));
const shopt = lazyBuiltin(() => import("./set.js").then((m) => m.shopt));
const printf = lazyBuiltin(() => import("./printf.js").then((m) => m.printf));
const proc = (name: "wait" | "umask" | "exec" | "hash" | "caller" | "jobs" | "times") =>
  lazyBuiltin(() => import("./process.js").then((m) => m[name]));
const vars = (name: "declare" | "local" | "exportBuiltin" | "readonly" | "unset" | "letBuiltin") =>
  lazyBuiltin(() => import("./vars.js").then((m) => m[name]));
const commands = (name: "type" | "command" | "builtin" | "alias" | "unalias" | "getopts") =>
  lazyBuiltin(() => import("./commands.js").then((m) => m[name]));
const test = lazyBuiltin(() => import("./test.js").then((m) => m.test));
const help = lazyBuiltin(() => import("./help.js").then((m) => m.help));
const trap = lazyBuiltin(() => import("./trap.js").then((m) => m.trap));

/** Shell builtins by name: they run inside the shell and may change its state. */
export const SHELL_BUILTINS = new Map<string, ShellBuiltin>([
  [":", core.colon],
  ["true", core.colon],
  ["false", core.falseBuiltin],
  ["echo", core.echo],
  ["pwd", core.pwd],
  ["cd", core.cd],
  ["exit", core.exit],
  ["return", core.returnBuiltin],
  ["break", core.breakBuiltin],
  ["continue", core.continueBuiltin],
  ["shift", core.shift],
  ["eval", core.evalBuiltin],
  ["source", core.source],
  [".", core.source],
  ["declare", vars("declare")],
  ["typeset", vars("declare")],
  ["local", vars("local")],
  ["export", vars("exportBuiltin")],
  ["readonly", vars("readonly")],
  ["unset", vars("unset")],
  ["let", vars("letBuiltin")],
  ["set", set],
  ["shopt", shopt],
  ["test", test],
  ["[", test],
  ["read", read],
  ["mapfile", mapfile],
  ["readarray", mapfile],
  ["printf", printf],
  ["type", commands("type")],
  ["command", commands("command")],
  ["builtin", commands("builtin")],
  ["alias", commands("alias")],
  ["unalias", commands("unalias")],
  ["trap", trap],
  ["wait", proc("wait")],
  ["getopts", commands("getopts")],
  ["umask", proc("umask")],
  ["exec", proc("exec")],
  ["hash", proc("hash")],
  ["caller", proc("caller")],
  ["jobs", proc("jobs")],
  ["times", proc("times")],
  ["help", help],
  ["dirs", dirs],
  ["pushd", pushd],
  ["popd", popd],
  ["kill", misc("kill")],
  ["enable", misc("enable")],
  ["compgen", compgen],
  ["ulimit", misc("ulimit")],
  ["disown", misc("disown")],
]);

/** POSIX special builtins: assignments before them persist. */
export const SPECIAL_BUILTINS = new Set([
  ":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set", "shift", "times", "trap", "unset",
]);
