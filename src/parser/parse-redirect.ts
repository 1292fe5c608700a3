/**
 * Redirections and here-documents: the operators and their targets, the here-documents a line
 * queues and reads at its newline, and their bodies. A layer between TokenParser and
 * CommandParser.
 */
import type { HeredocError, Redirect, Word } from "./ast.js";
import { ParseError, heredocError, unclosedInHeredoc } from "./errors.js";
import * as scanner from "./scanner.js";
import * as parseWord from "./parse-word.js";
import { TokenParser } from "./parse-tokens.js";
import * as tokens from "./tokens.js";
import { relocate, sourceOffset } from "./relocate.js";

// Bound once at load (see parse-word.ts).
const { append, finish } = scanner;
const { NORMAL } = parseWord;
const { redirectOpAt } = tokens;

export interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  quoted: boolean;
  strip: boolean;
}

export abstract class RedirectParser extends TokenParser {
  /** Here-documents waiting for their bodies at the next newline (null: none; most parses have none). */
  declare private heredocs: PendingHeredoc[] | null;
  /** Warnings the runner prints (a here-document ended by end of input). */
  declare warnings: string[];
  /** How many $( ) or <( ) bodies the cursor is in (their here-documents end differently). */
  declare protected substDepth: number;
  /** Where the innermost $( ) or <( ) body starts (-1: none). */
  declare protected substBodyStart: number;
  /** Set by heredocBodyWord when the body just read holds a `$( )` that does not parse. */
  declare private heredocError: HeredocError | null;

  // Assigned, not class fields (see Scanner).
  constructor(src: string, firstLine?: number) {
    super(src, firstLine);
    this.heredocs = null;
    this.warnings = [];
    this.substDepth = 0;
    this.substBodyStart = -1;
    this.heredocError = null;
  }

  /** Consumes one newline and reads any here-document bodies queued on its line. */
  protected consumeNewline(): void {
    this.pos++;
    if (this.heredocs !== null) this.readHeredocBodies();
  }

