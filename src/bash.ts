import { builtinCommands } from "../builtins/index.js";
import { COMMAND_GROUPS } from "../builtins/manifest.js";
import type { CommandDef, SandboxInfo } from "../builtins/types.js";
import { createDefaultFs } from "./fs/memfs.js";
import { resolvePath } from "./fs/path.js";
import { seedFiles, type SeedFiles } from "./fs/seed.js";
import type { FileSystem } from "./fs/types.js";
import { bytesReader, emptyReader, quietly, type ByteWriter, toBytes } from "./io/streams.js";
import { decodeUtf8 } from "./io/utf8.js";
import { Budget, LimitExceeded } from "./limits/budget.js";
import { closeShellPipes } from "./interpreter/procsubst.js";
import { resolveLimits, type Limits } from "./limits/limits.js";
import { ExitSignal, ShellError } from "./interpreter/errors.js";
import type { FdTable } from "./interpreter/io.js";
import { reportError } from "./interpreter/report.js";
import { runScriptText } from "./interpreter/script.js";
import { Shell, type ShellServices } from "./interpreter/shell.js";
import { runExitTrap } from "./interpreter/traps.js";
import { initChildDefaults, STANDALONE_BUILTINS } from "./interpreter/utility.js";
import { Attr } from "./interpreter/variables.js";
import { mulberry32 } from "./random.js";
import type { JqOptions } from "../builtins/jq/runner.js";
import { MemFs } from "./fs/memfs.js";
import { MountFs } from "./fs/mount.js";
import { NetworkPolicy } from "./network/policy.js";
import type { NetworkOptions } from "./network/types.js";
import { SnapshotError } from "./fs/snapshot-error.js";

export interface BashOptions {
  /** Files to create: path -> content or lazy loader. Relative paths are under cwd. */
  files?: SeedFiles;
  /** Extra environment variables (exported). */
  env?: Record<string, string>;
  /** Working directory (default /home/user). */
  cwd?: string;
  limits?: Partial<Limits>;
  /** Custom commands (see defineCommand). */
  commands?: CommandDef[];
  /** Fix the clock: epoch milliseconds, or a function returning them. */
  now?: number | (() => number);
  /** IANA time zone for date, ls and friends (default UTC, never the host's). */
  timeZone?: string;
  /** Seed for $RANDOM, shuf, mktemp and /dev/urandom. */
  seed?: number;
  /** Use this filesystem instead of a fresh in-memory one. */
  fs?: FileSystem;
  /**
   * Other filesystems mounted over the root one, by absolute path: a FileSystem,
   * or { fs, readOnly } (writes then fail with "Read-only file system"). E.g.
   * { "/mnt/project": { fs: createOverlayFs("/real/dir"), readOnly: true } }.
   * mv and cp work across mounts (by copying). Not part of snapshot(): pass the
   * same mounts to Bash.restore.
   */
  mounts?: Record<string, FileSystem | MountSpec>;
  /** How jq loads and runs here (wasm source, runner, memory caps); see builtins/jq/README.md. */
  jq?: JqOptions;
  /**
   * Network access for curl and wget, off by default (then they are "command not
   * found"): every request and redirect goes through `fetch` and must match `allow`.
   */
  network?: NetworkOptions;
}

/** One entry of BashOptions.mounts. */
export interface MountSpec {
  fs: FileSystem;
  readOnly?: boolean;
}

export interface ExecOptions {
  stdin?: string | Uint8Array;
  /** Variables for this call only. */
  env?: Record<string, string>;
  /** Working directory for this call only. */
  cwd?: string;
  signal?: AbortSignal;
  /** Receives stdout as it is written. */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** True when output was cut by maxOutputBytes. */
  truncated: boolean;
}

/** Present only with BashOptions.network. */
const NETWORK_COMMANDS = COMMAND_GROUPS.network;

const DEFAULT_ENV: Record<string, string> = {
  HOME: "/home/user",
  PATH: "/usr/local/bin:/usr/bin:/bin",
  LC_ALL: "C.UTF-8",
  TZ: "UTC",
  USER: "user",
  LOGNAME: "user",
  SHELL: "/bin/bash",
  TERM: "dumb",
};

