import type { CommandContext } from "../types.js";
import type { CompiledRegex } from "../_lib/regex/index.js";
import { openInput, readInput } from "../_lib/input.js";
import { readLines, type Line } from "../_lib/lines.js";
import { CollectingWriter, emptyReader } from "../../src/io/streams.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import type { Address, Command, Script, SedRegex } from "./types.js";
import type { SedInput } from "./input.js";
import { SedOutput } from "./output.js";
import { substitute } from "./subst.js";
import { escapeForL } from "./lcmd.js";
import { registersText, spaceLine, type DebugPrinter } from "./debug.js";

/**
 * Runs a parsed script over an input (GNU sed 4.9 execute.c semantics):
 * pattern and hold space, ranges, the append queue, n/N/D cycles, q/Q exit
 * codes, w files, r/R reads and e through the sandbox shell.
 */

export interface ExecSettings {
  quiet: boolean;
  lineWrap: number;
  nullData: boolean;
  posix: boolean;
  /** --debug: the program and each step are printed to stdout. */
  debug?: DebugPrinter;
}

/** A runtime error ("-e expression #1, char 0: no previous regular expression", "read error on d: Is a directory"). */
export class SedRuntimeError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

type Append = { text: string } | { file: string } | { rline: string };

export class SedMachine {
  hold = "";
  /** Whether the hold space ends "with a newline" for output (GNU keeps this per buffer). */
  private holdChomped = true;
  exitCode: number | null = null;
  private ps = "";
  private chomped = true;
  private tFlag = false;
  private appends: Append[] = [];
  private lastRegex: CompiledRegex | null = null;
  private isLast = false;
  private input!: SedInput;
  private readonly nl: string;
  readonly wfiles = new Map<string, SedOutput>();
  private readonly rfiles = new Map<string, AsyncGenerator<Line> | null>();

  constructor(
    private readonly ctx: CommandContext,
    private readonly script: Script,
    private readonly s: ExecSettings,
    private out: SedOutput,
    private readonly stdout: SedOutput,
  ) {
    this.nl = s.nullData ? "\0" : "\n";
    for (const f of script.wfiles) this.wfiles.set(f, this.fileOutput(f));
  }

  private fileOutput(name: string): SedOutput {
    if (name === "/dev/stdout") return this.stdout;
    if (name === "/dev/stderr") return new SedOutput(this.ctx.stderr, this.nl);
    return new SedOutput(null, this.nl);
  }

  /**
   * `sed 's/literal/text/g'` and nothing else: every line is treated alike and a
   * match never crosses a newline, so whole decoded blocks of lines are replaced at
   * once by V8's native split/join (no per-line cycle). Null when not applicable.
   */
  private bulkReplace(): ((block: string) => string) | null {
    const cmds = this.script.commands;
    if (cmds.length !== 1 || this.s.quiet || this.s.debug || this.s.nullData) return null;
    const c = cmds[0];
    const sub = c.subst;
    if (c.name !== "s" || c.a1 || c.negate || !sub || !sub.global || sub.nth !== 1 || sub.print || sub.evaluate) return null;
    const lit = sub.re.re?.literal;
    if (!lit || sub.wfile !== undefined || !sub.repl.every((p) => p.t === "text")) return null;
    const repl = sub.repl.map((p) => (p as { s: string }).s).join("");
    return (block) => block.split(lit).join(repl);
  }

  /** Runs every cycle over `input`, writing to `out` (changes per file with -i). */
  async run(input: SedInput, out: SedOutput): Promise<void> {
    this.input = input;
    this.out = out;
    for (const c of this.script.commands) c.active = false;
    const bulk = this.bulkReplace();
    if (bulk) {
      for (;;) {
        const block = input.takeBlock();
        if (block !== "") {
          this.ctx.budget.step();
          await out.text(bulk(block));
          continue;
        }
        const line = await input.next();
        if (!line) return;
        await out.line(bulk(line.text), line.terminated);
      }
    }
    while (this.exitCode === null) {
      let line = input.nextSync();
      if (line === undefined) line = await input.next();
      if (!line) break;
      this.ps = line.text;
      this.chomped = line.terminated;
      this.tFlag = false;
      this.isLast = input.atLastSync() ?? (await input.atLast());
      if (this.s.debug) {
        const name = input.fileName === "-" ? "STDIN" : input.fileName;
        await this.dbg(`INPUT:   '${name}' line ${input.lineNo}\n${spaceLine("PATTERN: ", this.ps)}`);
      }
      await this.cycle();
    }
  }

