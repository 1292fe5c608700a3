import type { CommandContext, CommandDef, CommandIO } from "../../builtins/types.js";
import { resolvePath } from "../fs/path.js";
import { isFsError } from "../fs/types.js";
import { BrokenPipe, emptyReader, nullWriter, readAll } from "../io/streams.js";
import { decodeUtf8 } from "../io/utf8.js";
import { LimitExceeded, type Budget } from "../limits/budget.js";
import { ExitSignal, ShellError } from "./errors.js";
import type { FdTable } from "./io.js";
import { reportError, writeErr } from "./report.js";
import { ParseError } from "../parser/errors.js";
import { Parser } from "../parser/parser.js";
import { printableName } from "../parser/ansi-c.js";
import { reportSyntaxError, runScriptText, type ScriptKind } from "./script.js";
import { Shell } from "./shell.js";
import { runExitTrap } from "./traps.js";
import { Attr } from "./variables.js";
import { parseShellArgs } from "./shell-args.js";
import { LazyEnviron } from "./environ.js";
import { fsFor, fsForReady, withProcFds } from "./procsubst.js";
import { lazyModule } from "../lazy.js";

const builtinsModule = lazyModule(() => import("./builtins/index.js"));

/**
 * Shell builtins that are also programs in /usr/bin: when no command of that
 * name is registered, `env echo`, `xargs printf` and `find -exec test` reach
 * the builtin, as they would reach coreutils' binary.
 */
export const STANDALONE_BUILTINS: ReadonlySet<string> = new Set(["echo", "true", "false", "test", "[", "pwd"]);

/**
 * Running a utility: a built-in command (grep, sort...), a custom command, a
 * child shell (bash, sh), or a script file found by path or in PATH.
 */
export async function runUtility(sh: Shell, argv: string[], fds: FdTable, envOverride?: ReadonlyMap<string, string>): Promise<number> {
  const name = argv[0];
  if (name === "bash" || name === "sh") return runChildShell(sh, argv, fds, envOverride);
  if (!name.includes("/")) {
    const def = sh.services.commands.get(name);
    if (def && inPath(sh)) return runDef(sh, def, argv, fds, envOverride, programPath(sh, name));
    if (!def && STANDALONE_BUILTINS.has(name) && inPath(sh)) return runStandalone(sh, argv, fds);
    const found = await searchPath(sh, name);
    if (found) return runFile(sh, found, argv, fds, found, envOverride);
    // An empty PATH searches only the current directory: bash then says the file is missing.
    reportError(sh, fds, sh.get("PATH") === "" ? `${name}: No such file or directory` : `${printableName(name)}: command not found`);
    return 127;
  }
  return runFile(sh, resolvePath(sh.cwd, name), argv, fds, name, envOverride);
}

/** Where a PATH search finds a built-in command: its stub in /usr/bin or /bin (bash's `_`). */
function programPath(sh: Shell, name: string): string {
  return `${pathFacts(sh.get("PATH")).stubDir}/${name}`;
}

/** What PATH says about the built-in commands, for the last PATH seen (it rarely changes). */
let lastPath: string | undefined;
let lastFacts = { reachable: true, stubDir: "/usr/bin" };

function pathFacts(path: string | undefined): { reachable: boolean; stubDir: string } {
  if (path === lastPath) return lastFacts;
  const dirs = (path ?? "").split(":");
  lastFacts = {
    reachable: path === undefined || dirs.some((d) => d === "/usr/bin" || d === "/bin" || d === "/usr/local/bin" || d === "/usr/sbin" || d === "/sbin"),
    stubDir: dirs.find((d) => d === "/usr/bin" || d === "/bin") ?? "/usr/bin",
  };
  lastPath = path;
  return lastFacts;
}

