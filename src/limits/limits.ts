/** Public limit settings and their safe defaults (documented in the README). */
export interface Limits {
  /** Simple commands, loop iterations, function calls, evals, substitutions. */
  maxSteps: number;
  /** Wall-clock deadline for one exec, in milliseconds. */
  timeoutMs: number;
  /** stdout + stderr kept per exec; the rest is dropped with a marker. */
  maxOutputBytes: number;
  /** Total bytes of file contents in the virtual filesystem. */
  maxFileSystemBytes: number;
  /** Number of files and directories in the virtual filesystem. */
  maxFileCount: number;
  /** Nesting of functions, source, eval, subshells and substitutions. */
  maxCallDepth: number;
  /** Length of one string value (variable, word, here-doc), in characters. */
  maxStringLength: number;
  /** Elements in one awk array (an element with a short string key and value costs ~300 bytes of heap: 500,000 stay under the 256 MB bound). */
  maxArrayElements: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxSteps: 10_000_000,
  timeoutMs: 30_000,
  maxOutputBytes: 16 * 1024 * 1024,
  // 64 MiB: a file growing to the limit briefly needs twice its size, and the
  // whole exec must stay under the documented 256 MB heap bound (bench/heap-bombs.ts).
  maxFileSystemBytes: 64 * 1024 * 1024,
  maxFileCount: 100_000,
  maxCallDepth: 1000,
  maxStringLength: 32 * 1024 * 1024,
  maxArrayElements: 500_000,
});

/** Merges user settings over the defaults, rejecting nonsense (API misuse throws). */
export function resolveLimits(user: Partial<Limits> | undefined): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  if (!user) return out;
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const v = user[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || Number.isNaN(v) || v < 0) {
      throw new TypeError(`sandbash: limits.${key} must be a non-negative number or Infinity`);
    }
    out[key] = v;
  }
  return out;
}
