/**
 * The awk command (gawk 5 semantics). Options are parsed by hand because gawk's
 * differ from the GNU utilities': they stop at the program text, an unknown
 * option prints the usage without a diagnostic, and -v values take escapes.
 */
import type { CommandContext, CommandDef } from "../types.js";
import { AwkArray } from "./array.js";
import { Compiler } from "./compile.js";
import { AwkFatal, AwkSyntaxError, LINE_BASE, type SourceText } from "./diagnostics.js";
import { unescape } from "./lexer.js";
import { parseProgramCached } from "./parse.js";
import { compileProgram, runProgram } from "./run.js";
import { HOOKED, Runtime } from "./runtime.js";
import { USAGE, VERSION } from "./usage.js";
import { Strnum } from "./values.js";
import { ControlSignal } from "./ops.js";
import { LimitExceeded } from "../../src/limits/budget.js";

const VALUE_OPTS = new Set(["F", "f", "v", "e", "W", "i", "l", "E"]);
const FLAG_OPTS = new Set(["b", "c", "C", "g", "h", "I", "M", "n", "N", "O", "P", "r", "s", "S", "t", "V", "Y", "d", "D", "L", "o", "p"]);
const LONG_WITH_VALUE: Record<string, string> = {
  "field-separator": "F", assign: "v", file: "f", source: "e", include: "i", load: "l", exec: "E",
};
const LEGAL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Options {
  fs: string | null;
  assigns: string[];
  /** -f files and -e texts, in order. */
  sources: Array<{ file?: string; text?: string }>;
  operands: string[];
  version: boolean;
  help: boolean;
}

function usage(ctx: CommandContext): string {
  return USAGE.replace(/^Usage: awk /gm, `Usage: ${ctx.name} `);
}

/** Parses gawk's command line; a number is an exit status to return at once. */
function parseArgs(ctx: CommandContext): Options | number {
  const args = ctx.args;
  const o: Options = { fs: null, assigns: [], sources: [], operands: [], version: false, help: false };
  const take = (opt: string, value: string) => {
    switch (opt) {
      case "F": o.fs = value; break;
      case "v": o.assigns.push(value); break;
      case "f": o.sources.push({ file: value }); break;
      case "e": o.sources.push({ text: value }); break;
      case "E": o.sources.push({ file: value }); break;
      case "W":
        if (value.startsWith("version")) o.version = true;
        else if (value.startsWith("help") || value.startsWith("usage")) o.help = true;
        break;
    }
  };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (name === "version") o.version = true;
      else if (name === "help" || name === "usage") o.help = true;
      else if (name in LONG_WITH_VALUE) {
        let value: string;
        if (eq >= 0) value = a.slice(eq + 1);
        else if (i + 1 < args.length) value = args[++i];
        else {
          ctx.stderr.write(`${ctx.name}: option '--${name}' requires an argument\n${usage(ctx)}`);
          return 1;
        }
        take(LONG_WITH_VALUE[name], value);
      }
      // Other long options (--posix, --lint, --sandbox...) are accepted and ignored.
      continue;
    }
    if (a.length < 2 || a[0] !== "-") break;
    for (let j = 1; j < a.length; j++) {
      const ch = a[j];
      if (VALUE_OPTS.has(ch)) {
        let value = a.slice(j + 1);
        if (value === "") {
          if (i + 1 >= args.length) {
            ctx.stderr.write(`${ctx.name}: option requires an argument -- ${ch}\n${usage(ctx)}`);
            return 1;
          }
          value = args[++i];
        }
        take(ch, value);
        break;
      }
      if (!FLAG_OPTS.has(ch)) {
        ctx.stderr.write(usage(ctx));
        return 1;
      }
      if (ch === "V") o.version = true;
      if (ch === "h") o.help = true;
    }
  }
  o.operands = args.slice(i);
  return o;
}

async function loadSources(ctx: CommandContext, o: Options): Promise<SourceText[] | number> {
  const out: SourceText[] = [];
  for (const s of o.sources) {
    if (s.text !== undefined) {
      out.push({ name: "cmd. line", text: s.text });
      continue;
    }
    const file = s.file!;
    try {
      const { readInput } = await import("../_lib/input.js");
      out.push({ name: file, text: new TextDecoder().decode(await readInput(ctx, file)) });
    } catch (e) {
      const msg = e instanceof Error && "code" in e ? e.message : "No such file or directory";
      ctx.stderr.write(`${ctx.name}: fatal: cannot open source file \`${file}' for reading: ${msg}\n`);
      return 2;
    }
  }
  return out;
}

