/**
 * The typed AST. Every node has `pos` and `end` (offsets into the source text);
 * commands also carry `line` (1-based) for LINENO and error messages. Quote state
 * lives in the part types, never in sentinel characters. The AST is read-only once
 * parsed: every empty list in it is one shared frozen array (see fit in scanner.ts).
 */

export interface Node {
  pos: number;
  end: number;
}

// ---------------------------------------------------------------- words

export type WordPart =
  | LiteralPart
  | EscapedPart
  | SingleQuotedPart
  | DoubleQuotedPart
  | ParamPart
  | CommandSubstPart
  | ArithSubstPart
  | ProcSubstPart
  | TildePart
  | BracePart;

/** Unquoted text (glob characters in it are live). */
export interface LiteralPart extends Node {
  type: "Literal";
  value: string;
}

/** A backslash-escaped character outside quotes: literal, never globbed or split. */
export interface EscapedPart extends Node {
  type: "Escaped";
  value: string;
}

/** '...' or $'...' (value already decoded). */
export interface SingleQuotedPart extends Node {
  type: "SingleQuoted";
  value: string;
  ansiC: boolean;
}

/** "..." or $"..." */
export interface DoubleQuotedPart extends Node {
  type: "DoubleQuoted";
  parts: WordPart[];
  locale: boolean;
}

/** $name, ${name}, ${name[i]...} with an optional operator. */
export interface ParamPart extends Node {
  type: "Param";
  name: string;
  /** Subscript text as a word (for `[@]`/`[*]` this is a Literal "@"/"*"). */
  index: Word | null;
  /** ${!name}: indirection (or ${!prefix*}/${!name[@]} when op says so). */
  indirect: boolean;
  op: ParamOp | null;
  /** $x (no braces): only relevant for printing. */
  short: boolean;
}

export type ParamOp =
  | { kind: "default" | "assign" | "error" | "alt"; colon: boolean; word: Word }
  | { kind: "length" }
  | { kind: "removePrefix" | "removeSuffix"; longest: boolean; pattern: Word }
  | { kind: "replace"; all: boolean; anchor: "#" | "%" | null; pattern: Word; replacement: Word | null }
  | { kind: "case"; upper: boolean; all: boolean; pattern: Word | null; toggle?: boolean }
  | { kind: "substring"; offset: Word; length: Word | null }
  | { kind: "transform"; op: string }
  | { kind: "prefixNames"; star: boolean }
  | { kind: "keys"; star: boolean }
  /**
   * A ${...} the parser could not make sense of: "bad substitution" at run time, as bash does.
   * The message quotes `quoted` when set (a here-document's whole body), else `text`.
   */
  | { kind: "bad"; text: string; quoted?: string; report?: string };

export interface CommandSubstPart extends Node {
  type: "CommandSubst";
  body: StatementList;
  backquote: boolean;
  /**
   * Backquotes only: the text between them as written. Parsing removes the escapes a backquote
   * needs (\\ \` \$, and \" inside "..."), so the printer shows this text, as bash's declare -f does.
   */
  raw?: string;
  /**
   * A backquote body that does not parse: bash parses it only when it runs, so
   * the error is reported then ("command substitution: line N: ..."; `line` counts from the backquote's first line).
   * `raw` is the text between the backquotes, as written.
   */
  error?: { message: string; line: number; sourceLine: string | null; raw: string };
}

export interface ArithSubstPart extends Node {
  type: "ArithSubst";
  expr: ArithSource;
  /** Written as the old `$[ ... ]`: bash prints it back so (declare -f). */
  bracket?: boolean;
}

export interface ProcSubstPart extends Node {
  type: "ProcSubst";
  direction: "<" | ">";
  body: StatementList;
}

/** ~ or ~user at the start of a word (or after : / = in an assignment). */
export interface TildePart extends Node {
  type: "Tilde";
  user: string;
}

/** {a,b,c} or {1..10..2}: expanded before everything else. */
export interface BracePart extends Node {
  type: "Brace";
  items: Word[] | null;
  seq: { from: string; to: string; step: string | null } | null;
}

export interface Word extends Node {
  parts: WordPart[];
  /** Set on `name=value` / `name=(...)` arguments of declare, local, export, readonly, typeset. */
  assign?: Assignment;
}

// ---------------------------------------------------------------- arithmetic

/**
 * Arithmetic text. When it contains no $-expansions it is parsed once (`expr`);
 * otherwise it is expanded to text and parsed at run time, as bash does.
 * `error` holds a parse error to report when (and only when) it is evaluated.
 */
export interface ArithSource {
  text: string;
  word: Word;
  expr: ArithExpr | null;
  error: string | null;
}

export type ArithExpr =
  | { t: "num"; value: number | bigint }
  | { t: "var"; name: string; index: ArithExpr | null; indexText: string | null }
  | { t: "unary"; op: string; arg: ArithExpr }
  | { t: "incdec"; op: "++" | "--"; prefix: boolean; target: ArithExpr }
  | { t: "binary"; op: string; left: ArithExpr; right: ArithExpr }
  | { t: "logical"; op: "&&" | "||"; left: ArithExpr; right: ArithExpr }
  | { t: "assign"; op: string; target: ArithExpr; value: ArithExpr }
  | { t: "cond"; test: ArithExpr; then: ArithExpr; else: ArithExpr }
  | { t: "comma"; left: ArithExpr; right: ArithExpr };

