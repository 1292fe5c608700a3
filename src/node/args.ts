/** Command-line arguments of the sandbash CLI. */

export const USAGE = `Usage: sandbash [options] [-c SCRIPT [NAME [ARG...]] | FILE [ARG...]]

Runs bash scripts in a simulated in-memory machine. Nothing touches the real disk
except reading FILE and the --root directory.

  -c SCRIPT     run SCRIPT; NAME becomes $0 and ARGs $1, $2, ...
  FILE [ARG...] run the script in FILE (read from the real disk)
  (neither)     read the script from stdin, or open a REPL when stdin is a terminal

Options:
  --root DIR    load the real directory DIR into the virtual cwd (/home/user);
                reads come from disk, writes stay in memory
  --json        print {"stdout", "stderr", "exitCode"} as JSON instead of streaming
  --demo        seed a small demo project; open the REPL on it, or run a short
                agent-style demo script when stdin is not a terminal
  -h, --help    show this help
  --version     print the version

The exit status is the script's.`;

export interface CliOptions {
  /** Script text given with -c. */
  command?: string;
  /** Script file to read from disk. */
  file?: string;
  /** $0 for the script (defaults to "bash", or the file name). */
  name?: string;
  /** $1, $2, ... */
  args: string[];
  root?: string;
  json: boolean;
  demo: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

/** Parses argv (without node and the script path). Options stop at the first operand. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { args: [], json: false, demo: false, help: false, version: false };
  let i = 0;
  const value = (flag: string): string => {
    if (i + 1 >= argv.length) throw new UsageError(`${flag}: option requires an argument`);
    return argv[++i];
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if (a === "-c") opts.command = value(a);
    else if (a === "--root") opts.root = value(a);
    else if (a.startsWith("--root=")) opts.root = a.slice("--root=".length);
    else if (a === "--json") opts.json = true;
    else if (a === "--demo") opts.demo = true;
    else if (a === "-h" || a === "--help") opts.help = true;
    else if (a === "--version") opts.version = true;
    else if (a.startsWith("-") && a !== "-") throw new UsageError(`${a}: invalid option`);
    else break;
  }
  const rest = argv.slice(i);
  if (opts.command !== undefined) {
    if (rest.length > 0) opts.name = rest[0];
    opts.args = rest.slice(1);
  } else if (rest.length > 0) {
    opts.file = rest[0];
    opts.name = rest[0];
    opts.args = rest.slice(1);
  }
  if (opts.demo && opts.root !== undefined) {
    throw new UsageError("--demo and --root cannot be combined");
  }
  return opts;
}
