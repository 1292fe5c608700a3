import type { Variable } from "./variables.js";

/**
 * The order of the environment bash hands a program (what `env` prints):
 * bash flattens its variable contexts innermost first (temporary assignments
 * and function locals, then globals), each hash table bucket by bucket, and
 * within a bucket the most recently inserted name first (variables.c
 * make_var_export_array over hashlib.c tables: FNV-1 hash, 1024 buckets for
 * globals, 4 for temporary and local contexts). bash then appends `_` set to
 * the program's path.
 */

const GLOBAL_BUCKETS = 1024;
const LOCAL_BUCKETS = 4;
const encoder = new TextEncoder();

/** bash hashlib.c hash_string: 32-bit FNV-1 over the name's bytes. */
function fnv1(name: string): number {
  let h = 2166136261;
  for (const b of encoder.encode(name)) {
    h = Math.imul(h, 16777619) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h;
}

/** Names of one context in bash's flattening order. */
function bucketOrder(names: string[], buckets: number): string[] {
  const keyed = names.map((name, i) => ({ name, bucket: fnv1(name) & (buckets - 1), i }));
  keyed.sort((a, b) => a.bucket - b.bucket || b.i - a.i);
  return keyed.map((k) => k.name);
}

/**
 * Orders `env` (the exported values) as bash would: `frames` innermost last,
 * as the variable store keeps them.
 */
export function bashEnvironOrder(
  env: Map<string, string>,
  globals: Map<string, Variable>,
  frames: ReadonlyArray<Map<string, Variable>>,
  programPath?: string,
): Map<string, string> {
  const out = new Map<string, string>();
  const take = (name: string) => {
    const v = env.get(name);
    if (v !== undefined && !out.has(name)) out.set(name, v);
  };
  for (let i = frames.length - 1; i >= 0; i--) {
    for (const name of bucketOrder([...frames[i].keys()], LOCAL_BUCKETS)) take(name);
  }
  for (const name of bucketOrder([...globals.keys()], GLOBAL_BUCKETS)) take(name);
  for (const name of env.keys()) take(name);
  if (programPath !== undefined) {
    out.delete("_");
    out.set("_", programPath);
  }
  return out;
}
