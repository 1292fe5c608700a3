import type { ByteReader } from "../../src/io/streams.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import { readLines } from "./lines.js";

/**
 * Answers to interactive questions (rm -i, cp -i, mv -i, find -ok): each call
 * reads the next line of the reader; null at end of input.
 */
export function lineAsker(reader: ByteReader): () => Promise<string | null> {
  let lines: AsyncGenerator<{ bytes: Uint8Array }> | undefined;
  return async () => {
    lines ??= readLines(reader);
    const next = await lines.next();
    return next.done ? null : decodeUtf8(next.value.bytes);
  };
}

/** True for a yes answer (rpmatch in the C locale: starts with y or Y). */
export function isYes(answer: string | null): boolean {
  return answer !== null && /^[yY]/.test(answer);
}
