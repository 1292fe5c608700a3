import type {
  Assignment,
  ArithSource,
  Command,
  CondExpr,
  FunctionDef,
  ParamPart,
  Redirect,
  Statement,
  StatementList,
  Word,
  WordPart,
} from "./ast.js";

/**
 * AST -> bash source, formatted the way bash prints function bodies
 * (`declare -f`, `type f`): four-space indents, `;` line ends, `do` and
 * `then` placement as bash does.
 */

/** Here-document bodies waiting for the end of the line they were opened on. */
let heredocQueue: string[] = [];

/** The queued here-document bodies (each ends with its delimiter line), emptying the queue. */
function takeHeredocs(): string {
  const bodies = heredocQueue.join("");
  heredocQueue = [];
  heredocsTaken++;
  return bodies;
}

/** How many times takeHeredocs emitted bodies: a statement that emitted any ends without `;`. */
let heredocsTaken = 0;

/** Appends the queued here-document bodies after a finished line. */
function flushHeredocs(line: string): string {
  if (heredocQueue.length === 0) return line;
  const bodies = heredocQueue.join("");
  heredocQueue = [];
  return line + "\n" + bodies.replace(/\n$/, "");
}

export function print(list: StatementList): string {
  const saved = heredocQueue;
  heredocQueue = [];
  try {
    return list.map((s) => flushHeredocs(printStatement(s, 0))).join("\n");
  } finally {
    heredocQueue = saved;
  }
}

/** True while printing a $( ) or <( ) body for declare -f (bash prints those flat). */
let inSubstBody = false;

/**
 * A $( ) or <( ) body as source: `print`'s lines, plus a newline at the end when a
 * here-document's delimiter ends them. declare -f puts the statements on one line, `a; b`,
 * with the bodies of here-documents still open at its end after it.
 */
function printSubstBody(list: StatementList): string {
  if (!bashStyle) {
    const inner = print(list);
    return inner.includes("\n") ? inner + "\n" : inner;
  }
  const saved = heredocQueue;
  const taken = heredocsTaken;
  const savedInSubst = inSubstBody;
  heredocQueue = [];
  inSubstBody = true;
  try {
    const text = list.map((s, i) => printStatement(s, 0) + (i < list.length - 1 && !s.background ? ";" : "")).join(" ");
    return heredocQueue.length ? `${text}\n${heredocQueue.join("")}` : text;
  } finally {
    heredocQueue = saved;
    heredocsTaken = taken;
    inSubstBody = savedInSubst;
  }
}

/**
 * True while printing for `declare -f`/`type`: then the text is bash's own rendering (elif as a
 * nested if, `[[ -n w ]]`, `1>&2`, empty `for (( ))` parts as 1), which reads back the same but
 * not to an identical AST, so `print` (round-tripping source) leaves it off.
 */
let bashStyle = false;

export function printFunction(fn: FunctionDef): string {
  const saved = bashStyle;
  bashStyle = true;
  try {
    return `${functionHead(fn.name)}\n${printBody(fn.body, 0)}`;
  } finally {
    bashStyle = saved;
  }
}

/** bash's reserved words: a function named like one needs the `function` keyword to read back. */
const RESERVED_NAMES = new Set([
  "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done",
  "in", "function", "time", "coproc", "{", "}", "!", "[[", "]]",
]);

function functionHead(name: string): string {
  // `a=b ()` would read back as an assignment (declare -f prints it anyway, as bash does).
  return (RESERVED_NAMES.has(name) || (!bashStyle && name.includes("=")) ? "function " : "") + `${name} () `;
}

function ind(n: number): string {
  return "    ".repeat(n);
}

function printBody(c: Command, level: number): string {
  if (c.type === "Group") return `${ind(level)}{ \n${printLines(c.body, level + 1)}\n${ind(level)}}${printRedirects(c.redirects)}`;
  return `${ind(level)}{ \n${ind(level + 1)}${printCommand(c, level + 1)}\n${ind(level)}}`;
}

/**
 * Statements one per line, `;` after each but the last (bash's layout); `terminated` bodies
 * (if/while/until/for/select) end their last statement with `;` too, as bash prints them.
 */
function printLines(list: StatementList, level: number, terminated = false): string {
  const lines = list
    .map((s, i) => {
      const taken = heredocsTaken;
      const text = ind(level) + printStatement(s, level);
      if (s.background) return flushHeredocs(text);
      if (bashStyle) {
        // bash ends a line whose command has here-documents with the bodies instead of `;`,
        // which leaves an empty line after the last delimiter; a statement whose bodies
        // were printed inside it (after a `|`, `&&`, or in a nested body) ends bare.
        if (heredocQueue.length > 0) return `${text}\n${takeHeredocs()}`;
        if (heredocsTaken !== taken) return text;
      }
      return flushHeredocs(terminated || i < list.length - 1 ? text + ";" : text);
    });
  // bash's declare -f goes on after `cmd &` on the same line.
  if (!bashStyle) return lines.join("\n");
  let out = "";
  lines.forEach((text, i) => {
    if (i === 0) out = text;
    else if (list[i - 1].background && !lines[i - 1].includes("\n")) out += " " + text.slice(ind(level).length);
    else out += "\n" + text;
  });
  return out;
}

