import { SET_OPTIONS } from "./shell.js";

/** What `bash ARGS` asks for. */
export interface ShellArgs {
  command: string | null;
  file: string | null;
  argv0: string | null;
  args: string[];
  /** set -o names to turn on. */
  options: string[];
  /** -s: the script comes from stdin, every operand is an argument. */
  stdin: boolean;
}

/** Parses a child shell's arguments: `bash [-eux...] [-o opt] (-c cmd [name args] | file args | -s args)`. */
export function parseShellArgs(argv: string[]): ShellArgs | string {
  const out: ShellArgs = { command: null, file: null, argv0: null, args: [], options: [], stdin: false };
  let wantCommand = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--" || a === "-") {
      i++;
      break;
    }
    if (a === "--norc" || a === "--noprofile" || a === "--posix" || a === "--login") continue;
    if (!a.startsWith("-") && !a.startsWith("+")) break;
    if (a === "-o" || a === "+o") {
      const name = argv[++i];
      if (a === "-o" && name) out.options.push(name);
      continue;
    }
    for (const ch of a.slice(1)) {
      if (ch === "c") wantCommand = true;
      else if (ch === "s") out.stdin = true;
      else if (ch === "i" || ch === "l" || ch === "r") continue;
      else {
        const opt = SET_OPTIONS.find(([, l]) => l === ch);
        if (!opt) return `${argv[0]}: -${ch}: invalid option\n`;
        if (a[0] === "-") out.options.push(opt[0]);
      }
    }
  }
  const rest = argv.slice(i);
  if (wantCommand) {
    if (rest.length === 0) return `${argv[0]}: -c: option requires an argument\n`;
    out.command = rest[0];
    out.argv0 = rest[1] ?? null;
    out.args = rest.slice(2);
    return out;
  }
  if (out.stdin) out.args = rest;
  else if (rest.length) {
    out.file = rest[0];
    out.args = rest.slice(1);
  }
  return out;
}
