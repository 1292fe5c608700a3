import type { CommandDef } from "./types.js";
import type { FileStat } from "../src/fs/types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions } from "./_lib/options.js";
import { quoteAlways, quoteFile } from "./_lib/quote.js";
import { intoDir } from "./_lib/targets.js";
import { usageError } from "./_lib/options.js";
import { dirname } from "../src/fs/path.js";
import { canonicalize, relativePath } from "./_lib/canonicalize.js";
import { isYes, lineAsker } from "./_lib/prompt.js";

/** ln (GNU coreutils 9.1): -s -f -i -n -r -T -t -v -b -L -P. */

const HELP = `Usage: ln [OPTION]... [-T] TARGET LINK_NAME
  or:  ln [OPTION]... TARGET
  or:  ln [OPTION]... TARGET... DIRECTORY
  or:  ln [OPTION]... -t DIRECTORY TARGET...
Create hard links by default, symbolic links with --symbolic.

  -b                          make a backup of each existing destination file
  -f, --force                 remove existing destination files
  -i, --interactive           prompt whether to remove destinations
  -n, --no-dereference        treat LINK_NAME as a normal file if
                                it is a symbolic link to a directory
  -r, --relative              with -s, create links relative to link location
  -s, --symbolic              make symbolic links instead of hard links
  -t, --target-directory=DIRECTORY  specify the DIRECTORY in which to create
                                the links
  -T, --no-target-directory   treat LINK_NAME as a normal file always
  -v, --verbose               print name of each linked file
`;

export const ln: CommandDef = {
  name: "ln",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        backup: { long: "backup", arg: "optional" },
        b: { short: "b" },
        directory: { short: "d", long: ["directory"] },
        F: { short: "F" },
        force: { short: "f", long: "force" },
        interactive: { short: "i", long: "interactive" },
        logical: { short: "L", long: "logical" },
        noDeref: { short: "n", long: "no-dereference" },
        physical: { short: "P", long: "physical" },
        relative: { short: "r", long: "relative" },
        symbolic: { short: "s", long: "symbolic" },
        suffix: { short: "S", long: "suffix", arg: "required" },
        targetDir: { short: "t", long: "target-directory", arg: "required" },
        noTargetDir: { short: "T", long: "no-target-directory" },
        verbose: { short: "v", long: "verbose" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    const symbolic = opts.has("symbolic");
    const force = opts.has("force");
    const interactive = opts.has("interactive");
    const noDeref = opts.has("noDeref");
    const backup = opts.has("b") || opts.has("backup");
    const suffix = opts.get("suffix") ?? ctx.env.get("SIMPLE_BACKUP_SUFFIX") ?? "~";
    if (opts.has("relative") && !symbolic) {
      ctx.stderr.write("ln: cannot do --relative without --symbolic\n");
      return 1;
    }
    const operands = opts.operands;
    const targetDir = opts.get("targetDir");
    let pairs: Array<[string, string]>;
    const isDirName = async (p: string) => {
      try {
        const path = ctx.resolve(p);
        const l = await ctx.fs.lstat(path);
        if (l.type === "symlink" && noDeref) return false;
        return (await ctx.fs.stat(path)).type === "directory";
      } catch {
        return false;
      }
    };
    if (targetDir !== undefined) {
      if (!(await isDirName(targetDir))) {
        ctx.stderr.write(`ln: failed to access ${quoteAlways(targetDir)}: No such file or directory\n`);
        return 1;
      }
      pairs = operands.map((t) => [t, intoDir(targetDir, t)]);
    } else if (operands.length === 0) {
      usageError(ctx, "missing file operand");
      return 1;
    } else if (operands.length === 1) {
      pairs = [[operands[0], intoDir(".", operands[0])]];
    } else {
      const last = operands[operands.length - 1];
      if (!opts.has("noTargetDir") && (await isDirName(last))) {
        pairs = operands.slice(0, -1).map((t) => [t, intoDir(last, t)]);
      } else if (operands.length > 2) {
        if (opts.has("noTargetDir")) usageError(ctx, `extra operand ${quoteAlways(operands[2])}`);
        else {
          const exists = await ctx.fs.exists(ctx.resolve(last));
          ctx.stderr.write(`ln: target ${quoteAlways(last)}: ${exists ? "Not a directory" : "No such file or directory"}\n`);
        }
        return 1;
      } else pairs = [[operands[0], last]];
    }
    const ask = lineAsker(ctx.stdin);
    let status = 0;
    for (const [target, link] of pairs) {
      ctx.budget.step();
      const linkPath = ctx.resolve(link);
      let targetSt: FileStat | null = null;
      if (!symbolic) {
        try {
          targetSt = opts.has("logical") ? await ctx.fs.stat(ctx.resolve(target)) : await ctx.fs.lstat(ctx.resolve(target));
        } catch (e) {
          if (!isFsError(e)) throw e;
          ctx.stderr.write(`ln: failed to access ${quoteAlways(target)}: ${e.message}\n`);
          status = 1;
          continue;
        }
        if (targetSt.type === "directory") {
          ctx.stderr.write(`ln: ${quoteFile(target)}: hard link not allowed for directory\n`);
          status = 1;
          continue;
        }
      }
      let existing: FileStat | null = null;
      try {
        existing = await ctx.fs.lstat(linkPath);
      } catch {
        existing = null;
      }
      let backupName: string | null = null;
      try {
        if (existing) {
          if (targetSt && existing.ino === targetSt.ino) {
            ctx.stderr.write(`ln: ${quoteAlways(target)} and ${quoteAlways(link)} are the same file\n`);
            status = 1;
            continue;
          }
          if (interactive) {
            await ctx.stderr.write(`ln: replace ${quoteAlways(link)}? `);
            if (!isYes(await ask())) continue;
          }
          if (backup) {
            backupName = link + suffix;
            await ctx.fs.rename(linkPath, ctx.resolve(backupName));
          } else if (force || interactive) {
            if (existing.type === "directory") {
              ctx.stderr.write(`ln: ${quoteAlways(link)}: cannot overwrite directory\n`);
              status = 1;
              continue;
            }
            await ctx.fs.unlink(linkPath);
          }
        }
        if (symbolic) {
          let content = target;
          if (opts.has("relative")) {
            const from = await canonicalize(ctx, dirname(link), "missing");
            content = relativePath(from, await canonicalize(ctx, target, "missing"));
          }
          await ctx.fs.symlink(content, linkPath);
        } else {
          await ctx.fs.link(ctx.resolve(target), linkPath);
        }
      } catch (e) {
        if (!isFsError(e)) throw e;
        const kind = symbolic ? "symbolic" : "hard";
        ctx.stderr.write(`ln: failed to create ${kind} link ${quoteAlways(link)}: ${e.message}\n`);
        status = 1;
        continue;
      }
      if (opts.has("verbose")) {
        const pre = backupName ? `${quoteAlways(backupName)} ~ ` : "";
        ctx.stdout.write(`${pre}${quoteAlways(link)} ${symbolic ? "->" : "=>"} ${quoteAlways(target)}\n`);
      }
    }
    return status;
  },
};
