import * as core from "./core.js";
import { lazyBuiltin, type ShellBuiltin } from "./util.js";

// The builtins a small script rarely runs load on first use (lazyBuiltin): their code is
// kept out of the cold start that every `new Bash()` in a fresh process pays. The import()s stay
// literal so bundlers see the chunks.
const commands = () => import("./commands.js");
const compgen = () => import("./compgen.js");
const dirs = () => import("./dirs.js");
const help = () => import("./help.js");
const misc = () => import("./misc.js");
const printf = () => import("./printf.js");
const proc = () => import("./process.js");
const read = () => import("./read.js");
const set = () => import("./set.js");
const test = lazyBuiltin(() => import("./test.js"), "test");
const trap = () => import("./trap.js");
const vars = () => import("./vars.js");
const declare = lazyBuiltin(vars, "declare");
const mapfile = lazyBuiltin(read, "mapfile");

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
  ["declare", declare],
  ["typeset", declare],
  ["local", lazyBuiltin(vars, "local")],
  ["export", lazyBuiltin(vars, "exportBuiltin")],
  ["readonly", lazyBuiltin(vars, "readonly")],
  ["unset", lazyBuiltin(vars, "unset")],
  ["let", lazyBuiltin(vars, "letBuiltin")],
  ["set", lazyBuiltin(set, "set")],
  ["shopt", lazyBuiltin(set, "shopt")],
  ["test", test],
  ["[", test],
  ["read", lazyBuiltin(read, "read")],
  ["mapfile", mapfile],
  ["readarray", mapfile],
  ["printf", lazyBuiltin(printf, "printf")],
  ["type", lazyBuiltin(commands, "type")],
  ["command", lazyBuiltin(commands, "command")],
  ["builtin", lazyBuiltin(commands, "builtin")],
  ["alias", lazyBuiltin(commands, "alias")],
  ["unalias", lazyBuiltin(commands, "unalias")],
  ["trap", lazyBuiltin(trap, "trap")],
  ["wait", lazyBuiltin(proc, "wait")],
  ["getopts", lazyBuiltin(commands, "getopts")],
  ["umask", lazyBuiltin(proc, "umask")],
  ["exec", lazyBuiltin(proc, "exec")],
  ["hash", lazyBuiltin(proc, "hash")],
  ["caller", lazyBuiltin(proc, "caller")],
  ["jobs", lazyBuiltin(proc, "jobs")],
  ["times", lazyBuiltin(proc, "times")],
  ["help", lazyBuiltin(help, "help")],
  ["dirs", lazyBuiltin(dirs, "dirs")],
  ["pushd", lazyBuiltin(dirs, "pushd")],
  ["popd", lazyBuiltin(dirs, "popd")],
  ["kill", lazyBuiltin(misc, "kill")],
  ["enable", lazyBuiltin(misc, "enable")],
  ["compgen", lazyBuiltin(compgen, "compgen")],
  ["ulimit", lazyBuiltin(misc, "ulimit")],
  ["disown", lazyBuiltin(misc, "disown")],
]);

/** POSIX special builtins: assignments before them persist. */
export const SPECIAL_BUILTINS = new Set([
  ":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set", "shift", "times", "trap", "unset",
]);
