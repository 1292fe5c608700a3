import { isFsError } from "../../src/fs/types.js";
import { MemFs, type MemFsOptions } from "../../src/fs/memfs.js";

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The errno code a call fails with, or "ok". */
export async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (isFsError(e)) return e.code;
    throw e;
  }
}

/** A MemFs with a controllable clock: `clock.t` is "now". */
export function clockedFs(options: MemFsOptions = {}): { fs: MemFs; clock: { t: number } } {
  const clock = { t: 1000 };
  return { fs: new MemFs({ now: () => clock.t, ...options }), clock };
}
