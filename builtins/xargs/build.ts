import type { CommandContext } from "../types.js";
import { quoteShell } from "../_lib/quote.js";
import { decodeUtf8, encodeUtf8 } from "../../src/io/utf8.js";
import type { ArgReader } from "./read.js";

/**
 * Building and running xargs's command lines, ported from findutils 4.9's
 * buildcmd.c (bc_push_arg, bc_do_insert, bc_do_exec) and xargs_do_exec /
 * wait_for_proc: arguments accumulate until -n, -L, -s or the end of input
 * says to run, at most -P commands run at once, and each one's status feeds
 * xargs's own.
 */

/** Ends xargs with this status (after its message is written). */
export class XargsExit extends Error {
  constructor(readonly status: number) {
    super(`xargs exit ${status}`);
  }
}

export interface BuildConfig {
  /** -s: bytes of the command line, each argument with its NUL. */
  argMax: number;
  maxArgCount: number;
  argsPerExec: number;
  linesPerExec: number;
  replace: string | null;
  exitIfSize: boolean;
  /** -P; 0 means no limit. */
  procMax: number;
  verbose: boolean;
  interactive: boolean;
  openTty: boolean;
  /** Starts a command in a slot; resolves once it runs, to the promise of its status. */
  launch(argv: string[], slot: number): Promise<{ done: Promise<number | "sigpipe"> }>;
}

type Done = { slot: number; status: number | "sigpipe" };

const byteLength = (s: string) => encodeUtf8(s).length;

/** An argument as exec passes it: a C string, so a NUL byte ends it. */
function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decodeUtf8(nul < 0 ? bytes : bytes.subarray(0, nul));
}

export class CommandBuilder {
  private argv: string[] = [];
  private chars = 0;
  private initialArgc = 0;
  private initialChars = 0;
  /** GNU's initial_args: still pushing COMMAND and INITIAL-ARGS. */
  private initialPhase = true;
  private executed = false;
  private childError = 0;
  private readonly running = new Map<number, Promise<Done>>();
  private commandName = "";

  constructor(
    private readonly ctx: CommandContext,
    private readonly cfg: BuildConfig,
  ) {}

  /** The longest input item that fits (GNU's endbuf). */
  maxItem(): number {
    return this.cfg.argMax - this.initialChars - 1;
  }

  private die(message: string): never {
    this.ctx.stderr.write(`xargs: ${message}\n`);
    throw new XargsExit(1);
  }

  /** Reads all input and runs the commands it makes. */
  async runAll(reader: ArgReader, command: string[], alwaysRun: boolean): Promise<void> {
    this.commandName = command[0];
    if (this.cfg.replace === null) {
      for (const a of command) await this.push(a, byteLength(a) + 1, true);
      this.initialPhase = false;
      this.initialArgc = this.argv.length;
      this.initialChars = this.chars;
      for (;;) {
        const r = await reader.read();
        for (const a of r.args) await this.push(cString(a), a.length + 1, false);
        if (r.error) {
          await this.execIfPossible();
          this.die(r.error);
        }
        if (r.ret === -1) break;
        if (this.cfg.linesPerExec && reader.lineno >= this.cfg.linesPerExec) {
          await this.exec();
          reader.lineno = 0;
        }
      }
      if (this.argv.length !== this.initialArgc || (alwaysRun && !this.executed)) await this.exec();
    } else {
      for (;;) {
        const r = await reader.read();
        if (r.error) this.die(r.error);
        if (r.ret === -1) break;
        const line = cString(r.line!);
        this.argv = [];
        this.chars = 0;
        await this.push(command[0], byteLength(command[0]) + 1, this.initialPhase);
        this.initialPhase = false;
        for (const a of command.slice(1)) await this.insert(a, line);
        await this.exec();
      }
    }
    await this.drain();
  }

  private limitReached(initial: boolean): boolean {
    const { argsPerExec, maxArgCount } = this.cfg;
    if (!initial && argsPerExec && this.argv.length - this.initialArgc === argsPerExec) return true;
    return this.argv.length === maxArgCount;
  }

