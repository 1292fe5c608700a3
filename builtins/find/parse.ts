import type { CommandContext } from "../types.js";
import { PRIMARIES } from "./primaries.js";
import { printTest } from "./actions.js";
import { FindUsage, type Expr, type FindPlan, type Finisher, type Test } from "./types.js";
import type { RegexDialect } from "../_lib/file-patterns.js";

/**
 * find's command line, parsed by hand: its grammar (starting points, then an
 * expression of primaries and operators whose operands are themselves words like
 * `!` and `(`) is not an option list, so the shared option parser does not apply.
 *
 *   expr    := comma
 *   comma   := or ("," or)*
 *   or      := and (("-o" | "-or") and)*
 *   and     := unary (("-a" | "-and")? unary)*
 *   unary   := ("!" | "-not") unary | "(" expr ")" | primary
 */

/** Parser state shared with the primary parsers (primaries.ts). */
export class FindParser {
  pos = 0;
  regexDialect: RegexDialect = "emacs";
  hasAction = false;
  warnings = false;
  /** A test or action was seen: later global options draw a warning. */
  sawTest: string | null = null;
  readonly finishers: Finisher[] = [];
  /** -fprint and kin: output gathered per file path. */
  readonly fileOutputs = new Map<string, Uint8Array[]>();
  follow: "P" | "L" | "H" = "P";
  maxDepth = Infinity;
  minDepth = 0;
  depthFirst = false;
  explicitDepth = false;
  daystart = false;
  usesDelete = false;
  usesPrune = false;
  /** Checks finished before the walk starts (reference files): an error message or undefined. */
  readonly checks: Array<Promise<string | undefined>> = [];
  /** The primary whose argument was read last (for the "unquoted pattern" hint). */
  lastPrimary = "";

  constructor(
    readonly ctx: CommandContext,
    readonly args: string[],
  ) {}

  /** Writes "find: message" and aborts parsing (status 1). */
  fail(message: string): never {
    this.ctx.stderr.write(`find: ${message}\n`);
    throw new FindUsage();
  }

  warn(message: string): void {
    if (this.warnings) this.ctx.stderr.write(`find: warning: ${message}\n`);
  }

  /** The argument of primary `name`, or GNU's "missing argument" error. */
  arg(name: string): string {
    if (this.pos >= this.args.length) this.fail(`missing argument to \`${name}'`);
    return this.args[this.pos++];
  }

  private peek(): string | undefined {
    return this.args[this.pos];
  }

  parse(): Expr | null {
    if (this.pos >= this.args.length) return null;
    const e = this.comma();
    if (this.pos < this.args.length) {
      const t = this.args[this.pos];
      if (t === ")") this.fail("you have too many ')'");
      this.fail(`paths must precede expression: \`${t}'`);
    }
    return e;
  }

  private isBinary(t: string | undefined): boolean {
    return t === "-o" || t === "-or" || t === "-a" || t === "-and" || t === ",";
  }

  private comma(): Expr {
    let l = this.or();
    while (this.peek() === ",") {
      this.pos++;
      l = { k: "comma", l, r: this.operand(",") };
    }
    return l;
  }

  private or(): Expr {
    let l = this.and();
    while (this.peek() === "-o" || this.peek() === "-or") {
      const op = this.args[this.pos++];
      l = { k: "or", l, r: this.operandOf(op, () => this.and()) };
    }
    return l;
  }

  private and(): Expr {
    let l = this.unary();
    for (;;) {
      const t = this.peek();
      if (t === "-a" || t === "-and") {
        this.pos++;
        l = { k: "and", l, r: this.operandOf(t, () => this.unary()) };
        continue;
      }
      if (t === undefined || t === ")" || this.isBinary(t)) return l;
      l = { k: "and", l, r: this.unary() };
    }
  }

  private operand(op: string): Expr {
    return this.operandOf(op, () => this.or());
  }

  private operandOf(op: string, next: () => Expr): Expr {
    const t = this.peek();
    if (t === undefined || t === ")" || this.isBinary(t)) {
      if (t === undefined) this.fail(this.hasAction ? "invalid expression" : `expected an expression after '${op}'`);
      if (t === ")") this.fail(`expected an expression between '${op}' and ')'`);
      this.fail(`invalid expression; you have used a binary operator '${t}' with nothing before it.`);
    }
    return next();
  }