  /** Redirections after a compound command. */
  protected parseTrailingRedirects(): Redirect[] {
    let out: Redirect[] | null = null;
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) return finish(out);
      out = append(out, r);
    }
  }

  /** Goes on parsing at `pos` after an error that bash survives (see ArrayAssignParseError). */
  resumeAt(pos: number): void {
    this.pos = pos;
    this.heredocs = null;
  }

  /** A redirection at the cursor, after blanks ([n]op word, {var}op word), or null. */
  protected tryRedirect(): Redirect | null {
    const s = this.src;
    const start = this.pos;
    // Only a digit, `{`, `<`, `>` or `&` can start a redirection: most words leave here.
    const c0 = s.charCodeAt(start);
    if (!(c0 >= 48 && c0 <= 57) && c0 !== 123 && c0 !== 60 && c0 !== 62 && c0 !== 38) return null;
    let fd: number | null = null;
    let fdVar: string | null = null;
    let i = start;
    while (i < s.length && s[i] >= "0" && s[i] <= "9") i++;
    if (i > start && (s[i] === "<" || s[i] === ">")) {
      fd = Number(s.slice(start, i));
    } else if (s[start] === "{") {
      // {name} or an array element {name[subscript]} (bash's valid_array_reference).
      const m = /^\{([A-Za-z_][A-Za-z0-9_]*(?:\[[^\]\n]+\])?)\}[<>]/.exec(s.slice(start, start + 300));
      if (m) {
        fdVar = m[1];
        i = start + m[0].length - 1;
      } else i = start;
    } else i = start;
    this.pos = i;
    const op = redirectOpAt(this.src, this.pos);
    if (!op || ((fd !== null || fdVar !== null) && (op === "&>" || op === "&>>"))) {
      this.pos = start;
      return null;
    }
    this.pos += op.length;
    // A `#` starting the target starts a comment, as after any operator.
    this.skipBlanksAndComment();
    if (op === "<<" || op === "<<-") return this.parseHeredocStart(start, fd, op);
    this.rejectRedirectionAsTarget();
    const target = this.readWord(NORMAL);
    if (!target) {
      const t = this.peekOperator();
      throw this.syntaxError(t || (this.atEnd() ? "newline" : this.peek()));
    }
    return { pos: start, end: this.pos, line: this.lineAt(start), fd, fdVar, op, target, heredoc: null };
  }

  /**
   * A target that is itself the start of a redirection (`> 2>&1`, `> {fd}>x`): bash's reader makes
   * the number or {name} part of that redirection, so the first one has no target.
   */
  private rejectRedirectionAsTarget(): void {
    const s = this.src;
    let i = this.pos;
    while (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    const c = s.charCodeAt(i);
    if (i > this.pos && (c === 60 || c === 62)) throw this.syntaxError(s.slice(this.pos, i));
    if (s.charCodeAt(this.pos) !== 123) return;
    // bash names this one without "unexpected token", the operator's first character included.
    const m = /^\{[A-Za-z_][A-Za-z0-9_]*\}[<>]/.exec(s.slice(this.pos, this.pos + 300));
    if (m === null) return;
    throw new ParseError(`syntax error near \`${m[0]}'`, this.pos, this.lineAt(this.pos), false, this.lineText(this.pos));
  }

  private parseHeredocStart(start: number, fd: number | null, op: "<<" | "<<-"): Redirect {
    const wordStart = this.pos;
    const w = this.readWord(NORMAL);
    if (!w) throw this.syntaxError(this.peekOperator() || "newline");
    let delimiter = "";
    let quoted = false;
    for (const p of w.parts) {
      if (p.type === "Literal") delimiter += p.value;
      else if (p.type === "SingleQuoted" || p.type === "Escaped") {
        delimiter += p.value;
        quoted = true;
      } else if (p.type === "DoubleQuoted") {
        quoted = true;
        delimiter += this.src.slice(p.pos + 1, p.end - 1);
      } else delimiter += this.src.slice(p.pos, p.end);
    }
    void wordStart;
    const redirect: Redirect = {
      pos: start, end: this.pos, line: this.lineAt(start), fd, fdVar: null, op, target: w,
      heredoc: { body: { pos: this.pos, end: this.pos, parts: [] }, quoted, delimiter },
    };
    (this.heredocs ??= []).push({ redirect, delimiter, quoted, strip: op === "<<-" });
    return redirect;
  }

  /** Sets the queued here-documents aside and returns them: a $( ) body reads only its own. */
  protected takeHeredocs(): PendingHeredoc[] | null {
    const outer = this.heredocs;
    this.heredocs = null;
    return outer;
  }

  /**
   * Puts back the here-documents set aside for a $( ) body (at its `)`). Those the body left
   * open are read after them, from the line the substitution ends on; bash warns about them.
   */
  protected restoreHeredocs(outer: PendingHeredoc[] | null, warn: boolean): void {
    const open = this.heredocs;
    if (open === null) {
      this.heredocs = outer;
      return;
    }
    if (warn) {
      const n = open.length;
      this.warnings.push(`line ${this.lineAt(this.pos)}: warning: command substitution: ${n} unterminated here-document${n > 1 ? "s" : ""}`);
    }
    this.heredocs = outer === null ? open : [...outer, ...open];
  }

  /**
   * A token error after a complete command of a top-level line: bash reads the line's pending
   * here-documents first (warning if one meets the end) and names the line it then is on.
   */
  protected afterLineHeredocs(e: ParseError): ParseError {
    if (this.heredocs === null) return e;
    const nl = this.src.indexOf("\n", this.pos);
    this.pos = nl < 0 ? this.src.length : nl + 1;
    this.readHeredocBodies();
    return new ParseError(e.message, e.pos, this.lineAt(Math.max(0, this.pos - 1)), e.incomplete, e.sourceLine);
  }

  /** Reads the bodies of queued here-documents, starting at the cursor (a line start). */
  protected readHeredocBodies(): void {
    const pending = this.heredocs;
    this.heredocs = null;
    if (pending === null) return;
    for (const h of pending) {
      const bodyStart = this.pos;
      let text = "";
      // Text offsets where `<<-` dropped a tab: see relocate.
      const removed: number[] = [];
      let found = false;
      while (this.pos < this.src.length) {
        let nl = this.src.indexOf("\n", this.pos);
        if (nl < 0) nl = this.src.length;
        let lineText = this.src.slice(this.pos, nl);
        if (h.strip && lineText.charCodeAt(0) === 9) {
          const tabs = lineText.length - lineText.replace(/^\t+/, "").length;
          lineText = lineText.slice(tabs);
          for (let k = 0; k < tabs; k++) removed.push(text.length);
        }
        this.pos = Math.min(nl + 1, this.src.length);
        if (lineText === h.delimiter) {
          found = true;
          break;
        }
        // Inside $( ) bash ends the body at a line that starts with the delimiter and reads on
        // right after it, so `EOF)` closes the substitution; it warns as at the end of input.
        if (this.substDepth > 0 && h.delimiter !== "" && lineText.startsWith(h.delimiter)) {
          this.pos = nl - (lineText.length - h.delimiter.length);
          this.onHeredocEof(h.delimiter, bodyStart, this.lineAt(this.pos));
          found = true;
          break;
        }
        text += lineText + "\n";
      }
      if (!found) this.onHeredocEof(h.delimiter, bodyStart);
      h.redirect.heredoc!.body = this.heredocBodyWord(text, bodyStart, h.quoted, removed);
      if (this.heredocError !== null) {
        h.redirect.heredoc!.error = this.heredocError;
        this.heredocError = null;
      }
    }
  }



  /**
   * bash warns and uses what was read. Its lines are its reader's count: the last line read
   * (a final newline starts none), and for the body the line read before it began.
   */
  protected onHeredocEof(delimiter: string, bodyStart: number, line = this.endLine() - 1): void {
    const from = this.lineAt(Math.max(0, bodyStart - 1));
    this.warnings.push(`line ${line}: warning: here-document at line ${from} delimited by end-of-file (wanted \`${delimiter}')`);
  }

  private heredocBodyWord(text: string, pos: number, quoted: boolean, removed: readonly number[]): Word {
    const end = sourceOffset(text.length, pos, removed, true);
    if (quoted || !/[$`\\]/.test(text)) {
      return { pos, end, parts: text ? [{ type: "Literal", pos, end, value: text }] : [] };
    }
    const sub = this.subParser(text, this.lineAt(pos));
    try {
      const parts = sub.readDquoteParts("");
      for (const p of parts) {
        // bash's "bad substitution" in a here-document quotes the whole body.
        if (p.type === "Param" && p.op?.kind === "bad") p.op.quoted = text;
      }
      relocate(parts, pos, removed);
      return { pos, end, parts };
    } catch (e) {
      if (e instanceof ParseError && e.incomplete && e.substStart < 0 && e.message.startsWith("unexpected EOF while looking for matching")) {
        return { pos, end, parts: [unclosedInHeredoc(e.message, text, pos, end)] };
      }
      if (!(e instanceof ParseError) || e.substStart < 0 || e.message === "maximum nesting depth exceeded") throw e;
      this.heredocError = heredocError(e, text, sub.lineAt(e.substStart));
      return { pos, end, parts: [] };
    }
  }

  /** A parser over other text (here-document bodies, backquote bodies). */
  protected abstract subParser(text: string, firstLine: number): RedirectParser;

  /** True when here-documents are still waiting for their bodies (end of input). */
  protected flushHeredocsAtEof(): void {
    if (this.heredocs !== null) this.readHeredocBodies();
  }
}
