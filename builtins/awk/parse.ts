/**
 * awk programs (gawk's awkgram.y, by recursive descent): rules and function
 * definitions; statements are parse-stmt.ts, expressions parse-expr.ts.
 *   program:  item_list;  item: pattern action | pattern | action | function
 *   pattern:  BEGIN | END | BEGINFILE | ENDFILE | expr | expr , expr
 */
import type { FuncDef, Pattern, Program, Rule, Stmt } from "./ast.js";
import { AwkSyntaxError, LINE_BASE, type SourceText } from "./diagnostics.js";
import { Lexer } from "./lexer.js";
import { StmtParser, type Section } from "./parse-stmt.js";
import { walkStmts } from "./analyze.js";

export interface ParseResult {
  program: Program;
  warnings: Array<{ line: number; src: SourceText; message: string }>;
}

/** Parses every -f/-e source as one program. Throws AwkSyntaxError. */
export function parseProgram(sources: SourceText[]): ParseResult {
  const lex = new Lexer(sources);
  const p = new Parser(lex, sources);
  const program = p.program();
  return { program, warnings: lex.warnings };
}

/**
 * Parsed programs by source names and texts: scripts run the same one-liner again and again,
 * and parsing was two thirds of a small awk's run. Compiling and running only read the tree.
 */
const parsedCache = new Map<string, ParseResult>();
const CACHE_SIZE = 64;

export function parseProgramCached(sources: SourceText[]): ParseResult {
  let key = "";
  for (const s of sources) key += `${s.name.length}:${s.name}${s.text.length}:${s.text}`;
  let hit = parsedCache.get(key);
  if (hit) return hit;
  hit = parseProgram(sources);
  if (parsedCache.size >= CACHE_SIZE) parsedCache.delete(parsedCache.keys().next().value!);
  parsedCache.set(key, hit);
  return hit;
}

/** A function's name used as a variable (or called with a space before `(`) is an error. */
function checkFunctionNames(rules: Rule[], funcs: Map<string, FuncDef>, sources: SourceText[]): void {
  if (funcs.size === 0) return;
  // Bodies in source order, each with its place: rule i is at 2i+1, functions after k rules in (2k, 2k+1).
  const bodies: Array<[Stmt[], number]> = [];
  rules.forEach((r, i) => {
    if (r.action) bodies.push([r.action, 2 * i + 1]);
    const p = r.pattern;
    if (p.k === "expr") bodies.push([[{ k: "expr", e: p.e, line: r.line }], 2 * i + 1]);
    else if (p.k === "range") bodies.push([[{ k: "expr", e: p.from, line: r.line }, { k: "expr", e: p.to, line: r.line }], 2 * i + 1]);
  });
  const placeOf = new Map<string, number>();
  [...funcs.values()].forEach((f, j) => placeOf.set(f.name, 2 * (f.rulesBefore ?? 0) + (j + 1) / (funcs.size + 1)));
  for (const f of funcs.values()) bodies.push([f.body, placeOf.get(f.name)!]);
  bodies.sort((a, b) => a[1] - b[1]);
  let bad: { name: string; line: number; before: boolean } | null = null;
  let place = 0;
  const check = (name: string, line: number) => {
    const f = funcs.get(name);
    // gawk: a name used as a variable before its function is defined makes the definition the error.
    const before = f !== undefined && place < placeOf.get(name)!;
    if (!bad && f) bad = { name, line: before ? f.line : line, before };
  };
  for (const [body, at] of bodies) {
    place = at;
    walkStmts(
      body,
      (e) => {
        if (e.k === "var" || e.k === "index" || e.k === "in") check(e.name, e.line);
      },
      (s) => {
        if (s.k === "delete") check(s.name, s.line);
        else if (s.k === "forin") check(s.arr, s.line);
      },
    );
  }
  if (bad) {
    const b = bad as { name: string; line: number; before: boolean };
    throw new AwkSyntaxError(
      b.before
        ? `error: function name \`${b.name}' previously defined`
        : `error: function \`${b.name}' called with space between name and \`(',\nor used as a variable or an array`,
      sources[Math.floor(b.line / LINE_BASE)] ?? null, 0, b.line, false,
    );
  }
}

