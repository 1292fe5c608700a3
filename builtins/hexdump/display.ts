import type { CommandContext } from "../types.js";
import type { ByteReader } from "../../src/io/streams.js";
import { printfFormat } from "../_lib/printf.js";
import { encodeUtf8 } from "../../src/io/utf8.js";
import type { FormatSet, Piece, Unit } from "./format.js";

/**
 * Running the formats over the input (util-linux get() and display()):
 * blocks of `blocksize` bytes, each printed by every format set; repeated
 * blocks collapse into "*" unless -v; after the data ends, conversions print
 * as blanks of their width; the %_A unit prints once at the end.
 */

export interface DisplayInput {
  /** The next chunk of input (already skipped and limited), or null at the end. */
  read(): Promise<Uint8Array | null>;
  /** The address of the first byte (after -s). */
  start: number;
}

const C_NAMES = [
  "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "lf", "vt", "ff", "cr", "so", "si",
  "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc", "fs", "gs", "rs", "us",
];
const C_ESCAPES: Record<number, string> = { 0: "\\0", 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };

type Formatter = (arg: string | number | bigint) => string;
const compiled = new Map<string, Formatter>();

/** A C printf conversion compiled once: flags, width, precision and d i o u x X c s; floats go through printfFormat. */
function compile(spec: string, conv: string): Formatter {
  const m = /^%([-+ #0]*)(\d*)(?:\.(\d*))?$/.exec(spec);
  if (!m || !"diouxXcs".includes(conv)) return (arg) => printfFormat(spec.replace(/\\/g, "\\\\") + conv, [String(arg)]).output;
  const flags = m[1];
  const width = m[2] ? Number(m[2]) : 0;
  const prec = m[3] === undefined ? null : Number(m[3] || "0");
  const pad = (s: string, numeric: boolean) => {
    if (s.length >= width) return s;
    if (flags.includes("-")) return s + " ".repeat(width - s.length);
    if (numeric && flags.includes("0") && prec === null) {
      const sign = /^[-+ ]/.test(s) ? s[0] : "";
      return sign + "0".repeat(width - s.length) + s.slice(sign.length);
    }
    return " ".repeat(width - s.length) + s;
  };
  if (conv === "c") return (arg) => pad(String(arg).slice(0, 1), false);
  if (conv === "s") return (arg) => pad(prec === null ? String(arg) : String(arg).slice(0, prec), false);
  const signed = conv === "d" || conv === "i";
  const radix = conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10;
  const digitsOf = (v: bigint | number) => {
    const t = v.toString(radix);
    return conv === "X" ? t.toUpperCase() : t;
  };
  const general: Formatter = (arg) => {
    let v = BigInt(arg);
    const neg = signed && v < 0n;
    v = signed ? (neg ? -v : v) : BigInt.asUintN(64, v);
    let digits = digitsOf(v);
    if (prec !== null) digits = prec === 0 && v === 0n ? "" : digits.padStart(prec, "0");
    if (flags.includes("#") && conv === "o" && !digits.startsWith("0")) digits = "0" + digits;
    if (flags.includes("#") && radix === 16 && v !== 0n) digits = (conv === "x" ? "0x" : "0X") + digits;
    const sign = neg ? "-" : signed && flags.includes("+") ? "+" : signed && flags.includes(" ") ? " " : "";
    return pad(sign + digits, true);
  };
  if (/[#+ ]/.test(flags)) return general;
  // The common case (%02x, %07.7_ax, %3d) on non-negative numbers: no BigInt.
  return (arg) => {
    if (typeof arg !== "number" || arg < 0) return general(arg);
    let digits = digitsOf(arg);
    if (prec !== null) digits = prec === 0 && arg === 0 ? "" : digits.padStart(prec, "0");
    return pad(digits, true);
  };
}

/** One conversion through printf (bytes above 127 kept as escaped characters for encodeUtf8). */
function cprintf(spec: string, conv: string, arg: string | number | bigint): string {
  const key = spec + "\0" + conv;
  let f = compiled.get(key);
  if (!f) compiled.set(key, (f = compile(spec, conv)));
  return f(arg);
}

function byteChar(b: number): string {
  return b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(0xdc00 | b);
}

const printable = (b: number) => b >= 0x20 && b < 0x7f;

/** The bpad form of a conversion: flags dropped, width and precision kept, printing "". */
function blank(p: Piece): string {
  const spec = "%" + p.spec.slice(1).replace(/^[ \-0+#]+/, "");
  return cprintf(spec, "s", "");
}

function convert(p: Piece, view: DataView, at: number, address: number): string {
  switch (p.kind) {
    case "address":
      return cprintf(p.spec, p.conv, address);
    case "char":
      return cprintf(p.spec, "c", byteChar(view.getUint8(at)));
    case "int":
    case "uint": {
      const signed = p.kind === "int";
      let v: number | bigint;
      if (p.bytes === 1) v = signed ? view.getInt8(at) : view.getUint8(at);
      else if (p.bytes === 2) v = signed ? view.getInt16(at, true) : view.getUint16(at, true);
      else if (p.bytes === 4) v = signed ? view.getInt32(at, true) : view.getUint32(at, true);
      else v = signed ? view.getBigInt64(at, true) : view.getBigUint64(at, true);
      return cprintf(p.spec, p.conv, v);
    }
    case "double": {
      const x = p.bytes === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true);
      return cprintf(p.spec, p.conv, Number.isNaN(x) ? "nan" : String(x));
    }
    case "string": {
      let s = "";
      for (let k = 0; k < p.bytes && at + k < view.byteLength; k++) {
        const b = view.getUint8(at + k);
        if (b === 0) break;
        s += byteChar(b);
      }
      return cprintf(p.spec, "s", s);
    }
    case "c": {
      const b = view.getUint8(at);
      const esc = C_ESCAPES[b];
      if (esc !== undefined) return cprintf(p.spec, "s", esc);
      if (printable(b)) return cprintf(p.spec, "c", String.fromCharCode(b));
      return cprintf(p.spec, "s", b.toString(8).padStart(3, "0"));
    }
    case "p": {
      const b = view.getUint8(at);
      return cprintf(p.spec, "c", printable(b) ? String.fromCharCode(b) : ".");
    }
    case "u": {
      const b = view.getUint8(at);
      if (b <= 0x1f) return cprintf(p.spec, "s", C_NAMES[b]);
      if (b === 0x7f) return cprintf(p.spec, "s", "del");
      if (printable(b)) return cprintf(p.spec, "c", String.fromCharCode(b));
      return cprintf(p.spec, "x", b);
    }
    default:
      return "";
  }
}

export async function display(
  ctx: CommandContext,
  sets: FormatSet[],
  blocksize: number,
  input: DisplayInput,
  verbose: boolean,
): Promise<void> {
  let endUnit: Unit | null = null;
  for (const fs of sets) for (const u of fs.units) if (u.endOnly) endUnit = u;
  let address = input.start;
  let endAddress = 0;
  let cur = new Uint8Array(blocksize);
  let prev = new Uint8Array(blocksize);
  let first = true;
  let state: "first" | "wait" | "dup" = "first";
  let out = "";
  const blanked = new Set<Piece>();
  let pending: Uint8Array | null = null;
  let pendingAt = 0;
  let atEnd = false;

  /** Fills cur with up to blocksize bytes; returns how many. */
  const fill = async (): Promise<number> => {
    let n = 0;
    while (n < blocksize) {
      if (!pending || pendingAt >= pending.length) {
        if (atEnd) break;
        pending = await input.read();
        pendingAt = 0;
        if (!pending) {
          atEnd = true;
          break;
        }
        continue;
      }
      const take = Math.min(blocksize - n, pending.length - pendingAt);
      cur.set(pending.subarray(pendingAt, pendingAt + take), n);
      n += take;
      pendingAt += take;
    }
    return n;
  };

  const printBlock = () => {
    const view = new DataView(cur.buffer, 0, blocksize);
    for (const fs of sets) {
      let at = 0;
      let addr = address;
      for (const u of fs.units) {
        if (u.endOnly) break;
        for (let cnt = u.reps; cnt > 0; cnt--) {
          u.pieces.forEach((p, k) => {
            if (endAddress && addr >= endAddress && p.kind !== "text") blanked.add(p);
            let piece = p.text + (p.kind === "text" ? "" : blanked.has(p) ? blank(p) : convert(p, view, at, addr));
            if (cnt === 1 && u.noSpace && k === u.pieces.length - 1) piece = piece.slice(0, -1);
            out += piece;
            addr += p.bytes;
            at += p.bytes;
          });
        }
      }
    }
  };

  for (;;) {
    if (!first) address += blocksize;
    const n = await fill();
    ctx.budget.step();
    if (n === 0) break;
    if (n < blocksize) {
      cur.fill(0, n);
      endAddress = address + n;
      printBlock();
      break;
    }
    const same = !first && cur.every((b, i) => b === prev[i]);
    if (verbose || state === "first" || !same) {
      if (state !== "first" && !verbose) state = "wait";
      if (state === "first") state = "wait";
      printBlock();
    } else {
      if (state === "wait") out += "*\n";
      state = "dup";
    }
    first = false;
    [prev, cur] = [cur, prev];
    if (out.length > 65536) {
      await ctx.stdout.write(encodeUtf8(out));
      out = "";
    }
  }
  if (endUnit) {
    if (!endAddress) endAddress = address;
    if (endAddress) {
      for (const p of endUnit.pieces) {
        if (p.kind === "address") out += p.text + cprintf(p.spec, p.conv, endAddress);
        else if (p.kind === "text") out += p.text;
      }
    }
  }
  if (out) await ctx.stdout.write(encodeUtf8(out));
}
