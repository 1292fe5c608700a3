/**
 * Running a compiled program: BEGIN, then the records of every ARGV operand
 * (assignments `var=value` take effect when reached; no file operand means
 * standard input), BEGINFILE/ENDFILE around each file, END, and finally the
 * closing of pipes and files. Records are cut synchronously from buffered
 * input, so a record costs no await unless a rule waits.
 */
import { AwkArray } from "./array.js";
import type { Program, Rule, Stmt } from "./ast.js";
import type { Compiler } from "./compile.js";
import { StmtCompiler, type MaybeNum, type Stm } from "./compile-stmt.js";
import { compileAsync } from "./compile-async.js";
import { AwkFatal } from "./diagnostics.js";
import { ControlSignal, EXIT, NEXT, NEXTFILE, NORMAL } from "./ops.js";
import { RecordReader } from "./records.js";
import type { Runtime } from "./runtime.js";
import { toBool, type Value } from "./values.js";
import { bytesReader } from "../../src/io/streams.js";
import { isFsError } from "../../src/fs/types.js";

type Match = (rt: Runtime) => boolean | Promise<boolean>;

interface MainRule {
  match: Match | null;
  action: Stm;
  line: number;
}

export interface CompiledProgram {
  begin: Stm[];
  end: Stm[];
  beginfile: Stm[];
  endfile: Stm[];
  main: MainRule[];
}

const printRecord: Stm = (rt) => (rt.io.write(rt.record + rt.ors), NORMAL);

function compileMatch(c: Compiler, rule: Rule): Match | null {
  const p = rule.pattern;
  const cond = (e: Parameters<Compiler["cb"]>[0]): Match => {
    if (!c.isAsync(e)) return c.cb(e);
    const a = compileAsync(c, e);
    return (rt) => a(rt).then(toBool);
  };
  if (p.k === "expr") return cond(p.e);
  if (p.k !== "range") return null;
  const from = cond(p.from), to = cond(p.to);
  let active = false;
  // Ranges: on at a record matching `from`, off after one matching `to` (maybe the same).
  return (rt) => {
    if (active) {
      const t = to(rt);
      if (typeof t !== "boolean") return t.then((v) => ((active = !v), true));
      active = !t;
      return true;
    }
    const f = from(rt);
    const check = (v: boolean): boolean | Promise<boolean> => {
      if (!v) return false;
      const t = to(rt);
      if (typeof t !== "boolean") return t.then((w) => ((active = !w), true));
      active = !t;
      return true;
    };
    return typeof f !== "boolean" ? f.then(check) : check(f);
  };
}

export function compileProgram(c: Compiler, program: Program): CompiledProgram {
  const sc = new StmtCompiler(c);
  for (const info of c.funcs.values()) {
    c.scope = new Map(info.def.params.map((p, i) => [p, i]));
    c.scopeFunc = info;
    info.body = sc.block(info.def.body);
  }
  c.scope = null;
  c.scopeFunc = null;
  const out: CompiledProgram = { begin: [], end: [], beginfile: [], endfile: [], main: [] };
  for (const rule of program.rules) {
    const action = rule.action ? sc.block(rule.action as Stmt[]) : printRecord;
    switch (rule.pattern.k) {
      case "begin": out.begin.push(action); break;
      case "end": out.end.push(action); break;
      case "beginfile": out.beginfile.push(action); break;
      case "endfile": out.endfile.push(action); break;
      default: out.main.push({ match: compileMatch(c, rule), action, line: rule.line });
    }
  }
  return out;
}

/** Runs the main rules on the current record. */
function mainRules(rules: MainRule[]): Stm {
  const n = rules.length;
  const run = (rt: Runtime, from: number): MaybeNum => {
    for (let i = from; i < n; i++) {
      const rule = rules[i];
      rt.line = rule.line;
      if (rule.match) {
        const m = rule.match(rt);
        if (typeof m !== "boolean") {
          return m.then((b) => {
            if (!b) return run(rt, i + 1);
            const r = rule.action(rt);
            return typeof r === "number" ? (r ? r : run(rt, i + 1)) : r.then((x) => (x ? x : run(rt, i + 1)));
          });
        }
        if (!m) continue;
      }
      const r = rule.action(rt);
      if (typeof r !== "number") return r.then((x) => (x ? x : run(rt, i + 1)));
      if (r) return r;
    }
    return NORMAL;
  };
  return (rt) => run(rt, 0);
}

