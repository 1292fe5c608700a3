/**
 * A CommandContext for unit-testing one CommandDef without the interpreter:
 * a MemFs with the standard layout and seeded files, collected stdout/stderr,
 * a fixed clock, a seeded PRNG, the sandbox user (uid/gid 1000) and umask 022.
 */
import type { CommandContext, CommandDef, SandboxInfo } from "../../builtins/types.js";
import { createDefaultFs } from "../../src/fs/layout.js";
import type { MemFs } from "../../src/fs/memfs.js";
import { resolvePath } from "../../src/fs/path.js";
import { seedFiles, type SeedFiles } from "../../src/fs/seed.js";
import { bytesReader, CollectingWriter, emptyReader } from "../../src/io/streams.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import { Budget } from "../../src/limits/budget.js";
import { resolveLimits, type Limits } from "../../src/limits/limits.js";

/** The fixed "now" of unit contexts: 2023-11-14T22:13:20Z. */
export const FIXED_NOW = 1_700_000_000_000;

export interface MakeContextOptions {
  /** Arguments after the command name. */
  args: string[];
  /** argv[0] (default "cmd"). */
  name?: string;
  stdin?: string | Uint8Array;
  /** Files to seed; relative paths are against cwd. A key ending in "/" is a directory. */
  files?: SeedFiles;
  /** Working directory (default /home/user; created if missing). */
  cwd?: string;
  env?: Record<string, string>;
  /** Clock (default: fixed at FIXED_NOW). */
  now?: () => number;
  limits?: Partial<Limits>;
  /** Seed of the PRNG (default 42). */
  seed?: number;
}

export interface UnitContext {
  ctx: CommandContext;
  stdout(): string;
  stderr(): string;
  stdoutBytes(): Uint8Array;
  fs: MemFs;
}

/** mulberry32: a small seeded PRNG, float in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const notAvailable = async (): Promise<number> => {
  throw new Error("not available in unit context");
};

/** Builds the context; see UnitContext. */
export function makeContext(options: MakeContextOptions): UnitContext {
  const now = options.now ?? (() => FIXED_NOW);
  const cwd = options.cwd ?? "/home/user";
  const fs = createDefaultFs({ now });
  fs.seedEntry(cwd, null);
  if (options.files) seedFiles(fs, options.files, cwd);
  const stdout = new CollectingWriter();
  const stderr = new CollectingWriter();
  const env = new Map(Object.entries(options.env ?? { HOME: "/home/user", PATH: "/usr/bin:/bin" }));
  const sandbox: SandboxInfo = {
    user: "user",
    group: "user",
    uid: 1000,
    gid: 1000,
    hostname: "sandbox",
    now,
    random: mulberry32(options.seed ?? 42),
    timeZone: "UTC",
  };
  const ctx: CommandContext = {
    name: options.name ?? "cmd",
    args: options.args,
    stdin: options.stdin === undefined ? emptyReader : bytesReader(options.stdin),
    stdout,
    stderr,
    env,
    cwd,
    fs,
    budget: new Budget(resolveLimits(options.limits), undefined, now),
    signal: undefined,
    sandbox,
    umask: 0o022,
    resolve: (p) => resolvePath(cwd, p),
    exec: notAvailable,
    runScript: notAvailable,
    hasCommand: () => false,
  };
  return {
    ctx,
    fs,
    stdout: () => decodeUtf8(stdout.bytes()),
    stderr: () => decodeUtf8(stderr.bytes()),
    stdoutBytes: () => stdout.bytes(),
  };
}

/** Runs a command in a fresh unit context: status plus collected output. */
export async function runCommand(
  def: CommandDef,
  options: MakeContextOptions,
): Promise<{ status: number; stdout: string; stderr: string; fs: MemFs }> {
  const u = makeContext({ name: def.name, ...options });
  const status = await def.run(u.ctx);
  return { status, stdout: u.stdout(), stderr: u.stderr(), fs: u.fs };
}
