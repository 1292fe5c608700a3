/**
 * A read-only walk over jq's argv, following jq 1.7.1's main() option loop,
 * only to learn which sandbox files jq will open (so they can be copied into
 * its in-memory filesystem) and whether the call is `--version`. jq itself
 * parses the argv again and reports every error; nothing here rejects anything.
 */

export interface JqArgScan {
  /** "version": -V/--version is reached before anything jq would stop at. */
  action: "run" | "version";
  /** The program text, or the program file's name with -f. */
  program?: string;
  /** -f / --from-file: the first positional argument names the program file. */
  fromFile: boolean;
  /** Input file operands ("-" excluded: that is stdin). */
  inputs: string[];
  /** "-" was given as an input operand. */
  stdinOperand: boolean;
  /** -n / --null-input. */
  nullInput: boolean;
  /** Files named by --slurpfile / --rawfile. */
  dataFiles: string[];
  /** Directories named by -L / --library-path. */
  libDirs: string[];
}

/** Long options that take no parameter. */
const LONG_FLAGS = new Set([
  "slurp", "raw-output", "raw-output0", "join-output", "compact-output", "color-output",
  "monochrome-output", "ascii-output", "unbuffered", "sort-keys", "raw-input", "null-input",
  "from-file", "binary", "tab", "seq", "stream", "stream-errors", "exit-status", "args",
  "jsonargs", "debug-dump-disasm", "debug-trace=all", "debug-trace", "help",
  "build-configuration",
]);

/** Short options that take no parameter (-L is handled apart). */
const SHORT_FLAGS = new Set("srjcCMaSRnfbeh");

/** jq's isoptish(): "-x" with a letter, or "--anything". */
function isOptish(text: string): boolean {
  return text.length > 1 && text[0] === "-" && (text[1] === "-" || /[A-Za-z]/.test(text[1]));
}

/** Walks argv as jq's main does. */
export function scanJqArgs(args: readonly string[]): JqArgScan {
  const scan: JqArgScan = {
    action: "run",
    fromFile: false,
    inputs: [],
    stdinOperand: false,
    nullInput: false,
    dataFiles: [],
    libDirs: [],
  };
  let positionalMode: "files" | "strings" | "json" = "files";
  let argsDone = false;
  const positional = (text: string) => {
    if (scan.program === undefined) scan.program = text;
    else if (positionalMode === "files" && text === "-") scan.stdinOperand = true;
    else if (positionalMode === "files") scan.inputs.push(text);
  };
  for (let i = 0; i < args.length; i++) {
    const text = args[i];
    if (argsDone || !isOptish(text)) {
      positional(text);
      continue;
    }
    if (text === "--") {
      argsDone = true;
      continue;
    }
    if (text.startsWith("--")) {
      const name = text.slice(2);
      if (name === "version") {
        scan.action = "version";
        return scan;
      }
      if (name === "help" || name === "run-tests") return scan;
      if (name === "library-path") {
        if (i + 1 < args.length) scan.libDirs.push(args[++i]);
      } else if (name === "indent") {
        i++;
      } else if (name === "arg" || name === "argjson") {
        i += 2;
      } else if (name === "slurpfile" || name === "rawfile") {
        if (i + 2 < args.length) scan.dataFiles.push(args[i + 2]);
        i += 2;
      } else if (name === "args") {
        positionalMode = "strings";
      } else if (name === "jsonargs") {
        positionalMode = "json";
      } else if (name === "from-file") {
        scan.fromFile = true;
      } else if (name === "null-input") {
        scan.nullInput = true;
      } else if (!LONG_FLAGS.has(name)) {
        return scan; // jq reports the unknown option and exits
      }
      continue;
    }
    // A cluster of short options: -nr, -Ldir, -L dir.
    for (let k = 1; k < text.length; k++) {
      const c = text[k];
      if (c === "L") {
        if (k + 1 < text.length) scan.libDirs.push(text.slice(k + 1));
        else if (i + 1 < args.length) scan.libDirs.push(args[++i]);
        break;
      }
      if (c === "V") {
        scan.action = text.includes("h") ? "run" : "version";
        return scan;
      }
      if (c === "h" || !SHORT_FLAGS.has(c)) return scan;
      if (c === "f") scan.fromFile = true;
      if (c === "n") scan.nullInput = true;
    }
  }
  return scan;
}
