import type { CommandDef } from "../builtins/types.js";
import type { FileSystem } from "./fs/types.js";
import { readAll } from "./io/streams.js";
import { decodeUtf8 } from "./io/utf8.js";
import { quoteWord } from "./interpreter/quote.js";

/** What a custom command receives besides its arguments. */
export interface CustomCommandContext {
  /** All of stdin, decoded as UTF-8. */
  stdin: string;
  env: Record<string, string>;
  cwd: string;
  fs: FileSystem;
  signal: AbortSignal | undefined;
}

export interface CustomCommandResult {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
}

/**
 * Defines a command the script can run like any other (in pipes, redirections,
 * $(...), xargs, find -exec). The public contract is string-based; internally it
 * is adapted to the streaming command interface.
 */
export function defineCommand(
  name: string,
  run: (args: string[], ctx: CustomCommandContext) => CustomCommandResult | Promise<CustomCommandResult>,
): CommandDef {
  if (!/^[^\s/]+$/.test(name)) throw new TypeError(`sandbash: invalid command name ${JSON.stringify(name)}`);
  return {
    name,
    help: `${name}: custom command`,
    async run(ctx) {
      const stdin = decodeUtf8(await readAll(ctx.stdin));
      const env: Record<string, string> = Object.create(null);
      for (const [k, v] of ctx.env) env[k] = v;
      let result: CustomCommandResult;
      try {
        result = await raceDeadline(Promise.resolve(run(ctx.args, { stdin, env, cwd: ctx.cwd, fs: ctx.fs, signal: ctx.signal })), ctx.budget.remainingMs(), () => ctx.budget.timerFired());
      } catch (e) {
        if (e && typeof e === "object" && (e as Error).name === "LimitExceeded") throw e;
        await ctx.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
      }
      if (result?.stdout) await ctx.stdout.write(result.stdout);
      if (result?.stderr) await ctx.stderr.write(result.stderr);
      return typeof result?.exitCode === "number" ? result.exitCode : 0;
    },
  };
}

/**
 * Abandons a never-settling custom command at the deadline, failing with the budget's own time
 * limit (or abort), so the exec ends with 124 however the timer and the clock line up.
 */
function raceDeadline<T>(p: Promise<T>, ms: number, expired: () => Error): Promise<T> {
  if (ms === Infinity) return p;
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(expired()), ms + 1);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/**
 * Tagged template that shell-quotes every interpolated value:
 * sh`grep -rn ${userText} src` cannot be injected into. Quoted as bash prints words for
 * reuse (plain when safe, else '...', $'...' with control characters; `a=b` quoted too, so a
 * value in command position is never an assignment): the shell's own quoting, rather than
 * shell-quote's CommonJS module evaluated at every import.
 */
export function sh(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const text = Array.isArray(v) ? v.map((x) => quoteWord(String(x))).join(" ") : quoteWord(String(v));
    out += text + strings[i + 1];
  }
  return out;
}
