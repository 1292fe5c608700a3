/**
 * Errors and control flow inside the interpreter. Control flow (break, continue,
 * return, exit) travels as thrown plain objects: cheap to throw (no stack
 * capture) and caught exactly where bash would stop unwinding.
 */

/** A shell error with bash's message: printed as `bash: line N: MESSAGE`, then `status`. */
export class ShellError extends Error {
  constructor(
    message: string,
    readonly status = 1,
    /** Fatal errors end the whole script (bash: "expansion errors" in non-interactive shells). */
    readonly fatal = false,
    /** The whole report, written as is, for the few errors bash does not prefix with `line N:`. */
    readonly report: string | null = null,
  ) {
    super(message);
    this.name = "ShellError";
  }
}

export class BreakSignal {
  /** `status`: what the broken loop returns (1 after `break 0`, which leaves every loop). */
  constructor(public levels: number, readonly status = 0) {}
}

export class ContinueSignal {
  constructor(public levels: number) {}
}

export class ReturnSignal {
  constructor(readonly status: number) {}
}

/** `exit N`, or a fatal error: unwinds to the shell (or subshell) boundary. */
export class ExitSignal {
  constructor(readonly status: number) {}
}

/**
 * A fatal expansion or assignment error (bad substitution, arithmetic error,
 * readonly variable): bash drops the rest of the current top-level line with
 * status 1 and reads on; eval and source return 1; a subshell exits.
 */
export class AbortLineSignal extends ExitSignal {}

/** ${x:?} or set -u's unbound variable: the shell exits 127, but a ( ) or $( ) subshell exits 1 (bash). */
export class UnboundExitSignal extends ExitSignal {}

/** How a fatal ShellError unwinds: ${x:?} and set -u exit the shell (127), the rest abort the line. */
export function fatalSignal(e: ShellError): ExitSignal {
  return e.status === 127 ? new UnboundExitSignal(e.status) : new AbortLineSignal(e.status);
}

/** set -e tripped: unwinds like exit. */
export class ErrexitSignal extends ExitSignal {}