/**
 * Runs a list of actions (BEGIN, END...), turning a signal from a function into its code.
 * BEGINFILE may use nextfile: its code comes back to the caller, the rest are skipped.
 */
async function runActions(rt: Runtime, actions: Stm[], where: string): Promise<number> {
  for (const a of actions) {
    let code: number;
    try {
      const r = a(rt);
      code = typeof r === "number" ? r : await r;
    } catch (e) {
      if (!(e instanceof ControlSignal)) throw e;
      code = e.code;
    }
    if (code === EXIT) return EXIT;
    if (code === NEXTFILE && where === "BEGINFILE") return NEXTFILE;
    if ((code === NEXT || code === NEXTFILE) && where) {
      throw new AwkFatal(`\`${code === NEXT ? "next" : "nextfile"}' cannot be called from a \`${where}' rule`);
    }
  }
  return NORMAL;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The main input: ARGV's operands in turn, or standard input. */
class MainInput {
  private argi = 1;
  private sawFile = false;
  reader: RecordReader | null = null;
  finished = false;
  /**
   * A file that could not be read while BEGINFILE rules exist: gawk runs them first
   * (FILENAME and ERRNO set) and fails or warns only if they do not `nextfile`.
   */
  failure: { message: string; directory: boolean } | null = null;

  constructor(
    private readonly rt: Runtime,
    private readonly assign: (name: string, value: string) => void,
    /** Runs the BEGINFILE rules when plain getline opens a file; null when there are none. */
    private readonly beginfile: (() => Promise<number>) | null = null,
  ) {}

  /** Defers a failed open to after BEGINFILE (see `failure`); true when deferred. */
  private defer(arg: string, message: string, errno: string, directory: boolean): boolean {
    if (!this.beginfile) return false;
    this.failure = { message, directory };
    this.rt.g[this.rt.slot("FILENAME")] = arg;
    this.rt.g[this.rt.slot("ERRNO")] = errno;
    this.rt.fnr = 0;
    return true;
  }

  private argv(): AwkArray | null {
    const v = this.rt.g[this.rt.slot("ARGV")];
    return v instanceof AwkArray ? v : null;
  }

  /** Opens the next input; false when there is none left. */
  async open(): Promise<boolean> {
    const rt = this.rt;
    for (;;) {
      const argc = Math.trunc(rt.num(rt.g[rt.slot("ARGC")] as Value));
      if (this.argi >= argc) break;
      const argv = this.argv();
      const i = this.argi++;
      const v = argv?.peek(String(i));
      const arg = v === undefined || v instanceof AwkArray ? "" : rt.str(v);
      if (arg === "") continue;
      if (ASSIGNMENT.test(arg)) {
        const eq = arg.indexOf("=");
        this.assign(arg.slice(0, eq), arg.slice(eq + 1));
        continue;
      }
      this.sawFile = true;
      if (arg === "-" || arg === "/dev/stdin") return this.start(arg, new RecordReader(rt.ctx.stdin));
      const path = rt.ctx.resolve(arg);
      try {
        const st = await rt.ctx.fs.stat(path);
        if (st.type === "directory") {
          const warning = `warning: command line argument \`${arg}' is a directory: skipped`;
          if (this.defer(arg, warning, "Is a directory", true)) return true;
          rt.ctx.stderr.write(`${rt.prog}: warning: command line argument \`${arg}' is a directory: skipped\n`);
          continue;
        }
        const data = await rt.ctx.fs.readFile(path);
        return this.start(arg, new RecordReader(bytesReader(data)));
      } catch (e) {
        if (isFsError(e)) {
          const message = `cannot open file \`${arg}' for reading: ${e.message}`;
          if (this.defer(arg, message, e.message, false)) return true;
          throw new AwkFatal(message, -1);
        }
        throw e;
      }
    }
    if (!this.sawFile) {
      this.sawFile = true;
      return this.start("-", new RecordReader(rt.ctx.stdin), "");
    }
    this.finished = true;
    return false;
  }

  private start(name: string, reader: RecordReader, filename = name): boolean {
    this.reader = reader;
    if (this.beginfile) this.rt.g[this.rt.slot("ERRNO")] = "";
    this.rt.g[this.rt.slot("FILENAME")] = filename === "" ? "-" : filename;
    this.rt.fnr = 0;
    return true;
  }

  /** The next record across files (for plain getline); null at the end of all input. */
  async next(): Promise<string | null> {
    for (;;) {
      if (!this.reader) {
        if (this.finished || !(await this.open())) return null;
        const code = this.beginfile ? await this.beginfile() : NORMAL;
        if (this.failure) {
          if (code === NEXTFILE) this.failure = null;
          else this.failed(0);
          continue;
        }
        if (code === NEXTFILE) this.reader = null;
        if (!this.reader) continue;
      }
      const rec = this.reader!.next(this.rt.rsMode);
      if (rec === undefined) {
        await this.reader!.fill();
        continue;
      }
      if (rec === null) {
        this.reader = null;
        continue;
      }
      this.rt.g[this.rt.slot("RT")] = this.reader!.rt;
      return rec;
    }
  }

  /** Reports a deferred failure: a directory is a warning, anything else fatal. */
  failed(line: number): void {
    const f = this.failure!;
    this.failure = null;
    const rt = this.rt;
    if (!f.directory) throw new AwkFatal(f.message, line);
    rt.ctx.stderr.write(`${line === -1 ? `${rt.prog}: ` : rt.where(rt.line)}${f.message}\n`);
  }
}

export async function runProgram(rt: Runtime, p: CompiledProgram, assign: (name: string, value: string) => void): Promise<number> {
  const beginfile = p.beginfile.length > 0 ? () => runActions(rt, p.beginfile, "BEGINFILE") : null;
  const input = new MainInput(rt, assign, beginfile);
  rt.readMain = () => input.next();
  let code = await runActions(rt, p.begin, "BEGIN");
  const needInput = p.main.length > 0 || p.end.length > 0 || p.beginfile.length > 0 || p.endfile.length > 0;
  if (code !== EXIT && needInput) code = await mainLoop(rt, p, input);
  // exit in BEGIN or in a rule still runs END; an exit inside END ends it.
  await runActions(rt, p.end, "END");
  await rt.io.closeAll();
  return rt.exitStatus;
}

async function mainLoop(rt: Runtime, p: CompiledProgram, input: MainInput): Promise<number> {
  const rules = mainRules(p.main);
  const rtSlot = rt.slot("RT");
  const budget = rt.ctx.budget;
  for (;;) {
    if (!input.reader) {
      if (input.finished || !(await input.open())) return NORMAL;
      const code = await runActions(rt, p.beginfile, "BEGINFILE");
      if (code === EXIT) return EXIT;
      if (input.failure) {
        // Skipped by nextfile, or reported at the line BEGINFILE ended on.
        if (code === NEXTFILE) input.failure = null;
        else input.failed(0);
        continue;
      }
      if (code === NEXTFILE) {
        input.reader = null;
        if ((await runActions(rt, p.endfile, "ENDFILE")) === EXIT) return EXIT;
        continue;
      }
    }
    const reader = input.reader!;
    // The synchronous part: as many records as are buffered.
    for (;;) {
      const rec = reader.next(rt.rsMode);
      if (rec === undefined) {
        if (rt.io.pressure) await rt.io.flushStdout();
        await reader.fill();
        continue;
      }
      if (rec === null) {
        input.reader = null;
        if ((await runActions(rt, p.endfile, "ENDFILE")) === EXIT) return EXIT;
        break;
      }
      budget.step();
      rt.nr++;
      rt.fnr++;
      rt.setRecord(rec);
      rt.g[rtSlot] = reader.rt;
      let code: number;
      try {
        const r = rules(rt);
        code = typeof r === "number" ? r : await r;
      } catch (e) {
        if (!(e instanceof ControlSignal)) throw e;
        code = e.code;
      }
      if (code === EXIT) return EXIT;
      if (code === NEXTFILE) {
        input.reader = null;
        if ((await runActions(rt, p.endfile, "ENDFILE")) === EXIT) return EXIT;
        break;
      }
      if (rt.io.pressure) await rt.io.flushStdout();
      if (input.reader !== reader) break;
    }
  }
}

