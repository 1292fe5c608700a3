import type { CommandContext } from "../types.js";
import { quoteValue } from "./quote.js";

/**
 * Tab stops of expand and unexpand (GNU expand-common.c): `-t N` (every N
 * columns), `-t 2,6,9` (a list, after which tabs become single spaces), `/N`
 * (after the list, every multiple of N) and `+N` (after the list, every N more).
 */
export class TabStops {
  private list: bigint[] = [];
  private extend = 0n;
  private increment = 0n;
  private size = 0n;

  /** Parses one -t value; reports every problem GNU reports and returns false after any. */
  parse(ctx: CommandContext, stops: string): boolean {
    let ok = true;
    let have = false;
    let value = 0n;
    let numStart = 0;
    let extendNext = false;
    let incrementNext = false;
    const commit = (): boolean => {
      if (extendNext) {
        if (this.extend) return this.fail(ctx, "'/' specifier only allowed with the last value");
        this.extend = value;
      } else if (incrementNext) {
        if (this.increment) return this.fail(ctx, "'+' specifier only allowed with the last value");
        this.increment = value;
      } else this.list.push(value);
      return true;
    };
    for (let i = 0; i < stops.length; i++) {
      const c = stops[i];
      if (c === "," || c === " " || c === "\t") {
        if (have && !commit()) {
          ok = false;
          break;
        }
        have = false;
      } else if (c === "/" || c === "+") {
        if (have) ok = this.fail(ctx, `'${c}' specifier not at start of number: ${quoteValue(stops.slice(i))}`);
        extendNext = c === "/";
        incrementNext = c === "+";
      } else if (c >= "0" && c <= "9") {
        if (!have) {
          value = 0n;
          have = true;
          numStart = i;
        }
        value = value * 10n + BigInt(c.charCodeAt(0) - 48);
        if (value > (1n << 64n) - 1n) {
          let end = numStart;
          while (end < stops.length && stops[end] >= "0" && stops[end] <= "9") end++;
          ok = this.fail(ctx, `tab stop is too large ${quoteValue(stops.slice(numStart, end))}`);
          i = end - 1;
        }
      } else {
        ok = this.fail(ctx, `tab size contains invalid character(s): ${quoteValue(stops.slice(i))}`);
        break;
      }
    }
    if (ok && have) ok = commit();
    return ok;
  }

  /** Adds one stop (unexpand's obsolete -N digits). */
  add(value: bigint): void {
    this.list.push(value);
  }

  private fail(ctx: CommandContext, message: string): false {
    ctx.stderr.write(`${ctx.name}: ${message}\n`);
    return false;
  }

  /** Checks the whole set once all -t values are in (GNU finalize_tab_stops); false after an error. */
  finish(ctx: CommandContext): boolean {
    let prev = 0n;
    for (const t of this.list) {
      if (t === 0n) return this.fail(ctx, "tab size cannot be 0");
      if (t <= prev) return this.fail(ctx, "tab sizes must be ascending");
      prev = t;
    }
    if (this.increment && this.extend) return this.fail(ctx, "'/' specifier is mutually exclusive with '+'");
    if (this.list.length === 0) this.size = this.extend || this.increment || 8n;
    else if (this.list.length === 1 && !this.extend && !this.increment) this.size = this.list[0];
    else this.size = 0n;
    return true;
  }

  /**
   * The column of the next tab stop after `column`; `index` walks the list and
   * is kept by the caller per line. null past the last stop of a plain list.
   * Stops beyond 2^53 columns are as good as infinite here.
   */
  next(column: number, index: { i: number }): number | null {
    const n = this.numbers ?? (this.numbers = this.asNumbers());
    if (n.size) return column + (n.size - (column % n.size));
    for (; index.i < n.list.length; index.i++) {
      if (column < n.list[index.i]) return n.list[index.i];
    }
    if (n.extend) return column + (n.extend - (column % n.extend));
    if (n.increment) {
      const end = n.list[n.list.length - 1];
      return column + (n.increment - ((column - end) % n.increment));
    }
    return null;
  }

  private numbers: { size: number; extend: number; increment: number; list: number[] } | null = null;

  private asNumbers() {
    const num = (v: bigint) => (v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v));
    return { size: num(this.size), extend: num(this.extend), increment: num(this.increment), list: this.list.map(num) };
  }
}
