import type { CommandDef } from "./types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions } from "./_lib/options.js";
import { quoteAlways } from "./_lib/quote.js";

/** sync (GNU coreutils 9.1): nothing to flush in memory; named files must exist. */

const HELP = `Usage: sync [OPTION] [FILE]...
Synchronize cached writes to persistent storage

  -d, --data             sync only file data, no unneeded metadata
  -f, --file-system      sync the file systems that contain the files
`;

export const sync: CommandDef = {
  name: "sync",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(ctx, { data: { short: "d", long: "data" }, fs: { short: "f", long: "file-system" } }, { help: HELP });
    if (typeof opts === "number") return opts;
    if (opts.has("data") && opts.has("fs")) {
      ctx.stderr.write("sync: cannot specify both --data and --file-system\n");
      return 1;
    }
    if (opts.has("data") && opts.operands.length === 0) {
      ctx.stderr.write("sync: --data needs at least one argument\n");
      return 1;
    }
    let status = 0;
    for (const name of opts.operands) {
      try {
        await ctx.fs.stat(ctx.resolve(name));
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`sync: error opening ${quoteAlways(name)}: ${e.message}\n`);
        status = 1;
      }
    }
    return status;
  },
};
