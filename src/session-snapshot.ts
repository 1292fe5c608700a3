import { restoreFs, serializeFs, SnapshotError } from "./fs/snapshot.js";
import { MemFs } from "./fs/memfs.js";
import { decodeUtf8, encodeUtf8 } from "./io/utf8.js";
import type { Shell } from "./interpreter/shell.js";
import type { Variable } from "./interpreter/variables.js";
import { Parser } from "./parser/parser.js";
import { printFunction } from "./parser/print.js";

/**
 * A whole session as bytes: the filesystem plus the shell's state (cwd,
 * variables, functions, aliases, options). Layout:
 *   "SBSS" u16 version u16 flags | u32 n + state JSON | u32 n + filesystem | [32-byte HMAC-SHA256]
 * flags bit 0: signed. Functions travel as source (printed, then parsed back).
 * Limits are never carried: the restoring embedding's apply.
 */

const MAGIC = [0x53, 0x42, 0x53, 0x53]; // "SBSS"
export const SESSION_SNAPSHOT_VERSION = 1;

interface SessionState {
  cwd: string;
  vars: Array<[string, SerializedVar]>;
  functions: Array<[string, string, string | null]>;
  aliases: Array<[string, string]>;
  options: string[];
  shopts: string[];
  traps: Array<[string, string]>;
  umask: number;
  positional: string[];
  dirStack: string[];
  lastStatus: number;
  randomState: number;
}

type SerializedVar =
  | { a: number; s: string }
  | { a: number; i: Array<[number, string]> }
  | { a: number; m: Array<[string, string]> }
  | { a: number };

function serializeVar(v: Variable): SerializedVar {
  const val = v.value;
  if (val === undefined) return { a: v.attrs };
  if (typeof val === "string") return { a: v.attrs, s: val };
  if (Array.isArray(val)) {
    const i: Array<[number, string]> = [];
    val.forEach((x, k) => i.push([k, x]));
    return { a: v.attrs, i };
  }
  return { a: v.attrs, m: [...val] };
}

function restoreVar(s: SerializedVar): Variable {
  if (!s || typeof s !== "object" || typeof s.a !== "number") throw new SnapshotError("bad variable");
  if ("s" in s) return { attrs: s.a, value: String(s.s) };
  if ("i" in s) {
    const arr: string[] = [];
    for (const [k, x] of s.i) {
      if (!Number.isInteger(k) || k < 0) throw new SnapshotError("bad array index");
      arr[k] = String(x);
    }
    return { attrs: s.a, value: arr };
  }
  if ("m" in s) return { attrs: s.a, value: new Map(s.m.map(([k, x]) => [String(k), String(x)])) };
  return { attrs: s.a, value: undefined };
}

export function captureState(sh: Shell): SessionState {
  return {
    cwd: sh.cwd,
    vars: [...sh.vars.globals].map(([k, v]) => [k, serializeVar(v)]),
    functions: [...sh.functions].map(([k, f]) => [k, printFunction(f), sh.functionSources.get(k) ?? null]),
    aliases: [...sh.aliases],
    options: [...sh.options],
    shopts: [...sh.shopts],
    traps: [...sh.traps].filter(([k]) => k !== "EXIT"),
    umask: sh.umask,
    positional: sh.positional.slice(),
    dirStack: sh.dirStack.slice(),
    lastStatus: sh.lastStatus,
    randomState: sh.randomState,
  };
}

