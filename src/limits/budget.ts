import { setAlarm } from "./alarm.js";
import type { Limits } from "./limits.js";

/** Which limit tripped. The exit status for each is documented in the README. */
export type LimitKind =
  | "time"
  | "steps"
  | "output"
  | "depth"
  | "fs-bytes"
  | "fs-files"
  | "string"
  | "array"
  | "aborted";

const LIMIT_NAME: Record<LimitKind, string> = {
  time: "timeoutMs",
  steps: "maxSteps",
  output: "maxOutputBytes",
  depth: "maxCallDepth",
  "fs-bytes": "maxFileSystemBytes",
  "fs-files": "maxFileCount",
  string: "maxStringLength",
  array: "maxArrayElements",
  aborted: "signal",
};

const LIMIT_TEXT: Record<LimitKind, string> = {
  time: "time limit exceeded",
  steps: "step limit exceeded",
  output: "output limit exceeded",
  depth: "maximum call depth exceeded",
  "fs-bytes": "filesystem size limit exceeded",
  "fs-files": "file count limit exceeded",
  string: "string length limit exceeded",
  array: "array size limit exceeded",
  aborted: "aborted",
};

/** Exit status of an exec ended by each limit. */
export const LIMIT_STATUS: Record<LimitKind, number> = {
  time: 124,
  steps: 125,
  output: 125,
  depth: 125,
  "fs-bytes": 125,
  "fs-files": 125,
  string: 125,
  array: 125,
  aborted: 130,
};

/** How long a busy exec may hold the host's event loop before it yields. */
const YIELD_EVERY_MS = 25;

