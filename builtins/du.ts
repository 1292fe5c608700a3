import type { CommandContext, CommandDef } from "./types.js";
import type { DirEntry, FileStat } from "../src/fs/types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { blocksOf } from "./_lib/fileinfo.js";
import { humanSize, parseBlockSize } from "./_lib/human.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { compileFnmatch, type FnMatcher } from "./_lib/file-patterns.js";
import { localTime, strftime, zoneOf } from "./_lib/time.js";
import { OutputBuffer } from "./_lib/output.js";

/** du (GNU coreutils 9.1): -a -s -c -d -h --si -k -m -b -B --apparent-size -L -H -S -l --exclude -0 --inodes --time. */

const HELP = `Usage: du [OPTION]... [FILE]...
Summarize device usage of the set of FILEs, recursively for directories.

  -0, --null            end each output line with NUL, not newline
  -a, --all             write counts for all files, not just directories
      --apparent-size   print apparent sizes rather than device usage
  -B, --block-size=SIZE  scale sizes by SIZE before printing them
  -b, --bytes           equivalent to '--apparent-size --block-size=1'
  -c, --total           produce a grand total
  -d, --max-depth=N     print the total for a directory (or file, with --all)
                          only if it is N or fewer levels below the command
                          line argument;  --max-depth=0 is the same as
                          --summarize
  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)
      --inodes          list inode usage information instead of block usage
  -k                    like --block-size=1K
  -L, --dereference     dereference all symbolic links
  -l, --count-links     count sizes many times if hard linked
  -m                    like --block-size=1M
  -S, --separate-dirs   for directories do not include size of subdirectories
      --si              like -h, but use powers of 1000 not 1024
  -s, --summarize       display only a total for each argument
`;

interface DuRun {
  ctx: CommandContext;
  all: boolean;
  maxDepth: number;
  apparent: boolean;
  inodes: boolean;
  unit: number;
  human: "" | "iec" | "si";
  follow: "never" | "always" | "args";
  separate: boolean;
  countLinks: boolean;
  excludes: FnMatcher[];
  eol: string;
  time: "" | "mtime" | "atime" | "ctime";
  timeStyle: string;
  seen: Set<number>;
  /** Several operands: directories are remembered too, so none is counted twice. */
  hashAll: boolean;
  status: number;
  out: OutputBuffer;
}

/** What one file contributes: bytes (or inode count). */
function sizeOf(r: DuRun, st: FileStat): number {
  if (r.inodes) return 1;
  return r.apparent ? st.size : blocksOf(st) * 512;
}

function show(r: DuRun, amount: number): string {
  if (r.human) return humanSize(amount, r.human === "si");
  if (r.inodes) return String(amount);
  return String(Math.ceil(amount / r.unit));
}

async function emit(r: DuRun, amount: number, path: string, time: number): Promise<void> {
  let line = show(r, amount) + "\t";
  if (r.time) line += strftime(r.timeStyle, localTime(time, zoneOf(r.ctx))) + "\t";
  await r.out.write(line + path + r.eol);
}

function timeOf(r: DuRun, st: FileStat): number {
  return r.time === "atime" ? st.atimeMs : r.time === "ctime" ? st.ctimeMs : st.mtimeMs;
}

interface Usage {
  total: number;
  isDir: boolean;
  latest: number;
}

/** Walks one file and prints what it should; null when it could not be read or was seen already. */
async function walk(r: DuRun, path: string, depth: number, top: boolean): Promise<Usage | null> {
  const { ctx } = r;
  ctx.budget.step();
  const abs = ctx.resolve(path);
  let st: FileStat;
  try {
    const follow = r.follow === "always" || (top && r.follow === "args");
    st = follow ? await ctx.fs.stat(abs) : await ctx.fs.lstat(abs);
  } catch (e) {
    if (!isFsError(e)) throw e;
    await r.out.flush();
    ctx.stderr.write(`du: cannot access ${quoteAlways(path)}: ${e.message}\n`);
    r.status = 1;
    return null;
  }
  if (!top && r.excludes.some((m) => m.test(path.slice(path.lastIndexOf("/") + 1)) || m.test(path))) return null;
  // GNU counts a hard-linked file once, and with several operands each directory once.
  if (!r.countLinks && (r.hashAll || (st.type !== "directory" && st.nlink > 1))) {
    if (r.seen.has(st.ino)) return null;
    r.seen.add(st.ino);
  }
  const usage: Usage = { total: sizeOf(r, st), isDir: st.type === "directory", latest: timeOf(r, st) };
  if (!usage.isDir) {
    if ((r.all || top) && depth <= r.maxDepth) await emit(r, usage.total, path, usage.latest);
    return usage;
  }
  let entries: DirEntry[];
  try {
    entries = await ctx.fs.readdir(abs);
  } catch (e) {
    if (!isFsError(e)) throw e;
    await r.out.flush();
    ctx.stderr.write(`du: cannot read directory ${quoteAlways(path)}: ${e.message}\n`);
    r.status = 1;
    entries = [];
  }
  let own = usage.total;
  for (const entry of entries) {
    const child = path.endsWith("/") ? path + entry.name : path + "/" + entry.name;
    const sub = await walk(r, child, depth + 1, false);
    if (!sub) continue;
    usage.total += sub.total;
    if (!sub.isDir) own += sub.total;
    usage.latest = Math.max(usage.latest, sub.latest);
  }
  if (depth <= r.maxDepth) await emit(r, r.separate ? own : usage.total, path, usage.latest);
  return usage;
}

