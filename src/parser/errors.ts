/**
 * A syntax error, positioned. `incomplete` is true when more input could complete
 * the script (an open quote, a missing `fi`): the REPL then asks for another line.
 * `message` is bash's text without the "bash: -c: line N: " prefix, which
 * diagnostics add.
 */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly line: number,
    readonly incomplete: boolean,
    /** For "near unexpected token": the source line to echo under the message. */
    readonly sourceLine: string | null = null,
  ) {
    super(message);
    this.name = "ParseError";
  }
}