/** Runs f as a new task (after pending timers and I/O), in every runtime. */
const macrotask: (f: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === "function"
    ? (f) => (globalThis as unknown as { setImmediate: (f: () => void) => void }).setImmediate(f)
    : (f) => setTimeout(f, 0);

/** Ends the whole exec. Only Bash.exec catches it. */
export class LimitExceeded extends Error {
  declare readonly kind: LimitKind;
  declare readonly limit: number;

  constructor(kind: LimitKind, limit: number) {
    super(
      kind === "aborted"
        ? "sandbash: aborted"
        : `sandbash: ${LIMIT_TEXT[kind]} (${LIMIT_NAME[kind]}=${limit})`,
    );
    this.kind = kind;
    this.limit = limit;
    this.name = "LimitExceeded";
  }
  get status(): number {
    return LIMIT_STATUS[this.kind];
  }
}

/**
 * The budget of one exec: counters plus the deadline. Every check of a limit
 * happens here, so a tripped limit always reads the same way.
 */
export class Budget {
  declare readonly limits: Limits;
  declare private readonly signal: AbortSignal | undefined;
  declare private readonly clock: () => number;
  declare steps: number;
  declare depth: number;
  declare outputBytes: number;
  declare private readonly deadline: number;
  declare private tick: number;
  declare private killed: LimitExceeded | null;
  /** Set when the exec has run this long without letting the host's event loop in. */
  declare yieldDue: boolean;
  declare private lastYield: number;
  declare private probes: number;

  // Assigned, not class fields: a class field makes V8 compile the whole class body
  // again when the first instance is made (cold start, bench/startup.ts).
  constructor(limits: Limits, signal?: AbortSignal, clock: () => number = Date.now) {
    this.limits = limits;
    this.signal = signal;
    this.clock = clock;
    this.steps = 0;
    this.depth = 0;
    this.outputBytes = 0;
    this.deadline = limits.timeoutMs === Infinity ? Infinity : clock() + limits.timeoutMs;
    this.tick = 0;
    this.killed = null;
    this.yieldDue = false;
    this.lastYield = 0;
    this.probes = 0;
  }

  /**
   * For streams (pipe writes, captured output): true when it is time to let the
   * host's event loop run. Cheap: reads the clock once per 64 calls.
   */
  pollYield(): boolean {
    if (this.yieldDue) return true;
    if (++this.probes < 64) return false;
    this.probes = 0;
    const now = this.clock();
    if (this.lastYield === 0) this.lastYield = now;
    else if (now - this.lastYield >= YIELD_EVERY_MS) this.yieldDue = true;
    return this.yieldDue;
  }

  /** Ends everything still running on this budget (the other stages of a pipeline, background jobs). */
  kill(e: LimitExceeded): void {
    this.killed = e;
  }

  /** A limit tripped: everything else on this budget stops at its next check too. */
  private trip(e: LimitExceeded): LimitExceeded {
    if (!this.killed) this.killed = e;
    return e;
  }

  /** One unit of work: a command, an iteration, a call. Checks time every 1024 steps. */
  step(n = 1): void {
    if (this.killed) throw this.killed;
    this.steps += n;
    if (this.steps > this.limits.maxSteps) throw this.trip(new LimitExceeded("steps", this.limits.maxSteps));
    if ((this.tick += n) >= 1024) {
      this.tick = 0;
      this.checkTime();
      const now = this.clock();
      if (this.lastYield === 0) this.lastYield = now;
      else if (now - this.lastYield >= YIELD_EVERY_MS) this.yieldDue = true;
    }
  }

  /**
   * Lets timers and other tasks run (an abort signal, a REPL's Ctrl-C), then
   * re-checks the limits. Loops call it when yieldDue is set.
   */
  async yield(): Promise<void> {
    this.yieldDue = false;
    await new Promise<void>((resolve) => macrotask(resolve));
    this.lastYield = this.clock();
    this.checkTime();
  }

  /** Checks the deadline and the abort signal now. */
  checkTime(): void {
    if (this.killed) throw this.killed;
    if (this.signal?.aborted) throw this.trip(new LimitExceeded("aborted", 0));
    if (this.clock() > this.deadline) throw this.trip(new LimitExceeded("time", this.limits.timeoutMs));
  }

  /**
   * A timer set from remainingMs() fired: the time limit, even when the clock reads a hair short
   * of the deadline (a timer may fire a millisecond early), or the abort.
   */
  timerFired(): LimitExceeded {
    if (this.killed) return this.killed;
    if (this.signal?.aborted) return this.trip(new LimitExceeded("aborted", 0));
    return this.trip(new LimitExceeded("time", this.limits.timeoutMs));
  }

  /** Milliseconds left before the deadline (Infinity when there is none). */
  remainingMs(): number {
    return this.deadline === Infinity ? Infinity : Math.max(0, this.deadline - this.clock());
  }

  /**
   * Settles with p, or fails with the time limit at the deadline when p is still pending: an exec
   * whose commands all wait on one another (a reader on a pipe its own shell holds open) has no
   * step left to check the clock in.
   */
  guard<T>(p: Promise<T>): Promise<T> {
    const ms = this.remainingMs();
    if (ms === Infinity) return p;
    return new Promise<T>((resolve, reject) => {
      const cancel = setAlarm(Date.now() + ms + 50, () => reject(this.timerFired()));
      // Settling after the deadline is ignored (the promise has already failed).
      p.then(
        (v) => {
          cancel();
          resolve(v);
        },
        (e: unknown) => {
          cancel();
          reject(e);
        },
      );
    });
  }

  /** Enters a nested call (function, source, eval, subshell, substitution). */
  enter(): void {
    if (++this.depth > this.limits.maxCallDepth) {
      this.depth--;
      throw new LimitExceeded("depth", this.limits.maxCallDepth);
    }
  }

  leave(): void {
    this.depth--;
  }

  /**
   * True every few nesting levels: the caller then awaits once, which unwinds
   * the synchronous JavaScript stack, so deep shell recursion reaches
   * maxCallDepth long before the host's stack does.
   */
  get unwindDue(): boolean {
    return (this.depth & 15) === 0;
  }

  /** Checks the length of a string value about to be stored. */
  checkString(length: number): void {
    if (length > this.limits.maxStringLength) {
      throw new LimitExceeded("string", this.limits.maxStringLength);
    }
  }

  /** Counts output kept for the caller; returns how many of n bytes fit. */
  chargeOutput(n: number): number {
    const room = this.limits.maxOutputBytes - this.outputBytes;
    const fit = Math.max(0, Math.min(room, n));
    this.outputBytes += fit;
    return fit;
  }
}
