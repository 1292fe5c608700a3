import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";
import { openInput } from "./_lib/input.js";
import { findProgram, runProgram } from "./_lib/exec.js";
import { ArgReader } from "./xargs/read.js";
import { CommandBuilder, XargsExit } from "./xargs/build.js";
import { BrokenPipe, emptyReader } from "../src/io/streams.js";
import { encodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";

/**
 * xargs (GNU findutils 4.9): builds command lines from its input and runs
 * them through ctx.exec (built-in utilities, custom commands, scripts), up to
 * -P at a time. Input splitting, size limits, the -n/-L/-I interplay and the
 * statuses (123 a command failed, 124 one exited 255, 125 one was killed,
 * 126/127 cannot run / not found, 1 xargs's own errors) follow findutils.
 */

const HELP = `Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...
Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.

Mandatory and optional arguments to long options are also
mandatory or optional for the corresponding short option.
  -0, --null                   items are separated by a null, not whitespace;
                                 disables quote and backslash processing and
                                 logical EOF processing
  -a, --arg-file=FILE          read arguments from FILE, not standard input
  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER,
                                 not by whitespace; disables quote and backslash
                                 processing and logical EOF processing
  -E END                       set logical EOF string; if END occurs as a line
                                 of input, the rest of the input is ignored
                                 (ignored if -0 or -d was specified)
  -e, --eof[=END]              equivalent to -E END if END is specified;
                                 otherwise, there is no end-of-file string
  -I R                         same as --replace=R
  -i, --replace[=R]            replace R in INITIAL-ARGS with names read
                                 from standard input, split at newlines;
                                 if R is unspecified, assume {}
  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per
                                 command line
  -l[MAX-LINES]                similar to -L but defaults to at most one non-
                                 blank input line if MAX-LINES is not specified
  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line
  -o, --open-tty               Reopen stdin as /dev/tty in the child process
                                 before executing the command; useful to run an
                                 interactive application.
  -P, --max-procs=MAX-PROCS    run at most MAX-PROCS processes at a time
  -p, --interactive            prompt before running commands
      --process-slot-var=VAR   set environment variable VAR in child processes
  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND;
                                 if this option is not given, COMMAND will be
                                 run at least once
  -s, --max-chars=MAX-CHARS    limit length of command line to MAX-CHARS
      --show-limits            show limits on command-line length
  -t, --verbose                print commands before executing them
  -x, --exit                   exit if the size (see -s) is exceeded
      --help                   display this help and exit
      --version                output version information and exit

Please see also the documentation at https://www.gnu.org/software/findutils/.
You can report (and track progress on fixing) bugs in the "xargs"
program via the GNU findutils bug-reporting page at
https://savannah.gnu.org/bugs/?group=findutils or, if
you have no web access, by sending email to <bug-findutils@gnu.org>.
`;

const VERSION = `xargs (GNU findutils) 4.9.0
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Eric B. Decker, James Youngman, and Kevin Dalley.`;

// getopt "+0a:E:e::i::I:l::L:n:oprs:txP:d:" and findutils' long options, in its table order.
const SPEC: OptionSpec = {
  null: { short: "0", long: "null" },
  argFile: { short: "a", long: "arg-file", arg: "required" },
  delimiter: { short: "d", long: "delimiter", arg: "required" },
  eof: { short: "e", long: "eof", arg: "optional" },
  replace: { short: "i", long: "replace", arg: "optional" },
  maxLinesL: { short: "l", long: "max-lines", arg: "optional" },
  maxArgs: { short: "n", long: "max-args", arg: "required" },
  openTty: { short: "o", long: "open-tty" },
  interactive: { short: "p", long: "interactive" },
  noRunIfEmpty: { short: "r", long: "no-run-if-empty" },
  maxChars: { short: "s", long: "max-chars", arg: "required" },
  verbose: { short: "t", long: "verbose" },
  showLimits: { long: "show-limits" },
  exit: { short: "x", long: "exit" },
  maxProcs: { short: "P", long: "max-procs", arg: "required" },
  slotVar: { long: "process-slot-var", arg: "required" },
  E: { short: "E", arg: "required" },
  I: { short: "I", arg: "required" },
  L: { short: "L", arg: "required" },
};

/** Linux's ARG_MAX with an 8 MiB stack, and the headroom POSIX makes xargs leave. */
const ARG_MAX = 2097152;
const HEADROOM = 2048;
const INT_MAX = 2147483647;

/** findutils parse_num: strtol, with its messages; `fatal` ends xargs, else the value is clamped. */
function parseNum(ctx: CommandContext, text: string, option: string, min: number, max: number, fatal: boolean): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(text);
  if (!m) {
    ctx.stderr.write(`xargs: invalid number "${text}" for -${option} option\nTry 'xargs --help' for more information.\n`);
    throw new XargsExit(1);
  }
  const v = Number(m[1]);
  if (v < min || (max >= 0 && v > max)) {
    ctx.stderr.write(`xargs: value ${text} for -${option} option should be ${v < min ? ">=" : "<="} ${v < min ? min : max}\n`);
    if (fatal) {
      ctx.stderr.write("Try 'xargs --help' for more information.\n");
      throw new XargsExit(1);
    }
    return v < min ? min : max;
  }
  return v;
}

