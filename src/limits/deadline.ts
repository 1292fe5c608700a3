import { Budget, LimitExceeded } from "./budget.js";

/**
 * A budget inside the exec's budget with a deadline of its own: timeout(1)'s, or none for a
 * background job, which `kill` expires. The command it runs (and everything that command runs)
 * counts steps, depth and output against the exec's budget as usual, and also stops at its next
 * check once this deadline passes or `expire()` is called. Only that command sees the error:
 * timeout turns it into status 124, a killed job into 128+SIG.
 */
export class DeadlineBudget extends Budget {
  declare private readonly parent: Budget;
  declare private readonly now: () => number;
  declare private readonly until: number;
  /** The error the command under timeout ends with, once expired. */
  declare private expired: LimitExceeded | null;
  declare private ticks: number;
  /** The error this scope's deadline raises (timeout compares against it). */
  declare readonly deadlineError: LimitExceeded;

  // Assigned, not class fields (see Budget).
  constructor(parent: Budget, ms: number, now: () => number = Date.now) {
    super(parent.limits, undefined, now);
    this.parent = parent;
    this.now = now;
    this.until = ms === Infinity ? Infinity : now() + ms;
    this.expired = null;
    this.ticks = 0;
    this.deadlineError = new LimitExceeded("time", 0);
    // Loops poll `yieldDue` on the budget they were given: it must be the exec's, which step()
    // advances, or a busy loop under this scope never lets timeout's timer (or kill) run.
    Object.defineProperty(this, "yieldDue", {
      get: () => parent.yieldDue,
      set: (v: boolean) => {
        parent.yieldDue = v;
      },
    });
  }

  override pollYield(): boolean {
    return this.parent.pollYield();
  }

  override async yield(): Promise<void> {
    await this.parent.yield();
    this.checkOwn();
  }

  /** True once the deadline passed or expire() was called. */
  get isExpired(): boolean {
    return this.expired !== null || this.now() > this.until;
  }

  /** Ends the command under this budget at its next check. */
  expire(): void {
    this.expired = this.deadlineError;
  }

  private checkOwn(): void {
    if (this.expired) throw this.expired;
    if (this.now() > this.until) throw (this.expired = this.deadlineError);
  }

  override step(n = 1): void {
    if (this.expired) throw this.expired;
    this.parent.step(n);
    if ((this.ticks += n) >= 256) {
      this.ticks = 0;
      this.checkOwn();
    }
  }

  override checkTime(): void {
    this.parent.checkTime();
    this.checkOwn();
  }

  /** A timer set from remainingMs() fired: the nearer deadline, this one or the exec's, ends it. */
  override timerFired(): LimitExceeded {
    if (this.expired) return this.expired;
    if (this.until - this.now() <= this.parent.remainingMs()) return (this.expired = this.deadlineError);
    return this.parent.timerFired();
  }

  override remainingMs(): number {
    return Math.max(0, Math.min(this.parent.remainingMs(), this.until - this.now()));
  }

  override kill(e: LimitExceeded): void {
    if (!this.expired) this.expired = e;
  }

  override enter(): void {
    this.parent.enter();
  }

  override leave(): void {
    this.parent.leave();
  }

  override get unwindDue(): boolean {
    return this.parent.unwindDue;
  }

  override chargeOutput(n: number): number {
    return this.parent.chargeOutput(n);
  }
}
