import type {
  Assignment,
  Command,
  HeredocError,
  Redirect,
  SimpleCommand,
  Statement,
  StatementList,
  Word,
} from "./ast.js";
import { ParseError, heredocError, unclosedInHeredoc } from "./errors.js";
import * as scanner from "./scanner.js";
import * as parseWord from "./parse-word.js";
import { TokenParser } from "./parse-tokens.js";
import * as tokens from "./tokens.js";
import * as commandLine from "./command-line.js";
import * as fast from "./fast-statement.js";
import { relocate, sourceOffset } from "./relocate.js";

// Bound once at load: where modules are compiled one by one (tsx, vitest), every use of an imported
// name is a getter call on the module object, which cost about a tenth of the parse time.
const { append, finish, fit, isMeta, isName, META_CODES, uniformText } = scanner;
const { NORMAL } = parseWord;
const { redirectOpAt } = tokens;
const { simpleCommandLine } = commandLine;
const { fastStatement } = fast;

/** Words that end a compound list when they appear in command position. */
const LIST_END = new Set(["then", "else", "elif", "fi", "do", "done", "esac", "}"]);
/** ASCII codes that start a plain argument word: not a metacharacter, digit (`2>`), `{` (`{fd}>`) or `#`. */
const PLAIN_WORD_START = new Uint8Array(128);
for (let c = 33; c < 127; c++) PLAIN_WORD_START[c] = 1;
for (const c of ";&|()<>{#0123456789") PLAIN_WORD_START[c.charCodeAt(0)] = 0;
/** declare, typeset, local, export, readonly: their name=value arguments are assignments. */
function isDeclaration(w: string): boolean {
  // Compared directly: a Set lookup would hash every command name.
  return w === "declare" || w === "typeset" || w === "local" || w === "export" || w === "readonly";
}

export interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  quoted: boolean;
  strip: boolean;
}

/**
 * Lists, pipelines, simple commands, redirections and here-documents.
 * Compound commands are parsed by the subclass (parse-compound.ts).
 */
