import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { readInput } from "./_lib/input.js";
import { decodeUtf8, encodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";
import { dirname, basename } from "../src/fs/path.js";
import { parseScript, SedScriptError, type ScriptPiece } from "./sed/parse.js";
import { DebugPrinter } from "./sed/debug.js";
import { SedMachine, SedRuntimeError } from "./sed/exec.js";
import { SedInput } from "./sed/input.js";
import { SedOutput } from "./sed/output.js";
import { SED_HELP, SED_VERSION } from "./sed/help.js";
import type { Script } from "./sed/types.js";

/**
 * sed (GNU sed 4.9): every command and address form, -n -e -f -E/-r -s -z
 * -i[SUFFIX] -l N -u --posix --sandbox --debug (sed/debug.ts). Streams line by line
 * with one line of look-ahead, so `yes | sed 5q` ends at once. In-place
 * editing writes a temporary file beside the original and renames it over.
 */

const SPEC: OptionSpec = {
  quiet: { short: "n", long: ["quiet", "silent"] },
  expression: { short: "e", long: "expression", arg: "required" },
  file: { short: "f", long: "file", arg: "required" },
  extended: { short: "E", long: "regexp-extended" },
  r: { short: "r" },
  inPlace: { short: "i", long: "in-place", arg: "optional" },
  separate: { short: "s", long: "separate" },
  nullData: { short: "z", long: ["null-data", "zero-terminated"] },
  unbuffered: { short: "u", long: "unbuffered" },
  lineLength: { short: "l", long: "line-length", arg: "required" },
  posix: { long: "posix" },
  debug: { long: "debug" },
  sandbox: { long: "sandbox" },
  followSymlinks: { long: "follow-symlinks" },
  binary: { short: "b", long: "binary" },
  help: { long: "help" },
  version: { long: "version" },
};

const USAGE_AFTER_ERROR = SED_HELP.replace(/E-mail bug reports to: .*\n$/, "");

async function run(ctx: CommandContext): Promise<number> {
  // A usage error is GNU sed's one line and its usage text (no "Try ..." hint).
  const report = (message: string) => {
    ctx.stderr.write(`${ctx.name}: ${message}\n${USAGE_AFTER_ERROR}`);
    return 1;
  };
  const opts = parseOptions(ctx, SPEC, { usageStatus: 1, report });
  if (typeof opts === "number") return opts;
  if (opts.has("help")) {
    await ctx.stdout.write(SED_HELP);
    return 0;
  }
  if (opts.has("version")) {
    await ctx.stdout.write(SED_VERSION);
    return 0;
  }
  const pieces: ScriptPiece[] = [];
  let e = 0;
  for (const { key, value } of opts.order) {
    if (key === "expression") pieces.push({ text: value as string, origin: { e: ++e } });
    if (key === "file") {
      try {
        let text = decodeUtf8(await readInput(ctx, value as string));
        if (text.endsWith("\n")) text = text.slice(0, -1);
        pieces.push({ text, origin: { file: value as string } });
      } catch (err) {
        if (!isFsError(err)) throw err;
        ctx.stderr.write(`sed: couldn't open file ${value}: ${err.message}\n`);
        return 4;
      }
    }
  }
  const operands = [...opts.operands];
  if (pieces.length === 0) {
    if (operands.length === 0) {
      ctx.stderr.write(USAGE_AFTER_ERROR);
      return 1;
    }
    pieces.push({ text: operands.shift()!, origin: { e: 1 } });
  }
  let script: Script;
  try {
    script = parseScript(pieces, {
      extended: opts.has("extended") || opts.has("r"),
      posix: opts.has("posix"),
      sandbox: opts.has("sandbox"),
      budget: ctx.budget,
    });
  } catch (err) {
    if (err instanceof SedScriptError) {
      ctx.stderr.write(`sed: ${err.message}\n`);
      return err.status;
    }
    throw err;
  }
  const nullData = opts.has("nullData");
  const inPlace = opts.has("inPlace");
  const lineWrap = Number(opts.get("lineLength") ?? 70);
  const settings = {
    quiet: opts.has("quiet") || script.quietFromScript,
    lineWrap: Number.isFinite(lineWrap) ? lineWrap : 70,
    nullData,
    posix: opts.has("posix"),
    debug: opts.has("debug") ? new DebugPrinter() : undefined,
  };
  const nl = nullData ? "\0" : "\n";
  const stdout = new SedOutput(ctx.stdout, nl);
  const machine = new SedMachine(ctx, script, settings, stdout, stdout);
  if (settings.debug) await stdout.debug(settings.debug.program(script.commands));
  if (inPlace && operands.length === 0) {
    ctx.stderr.write("sed: no input files\n");
    return 4;
  }
  const files = operands.length > 0 ? operands : ["-"];
  const delim = nullData ? 0 : 10;
  let failed = false;
  try {
    if (inPlace) {
      const suffix = opts.get("inPlace") ?? "";
      for (let i = 0; i < files.length && machine.exitCode === null; i++) {
        failed = (await editInPlace(ctx, machine, files, i, suffix, nl, delim)) || failed;
      }
    } else if (opts.has("separate")) {
      for (let i = 0; i < files.length && machine.exitCode === null; i++) {
        const input = new SedInput(ctx, files, delim, i);
        await machine.run(input, stdout);
        failed ||= input.failed;
      }
    } else {
      const input = new SedInput(ctx, files, delim);
      await machine.run(input, stdout);
      failed = input.failed;
    }
  } catch (err) {
    if (err instanceof SedRuntimeError) {
      await stdout.flush();
      ctx.stderr.write(`sed: ${err.message}\n`);
      return err.status;
    }
    throw err;
  } finally {
    await stdout.flush();
  }
  await writeWFiles(ctx, machine);
  if (machine.exitCode !== null && machine.exitCode !== 0) return machine.exitCode;
  return failed ? 2 : 0;
}

/** Runs the script over one file and replaces the file with the output. Returns true on failure. */
async function editInPlace(
  ctx: CommandContext,
  machine: SedMachine,
  files: string[],
  index: number,
  suffix: string,
  nl: string,
  delim: number,
): Promise<boolean> {
  const operand = files[index];
  const path = ctx.resolve(operand);
  const input = new SedInput(ctx, files, delim, index, true);
  const out = new SedOutput(null, nl);
  await machine.run(input, out);
  if (input.failed) return true;
  const data = encodeUtf8(out.chunks.join(""));
  if (suffix !== "") {
    const name = basename(path);
    const backup = suffix.includes("*") ? suffix.replace(/\*/g, name) : name + suffix;
    const backupPath = backup.includes("/") ? ctx.resolve(backup) : `${dirname(path)}/${backup}`;
    await ctx.fs.writeFile(backupPath, await ctx.fs.readFile(path));
  }
  const st = await ctx.fs.stat(path);
  const tmp = `${dirname(path)}/.sed${ctx.sandbox.random().toString(36).slice(2, 8)}`;
  await ctx.fs.writeFile(tmp, data, { mode: st.mode });
  await ctx.fs.chmod(tmp, st.mode);
  await ctx.fs.rename(tmp, path);
  return false;
}

async function writeWFiles(ctx: CommandContext, machine: SedMachine): Promise<void> {
  for (const [name, out] of machine.wfiles) {
    if (name === "/dev/stdout" || name === "/dev/stderr") continue;
    await ctx.fs.writeFile(ctx.resolve(name), encodeUtf8(out.chunks.join("")));
  }
}

export const sed: CommandDef = { name: "sed", help: SED_HELP, run };
