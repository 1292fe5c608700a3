import type { ByteBuilder } from "../_lib/output.js";

/**
 * One output line of pr: text placed at columns, with the white space between
 * held back until a visible character follows (so trailing blanks vanish) and,
 * when tabifying (multi-column output), written as tabs where a tab reaches.
 */
export class RowWriter {
  position = 0;
  private pending = 0;

  constructor(
    private readonly out: ByteBuilder,
    private readonly tabify: boolean,
  ) {}

  /** Starts a new line at column 0. */
  reset(): void {
    this.position = 0;
    this.pending = 0;
  }

  /** Moves to column `to` (the blanks are written only before the next character). */
  padTo(to: number): void {
    if (this.tabify) this.pending = to - this.position;
    else {
      if (to > this.position) this.out.repeat(32, to - this.position);
      this.position = Math.max(this.position, to);
    }
  }

  /** Writes the held-back blanks. */
  flush(): void {
    if (this.pending <= 0) {
      this.pending = 0;
      return;
    }
    let h = this.position;
    const goal = h + this.pending;
    while (goal - h > 1) {
      const next = (Math.trunc(h / 8) + 1) * 8;
      if (next > goal) break;
      this.out.byte(9);
      h = next;
    }
    if (goal > h) this.out.repeat(32, goal - h);
    this.position = goal;
    this.pending = 0;
  }

  /** One byte of text with its display width (0 for non-printing, -1 for backspace). */
  char(c: number, width: number): void {
    if (this.tabify && c === 32) {
      this.pending++;
      return;
    }
    this.flush();
    this.out.byte(c);
    this.position = Math.max(0, this.position + width);
  }

  /** A column separator string: its spaces join the held-back blanks. */
  separator(sep: Uint8Array): void {
    for (const c of sep) {
      if (c === 32 && this.tabify) this.pending++;
      else {
        this.flush();
        this.out.byte(c);
        this.position++;
      }
    }
    // A separator ending in blanks writes them at once (GNU's print_sep_string).
    this.flush();
  }

  /** Ends the line (held-back blanks are dropped). */
  newline(): void {
    this.pending = 0;
    this.out.byte(10);
    this.position = 0;
  }
}