/** The commands a session can run, and the names that get a stub in /bin and /usr/bin. */
interface CommandTable {
  commands: Map<string, CommandDef>;
  names: readonly string[];
}

function commandTable(network: boolean, extra: readonly CommandDef[]): CommandTable {
  const commands = builtinCommands();
  if (!network) for (const name of NETWORK_COMMANDS) commands.delete(name);
  for (const c of extra) commands.set(c.name, c);
  return { commands, names: [...new Set([...commands.keys(), "bash", "sh", ...STANDALONE_BUILTINS])] };
}

/** Shared by every session without network or custom commands (nothing changes the table later). */
let defaultTable: CommandTable | null = null;
function defaultCommandTable(): CommandTable {
  return (defaultTable ??= commandTable(false, []));
}

/** A bash session on a simulated machine: state persists across exec calls, like one terminal. */
export class Bash {
  // Declared, and assigned in the constructor: a class field makes V8 compile the whole
  // class body again when the first instance is made (cold start, bench/startup.ts).
  declare readonly fs: FileSystem;
  declare readonly limits: Limits;
  /** The filesystem at / (this.fs unless there are mounts). */
  declare private readonly rootFs: FileSystem;
  declare private readonly shell: Shell;
  declare private readonly services: ShellServices;
  declare private queue: Promise<unknown>;
  declare private seeded: Promise<void> | null;
  /** BashOptions.jq, until the first exec turns it into the session's runner. */
  declare private jqOptions: JqOptions | undefined;

  constructor(options: BashOptions = {}) {
    this.queue = Promise.resolve();
    this.seeded = null;
    this.jqOptions = options.jq;
    this.limits = resolveLimits(options.limits);
    const network = options.network ? new NetworkPolicy(options.network) : undefined;
    const custom = !!network || (options.commands?.length ?? 0) > 0;
    const { commands, names } = custom ? commandTable(network !== undefined, options.commands ?? []) : defaultCommandTable();
    const clock = typeof options.now === "function" ? options.now : typeof options.now === "number" ? () => options.now as number : Date.now;
    const random = mulberry32(options.seed ?? 0x5eed);
    const sandbox: SandboxInfo = {
      user: "user",
      group: "user",
      uid: 1000,
      gid: 1000,
      hostname: "sandbox",
      now: clock,
      random,
      timeZone: options.timeZone ?? "UTC",
    };
    this.rootFs =
      options.fs ??
      createDefaultFs({ maxBytes: this.limits.maxFileSystemBytes, maxFiles: this.limits.maxFileCount, now: clock, binaries: names });
    this.fs = options.mounts ? mountAll(this.rootFs, options.mounts) : this.rootFs;
    this.services = {
      fs: this.fs,
      commands,
      sandbox,
      budget: new Budget(this.limits),
      signal: undefined,
      nextPid: 1000 + Math.floor(random() * 30000),
      jobs: new Map(),
      jq: undefined,
      network,
    };
    const sh = new Shell(this.services);
    this.shell = sh;
    const cwd = options.cwd ? resolvePath("/home/user", options.cwd) : "/home/user";
    sh.cwd = cwd;
    const env = { ...DEFAULT_ENV, ...options.env };
    for (const [k, v] of Object.entries(env)) sh.vars.globals.set(k, { value: v, attrs: Attr.Export });
    sh.vars.globals.set("PWD", { value: cwd, attrs: Attr.Export });
    sh.vars.globals.set("SHLVL", { value: "1", attrs: Attr.Export });
    initShellVariables(sh);
    sh.randomState = (options.seed ?? 0x5eed) >>> 0;
    const fs = this.fs;
    if (options.files) {
      const files = options.files;
      this.seeded = (async () => {
        if (cwd !== "/home/user") await fs.mkdir(cwd, { recursive: true }).catch(() => {});
        seedFiles(fs as never, files, cwd);
      })();
    } else if (cwd !== "/home/user") {
      this.seeded = fs.mkdir(cwd, { recursive: true }).catch(() => {});
    }
  }