export function applyState(sh: Shell, st: SessionState): void {
  const str = (x: unknown) => {
    if (typeof x !== "string") throw new SnapshotError("expected a string");
    return x;
  };
  sh.cwd = str(st.cwd);
  sh.vars.globals = new Map(st.vars.map(([k, v]) => [str(k), restoreVar(v)]));
  sh.functions = new Map();
  for (const [name, source, origin] of st.functions) {
    const list = new Parser(str(source)).parseProgram();
    const def = list[0]?.command;
    if (list.length !== 1 || def?.type !== "FunctionDef") throw new SnapshotError(`bad function ${name}`);
    sh.functions.set(str(name), { ...def, name: str(name) });
    if (origin !== null) sh.functionSources.set(name, str(origin));
  }
  sh.aliases = new Map(st.aliases.map(([k, v]) => [str(k), str(v)]));
  sh.options = new Set(st.options.map(str));
  sh.shopts = new Set(st.shopts.map(str));
  sh.traps = new Map(st.traps.map(([k, v]) => [str(k), str(v)]));
  sh.umask = Number(st.umask) & 0o777;
  sh.positional = st.positional.map(str);
  sh.dirStack = st.dirStack.map(str);
  sh.lastStatus = Number(st.lastStatus) & 255;
  sh.randomState = Number(st.randomState) >>> 0;
}

async function hmac(key: string | Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error("sandbash: signing snapshots needs WebCrypto (crypto.subtle)");
  const raw = typeof key === "string" ? encodeUtf8(key) : key;
  const k = await subtle.importKey("raw", raw as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await subtle.sign("HMAC", k, data as BufferSource));
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

/** Serialises a session (its fs must be a MemFs). */
export async function snapshotSession(sh: Shell, fs: MemFs, key?: string | Uint8Array): Promise<Uint8Array> {
  const state = encodeUtf8(JSON.stringify(captureState(sh)));
  const fsBytes = await serializeFs(fs);
  const head = new Uint8Array(8);
  head.set(MAGIC);
  new DataView(head.buffer).setUint16(4, SESSION_SNAPSHOT_VERSION, true);
  new DataView(head.buffer).setUint16(6, key ? 1 : 0, true);
  const parts = [head, u32(state.length), state, u32(fsBytes.length), fsBytes];
  let total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total + (key ? 32 : 0));
  total = 0;
  for (const p of parts) {
    out.set(p, total);
    total += p.length;
  }
  if (key) out.set(await hmac(key, out.subarray(0, total)), total);
  return out;
}

/** Checks and splits a snapshot. Throws SnapshotError for anything foreign, damaged or tampered. */
export async function openSnapshot(bytes: Uint8Array, key?: string | Uint8Array): Promise<{ state: SessionState; fsBytes: Uint8Array }> {
  if (!(bytes instanceof Uint8Array) || bytes.length < 16) throw new SnapshotError("too short");
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) throw new SnapshotError("not a sandbash session snapshot");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== SESSION_SNAPSHOT_VERSION) throw new SnapshotError(`unsupported version ${version}`);
  const signed = (view.getUint16(6, true) & 1) === 1;
  let body = bytes;
  if (key) {
    if (!signed) throw new SnapshotError("not signed, but a key was given");
    body = bytes.subarray(0, bytes.length - 32);
    const want = await hmac(key, body);
    const got = bytes.subarray(bytes.length - 32);
    let diff = 0;
    for (let i = 0; i < 32; i++) diff |= want[i] ^ got[i];
    if (diff !== 0) throw new SnapshotError("signature does not match (tampered, or another key)");
  } else if (signed) {
    body = bytes.subarray(0, bytes.length - 32);
  }
  let pos = 8;
  const take = (): Uint8Array => {
    if (pos + 4 > body.length) throw new SnapshotError("truncated");
    const n = view.getUint32(pos, true);
    pos += 4;
    if (pos + n > body.length) throw new SnapshotError("truncated");
    const out = body.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  let state: SessionState;
  try {
    state = JSON.parse(decodeUtf8(take()));
  } catch (e) {
    if (e instanceof SnapshotError) throw e;
    throw new SnapshotError("damaged state");
  }
  const fsBytes = take();
  if (pos !== body.length) throw new SnapshotError("trailing bytes");
  if (!state || typeof state !== "object" || !Array.isArray(state.vars) || !Array.isArray(state.functions)) {
    throw new SnapshotError("damaged state");
  }
  return { state, fsBytes };
}

export { restoreFs, MemFs, SnapshotError };
