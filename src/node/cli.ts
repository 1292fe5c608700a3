/**
 * The sandbash CLI (Node only): `sandbash -c SCRIPT [NAME ARGS...]`,
 * `sandbash FILE ARGS...`, a script on stdin, or a REPL on a terminal.
 * See USAGE in args.ts. The exit status is the script's.
 */
import { readFile, stat } from "node:fs/promises";
import { posix, resolve } from "node:path";
import quote from "shell-quote/quote.js";
import { Bash } from "../index.js";
import { MemFs } from "../fs/memfs.js";
import { decodeUtf8 } from "../io/utf8.js";
import { USAGE, UsageError, parseCliArgs, type CliOptions } from "./args.js";
import { DEMO_BANNER, DEMO_CWD, DEMO_FILES, DEMO_STEPS } from "./demo.js";
import { overlayRealDirectory } from "./overlay-fs.js";
import { runRepl } from "./repl.js";
import { runStreaming, type CliExecResult } from "./run.js";

declare const __SANDBASH_VERSION__: string | undefined;
const VERSION = typeof __SANDBASH_VERSION__ === "string" ? __SANDBASH_VERSION__ : "dev";
const HOME = "/home/user";
/** Entries taken from a --root directory at most, so a huge tree cannot exhaust memory. */
const MAX_ROOT_ENTRIES = 100_000;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return decodeUtf8(new Uint8Array(Buffer.concat(chunks)));
}

async function createSession(opts: CliOptions): Promise<Bash> {
  if (opts.demo) {
    const bash = new Bash({ files: DEMO_FILES, cwd: DEMO_CWD });
    return bash;
  }
  if (opts.root === undefined) return new Bash();
  const root = resolve(opts.root);
  try {
    if (!(await stat(root)).isDirectory()) throw new UsageError(`--root: ${opts.root}: Not a directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--root: ${opts.root}: No such file or directory`);
  }
  const bash = new Bash();
  if (!(bash.fs instanceof MemFs)) throw new Error("--root needs the default in-memory filesystem");
  // Read through on first use; writes stay in memory (src/node/overlay-fs.ts).
  overlayRealDirectory(bash.fs, root, HOME, { maxEntries: MAX_ROOT_ENTRIES });
  return bash;
}

/**
 * The script as run by the session: with a $0 name or arguments it runs as a child
 * `bash -c SCRIPT NAME ARGS...`, which gives it $0, $1... and messages that start
 * with NAME (as `bash FILE` does), else as is.
 */
function wrapScript(script: string, name: string | undefined, args: string[]): string {
  if (name === undefined && args.length === 0) return script;
  return `bash -c ${quote([script, name ?? "bash", ...args])}`;
}

/**
 * A script file runs as `bash FILE ARGS...` does: the file is put into the session at its path
 * (unless the session already has a file there, as under --root), so $0 and BASH_SOURCE name it,
 * `cat "$0"` reads it, and syntax errors start `FILE: line N:` (`bash -c` would say `-c:`).
 */
async function placeScriptFile(bash: Bash, file: string, text: string): Promise<void> {
  const path = posix.resolve(HOME, file);
  if (await bash.fs.exists(path)) return;
  await bash.fs.mkdir(posix.dirname(path), { recursive: true });
  await bash.fs.writeFile(path, new TextEncoder().encode(text));
}

function printJson(r: CliExecResult): void {
  process.stdout.write(`${JSON.stringify({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode })}\n`);
}

/** Runs the demo session: each step shown after a `$ ` prompt, then its output. */
async function runDemoScript(bash: Bash, json: boolean): Promise<number> {
  let status = 0;
  const log: CliExecResult[] = [];
  for (const step of DEMO_STEPS) {
    if (!json) process.stdout.write(`\n$ ${step}\n`);
    const r = await runStreaming(bash, step, { json });
    log.push({ ...r, stdout: `$ ${step}\n${r.stdout}` });
    status = r.exitCode;
  }
  if (json) {
    printJson({
      stdout: log.map((r) => r.stdout).join(""),
      stderr: log.map((r) => r.stderr).join(""),
      exitCode: status,
    });
  }
  return status;
}

async function main(argv: string[]): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`sandbash: ${e.message}\nTry 'sandbash --help' for more information.\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (opts.version) {
    process.stdout.write(`sandbash ${VERSION}\n`);
    return 0;
  }

  let script: string | undefined = opts.command;
  if (opts.file !== undefined) {
    try {
      script = decodeUtf8(new Uint8Array(await readFile(opts.file)));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      process.stderr.write(`sandbash: ${opts.file}: ${code === "ENOENT" ? "No such file or directory" : (e as Error).message}\n`);
      return 127;
    }
  }

  let bash: Bash;
  try {
    bash = await createSession(opts);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`sandbash: ${e.message}\n`);
    return 2;
  }
  const interactive = process.stdin.isTTY === true;

  if (script === undefined) {
    if (interactive) return runRepl(bash, opts.demo ? DEMO_BANNER : undefined);
    if (opts.demo) return runDemoScript(bash, opts.json);
    script = await readStdin();
    const r = await runStreaming(bash, script, { json: opts.json });
    if (opts.json) printJson(r);
    return r.exitCode;
  }

  // The script reads our stdin when it is piped; a terminal is not read (no job control).
  const stdin = interactive ? "" : await readStdin();
  let run: string;
  if (opts.file !== undefined) {
    await placeScriptFile(bash, opts.file, script);
    run = `bash ${quote(["--", opts.file, ...opts.args])}`;
  } else run = wrapScript(script, opts.name, opts.args);
  const r = await runStreaming(bash, run, { stdin, json: opts.json });
  if (opts.json) printJson(r);
  return r.exitCode;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(`sandbash: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
