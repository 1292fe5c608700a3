import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";
import { isFsError } from "../src/fs/types.js";

/**
 * mktemp (GNU coreutils 9.1): creates a file (0600) or directory (0700) from a
 * template whose last run of at least three X's is replaced with letters and
 * digits drawn from the sandbox's seeded random source; /tmp/tmp.XXXXXXXXXX
 * by default. -u only prints a name that does not exist yet.
 */

const HELP = `Usage: mktemp [OPTION]... [TEMPLATE]
Create a temporary file or directory, safely, and print its name.
TEMPLATE must contain at least 3 consecutive 'X's in last component.
If TEMPLATE is not specified, use tmp.XXXXXXXXXX, and --tmpdir is implied.
Files are created u+rw, and directories u+rwx, minus umask restrictions.
`;

// In GNU's long-option order.
const SPEC: OptionSpec = {
  directory: { short: "d", long: "directory" },
  quiet: { short: "q", long: "quiet" },
  dryRun: { short: "u", long: "dry-run" },
  suffix: { long: "suffix", arg: "required" },
  tmpdir: { long: "tmpdir", arg: "optional" },
  // -p DIR takes its value as a separate word too; --tmpdir[=DIR] only attached.
  p: { short: "p", arg: "required" },
  t: { short: "t" },
};

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/** glibc's gen_tempname gives up after this many names that exist. */
const ATTEMPTS = 62 * 62 * 62;

function fail(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`mktemp: ${message}\n`);
  return 1;
}

/** The template with its suffix split off: [name with X's, suffix]; or an error message. */
function splitTemplate(template: string, suffixOpt: string | undefined): [string, string] | string {
  if (suffixOpt !== undefined) {
    if (!template.endsWith("X")) return `with --suffix, template ${quoteValue(template)} must end in X`;
    return [template, suffixOpt];
  }
  const lastX = template.lastIndexOf("X");
  return lastX < 0 ? [template, ""] : [template.slice(0, lastX + 1), template.slice(lastX + 1)];
}

function dirOf(ctx: CommandContext, given: string | true | undefined): string {
  if (typeof given === "string" && given !== "") return given;
  const env = ctx.env.get("TMPDIR");
  return env ? env : "/tmp";
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  if (opts.operands.length >= 2) {
    ctx.stderr.write("mktemp: too many templates\nTry 'mktemp --help' for more information.\n");
    return 1;
  }
  const quiet = opts.has("quiet");
  let useDir = opts.has("tmpdir") || opts.has("p") || opts.has("t");
  let template = opts.operands[0];
  if (template === undefined) {
    template = "tmp.XXXXXXXXXX";
    useDir = true;
  }
  const split = splitTemplate(template, opts.get("suffix"));
  if (typeof split === "string") return fail(ctx, split);
  const [stem, suffix] = split;
  if (suffix.includes("/")) return fail(ctx, `invalid suffix ${quoteValue(suffix)}, contains directory separator`);
  const xs = /X*$/.exec(stem)![0].length;
  if (xs < 3) return fail(ctx, `too few X's in template ${quoteValue(stem + suffix)}`);
  let full = stem + suffix;
  if (useDir) {
    const given = opts.order.filter((o) => o.key === "tmpdir" || o.key === "p").pop()?.value;
    let dir: string;
    if (opts.has("t")) {
      const env = ctx.env.get("TMPDIR");
      dir = env ? env : typeof given === "string" && given !== "" ? given : "/tmp";
      if (full.includes("/")) return fail(ctx, `invalid template, ${quoteValue(full)}, contains directory separator`);
    } else {
      dir = dirOf(ctx, given);
      if (full.startsWith("/")) return fail(ctx, `invalid template, ${quoteValue(full)}; with --tmpdir, it may not be absolute`);
    }
    full = dir.endsWith("/") ? dir + full : `${dir}/${full}`;
  }
  const head = full.slice(0, full.length - suffix.length - xs);
  const tail = full.slice(full.length - suffix.length);
  const directory = opts.has("directory");
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    ctx.budget.step();
    let random = "";
    for (let i = 0; i < xs; i++) random += LETTERS[Math.floor(ctx.sandbox.random() * LETTERS.length)];
    const name = head + random + tail;
    const path = ctx.resolve(name);
    try {
      if (opts.has("dryRun")) {
        if (await ctx.fs.lstat(path).then(() => true, (e) => (isFsError(e, "ENOENT") ? false : Promise.reject(e)))) continue;
      } else if (directory) {
        await ctx.fs.mkdir(path, { mode: 0o700 & ~ctx.umask });
      } else {
        await ctx.fs.writeFile(path, new Uint8Array(0), { exclusive: true, mode: 0o600 & ~ctx.umask });
      }
    } catch (e) {
      if (isFsError(e, "EEXIST")) continue;
      if (!isFsError(e)) throw e;
      if (quiet) return 1;
      const what = directory ? "directory" : "file";
      return fail(ctx, `failed to create ${what} via template ${quoteValue(full)}: ${e.message}`);
    }
    await ctx.stdout.write(name + "\n");
    return 0;
  }
  if (quiet) return 1;
  return fail(ctx, `failed to create ${directory ? "directory" : "file"} via template ${quoteValue(full)}: File exists`);
}

export const mktemp: CommandDef = { name: "mktemp", help: HELP, run };
