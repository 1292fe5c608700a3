import type { CommandContext, CommandDef } from "./types.js";
import type { FileStat } from "../src/fs/types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { applyMode, compileMode } from "./_lib/mode.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { resolveTargets, intoDir } from "./_lib/targets.js";
import { lookupGroup, lookupUser } from "./_lib/owner.js";
import { dirname } from "../src/fs/path.js";

/** install (GNU coreutils 9.1, basic): copy with mode 755, -d -D -m -v -t -T -p -C, -o/-g for the sandbox ids. */

const HELP = `Usage: install [OPTION]... [-T] SOURCE DEST
  or:  install [OPTION]... SOURCE... DIRECTORY
  or:  install [OPTION]... -t DIRECTORY SOURCE...
  or:  install [OPTION]... -d DIRECTORY...

  -C, --compare       compare content of source and destination files, and
                        if no change to content, ownership, and permissions,
                        do not modify the destination at all
  -d, --directory     treat all arguments as directory names; create all
                        components of the specified directories
  -D                  create all leading components of DEST except the last,
                        or all components of --target-directory,
                        then copy SOURCE to DEST
  -g, --group=GROUP   set group ownership, instead of process' current group
  -m, --mode=MODE     set permission mode (as in chmod), instead of rwxr-xr-x
  -o, --owner=OWNER   set ownership (super-user only)
  -p, --preserve-timestamps   apply access/modification times of SOURCE files
                        to corresponding destination files
  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY
  -T, --no-target-directory  treat DEST as a normal file
  -v, --verbose       print the name of each directory as it is created
`;

async function makeDirs(ctx: CommandContext, name: string, mode: number, verbose: boolean): Promise<void> {
  const parts = name.split("/");
  let prefix = name.startsWith("/") ? "" : undefined;
  for (const part of parts) {
    if (part === "") continue;
    prefix = prefix === undefined ? part : prefix + "/" + part;
    const path = ctx.resolve(prefix);
    try {
      const st = await ctx.fs.stat(path);
      if (st.type === "directory") continue;
    } catch (e) {
      if (!isFsError(e, "ENOENT")) throw e;
    }
    await ctx.fs.mkdir(path, { mode });
    await ctx.fs.chmod(path, mode);
    if (verbose) ctx.stdout.write(`install: creating directory ${quoteAlways(prefix)}\n`);
  }
}

export const install: CommandDef = {
  name: "install",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        backup: { long: "backup", arg: "optional" },
        b: { short: "b" },
        c: { short: "c" },
        compare: { short: "C", long: "compare" },
        directory: { short: "d", long: "directory" },
        D: { short: "D" },
        group: { short: "g", long: "group", arg: "required" },
        mode: { short: "m", long: "mode", arg: "required" },
        owner: { short: "o", long: "owner", arg: "required" },
        preserve: { short: "p", long: "preserve-timestamps" },
        strip: { short: "s", long: "strip" },
        stripProgram: { long: "strip-program", arg: "required" },
        suffix: { short: "S", long: "suffix", arg: "required" },
        targetDir: { short: "t", long: "target-directory", arg: "required" },
        noTargetDir: { short: "T", long: "no-target-directory" },
        verbose: { short: "v", long: "verbose" },
        context: { short: "Z", long: "context", arg: "optional" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    let mode = 0o755;
    const modeText = opts.get("mode");
    if (modeText !== undefined) {
      const changes = compileMode(modeText);
      if (!changes) {
        ctx.stderr.write(`install: invalid mode ${quoteValue(modeText)}\n`);
        return 1;
      }
      mode = applyMode(0o777, false, 0, changes);
    }
    const owner = opts.get("owner");
    if (owner !== undefined && lookupUser(ctx, owner) === undefined) {
      ctx.stderr.write(`install: invalid user ${quoteValue(owner)}\n`);
      return 1;
    }
    const group = opts.get("group");
    if (group !== undefined && lookupGroup(ctx, group) === undefined) {
      ctx.stderr.write(`install: invalid group ${quoteValue(group)}\n`);
      return 1;
    }
    const verbose = opts.has("verbose");
    let status = 0;
    if (opts.has("directory")) {
      if (opts.operands.length === 0) {
        usageError(ctx, "missing file operand");
        return 1;
      }
      for (const name of opts.operands) {
        try {
          await makeDirs(ctx, name, mode, verbose);
        } catch (e) {
          if (!isFsError(e)) throw e;
          ctx.stderr.write(`install: cannot create directory ${quoteAlways(name)}: ${e.message}\n`);
          status = 1;
        }
      }
      return status;
    }
    const targetDir = opts.get("targetDir");
    if (opts.has("D") && targetDir !== undefined) await makeDirs(ctx, targetDir, 0o755, verbose);
    if (opts.has("D") && targetDir === undefined && opts.operands.length === 2 && !opts.has("noTargetDir")) {
      const parent = dirname(opts.operands[1]);
      if (parent !== "." && parent !== "/") await makeDirs(ctx, parent, 0o755, verbose);
    }
    const targets = await resolveTargets(ctx, opts.operands, { targetDir, noTargetDir: opts.has("noTargetDir") || opts.has("D") && opts.operands.length === 2 });
    if (typeof targets === "number") return targets;
    const pairs = targets.kind === "single" ? [[targets.source, targets.dest]] : targets.sources.map((s) => [s, intoDir(targets.dir, s)]);
    for (const [src, dst] of pairs) {
      ctx.budget.step();
      let st: FileStat;
      try {
        st = await ctx.fs.stat(ctx.resolve(src));
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`install: cannot stat ${quoteAlways(src)}: ${e.message}\n`);
        status = 1;
        continue;
      }
      if (st.type === "directory") {
        ctx.stderr.write(`install: omitting directory ${quoteAlways(src)}\n`);
        status = 1;
        continue;
      }
      const dstPath = ctx.resolve(dst);
      try {
        const existing = await ctx.fs.stat(dstPath).catch(() => null);
        if (existing?.type === "directory") {
          ctx.stderr.write(`install: cannot overwrite directory ${quoteAlways(dst)} with non-directory\n`);
          status = 1;
          continue;
        }
        const data = await ctx.fs.readFile(ctx.resolve(src));
        if (opts.has("compare") && existing && (existing.mode & 0o7777) === mode) {
          const old = await ctx.fs.readFile(dstPath);
          if (old.length === data.length && old.every((b, i) => b === data[i])) continue;
        }
        if (existing) await ctx.fs.unlink(dstPath);
        await ctx.fs.writeFile(dstPath, data, { mode });
        await ctx.fs.chmod(dstPath, mode);
        if (opts.has("preserve")) await ctx.fs.utimes(dstPath, st.atimeMs, st.mtimeMs);
        if (verbose) ctx.stdout.write(`${quoteAlways(src)} -> ${quoteAlways(dst)}\n`);
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`install: cannot create regular file ${quoteAlways(dst)}: ${e.message}\n`);
        status = 1;
      }
    }
    return status;
  },
};