  private async cycle(): Promise<void> {
    let restart = true;
    while (restart) {
      restart = false;
      this.ctx.budget.step();
      const end = await this.execute();
      if (end === "quit-silent") return;
      if (end === "end" && this.s.debug) await this.dbg("END-OF-CYCLE:\n");
      if (end !== "delete" && end !== "restart" && end !== "quit-printed" && !this.s.quiet) await this.out.line(this.ps, this.chomped);
      await this.flushAppends();
      if (end === "restart") restart = true;
      if (end === "quit" || end === "quit-printed") this.exitCode ??= 0;
    }
  }

  /** --debug output, in order with sed's own standard output. */
  private dbg(s: string): void | Promise<void> {
    return this.stdout.debug(s);
  }

  private async dbgSpaces(pattern: boolean, hold: boolean): Promise<void> {
    if (!this.s.debug) return;
    if (pattern) await this.dbg(spaceLine("PATTERN: ", this.ps));
    if (hold) await this.dbg(spaceLine("HOLD:    ", this.hold));
  }

  private matchOne(a: Address): boolean {
    switch (a.t) {
      case "line":
        return this.input.lineNo === a.n;
      case "last":
        return this.isLast;
      case "zero":
        return false;
      case "step":
        return a.step <= 0 ? this.input.lineNo === a.first : this.input.lineNo >= a.first && (this.input.lineNo - a.first) % a.step === 0;
      case "re":
        return this.test(a.re);
    }
  }

  private regex(r: SedRegex): CompiledRegex {
    if (r.re) {
      this.lastRegex = r.re;
      return r.re;
    }
    if (!this.lastRegex) throw new SedRuntimeError("-e expression #1, char 0: no previous regular expression");
    return this.lastRegex;
  }

  private test(r: SedRegex): boolean {
    return this.regex(r).find(this.ps, 0) !== null;
  }

  private selects(c: Command): boolean {
    if (!c.a1) return !c.negate;
    if (!c.a2) return this.matchOne(c.a1) !== c.negate;
    const n = this.input.lineNo;
    const a2 = c.a2;
    if (!c.active) {
      const zero = c.a1.t === "zero" && n === 1;
      if (!zero && !this.matchOne(c.a1)) return c.negate;
      c.active = true;
      switch (a2.t) {
        case "line":
          if (a2.n <= n) c.active = false;
          break;
        case "plus":
          c.rangeEnd = n + a2.n;
          if (a2.n === 0) c.active = false;
          break;
        case "mult":
          // GNU: the end is the next multiple after this line.
          if (a2.n <= 0) c.active = false;
          else c.rangeEnd = (Math.floor(n / a2.n) + 1) * a2.n;
          break;
        case "last":
          if (this.isLast) c.active = false;
          break;
        case "re":
          if (zero && this.test(a2.re)) c.active = false;
          break;
        default:
          if (this.matchOne(a2) && a2.t !== "step") c.active = false;
      }
      return !c.negate;
    }
    switch (a2.t) {
      case "line":
        if (n >= a2.n) c.active = false;
        break;
      case "plus":
      case "mult":
        if (n >= c.rangeEnd!) c.active = false;
        break;
      default:
        if (this.matchOne(a2)) c.active = false;
    }
    return !c.negate;
  }