export const du: CommandDef = {
  name: "du",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        null: { short: "0", long: "null" },
        all: { short: "a", long: "all" },
        apparent: { long: "apparent-size" },
        blockSize: { short: "B", long: "block-size", arg: "required" },
        bytes: { short: "b", long: "bytes" },
        total: { short: "c", long: "total" },
        derefArgs: { short: "D", long: "dereference-args" },
        H: { short: "H" },
        maxDepth: { short: "d", long: "max-depth", arg: "required" },
        filesFrom: { long: "files0-from", arg: "required" },
        human: { short: "h", long: "human-readable" },
        inodes: { long: "inodes" },
        k: { short: "k" },
        deref: { short: "L", long: "dereference" },
        countLinks: { short: "l", long: "count-links" },
        m: { short: "m" },
        noDeref: { short: "P", long: "no-dereference" },
        separate: { short: "S", long: "separate-dirs" },
        si: { long: "si" },
        summarize: { short: "s", long: "summarize" },
        threshold: { short: "t", long: "threshold", arg: "required" },
        time: { long: "time", arg: "optional" },
        timeStyle: { long: "time-style", arg: "required" },
        excludeFrom: { short: "X", long: "exclude-from", arg: "required" },
        exclude: { long: "exclude", arg: "required" },
        oneFs: { short: "x", long: "one-file-system" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    const r: DuRun = {
      ctx,
      all: opts.has("all"),
      maxDepth: Infinity,
      apparent: false,
      inodes: opts.has("inodes"),
      unit: 1024,
      human: "",
      follow: "never",
      separate: opts.has("separate"),
      countLinks: opts.has("countLinks"),
      excludes: opts.all("exclude").map((p) => compileFnmatch(p)),
      eol: opts.has("null") ? "\0" : "\n",
      time: "",
      timeStyle: "%Y-%m-%d %H:%M",
      seen: new Set(),
      hashAll: opts.operands.length > 1,
      status: 0,
      out: new OutputBuffer(ctx.stdout),
    };
    for (const { key, value } of opts.order) {
      if (key === "apparent") r.apparent = true;
      else if (key === "bytes") {
        r.apparent = true;
        r.unit = 1;
        r.human = "";
      } else if (key === "blockSize") {
        const n = parseBlockSize(value as string);
        if (n === null) {
          ctx.stderr.write(`du: invalid -B argument ${quoteValue(value as string)}\n`);
          return 1;
        }
        r.unit = n;
        r.human = "";
      } else if (key === "k") {
        r.unit = 1024;
        r.human = "";
      } else if (key === "m") {
        r.unit = 1048576;
        r.human = "";
      } else if (key === "human") r.human = "iec";
      else if (key === "si") r.human = "si";
      else if (key === "deref") r.follow = "always";
      else if (key === "derefArgs" || key === "H") r.follow = "args";
      else if (key === "noDeref") r.follow = "never";
      else if (key === "time") r.time = value === true ? "mtime" : value === "atime" || value === "access" || value === "use" ? "atime" : value === "ctime" || value === "status" ? "ctime" : "mtime";
      else if (key === "timeStyle") r.timeStyle = (value as string).startsWith("+") ? (value as string).slice(1) : value === "full-iso" ? "%Y-%m-%d %H:%M:%S.%N %z" : value === "iso" ? "%Y-%m-%d" : "%Y-%m-%d %H:%M";
    }
    const depthText = opts.get("maxDepth");
    if (depthText !== undefined) {
      if (!/^\d+$/.test(depthText)) {
        usageError(ctx, `invalid maximum depth ${quoteValue(depthText)}`);
        return 1;
      }
      r.maxDepth = Number(depthText);
    }
    if (opts.has("summarize")) {
      if (r.all) {
        usageError(ctx, "cannot both summarize and show all entries");
        return 1;
      }
      if (depthText !== undefined && r.maxDepth !== 0) {
        usageError(ctx, `warning: summarizing conflicts with --max-depth=${r.maxDepth}`);
        return 1;
      }
      r.maxDepth = 0;
    }
    const operands = opts.operands.length ? opts.operands : ["."];
    let grand = 0;
    for (const name of operands) {
      const res = await walk(r, name, 0, true);
      if (res) grand += res.total;
    }
    if (opts.has("total")) await emit(r, grand, "total", 0);
    await r.out.flush();
    return r.status;
  },
};