/** A standalone builtin run as a program: in a subshell, so it cannot touch the caller's state. */
async function runStandalone(sh: Shell, argv: string[], fds: FdTable): Promise<number> {
  const { SHELL_BUILTINS } = await builtinsModule();
  const builtin = SHELL_BUILTINS.get(argv[0])!;
  const child = sh.subshell(true);
  try {
    return await builtin(child, argv, fds);
  } catch (e) {
    if (!(e instanceof ShellError)) throw e;
    reportError(child, fds, `${argv[0]}: ${e.message}`);
    return e.status;
  }
}

/** Utilities live in /usr/bin: an empty or odd PATH hides them, as it would in bash. */
function inPath(sh: Shell): boolean {
  return pathFacts(sh.get("PATH")).reachable;
}

async function searchPath(sh: Shell, name: string): Promise<string | null> {
  const path = sh.get("PATH") ?? "";
  for (const dir of path.split(":")) {
    const full = resolvePath(sh.cwd, (dir || ".") + "/" + name);
    try {
      const st = await sh.fs.stat(full);
      if (st.type === "file" && st.mode & 0o111) return full;
    } catch {
      // not here
    }
  }
  return null;
}

/** Builds the context a command runs with. */
export function makeContext(
  sh: Shell,
  argv: string[],
  fds: FdTable,
  envOverride?: ReadonlyMap<string, string>,
  program?: string,
): CommandContext {
  const services = sh.services;
  const ctx: CommandContext & { jq?: unknown; network?: unknown } = {
    name: argv[0],
    args: argv.slice(1),
    stdin: fds[0]?.reader ?? emptyReader,
    stdout: fds[1]?.writer ?? closedWriter(),
    stderr: fds[2]?.writer ?? nullWriter,
    env: envOverride ?? new LazyEnviron(sh, program),
    cwd: sh.cwd,
    fs: fsFor(sh, fds),
    budget: services.budget,
    signal: services.signal,
    sandbox: services.sandbox,
    umask: sh.umask,
    resolve: (p) => resolvePath(sh.cwd, p),
    exec: (args, io) => execFromCommand(sh, args, fds, io),
    runScript: (script, io) => runScriptFromCommand(sh, script, fds, io),
    hasCommand: (n) => services.commands.has(n) || n === "bash" || n === "sh" || STANDALONE_BUILTINS.has(n),
  };
  if (services.jq) ctx.jq = services.jq;
  if (services.network) ctx.network = services.network;
  return ctx;
}

function closedWriter() {
  return {
    write() {
      throw new ShellError("write error: Bad file descriptor");
    },
    close() {},
  };
}

function withIO(fds: FdTable, io?: CommandIO): FdTable {
  const out = fds.slice();
  if (io?.stdin) out[0] = { reader: io.stdin };
  if (io?.stdout) out[1] = { writer: io.stdout };
  if (io?.stderr) out[2] = { writer: io.stderr };
  return out;
}

async function execFromCommand(sh: Shell, argv: string[], fds: FdTable, io?: ExecIO): Promise<number> {
  let child = sh;
  if (io?.budget) child = subshellOnBudget(sh, io.budget);
  else if (io?.cwd) child = sh.subshell();
  if (io?.cwd) child.cwd = io.cwd;
  child.services.budget.step();
  return runUtility(child, argv, withIO(fds, io), io?.env);
}

type ExecIO = Parameters<CommandContext["exec"]>[1];

/** A subshell whose commands count against `budget` (timeout's scope, a background job's). */
export function subshellOnBudget(sh: Shell, budget: Budget): Shell {
  return new Shell(withBudget(sh.services, budget), sh);
}

/** The services of a command run on its own budget (timeout): pids still come from the exec's counter. */
function withBudget(services: Shell["services"], budget: Budget): Shell["services"] {
  return Object.create(services, {
    budget: { value: budget },
    nextPid: {
      get: () => services.nextPid,
      set: (v: number) => {
        services.nextPid = v;
      },
    },
  });
}

async function runScriptFromCommand(sh: Shell, script: string, fds: FdTable, io?: CommandIO): Promise<number> {
  return runChildShell(sh, ["sh", "-c", script], withIO(fds, io));
}

