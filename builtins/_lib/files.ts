import type { CommandContext } from "../types.js";
import type { ByteReader } from "../../src/io/streams.js";
import { isFsError, type FsError } from "../../src/fs/types.js";
import { openInput } from "./input.js";

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

/** The name GNU prints for an operand in headers ("standard input" for "-"). */
export function displayName(operand: string): string {
  return operand === "-" ? "standard input" : operand;
}
