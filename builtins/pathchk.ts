import type { CommandDef } from "./types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { quoteAlways, quoteFile, quoteValue } from "./_lib/quote.js";

/** pathchk (GNU coreutils 9.1): -p (POSIX limits and characters), -P (no empty names or leading '-'). */

const HELP = `Usage: pathchk [OPTION]... NAME...
Diagnose invalid or unportable file names.

  -p                  check for most POSIX systems
  -P                  check for empty names and leading "-"
      --portability   check for all POSIX systems (equivalent to -p -P)
`;

const PORTABLE = /^[A-Za-z0-9._\-/]$/;

export const pathchk: CommandDef = {
  name: "pathchk",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(ctx, { p: { short: "p" }, P: { short: "P" }, portability: { long: "portability" } }, { help: HELP });
    if (typeof opts === "number") return opts;
    if (opts.operands.length === 0) {
      usageError(ctx, "missing operand");
      return 1;
    }
    const posix = opts.has("p") || opts.has("portability");
    const extra = opts.has("P") || opts.has("portability");
    let status = 0;
    const fail = (msg: string) => {
      ctx.stderr.write(`pathchk: ${msg}\n`);
      status = 1;
    };
    for (const name of opts.operands) {
      if (extra && name === "") {
        fail("empty file name");
        continue;
      }
      if (extra && name.split("/").some((c) => c.startsWith("-"))) {
        fail(`leading '-' in a component of file name ${quoteAlways(name)}`);
        continue;
      }
      if (posix) {
        const bad = [...name].find((ch) => !PORTABLE.test(ch));
        if (bad !== undefined) {
          fail(`nonportable character ${quoteValue(bad)} in file name ${quoteAlways(name)}`);
          continue;
        }
      } else if (name === "") {
        fail(`${quoteAlways("")}: No such file or directory`);
        continue;
      }
      const size = (s: string) => new TextEncoder().encode(s).length;
      const maxPath = posix ? 255 : 4095;
      const maxName = posix ? 14 : 255;
      const long = name.split("/").find((c) => size(c) > maxName);
      if (!posix && (size(name) > maxPath || long !== undefined)) {
        // The system check: lstat fails with ENAMETOOLONG.
        fail(`${quoteFile(name)}: File name too long`);
        continue;
      }
      if (size(name) > maxPath) {
        fail(`limit ${maxPath} exceeded by length ${size(name)} of file name ${quoteAlways(name)}`);
        continue;
      }
      if (long !== undefined) {
        fail(`limit ${maxName} exceeded by length ${size(long)} of file name component ${quoteValue(long)}`);
        continue;
      }
      if (!posix) {
        // Existing leading directories must be searchable directories.
        try {
          await ctx.fs.lstat(ctx.resolve(name));
        } catch (e) {
          if (!isFsError(e)) throw e;
          if (e.code !== "ENOENT") fail(`${quoteFile(name)}: ${e.message}`);
        }
      }
    }
    return status;
  },
};