function printStatement(s: Statement, level: number): string {
  return printCommand(s.command, level) + (s.background ? " &" : "");
}

function inline(list: StatementList, level: number): string {
  // declare -f puts a condition's second and later commands on lines of their own.
  const sep = bashStyle ? `\n${ind(level)}` : " ";
  return list.map((s) => printStatement(s, level) + (s.background ? "" : ";")).join(sep);
}

export function printCommand(c: Command, level: number): string {
  switch (c.type) {
    case "Simple": {
      // (declare -f shows a declaration's name=value argument from its parts, like an assignment)
      const parts = [...c.assigns.map(printAssignment), ...c.words.map((w) => (bashStyle && w.assign ? printAssignment(w.assign) : printWord(w)))];
      const text = parts.join(" ") + printRedirects(c.redirects);
      // A command of redirections only starts with its first one, not a blank.
      return parts.length ? text : text.replace(/^ /, "");
    }
    case "Pipeline": {
      let s = c.commands
        .map((x, i) => {
          // (declare -f spells |& as bash stores it: 2>&1 |)
          const text = printCommand(x, level) + (i < c.pipeStderr.length ? (c.pipeStderr[i] ? (bashStyle ? " 2>&1 |" : " |&") : " |") : "");
          // bash prints a here-document's body right after the `|` that follows its command (and
          // it must come there: the next command may print lines of its own, a loop's body).
          return i < c.pipeStderr.length && heredocQueue.length > 0 ? `${text}\n${takeHeredocs()} ` : text;
        })
        .join(" ");
      if (c.negate) s = "! " + s;
      // `! !` alone: an empty pipeline negated twice (nothing else parses to it).
      else if (c.commands.length === 0 && !c.time) s = "! !";
      // A command named `--` or `-p` after time needs a `--` to read back as the command.
      if (c.time) s = c.time + (!bashStyle && /^(--|-p)(\s|$)/.test(s) ? " -- " : " ") + s;
      return s;
    }
    case "AndOr": {
      const left = `${printCommand(c.left, level)} ${c.op} `;
      // As after `|`: the bodies of the left side's here-documents follow the operator.
      return (heredocQueue.length > 0 ? `${left}\n${takeHeredocs()} ` : left) + printCommand(c.right, level);
    }
    case "Subshell": {
      // declare -f puts one statement a line at the subshell's own indent (not inside a $( ),
      // which bash prints on one line); `a & b` stays on one line.
      const lines = bashStyle && !inSubstBody;
      let body = "";
      c.body.forEach((s, i) => {
        let text = printStatement(s, level) + (i < c.body.length - 1 && !s.background ? ";" : "");
        // declare -f puts a here-document's body right after its command, then ` )`.
        if (lines && heredocQueue.length > 0) text += `\n${takeHeredocs()}`;
        body = i === 0 ? text : c.body[i - 1].background || !lines ? `${body} ${text}` : `${body}\n${ind(level)}${text}`;
      });
      return `( ${body} )${printRedirects(c.redirects)}`;
    }
    case "Group":
      return `{ \n${printLines(c.body, level + 1)}\n${ind(level)}}${printRedirects(c.redirects)}`;
    case "If": {
      if (!bashStyle) {
        let s = "";
        c.clauses.forEach((cl, i) => {
          // A condition's here-document bodies follow its line, the `then` line.
          s += `${flushHeredocs(`${i === 0 ? "if" : `\n${ind(level)}elif`} ${inline(cl.cond, level)} then`)}\n${printLines(cl.body, level + 1)}`;
        });
        if (c.elseBody) s += `\n${ind(level)}else\n${printLines(c.elseBody, level + 1)}`;
        return s + `\n${ind(level)}fi${printRedirects(c.redirects)}`;
      }
      // bash keeps no elif: it prints `elif` as an `if` nested in the else branch.
      const clauses = (k: number, lvl: number): string => {
        const cl = c.clauses[k];
        let s = `if ${inline(cl.cond, lvl)} then\n${printLines(cl.body, lvl + 1, true)}`;
        if (k + 1 < c.clauses.length) s += `\n${ind(lvl)}else\n${ind(lvl + 1)}${clauses(k + 1, lvl + 1)};`;
        else if (c.elseBody) s += `\n${ind(lvl)}else\n${printLines(c.elseBody, lvl + 1, true)}`;
        return s + `\n${ind(lvl)}fi`;
      };
      return clauses(0, level) + printRedirects(c.redirects);
    }
    case "While":
      return `${(bashStyle ? (x: string) => x : flushHeredocs)(`${c.until ? "until" : "while"} ${inline(c.cond, level)} do`)}\n${printLines(c.body, level + 1, bashStyle)}\n${ind(level)}done${printRedirects(c.redirects)}`;
    case "For": {
      const kw = c.select ? "select" : "for";
      // (`for i; do` is `for i in "$@"`, as declare -f shows it.)
      const items = c.items ? ` in ${c.items.map(printWord).join(" ")}` : bashStyle ? ' in "$@"' : "";
      return `${kw} ${c.name}${items};\n${ind(level)}do\n${printLines(c.body, level + 1, bashStyle)}\n${ind(level)}done${printRedirects(c.redirects)}`;
    }
    case "ArithFor":
      return `for ((${arith(c.init)}; ${arith(c.cond)}; ${arith(c.step)}))\n${ind(level)}do\n${printLines(c.body, level + 1, bashStyle)}\n${ind(level)}done${printRedirects(c.redirects)}`;
    case "Case": {
      let s = `case ${printWord(c.word)} in `;
      for (const item of c.items) {
        const patterns = item.patterns.map(printWord).join(" | ");
        // A first pattern `esac` needs its `(` to parse again (declare -f drops it, as bash does).
        s += `\n${ind(level + 1)}${!bashStyle && patterns.startsWith("esac") ? "(" : ""}${patterns})\n`;
        // (declare -f leaves an empty line for an empty item)
        if (item.body.length) s += printLines(item.body, level + 2) + "\n";
        else if (bashStyle) s += "\n";
        s += `${ind(level + 1)}${item.terminator}`;
      }
      return s + `\n${ind(level)}esac${printRedirects(c.redirects)}`;
    }
    case "FunctionDef":
      // (declare -f wraps any body in braces, as bash does; source keeps `f() ( ... )` a subshell.)
      // A function defined inside another prints with `function` in declare -f, as bash does.
      if (bashStyle) return `${RESERVED_NAMES.has(c.name) ? "" : "function "}${functionHead(c.name)}\n${printBody(c.body, level)}`;
      return c.body.type === "Group" ? `${functionHead(c.name)}\n${printBody(c.body, level)}` : functionHead(c.name) + printCommand(c.body, level);
    case "Arith":
      return (bashStyle ? `((${c.expr.text}))` : `(( ${c.expr.text.trim()} ))`) + printRedirects(c.redirects);
    case "Cond":
      return `[[ ${printCond(c.expr)} ]]${printRedirects(c.redirects)}`;
    case "Coproc":
      // A simple command after `coproc` is never a name: the default name is left out.
      return `coproc ${c.name === "COPROC" && c.body.type === "Simple" ? "" : c.name + " "}${printCommand(c.body, level)}`;
  }
}