  /** Runs the script once; returns how the cycle ends. */
  private async execute(): Promise<"end" | "delete" | "restart" | "quit" | "quit-silent" | "quit-printed"> {
    const cmds = this.script.commands;
    const debug = this.s.debug;
    let pc = 0;
    while (pc < cmds.length) {
      const c = cmds[pc];
      if (debug && c.name !== "v") await this.dbg("COMMAND: " + debug.command(c));
      if (!this.selects(c)) {
        if (c.name === "{") {
          pc = c.target!;
          // GNU jumps to the "}", which is reached (and printed) in turn.
          if (debug) await this.dbg("COMMAND: " + debug.command(cmds[pc - 1]));
        } else pc++;
        continue;
      }
      pc++;
      switch (c.name) {
        case "{": case "}": case ":":
          break;
        case "=":
          await this.out.text(`${this.input.lineNo}\n`);
          break;
        case "a":
          if (c.text) this.appends.push({ text: c.text + "\n" });
          break;
        case "i":
          if (c.text) await this.out.text(c.text + "\n");
          break;
        case "c":
          if (c.text && (!c.a2 || c.negate || !c.active)) await this.out.text(c.text + "\n");
          if (debug) await this.dbg("END-OF-CYCLE:\n");
          return "delete";
        case "d":
          if (debug) await this.dbg("END-OF-CYCLE:\n");
          return "delete";
        case "D": {
          const nl = this.ps.indexOf(this.nl);
          if (nl < 0) return "delete";
          this.ps = this.ps.slice(nl + 1);
          await this.dbgSpaces(true, false);
          return "restart";
        }
        case "e":
          await this.runE(c.text!);
          break;
        case "F":
          await this.out.text(`${this.input.fileName}\n`);
          break;
        case "g":
          this.ps = this.hold;
          this.chomped = this.holdChomped;
          await this.dbgSpaces(false, true);
          break;
        case "G":
          this.ctx.budget.checkString(this.ps.length + this.hold.length + 1);
          this.ps += this.nl + this.hold;
          this.chomped = this.holdChomped;
          await this.dbgSpaces(true, false);
          break;
        case "h":
          this.hold = this.ps;
          this.holdChomped = this.chomped;
          await this.dbgSpaces(false, true);
          break;
        case "H":
          this.ctx.budget.checkString(this.ps.length + this.hold.length + 1);
          this.hold += this.nl + this.ps;
          this.holdChomped = this.chomped;
          await this.dbgSpaces(false, true);
          break;
        case "x":
          [this.ps, this.hold] = [this.hold, this.ps];
          [this.chomped, this.holdChomped] = [this.holdChomped, this.chomped];
          await this.dbgSpaces(true, true);
          break;
        case "z":
          this.ps = "";
          await this.dbgSpaces(true, false);
          break;
        case "l": case "L":
          await this.out.text(escapeForL(this.ps, c.int ?? this.s.lineWrap, this.nl));
          break;
        case "n":
          if (this.isLast) {
            // GNU prints the pattern space, then ends without reading.
            if (!this.s.quiet) await this.out.line(this.ps, this.chomped);
            if (debug) await this.dbg("END-OF-CYCLE:\n");
            return "quit-printed";
          }
          if (!this.s.quiet) await this.out.line(this.ps, this.chomped);
          if (!(await this.readNext(false))) return "quit-silent";
          await this.dbgSpaces(true, false);
          break;
        case "N":
          if (this.isLast) {
            if (debug) await this.dbg("END-OF-CYCLE:\n");
            return this.s.posix ? "delete" : "quit";
          }
          await this.readNext(true);
          await this.dbgSpaces(true, false);
          break;
        case "p":
          await this.out.line(this.ps, this.chomped);
          break;
        case "P": {
          const nl = this.ps.indexOf(this.nl);
          await this.out.line(nl < 0 ? this.ps : this.ps.slice(0, nl));
          break;
        }
        case "q":
          this.exitCode = c.int ?? 0;
          return "quit";
        case "Q":
          this.exitCode = c.int ?? 0;
          return "quit-silent";
        case "r":
          this.appends.push({ file: c.text! });
          break;
        case "R":
          this.appends.push({ rline: c.text! });
          break;
        case "w":
          await this.wfiles.get(c.text!)!.line(this.ps, this.chomped);
          break;
        case "W": {
          const nl = this.ps.indexOf(this.nl);
          await this.wfiles.get(c.text!)!.line(nl < 0 ? this.ps : this.ps.slice(0, nl));
          break;
        }
        case "s":
          await this.runS(c);
          break;
        case "y":
          this.ps = Array.from(this.ps, (ch) => c.ymap!.get(ch.codePointAt(0)!) ?? ch).join("");
          await this.dbgSpaces(true, false);
          break;
        case "b":
          if (c.target === undefined) return "end";
          pc = c.target;
          this.ctx.budget.step();
          break;
        case "t":
        case "T":
          if (this.tFlag === (c.name === "t")) {
            this.tFlag = false;
            if (c.target === undefined) return "end";
            pc = c.target;
            this.ctx.budget.step();
          } else if (c.name === "T") this.tFlag = false;
          break;
      }
    }
    return "end";
  }

