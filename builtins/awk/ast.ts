/**
 * The awk program tree. Every node keeps the source line it came from so runtime
 * errors can say "awk: cmd. line:3: fatal: ..." the way gawk does.
 */

export type Expr =
  | { k: "num"; v: number; line: number }
  | { k: "str"; v: string; line: number }
  /** `/re/` standing alone means `$0 ~ /re/`; as an argument to match/split/~ it is the regex. */
  | { k: "regex"; src: string; line: number }
  | { k: "var"; name: string; line: number }
  | { k: "field"; index: Expr; line: number }
  /** name[path...][subs]: `path` holds the subscripts of gawk's subarrays before the last. */
  | { k: "index"; name: string; path?: Expr[][]; subs: Expr[]; line: number }
  | { k: "assign"; op: AssignOp; target: LValue; value: Expr; line: number }
  | { k: "incdec"; op: "++" | "--"; prefix: boolean; target: LValue; line: number }
  | { k: "unary"; op: "-" | "+" | "!"; e: Expr; line: number }
  | { k: "binary"; op: ArithOp; l: Expr; r: Expr; line: number }
  | { k: "concat"; l: Expr; r: Expr; line: number }
  | { k: "cmp"; op: CmpOp; l: Expr; r: Expr; line: number }
  | { k: "match"; neg: boolean; l: Expr; r: Expr; line: number }
  | { k: "and"; l: Expr; r: Expr; line: number }
  | { k: "or"; l: Expr; r: Expr; line: number }
  | { k: "cond"; c: Expr; t: Expr; f: Expr; line: number }
  | { k: "in"; subs: Expr[]; name: string; path?: Expr[][]; line: number }
  | { k: "group"; e: Expr; line: number }
  /** `(a, b)`: only valid as the argument list of print/printf. */
  | { k: "grouplist"; items: Expr[]; line: number }
  | { k: "call"; name: string; args: Expr[]; line: number }
  | { k: "builtin"; name: string; args: Expr[]; line: number }
  | { k: "getline"; src: "plain" | "file" | "cmd" | "coproc"; target: LValue | null; from: Expr | null; line: number }
  /** A value computed ahead by an await (compile-async.ts); `kind` is the original's static type. */
  | { k: "temp"; id: number; kind: "num" | "str" | "any"; line: number };

export type LValue = Extract<Expr, { k: "var" } | { k: "field" } | { k: "index" }>;

export type AssignOp = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^=";
export type ArithOp = "+" | "-" | "*" | "/" | "%" | "^";
export type CmpOp = "<" | "<=" | "==" | "!=" | ">" | ">=";

export interface Redirect {
  mode: ">" | ">>" | "|" | "|&";
  dest: Expr;
}

export type Stmt =
  | { k: "block"; body: Stmt[]; line: number }
  | { k: "expr"; e: Expr; line: number }
  | { k: "print"; args: Expr[]; redir: Redirect | null; line: number }
  | { k: "printf"; args: Expr[]; redir: Redirect | null; line: number }
  | { k: "if"; c: Expr; then: Stmt; else: Stmt | null; line: number }
  | { k: "while"; c: Expr; body: Stmt; line: number }
  | { k: "do"; body: Stmt; c: Expr; line: number }
  | { k: "for"; init: Expr | null; c: Expr | null; step: Expr | null; body: Stmt; line: number }
  | { k: "forin"; target: LValue; arr: string; path?: Expr[][]; body: Stmt; line: number }
  | { k: "break"; line: number }
  | { k: "continue"; line: number }
  | { k: "next"; line: number }
  | { k: "nextfile"; line: number }
  | { k: "exit"; e: Expr | null; line: number }
  | { k: "return"; e: Expr | null; line: number }
  | { k: "delete"; name: string; path?: Expr[][]; subs: Expr[] | null; line: number }
  | { k: "switch"; e: Expr; cases: SwitchCase[]; line: number };

export interface SwitchCase {
  /** null for `default:`. */
  label: Expr | null;
  body: Stmt[];
}

export type Pattern =
  | { k: "begin" }
  | { k: "end" }
  | { k: "beginfile" }
  | { k: "endfile" }
  | { k: "all" }
  | { k: "expr"; e: Expr }
  | { k: "range"; from: Expr; to: Expr };

export interface Rule {
  pattern: Pattern;
  /** null: the default action `{ print $0 }`. */
  action: Stmt[] | null;
  line: number;
}

export interface FuncDef {
  name: string;
  params: string[];
  body: Stmt[];
  line: number;
  /** How many rules came before it in the source (its place among rules and functions). */
  rulesBefore?: number;
}

export interface Program {
  rules: Rule[];
  funcs: Map<string, FuncDef>;
}