  private unary(): Expr {
    const t = this.peek()!;
    if (this.isBinary(t)) this.fail(`invalid expression; you have used a binary operator '${t}' with nothing before it.`);
    this.pos++;
    if (t === "!" || t === "-not") {
      const n = this.peek();
      if (n === undefined || n === ")" || this.isBinary(n)) this.fail(`expected an expression after '${t}'`);
      return { k: "not", e: this.unary() };
    }
    if (t === "(") {
      const n = this.peek();
      if (n === undefined) this.fail("invalid expression; expected to find a ')' but didn't see one. Perhaps you need an extra predicate after '('");
      if (n === ")") this.fail("invalid expression; empty parentheses are not allowed.");
      const e = this.comma();
      if (this.peek() !== ")") this.fail("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
      this.pos++;
      return e;
    }
    return this.primary(t);
  }

  private primary(t: string): Expr {
    if (!t.startsWith("-") || t === "-") {
      this.ctx.stderr.write(`find: paths must precede expression: \`${t}'\n`);
      // GNU adds a hint when the stray word names an existing file (a glob the shell expanded).
      throw new FindUsage(this.lastPrimary ? { word: t, primary: this.lastPrimary } : undefined);
    }
    const name = t.slice(1);
    const def = PRIMARIES[name];
    if (!def) {
      if (/^newer..$/.test(name)) this.fail(`invalid predicate \`${t}'`);
      this.fail(`unknown predicate \`${t}'`);
    }
    if (def.kind === "option" && this.sawTest && def.global) {
      this.warn(
        `you have specified the global option ${t} after the argument ${this.sawTest}, but global options are not positional, i.e., ${t} affects tests specified before it as well as those specified after it.  Please specify global options before other arguments.`,
      );
    }
    if (def.kind !== "option") this.sawTest ??= t;
    if (def.kind === "action") this.hasAction = true;
    const before = this.pos;
    const test: Test = def.parse(this, t);
    this.lastPrimary = this.pos > before ? t : "";
    return { k: "pred", name: t, test };
  }
}

/** Whether an argument starts the expression (GNU looks_like_expression). */
function looksLikeExpression(arg: string, leading: boolean): boolean {
  switch (arg[0]) {
    case "-":
      return arg.length > 1;
    case ")":
    case ",":
      return arg.length === 1 && !leading;
    case "!":
    case "(":
      return arg.length === 1;
    default:
      return false;
  }
}


/** Parses find's arguments into a plan. Throws FindUsage after reporting an error. */
export function parseFind(ctx: CommandContext, args: string[]): FindPlan {
  const p = new FindParser(ctx, args);
  // Leading options: -H -L -P -D debugopts -Olevel.
  while (p.pos < args.length) {
    const a = args[p.pos];
    if (a === "-H" || a === "-L" || a === "-P") {
      p.follow = a[1] as "H" | "L" | "P";
      p.pos++;
    } else if (a === "-D") {
      p.pos++;
      const opts = p.pos < args.length ? args[p.pos++] : p.fail("missing argument to `-D'");
      for (const o of opts.split(",")) {
        if (!["exec", "opt", "rates", "search", "stat", "time", "tree", "all", "help"].includes(o)) {
          ctx.stderr.write(`find: Ignoring unrecognised debug flag ‘${o}’\n`);
        }
      }
    } else if (/^-O\d*$/.test(a)) {
      p.pos++;
    } else if (a === "--") {
      p.pos++;
      break;
    } else break;
  }
  const starts: string[] = [];
  while (p.pos < args.length && !looksLikeExpression(args[p.pos], true)) starts.push(args[p.pos++]);
  let expr = p.parse();
  if (p.usesDelete && p.usesPrune && !p.explicitDepth) {
    p.fail(
      "The -delete action automatically turns on -depth, but -prune does nothing when -depth is in effect.  If you want to carry on anyway, just explicitly use the -depth option.",
    );
  }
  if (!p.hasAction) {
    const print: Expr = { k: "pred", name: "-print", test: printTest };
    expr = expr ? { k: "and", l: expr, r: print } : print;
  }
  return {
    starts: starts.length ? starts : ["."],
    expr: expr!,
    follow: p.follow,
    maxDepth: p.maxDepth,
    minDepth: p.minDepth,
    depthFirst: p.depthFirst || p.usesDelete,
    daystart: p.daystart,
    finishers: p.finishers,
    checks: p.checks,
  };
}
