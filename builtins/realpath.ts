import type { CommandDef } from "./types.js";
import { isFsError } from "../src/fs/types.js";
import { normalizePath } from "../src/fs/path.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { quoteFile } from "./_lib/quote.js";
import { canonicalize, relativePath, type CanonMode } from "./_lib/canonicalize.js";

/** realpath (GNU coreutils 9.1): -e -m -s -z -q --relative-to --relative-base. */

const HELP = `Usage: realpath [OPTION]... FILE...
Print the resolved absolute file name;
all but the last component must exist

  -e, --canonicalize-existing  all components of the path must exist
  -m, --canonicalize-missing   no path components need exist or be a directory
  -L, --logical                resolve '..' components before symlinks
  -P, --physical               resolve symlinks as encountered (default)
  -q, --quiet                  suppress most error messages
      --relative-to=DIR        print the resolved path relative to DIR
      --relative-base=DIR      print absolute paths unless paths below DIR
  -s, --strip, --no-symlinks   don't expand symlinks
  -z, --zero                   end each output line with NUL, not newline
`;

export const realpath: CommandDef = {
  name: "realpath",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        e: { short: "e", long: "canonicalize-existing" },
        m: { short: "m", long: "canonicalize-missing" },
        L: { short: "L", long: "logical" },
        P: { short: "P", long: "physical" },
        q: { short: "q", long: "quiet" },
        relTo: { long: "relative-to", arg: "required" },
        relBase: { long: "relative-base", arg: "required" },
        s: { short: "s", long: ["strip", "no-symlinks"] },
        z: { short: "z", long: "zero" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    let mode: CanonMode = "allButLast";
    for (const { key } of opts.order) {
      if (key === "e") mode = "existing";
      else if (key === "m") mode = "missing";
    }
    const strip = opts.has("s");
    if (opts.operands.length === 0) {
      usageError(ctx, "missing operand");
      return 1;
    }
    const resolve = async (name: string, m: CanonMode) =>
      strip ? normalizePath(ctx.resolve(name)) : canonicalize(ctx, name, m, !opts.has("L"));
    let relTo: string | undefined;
    let relBase: string | undefined;
    try {
      const to = opts.get("relTo");
      const base = opts.get("relBase");
      if (to !== undefined) relTo = await resolve(to, mode);
      if (base !== undefined) relBase = await resolve(base, mode);
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`realpath: ${quoteFile(opts.get("relTo") ?? opts.get("relBase")!)}: ${e.message}\n`);
      return 1;
    }
    if (relBase !== undefined && relTo === undefined) relTo = relBase;
    const end = opts.has("z") ? "\0" : "\n";
    let status = 0;
    const within = (p: string, dir: string) => dir === "/" || p === dir || p.startsWith(dir + "/");
    for (const name of opts.operands) {
      try {
        let p = await resolve(name, mode);
        if (relTo !== undefined && (relBase === undefined || (within(p, relBase) && within(relTo, relBase)))) {
          p = relativePath(relTo, p);
        }
        ctx.stdout.write(p + end);
      } catch (e) {
        if (!isFsError(e)) throw e;
        if (!opts.has("q")) ctx.stderr.write(`realpath: ${quoteFile(name)}: ${e.message}\n`);
        status = 1;
      }
    }
    return status;
  },
};
