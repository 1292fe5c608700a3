import type { HeredocError, WordPart } from "./ast.js";

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

  /** Raised while parsing a `$( )` or `<( )` body (bash -c exits 127 after such a token error). */
  inSubstitution = false;

  /** Where the innermost `$(` holding the error starts (-1: none); here-documents report from it. */
  substStart = -1;

  /**
   * bash's lexer ran out of input inside a quote or bracket: a -c string or script then ends
   * with the last command's status (2 when that was 0), not with 2.
   */
  lexicalEof = false;

  /** The bad token follows a complete command of a top-level line (see afterLineHeredocs). */
  afterCommand = false;
}

/**
 * A syntax error inside `[[ ]]`. bash reports these without the offending line
 * (some with no message at all: `[[ ]]`, `[[ ! ]]`) and ends the script with the
 * last command's status, or 2 when the error ran into the end of the input
 * before anything ran. `atEnd`: nothing but blanks follows the error.
 */
export class CondParseError extends ParseError {
  constructor(
    message: string, pos: number, line: number, incomplete: boolean, readonly atEnd: boolean,
    /** The line each message line is reported at, when they differ (default: all at `line`). */
    readonly lines: number[] | null = null,
    /** From bash's lexer (EOF inside the regex's parentheses): status 2, like other syntax errors. */
    readonly lexical = false,
  ) {
    super(message, pos, line, incomplete, null);
    this.name = "ParseError";
  }

  /** The same error with one more message line, reported at `line` (bash's "expected `)'" after an error inside parentheses). */
  withLine(message: string, line: number): CondParseError {
    const text = this.message ? `${this.message}\n${message}` : message;
    const lines = this.lines ?? (this.message ? this.message.split("\n").map(() => this.line) : []);
    return new CondParseError(text, this.pos, this.line, this.incomplete, this.atEnd, [...lines, line], this.lexical);
  }
}

/**
 * A syntax error inside `a=( ... )`: bash's lexer reads the whole compound word
 * first, so the error drops the rest of that line with status 1 and the script
 * reads on from `resumeAt` (the start of the next line).
 */
export class ArrayAssignParseError extends ParseError {
  constructor(
    cause: ParseError,
    readonly resumeAt: number,
  ) {
    super(cause.message, cause.pos, cause.line, cause.incomplete, cause.sourceLine);
    this.name = "ParseError";
  }
}

/**
 * What bash reports for a `$( )` in a here-document body that does not parse: its
 * line counts from the command's line by the lines the substitution spans up to the
 * error, and the source line it echoes starts after the `$(`.
 */
export function heredocError(e: ParseError, text: string, substLine: number): HeredocError {
  let sourceLine: string | null = null;
  if (e.sourceLine !== null) {
    const from = Math.max(text.lastIndexOf("\n", e.pos - 1) + 1, e.substStart + 2);
    const to = text.indexOf("\n", from);
    sourceLine = text.slice(from, to < 0 ? text.length : to);
  }
  return { message: e.message, lineOffset: e.line - substLine + 1, sourceLine, raw: text };
}

/**
 * A ${, $(( or ` left open in a here-document body: bash reports a bad substitution when the
 * body is expanded (status 1), naming the whole body, or the text from the backquote on.
 */
export function unclosedInHeredoc(message: string, text: string, pos: number, end: number): WordPart {
  const closer = message.charAt(message.length - 2);
  const report =
    closer === "}" ? `${text}: bad substitution`
    : closer === "`" ? `bad substitution: no closing "\`" in ${text.slice(text.lastIndexOf("`"))}`
    : `bad substitution: no closing \`${closer}' in ${text}`;
  return { type: "Param", pos, end, name: "", index: null, indirect: false, op: { kind: "bad", text, quoted: text, report }, short: false };
}
