import type { CommandContext, CommandDef } from "../types.js";
import type { FileStat } from "../../src/fs/types.js";
import { isFsError } from "../../src/fs/types.js";
import { OutputBuffer } from "../_lib/output.js";
import { quoteValue } from "../_lib/quote.js";
import { zoneOf } from "../_lib/time.js";
import { parseFind } from "./parse.js";
import { startOfDay } from "./primaries.js";
import { lineAsker } from "../_lib/prompt.js";
import { FindUsage, type Expr, type FindPlan, type FindRun, type Visit } from "./types.js";

/**
 * find (GNU findutils 4.9): walks each starting point in directory order,
 * evaluating the expression per file with GNU's short-circuit operators.
 */

const HELP = `Usage: find [-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]

Default path is the current directory; default expression is -print.
Expression may consist of: operators, options, tests, and actions.
`;

/** Evaluates the expression for one file. */
async function evaluate(e: Expr, v: Visit, run: FindRun): Promise<boolean> {
  switch (e.k) {
    case "pred":
      return e.test(v, run);
    case "not":
      return !(await evaluate(e.e, v, run));
    case "and":
      return (await evaluate(e.l, v, run)) && !run.quit && evaluate(e.r, v, run);
    case "or":
      return (await evaluate(e.l, v, run)) || (!run.quit && evaluate(e.r, v, run));
    case "comma":
      await evaluate(e.l, v, run);
      return !run.quit && evaluate(e.r, v, run);
  }
}

class Walker {
  readonly run: FindRun;
  private readonly buffer: OutputBuffer;

  constructor(
    private readonly ctx: CommandContext,
    private readonly plan: FindPlan,
  ) {
    this.buffer = new OutputBuffer(ctx.stdout);
    const now = ctx.sandbox.now();
    const buffer = this.buffer;
    const stdin = ctx.stdin;
    this.run = {
      ctx,
      out: (text) => (text ? buffer.write(text) : undefined),
      flush: async () => {
        await buffer.flush();
      },
      error: async (message) => {
        await buffer.flush();
        await ctx.stderr.write(`find: ${message}\n`);
        this.run.status = 1;
      },
      readLine: lineAsker(stdin),
      status: 0,
      prune: false,
      quit: false,
      follow: plan.follow,
      depthFirst: plan.depthFirst,
      now,
      dayOrigin: plan.daystart ? startOfDay(now, zoneOf(ctx)) : now - 86400 * 1000,
    };
  }

  /** Stats a path under the follow rule: followed links fall back to lstat when dangling. */
  private async statFor(abs: string, follow: boolean): Promise<{ st: FileStat; lst: FileStat }> {
    const lst = await this.ctx.fs.lstat(abs);
    if (!follow || lst.type !== "symlink") return { st: lst, lst };
    try {
      return { st: await this.ctx.fs.stat(abs), lst };
    } catch (e) {
      if (isFsError(e, "ENOENT") || isFsError(e, "ENOTDIR")) return { st: lst, lst };
      throw e;
    }
  }

  async walk(): Promise<number> {
    const { plan, run, ctx } = this;
    for (const start of plan.starts) {
      if (run.quit) break;
      const abs = ctx.resolve(start);
      let stats;
      try {
        stats = await this.statFor(abs, plan.follow !== "P");
        if (/\/$/.test(start) && start.length > 1 && stats.st.type !== "directory") {
          stats = await this.statFor(abs, true);
          if (stats.st.type !== "directory") throw Object.assign(new Error("Not a directory"), { code: "ENOTDIR" });
        }
      } catch (e) {
        const msg = isFsError(e) ? e.message : (e as { code?: string }).code === "ENOTDIR" ? "Not a directory" : null;
        if (msg === null) throw e;
        await run.error(`${quoteValue(start)}: ${msg}`);
        continue;
      }
      await this.visit({ path: start, abs, start, depth: 0, ...stats }, []);
    }
    for (const f of plan.finishers) await f.finish(run);
    await this.buffer.flush();
    return run.status;
  }

  private async visit(v: Visit, ancestors: Array<{ ino: number; path: string }>): Promise<void> {
    const { plan, run, ctx } = this;
    ctx.budget.step();
    const isDir = v.st.type === "directory";
    if (isDir && v.st !== v.lst) {
      // A followed link back to a directory being walked: GNU reports the loop and skips it.
      const loop = ancestors.find((a) => a.ino === v.st.ino);
      if (loop) {
        await run.error(
          `File system loop detected; ${quoteValue(v.path)} is part of the same file system loop as ${quoteValue(loop.path)}.`,
        );
        return;
      }
    }
    const evaluateHere = v.depth >= plan.minDepth;
    run.prune = false;
    if (!plan.depthFirst && evaluateHere) await evaluate(plan.expr, v, run);
    if (run.quit) return;
    if (isDir && v.depth < plan.maxDepth && !run.prune) {
      await this.children(v, [...ancestors, { ino: v.st.ino, path: v.path }]);
      if (run.quit) return;
    }
    if (plan.depthFirst && evaluateHere) {
      run.prune = false;
      await evaluate(plan.expr, v, run);
    }
  }

  private async children(v: Visit, ancestors: Array<{ ino: number; path: string }>): Promise<void> {
    const { run, ctx } = this;
    let entries;
    try {
      entries = await ctx.fs.readdir(v.abs);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await run.error(`${quoteValue(v.path)}: ${e.message}`);
      return;
    }
    const follow = this.plan.follow === "L";
    for (const entry of entries) {
      const path = v.path.endsWith("/") ? v.path + entry.name : v.path + "/" + entry.name;
      const abs = v.abs === "/" ? "/" + entry.name : v.abs + "/" + entry.name;
      let stats;
      try {
        stats = await this.statFor(abs, follow);
      } catch (e) {
        if (!isFsError(e)) throw e;
        await run.error(`${quoteValue(path)}: ${e.message}`);
        continue;
      }
      await this.visit({ path, abs, start: v.start, depth: v.depth + 1, ...stats }, ancestors);
      if (run.quit) return;
    }
  }
}

export const find: CommandDef = {
  name: "find",
  help: HELP,
  async run(ctx) {
    if (ctx.args[0] === "--help") {
      await ctx.stdout.write(HELP);
      return 0;
    }
    if (ctx.args[0] === "--version") {
      await ctx.stdout.write("find (GNU findutils) 4.9.0\n");
      return 0;
    }
    let plan: FindPlan;
    try {
      plan = parseFind(ctx, ctx.args);
      for (const check of plan.checks) {
        const message = await check;
        if (message !== undefined) {
          await ctx.stderr.write(`find: ${message}\n`);
          return 1;
        }
      }
    } catch (e) {
      if (e instanceof FindUsage) {
        if (e.hint && (await ctx.fs.exists(ctx.resolve(e.hint.word)))) {
          await ctx.stderr.write(`find: possible unquoted pattern after predicate \`${e.hint.primary}'?\n`);
        }
        return 1;
      }
      throw e;
    }
    return new Walker(ctx, plan).walk();
  },
};