/** The byte -d names: one character, or a C escape (\n, \t, \\, \ooo, \xHH). */
function parseDelimiter(ctx: CommandContext, spec: string): number {
  const bytes = encodeUtf8(spec);
  if (bytes.length === 1) return bytes[0];
  const die = (message: string): never => {
    ctx.stderr.write(`xargs: ${message}\n`);
    throw new XargsExit(1);
  };
  if (spec[0] !== "\\") {
    return die(`Invalid input delimiter specification ${spec}: the delimiter must be either a single character or an escape sequence starting with \\.`);
  }
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
  if (Object.hasOwn(simple, spec[1])) return simple[spec[1]];
  const hex = spec[1] === "x";
  if (!hex && !/[0-9]/.test(spec[1])) return die(`Invalid escape sequence ${spec} in input delimiter specification.`);
  const digits = spec.slice(hex ? 2 : 1);
  const m = (hex ? /^[0-9a-fA-F]*/ : /^[0-7]*/).exec(digits)![0];
  const value = m === "" ? 0 : Number.parseInt(m, hex ? 16 : 8);
  if (value > 255) {
    return die(`Invalid escape sequence ${spec} in input delimiter specification; character values must not exceed ${hex ? "ff" : "377"}.`);
  }
  if (m.length < digits.length) {
    return die(`Invalid escape sequence ${spec} in input delimiter specification; trailing characters ${digits.slice(m.length)} not recognised.`);
  }
  return value;
}

/** Bytes the environment takes in exec's argument space (each NAME=VALUE plus its NUL). */
function environmentSize(env: ReadonlyMap<string, string>): number {
  let n = 0;
  for (const [k, v] of env) n += encodeUtf8(`${k}=${v}`).length + 1;
  return n;
}

