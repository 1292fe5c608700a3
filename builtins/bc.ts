import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { readInput } from "./_lib/input.js";
import { decodeUtf8, encodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";
import { BcSyntaxError, Parser, QuitSignal } from "./bc/parse.js";
import { tokenize } from "./bc/lexer.js";
import { BcRuntime, BcRuntimeError, HaltSignal } from "./bc/interp.js";
import { LIBMATH } from "./bc/libmath.js";

/**
 * bc (GNU bc 1.07.1): arbitrary precision arithmetic with scale, ibase and
 * obase, variables, arrays, functions, if/while/for, print and strings; -l
 * loads GNU's math library. Files are read first, then standard input; each
 * line runs as soon as it is complete, as in GNU bc.
 */

const HELP = `usage: bc [options] [file ...]
  -h  --help         print this usage and exit
  -i  --interactive  force interactive mode
  -l  --mathlib      use the predefined math routines
  -q  --quiet        don't print initial banner
  -s  --standard     non-standard bc constructs are errors
  -w  --warn         warn about non-standard bc constructs
  -v  --version      print version information and exit
`;

const SPEC: OptionSpec = {
  help: { short: "h", long: "help" },
  interactive: { short: "i", long: "interactive" },
  mathlib: { short: "l", long: "mathlib" },
  quiet: { short: "q", long: "quiet" },
  standard: { short: "s", long: "standard" },
  warn: { short: "w", long: "warn" },
  version: { short: "v", long: "version" },
};

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, {
    report: (message) => {
      ctx.stderr.write(`bc: ${message}\n${HELP}`);
      return 1;
    },
  });
  if (typeof opts === "number") return opts;
  if (opts.has("help")) {
    ctx.stdout.write(HELP);
    return 0;
  }
  if (opts.has("version")) {
    ctx.stdout.write("bc 1.07.1\nCopyright 1991-1994, 1997, 1998, 2000, 2004, 2006, 2008, 2012-2017 Free Software Foundation, Inc.\n");
    return 0;
  }
  const env = Number(ctx.env.get("BC_LINE_LENGTH") ?? "70");
  const lineSize = Number.isInteger(env) && (env >= 3 || env === 0) ? env : 70;
  const rt = new BcRuntime(lineSize, (m) => ctx.stderr.write(m + "\n"), () => ctx.budget.step());
  const flush = async () => {
    const text = rt.take();
    if (text) await ctx.stdout.write(encodeUtf8(text));
  };
  const sources: Array<{ name: string; text: () => Promise<string> }> = [];
  if (opts.has("mathlib")) sources.push({ name: "", text: async () => LIBMATH });
  for (const f of opts.operands) sources.push({ name: f, text: async () => decodeUtf8(await readInput(ctx, f)) });
  sources.push({ name: "-", text: async () => decodeUtf8(await readInput(ctx, "-")) });
  for (const src of sources) {
    let text: string;
    try {
      text = await src.text();
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`File ${src.name} is unavailable.\n`);
      return 1;
    }
    const quit = await runSource(ctx, rt, text, src.name === "-" || src.name === "" ? "(standard_in)" : src.name, flush);
    if (quit) return 0;
  }
  await flush();
  return 0;
}

/** Parses and runs one source a line (input item) at a time; true when quit or halt stops bc. */
async function runSource(
  ctx: CommandContext,
  rt: BcRuntime,
  text: string,
  name: string,
  flush: () => Promise<void>,
): Promise<boolean> {
  let tokens;
  try {
    tokens = tokenize(text);
  } catch (e) {
    if (!(e instanceof BcSyntaxError)) throw e;
    ctx.stderr.write(`${name} ${e.line}: ${e.message}\n`);
    return false;
  }
  const parser = new Parser(tokens);
  while (!parser.atEnd()) {
    ctx.budget.step();
    let item;
    const line = parser.line();
    try {
      item = parser.item();
    } catch (e) {
      if (e instanceof QuitSignal) return true;
      if (!(e instanceof BcSyntaxError)) throw e;
      ctx.stderr.write(`${name} ${e.line || line}: ${e.message}\n`);
      parser.recover();
      continue;
    }
    if (item.k === "quit") return true;
    if (item.k === "define") {
      rt.funcs.set(item.f.name, item.f);
      continue;
    }
    try {
      for (const s of item.body) rt.exec(s);
    } catch (e) {
      if (e instanceof HaltSignal) {
        await flush();
        return true;
      }
      if (!(e instanceof BcRuntimeError)) throw e;
      await flush();
      ctx.stderr.write(e.message + "\n");
    }
    await flush();
  }
  return false;
}

export const bc: CommandDef = { name: "bc", help: HELP, run };