class Parser extends StmtParser {
  constructor(
    lex: Lexer,
    private readonly sources: SourceText[],
  ) {
    super(lex);
  }

  program(): Program {
    const rules: Rule[] = [];
    const funcs = new Map<string, FuncDef>();
    // One `;` may end a rule; any other is an empty rule, which gawk rejects.
    let semicolonOk = false;
    for (;;) {
      this.skipNewlines();
      let t = this.peek();
      if (this.isOp(t, ";")) {
        if (!semicolonOk) {
          throw new AwkSyntaxError("each rule must have a pattern or an action part", t.src, t.pos, t.line, false);
        }
        semicolonOk = false;
        this.lex.next();
        continue;
      }
      semicolonOk = true;
      t = this.peek();
      if (t.kind === "eof") break;
      if (t.kind === "kw" && t.text === "function") {
        const f = this.functionDef();
        if (funcs.has(f.name)) {
          throw new AwkSyntaxError(`error: function name \`${f.name}' previously defined`, t.src, t.pos, t.line, false);
        }
        f.rulesBefore = rules.length;
        funcs.set(f.name, f);
        continue;
      }
      rules.push(this.rule());
    }
    checkFunctionNames(rules, funcs, this.sources);
    return { rules, funcs };
  }

  private functionDef(): FuncDef {
    const kw = this.lex.next();
    const nameTok = this.peek();
    if (nameTok.kind !== "name" && nameTok.kind !== "funcname") this.fail(nameTok);
    this.lex.next();
    this.expectOp("(");
    const params: string[] = [];
    this.skipNewlines();
    while (!this.atOp(")")) {
      const p = this.peek();
      if (p.kind !== "name") this.fail(p);
      this.lex.next();
      if (p.text === nameTok.text) {
        throw new AwkSyntaxError(
          `error: function \`${nameTok.text}': cannot use function name as parameter name`,
          p.src, p.pos, p.line, false,
        );
      }
      const dup = params.indexOf(p.text);
      if (dup >= 0) {
        throw new AwkSyntaxError(
          `error: function \`${nameTok.text}': parameter #${params.length + 1}, \`${p.text}', duplicates parameter #${dup + 1}`,
          p.src, p.pos, p.line, false,
        );
      }
      params.push(p.text);
      this.skipNewlines();
      if (this.atOp(",")) {
        this.lex.next();
        this.skipNewlines();
      } else if (!this.atOp(")")) this.fail();
    }
    this.lex.next();
    this.skipNewlines();
    const saved = this.section;
    this.section = "function";
    this.params = new Set(params);
    const body = this.block();
    this.section = saved;
    this.params = null;
    return { name: nameTok.text, params, body, line: kw.line };
  }

  private rule(): Rule {
    const t = this.peek();
    let pattern: Pattern;
    if (t.kind === "kw" && (t.text === "BEGIN" || t.text === "END" || t.text === "BEGINFILE" || t.text === "ENDFILE")) {
      this.lex.next();
      pattern = { k: t.text.toLowerCase() as "begin" };
      if (!this.atOp("{")) {
        throw new AwkSyntaxError(`${t.text} blocks must have an action part`, t.src, t.pos, t.line, false);
      }
      this.section = pattern.k as Section;
      const action = this.block();
      this.section = "main";
      return { pattern, action, line: t.line };
    }
    if (this.atOp("{")) {
      pattern = { k: "all" };
    } else {
      const from = this.parseExpr();
      if (this.atOp(",")) {
        this.lex.next();
        this.skipNewlines();
        const to = this.parseExpr();
        pattern = { k: "range", from, to };
      } else {
        pattern = { k: "expr", e: from };
      }
    }
    if (this.atOp("{")) {
      this.section = "main";
      return { pattern, action: this.block(), line: t.line };
    }
    const n = this.peek();
    if (!(n.kind === "newline" || n.kind === "eof" || this.isOp(n, ";"))) this.fail(n);
    return { pattern, action: null, line: t.line };
  }
}