  /**
   * The whole session (filesystem, cwd, variables, functions, aliases, options)
   * as bytes, to resume later with Bash.restore, in this process or another.
   * With a key the snapshot is signed (HMAC-SHA256) and restore checks it.
   */
  async snapshot(options: { key?: string | Uint8Array } = {}): Promise<Uint8Array> {
    await this.queue;
    if (this.seeded) {
      await this.seeded;
      this.seeded = null;
    }
    if (!(this.rootFs instanceof MemFs)) throw new TypeError("sandbash: snapshot() needs the built-in in-memory filesystem");
    // Snapshot code loads when first used: most sessions never take one.
    const { snapshotSession } = await import("./session-snapshot.js");
    return snapshotSession(this.shell, this.rootFs, options.key);
  }

  /**
   * Resumes a session from snapshot(). A foreign, damaged or (with a key)
   * tampered snapshot throws SnapshotError and nothing is half-loaded. The
   * limits are the ones given here, never ones carried in the snapshot.
   */
  static async restore(bytes: Uint8Array, options: Omit<BashOptions, "fs" | "files"> & { key?: string | Uint8Array } = {}): Promise<Bash> {
    const { applyState, openSnapshot, restoreFs } = await import("./session-snapshot.js");
    const { state, fsBytes } = await openSnapshot(bytes, options.key);
    const limits = resolveLimits(options.limits);
    const clock = typeof options.now === "function" ? options.now : typeof options.now === "number" ? () => options.now as number : Date.now;
    let fs: MemFs;
    try {
      fs = restoreFs(fsBytes, { maxBytes: limits.maxFileSystemBytes, maxFiles: limits.maxFileCount, now: clock });
    } catch (e) {
      if (e instanceof SnapshotError) throw e;
      throw new SnapshotError(e instanceof Error ? e.message : String(e));
    }
    const bash = new Bash({ ...options, fs });
    applyState(bash.shell, state);
    return bash;
  }

  /**
   * Runs a script. Never throws because of what the script does: syntax errors,
   * unknown commands and tripped limits come back as bash's message and status.
   */
  exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    if (typeof script !== "string") throw new TypeError("sandbash: exec(script) needs a string");
    const run = this.queue.then(() => this.run(script, options));
    this.queue = run.catch(() => {});
    return run;
  }

  private async run(script: string, options: ExecOptions): Promise<ExecResult> {
    if (this.seeded) {
      await this.seeded;
      this.seeded = null;
    }
    if (this.jqOptions) {
      // The code that picks a jq runner loads only for a session given jq options (cold start).
      this.services.jq = (await import("../builtins/jq/runner.js")).jqRunnerFromOptions(this.jqOptions);
      this.jqOptions = undefined;
    }
    const budget = new Budget(this.limits, options.signal);
    this.services.budget = budget;
    this.services.signal = options.signal;
    if (this.services.jobs.size) this.services.jobs = new Map();
    this.services.jobTable = undefined;
    const stdout = new CaptureWriter(budget, options.onStdout);
    const stderr = new CaptureWriter(budget, options.onStderr);
    const fds: FdTable = [
      { reader: options.stdin === undefined ? emptyReader : bytesReader(toBytes(options.stdin)) },
      { writer: stdout },
      { writer: stderr },
    ];
    const sh = this.shell;
    const savedCwd = sh.cwd;
    let frame: Map<string, import("./interpreter/variables.js").Variable> | null = null;
    if (options.cwd) sh.cwd = resolvePath(sh.cwd, options.cwd);
    if (options.env) {
      frame = new Map();
      for (const [k, v] of Object.entries(options.env)) frame.set(k, { value: v, attrs: Attr.Export });
      sh.vars.frames.unshift(frame);
    }
    let status: number;
    try {
      budget.checkTime(); // a signal aborted before the exec began
      status = await budget.guard(this.runWhole(sh, script, fds));
    } catch (e) {
      status = this.handleFailure(e, stderr);
    } finally {
      if (frame) {
        const i = sh.vars.frames.indexOf(frame);
        if (i >= 0) sh.vars.frames.splice(i, 1);
      }
      if (options.cwd) sh.cwd = savedCwd;
      sh.traps.delete("EXIT");
      // set -n ends the script it is in, not the instance (an interactive bash ignores it).
      if (sh.options.has("noexec")) sh.ownOptions().delete("noexec");
    }
    sh.lastStatus = status;
    return { stdout: stdout.text(), stderr: stderr.text(), exitCode: status, truncated: stdout.truncated || stderr.truncated };
  }

  /** The script, its EXIT trap, then the shell's pipes close (as at exit) and its jobs end. */
  private async runWhole(sh: Shell, script: string, fds: FdTable): Promise<number> {
    let status = await this.runGuarded(sh, script, fds);
    status = await runExitTrap(sh, fds, status);
    for (const w of this.services.coprocInputs ?? []) await w.close();
    this.services.coprocInputs = undefined;
    closeShellPipes(fds);
    for (const job of this.services.jobs.values()) await job;
    return status;
  }

  private async runGuarded(sh: Shell, script: string, fds: FdTable): Promise<number> {
    // As `bash -c SCRIPT`: the text being run is $BASH_EXECUTION_STRING.
    sh.vars.globals.set("BASH_EXECUTION_STRING", { value: script, attrs: 0 });
    try {
      return await runScriptText(sh, script, fds, { kind: "c" });
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      if (e instanceof ShellError) {
        reportError(sh, fds, e);
        return e.status;
      }
      throw e;
    }
  }

  private handleFailure(e: unknown, stderr: CaptureWriter): number {
    if (e instanceof LimitExceeded) {
      stderr.force(`${e.message}\n`);
      return e.status;
    }
    if (e instanceof ExitSignal) return e.status;
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      stderr.force("sandbash: maximum call depth exceeded (JavaScript stack)\n");
      return 125;
    }
    // The JavaScript engine refused an allocation (a string or buffer past its own maximum):
    // a memory bomb that slipped past maxStringLength ends like the string limit.
    if (e instanceof RangeError && /Invalid string length|Array buffer allocation failed|Invalid typed array length|Invalid array length/i.test(e.message)) {
      const limit = new LimitExceeded("string", this.limits.maxStringLength);
      stderr.force(`${limit.message}\n`);
      return limit.status;
    }
    const msg = e instanceof Error ? e.message : String(e);
    stderr.force(`sandbash: internal error: ${msg}\n`);
    return 1;
  }
}