  /** bc_push_arg: adds one argument, running the command first or after as the limits say. */
  private async push(arg: string, len: number, initial: boolean): Promise<void> {
    this.ctx.budget.step();
    if (this.chars + len > this.cfg.argMax) {
      if (initial || this.argv.length === this.initialArgc) this.die("cannot fit single argument within argument list size limit");
      if (this.cfg.replace !== null || (this.cfg.exitIfSize && (this.cfg.linesPerExec || this.cfg.argsPerExec))) {
        this.die("argument list too long");
      }
      await this.exec();
    }
    if (this.limitReached(initial)) await this.exec();
    this.argv.push(arg);
    this.chars += len;
    if (this.limitReached(initial)) await this.exec();
    if (initial) this.initialChars = this.chars;
  }

  /** bc_do_insert: ARG with each occurrence of the -I string replaced by the input line. */
  private async insert(arg: string, line: string): Promise<void> {
    const pattern = this.cfg.replace!;
    let left = this.cfg.argMax - 1;
    const lineBytes = byteLength(line);
    let out = "";
    let rest = arg;
    do {
      const at = pattern === "" ? -1 : rest.indexOf(pattern);
      const before = at < 0 ? rest : rest.slice(0, at);
      const n = byteLength(before);
      if (left <= n) break;
      left -= n;
      out += before;
      rest = rest.slice(before.length);
      if (at >= 0) {
        if (left <= lineBytes) break;
        left -= lineBytes;
        out += line;
        rest = rest.slice(pattern.length);
      }
    } while (rest.length);
    if (rest.length) this.die("command too long");
    await this.push(out, byteLength(out) + 1, false);
  }

  private async execIfPossible(): Promise<void> {
    if (this.cfg.replace !== null || this.initialPhase || this.argv.length === this.initialArgc || this.cfg.exitIfSize) return;
    await this.exec();
  }

  /** bc_do_exec + xargs_do_exec: runs the command line built so far, then starts a new one. */
  private async exec(): Promise<void> {
    const argv = this.argv.slice();
    this.argv.length = this.initialArgc;
    this.chars = this.initialChars;
    const { procMax } = this.cfg;
    if (procMax) while (this.running.size >= procMax) await this.reapOne();
    const shown = argv.map(quoteShell).join(" ");
    if (this.cfg.interactive) {
      // The sandbox has no terminal to ask on.
      this.ctx.stderr.write(shown);
      this.die("failed to open /dev/tty for reading: No such device or address");
    }
    if (this.cfg.verbose) this.ctx.stderr.write(shown + "\n");
    let slot = 0;
    while (this.running.has(slot)) slot++;
    if (this.cfg.openTty) {
      this.ctx.stderr.write("xargs: ‘/dev/tty’: No such device or address\n");
      this.executed = true;
      this.childError = 123;
      return;
    }
    const job = await this.cfg.launch(argv, slot);
    this.executed = true;
    this.running.set(
      slot,
      job.done.then((status) => ({ slot, status })),
    );
    if (procMax === 1) await this.reapOne();
  }

  /** wait_for_proc for one child: its status decides whether xargs goes on. */
  private async reapOne(): Promise<void> {
    const done = await Promise.race(this.running.values());
    this.running.delete(done.slot);
    const name = this.argvName();
    if (done.status === "sigpipe") {
      this.ctx.stderr.write(`xargs: ${name}: terminated by signal 13\n`);
      throw new XargsExit(125);
    }
    if (done.status === 255) {
      this.ctx.stderr.write(`xargs: ${name}: exited with status 255; aborting\n`);
      throw new XargsExit(124);
    }
    if (done.status !== 0) this.childError = 123;
  }

  private argvName(): string {
    return this.commandName;
  }

  /** Waits for every command still running (at the end, and before xargs exits early). */
  async drain(): Promise<void> {
    while (this.running.size) {
      try {
        await this.reapOne();
      } catch (e) {
        if (!(e instanceof XargsExit)) throw e;
      }
    }
  }

  /** GNU's exit path: once a command failed, 123 wins over any later status. */
  finalStatus(status: number): number {
    return this.childError !== 0 ? this.childError : status;
  }
}
