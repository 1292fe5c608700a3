import { Attr, type Variable } from "./variables.js";

/**
 * Exported variables with their values, as a command's environment holds them: the innermost
 * exported variable with a value wins; an unexported local leaves the outer one in the
 * environment, and an exported array takes the name out (arrays are not exported).
 */
export function exportedVariables(globals: Map<string, Variable>, frames: Array<Map<string, Variable>>): Map<string, string> {
  const env = new Map<string, string>();
  const add = (m: Map<string, Variable>) => {
    for (const [k, v] of m) {
      if (!(v.attrs & Attr.Export) || v.value === undefined) continue;
      if (typeof v.value === "string") env.set(k, v.value);
      else env.delete(k);
    }
  };
  add(globals);
  for (const f of frames) add(f);
  return env;
}

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
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    // Names are nearly always ASCII: hash the char codes, no encoder round trip.
    if (c > 0x7f) return fnv1Bytes(h, encoder.encode(name.slice(i)));
    h = (Math.imul(h, 16777619) ^ c) >>> 0;
  }
  return h;
}

function fnv1Bytes(h: number, bytes: Uint8Array): number {
  for (const b of bytes) h = (Math.imul(h, 16777619) ^ b) >>> 0;
  return h;
}

/**
 * The names of one context that are in `env` and not yet in `out`, in bash's flattening order.
 * Only those names are sorted: dropping the others keeps the relative order of the rest.
 */
function takeContext(out: Map<string, string>, env: Map<string, string>, names: Iterable<string>, buckets: number): void {
  const keyed: Array<{ name: string; bucket: number; i: number }> = [];
  let i = 0;
  for (const name of names) {
    i++;
    if (env.has(name) && !out.has(name)) keyed.push({ name, bucket: fnv1(name) & (buckets - 1), i });
  }
  keyed.sort((a, b) => a.bucket - b.bucket || b.i - a.i);
  for (const k of keyed) if (!out.has(k.name)) out.set(k.name, env.get(k.name)!);
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
  for (let i = frames.length - 1; i >= 0; i--) takeContext(out, env, frames[i].keys(), LOCAL_BUCKETS);
  takeContext(out, env, globals.keys(), GLOBAL_BUCKETS);
  for (const [name, v] of env) if (!out.has(name)) out.set(name, v);
  if (programPath !== undefined) {
    out.delete("_");
    out.set("_", programPath);
  }
  return out;
}

/** Where a command's environment comes from: the shell it runs in. */
export interface EnvironSource {
  exportedEnv(): Map<string, string>;
  readonly vars: { readonly globals: Map<string, Variable>; readonly frames: ReadonlyArray<Map<string, Variable>> };
}

/**
 * A command's environment, built on first use: most commands never read it, and ordering it
 * costs more than running them. A plain data property of the context (not a getter: object
 * literals with accessors are slow to create, and spreading a context must keep it). The
 * shell it comes from waits for the command (or is the command's own subshell), so it reads
 * the same whenever the command asks. get/has of one name (ls's COLUMNS, TZ) look it up
 * without building the whole ordered map.
 */
export class LazyEnviron implements ReadonlyMap<string, string> {
  declare private readonly sh: EnvironSource;
  declare private readonly programPath: string | undefined;
  declare private built: Map<string, string> | null;

  // Assigned, not class fields: a field makes V8 compile the class body again at the first instance.
  constructor(sh: EnvironSource, programPath?: string) {
    this.sh = sh;
    this.programPath = programPath;
    this.built = null;
  }

  private get map(): Map<string, string> {
    return (this.built ??= bashEnvironOrder(this.sh.exportedEnv(), this.sh.vars.globals, this.sh.vars.frames, this.programPath));
  }

  /** One name's exported value, as exportedEnv() would give it: the innermost exported variable with a value. */
  private lookup(name: string): string | undefined {
    if (name === "_" && this.programPath !== undefined) return this.programPath;
    const { globals, frames } = this.sh.vars;
    for (let i = frames.length - 1; i >= -1; i--) {
      const v = i < 0 ? globals.get(name) : frames[i].get(name);
      if (v !== undefined && v.attrs & Attr.Export && v.value !== undefined) return typeof v.value === "string" ? v.value : undefined;
    }
    return undefined;
  }

  get size(): number {
    return this.map.size;
  }

  get(name: string): string | undefined {
    return this.built ? this.built.get(name) : this.lookup(name);
  }

  has(name: string): boolean {
    return this.built ? this.built.has(name) : this.lookup(name) !== undefined;
  }

  forEach(f: (value: string, name: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    this.map.forEach((v, k) => f.call(thisArg, v, k, this));
  }

  entries() {
    return this.map.entries();
  }

  keys() {
    return this.map.keys();
  }

  values() {
    return this.map.values();
  }

  [Symbol.iterator]() {
    return this.map[Symbol.iterator]();
  }
}
