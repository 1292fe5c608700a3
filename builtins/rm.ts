import type { CommandContext, CommandDef } from "./types.js";
import type { FileStat } from "../src/fs/types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions } from "./_lib/options.js";
import { quoteAlways } from "./_lib/quote.js";
import { fileTypeName } from "./_lib/fileinfo.js";
import { lineAsker, isYes } from "./_lib/prompt.js";

/** rm (GNU coreutils 9.1): -f -i -I -r/-R -d -v, refusing / . and .. as GNU does. */

const HELP = `Usage: rm [OPTION]... [FILE]...
Remove (unlink) the FILE(s).

  -f, --force           ignore nonexistent files and arguments, never prompt
  -i                    prompt before every removal
  -I                    prompt once before removing more than three files, or
                          when removing recursively
  -r, -R, --recursive   remove directories and their contents recursively
  -d, --dir             remove empty directories
  -v, --verbose         explain what is being done
`;

interface RmState {
  ctx: CommandContext;
  force: boolean;
  interactive: "never" | "once" | "always";
  recursive: boolean;
  dirs: boolean;
  verbose: boolean;
  status: number;
  ask: () => Promise<string | null>;
}

function join(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : dir + "/" + name;
}

async function prompt(s: RmState, question: string): Promise<boolean> {
  await s.ctx.stderr.write(`rm: ${question}? `);
  return isYes(await s.ask());
}

function fail(s: RmState, name: string, message: string): false {
  s.ctx.stderr.write(`rm: cannot remove ${quoteAlways(name)}: ${message}\n`);
  s.status = 1;
  return false;
}

/** Removes one file or tree; returns whether it is gone. */
async function remove(s: RmState, name: string, st: FileStat, top: boolean): Promise<boolean> {
  const { ctx } = s;
  ctx.budget.step();
  const path = ctx.resolve(name);
  if (st.type === "directory") {
    if (!s.recursive && !s.dirs) return fail(s, name, "Is a directory");
    const base = name.replace(/\/+$/, "").split("/").pop();
    if (top && (base === "." || base === "..")) {
      ctx.stderr.write(`rm: refusing to remove '.' or '..' directory: skipping ${quoteAlways(name)}\n`);
      s.status = 1;
      return false;
    }
    if (s.recursive) {
      let entries;
      try {
        entries = await ctx.fs.readdir(path);
      } catch (e) {
        if (!isFsError(e)) throw e;
        return fail(s, name, e.message);
      }
      if (entries.length > 0 && s.interactive === "always" && !(await prompt(s, `descend into directory ${quoteAlways(name)}`))) {
        return false;
      }
      let all = true;
      for (const entry of entries) {
        const child = join(name, entry.name);
        let cst: FileStat;
        try {
          cst = await ctx.fs.lstat(ctx.resolve(child));
        } catch (e) {
          if (!isFsError(e)) throw e;
          all = fail(s, child, e.message) && all;
          continue;
        }
        all = (await remove(s, child, cst, false)) && all;
      }
      if (!all) return false;
    }
    if (s.interactive === "always" && !(await prompt(s, `remove directory ${quoteAlways(name)}`))) return false;
    try {
      await ctx.fs.rmdir(path);
    } catch (e) {
      if (!isFsError(e)) throw e;
      return fail(s, name, e.message);
    }
    if (s.verbose) ctx.stdout.write(`removed directory ${quoteAlways(name)}\n`);
    return true;
  }
  if (s.interactive === "always" && !(await prompt(s, `remove ${fileTypeName(st)} ${quoteAlways(name)}`))) return false;
  try {
    await ctx.fs.unlink(path);
  } catch (e) {
    if (!isFsError(e)) throw e;
    if (s.force && e.code === "ENOENT") return true;
    return fail(s, name, e.message);
  }
  if (s.verbose) ctx.stdout.write(`removed ${quoteAlways(name)}\n`);
  return true;
}

export const rm: CommandDef = {
  name: "rm",
  help: HELP,
  async run(ctx) {
    // GNU's hint when an "option" is really a file named with a leading dash.
    let usageLine: string | undefined;
    for (const a of ctx.args) {
      if (a === "--") break;
      if (a.length > 1 && a.startsWith("-") && !a.startsWith("--") && (await ctx.fs.exists(ctx.resolve(a)))) {
        usageLine = `Try 'rm ./${a}' to remove the file ${quoteAlways(a)}.`;
        break;
      }
    }
    const opts = parseOptions(
      ctx,
      {
        force: { short: "f", long: "force" },
        i: { short: "i" },
        I: { short: "I" },
        interactive: { long: "interactive", arg: "optional" },
        recursive: { short: "r", long: "recursive" },
        R: { short: "R" },
        dir: { short: "d", long: "dir" },
        verbose: { short: "v", long: "verbose" },
        preserveRoot: { long: "preserve-root", arg: "optional" },
        noPreserveRoot: { long: "no-preserve-root" },
        oneFs: { long: "one-file-system" },
      },
      { help: HELP, usageLine },
    );
    if (typeof opts === "number") return opts;
    const s: RmState = {
      ctx,
      force: false,
      interactive: "never",
      recursive: opts.has("recursive") || opts.has("R"),
      dirs: opts.has("dir"),
      verbose: opts.has("verbose"),
      status: 0,
      ask: lineAsker(ctx.stdin),
    };
    let preserveRoot = true;
    for (const { key, value } of opts.order) {
      if (key === "force") {
        s.force = true;
        s.interactive = "never";
      } else if (key === "i") {
        s.force = false;
        s.interactive = "always";
      } else if (key === "I") {
        s.force = false;
        s.interactive = "once";
      } else if (key === "interactive") {
        const w = value === true ? "always" : value;
        s.interactive = w === "never" || w === "no" || w === "none" ? "never" : w === "once" ? "once" : "always";
      } else if (key === "noPreserveRoot") preserveRoot = false;
      else if (key === "preserveRoot") preserveRoot = true;
    }
    const operands = opts.operands;
    if (operands.length === 0) {
      if (s.force) return 0;
      ctx.stderr.write("rm: missing operand\nTry 'rm --help' for more information.\n");
      return 1;
    }
    if (s.interactive === "once" && (s.recursive || operands.length > 3)) {
      const n = operands.length;
      const what = `remove ${n} argument${n === 1 ? "" : "s"}${s.recursive ? " recursively" : ""}`;
      if (!(await prompt(s, what))) return 0;
    }
    for (const name of operands) {
      const path = ctx.resolve(name);
      if (s.recursive && preserveRoot && path === "/") {
        ctx.stderr.write(
          `rm: it is dangerous to operate recursively on ${quoteAlways(name)}${name === "/" ? "" : " (same as '/')"}\nrm: use --no-preserve-root to override this failsafe\n`,
        );
        s.status = 1;
        continue;
      }
      let st: FileStat;
      try {
        st = await ctx.fs.lstat(path);
      } catch (e) {
        if (!isFsError(e)) throw e;
        if (!(s.force && e.code === "ENOENT")) fail(s, name, e.message);
        continue;
      }
      await remove(s, name, st, true);
    }
    return s.status;
  },
};
