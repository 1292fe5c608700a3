import type { CommandContext, CommandDef } from "./types.js";
import type { FileStat } from "../src/fs/types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { applyMode, compileMode, permissionString, type CompiledMode } from "./_lib/mode.js";
import { quoteAlways, quoteFile, quoteValue } from "./_lib/quote.js";

/** chmod (GNU coreutils 9.1): octal and symbolic modes, -R -v -c -f --reference. */

const HELP = `Usage: chmod [OPTION]... MODE[,MODE]... FILE...
  or:  chmod [OPTION]... OCTAL-MODE FILE...
  or:  chmod [OPTION]... --reference=RFILE FILE...
Change the mode of each FILE to MODE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
      --reference=RFILE  use RFILE's mode instead of MODE values
  -R, --recursive        change files and directories recursively
`;

/** "-w", "-x,+r": a mode that getopt would otherwise read as options. */
const DASH_MODE = /^-[rwxXstugoa,+=0-7-]+$/;

interface ChmodRun {
  ctx: CommandContext;
  changes: CompiledMode | null;
  refMode: number;
  verbose: "none" | "changes" | "all";
  quiet: boolean;
  recursive: boolean;
  diagnose: boolean;
  status: number;
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, "0");
}

async function change(r: ChmodRun, name: string, st: FileStat): Promise<void> {
  const { ctx } = r;
  const isDir = st.type === "directory";
  const old = st.mode & 0o7777;
  const mode = r.changes ? applyMode(old, isDir, ctx.umask, r.changes) : r.refMode;
  let failed = false;
  if (mode !== old) {
    try {
      await ctx.fs.chmod(ctx.resolve(name), mode);
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (!r.quiet) ctx.stderr.write(`chmod: changing permissions of ${quoteAlways(name)}: ${e.message}\n`);
      r.status = 1;
      failed = true;
    }
  }
  if (!failed && (r.verbose === "all" || (r.verbose === "changes" && mode !== old))) {
    const q = quoteAlways(name);
    ctx.stdout.write(
      mode === old
        ? `mode of ${q} retained as ${octal(old)} (${permissionString(old)})\n`
        : `mode of ${q} changed from ${octal(old)} (${permissionString(old)}) to ${octal(mode)} (${permissionString(mode)})\n`,
    );
  }
  if (!failed && r.diagnose && r.changes) {
    const naive = applyMode(old, isDir, 0, r.changes);
    if (mode & ~naive) {
      ctx.stderr.write(`chmod: ${quoteFile(name)}: new permissions are ${permissionString(mode)}, not ${permissionString(naive)}\n`);
      r.status = 1;
    }
  }
}

async function walk(r: ChmodRun, name: string, top: boolean): Promise<void> {
  const { ctx } = r;
  ctx.budget.step();
  const path = ctx.resolve(name);
  let st: FileStat;
  try {
    const l = await ctx.fs.lstat(path);
    if (l.type === "symlink" && !top) {
      if (r.verbose === "all") ctx.stdout.write(`neither symbolic link ${quoteAlways(name)} nor referent has been changed\n`);
      return;
    }
    st = l.type === "symlink" ? await ctx.fs.stat(path) : l;
  } catch (e) {
    if (!isFsError(e)) throw e;
    if (!r.quiet) ctx.stderr.write(`chmod: cannot access ${quoteAlways(name)}: ${e.message}\n`);
    r.status = 1;
    return;
  }
  await change(r, name, st);
  if (!r.recursive || st.type !== "directory") return;
  let entries;
  try {
    entries = await ctx.fs.readdir(path);
  } catch (e) {
    if (!isFsError(e)) throw e;
    if (!r.quiet) ctx.stderr.write(`chmod: cannot read directory ${quoteAlways(name)}: ${e.message}\n`);
    r.status = 1;
    return;
  }
  for (const e of entries) await walk(r, name.endsWith("/") ? name + e.name : name + "/" + e.name, false);
}

export const chmod: CommandDef = {
  name: "chmod",
  help: HELP,
  async run(ctx) {
    let dashMode: string | undefined;
    const args: string[] = [];
    let ended = false;
    for (const a of ctx.args) {
      if (a === "--") ended = true;
      if (!ended && dashMode === undefined && DASH_MODE.test(a) && a !== "--") dashMode = a;
      else args.push(a);
    }
    const opts = parseOptions(
      ctx,
      {
        changes: { short: "c", long: "changes" },
        quiet: { short: "f", long: ["silent", "quiet"] },
        verbose: { short: "v", long: "verbose" },
        noPreserveRoot: { long: "no-preserve-root" },
        preserveRoot: { long: "preserve-root" },
        reference: { long: "reference", arg: "required" },
        recursive: { short: "R", long: "recursive" },
      },
      { help: HELP },
      args,
    );
    if (typeof opts === "number") return opts;
    const operands = [...opts.operands];
    const ref = opts.get("reference");
    let modeText = dashMode;
    if (modeText === undefined && ref === undefined) modeText = operands.shift();
    if ((modeText === undefined && ref === undefined) || operands.length === 0) {
      if (modeText === undefined && ref === undefined) usageError(ctx, "missing operand");
      else usageError(ctx, `missing operand after ${quoteValue(modeText ?? ref!)}`);
      return 1;
    }
    const r: ChmodRun = {
      ctx,
      changes: null,
      refMode: 0,
      verbose: opts.has("verbose") ? "all" : opts.has("changes") ? "changes" : "none",
      quiet: opts.has("quiet"),
      recursive: opts.has("recursive"),
      diagnose: dashMode !== undefined,
      status: 0,
    };
    if (ref !== undefined) {
      try {
        r.refMode = (await ctx.fs.stat(ctx.resolve(ref))).mode & 0o7777;
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`chmod: failed to get attributes of ${quoteAlways(ref)}: ${e.message}\n`);
        return 1;
      }
    } else {
      r.changes = compileMode(modeText!);
      if (!r.changes) {
        usageError(ctx, `invalid mode: ${quoteValue(modeText!)}`);
        return 1;
      }
    }
    for (const name of operands) {
      if (r.recursive && !opts.has("noPreserveRoot") && opts.has("preserveRoot") && ctx.resolve(name) === "/") {
        ctx.stderr.write("chmod: it is dangerous to operate recursively on '/'\nchmod: use --no-preserve-root to override this failsafe\n");
        r.status = 1;
        continue;
      }
      await walk(r, name, true);
    }
    return r.status;
  },
};