function setupGlobals(rt: Runtime, ctx: CommandContext, operands: string[], sources: SourceText[]): void {
  // ENVIRON and PROCINFO are built only for a program that names them: filling them (gawk's
  // array order hashes every key) was most of the cost of a short awk call. Nothing else reads
  // ENVIRON, and PROCINFO's readers treat a missing array as an empty one.
  const names = (name: string) => sources.some((s) => s.text.includes(name));
  if (names("ENVIRON")) {
    const env = new AwkArray("ENVIRON");
    for (const [k, v] of ctx.env) env.set(k, new Strnum(v));
    rt.g[rt.slot("ENVIRON")] = env;
  }
  const argv = new AwkArray("ARGV");
  argv.set("0", ctx.name === "gawk" ? "gawk" : "awk");
  operands.forEach((a, i) => argv.set(String(i + 1), new Strnum(a)));
  rt.g[rt.slot("ARGV")] = argv;
  rt.g[rt.slot("ARGC")] = operands.length + 1;
  if (names("PROCINFO")) {
    const proc = new AwkArray("PROCINFO");
    const info: Array<[string, string | number]> = [
      ["FS", "FS"], ["version", "5.2.1"], ["api_major", 3], ["api_minor", 2], ["platform", "posix"],
      ["pid", 4242], ["ppid", 4241], ["pgrpid", 4242], ["uid", ctx.sandbox.uid], ["euid", ctx.sandbox.uid],
      ["gid", ctx.sandbox.gid], ["egid", ctx.sandbox.gid], ["strftime", "%a %b %e %H:%M:%S %Z %Y"],
    ];
    for (const [k, v] of info) proc.set(k, v);
    rt.g[rt.slot("PROCINFO")] = proc;
  }
  rt.g[rt.slot("FILENAME")] = "";
  rt.g[rt.slot("RSTART")] = 0;
  rt.g[rt.slot("RLENGTH")] = -1;
  rt.g[rt.slot("RT")] = "";
  rt.g[rt.slot("ERRNO")] = "";
  rt.g[rt.slot("SUBSEP")] = "\x1c";
}

async function main(ctx: CommandContext): Promise<number> {
  const o = parseArgs(ctx);
  if (typeof o === "number") return o;
  if (o.version) {
    ctx.stdout.write(VERSION);
    return 0;
  }
  if (o.help) {
    ctx.stdout.write(usage(ctx));
    return 0;
  }
  if (o.sources.length === 0) {
    if (o.operands.length === 0) {
      ctx.stderr.write(usage(ctx));
      return 1;
    }
    o.sources.push({ text: o.operands.shift()! });
  }
  const sources = await loadSources(ctx, o);
  if (typeof sources === "number") return sources;
  const prog = ctx.name;
  const rt = new Runtime(ctx);
  rt.prog = prog;
  rt.sources = sources;
  const warn = (message: string) => ctx.stderr.write(`${prog}: ${message}\n`);

  let compiled;
  let compiler: Compiler;
  try {
    const parsed = parseProgramCached(sources);
    for (const w of parsed.warnings) ctx.stderr.write(`${prog}: ${w.src.name}:${w.line % LINE_BASE}: ${w.message}\n`);
    setupGlobals(rt, ctx, o.operands, sources);
    compiler = new Compiler(rt, parsed.program);
    rt.funcs = compiler.funcs;
    compiled = compileProgram(compiler, parsed.program);
  } catch (e) {
    if (e instanceof AwkSyntaxError) {
      const text = e.render(prog);
      ctx.stderr.write(e.message.startsWith("error: `break'") || e.message.startsWith("error: `continue'") ? text + text : text);
      return 1;
    }
    if (e instanceof AwkFatal) {
      ctx.stderr.write(`${rt.where(e.line)}fatal: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  const assign = (name: string, raw: string) => {
    const value = new Strnum(unescape(raw, warn));
    if (HOOKED.has(name)) rt.setSpecial(name, value);
    else {
      const slot = rt.slot(name);
      if (rt.g[slot] instanceof AwkArray) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`, -1);
      rt.g[slot] = value;
    }
  };

  try {
    if (o.fs !== null) rt.setSpecial("FS", unescape(o.fs, warn));
    for (const a of o.assigns) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq < 0 || !LEGAL_NAME.test(name)) {
        ctx.stderr.write(`${prog}: fatal: \`${name}' is not a legal variable name\n`);
        return 2;
      }
      assign(name, a.slice(eq + 1));
    }
    return await runProgram(rt, compiled, assign);
  } catch (e) {
    if (e instanceof AwkFatal || e instanceof ControlSignal) {
      const err = e instanceof AwkFatal ? e : new AwkFatal("unexpected control flow");
      try {
        await rt.io.closeAll();
      } catch {
        // The fatal error is what gets reported.
      }
      const where = err.line === -1 ? `${prog}: ` : rt.where(err.line || rt.line);
      ctx.stderr.write(`${where}fatal: ${err.message}\n`);
      return err.status;
    }
    // Recursion deeper than the JS stack allows counts as the depth limit.
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new LimitExceeded("depth", ctx.budget.limits.maxCallDepth);
    }
    throw e;
  }
}

export const awk: CommandDef = {
  name: "awk",
  help: USAGE,
  run: main,
};

export const gawk: CommandDef = {
  name: "gawk",
  help: USAGE,
  run: main,
};
