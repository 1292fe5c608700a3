import type { CommandContext, CommandDef } from "./types.js";
import type { ByteWriter } from "../src/io/streams.js";
import { BrokenPipe } from "../src/io/streams.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { quoteFile, quoteValue } from "./_lib/quote.js";

/**
 * tee: copies stdin to stdout and to each FILE as it arrives (`-` is a file
 * named "-", as in GNU tee). A closed stdout ends tee (status 141) unless -p or
 * --output-error says to keep feeding the files.
 */

const HELP = `Usage: tee [OPTION]... [FILE]...
Copy standard input to each FILE, and also to standard output.

  -a, --append              append to the given FILEs, do not overwrite
  -i, --ignore-interrupts   ignore interrupt signals
  -p                        diagnose errors writing to non pipes
      --output-error[=MODE]   set behavior on write error (warn, warn-nopipe, exit, exit-nopipe)
      --help                display this help and exit
      --version             output version information and exit
`;

// In GNU's long-option order, which ambiguity messages list.
const SPEC: OptionSpec = {
  append: { short: "a", long: "append" },
  ignoreInterrupts: { short: "i", long: "ignore-interrupts" },
  outputError: { long: "output-error", arg: "optional" },
  p: { short: "p" },
};

const MODES = ["warn", "warn-nopipe", "exit", "exit-nopipe"];

interface Target {
  name: string;
  /** Writes one chunk (null once the target failed). */
  write: ((chunk: Uint8Array) => void | Promise<void>) | null;
}

/** Where a FILE operand goes: a device stream, or appends to a file in the sandbox. */
async function openTarget(ctx: CommandContext, name: string, append: boolean): Promise<Target> {
  const path = ctx.resolve(name);
  const stream = (w: ByteWriter): Target => ({ name, write: (c) => w.write(c) });
  if (path === "/dev/null") return { name, write: () => {} };
  if (path === "/dev/stdout") return stream(ctx.stdout);
  if (path === "/dev/stderr") return stream(ctx.stderr);
  const exists = await ctx.fs.exists(path);
  if (exists && (await ctx.fs.stat(path)).type === "directory") {
    throw Object.assign(new Error("Is a directory"), { teeMessage: "Is a directory" });
  }
  await ctx.fs.writeFile(path, new Uint8Array(0), { append, mode: 0o666 & ~ctx.umask });
  return { name, write: (c) => ctx.fs.writeFile(path, c, { append: true }) };
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  let mode: string | null = null; // null: die on a closed pipe, like SIGPIPE
  {
    for (const { key, value } of opts.order) {
      if (key === "p") mode = "warn-nopipe";
      if (key === "outputError") {
        if (value === true) mode = "warn-nopipe";
        else {
          const matches = MODES.filter((m) => m.startsWith(value));
          const exact = MODES.includes(value);
          if (!exact && matches.length !== 1) {
            const kind = matches.length > 1 ? "ambiguous" : "invalid";
            ctx.stderr.write(
              `tee: ${kind} argument ${quoteValue(value)} for ‘--output-error’\nValid arguments are:\n` +
                MODES.map((m) => `  - ‘${m}’\n`).join("") +
                "Try 'tee --help' for more information.\n",
            );
            return 1;
          }
          mode = exact ? value : matches[0];
        }
      }
    }
  }
  let status = 0;
  const targets: Target[] = [];
  const fail = (name: string, e: unknown) => {
    const message = isFsError(e) ? e.message : (e as { teeMessage?: string }).teeMessage;
    if (message === undefined) throw e;
    ctx.stderr.write(`tee: ${quoteFile(name)}: ${message}\n`);
    status = 1;
  };
  const seen = new Set<string>();
  for (const name of opts.operands) {
    // Without -a, a file named twice gets the same bytes at the same offsets: one copy.
    const path = ctx.resolve(name);
    if (!opts.has("append") && seen.has(path)) continue;
    seen.add(path);
    try {
      targets.push(await openTarget(ctx, name, opts.has("append")));
    } catch (e) {
      fail(name, e);
    }
  }
  let stdoutOpen = true;
  for (let chunk = await ctx.stdin.read(); chunk; chunk = await ctx.stdin.read()) {
    ctx.budget.step();
    if (stdoutOpen) {
      try {
        await ctx.stdout.write(chunk);
      } catch (e) {
        if (!(e instanceof BrokenPipe) || mode === null) throw e;
        stdoutOpen = false;
        if (mode === "warn" || mode === "exit") ctx.stderr.write("tee: 'standard output': Broken pipe\n");
        if (mode === "exit" || mode === "exit-nopipe") return 1;
        if (mode === "warn") status = 1;
      }
    }
    for (const t of targets) {
      if (!t.write) continue;
      try {
        await t.write(chunk);
      } catch (e) {
        if (e instanceof BrokenPipe && mode === null) throw e;
        fail(t.name, e);
        t.write = null;
        if (mode === "exit" || mode === "exit-nopipe") return 1;
      }
    }
    if (!stdoutOpen && targets.every((t) => !t.write)) break;
  }
  return status;
}

export const tee: CommandDef = { name: "tee", help: HELP, run };
