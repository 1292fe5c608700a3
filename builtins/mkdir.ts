import type { CommandDef } from "./types.js";
import { parseOptions } from "./_lib/options.js";
import { compileMode, applyMode } from "./_lib/mode.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { isFsError } from "../src/fs/types.js";
import { dirname } from "../src/fs/path.js";

/** mkdir (GNU coreutils 9.1): -p parents, -m MODE, -v. */

const HELP = `Usage: mkdir [OPTION]... DIRECTORY...
Create the DIRECTORY(ies), if they do not already exist.

  -m, --mode=MODE   set file mode (as in chmod), not a=rwx - umask
  -p, --parents     no error if existing, make parent directories as needed,
                    with their file modes unaffected by any -m option.
  -v, --verbose     print a message for each created directory
`;

export const mkdir: CommandDef = {
  name: "mkdir",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        mode: { short: "m", long: "mode", arg: "required" },
        parents: { short: "p", long: "parents" },
        verbose: { short: "v", long: "verbose" },
        context: { short: "Z", long: "context", arg: "optional" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    if (opts.operands.length === 0) {
      ctx.stderr.write("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
      return 1;
    }
    let mode = 0o777 & ~ctx.umask;
    const modeText = opts.get("mode");
    if (modeText !== undefined) {
      const changes = compileMode(modeText);
      if (!changes) {
        ctx.stderr.write(`mkdir: invalid mode ${quoteValue(modeText)}\n`);
        return 1;
      }
      mode = applyMode(0o777, true, ctx.umask, changes);
    }
    const parents = opts.has("parents");
    const verbose = opts.has("verbose");
    let status = 0;
    const created = (name: string) => {
      if (verbose) ctx.stdout.write(`mkdir: created directory ${quoteAlways(name)}\n`);
    };
    for (const operand of opts.operands) {
      ctx.budget.step();
      try {
        if (parents) await makeParents(operand);
        else {
          await ctx.fs.mkdir(ctx.resolve(operand), { mode });
          if (modeText !== undefined) await ctx.fs.chmod(ctx.resolve(operand), mode);
          created(operand);
        }
      } catch (e) {
        if (!(e instanceof MkdirFailure) && !isFsError(e)) throw e;
        const where = e instanceof MkdirFailure ? e.dir : operand;
        ctx.stderr.write(`mkdir: cannot create directory ${quoteValue(where)}: ${e.message}\n`);
        status = 1;
      }
    }
    return status;

    /** Creates each missing component, reporting the one that fails (GNU make_dir_parents). */
    async function makeParents(operand: string): Promise<void> {
      const chain: string[] = [];
      for (let p = operand.replace(/\/+$/, "") || operand; ; p = dirname(p)) {
        chain.unshift(p);
        if (p === "." || p === "/" || dirname(p) === p) break;
      }
      const parentMode = (0o777 & ~ctx.umask) | 0o300;
      for (let i = 0; i < chain.length; i++) {
        const name = chain[i];
        const last = i === chain.length - 1;
        const path = ctx.resolve(name);
        try {
          const st = await ctx.fs.stat(path);
          if (st.type === "directory") continue;
          throw new MkdirFailure(name, last ? "File exists" : "Not a directory");
        } catch (e) {
          if (e instanceof MkdirFailure) throw e;
          if (!isFsError(e, "ENOENT")) {
            if (isFsError(e)) throw new MkdirFailure(name, e.message);
            throw e;
          }
        }
        try {
          await ctx.fs.mkdir(path, { mode: last ? mode : parentMode });
          if (last && modeText !== undefined) await ctx.fs.chmod(path, mode);
        } catch (e) {
          if (isFsError(e)) throw new MkdirFailure(name, e.message);
          throw e;
        }
        created(name);
      }
    }
  },
};

class MkdirFailure extends Error {
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(message);
  }
}
