import { quoteValue } from "../_lib/quote.js";
import { isYes } from "../_lib/prompt.js";
import { dirname } from "../../src/fs/path.js";
import type { FindParser } from "./parse.js";
import type { PrimaryDef } from "./primaries.js";
import { baseName } from "./primaries.js";
import type { FindRun, Test, Visit } from "./types.js";

/**
 * -exec, -execdir, -ok, -okdir: commands run through ctx.exec with find's
 * streams. `{}` is replaced in every argument (`;` form); the `+` form gathers
 * file names into batches that run when they grow large and when find ends.
 */

/** Roughly what fits in one argv on Linux (GNU find sizes batches by ARG_MAX). */
const BATCH_BYTES = 128 * 1024;

interface ExecSpec {
  args: string[];
  batch: boolean;
  inDir: boolean;
  prompt: boolean;
  name: string;
}

function readSpec(p: FindParser, name: string, inDir: boolean, prompt: boolean): ExecSpec {
  const args: string[] = [];
  for (;;) {
    if (p.pos >= p.args.length) p.fail(`missing argument to \`${name}'`);
    const a = p.args[p.pos++];
    if (a === ";") break;
    if (a === "+" && !prompt && args.length > 0 && args[args.length - 1] === "{}") {
      if (args.slice(0, -1).some((x) => x.includes("{}"))) {
        p.fail(`Only one instance of {} is supported with ${name} ... +`);
      }
      if (args.length === 1) p.fail(`missing argument to \`${name}'`);
      return { args: args.slice(0, -1), batch: true, inDir, prompt, name };
    }
    args.push(a);
  }
  if (args.length === 0) p.fail(`missing argument to \`${name}'`);
  return { args, batch: false, inDir, prompt, name };
}

/** Runs argv as find does; false when the command fails or cannot be found. */
async function runCommand(run: FindRun, argv: string[], cwd: string | undefined): Promise<number> {
  const ctx = run.ctx;
  await run.out("");
  await run.flush();
  if (!argv[0].includes("/") && !ctx.hasCommand(argv[0])) {
    // GNU's child fails to exec: the test is false, find's status is unaffected.
    await ctx.stderr.write(`find: ${quoteValue(argv[0])}: No such file or directory\n`);
    return 127;
  }
  return ctx.exec(argv, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, cwd });
}

/** The file name as -execdir passes it: ./base, run in the file's directory. */
function inDirName(v: Visit): { name: string; cwd: string } {
  const base = baseName(v.path).replace(/(.)\/+$/, "$1");
  return { name: base.startsWith("/") ? base : "./" + base, cwd: dirname(v.abs) };
}

/** Asks "< cmd ... file > ? " on stderr and reads one line of stdin. */
async function confirm(run: FindRun, argv0: string, file: string): Promise<boolean> {
  await run.flush();
  await run.ctx.stderr.write(`< ${argv0} ... ${file} > ? `);
  return isYes(await run.readLine());
}

function singleTest(spec: ExecSpec): Test {
  return async (v, run) => {
    const { name, cwd } = spec.inDir ? inDirName(v) : { name: v.path, cwd: undefined };
    const argv = spec.args.map((a) => a.split("{}").join(name));
    if (spec.prompt && !(await confirm(run, argv[0], name))) return false;
    return (await runCommand(run, argv, cwd)) === 0;
  };
}

function batchTest(p: FindParser, spec: ExecSpec): Test {
  let names: string[] = [];
  let bytes = 0;
  let dir: string | undefined;
  const flush = async (run: FindRun) => {
    if (names.length === 0) return;
    const argv = [...spec.args, ...names];
    names = [];
    bytes = 0;
    const status = await runCommand(run, argv, dir);
    if (status !== 0) run.status = 1;
  };
  p.finishers.push({ finish: flush });
  return async (v, run) => {
    const { name, cwd } = spec.inDir ? inDirName(v) : { name: v.path, cwd: undefined };
    if (spec.inDir && dir !== cwd) await flush(run);
    dir = cwd;
    if (bytes + name.length + 1 > BATCH_BYTES) await flush(run);
    names.push(name);
    bytes += name.length + 1;
    return true;
  };
}

function execPrimary(inDir: boolean, prompt: boolean): PrimaryDef {
  return {
    kind: "action",
    parse(p, name) {
      const spec = readSpec(p, name, inDir, prompt);
      return spec.batch ? batchTest(p, spec) : singleTest(spec);
    },
  };
}

export const EXEC_PRIMARIES: Record<string, PrimaryDef> = {
  exec: execPrimary(false, false),
  execdir: execPrimary(true, false),
  ok: execPrimary(false, true),
  okdir: execPrimary(true, true),
};

