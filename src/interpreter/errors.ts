/**
 * Errors and control flow inside the interpreter. Control flow (break, continue,
 * return, exit) travels as thrown plain objects: cheap to throw (no stack
 * capture) and caught exactly where bash would stop unwinding.
 */

/** A shell error with bash's message: printed as `bash: line N: MESSAGE`, then `status`. */
// These classes declare their fields and assign them in the constructor: class fields make
// V8 compile the class body again at the first instance and are slower to define (Node 20).
export class ShellError extends Error {
  declare readonly status: number;
  /** Fatal errors end the whole script (bash: "expansion errors" in non-interactive shells). */
  declare readonly fatal: boolean;
  /** The whole report, written as is, for the few errors bash does not prefix with `line N:`. */
  declare readonly report: string | null;

  constructor(message: string, status = 1, fatal = false, report: string | null = null) {
    super(message);
    this.status = status;
    this.fatal = fatal;
    this.report = report;
    this.name = "ShellError";
  }
}

export class BreakSignal {
  declare levels: number;
  /** What the broken loop returns (1 after `break 0`, which leaves every loop). */
  declare readonly status: number;
  constructor(levels: number, status = 0) {
    this.levels = levels;
    this.status = status;
  }
}

export class ContinueSignal {
  declare levels: number;
  constructor(levels: number) {
    this.levels = levels;
  }
}

export class ReturnSignal {
  declare readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

/** `exit N`, or a fatal error: unwinds to the shell (or subshell) boundary. */
export class ExitSignal {
  declare readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

/**
 * A fatal expansion or assignment error (bad substitution, arithmetic error,
 * readonly variable): bash drops the rest of the current top-level line with
 * status 1 and reads on; eval and source return 1; a subshell exits.
 */
export class AbortLineSignal extends ExitSignal {}

/** ${x:?} or set -u's unbound variable: the shell exits 127, but a ( ) or $( ) subshell exits 1 (bash). */
export class UnboundExitSignal extends ExitSignal {}

/**
 * An indexed array's subscript that does not evaluate: bash exits the shell with status 1
 * (a subshell ends), wherever the subscript is, (( )) and let included.
 */
export class SubscriptError extends ShellError {
  constructor(message: string) {
    super(message, 1, true);
  }
}

/** How a fatal ShellError unwinds: ${x:?} and set -u exit the shell (127), so do bad subscripts (1); the rest abort the line. */
export function fatalSignal(e: ShellError): ExitSignal {
  if (e instanceof SubscriptError) return new ExitSignal(e.status);
  return e.status === 127 ? new UnboundExitSignal(e.status) : new AbortLineSignal(e.status);
}

/** set -e tripped: unwinds like exit. */
export class ErrexitSignal extends ExitSignal {}

/**
 * The status a subshell ends with when `e` unwinds out of its body: `exit`, a `return` from the
 * function it was started in, `break`/`continue` out of the loop it was started in (each ends only
 * the copy); null for anything else. ${x:?} and set -u end `( )`, `$( )` and `cmd &` with 1
 * (`unboundIsOne`) but a pipeline stage with their own 127, as bash does.
 */
export function subshellEndStatus(e: unknown, unboundIsOne: boolean): number | null {
  if (e instanceof ExitSignal) return unboundIsOne && e instanceof UnboundExitSignal ? 1 : e.status;
  if (e instanceof ReturnSignal) return e.status;
  if (e instanceof BreakSignal || e instanceof ContinueSignal) return 0;
  return null;
}