export abstract class CommandParser extends TokenParser {
  /** Here-documents waiting for their bodies at the next newline (null: none; most parses have none). */
  declare private heredocs: PendingHeredoc[] | null;
  /** The previous alias value ended in a blank: the next word is alias-checked too. */
  declare private aliasNext: boolean;
  /** Where the last command-start alias check was (-1: none): a command is checked once. */
  declare private aliasCheckedAt: number;
  /** Aliases to expand in command position (null: expand_aliases is off). */
  declare aliases: ReadonlyMap<string, string> | null;
  /** Spliced alias texts: an alias is not expanded again inside its own expansion. */
  declare private aliasRegions: Array<{ name: string; start: number; end: number }> | null;
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
    this.aliasNext = false;
    this.aliasCheckedAt = -1;
    this.aliases = null;
    this.aliasRegions = null;
    this.warnings = [];
    this.substDepth = 0;
    this.substBodyStart = -1;
    this.heredocError = null;
  }

  /**
   * Replaces an alias name at the cursor with its value, as bash does while
   * reading. Returns whether the value ends in a blank (then the next word is
   * checked too).
   */
  protected expandAlias(): boolean {
    const aliases = this.aliases;
    if (!aliases || aliases.size === 0) return false;
    this.skipBlanks();
    const s = this.src;
    let i = this.pos;
    while (i < s.length && !isMeta(s[i]) && !"'\"\\$`=".includes(s[i])) i++;
    if (i === this.pos || (i < s.length && !isMeta(s[i]))) return false;
    const name = s.slice(this.pos, i);
    const value = aliases.get(name);
    if (value === undefined) return false;
    const at = this.pos;
    const regions = (this.aliasRegions ??= []);
    if (regions.some((r) => r.name === name && at >= r.start && at < r.end)) return false;
    this.src = uniformText(s.slice(0, at) + value + s.slice(i));
    this.textChangedAt(at);
    const delta = value.length - (i - at);
    for (const r of regions) {
      if (r.start > at) r.start += delta;
      if (r.end > at) r.end += delta;
    }
    regions.push({ name, start: at, end: at + value.length });
    if (this.expandAlias()) return true;
    return /[ \t]$/.test(value);
  }

  /**
   * Expands an alias where a command starts, once per position: lists check before they look
   * for a closing reserved word (bash expands `done` or `}` from an alias too), parseCommand after.
   * Returns whether the text changed (a list then looks at it again: it may be a comment).
   */
  protected expandCommandAlias(): boolean {
    this.skipBlanks();
    if (this.aliasCheckedAt === this.pos) return false;
    const before = this.src;
    this.aliasNext = this.expandAlias();
    this.aliasCheckedAt = this.pos;
    return this.src !== before;
  }

  /** Parses a compound command at the cursor, or returns null if none starts here. */
  protected abstract parseCompound(): Command | null;

  /** Consumes one newline and reads any here-document bodies queued on its line. */
  protected consumeNewline(): void {
    this.pos++;
    if (this.heredocs !== null) this.readHeredocBodies();
  }

  /** Skips blank lines and comments. */
  protected skipNewlines(): void {
    while (this.peekOperator() === "\n") this.consumeNewline();
  }

  /**
   * list := and_or ((';' | '&' | newline) and_or)* — ends at a closing reserved word,
   * `)`, a case terminator or EOF. `top` lists stop after one line (see parseNextLine).
   */
  parseList(): StatementList {
    let list: StatementList | null = null;
    for (;;) {
      this.skipNewlines();
      if (this.atEnd()) break;
      if (this.aliases !== null && this.expandCommandAlias()) continue;
      const op = this.peekOperator();
      if (op === ")" || op === ";;" || op === ";&" || op === ";;&") break;
      if (op === ";" || op === "&" || op === "&&" || op === "||" || op === "|" || op === "|&") throw this.syntaxError(op);
      const r = this.peekReserved();
      if (r && LIST_END.has(r)) break;
      list = append(list, (r === "" ? fastStatement(this) : null) ?? this.parseStatement());
      const sep = this.peekOperator();
      if (sep === ";" || sep === "&") this.pos++;
      else if (sep === "\n") this.consumeNewline();
      else if (sep === "" && !this.atEnd()) {
        const r2 = this.peekReserved();
        if (!r2 || !LIST_END.has(r2)) throw this.syntaxError(this.peekTokenText());
      }
    }
    return finish(list);
  }

  /** One and_or with its terminator (`&` marks it background). */
  protected parseStatement(): Statement {
    const start = this.pos;
    const line = this.lineAt(start);
    const command = this.parseAndOr();
    const background = this.peekOperator() === "&";
    return { pos: start, end: this.pos, command, background, line };
  }

  private parseAndOr(): Command {
    let left = this.parsePipeline();
    for (;;) {
      const op = this.peekOperator();
      if (op !== "&&" && op !== "||") return left;
      this.pos += 2;
      this.skipNewlines();
      const right = this.parsePipeline();
      left = { type: "AndOr", pos: left.pos, end: this.pos, line: left.line, op, left, right };
    }
  }

  /** pipeline := ['time' ['-p']] ['!'] command (('|' | '|&') newline* command)* */
  private parsePipeline(): Command {
    const start = this.pos;
    this.skipBlanksAndComment();
    const line = this.lineAt(this.pos);
    let time: "" | "time" | "time -p" = "";
    let negate = false;
    let prefixed = false;
    for (;;) {
      const r = this.peekReserved();
      // `time time x` times once (bash ORs the flags); `time --` and `time -p --` time in posix format.
      if (r === "time") {
        this.pos += 4;
        this.skipBlanks();
        if (!time) time = "time";
        for (const opt of ["-p", "--"]) {
          if (this.startsWith(opt) && (isMeta(this.peek(2)) || this.peek(2) === "")) {
            this.pos += 2;
            this.skipBlanks();
            time = "time -p";
          }
        }
        continue;
      }
      if (r === "!") {
        this.pos++;
        negate = !negate;
        prefixed = true;
        continue;
      }
      break;
    }
    // (`! !` then the end of the line is an empty pipeline too, negated twice.)
    if ((time || prefixed) && this.pipelineEndsHere(time !== "" && start === this.substBodyStart)) {
      return { type: "Pipeline", pos: start, end: this.pos, line, commands: [], pipeStderr: [], negate, time };
    }
    const head = this.parseCommand();
    let op = this.peekOperator();
    // Most pipelines are one command: no arrays for them.
    if (op !== "|" && op !== "|&" && !negate && !time) return head;
    const commands: Command[] = [head];
    const pipeStderr: boolean[] = [];
    for (;; op = this.peekOperator()) {
      if (op !== "|" && op !== "|&") break;
      this.pos += op.length;
      pipeStderr.push(op === "|&");
      this.skipNewlines();
      // `!` only starts a pipeline: after | it is a syntax error, as in bash.
      if (this.peekReserved() === "!") throw this.syntaxError("!");
      commands.push(this.parseCommand());
    }
    if (commands.length === 1 && !negate && !time) return commands[0];
    return { type: "Pipeline", pos: start, end: this.pos, line, commands: fit(commands), pipeStderr: fit(pipeStderr), negate, time };
  }

  private pipelineEndsHere(timeOpensSubst: boolean): boolean {
    const op = this.peekOperator();
    // Only a newline, `;` or the end: bash rejects `! &&`, `time |`, `(!)`, `! ;;`. A `time`
    // that opens a $( ) or <( ) body may also be all of it (`$(time)`).
    if (op === ")") return timeOpensSubst;
    return this.atEnd() || op === "\n" || op === ";";
  }

  /** command := compound redirect* | function definition | simple command */
  protected parseCommand(): Command {
    this.enterNesting();
    try {
      this.skipBlanksAndComment();
      if (this.aliases !== null) this.expandCommandAlias();
      // Most commands start with a word that is not reserved: neither an operator nor a compound
      // command can start there, so go straight to the simple command.
      const c = this.src.charCodeAt(this.pos);
      if ((c >= 128 || (c === c && META_CODES[c] !== 1)) && this.peekReserved() === "") return this.parseSimpleCommand();
      const op = this.peekOperator();
      // (The cursor is at the operator: peekOperator leaves it after the blanks.)
      if (op && op !== "(" && redirectOpAt(this.src, this.pos) === null) throw this.syntaxError(op);
      if (this.atEnd()) throw this.eofSyntaxError();
      const compound = this.parseCompound();
      if (compound) return compound;
      const r = this.peekReserved();
      // (`!` only starts a pipeline: `coproc !`, `f() ! x` are errors; a `time` here is a command.)
      if (r && r !== "{" && r !== "[[" && r !== "time") throw this.syntaxError(r);
      return this.parseSimpleCommand();
    } finally {
      this.leaveNesting();
    }
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

  private parseSimpleCommand(): Command {
    this.skipBlanks();
    const start = this.pos;
    // Made on their first element (see append): most commands have no assignments or redirections.
    let assigns: Assignment[] | null = null;
    let words: Word[] | null = null;
    let redirects: Redirect[] | null = null;
    let declaration = false;
    for (;;) {
      this.skipBlanks();
      // `;`, newline, `|`, `)` or the end: the command ends here (no redirection starts so).
      const c0 = this.src.charCodeAt(this.pos);
      if (c0 === 59 || c0 === 10 || c0 === 124 || c0 === 41 || c0 !== c0) break;
      // A plain character starts a word: no redirection, operator or comment starts here.
      const plain = c0 >= 128 || PLAIN_WORD_START[c0] === 1;
      if (plain) {
        // An argument: no assignment either, so go straight to readWord.
        if (words !== null && !declaration && !this.aliasNext) {
          const w = this.readWord(NORMAL);
          if (w) {
            words = append(words, w);
            continue;
          }
        }
      } else {
        const redirect = this.tryRedirect();
        if (redirect) {
          redirects = append(redirects, redirect);
          continue;
        }
        const op = this.peekOperator();
        if (op || this.atEnd()) {
          if (op === "(" && words !== null && words.length === 1 && assigns === null && redirects === null) {
            return this.parseFunctionAfterName(words[0], start, this.lineAt(start));
          }
          if (op === "(") {
            const e = this.syntaxError("(");
            e.afterCommand = this.depth === 1;
            throw e;
          }
          break;
        }
        if (this.src.charCodeAt(this.pos) === 35) break;
      }
      if (words === null || declaration) {
        const a = this.tryAssignment();
        if (a) {
          if (words === null) assigns = append(assigns, a);
          else if (!this.braceDeclaration(a, (w) => (words = append(words, w)))) {
            words = append(words, { pos: a.pos, end: a.end, parts: [{ type: "Literal", pos: a.pos, end: a.end, value: this.src.slice(a.pos, a.end) }], assign: a });
          }
          continue;
        }
      }
      // After assignments a word still starts the command: bash checks it for an alias.
      if (words !== null ? this.aliasNext : assigns !== null && this.aliases !== null) this.aliasNext = this.expandAlias();
      const w = this.readWord(NORMAL);
      if (!w) throw this.syntaxError(this.peek());
      // (Length first: the part's type is read from many shapes, which is slow.)
      if (words === null && w.end - w.pos >= 5 && w.end - w.pos <= 8 && w.parts.length === 1 && w.parts[0].type === "Literal" && isDeclaration(w.parts[0].value)) declaration = true;
      words = append(words, w);
    }
    if (words === null && assigns === null && redirects === null) {
      throw this.syntaxError(this.peekTokenText());
    }
    const a = finish(assigns);
    const w = finish(words);
    const r = finish(redirects);
    const cmd: SimpleCommand = { type: "Simple", pos: start, end: this.pos, line: simpleCommandLine(this, a, w, r), assigns: a, words: w, redirects: r };
    return cmd;
  }

  /**
   * `declare z={c,d}`: bash brace-expands a declaration's argument (z=c z=d), so one holding a
   * brace expansion is read again as a plain word, which the builtin splits itself.
   */
  private braceDeclaration(a: Assignment, add: (w: Word) => void): boolean {
    if (a.value === null || !this.src.slice(a.pos, a.end).includes("{")) return false;
    const end = this.pos;
    this.pos = a.pos;
    const w = this.readWord(NORMAL);
    if (w && w.end === end && w.parts.some((p) => p.type === "Brace")) {
      add(w);
      return true;
    }
    this.pos = end;
    return false;
  }

  /** name ( ) compound-command — the name was read as the first word. */
  private parseFunctionAfterName(nameWord: Word, start: number, line: number): Command {
    this.pos++;
    this.skipBlanks();
    // bash reports the end of a -c string here as `newline'.
    if (this.peek() !== ")") throw this.syntaxError(this.atEnd() ? "\n" : this.peekTokenText());
    this.pos++;
    return this.parseFunctionBody(this.functionName(nameWord), start, line, false);
  }

  /**
   * A function's name is its word as written: bash rejects a name with `$` or quotes only when
   * the definition runs ("`$x': not a valid identifier").
   */
  protected functionName(w: Word): string {
    const p = w.parts[0];
    return w.parts.length === 1 && p.type === "Literal" ? p.value : this.src.slice(w.pos, w.end);
  }

  protected parseFunctionBody(name: string, start: number, line: number, keyword: boolean): Command {
    this.skipNewlines();
    // A body is a compound command; coproc is not one in bash's grammar.
    if (this.peekReserved() === "coproc") throw this.syntaxError("coproc");
    const body = this.parseCompound();
    if (!body) throw this.syntaxError(this.peekTokenText());
    void keyword;
    return { type: "FunctionDef", pos: start, end: this.pos, line, name, body };
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
  protected abstract subParser(text: string, firstLine: number): CommandParser;

  /** True when here-documents are still waiting for their bodies (end of input). */
  protected flushHeredocsAtEof(): void {
    if (this.heredocs !== null) this.readHeredocBodies();
  }
}

export { isName };