// ---------------------------------------------------------------- redirections

export type RedirectOp =
  | "<"
  | ">"
  | ">>"
  | ">|"
  | "<>"
  | "<&"
  | ">&"
  | "&>"
  | "&>>"
  | "<<"
  | "<<-"
  | "<<<";

/**
 * A `$( )` in an unquoted here-document body that does not parse. bash parses the body
 * when the here-document is expanded, so the error is reported then ("command
 * substitution: line N: ..."), the command fails with status 1 and the script goes on.
 * `lineOffset` is added to the command's line; `raw` is the body as written (for print).
 */
export interface HeredocError {
  message: string;
  lineOffset: number;
  sourceLine: string | null;
  raw: string;
}

export interface Redirect extends Node {
  /** 1-based line of the redirection (bash names it when one on a compound command fails). */
  line: number;
  /** Explicit fd number (2>), or null for the operator's default. */
  fd: number | null;
  /** {var}> : allocate an fd and store it in var. */
  fdVar: string | null;
  op: RedirectOp;
  target: Word;
  /** For << and <<-: the body (a Word to expand, or literal text when the delimiter was quoted). */
  heredoc: { body: Word; quoted: boolean; delimiter: string; error?: HeredocError } | null;
}

// ---------------------------------------------------------------- commands

export interface Assignment extends Node {
  name: string;
  index: Word | null;
  append: boolean;
  /** Scalar value (empty word for `a=`), or null when `array` is set. */
  value: Word | null;
  array: ArrayElement[] | null;
}

export interface ArrayElement {
  index: Word | null;
  /** [k]+=v inside a compound assignment */
  append: boolean;
  value: Word;
}

interface CommandBase extends Node {
  line: number;
}

export interface SimpleCommand extends CommandBase {
  type: "Simple";
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline extends CommandBase {
  type: "Pipeline";
  commands: Command[];
  /** pipeStderr[i]: stage i was followed by |& */
  pipeStderr: boolean[];
  negate: boolean;
  time: "" | "time" | "time -p";
}

export interface AndOr extends CommandBase {
  type: "AndOr";
  op: "&&" | "||";
  left: Command;
  right: Command;
}

export interface Subshell extends CommandBase {
  type: "Subshell";
  body: StatementList;
  redirects: Redirect[];
}

export interface Group extends CommandBase {
  type: "Group";
  body: StatementList;
  redirects: Redirect[];
}

export interface If extends CommandBase {
  type: "If";
  clauses: Array<{ cond: StatementList; body: StatementList }>;
  elseBody: StatementList | null;
  redirects: Redirect[];
}

export interface For extends CommandBase {
  type: "For";
  name: string;
  /** null: `for x; do` iterates "$@" */
  items: Word[] | null;
  body: StatementList;
  redirects: Redirect[];
  select: boolean;
}

export interface ArithFor extends CommandBase {
  type: "ArithFor";
  init: ArithSource | null;
  cond: ArithSource | null;
  step: ArithSource | null;
  body: StatementList;
  redirects: Redirect[];
}

export interface While extends CommandBase {
  type: "While";
  until: boolean;
  cond: StatementList;
  body: StatementList;
  redirects: Redirect[];
}

export interface CaseItem extends Node {
  patterns: Word[];
  body: StatementList;
  terminator: ";;" | ";&" | ";;&";
}

export interface Case extends CommandBase {
  type: "Case";
  word: Word;
  items: CaseItem[];
  redirects: Redirect[];
}

export interface FunctionDef extends CommandBase {
  type: "FunctionDef";
  name: string;
  body: Command;
}

export interface ArithCommand extends CommandBase {
  type: "Arith";
  expr: ArithSource;
  redirects: Redirect[];
}

export interface CondCommand extends CommandBase {
  type: "Cond";
  expr: CondExpr;
  redirects: Redirect[];
}

export interface Coproc extends CommandBase {
  type: "Coproc";
  name: string;
  body: Command;
}

export type CondExpr =
  | { t: "and" | "or"; left: CondExpr; right: CondExpr }
  | { t: "not"; arg: CondExpr }
  | { t: "unary"; op: string; arg: Word }
  | { t: "binary"; op: string; left: Word; right: Word }
  | { t: "word"; word: Word };

export type Command =
  | SimpleCommand
  | Pipeline
  | AndOr
  | Subshell
  | Group
  | If
  | For
  | ArithFor
  | While
  | Case
  | FunctionDef
  | ArithCommand
  | CondCommand
  | Coproc;

/** One command of a list, with its terminator: `&` runs it in the background. */
export interface Statement extends Node {
  command: Command;
  background: boolean;
  line: number;
}

export type StatementList = Statement[];