/**
 * Collects an exec's output, charging maxOutputBytes; over the limit the exec ends.
 * ASCII writes (nearly all output; strings, and small byte chunks) are kept as text, up to
 * ASCII_RUN characters, so a small exec neither encodes nor decodes: an ASCII byte ends any
 * partial UTF-8 sequence before it, so decoding the bytes before the text apart from it
 * reads the same.
 * Anything else goes to one growing buffer, not a list of chunks: a flood of 6-byte writes
 * kept as separate Uint8Arrays cost ~15x their size in heap (137 MB for 16 MiB of output).
 */
class CaptureWriter implements ByteWriter {
  declare private readonly budget: Budget;
  declare private readonly listener: ((chunk: string) => void) | undefined;
  declare private buf: Uint8Array | null;
  declare private len: number;
  /** ASCII text written after the bytes in buf. */
  declare private ascii: string;
  declare truncated: boolean;

  // Assigned, not class fields (see Bash).
  constructor(budget: Budget, listener?: (chunk: string) => void) {
    this.budget = budget;
    this.listener = listener;
    this.buf = null;
    this.len = 0;
    this.ascii = "";
    this.truncated = false;
  }

  write(chunk: Uint8Array | string): void | Promise<void> {
    if (chunk.length === 0) return;
    if (typeof chunk === "string" ? !NON_ASCII.test(chunk) : chunk.length <= SMALL_BYTES && isAsciiBytes(chunk)) {
      this.writeAscii(typeof chunk === "string" ? chunk : String.fromCharCode.apply(null, chunk as unknown as number[]));
    } else this.writeBytes(chunk);
    if (this.budget.pollYield()) return quietly(this.budget.yield());
  }

  private writeAscii(chunk: string): void {
    const fit = this.budget.chargeOutput(chunk.length);
    if (fit) {
      const kept = fit < chunk.length ? chunk.slice(0, fit) : chunk;
      this.ascii += kept;
      // A long rope of small strings costs more heap than its bytes: move it into the buffer.
      if (this.ascii.length > ASCII_RUN) this.flushAscii();
      this.listener?.(kept);
    }
    if (fit < chunk.length) this.overLimit();
  }

