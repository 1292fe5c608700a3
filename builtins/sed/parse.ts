import { compileRegex, RegexSyntaxError, type RegexBudget } from "../_lib/regex/index.js";
import type { Address, Address2, Command, Script, SedRegex, Subst } from "./types.js";
import { bracketEnd, parseReplacement, textEscape, unescapeY } from "./parse-text.js";

/**
 * The sed script parser (GNU sed 4.9 compile.c behaviour): addresses, every
 * command, GNU one-line a/i/c, `;` and newline separators, `{ }` blocks,
 * comments and `#n`. Errors read like GNU's:
 * "-e expression #1, char 5: unterminated `s' command".
 */

export interface ScriptPiece {
  text: string;
  /** "-e" expression (numbered from 1) or -f file name. */
  origin: { e: number } | { file: string };
}

export interface ParseSettings {
  extended: boolean;
  posix: boolean;
  sandbox: boolean;
  budget?: RegexBudget;
}

/** A script error; `message` is the full text after "sed: ". Status 1 (4 for a missing label). */
export class SedScriptError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

const NO_ADDR = new Set([":", "}", "#"]);
const ONE_ADDR = new Set(["=", "a", "i", "q", "Q", "r", "R"]);

export function parseScript(pieces: ScriptPiece[], settings: ParseSettings): Script {
  return new Parser(pieces, settings).parse();
}

class Parser {
  private src: string;
  private pos = 0;
  private starts: number[] = [];
  private commands: Command[] = [];
  private blocks: number[] = [];
  private wfiles = new Set<string>();

  constructor(
    private readonly pieces: ScriptPiece[],
    private readonly settings: ParseSettings,
  ) {
    let offset = 0;
    for (const p of pieces) {
      this.starts.push(offset);
      offset += p.text.length + 1;
    }
    this.src = pieces.map((p) => p.text).join("\n");
  }

  /** "-e expression #1, char 5: msg" or "file x.sed line 2: msg" for an error at pos. */
  private fail(msg: string, at = this.pos): never {
    let i = this.starts.length - 1;
    while (i > 0 && this.starts[i] > at) i--;
    const piece = this.pieces[i];
    const rel = at - this.starts[i];
    if ("file" in piece.origin) {
      const line = piece.text.slice(0, rel).split("\n").length;
      throw new SedScriptError(`file ${piece.origin.file} line ${line}: ${msg}`);
    }
    throw new SedScriptError(`-e expression #${piece.origin.e}, char ${rel}: ${msg}`);
  }

  private peek(): string {
    return this.src[this.pos] ?? "";
  }

  private next(): string {
    return this.src[this.pos++] ?? "";
  }

  private eof(): boolean {
    return this.pos >= this.src.length;
  }

  private skipSpace(newlines = false): void {
    while (!this.eof()) {
      const c = this.peek();
      if (c === " " || c === "\t" || (newlines && (c === "\n" || c === ";"))) this.pos++;
      else break;
    }
  }

  parse(): Script {
    const quietFromScript = this.src.startsWith("#n\n") || this.src === "#n";
    for (;;) {
      this.skipSpace(true);
      if (this.eof()) break;
      this.parseCommand();
    }
    if (this.blocks.length > 0) this.fail("unmatched `{'", 0);
    this.resolveLabels();
    return { commands: this.commands, quietFromScript, wfiles: this.wfiles };
  }

  private resolveLabels(): void {
    const labels = new Map<string, number>();
    this.commands.forEach((c, i) => {
      if (c.name === ":") labels.set(c.text!, i);
    });
    for (const c of this.commands) {
      if ((c.name === "b" || c.name === "t" || c.name === "T") && c.text !== "") {
        const at = labels.get(c.text!);
        if (at === undefined) throw new SedScriptError(`can't find label for jump to \`${c.text}'`, 4);
        c.target = at;
      }
    }
  }

  private parseCommand(): void {
    const cmd: Command = { negate: false, name: "" };
    if (this.peek() === "#") {
      this.skipLine();
      return;
    }
    const a1 = this.parseAddress();
    if (a1) {
      cmd.a1 = a1;
      this.skipSpace();
      if (this.peek() === ",") {
        this.pos++;
        this.skipSpace();
        const a2 = this.parseAddress2();
        if (!a2) this.fail("unexpected `,'");
        cmd.a2 = a2;
      }
    }
    this.skipSpace();
    if (this.peek() === "!") {
      this.pos++;
      cmd.negate = true;
      this.skipSpace();
      if (this.peek() === "!") {
        this.pos++;
        this.fail("multiple `!'s");
      }
    }
    this.skipSpace();
    if (this.eof()) this.fail("missing command");
    const name = this.next();
    cmd.name = name;
    if (cmd.a1?.t === "zero" && (!cmd.a2 || cmd.a2.t !== "re")) this.fail("invalid usage of line address 0");
    if (cmd.a1 && NO_ADDR.has(name)) {
      if (name === "}") this.fail("unexpected `}'");
      this.fail(name === "#" ? "comments don't accept any addresses" : ": doesn't want any addresses");
    }
    if (cmd.a2 && ONE_ADDR.has(name) && this.settings.posix) this.fail("command only uses one address");
    this.parseArguments(cmd);
    this.commands.push(cmd);
  }