/** An empty `for (( ))` part prints as 1, as bash fills it in. */
function arith(a: ArithSource | null): string {
  if (!bashStyle) return a ? a.text.trim() : "";
  return a && a.text.trim() ? a.text.replace(/^\s+/, "") : "1";
}

function printCond(e: CondExpr): string {
  const group = (x: CondExpr, under: "and" | "not") =>
    (x.t === "or" && under === "and") || ((x.t === "and" || x.t === "or") && under === "not") ? `( ${printCond(x)} )` : printCond(x);
  switch (e.t) {
    case "and":
      return `${group(e.left, "and")} && ${e.right.t === "and" ? `( ${printCond(e.right)} )` : group(e.right, "and")}`;
    case "or":
      return `${printCond(e.left)} || ${e.right.t === "or" ? `( ${printCond(e.right)} )` : printCond(e.right)}`;
    case "not":
      return `! ${group(e.arg, "not")}`;
    case "unary":
      return `${e.op} ${printWord(e.arg)}`;
    case "binary":
      return `${printWord(e.left)} ${e.op} ${printWord(e.right)}`;
    case "word":
      return (bashStyle ? "-n " : "") + printWord(e.word);
  }
}

function printRedirects(rs: Redirect[]): string {
  let s = "";
  for (const r of rs) {
    const fd = r.fdVar ? `{${r.fdVar}}` : r.fd !== null ? String(r.fd) : "";
    if (r.heredoc) {
      const body = r.heredoc.error ? r.heredoc.error.raw : r.heredoc.body.parts.map((p) => printPart(p, true)).join("");
      // declare -f shows any quoted delimiter single-quoted: <<'EOF'.
      s += ` ${fd}${r.op}${bashStyle && r.heredoc.quoted ? `'${r.heredoc.delimiter}'` : printWord(r.target)}`;
      heredocQueue.push(`${body}${r.heredoc.delimiter}\n`);
      continue;
    }
    const dup = r.op === ">&" || r.op === "<&";
    // bash names the fd of a duplication (`1>&2`, `0<&3`) unless the target is a file name.
    const dupFd = bashStyle && fd === "" && dup && /^(\d+|-)$/.test(printWord(r.target)) ? (r.op === ">&" ? "1" : "0") : fd;
    s += ` ${dupFd}${r.op}${dup ? "" : " "}${printWord(r.target)}`;
  }
  return s;
}