async function runDef(
  sh: Shell,
  def: CommandDef,
  argv: string[],
  fds: FdTable,
  envOverride?: ReadonlyMap<string, string>,
  program?: string,
): Promise<number> {
  const loading = fsForReady();
  if (loading) await loading; // no await (a microtask) once loaded: commands run in hot loops
  const ctx = makeContext(sh, argv, fds, envOverride, program);
  try {
    const status = await def.run(ctx);
    return typeof status === "number" ? status & 255 : 0;
  } catch (e) {
    // A program killed by SIGPIPE ends alone (status 141); the shell that ran it goes on.
    if (e instanceof BrokenPipe) return 141;
    if (e instanceof LimitExceeded || e instanceof ExitSignal) throw e;
    if (e instanceof ShellError) {
      writeErr(fds, `${argv[0]}: ${e.message}\n`);
      return e.status;
    }
    if (isFsError(e)) {
      writeErr(fds, `${argv[0]}: ${e.path ? e.path + ": " : ""}${e.message}\n`);
      return 1;
    }
    // A failing command must never take the host down: report it like a crash.
    const msg = e instanceof Error ? e.message : String(e);
    writeErr(fds, `${argv[0]}: ${msg}\n`);
    return e instanceof RangeError ? 1 : 126;
  }
}

/** ./script, /path/to/script, or a script found in PATH. */
async function runFile(
  sh: Shell,
  path: string,
  argv: string[],
  fds: FdTable,
  shown = path,
  envOverride?: ReadonlyMap<string, string>,
): Promise<number> {
  let st;
  try {
    st = await sh.fs.stat(path);
  } catch (e) {
    reportError(sh, fds, `${shown}: ${isFsError(e) ? e.message : "No such file or directory"}`);
    return 127;
  }
  if (st.type === "directory") {
    reportError(sh, fds, `${shown}: Is a directory`);
    return 126;
  }
  if (!(st.mode & 0o100) && !(st.mode & 0o011)) {
    reportError(sh, fds, `${shown}: Permission denied`);
    return 126;
  }
  // /usr/bin/grep and friends: the registered command of that name.
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dir = path.slice(0, path.lastIndexOf("/"));
  if ((dir === "/usr/bin" || dir === "/bin") && sh.services.commands.has(base)) {
    return runDef(sh, sh.services.commands.get(base)!, [argv[0], ...argv.slice(1)], fds, envOverride, path);
  }
  if ((dir === "/usr/bin" || dir === "/bin") && STANDALONE_BUILTINS.has(base)) return runStandalone(sh, [base, ...argv.slice(1)], fds);
  let text: string;
  try {
    text = decodeUtf8(await sh.fs.readFile(path));
  } catch (e) {
    reportError(sh, fds, `${shown}: ${isFsError(e) ? e.message : "cannot read"}`);
    return 126;
  }
  if (text.startsWith("#!")) {
    const nl = text.indexOf("\n");
    const line = text.slice(2, nl < 0 ? undefined : nl).trim();
    const parts = line.split(/\s+/);
    let interp = parts[0].slice(parts[0].lastIndexOf("/") + 1);
    let rest = parts.slice(1);
    if (interp === "env" && rest.length) {
      interp = rest[0];
      rest = rest.slice(1);
    }
    if (interp !== "bash" && interp !== "sh" && interp !== "dash") {
      return runUtility(sh, [interp, ...rest, shown, ...argv.slice(1)], fds, envOverride);
    }
  }
  return runShellText(sh, text, shown, argv.slice(1), fds, { kind: "file", name: shown }, [], envOverride);
}

