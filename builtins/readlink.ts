import type { CommandDef } from "./types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { quoteFile } from "./_lib/quote.js";
import { canonicalize, type CanonMode } from "./_lib/canonicalize.js";

/** readlink (GNU coreutils 9.1): the target of a symlink, or a canonical name with -f -e -m. */

const HELP = `Usage: readlink [OPTION]... FILE...
Print value of a symbolic link or canonical file name

  -f, --canonicalize            canonicalize by following every symlink in
                                every component of the given name recursively;
                                all but the last component must exist
  -e, --canonicalize-existing   canonicalize by following every symlink in
                                every component of the given name recursively,
                                all components must exist
  -m, --canonicalize-missing    canonicalize by following every symlink in
                                every component of the given name recursively,
                                without requirements on components existence
  -n, --no-newline              do not output the trailing delimiter
  -q, --quiet
  -s, --silent                  suppress most error messages (on by default)
  -v, --verbose                 report error messages
  -z, --zero                    end each output line with NUL, not newline
`;

export const readlink: CommandDef = {
  name: "readlink",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        f: { short: "f", long: "canonicalize" },
        e: { short: "e", long: "canonicalize-existing" },
        m: { short: "m", long: "canonicalize-missing" },
        n: { short: "n", long: "no-newline" },
        q: { short: "q", long: "quiet" },
        s: { short: "s", long: "silent" },
        v: { short: "v", long: "verbose" },
        z: { short: "z", long: "zero" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    let mode: CanonMode | null = null;
    let verbose = false;
    for (const { key } of opts.order) {
      if (key === "f") mode = "allButLast";
      else if (key === "e") mode = "existing";
      else if (key === "m") mode = "missing";
      else if (key === "v") verbose = true;
      else if (key === "q" || key === "s") verbose = false;
    }
    const names = opts.operands;
    if (names.length === 0) {
      usageError(ctx, "missing operand");
      return 1;
    }
    let noNewline = opts.has("n");
    if (noNewline && names.length > 1) {
      ctx.stderr.write("readlink: ignoring --no-newline with multiple arguments\n");
      noNewline = false;
    }
    const end = opts.has("z") ? "\0" : noNewline ? "" : "\n";
    let status = 0;
    for (const name of names) {
      try {
        const value = mode ? await canonicalize(ctx, name, mode) : await ctx.fs.readlink(ctx.resolve(name));
        ctx.stdout.write(value + end);
      } catch (e) {
        if (!isFsError(e)) throw e;
        if (verbose) ctx.stderr.write(`readlink: ${quoteFile(name)}: ${e.message}\n`);
        status = 1;
      }
    }
    return status;
  },
};
