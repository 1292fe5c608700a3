import type { CommandContext } from "../types.js";
import type { ByteReader } from "../../src/io/streams.js";
import { encodeUtf8 } from "../../src/io/utf8.js";
import type { ByteBuilder } from "../_lib/output.js";
import type { XxdArgs } from "./args.js";

/** The three dump styles of xxd: C include (-i), plain (-p) and the line dump (normal, -b, -e). */

export interface DumpSetup {
  cols: number;
  group: number;
  /** The offset reached by -s (added to addresses). */
  seekOff: number;
  out: ByteBuilder;
  flush(): Promise<void>;
  /** The input operand (names the -i variable). */
  name: string | undefined;
}

const LOWER = "0123456789abcdef";
const UPPER = "0123456789ABCDEF";

/** Reads the input byte by byte (in chunks), stopping after `length` bytes when length >= 0. */
async function eachByte(ctx: CommandContext, reader: ByteReader, length: number, setup: DumpSetup, f: (b: number) => void): Promise<void> {
  let n = 0;
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    ctx.budget.step();
    for (let i = 0; i < chunk.length; i++) {
      if (length >= 0 && n >= length) return;
      f(chunk[i]);
      n++;
    }
    await setup.flush();
    if (length >= 0 && n >= length) return;
  }
}

export async function dumpXxd(ctx: CommandContext, args: XxdArgs, reader: ByteReader, setup: DumpSetup): Promise<number> {
  const { out } = setup;
  const hex = args.upper ? UPPER : LOWER;
  if (args.hexType === "include") {
    const varName = args.name ?? (setup.name !== undefined && setup.name !== "-" ? setup.name : null);
    const cName = varName === null ? "" : cIdentifier(varName, args.capitalize);
    if (varName !== null) out.latin1(`unsigned char ${cName}[] = {\n`);
    let p = 0;
    await eachByte(ctx, reader, args.length, setup, (c) => {
      out.latin1(p % setup.cols ? ", " : p === 0 ? "  " : ",\n  ");
      out.latin1((args.upper ? "0X" : "0x") + hex[c >> 4] + hex[c & 15]);
      p++;
    });
    if (p) out.latin1("\n");
    if (varName !== null) out.latin1(`};\nunsigned int ${cName}_${args.capitalize ? "LEN" : "len"} = ${p};\n`);
    await setup.flush();
    return 0;
  }
  if (args.hexType === "plain") {
    const cols = setup.cols;
    let p = cols;
    await eachByte(ctx, reader, args.length, setup, (c) => {
      out.byte(hex.charCodeAt(c >> 4));
      out.byte(hex.charCodeAt(c & 15));
      if (cols > 0 && !--p) {
        out.byte(10);
        p = cols;
      }
    });
    if (cols === 0 || p < cols) out.byte(10);
    await setup.flush();
    return 0;
  }
  await lineDump(ctx, args, reader, setup, hex);
  return 0;
}

/** A C identifier from a name: other bytes become "_", a leading digit gets "__". */
function cIdentifier(name: string, capitalize: boolean): string {
  let s = /^[0-9]/.test(name) ? "__" : "";
  for (const b of encodeUtf8(name)) {
    const c = String.fromCharCode(b);
    s += /[A-Za-z0-9]/.test(c) ? (capitalize ? c.toUpperCase() : c) : "_";
  }
  return s;
}

/** The line dump, building each line in a buffer of spaces as xxd does. */
async function lineDump(ctx: CommandContext, args: XxdArgs, reader: ByteReader, setup: DumpSetup, hex: string): Promise<void> {
  const { cols, group, out } = setup;
  const bits = args.hexType === "bits";
  const little = args.hexType === "little";
  const grplen = bits ? 8 * group + 1 : 2 * group + 1;
  const line = new Uint8Array(40 + Math.floor((grplen * cols - 1) / group) + cols + 4);
  let addrlen = 9;
  let p = 0;
  let c = 0;
  let n = 0;
  let nonzero = 0;
  let lastLength = 0;
  const skipper = new AutoSkip(out);
  const base = BigInt(setup.seekOff) + args.displayOffset;
  await eachByte(ctx, reader, args.length, setup, (e) => {
    if (p === 0) {
      const addr = (BigInt(n) + base) & ((1n << 64n) - 1n);
      const text = (args.decimal ? BigInt.asIntN(64, addr).toString(10) : addr.toString(16)).padStart(8, "0") + ":";
      line.fill(32);
      for (let i = 0; i < text.length; i++) line[i] = text.charCodeAt(i);
      addrlen = text.length;
    }
    const x = little ? p ^ (group - 1) : p;
    c = addrlen + 1 + Math.floor((grplen * x) / group);
    if (bits) {
      for (let i = 7; i >= 0; i--) line[c++] = e & (1 << i) ? 49 : 48;
    } else {
      line[c] = hex.charCodeAt(e >> 4);
      line[c + 1] = hex.charCodeAt(e & 15);
    }
    if (e) nonzero++;
    c = addrlen + 3 + Math.floor((grplen * cols - 1) / group) + p;
    line[c++] = e > 31 && e < 127 ? e : 46;
    n++;
    if (++p === cols) {
      line[c] = 10;
      lastLength = c + 1;
      skipper.line(line.subarray(0, lastLength), args.autoskip ? nonzero : 1);
      nonzero = 0;
      p = 0;
    }
  });
  if (p) {
    line[c] = 10;
    skipper.line(line.subarray(0, c + 1), 1);
  } else if (args.autoskip) skipper.line(line.subarray(0, lastLength), -1); // last chance for held lines
  await setup.flush();
}

/** xxdline: with -a a run of all-zero lines shows its first line, then "*" (and the last of a run of more). */
class AutoSkip {
  private held: Uint8Array = new Uint8Array(0);
  private zeroSeen = 0;

  constructor(private readonly out: ByteBuilder) {}

  line(l: Uint8Array, nz: number): void {
    if (!nz && this.zeroSeen === 1) this.held = l.slice();
    if (nz || !this.zeroSeen++) {
      if (nz) {
        if (nz < 0) this.zeroSeen--;
        if (this.zeroSeen === 2) this.out.bytes(this.held);
        if (this.zeroSeen > 2) this.out.latin1("*\n");
      }
      if (nz >= 0 || this.zeroSeen > 0) this.out.bytes(l);
      if (nz) this.zeroSeen = 0;
    }
  }
}
