/**
 * Drops custom sections (id 0: DWARF `.debug_*`, `name`, producers) from a wasm
 * binary. jq-web ships 1.3 MB of debug info in jq.wasm; the code and data
 * sections are copied byte for byte, so behaviour is unchanged.
 */

function readLeb128(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (pos >= bytes.length) throw new Error("wasm: truncated LEB128");
    const b = bytes[pos++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, pos];
  }
}

/** Returns a copy of the module without its custom sections. */
export function stripWasmCustomSections(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (bytes.length < 8 || magic.some((m, i) => bytes[i] !== m)) throw new Error("wasm: bad magic");
  const keep: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos < bytes.length) {
    const start = pos;
    const id = bytes[pos++];
    const [size, body] = readLeb128(bytes, pos);
    const end = body + size;
    if (end > bytes.length) throw new Error("wasm: section runs past the end");
    if (id !== 0) keep.push(bytes.subarray(start, end));
    pos = end;
  }
  const out = new Uint8Array(keep.reduce((n, k) => n + k.length, 0));
  let o = 0;
  for (const k of keep) {
    out.set(k, o);
    o += k.length;
  }
  return out;
}
