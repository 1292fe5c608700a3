import type { Command, SimpleCommand } from "../parser/ast.js";
import { ArrayAssignParseError, CondParseError, ParseError } from "../parser/errors.js";
import { Parser } from "../parser/parser.js";
import { AbortLineSignal, UnboundExitSignal } from "./errors.js";
import { runList } from "./exec.js";
import type { FdTable } from "./io.js";
import { scriptName, writeErr } from "./report.js";
import type { Shell } from "./shell.js";

/** How a script text came to run: decides the syntax-error prefix. */
export type ScriptKind =
  | { kind: "c" }
  | { kind: "file"; name: string; sourced?: boolean }
  | { kind: "eval" }
  /**
   * A trap's action. `tag` names it in syntax errors ("exit trap", "trap"); `ownLines`: its lines
   * count from 1 (signal and EXIT traps), else from the running command's line (ERR, DEBUG, RETURN).
   */
  | { kind: "trap"; tag: string; ownLines: boolean };

/** The prefix bash puts before a syntax error message. */
function syntaxPrefix(sh: Shell, k: ScriptKind, line: number): string {
  switch (k.kind) {
    case "c":
      return `${sh.argv0}: -c: line ${line}: `;
    case "file":
      return `${k.name}: line ${line}: `;
    case "eval":
      return `${scriptName(sh)}: eval: line ${line}: `;
    case "trap":
      return `${scriptName(sh)}: ${k.tag}: line ${line}: `;
  }
}

/** Prints a syntax error the way bash does (message, then the offending line for token errors). */
export function reportSyntaxError(sh: Shell, io: FdTable, k: ScriptKind, e: ParseError, lineOffset = 0): void {
  const line = e.line + lineOffset;
  let text = e.message
    .split("\n")
    .map((m) => syntaxPrefix(sh, k, line) + m + "\n")
    .join("");
  if (e.sourceLine !== null) text += syntaxPrefix(sh, k, line) + "`" + e.sourceLine + "'\n";
  writeErr(io, text);
}

/**
 * Parses and runs a script one top-level line at a time, as bash does: lines
 * before a syntax error run first. A syntax error yields status 2.
 */
export async function runScriptText(sh: Shell, text: string, io: FdTable, k: ScriptKind): Promise<number> {
  // eval counts lines from the line bash gave the eval command.
  const parser = new Parser(text, k.kind === "eval" || (k.kind === "trap" && !k.ownLines) ? Math.max(1, sh.line) : 1);
  let status = 0;
  for (;;) {
    let list;
    parser.aliases = sh.shopts.has("expand_aliases") && sh.aliases.size ? sh.aliases : null;
    parser.extglob = sh.shopts.has("extglob");
    const lineStart = parser.pos;
    try {
      list = parser.parseNextLine();
    } catch (e) {
      // A here-document that met the end of input warns before the error that follows it.
      flushWarnings(sh, io, k, parser);
      if (e instanceof CondParseError) return condSyntaxError(sh, io, k, e);
      if (e instanceof ArrayAssignParseError) {
        // bash drops the line with status 1 and reads on (eval, source and traps return).
        reportSyntaxError(sh, io, k, e);
        status = sh.lastStatus = 1;
        if (k.kind === "eval" || k.kind === "trap" || (k.kind === "file" && k.sourced)) return status;
        parser.resumeAt(e.resumeAt);
        continue;
      }
      if (e instanceof ParseError) {
        reportSyntaxError(sh, io, k, e);
        // A token error inside $( ) ends the shell with 127 (a subshell with 1), unless the text
        // is a script file bash runs; the lexer's end of input keeps the last status.
        const substTokenError = e.inSubstitution && e.message.startsWith("syntax error near unexpected token");
        if (substTokenError && k.kind !== "c" && !(k.kind === "file" && !k.sourced)) throw new UnboundExitSignal(127);
        let status = k.kind === "c" && substTokenError ? 127 : 2;
        if (e.lexicalEof && (k.kind === "c" || (k.kind === "file" && !k.sourced))) status = sh.lastStatus || 2;
        sh.lastStatus = status;
        return status;
      }
      throw e;
    }
    flushWarnings(sh, io, k, parser);
    if (!list) break;
    // set -v echoes each line as it is read; set -n reads without running.
    if (sh.options.has("verbose")) {
      const read = text.slice(lineStart, parser.pos).replace(/^\n+/, "");
      writeErr(io, read.endsWith("\n") ? read : read + "\n");
    }
    if (sh.options.has("noexec")) continue;
    // Nothing left of a -c string: its last command may be exec'd (simple.ts, SHLVL).
    if (k.kind === "c" && parser.pos >= text.length && list.length) sh.lastCommandOfC = execCandidate(list[list.length - 1].command);
    try {
      status = await runList(sh, list, io);
    } catch (e) {
      if (!(e instanceof AbortLineSignal)) throw e;
      // The rest of this line is dropped; a script reads on, eval/source/traps return.
      status = sh.lastStatus = e.status;
      if (k.kind === "eval" || k.kind === "trap" || (k.kind === "file" && k.sourced)) return status;
    }
  }
  return status;
}

function flushWarnings(sh: Shell, io: FdTable, k: ScriptKind, parser: Parser): void {
  if (!parser.warnings.length) return;
  for (const w of parser.warnings) writeErr(io, `${k.kind === "file" ? k.name : sh.argv0}: ${w}\n`);
  parser.warnings.length = 0;
}

/**
 * A `[[ ]]` syntax error: bash prints the message alone (no source line);
 * eval, source and traps return 2, while a script ends with the last
 * status, or with it or 2 (when it was 0) when the error met the end of the input.
 */
function condSyntaxError(sh: Shell, io: FdTable, k: ScriptKind, e: CondParseError): number {
  if (e.message) writeErr(io, e.message.split("\n").map((m, i) => syntaxPrefix(sh, k, e.lines?.[i] ?? e.line) + m + "\n").join(""));
  // Meeting the end of input keeps the last status too, but not 0 (as lexicalEof).
  let status = k.kind === "eval" || k.kind === "trap" || (k.kind === "file" && k.sourced) ? 2 : e.lexical || e.atEnd ? sh.lastStatus || 2 : sh.lastStatus;
  // As for token errors, bash -c exits 127 after one inside $( ) or <( ).
  if (k.kind === "c" && e.inSubstitution && !e.atEnd && !e.lexical) status = 127;
  sh.lastStatus = status;
  return status;
}

/** The simple command bash would exec when cmd ends a -c string (its should_suppress_fork). */
function execCandidate(cmd: Command): SimpleCommand | null {
  switch (cmd.type) {
    case "Simple":
      return cmd.redirects.length === 0 ? cmd : null;
    case "AndOr":
      return execCandidate(cmd.right);
    case "Subshell":
      return cmd.redirects.length === 0 && cmd.body.length ? execCandidate(cmd.body[cmd.body.length - 1].command) : null;
    default:
      return null;
  }
}
