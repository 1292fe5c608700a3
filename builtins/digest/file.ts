import type { CommandContext } from "../types.js";
import { openOperand } from "../_lib/files.js";
import { quoteFile } from "../_lib/quote.js";
import type { Algorithm } from "./algorithms.js";
import type { CountingHasher } from "./legacy.js";

/** Digesting one file for the digest programs, and how they escape names. */

export interface DigestResult {
  digest: Uint8Array;
  length: number;
  /** cksum's CRC reads a directory as empty and fails silently (GNU 9.1 does). */
  silentFailure?: boolean;
}

/** Digests one operand ("-" is stdin); null after reporting an error (or when missing and `missingOk`). */
export async function digestOperand(
  ctx: CommandContext,
  operand: string,
  algorithm: Algorithm,
  bits = algorithm.bits,
  missingOk = false,
): Promise<DigestResult | "missing" | null> {
  const opened = await openOperand(ctx, operand);
  if ("readError" in opened && algorithm.legacy === "crc") {
    const empty = algorithm.create();
    return { digest: empty.digest(), length: 0, silentFailure: true };
  }
  if (!("reader" in opened)) {
    if ("openError" in opened && missingOk && opened.openError.code === "ENOENT") return "missing";
    const err = "openError" in opened ? opened.openError : opened.readError;
    ctx.stderr.write(`${ctx.name}: ${quoteFile(operand)}: ${err.message}\n`);
    return null;
  }
  const hasher = algorithm.create(bits);
  let length = 0;
  try {
    for (let chunk = await opened.reader.read(); chunk; chunk = await opened.reader.read()) {
      hasher.update(chunk);
      length += chunk.length;
      ctx.budget.step();
    }
  } finally {
    if (opened.owned) opened.reader.close();
  }
  return { digest: hasher.digest(), length: (hasher as CountingHasher).length ?? length };
}

/**
 * GNU's escaping of names with a backslash, newline or carriage return (a
 * leading "\" marks the line); check results escape only names with a newline.
 */
export function escapeName(name: string, onlyNewline = false): { text: string; escaped: boolean } {
  if (!(onlyNewline ? /\n/ : /[\\\n\r]/).test(name)) return { text: name, escaped: false };
  return { text: name.replace(/[\\\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : "\\r")), escaped: true };
}