async function run(ctx: CommandContext): Promise<number> {
  let builder: CommandBuilder | null = null;
  try {
    const opts = parseOptions(ctx, SPEC, { help: HELP, version: VERSION, stopAtOperand: true });
    if (typeof opts === "number") return opts;
    const envSize = environmentSize(ctx.env);
    const posixMax = ARG_MAX - envSize - HEADROOM;
    let argMax = Math.min(128 * 1024, posixMax);
    let delimiter: number | null = null;
    let eofStr: string | null = null;
    let replace: string | null = null;
    let linesPerExec = 0;
    let argsPerExec = 0;
    let procMax = 1;
    let exitIfSize = false;
    const warnExclusive = (option: string, offending: string) =>
      ctx.stderr.write(`xargs: warning: options ${offending} and ${option} are mutually exclusive, ignoring previous ${offending} value\n`);
    for (const { key, value } of opts.order) {
      const v = value === true ? undefined : value;
      switch (key) {
        case "null":
          delimiter = 0;
          break;
        case "delimiter":
          delimiter = parseDelimiter(ctx, v!);
          break;
        case "E":
        case "eof":
          eofStr = v ? v : null;
          break;
        case "I":
        case "replace":
          replace = v ?? "{}";
          if (argsPerExec) warnExclusive("--replace/-I/-i", "--max-args");
          if (linesPerExec) warnExclusive("--replace/-I/-i", "--max-lines");
          argsPerExec = linesPerExec = 0;
          break;
        case "L":
        case "maxLinesL": {
          linesPerExec = key === "maxLinesL" && v === undefined ? 1 : parseNum(ctx, v!, key === "L" ? "L" : "l", 1, -1, true);
          const name = key === "L" ? "-L" : "--max-lines/-l";
          if (argsPerExec) warnExclusive(name, "--max-args");
          if (replace !== null) warnExclusive(name, "--replace");
          argsPerExec = 0;
          replace = null;
          break;
        }
        case "maxArgs":
          argsPerExec = parseNum(ctx, v!, "n", 1, -1, true);
          if (linesPerExec) warnExclusive("--max-args/-n", "--max-lines");
          linesPerExec = 0;
          if (replace !== null) {
            // GNU: -n1 after -i is ignored, anything else overrides it.
            if (argsPerExec === 1) argsPerExec = 0;
            else {
              warnExclusive("--max-args/-n", "--replace");
              replace = null;
            }
          }
          break;
        case "maxChars":
          argMax = parseNum(ctx, v!, "s", 1, posixMax, false);
          break;
        case "exit":
          exitIfSize = true;
          break;
        case "maxProcs":
          procMax = parseNum(ctx, v!, "P", 0, INT_MAX, true);
          break;
        case "slotVar":
          if (v!.includes("=")) {
            ctx.stderr.write("xargs: option --process-slot-var may not be set to a value which includes `='\n");
            return 1;
          }
          break;
      }
    }
    if (eofStr !== null && delimiter !== null) ctx.stderr.write("xargs: warning: the -E option has no effect if -0 or -d is used.\n\n");
    const argFile = opts.get("argFile");
    let input = ctx.stdin;
    if (argFile !== undefined && argFile !== "-") {
      try {
        input = await openInput(ctx, argFile);
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`xargs: Cannot open input file ${quoteValue(argFile)}: ${e.message}\n`);
        return 1;
      }
    }
    if (replace !== null || linesPerExec) exitIfSize = true;
    const command = opts.operands.length ? opts.operands : ["echo"];
    if (opts.has("showLimits")) {
      ctx.stderr.write(
        `Your environment variables take up ${envSize} bytes\n` +
          `POSIX upper limit on argument length (this system): ${posixMax}\n` +
          "POSIX smallest allowable upper limit on argument length (all systems): 4096\n" +
          `Maximum length of command we could actually use: ${posixMax - envSize}\n` +
          `Size of command buffer we are actually using: ${argMax}\n` +
          `Maximum parallelism (--max-procs must be no greater): ${INT_MAX}\n`,
      );
    }
    const slotVar = opts.get("slotVar");
    const env = new Map(ctx.env);
    if (slotVar !== undefined) env.delete(slotVar);
    builder = new CommandBuilder(ctx, {
      argMax,
      maxArgCount: Math.floor(posixMax / 8) - 2,
      argsPerExec,
      replace,
      exitIfSize,
      linesPerExec,
      procMax,
      verbose: opts.has("verbose"),
      interactive: opts.has("interactive"),
      openTty: opts.has("openTty"),
      launch: (argv, slot) => launch(ctx, argv, slot, env, slotVar, argFile !== undefined ? ctx.stdin : emptyReader),
    });
    const reader = new ArgReader(input, {
      delimiter,
      eofStr: eofStr !== null && delimiter === null ? encodeUtf8(eofStr) : null,
      replace: replace !== null,
      maxItem: () => builder!.maxItem(),
      warn: (m) => ctx.stderr.write(`xargs: ${m}\n`),
    });
    await builder.runAll(reader, command, !opts.has("noRunIfEmpty"));
    return builder.finalStatus(0);
  } catch (e) {
    if (!(e instanceof XargsExit)) {
      await builder?.drain();
      throw e;
    }
    if (!builder) return e.status;
    await builder.drain();
    return builder.finalStatus(e.status);
    throw e;
  }
}

/**
 * Starts one command line. Resolves once it runs (GNU learns at once when the
 * exec fails: 127 not found, 126 cannot run) to the promise of its status
 * ("sigpipe" when it died writing to a closed pipe).
 */
async function launch(
  ctx: CommandContext,
  argv: string[],
  slot: number,
  env: Map<string, string>,
  slotVar: string | undefined,
  stdin: CommandContext["stdin"],
): Promise<{ done: Promise<number | "sigpipe"> }> {
  let childEnv: ReadonlyMap<string, string> = env;
  if (slotVar !== undefined) childEnv = new Map(env).set(slotVar, String(slot));
  const found = await findProgram(ctx, argv[0], childEnv);
  if (found.error) {
    ctx.stderr.write(`xargs: ${argv[0]}: ${found.error}\n`);
    throw new XargsExit(found.status);
  }
  const done = runProgram(ctx, found.argv0, argv.slice(1), { env: childEnv, stdin }).catch((e) => {
    if (e instanceof BrokenPipe) return "sigpipe" as const;
    throw e;
  });
  return { done };
}

export const xargs: CommandDef = { name: "xargs", help: HELP, run };