/** `bash ...` / `sh ...`: a new shell process inside the sandbox. */
async function runChildShell(sh: Shell, argv: string[], fds: FdTable, env?: ReadonlyMap<string, string>): Promise<number> {
  fds = withProcFds(sh, fds);
  const parsed = parseShellArgs(argv);
  if (typeof parsed === "string") {
    writeErr(fds, parsed);
    return 2;
  }
  if (parsed.command !== null) {
    return runShellText(sh, parsed.command, parsed.argv0 ?? argv[0], parsed.args, fds, { kind: "c" }, parsed.options, env);
  }
  if (parsed.file !== null && !parsed.stdin) {
    const path = resolvePath(sh.cwd, parsed.file);
    let text: string;
    try {
      await fsForReady();
      text = decodeUtf8(await fsFor(sh, fds).readFile(path)); // bash <(cmd), bash /dev/stdin
    } catch (e) {
      writeErr(fds, `${argv[0]}: ${parsed.file}: ${isFsError(e) ? e.message : "cannot read"}\n`);
      return 127;
    }
    return runShellText(sh, text, parsed.file, parsed.args, fds, { kind: "file", name: parsed.file }, parsed.options, env);
  }
  // Script on stdin.
  const text = decodeUtf8(await readAll(fds[0]?.reader ?? emptyReader));
  return runShellText(sh, text, argv[0], parsed.args, fds, { kind: "c" }, parsed.options, env);
}

/** Runs script text in a fresh shell that inherits only exported variables. */
async function runShellText(
  parent: Shell,
  text: string,
  argv0: string,
  args: string[],
  fds: FdTable,
  kind: { kind: "c" } | { kind: "file"; name: string },
  options: string[] = [],
  env?: ReadonlyMap<string, string>,
): Promise<number> {
  const budget = parent.services.budget;
  budget.enter();
  budget.step();
  const child = new Shell(parent.services);
  for (const [k, v] of env ?? parent.exportedEnv()) {
    child.vars.globals.set(k, { value: v, attrs: Attr.Export });
  }
  child.cwd = parent.cwd;
  child.umask = parent.umask;
  child.argv0 = argv0;
  child.positional = args;
  child.sourceName = kind.kind === "file" ? kind.name : null;
  child.functionSources = new Map();
  child.subshellLevel = parent.subshellLevel;
  // Exported functions reach a child through its environment (gone with env -i).
  if (!env) for (const name of parent.exportedFunctions) {
    const fn = parent.functions.get(name);
    if (fn) {
      child.functions.set(name, fn);
      child.exportedFunctions.add(name);
    }
  }
  const shlvl = Number.parseInt(child.vars.globals.get("SHLVL")?.value as string ?? "", 10);
  child.vars.globals.set("SHLVL", { value: String(Number.isNaN(shlvl) ? 1 : shlvl + 1), attrs: Attr.Export });
  initChildDefaults(child);
  for (const o of options) child.ownOptions().add(o);
  let status: number;
  try {
    if (budget.unwindDue) await null;
    // bash -n: read the script for syntax errors only.
    status = child.options.has("noexec") ? checkSyntax(child, text, fds, kind) : await runScriptText(child, text, fds.slice(), kind);
  } catch (e) {
    if (e instanceof ExitSignal) status = e.status;
    else throw e;
  } finally {
    budget.leave();
  }
  return runExitTrap(child, fds, status);
}

/** bash -n: parses the whole script, reporting the first syntax error (status 2). */
function checkSyntax(sh: Shell, text: string, fds: FdTable, kind: ScriptKind): number {
  const parser = new Parser(text);
  try {
    while (parser.parseNextLine()) {
      // parse only
    }
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    reportSyntaxError(sh, fds, kind, e);
    return 2;
  }
  return 0;
}

/** Variables every new shell sets for itself. */
export function initChildDefaults(sh: Shell): void {
  const g = sh.vars.globals;
  const setIfMissing = (k: string, v: string) => {
    if (!g.has(k)) g.set(k, { value: v, attrs: 0 });
  };
  setIfMissing("IFS", " \t\n");
  setIfMissing("PS4", "+ ");
  // bash's built-in PATH when the environment has none (env -i).
  setIfMissing("PATH", "/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:.");
  setIfMissing("OPTIND", "1");
  g.set("PPID", { value: String(sh.pid - 1 > 0 ? sh.pid - 1 : 1), attrs: Attr.Readonly | Attr.Integer });
}
