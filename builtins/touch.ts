import type { CommandDef } from "./types.js";
import type { FileStat } from "../src/fs/types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions } from "./_lib/options.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { parseDate, parseTouchStamp } from "./_lib/parse-date.js";
import { zoneOf } from "./_lib/time.js";

/** touch (GNU coreutils 9.1): -a -m -c -d DATE -t STAMP -r FILE --time=WORD. */

const HELP = `Usage: touch [OPTION]... FILE...
Update the access and modification times of each FILE to the current time.

  -a                     change only the access time
  -c, --no-create        do not create any files
  -d, --date=STRING      parse STRING and use it instead of current time
  -f                     (ignored)
  -h, --no-dereference   affect each symbolic link instead of any referenced file
  -m                     change only the modification time
  -r, --reference=FILE   use this file's times instead of current time
  -t STAMP               use [[CC]YY]MMDDhhmm[.ss] instead of current time
      --time=WORD        change the specified time:
                           WORD is access, atime, or use: equivalent to -a
                           WORD is modify or mtime: equivalent to -m
`;

export const touch: CommandDef = {
  name: "touch",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        a: { short: "a" },
        m: { short: "m" },
        noCreate: { short: "c", long: "no-create" },
        date: { short: "d", long: "date", arg: "required" },
        f: { short: "f" },
        noDeref: { short: "h", long: "no-dereference" },
        reference: { short: "r", long: "reference", arg: "required" },
        stamp: { short: "t", arg: "required" },
        time: { long: "time", arg: "required" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    let setAtime = opts.has("a");
    let setMtime = opts.has("m");
    const timeWord = opts.get("time");
    if (timeWord !== undefined) {
      if (["access", "atime", "use"].includes(timeWord)) setAtime = true;
      else if (["modify", "mtime"].includes(timeWord)) setMtime = true;
      else {
        ctx.stderr.write(
          `touch: invalid argument ${quoteValue(timeWord)} for ${quoteValue("--time")}\nValid arguments are:\n  - ${quoteValue("atime")}, ${quoteValue("access")}, ${quoteValue("use")}\n  - ${quoteValue("mtime")}, ${quoteValue("modify")}\nTry 'touch --help' for more information.\n`,
        );
        return 1;
      }
    }
    if (!setAtime && !setMtime) setAtime = setMtime = true;
    if (opts.operands.length === 0) {
      ctx.stderr.write("touch: missing file operand\nTry 'touch --help' for more information.\n");
      return 1;
    }
    const zone = zoneOf(ctx);
    const now = ctx.sandbox.now();
    let atime = now;
    let mtime = now;
    let explicit = false;
    const ref = opts.get("reference");
    if (ref !== undefined) {
      let st: FileStat;
      try {
        st = await ctx.fs.stat(ctx.resolve(ref));
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`touch: failed to get attributes of ${quoteAlways(ref)}: ${e.message}\n`);
        return 1;
      }
      atime = st.atimeMs;
      mtime = st.mtimeMs;
      explicit = true;
    }
    const dateText = opts.get("date");
    if (dateText !== undefined) {
      const t = parseDate(dateText, ref !== undefined ? mtime : now, zone);
      if (t === null) {
        ctx.stderr.write(`touch: invalid date format ${quoteValue(dateText)}\n`);
        return 1;
      }
      atime = mtime = t;
      explicit = true;
    }
    const stamp = opts.get("stamp");
    if (stamp !== undefined) {
      const t = parseTouchStamp(stamp, now, zone);
      if (t === null) {
        ctx.stderr.write(`touch: invalid date format ${quoteValue(stamp)}\n`);
        return 1;
      }
      atime = mtime = t;
      explicit = true;
    }
    let status = 0;
    for (const name of opts.operands) {
      ctx.budget.step();
      const path = ctx.resolve(name);
      let what = "cannot touch";
      try {
        let st: FileStat | null = null;
        try {
          st = await ctx.fs.stat(path);
        } catch (e) {
          if (!isFsError(e, "ENOENT")) throw e;
        }
        if (!st) {
          if (opts.has("noCreate")) continue;
          if (opts.has("noDeref")) {
            // -h on a missing file: GNU fails rather than create.
            await ctx.fs.lstat(path);
          }
          await ctx.fs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~ctx.umask });
          if (!explicit && setAtime && setMtime) continue;
          st = await ctx.fs.stat(path);
        }
        // GNU opens the file for writing first; a failed open is what it reports.
        const { uid, gid } = ctx.sandbox;
        const shift = st.uid === uid ? 6 : st.gid === gid ? 3 : 0;
        const writable = uid === 0 || ((st.mode >> shift) & 2) !== 0;
        what = writable ? "setting times of" : "cannot touch";
        const a = setAtime ? atime : st.atimeMs;
        const m = setMtime ? mtime : st.mtimeMs;
        await ctx.fs.utimes(path, a, m);
      } catch (e) {
        if (!isFsError(e)) throw e;
        const text = what === "cannot touch" && e.code === "EPERM" ? "Permission denied" : e.message;
        ctx.stderr.write(`touch: ${what} ${quoteAlways(name)}: ${text}\n`);
        status = 1;
      }
    }
    return status;
  },
};