  private parseArguments(cmd: Command): void {
    switch (cmd.name) {
      case "{":
        this.blocks.push(this.commands.length);
        return;
      case "}": {
        const open = this.blocks.pop();
        if (open === undefined) this.fail("unexpected `}'");
        this.commands[open].target = this.commands.length + 1;
        this.endOfCommand();
        return;
      }
      case "=": case "d": case "D": case "g": case "G": case "h": case "H": case "n": case "N":
      case "p": case "P": case "x": case "z": case "F":
        this.endOfCommand();
        return;
      case "q": case "Q": case "l": case "L": {
        this.skipSpace();
        const m = /^\d+/.exec(this.src.slice(this.pos));
        if (m) {
          cmd.int = Number(m[0]);
          this.pos += m[0].length;
        }
        this.endOfCommand();
        return;
      }
      case ":": {
        this.skipSpace();
        const label = this.readLabel();
        if (label === "") this.fail("\":\" lacks a label");
        cmd.text = label;
        return;
      }
      case "b": case "t": case "T":
        this.skipSpace();
        cmd.text = this.readLabel();
        return;
      case "a": case "i": case "c":
        cmd.text = this.readText();
        return;
      case "r": case "R": case "w": case "W":
        if (this.settings.sandbox) this.fail("e/r/w commands disabled in sandbox mode");
        cmd.text = this.readFileName();
        if (cmd.name === "w" || cmd.name === "W") this.wfiles.add(cmd.text);
        return;
      case "e":
        if (this.settings.sandbox) this.fail("e/r/w commands disabled in sandbox mode");
        this.skipSpace();
        cmd.text = this.readToEol();
        return;
      case "s":
        cmd.subst = this.parseSubst();
        return;
      case "y":
        [cmd.ymap, cmd.ytext] = this.parseY();
        this.endOfCommand();
        return;
      case "v":
        this.readLabel();
        return;
      case "#":
        this.skipLine();
        return;
      default:
        this.fail(`unknown command: \`${cmd.name}'`);
    }
  }

  /**
   * After a command: spaces, then ";", newline, "}", "#" or the end. Anything
   * else is `message` (after s///, an unknown flag).
   */
  private endOfCommand(message = "extra characters after command"): void {
    this.skipSpace();
    const c = this.peek();
    if (c === "" || c === "\n" || c === ";") {
      if (c !== "") this.pos++;
      return;
    }
    if (c === "}" || c === "#") return;
    this.pos++;
    this.fail(message);
  }

  private skipLine(): void {
    while (!this.eof() && this.peek() !== "\n") this.pos++;
  }

  private readToEol(): string {
    const start = this.pos;
    this.skipLine();
    const s = this.src.slice(start, this.pos);
    if (!this.eof()) this.pos++;
    return s;
  }

  /** GNU: a label ends at a newline or ";" (trailing spaces dropped). */
  private readLabel(): string {
    const start = this.pos;
    while (!this.eof() && this.peek() !== "\n" && this.peek() !== ";") this.pos++;
    const label = this.src.slice(start, this.pos).replace(/[ \t]+$/, "");
    if (!this.eof()) this.pos++;
    return label;
  }

  private readFileName(): string {
    this.skipSpace();
    const name = this.readToEol();
    if (name === "") this.fail("missing filename in r/R/w/W commands");
    return name;
  }

  /** a/i/c text: "a\" newline text (lines continued by "\"), or GNU's one-line "a text". */
  private readText(): string {
    this.skipSpace();
    if (this.eof()) this.fail("expected \\ after `a', `c' or `i'");
    if (this.peek() === "\\") {
      this.pos++;
      if (this.peek() === "\n") this.pos++;
    } else if (this.settings.posix) {
      this.fail("expected \\ after `a', `c' or `i'");
    }
    let out = "";
    while (!this.eof()) {
      const c = this.next();
      if (c === "\\") {
        if (this.eof()) break;
        const d = this.next();
        out += d === "\n" ? "\n" : textEscape(d);
        continue;
      }
      if (c === "\n") break;
      out += c;
    }
    return out;
  }

  private parseAddress(): Address | null {
    const c = this.peek();
    if ((c === "+" || c === "~") && /^[+~]\d/.test(this.src.slice(this.pos, this.pos + 2))) {
      this.pos += 2;
      this.fail("invalid usage of +N or ~N as first address");
    }
    if (c === "$") {
      this.pos++;
      return { t: "last" };
    }
    if (c >= "0" && c <= "9") {
      const n = this.readNumber();
      if (this.peek() === "~") {
        this.pos++;
        const step = /^\d/.test(this.peek()) ? this.readNumber() : 0;
        return { t: "step", first: n, step };
      }
      return n === 0 ? { t: "zero" } : { t: "line", n };
    }
    if (c === "/" || c === "\\") {
      this.pos++;
      let delim = "/";
      if (c === "\\") {
        delim = this.next();
        if (delim === "" || delim === "\n" || delim === "\\") this.fail("unexpected `,'");
      }
      const source = this.readDelimited(delim, true, "unterminated address regex");
      let ignoreCase = false;
      let multiline = false;
      for (;;) {
        if (this.peek() === "I") ignoreCase = true;
        else if (this.peek() === "M") multiline = true;
        else break;
        this.pos++;
      }
      return { t: "re", re: this.compile(source, ignoreCase, multiline) };
    }
    return null;
  }

