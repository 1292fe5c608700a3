import type { CommandDef } from "./types.js";
import type { FileStat } from "../src/fs/types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions } from "./_lib/options.js";
import { quoteAlways } from "./_lib/quote.js";
import { resolveTargets, intoDir } from "./_lib/targets.js";
import { Copier, defaultCopyOptions } from "./_lib/copy.js";
import { isYes, lineAsker } from "./_lib/prompt.js";

/** mv (GNU coreutils 9.1): -f -i -n -u -v -T -t; copies and removes across mounts (EXDEV). */

const HELP = `Usage: mv [OPTION]... [-T] SOURCE DEST
  or:  mv [OPTION]... SOURCE... DIRECTORY
  or:  mv [OPTION]... -t DIRECTORY SOURCE...
Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.

  -f, --force                  do not prompt before overwriting
  -i, --interactive            prompt before overwrite
  -n, --no-clobber             do not overwrite an existing file
  -t, --target-directory=DIRECTORY  move all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -u, --update                 move only when the SOURCE file is newer
  -v, --verbose                explain what is being done
`;

export const mv: CommandDef = {
  name: "mv",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        backup: { long: "backup", arg: "optional" },
        b: { short: "b" },
        force: { short: "f", long: "force" },
        interactive: { short: "i", long: "interactive" },
        noClobber: { short: "n", long: "no-clobber" },
        stripSlashes: { long: "strip-trailing-slashes" },
        suffix: { short: "S", long: "suffix", arg: "required" },
        targetDir: { short: "t", long: "target-directory", arg: "required" },
        noTargetDir: { short: "T", long: "no-target-directory" },
        update: { short: "u", long: "update", arg: "optional" },
        verbose: { short: "v", long: "verbose" },
        context: { short: "Z", long: "context" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    let mode: "force" | "interactive" | "noClobber" = "force";
    for (const { key } of opts.order) {
      if (key === "force" || key === "interactive" || key === "noClobber") mode = key;
    }
    const update = opts.has("update") && opts.get("update") !== "all";
    const verbose = opts.has("verbose");
    const targets = await resolveTargets(ctx, opts.operands, {
      targetDir: opts.get("targetDir"),
      noTargetDir: opts.has("noTargetDir"),
      stripSlashes: opts.has("stripSlashes"),
    });
    if (typeof targets === "number") return targets;
    const pairs =
      targets.kind === "single"
        ? [[targets.source, targets.dest]]
        : targets.sources.map((s) => [s, intoDir(targets.dir, s)]);
    const ask = lineAsker(ctx.stdin);
    let status = 0;
    const fail = (msg: string) => {
      ctx.stderr.write(`mv: ${msg}\n`);
      status = 1;
    };
    for (const [src, dst] of pairs) {
      ctx.budget.step();
      const srcPath = ctx.resolve(src);
      const dstPath = ctx.resolve(dst);
      let st: FileStat;
      try {
        st = await ctx.fs.lstat(srcPath);
      } catch (e) {
        if (!isFsError(e)) throw e;
        fail(`cannot stat ${quoteAlways(src)}: ${e.message}`);
        continue;
      }
      let dstSt: FileStat | null = null;
      try {
        dstSt = await ctx.fs.lstat(dstPath);
      } catch (e) {
        if (!isFsError(e)) throw e;
      }
      if (dstSt) {
        if (dstSt.ino === st.ino || srcPath === dstPath) {
          fail(`${quoteAlways(src)} and ${quoteAlways(dst)} are the same file`);
          continue;
        }
        if (mode === "noClobber") continue;
        if (update && dstSt.mtimeMs >= st.mtimeMs) continue;
        if (st.type === "directory" && dstSt.type !== "directory") {
          fail(`cannot overwrite non-directory ${quoteAlways(dst)} with directory ${quoteAlways(src)}`);
          continue;
        }
        if (st.type !== "directory" && dstSt.type === "directory") {
          fail(`cannot overwrite directory ${quoteAlways(dst)} with non-directory`);
          continue;
        }
        if (mode === "interactive") {
          await ctx.stderr.write(`mv: overwrite ${quoteAlways(dst)}? `);
          if (!isYes(await ask())) continue;
        }
      }
      if (st.type === "directory" && dstPath.startsWith(srcPath === "/" ? "/" : srcPath + "/")) {
        fail(`cannot move ${quoteAlways(src)} to a subdirectory of itself, ${quoteAlways(dst)}`);
        continue;
      }
      try {
        await ctx.fs.rename(srcPath, dstPath);
      } catch (e) {
        if (!isFsError(e)) throw e;
        if (e.code !== "EXDEV") {
          fail(`cannot move ${quoteAlways(src)} to ${quoteAlways(dst)}: ${e.message}`);
          continue;
        }
        // Another filesystem: copy everything, then remove the source.
        const o = defaultCopyOptions();
        o.recursive = true;
        o.dereference = "never";
        o.preserveMode = o.preserveTimes = o.preserveLinks = true;
        o.force = true;
        if (dstSt && dstSt.type !== "directory") await ctx.fs.unlink(dstPath);
        const copier = new Copier(ctx, o);
        if (!(await copier.copy(src, dst))) {
          status = 1;
          continue;
        }
        try {
          await ctx.fs.rm(srcPath, { recursive: true, force: true });
        } catch (re) {
          // GNU keeps the copy and reports the source it could not remove (a read-only mount).
          if (!isFsError(re)) throw re;
          fail(`cannot remove ${quoteAlways(src)}: ${re.message}`);
          continue;
        }
      }
      if (verbose) ctx.stdout.write(`renamed ${quoteAlways(src)} -> ${quoteAlways(dst)}\n`);
    }
    return status;
  },
};