function printAssignment(a: Assignment): string {
  const value = a.array ? `(${a.array.map((e) => (e.index ? `[${printWord(e.index)}]=` : "") + printWord(e.value)).join(" ")})` : printWord(a.value!);
  return `${a.name}${a.index ? `[${printWord(a.index)}]` : ""}${a.append ? "+=" : "="}${value}`;
}

export function printWord(w: Word): string {
  return w.parts.map((p) => printPart(p, false)).join("");
}

function printPart(p: WordPart, inDquote: boolean): string {
  switch (p.type) {
    case "Literal":
      return p.value;
    case "Escaped":
      return "\\" + p.value;
    case "SingleQuoted":
      // declare -f shows $'...' decoded, single-quoted.
      if (p.ansiC && bashStyle) return "'" + p.value.replace(/'/g, "'\\''") + "'";
      return p.ansiC ? "$'" + p.value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\t/g, "\\t") + "'" : `'${p.value}'`;
    case "DoubleQuoted":
      return (p.locale && !bashStyle ? "$" : "") + '"' + p.parts.map((x) => printPart(x, true)).join("") + '"';
    case "Param":
      return printParam(p);
    case "CommandSubst": {
      if (p.backquote && p.raw !== undefined) return "`" + p.raw + "`";
      if (p.error) return "`" + p.error.raw + "`";
      // (A here-document's delimiter must stand alone on its line: printSubstBody ends that line.)
      const inner = printSubstBody(p.body);
      // $( (list) ) must not print as $((...)), which would read back as arithmetic (bash pads the front only).
      const pad = inner.startsWith("(") ? " " : "";
      // Inside backquotes `\` and `` ` `` are escaped (the parser removed those escapes).
      return p.backquote ? "`" + inner.replace(/[\\`]/g, "\\$&") + "`" : "$(" + pad + inner + (bashStyle ? "" : pad) + ")";
    }
    case "ArithSubst":
      return p.bracket ? `$[${p.expr.text}]` : `$((${p.expr.text}))`;
    case "ProcSubst": {
      return `${p.direction}(${printSubstBody(p.body)})`;
    }
    case "Tilde":
      return "~" + p.user;
    case "Brace":
      if (p.seq) return `{${p.seq.from}..${p.seq.to}${p.seq.step !== null ? ".." + p.seq.step : ""}}`;
      return "{" + p.items!.map(printWord).join(",") + "}";
  }
  void inDquote;
}

function printParam(p: ParamPart): string {
  if (p.short) return "$" + p.name;
  const idx = p.index ? `[${printWord(p.index)}]` : "";
  const op = p.op;
  const name = (p.indirect ? "!" : "") + p.name + idx;
  if (!op) return "${" + name + "}";
  switch (op.kind) {
    case "default":
    case "assign":
    case "error":
    case "alt": {
      const ch = op.kind === "default" ? "-" : op.kind === "assign" ? "=" : op.kind === "error" ? "?" : "+";
      return "${" + name + (op.colon ? ":" : "") + ch + printWord(op.word) + "}";
    }
    case "length":
      return "${#" + name + "}";
    case "removePrefix":
      return "${" + name + (op.longest ? "##" : "#") + printWord(op.pattern) + "}";
    case "removeSuffix":
      return "${" + name + (op.longest ? "%%" : "%") + printWord(op.pattern) + "}";
    case "replace":
      return "${" + name + "/" + (op.all ? "/" : op.anchor ?? "") + printWord(op.pattern) + (op.replacement ? "/" + printWord(op.replacement) : "") + "}";
    case "case":
      return "${" + name + (op.toggle ? "~" : op.upper ? "^" : ",").repeat(op.all ? 2 : 1) + (op.pattern ? printWord(op.pattern) : "") + "}";
    case "substring":
      return "${" + name + ":" + printWord(op.offset) + (op.length ? ":" + printWord(op.length) : "") + "}";
    case "transform":
      return "${" + name + "@" + op.op + "}";
    case "prefixNames":
      return "${!" + p.name + (op.star ? "*" : "@") + "}";
    case "keys":
      return "${!" + p.name + (op.star ? "[*]" : "[@]") + "}";
    case "bad":
      return op.text;
  }
}
