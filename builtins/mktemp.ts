import type { CommandDef } from "./types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";

/** mktemp (GNU coreutils 9.1): -d -u -q -p/--tmpdir -t --suffix, random letters from the sandbox PRNG. */

const HELP = `Usage: mktemp [OPTION]... [TEMPLATE]
Create a temporary file or directory, safely, and print its name.
TEMPLATE must contain at least 3 consecutive 'X's in last component.
If TEMPLATE is not specified, use tmp.XXXXXXXXXX, and --tmpdir is implied.
Files are created u+rw, and directories u+rwx, minus umask restrictions.

  -d, --directory     create a directory, not a file
  -u, --dry-run       do not create anything; merely print a name (unsafe)
  -q, --quiet         suppress diagnostics about file/dir-creation failure
      --suffix=SUFF   append SUFF to TEMPLATE; SUFF must not contain a slash.
  -p DIR, --tmpdir[=DIR]  interpret TEMPLATE relative to DIR
  -t                  interpret TEMPLATE as a single file name component,
                        relative to a directory: $TMPDIR, if set; else the
                        directory specified via -p; else /tmp [deprecated]
`;

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const ATTEMPTS = 100;

export const mktemp: CommandDef = {
  name: "mktemp",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        directory: { short: "d", long: "directory" },
        dryRun: { short: "u", long: "dry-run" },
        quiet: { short: "q", long: "quiet" },
        suffix: { long: "suffix", arg: "required" },
        p: { short: "p", arg: "required" },
        tmpdir: { long: "tmpdir", arg: "optional" },
        t: { short: "t" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    if (opts.operands.length > 1) {
      usageError(ctx, "too many templates");
      return 1;
    }
    let template = opts.operands[0];
    let dir: string | undefined;
    const tmpdirOpt = opts.values.get("tmpdir") ?? opts.values.get("p");
    const envTmp = ctx.env.get("TMPDIR") || undefined;
    if (template === undefined) {
      template = "tmp.XXXXXXXXXX";
      dir = typeof tmpdirOpt === "string" && tmpdirOpt ? tmpdirOpt : envTmp ?? "/tmp";
    } else if (opts.has("t")) {
      dir = envTmp ?? (typeof tmpdirOpt === "string" && tmpdirOpt ? tmpdirOpt : "/tmp");
    } else if (tmpdirOpt !== undefined) {
      dir = typeof tmpdirOpt === "string" && tmpdirOpt ? tmpdirOpt : envTmp ?? "/tmp";
    }
    let suffix = opts.get("suffix") ?? "";
    let xEnd = template.length;
    if (!opts.has("suffix")) {
      const m = /X*([^X]*)$/.exec(template)!;
      if (m[1] && template.slice(0, template.length - m[1].length).endsWith("XXX")) {
        suffix = m[1];
        xEnd = template.length - m[1].length;
      }
    } else if (!template.endsWith("X")) {
      usageError(ctx, `with --suffix, template ${quoteValue(template)} must end in X`);
      return 1;
    }
    if (suffix.includes("/")) {
      ctx.stderr.write(`mktemp: invalid suffix ${quoteValue(suffix)}, contains directory separator\n`);
      return 1;
    }
    const base = template.slice(0, xEnd);
    const xs = /X*$/.exec(base)![0].length;
    if (xs < 3) {
      ctx.stderr.write(`mktemp: too few X's in template ${quoteValue(template + (opts.has("suffix") ? suffix : ""))}\n`);
      return 1;
    }
    if ((opts.has("t") || template === "tmp.XXXXXXXXXX") && template.includes("/")) {
      ctx.stderr.write(`mktemp: invalid template, ${quoteValue(template)}, contains directory separator\n`);
      return 1;
    }
    const full = (dir !== undefined ? (dir.endsWith("/") ? dir : dir + "/") : "") + base;
    const prefix = full.slice(0, full.length - xs);
    let lastError = "";
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      let name = prefix;
      for (let i = 0; i < xs; i++) name += LETTERS[Math.floor(ctx.sandbox.random() * LETTERS.length)];
      name += suffix;
      const path = ctx.resolve(name);
      try {
        if (opts.has("dryRun")) {
          if (await ctx.fs.exists(path)) continue;
        } else if (opts.has("directory")) {
          await ctx.fs.mkdir(path, { mode: 0o700 & ~ctx.umask });
        } else {
          await ctx.fs.writeFile(path, new Uint8Array(0), { mode: 0o600 & ~ctx.umask, exclusive: true });
        }
        await ctx.stdout.write(name + "\n");
        return 0;
      } catch (e) {
        if (!isFsError(e)) throw e;
        lastError = e.message;
        if (e.code !== "EEXIST") break;
      }
    }
    if (!opts.has("quiet")) {
      const kind = opts.has("directory") ? "directory" : "file";
      ctx.stderr.write(`mktemp: failed to create ${kind} via template ${quoteValue(full + suffix)}: ${lastError}\n`);
    }
    return 1;
  },
};