  private parseAddress2(): Address2 | null {
    const c = this.peek();
    if (c === "+" || c === "~") {
      this.pos++;
      if (!/^\d/.test(this.peek())) this.fail("expected newer version of sed");
      const n = this.readNumber();
      return c === "+" ? { t: "plus", n } : { t: "mult", n };
    }
    const a = this.parseAddress();
    if (a && a.t === "zero") this.fail("invalid usage of line address 0");
    if (a && a.t === "step") return { t: "line", n: a.first };
    return a;
  }

  private readNumber(): number {
    const m = /^\d+/.exec(this.src.slice(this.pos))!;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  /**
   * Reads up to the closing delimiter. In a regex, "\delim" becomes the bare
   * delimiter, "\n" a newline escape, and brackets are copied whole.
   */
  private readDelimited(delim: string, regex: boolean, unterminated: string): string {
    let out = "";
    for (;;) {
      if (this.eof()) this.fail(unterminated);
      const c = this.next();
      if (c === delim) return out;
      if (c === "\n" && regex) this.fail(unterminated);
      if (c === "\\") {
        if (this.eof()) this.fail(unterminated);
        const d = this.next();
        if (d === delim) out += delim === "&" && !regex ? "\\&" : delim;
        else if (d === "\n" && regex) out += "\\n";
        else out += "\\" + d;
        continue;
      }
      if (c === "[" && regex) {
        const end = bracketEnd(this.src, this.pos);
        if (end > 0) {
          out += this.src.slice(this.pos - 1, end);
          this.pos = end;
          continue;
        }
      }
      out += c;
    }
  }

  private compile(source: string, ignoreCase: boolean, multiline: boolean): SedRegex {
    if (source === "") {
      if (ignoreCase || multiline) this.fail("no previous regular expression");
      return { re: null };
    }
    try {
      return {
        src: source,
        ignoreCase,
        multiline,
        re: compileRegex(source, {
          syntax: this.settings.extended ? "ERE" : "BRE",
          ignoreCase,
          multiline,
          escapes: "sed",
          budget: this.settings.budget,
        }),
      };
    } catch (e) {
      if (e instanceof RegexSyntaxError) this.fail(e.message);
      throw e;
    }
  }

  private parseSubst(): Subst {
    const delim = this.next();
    if (delim === "" || delim === "\n" || delim === "\\") this.fail("unterminated `s' command");
    const source = this.readDelimited(delim, true, "unterminated `s' command");
    const replText = this.readDelimited(delim, false, "unterminated `s' command");
    const s: Subst = { re: { re: null }, repl: [], global: false, nth: 1, print: 0, evaluate: false };
    let ignoreCase = false;
    let multiline = false;
    let sawNumber = false;
    for (;;) {
      const c = this.peek();
      if (c === "g") {
        if (s.global) this.failAt("multiple `g' options to `s' command");
        s.global = true;
      } else if (c === "p") {
        if (s.print) this.failAt("multiple `p' options to `s' command");
        s.print++;
      } else if (c === "i" || c === "I") ignoreCase = true;
      else if (c === "m" || c === "M") multiline = true;
      else if (c === "e") s.evaluate = true;
      else if (c >= "0" && c <= "9") {
        if (sawNumber) this.failAt("multiple number options to `s' command");
        sawNumber = true;
        const n = this.readNumber();
        if (n === 0) this.fail("number option to `s' command may not be zero");
        s.nth = n;
        s.nthGiven = true;
        continue;
      } else if (c === "w") {
        this.pos++;
        s.wfile = this.readFileName();
        this.wfiles.add(s.wfile);
        break;
      } else {
        this.endOfCommand("unknown option to `s'");
        break;
      }
      this.pos++;
    }
    s.re = this.compile(source, ignoreCase, multiline);
    s.replSrc = replText;
    s.repl = parseReplacement(replText, s.re.re ? s.re.re.groups : 9, (msg) => this.fail(msg));
    return s;
  }

  private failAt(msg: string): never {
    this.pos++;
    this.fail(msg);
  }

  private parseY(): [Map<number, string>, [string, string]] {
    const delim = this.next();
    if (delim === "" || delim === "\n" || delim === "\\") this.fail("unterminated `y' command");
    const a = unescapeY(this.readDelimited(delim, false, "unterminated `y' command"));
    const b = unescapeY(this.readDelimited(delim, false, "unterminated `y' command"));
    if (a.length !== b.length) this.fail("strings for `y' command are different lengths");
    const map = new Map<number, string>();
    a.forEach((ch, i) => {
      if (!map.has(ch.codePointAt(0)!)) map.set(ch.codePointAt(0)!, b[i]);
    });
    return [map, [a.join(""), b.join("")]];
  }
}

