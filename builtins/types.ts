import type { ByteReader, ByteWriter } from "../src/io/streams.js";
import type { FileSystem } from "../src/fs/types.js";
import type { Budget } from "../src/limits/budget.js";

/** Standard streams handed to a command run through ctx.exec / ctx.runScript. */
export interface CommandIO {
  stdin?: ByteReader;
  stdout?: ByteWriter;
  stderr?: ByteWriter;
}

/** The sandbox identity and clock every command sees (never the host's). */
export interface SandboxInfo {
  user: string;
  group: string;
  uid: number;
  gid: number;
  hostname: string;
  /** Milliseconds since the epoch; fixed when the embedding fixes the clock. */
  now(): number;
  /** A seeded PRNG: a float in [0, 1). */
  random(): number;
  /** IANA zone for date/ls/stat; UTC unless the embedding or TZ says otherwise. */
  timeZone: string;
}

/**
 * What a command receives. Commands read stdin and write stdout/stderr as bytes,
 * and reach files only through `fs` (absolute paths: use `resolve`).
 */
export interface CommandContext {
  /** The name the command was invoked as (argv[0]). */
  name: string;
  /** Arguments after argv[0]. */
  args: string[];
  stdin: ByteReader;
  stdout: ByteWriter;
  stderr: ByteWriter;
  /** Exported variables of the calling shell. */
  env: ReadonlyMap<string, string>;
  /** Absolute working directory. */
  cwd: string;
  fs: FileSystem;
  budget: Budget;
  signal: AbortSignal | undefined;
  sandbox: SandboxInfo;
  /** File-creation mask of the calling shell (e.g. 0o022). */
  umask: number;
  /** Makes a path absolute against cwd and normalises it. */
  resolve(path: string): string;
  /** Runs another command by name (builtin, custom or script in PATH), not a shell function. */
  exec(
    argv: string[],
    io?: CommandIO & {
      env?: ReadonlyMap<string, string>;
      cwd?: string;
      /** A budget of its own (timeout's deadline); by default the caller's. */
      budget?: Budget;
    },
  ): Promise<number>;
  /** Runs a script in a child shell (awk system(), sed e, bash -c). */
  runScript(script: string, io?: CommandIO): Promise<number>;
  /** True when a command of this name exists (which, command -v, xargs). */
  hasCommand(name: string): boolean;
}

/** A command: one file under builtins/ each. */
export interface CommandDef {
  name: string;
  /** Text printed by --help (first line is the usage line). */
  help?: string;
  run(ctx: CommandContext): Promise<number> | number;
}