  /** n/N: reads the next line (appending for N); false at the end of input. */
  private async readNext(append: boolean): Promise<boolean> {
    await this.flushAppends();
    const line = this.input.nextSync() ?? (await this.input.next());
    if (!line) return false;
    this.ps = append ? this.ps + this.nl + line.text : line.text;
    this.chomped = line.terminated;
    this.tFlag = false;
    this.isLast = this.input.atLastSync() ?? (await this.input.atLast());
    return true;
  }

  private async runS(c: Command): Promise<void> {
    const sub = c.subst!;
    const re = this.regex(sub.re);
    let registers = "";
    const first = this.s.debug ? (spans: ArrayLike<number>) => (registers = registersText(this.ps, spans)) : undefined;
    const result = substitute(re, this.ps, sub, this.ctx.budget, first);
    if (registers) await this.dbg(registers);
    if (result === null) return this.dbgSpaces(true, false);
    this.ps = result;
    this.tFlag = true;
    if (sub.evaluate) {
      const out = await this.capture(this.ps);
      this.ps = out.endsWith("\n") ? out.slice(0, -1) : out;
    }
    for (let i = 0; i < sub.print; i++) await this.out.line(this.ps, this.chomped);
    if (sub.wfile !== undefined) await this.wfiles.get(sub.wfile)!.line(this.ps, this.chomped);
    await this.dbgSpaces(true, false);
  }

  private async capture(command: string): Promise<string> {
    const out = new CollectingWriter();
    await this.out.flush();
    await this.ctx.runScript(command, { stdin: emptyReader, stdout: out, stderr: this.ctx.stderr });
    return decodeUtf8(out.bytes());
  }

  private async runE(command: string): Promise<void> {
    if (command === "") {
      const out = await this.capture(this.ps);
      this.ps = out.endsWith("\n") ? out.slice(0, -1) : out;
      return;
    }
    await this.out.text(await this.capture(command));
  }

  private async flushAppends(): Promise<void> {
    const queue = this.appends;
    this.appends = [];
    for (const a of queue) {
      if ("text" in a) await this.out.text(a.text);
      else if ("file" in a) {
        try {
          await this.out.text(decodeUtf8(await readInput(this.ctx, a.file)));
        } catch {
          // GNU: an unreadable r file is silently ignored.
        }
      } else {
        const line = await this.readRLine(a.rline);
        if (line !== null) await this.out.text(line + this.nl);
      }
    }
  }

  private async readRLine(file: string): Promise<string | null> {
    let gen = this.rfiles.get(file);
    if (gen === undefined) {
      try {
        gen = readLines(await openInput(this.ctx, file), this.s.nullData ? 0 : 10);
      } catch {
        gen = null;
      }
      this.rfiles.set(file, gen);
    }
    if (!gen) return null;
    const r = await gen.next();
    return r.done ? null : decodeUtf8(r.value.bytes);
  }
}
