import type { CommandContext } from "../types.js";
import type { ByteReader } from "../../src/io/streams.js";
import { isFsError, type FsError } from "../../src/fs/types.js";
import { openInput } from "./input.js";
import type { ByteBuilder } from "./output.js";
import { quoteFile } from "./quote.js";

/**
 * Opening each operand of a filter the way GNU tools report it. GNU opens a
 * directory fine and fails on the first read, so EISDIR comes back as a read
 * error, distinct from a failed open (head prints its header in between).
 */
export type Opened =
  | { reader: ByteReader; owned: boolean }
  | { openError: FsError }
  | { readError: FsError };

/** Opens one operand; `owned` is false for stdin (never closed by the command). */
export async function openOperand(ctx: CommandContext, operand: string): Promise<Opened> {
  try {
    const reader = await openInput(ctx, operand);
    return { reader, owned: reader !== ctx.stdin };
  } catch (e) {
    if (isFsError(e, "EISDIR")) return { readError: e };
    if (isFsError(e)) return { openError: e };
    throw e;
  }
}

/**
 * Opens one operand of a filter that reports a failed open or read as
 * "cmd: 'name': message" (cat, expand, fold, nl). `pending` is output built up
 * so far: it is written first, so the message comes after it as in GNU.
 * Null when the operand could not be opened (reported; the status is 1).
 */
export async function openOrReport(
  ctx: CommandContext,
  command: string,
  operand: string,
  pending?: ByteBuilder,
): Promise<{ reader: ByteReader; owned: boolean } | null> {
  const opened = await openOperand(ctx, operand);
  if ("reader" in opened) return opened;
  if (pending) await ctx.stdout.write(pending.take());
  const err = "openError" in opened ? opened.openError : opened.readError;
  ctx.stderr.write(`${command}: ${quoteFile(operand)}: ${err.message}\n`);
  return null;
}

/** The name GNU prints for an operand in headers ("standard input" for "-"). */
export function displayName(operand: string): string {
  return operand === "-" ? "standard input" : operand;
}
