import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";

/**
 * clear (ncurses 6.4): writes the terminal's clear-screen sequence, plus E3
 * (clear scrollback) unless -x. The terminal descriptions are those of
 * Debian's ncurses-base; "dumb" has no clear capability (status 1).
 */

const USAGE = `Usage: clear [options]

Options:
  -T TERM     use this instead of $TERM
  -V          print curses-version
  -x          do not try to clear scrollback
`;

const CSI_J = "\x1b[H\x1b[J";
const CSI_2J = "\x1b[H\x1b[2J";
const E3 = "\x1b[3J";
const RIS = "\x1bc";

/** clear and E3 of each terminal type ncurses-base describes. */
const TERMINALS: Record<string, [clear: string, e3?: string]> = {
  Eterm: [CSI_2J],
  "Eterm-color": [CSI_2J],
  ansi: [CSI_J],
  cons25: [CSI_J],
  "cons25-debian": [CSI_J],
  cygwin: [CSI_J],
  dumb: [""],
  hurd: [RIS],
  linux: [CSI_J, E3],
  mach: [RIS],
  "mach-bold": [RIS],
  "mach-color": [RIS],
  "mach-gnu": [RIS],
  "mach-gnu-color": [RIS],
  pcansi: [CSI_J],
  rxvt: [CSI_2J],
  "rxvt-basic": [CSI_2J],
  "rxvt-m": [CSI_2J],
  "rxvt-unicode": [CSI_2J],
  "rxvt-unicode-256color": [CSI_2J],
  screen: [CSI_J],
  "screen-256color": [CSI_J],
  "screen-256color-bce": [CSI_J],
  "screen-bce": [CSI_J],
  "screen-s": [CSI_J],
  "screen-w": [CSI_J],
  "screen.xterm-256color": [CSI_2J],
  sun: ["\f"],
  tmux: [CSI_J, E3],
  "tmux-256color": [CSI_J, E3],
  vt100: [CSI_J],
  vt102: [CSI_J],
  vt220: [CSI_J],
  vt52: ["\x1bH\x1bJ"],
  wsvt25: [CSI_J],
  wsvt25m: [CSI_J],
  xterm: [CSI_2J, E3],
  "xterm-256color": [CSI_2J, E3],
  "xterm-color": [CSI_2J],
  "xterm-debian": [CSI_2J, E3],
  "xterm-mono": [CSI_2J],
  "xterm-r5": [CSI_2J],
  "xterm-r6": [CSI_2J],
  "xterm-vt220": [CSI_2J, E3],
  "xterm-xfree86": [CSI_2J],
};

const SPEC: OptionSpec = {
  T: { short: "T", arg: "required" },
  V: { short: "V" },
  x: { short: "x" },
};

function run(ctx: CommandContext): number {
  const usage = (message: string) => {
    ctx.stderr.write(`clear: ${message}\n${USAGE}`);
    return 1;
  };
  // Plain getopt, no long options: "--help" is the invalid option '-'.
  for (const a of ctx.args) {
    if (a === "--") break;
    if (a.startsWith("--")) return usage("invalid option -- '-'");
  }
  const opts = parseOptions(ctx, SPEC, { report: usage });
  if (typeof opts === "number") return opts;
  if (opts.has("V")) {
    ctx.stdout.write("ncurses 6.4.20221231\n");
    return 0;
  }
  if (opts.operands.length) {
    ctx.stderr.write(USAGE);
    return 1;
  }
  const term = opts.get("T") ?? ctx.env.get("TERM");
  if (term === undefined) {
    ctx.stderr.write("TERM environment variable not set.\n");
    return 1;
  }
  const entry = Object.hasOwn(TERMINALS, term) ? TERMINALS[term] : undefined;
  if (!entry) {
    ctx.stderr.write(`'${term}': unknown terminal type.\n`);
    return 1;
  }
  const [clear, e3] = entry;
  if (!clear) return 1;
  ctx.stdout.write(clear + (e3 && !opts.has("x") ? e3 : ""));
  return 0;
}

export const clear: CommandDef = { name: "clear", help: USAGE, run };
