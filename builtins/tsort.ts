import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { openInput, readWhole } from "./_lib/input.js";
import { OutputBuffer } from "./_lib/output.js";
import { quoteFile, quoteValue } from "./_lib/quote.js";
import { bytesToLatin1, latin1ToBytes } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";

/**
 * tsort (GNU coreutils 9.1): Knuth's algorithm T over whitespace-separated
 * pairs. GNU keeps the items in a balanced search tree and walks it in order,
 * so items are visited in byte order; the queue, the successor lists (newest
 * first) and the loop search follow tsort.c, so output and loop reports match.
 */

const HELP = `Usage: tsort [OPTION] [FILE]
Write totally ordered list consistent with the partial ordering in FILE.
`;

const SPEC: OptionSpec = {};

interface Item {
  /** The token as a byte string (one char per byte). */
  str: string;
  printed: boolean;
  count: number;
  qlink: Item | null;
  /** Successors in the order recorded (GNU walks them newest first). */
  top: Item[];
}

class Tsort {
  /** Items in byte order: the in-order walk of GNU's tree. */
  items: Item[] = [];
  private head: Item | null = null;
  private zeros: Item | null = null;
  private loop: Item | null = null;

  constructor(
    private readonly print: (s: string) => void | Promise<void>,
    private readonly report: (s: string) => void,
  ) {}

  private scanZeros(): void {
    for (const k of this.items) {
      if (k.count !== 0 || k.printed) continue;
      if (this.head === null) this.head = k;
      else this.zeros!.qlink = k;
      this.zeros = k;
    }
  }

  /** detect_loop for one item; true once a loop was reported and broken. */
  private detectLoop(k: Item): boolean {
    if (k.count <= 0) return false;
    if (this.loop === null) {
      this.loop = k;
      return false;
    }
    for (let i = k.top.length - 1; i >= 0; i--) {
      if (k.top[i] !== this.loop) continue;
      if (k.qlink) {
        // Retrace the steps, printing until K comes round again.
        while (this.loop) {
          const tmp: Item | null = this.loop.qlink;
          this.report(this.loop.str);
          if (this.loop === k) {
            k.top[i].count--;
            k.top.splice(i, 1);
            break;
          }
          this.loop.qlink = null;
          this.loop = tmp;
        }
        while (this.loop) {
          const tmp: Item | null = this.loop.qlink;
          this.loop.qlink = null;
          this.loop = tmp;
        }
        return true;
      }
      k.qlink = this.loop;
      this.loop = k;
      break;
    }
    return false;
  }

  /** T4-T8; returns false when the input had a loop. */
  async sort(fileLabel: string): Promise<boolean> {
    let ok = true;
    let left = this.items.length;
    while (left > 0) {
      this.scanZeros();
      while (this.head) {
        const h: Item = this.head;
        const p = this.print(h.str);
        if (p) await p;
        h.printed = true;
        left--;
        for (let i = h.top.length - 1; i >= 0; i--) {
          const s = h.top[i];
          if (--s.count === 0) {
            this.zeros!.qlink = s;
            this.zeros = s;
          }
        }
        this.head = h.qlink;
      }
      if (left > 0) {
        this.report(`${fileLabel}: input contains a loop:`);
        ok = false;
        do {
          for (const k of this.items) if (this.detectLoop(k)) break;
        } while (this.loop);
      }
    }
    return ok;
  }
}

/** The tokens of the input (runs of space, tab and newline separate them). */
function tokens(data: Uint8Array): string[] {
  return bytesToLatin1(data).split(/[ \t\n]+/).filter((t) => t !== "");
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  if (opts.operands.length > 1) {
    try {
      throw usageError(ctx, `extra operand ${quoteValue(opts.operands[1])}`);
    } catch (e) {
      return (e as UsageError).status;
    }
  }
  const file = opts.operands[0] ?? "-";
  let data: Uint8Array;
  try {
    data = await readWhole(ctx, await openInput(ctx, file));
  } catch (e) {
    if (!isFsError(e)) throw e;
    // GNU reads a directory as empty input.
    if (e.code !== "EISDIR") {
      ctx.stderr.write(`${ctx.name}: ${quoteFile(file)}: ${e.message}\n`);
      return 1;
    }
    data = new Uint8Array(0);
  }
  const toks = tokens(data);
  ctx.budget.step(toks.length);
  if (toks.length % 2) {
    ctx.stderr.write(`${ctx.name}: ${quoteFile(file)}: input contains an odd number of tokens\n`);
    return 1;
  }
  const out = new OutputBuffer(ctx.stdout);
  const t = new Tsort(
    (s) => out.write(latin1ToBytes(s + "\n")),
    (s) => {
      void out.flush();
      ctx.stderr.write(`${ctx.name}: `);
      ctx.stderr.write(latin1ToBytes(s));
      ctx.stderr.write("\n");
    },
  );
  const byName = new Map<string, Item>();
  const item = (str: string) => {
    let it = byName.get(str);
    if (!it) {
      it = { str, printed: false, count: 0, qlink: null, top: [] };
      byName.set(str, it);
    }
    return it;
  };
  for (let i = 0; i < toks.length; i += 2) {
    const j = item(toks[i]);
    const k = item(toks[i + 1]);
    if (j !== k) {
      k.count++;
      j.top.push(k);
    }
  }
  t.items = [...byName.values()].sort((a, b) => (a.str < b.str ? -1 : a.str > b.str ? 1 : 0));
  const ok = await t.sort(quoteFile(file));
  const p = out.flush();
  if (p) await p;
  return ok ? 0 : 1;
}

export const tsort: CommandDef = { name: "tsort", help: HELP, run };
