import type { CommandContext } from "../types.js";
import { ByteBuilder } from "../_lib/output.js";
import { formatLine, formatTrailer, type OutputType } from "./types.js";
import type { CombinedInput } from "./input.js";

/** Where and how od lays out its output. */
export interface Layout {
  /** -A: d, o, x or n. */
  radix: string;
  /** Traditional LABEL: added to each address in parentheses (label - skip), or null. */
  label: number | null;
  /** Offset of the first byte dumped (-j). */
  start: number;
  /** Offset after the last byte to dump (-j + -N), or null. */
  end: number | null;
  duplicates: boolean;
  bigEndian: boolean;
  types: OutputType[];
  bytesPerBlock: number;
}

/** GNU's address column: zero-padded digits, or nothing with -An (parentheses with a label). */
class Addresses {
  readonly padWidth: number;
  private readonly base: number;

  constructor(private readonly layout: Layout) {
    const radix = layout.radix === "n" && layout.label !== null ? "o" : layout.radix;
    this.base = radix === "d" ? 10 : radix === "x" ? 16 : 8;
    this.padWidth = radix === "n" ? 0 : radix === "x" ? 6 : 7;
  }

  private std(address: number): string {
    // GNU's uintmax_t arithmetic: -S cut by -N prints one before the string start, wrapping at 0.
    const value = address < 0 ? (1n << 64n) + BigInt(address) : address;
    return value.toString(this.base).padStart(this.padWidth, "0");
  }

  /** The address then `after` ("" keeps the line going, "\n" ends the dump). */
  format(address: number, after: string): string {
    const { radix, label } = this.layout;
    if (label === null) return radix === "n" ? "" : this.std(address) + after;
    // GNU prints the raw address in parentheses under -An.
    if (radix === "n") return `(${this.std(address)})${after}`;
    return `${this.std(address)} (${this.std(address + label)})${after}`;
  }
}

/** The block dump: one line per type per block, `*` for a run of equal blocks. */
export async function dumpBlocks(ctx: CommandContext, input: CombinedInput, layout: Layout): Promise<void> {
  const bpb = layout.bytesPerBlock;
  const addresses = new Addresses(layout);
  const out = new ByteBuilder(65536);
  let block = new Uint8Array(bpb);
  let prev = new Uint8Array(bpb);
  let fill = 0;
  let offset = layout.start;
  let first = true;
  let prevEqual = false;
  let remaining = layout.end === null ? Infinity : layout.end - layout.start;

  const writeBlock = (n: number) => {
    if (!layout.duplicates && !first && n === bpb && equalBytes(prev, block)) {
      if (!prevEqual) out.latin1("*\n");
      prevEqual = true;
    } else {
      prevEqual = false;
      const view = new DataView(block.buffer, block.byteOffset, bpb);
      layout.types.forEach((t, i) => {
        const fields = bpb / t.size;
        const blank = Math.floor((bpb - n) / t.size);
        let line = i === 0 ? addresses.format(offset, "") : " ".repeat(addresses.padWidth);
        line += formatLine(t, view, fields, blank, layout.bigEndian);
        if (t.trailer) line += formatTrailer(t, block.subarray(0, n), fields, blank);
        out.latin1(line + "\n");
      });
    }
    first = false;
  };

  while (remaining > 0) {
    const chunk = await input.read();
    if (!chunk) break;
    const usable = Math.min(chunk.length, remaining);
    remaining -= usable;
    let pos = 0;
    while (pos < usable) {
      const take = Math.min(bpb - fill, usable - pos);
      block.set(chunk.subarray(pos, pos + take), fill);
      fill += take;
      pos += take;
      if (fill === bpb) {
        writeBlock(bpb);
        offset += bpb;
        fill = 0;
        [prev, block] = [block, prev];
        ctx.budget.step();
      }
    }
    if (out.length > 0) await ctx.stdout.write(out.take());
  }
  if (remaining === 0) input.close();
  if (fill > 0) {
    block.fill(0, fill);
    writeBlock(fill);
    offset += fill;
  }
  out.latin1(addresses.format(offset, "\n"));
  await ctx.stdout.write(out.take());
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * -S: runs of at least `min` printable bytes ended by a NUL (or by the -N
 * limit), each with its address, following GNU's dump_strings step by step.
 */
export async function dumpStrings(ctx: CommandContext, input: CombinedInput, layout: Layout, min: number): Promise<void> {
  const addresses = new Addresses(layout);
  const out = new ByteBuilder(65536);
  const end = layout.end;
  let address = layout.start;
  let text: number[] = [];
  let extending = false;
  let stopped = false;

  const print = () => {
    out.latin1(addresses.format(address - text.length - 1, " "));
    for (const c of text) out.byte(c);
    out.byte(10);
  };
  const enterExtend = () => {
    extending = true;
    if (end !== null && address >= end) {
      print();
      tryLine();
    }
  };
  const tryLine = () => {
    text = [];
    extending = false;
    if (end !== null && (end < min || end - min <= address)) {
      stopped = true;
      return;
    }
    if (min === 0) enterExtend();
  };

  tryLine();
  while (!stopped) {
    const chunk = await input.read();
    if (!chunk) break;
    for (let i = 0; i < chunk.length && !stopped; i++) {
      const c = chunk[i];
      address++;
      const printable = c >= 0x20 && c < 0x7f;
      if (!extending) {
        if (!printable) tryLine();
        else {
          text.push(c);
          if (text.length === min) enterExtend();
        }
      } else if (c === 0) {
        print();
        tryLine();
      } else if (!printable) tryLine();
      else {
        text.push(c);
        if (end !== null && address >= end) {
          print();
          tryLine();
        }
      }
    }
    ctx.budget.step();
    if (out.length > 0) await ctx.stdout.write(out.take());
  }
  if (stopped) input.close();
}
