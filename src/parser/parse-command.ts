import type {
  Assignment,
  Command,
  Redirect,
  SimpleCommand,
  Statement,
  StatementList,
  Word,
} from "./ast.js";
import * as scanner from "./scanner.js";
import * as parseWord from "./parse-word.js";
import { RedirectParser } from "./parse-redirect.js";
import * as tokens from "./tokens.js";
import * as commandLine from "./command-line.js";
import * as fast from "./fast-statement.js";

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

/**
 * Lists, pipelines and simple commands (redirections and here-documents: parse-redirect.ts).
 * Compound commands are parsed by the subclass (parse-compound.ts).
 */
export abstract class CommandParser extends RedirectParser {
  /** The previous alias value ended in a blank: the next word is alias-checked too. */
  declare private aliasNext: boolean;
  /** Where the last command-start alias check was (-1: none): a command is checked once. */
  declare private aliasCheckedAt: number;
  /** Aliases to expand in command position (null: expand_aliases is off). */
  declare aliases: ReadonlyMap<string, string> | null;
  /** Spliced alias texts: an alias is not expanded again inside its own expansion. */
  declare private aliasRegions: Array<{ name: string; start: number; end: number }> | null;

  // Assigned, not class fields (see Scanner).
  constructor(src: string, firstLine?: number) {
    super(src, firstLine);
    this.aliasNext = false;
    this.aliasCheckedAt = -1;
    this.aliases = null;
    this.aliasRegions = null;
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

}

export { isName };