  private writeBytes(chunk: Uint8Array | string): void {
    const b = toBytes(chunk);
    const fit = this.budget.chargeOutput(b.length);
    const kept = fit < b.length ? b.subarray(0, fit) : b;
    if (kept.length) {
      this.append(kept);
      if (this.listener) this.listener(typeof chunk === "string" && fit === b.length ? chunk : decodeUtf8(kept));
    }
    if (fit < b.length) this.overLimit();
  }

  private overLimit(): never {
    this.truncated = true;
    throw new LimitExceeded("output", this.budget.limits.maxOutputBytes);
  }

  /** Writes past the limit (the limit's own message). */
  force(text: string): void {
    this.append(toBytes(text));
    this.listener?.(text);
  }

  close(): void {}

  text(): string {
    if (this.len === 0) return this.ascii;
    this.flushAscii();
    return decodeUtf8(this.buf!.subarray(0, this.len));
  }

  private flushAscii(): void {
    const s = this.ascii;
    if (!s) return;
    this.ascii = "";
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.buf![this.len + i] = s.charCodeAt(i);
    this.len += s.length;
  }

  private append(b: Uint8Array): void {
    this.flushAscii();
    this.reserve(b.length);
    this.buf!.set(b, this.len);
    this.len += b.length;
  }

  /** Room for n more bytes. */
  private reserve(n: number): void {
    const need = this.len + n;
    const have = this.buf?.length ?? 0;
    if (need <= have) return;
    const grown = new Uint8Array(Math.max(need, have * 2, 256));
    if (this.buf) grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }
}

const NON_ASCII = /[^\x00-\x7f]/;
/** Byte chunks up to this size that are ASCII are kept as text too (a command's buffered lines). */
const SMALL_BYTES = 1024;

function isAsciiBytes(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return false;
  return true;
}
/** Characters of ASCII text kept as a string before they move to the byte buffer. */
const ASCII_RUN = 4096;

/** The root filesystem with each of BashOptions.mounts over it. */
function mountAll(root: FileSystem, mounts: Record<string, FileSystem | MountSpec>): MountFs {
  const fs = new MountFs(root);
  for (const [at, entry] of Object.entries(mounts)) {
    const spec: MountSpec = isFileSystem(entry) ? { fs: entry } : entry;
    if (!at.startsWith("/")) throw new TypeError(`sandbash: mounts: ${JSON.stringify(at)} is not an absolute path`);
    const path = resolvePath("/", at);
    if (path === "/") throw new TypeError("sandbash: mounts: use the fs option for the root filesystem");
    if (!spec || !isFileSystem(spec.fs)) throw new TypeError(`sandbash: mounts[${JSON.stringify(at)}] needs a FileSystem`);
    if (spec.fs === root) throw new TypeError("sandbash: mounts: the root filesystem cannot be mounted again");
    fs.mount(path, spec.fs, { readOnly: spec.readOnly ?? false });
  }
  return fs;
}

function isFileSystem(x: unknown): x is FileSystem {
  return typeof x === "object" && x !== null && typeof (x as FileSystem).readFile === "function" && typeof (x as FileSystem).stat === "function";
}

/** The variables bash sets for itself at start-up (not exported). */
function initShellVariables(sh: Shell): void {
  const g = sh.vars.globals;
  const set = (k: string, v: string, attrs = 0) => g.set(k, { value: v, attrs });
  set("BASH", "/usr/bin/bash");
  set("BASH_VERSION", "5.2.15(1)-release");
  g.set("BASH_VERSINFO", { value: ["5", "2", "15", "1", "release", "x86_64-pc-linux-gnu"], attrs: Attr.Readonly | Attr.Indexed });
  set("HOSTNAME", "sandbox");
  set("HOSTTYPE", "x86_64");
  set("MACHTYPE", "x86_64-pc-linux-gnu");
  set("OSTYPE", "linux-gnu");
  set("OPTERR", "1");
  set("UID", "1000", Attr.Readonly | Attr.Integer);
  set("EUID", "1000", Attr.Readonly | Attr.Integer);
  initChildDefaults(sh);
}
