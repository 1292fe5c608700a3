import type { CommandDef } from "./types.js";
import { parseOptions } from "./_lib/options.js";
import { quoteAlways } from "./_lib/quote.js";
import { FsError, isFsError } from "../src/fs/types.js";
import { dirname } from "../src/fs/path.js";

/** rmdir (GNU coreutils 9.1): -p, -v, --ignore-fail-on-non-empty. */

const HELP = `Usage: rmdir [OPTION]... DIRECTORY...
Remove the DIRECTORY(ies), if they are empty.

      --ignore-fail-on-non-empty
                    ignore each failure to remove a non-empty directory
  -p, --parents     remove DIRECTORY and its ancestors
  -v, --verbose     output a diagnostic for every directory processed
`;

export const rmdir: CommandDef = {
  name: "rmdir",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        ignore: { long: "ignore-fail-on-non-empty" },
        parents: { short: "p", long: "parents" },
        verbose: { short: "v", long: "verbose" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    if (opts.operands.length === 0) {
      ctx.stderr.write("rmdir: missing operand\nTry 'rmdir --help' for more information.\n");
      return 1;
    }
    const ignoreNonEmpty = opts.has("ignore");
    let status = 0;
    /** Removes one directory; false when it failed (reported unless ignorable). */
    const remove = async (name: string, ancestor: boolean): Promise<boolean> => {
      if (opts.has("verbose")) ctx.stdout.write(`rmdir: removing directory, ${quoteAlways(name)}\n`);
      try {
        // rmdir(2) refuses a path ending in "." (EINVAL) before looking further.
        if (/(^|\/)\.\/*$/.test(name)) throw new FsError("EINVAL", ctx.resolve(name), "rmdir");
        await ctx.fs.rmdir(ctx.resolve(name));
        return true;
      } catch (e) {
        if (!isFsError(e)) throw e;
        if (ignoreNonEmpty && (e.code === "ENOTEMPTY" || e.code === "EEXIST")) return false;
        const what = ancestor ? "directory " : "";
        ctx.stderr.write(`rmdir: failed to remove ${what}${quoteAlways(name)}: ${e.message}\n`);
        status = 1;
        return false;
      }
    };
    for (const operand of opts.operands) {
      ctx.budget.step();
      if (!(await remove(operand, false)) || !opts.has("parents")) continue;
      let p = operand.replace(/\/+$/, "");
      for (;;) {
        p = dirname(p).replace(/\/+$/, "");
        if (p === "." || p === "" || p === "/") break;
        if (!(await remove(p, true))) break;
      }
    }
    return status;
  },
};
