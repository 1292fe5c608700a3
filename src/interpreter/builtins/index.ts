import * as commands from "./commands.js";
import * as core from "./core.js";
import { dirs, popd, pushd } from "./dirs.js";
import { disown, enable, kill, ulimit } from "./misc.js";
import { compgen } from "./compgen.js";
import { mapfile, read } from "./read.js";
import { set, shopt } from "./set.js";
import { test } from "./test.js";
import * as process from "./process.js";
import { help } from "./help.js";
import { trap } from "./trap.js";
import type { ShellBuiltin } from "./util.js";
import * as vars from "./vars.js";

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
  ["declare", vars.declare],
  ["typeset", vars.declare],
  ["local", vars.local],
  ["export", vars.exportBuiltin],
  ["readonly", vars.readonly],
  ["unset", vars.unset],
  ["let", vars.letBuiltin],
  ["set", set],
  ["shopt", shopt],
  ["test", test],
  ["[", test],
  ["read", read],
  ["mapfile", mapfile],
  ["readarray", mapfile],
  ["printf", commands.printf],
  ["type", commands.type],
  ["command", commands.command],
  ["builtin", commands.builtin],
  ["alias", commands.alias],
  ["unalias", commands.unalias],
  ["trap", trap],
  ["wait", process.wait],
  ["getopts", commands.getopts],
  ["umask", process.umask],
  ["exec", process.exec],
  ["hash", process.hash],
  ["caller", process.caller],
  ["jobs", process.jobs],
  ["times", process.times],
  ["help", help],
  ["dirs", dirs],
  ["pushd", pushd],
  ["popd", popd],
  ["kill", kill],
  ["enable", enable],
  ["compgen", compgen],
  ["ulimit", ulimit],
  ["disown", disown],
]);

/** POSIX special builtins: assignments before them persist. */
export const SPECIAL_BUILTINS = new Set([
  ":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set", "shift", "times", "trap", "unset",
]);
