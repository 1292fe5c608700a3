/**
 * gawk's error texts. Syntax errors echo the source line with a caret under the
 * offending token; fatal runtime errors name the source line and, while input is
 * being read, FILENAME and FNR.
 */

/** Line numbers in the tree encode their source: index * LINE_BASE + line. */
export const LINE_BASE = 100000;

/** gawk's message when `in` or for-in meets a scalar element where a subarray should be. */
export const SCALAR_AS_ARRAY = "attempt to use a scalar value as array";

/** One piece of program text: a -f file or the command-line program ("cmd. line"). */
export interface SourceText {
  name: string;
  text: string;
}

/** A parse-time error; `render(prog)` gives gawk's lines. */
export class AwkSyntaxError extends Error {
  constructor(
    message: string,
    readonly src: SourceText | null,
    readonly pos: number,
    readonly line: number,
    /** false: a plain "awk: cmd. line:N: message" without the echoed source. */
    readonly withCaret = true,
  ) {
    super(message);
  }

  render(prog: string): string {
    if (!this.src) return `${prog}: ${this.message}\n`;
    const where = `${prog}: ${this.src.name}:${this.line % LINE_BASE}: `;
    if (!this.withCaret) return `${where}${this.message}\n`;
    const text = this.src.text;
    let start = this.pos;
    while (start > 0 && text[start - 1] !== "\n") start--;
    // The newline token itself belongs to the line it ends.
    let end = text.indexOf("\n", this.pos === text.length ? this.pos : this.pos);
    if (end < 0) end = text.length;
    if (text[this.pos] === "\n") end = this.pos;
    const lineText = text.slice(start, end);
    let pad = "";
    for (let i = start; i < this.pos; i++) pad += text[i] === "\t" ? "\t" : " ";
    return `${where}${lineText}\n${where}${pad}^ ${this.message}\n`;
  }
}

/** A fatal runtime error: gawk prints it and exits with status 2. */
export class AwkFatal extends Error {
  constructor(
    message: string,
    readonly line = 0,
    readonly status = 2,
  ) {
    super(message);
  }
}

/** `exit` unwinding the program (END rules still run unless already in END). */
export class AwkExit {
  constructor(readonly status: number) {}
}
