import type { CommandContext } from "../types.js";
import { readAll } from "../../src/io/streams.js";
import { bytesToLatin1, encodeUtf8 } from "../../src/io/utf8.js";
import { isFsError, type FileStat } from "../../src/fs/types.js";
import type { DiffLines } from "./analyze.js";

/** Reading diff's operands: files, "-" (stdin, read once) and stat information. */

export interface Operand {
  /** The name as given or built ("a/x"). */
  name: string;
  /** Absolute path, or null for stdin. */
  path: string | null;
  stat: FileStat | null;
  /** The errno-style failure, when it could not be statted. */
  error: string | null;
  /** -N: a missing file treated as empty. */
  nonexistent: boolean;
}

const stdinCache: WeakMap<object, Uint8Array> = new WeakMap();

export async function statOperand(ctx: CommandContext, name: string): Promise<Operand> {
  if (name === "-") return { name, path: null, stat: null, error: null, nonexistent: false };
  const path = ctx.resolve(name);
  try {
    return { name, path, stat: await ctx.fs.stat(path), error: null, nonexistent: false };
  } catch (e) {
    if (!isFsError(e)) throw e;
    return { name, path, stat: null, error: e.message, nonexistent: false };
  }
}

/** The bytes of an operand (stdin is read once and remembered). */
export async function readOperand(ctx: CommandContext, op: Operand): Promise<Uint8Array> {
  if (op.nonexistent) return new Uint8Array(0);
  if (op.path === null) {
    let data = stdinCache.get(ctx.stdin);
    if (!data) {
      data = await readAll(ctx.stdin);
      stdinCache.set(ctx.stdin, data);
    }
    return data;
  }
  return ctx.fs.readFile(op.path);
}

/** Splits bytes into lines (byte strings); --strip-trailing-cr drops a CR before each newline. */
export function toLines(data: Uint8Array, stripCr: boolean): DiffLines {
  const text = bytesToLatin1(data);
  const lines = text.split("\n");
  const lastTerminated = text.length === 0 || text.endsWith("\n");
  if (lastTerminated) lines.pop();
  if (stripCr) {
    for (let i = 0; i < lines.length; i++) {
      if ((i < lines.length - 1 || lastTerminated) && lines[i].endsWith("\r")) lines[i] = lines[i].slice(0, -1);
    }
  }
  return { lines, lastTerminated };
}

/** A name as a byte string (UTF-8 bytes, one char each), to join diff's byte-string output. */
export function nameBytes(name: string): string {
  return bytesToLatin1(encodeUtf8(name));
}

const C_ESC: Record<number, string> = { 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v", 34: '\\"', 92: "\\\\" };

/**
 * A name as GNU diff 3.8 shows it in "diff ..." lines and -u/-c headers
 * (quotearg c_maybe style): unchanged unless it has a space, a control
 * character, a byte above 127, '"' or '\', then in double quotes with C escapes.
 */
export function cQuoteName(name: string): string {
  const bytes = encodeUtf8(name);
  if (!bytes.some((b) => b <= 32 || b >= 127 || b === 34 || b === 92)) return bytesToLatin1(bytes);
  let out = '"';
  for (const b of bytes) {
    if (C_ESC[b]) out += C_ESC[b];
    else if (b < 32 || b >= 127) out += "\\" + b.toString(8).padStart(3, "0");
    else out += String.fromCharCode(b);
  }
  return out + '"';
}
