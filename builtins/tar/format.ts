/**
 * tar headers: writing GNU format (tar 1.34's default: "ustar  " magic, ././@LongLink
 * entries for long names) and reading GNU, ustar (prefix field) and pax ('x'/'g'
 * records for path, linkpath, size, mtime, uname, gname).
 */
import { decodeUtf8, encodeUtf8 } from "../../src/io/utf8.js";

export const BLOCK = 512;
/** tar's default record: 20 blocks; archives are padded to a whole record. */
export const RECORD = 20 * BLOCK;

export interface Entry {
  name: string;
  /** '0' file, '1' hard link, '2' symlink, '5' directory (others kept as read). */
  type: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  linkname: string;
}

function putString(h: Uint8Array, at: number, len: number, s: string): void {
  const b = encodeUtf8(s);
  h.set(b.subarray(0, len), at);
}

/** A numeric field: zero-padded octal with a NUL (GNU base-256 when it does not fit). */
function putOctal(h: Uint8Array, at: number, len: number, v: number): void {
  const s = Math.max(0, Math.floor(v)).toString(8);
  if (s.length <= len - 1) {
    putString(h, at, len, s.padStart(len - 1, "0"));
    return;
  }
  // Base-256: first byte 0x80, big-endian value in the rest.
  let n = BigInt(Math.floor(v));
  for (let i = at + len - 1; i > at; i--) {
    h[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  h[at] = 0x80;
}

function checksum(h: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return sum;
}

function rawHeader(e: Entry, name: string, linkname: string): Uint8Array {
  const h = new Uint8Array(BLOCK);
  putString(h, 0, 100, name);
  putOctal(h, 100, 8, e.mode & 0o7777);
  putOctal(h, 108, 8, e.uid);
  putOctal(h, 116, 8, e.gid);
  putOctal(h, 124, 12, e.size);
  putOctal(h, 136, 12, e.mtime);
  h[156] = e.type.charCodeAt(0);
  putString(h, 157, 100, linkname);
  putString(h, 257, 8, "ustar  ");
  putString(h, 265, 32, e.uname);
  putString(h, 297, 32, e.gname);
  const sum = checksum(h).toString(8).padStart(6, "0");
  putString(h, 148, 8, sum);
  h[154] = 0;
  h[155] = 32;
  return h;
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
  out.set(data);
  return out;
}

/** The header block(s) for one entry, with ././@LongLink entries where names exceed 100 bytes. */
export function encodeHeader(e: Entry): Uint8Array[] {
  const out: Uint8Array[] = [];
  const long = (type: string, value: string) => {
    const data = encodeUtf8(value + "\0");
    const meta: Entry = { ...e, name: "././@LongLink", type, mode: 0o644, uid: 0, gid: 0, uname: "root", gname: "root", size: data.length, mtime: 0, linkname: "" };
    out.push(rawHeader(meta, meta.name, ""), padded(data));
  };
  if (encodeUtf8(e.linkname).length > 100) long("K", e.linkname);
  if (encodeUtf8(e.name).length > 100) long("L", e.name);
  out.push(rawHeader(e, e.name, e.linkname));
  return out;
}

function getString(h: Uint8Array, at: number, len: number): string {
  let end = at;
  while (end < at + len && h[end] !== 0) end++;
  return decodeUtf8(h.subarray(at, end));
}

function getNumber(h: Uint8Array, at: number, len: number): number {
  if (h[at] & 0x80) {
    let n = BigInt(h[at] & 0x7f);
    for (let i = at + 1; i < at + len; i++) n = (n << 8n) | BigInt(h[i]);
    return Number(n);
  }
  const s = getString(h, at, len).trim();
  return s === "" ? 0 : parseInt(s, 8);
}

export class TarFormatError extends Error {}

function isZeroBlock(b: Uint8Array, at: number): boolean {
  for (let i = at; i < at + BLOCK; i++) if (b[i] !== 0) return false;
  return true;
}

/** One member: its header fields and where its data lies in the archive. */
export interface Member extends Entry {
  offset: number;
}

/** Parses pax records ("LEN key=value\n"). */
function paxRecords(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const text = decodeUtf8(data);
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(" ", i);
    if (sp < 0) break;
    const len = parseInt(text.slice(i, sp), 10);
    if (!(len > 0)) break;
    // LEN counts bytes; names here are ASCII or UTF-8, so count through the bytes.
    const recordBytes = data.subarray(encodeUtf8(text.slice(0, i)).length, encodeUtf8(text.slice(0, i)).length + len);
    const record = decodeUtf8(recordBytes);
    const body = record.slice(record.indexOf(" ") + 1, record.endsWith("\n") ? -1 : undefined);
    const eq = body.indexOf("=");
    if (eq > 0) out.set(body.slice(0, eq), body.slice(eq + 1));
    i += record.length;
  }
  return out;
}

/**
 * Every member of an archive, in order, and where the end-of-archive blocks start (`end`).
 * Throws TarFormatError when the first header is not a tar header.
 */
export function readMembers(archive: Uint8Array, step: () => void): { members: Member[]; truncated: boolean; garbage: boolean; end: number } {
  const members: Member[] = [];
  let at = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  const global = new Map<string, string>();
  while (at + BLOCK <= archive.length) {
    step();
    if (isZeroBlock(archive, at)) break;
    const h = archive.subarray(at, at + BLOCK);
    const stored = getNumber(h, 148, 8);
    if (stored !== checksum(h)) {
      if (members.length === 0 && longName === undefined) throw new TarFormatError("This does not look like a tar archive");
      return { members, truncated: false, garbage: true, end: at };
    }
    const type = h[156] === 0 ? "0" : String.fromCharCode(h[156]);
    let size = getNumber(h, 124, 12);
    const dataAt = at + BLOCK;
    const next = dataAt + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L" || type === "K" || type === "x" || type === "g") {
      if (dataAt + size > archive.length) return { members, truncated: true, garbage: false, end: at };
      const data = archive.subarray(dataAt, dataAt + size);
      if (type === "L") longName = getString(data, 0, data.length);
      else if (type === "K") longLink = getString(data, 0, data.length);
      else if (type === "x") pax = paxRecords(data);
      else for (const [k, v] of paxRecords(data)) global.set(k, v);
      at = next;
      continue;
    }
    const magic = getString(h, 257, 6);
    let name = getString(h, 0, 100);
    if (magic === "ustar" && h[345] !== 0) name = `${getString(h, 345, 155)}/${name}`;
    const attr = (k: string) => pax.get(k) ?? global.get(k);
    if (attr("size") !== undefined) size = Number(attr("size"));
    const m: Member = {
      name: attr("path") ?? longName ?? name,
      type: type === "7" ? "0" : type,
      mode: getNumber(h, 100, 8),
      uid: Number(attr("uid") ?? getNumber(h, 108, 8)),
      gid: Number(attr("gid") ?? getNumber(h, 116, 8)),
      uname: attr("uname") ?? getString(h, 265, 32),
      gname: attr("gname") ?? getString(h, 297, 32),
      size,
      mtime: Math.floor(Number(attr("mtime") ?? getNumber(h, 136, 12))),
      linkname: attr("linkpath") ?? longLink ?? getString(h, 157, 100),
      offset: dataAt,
    };
    // Links and directories carry no data whatever their size field says.
    if (m.type === "1" || m.type === "2" || m.type === "5") m.size = type === "5" ? 0 : m.size;
    members.push(m);
    longName = longLink = undefined;
    pax = new Map();
    const dataEnd = dataAt + (m.type === "1" || m.type === "2" ? 0 : m.size);
    if (dataEnd > archive.length) return { members, truncated: true, garbage: false, end: at };
    at = dataAt + Math.ceil((m.type === "1" || m.type === "2" ? 0 : m.size) / BLOCK) * BLOCK;
  }
  if (members.length === 0 && at === 0 && archive.length > 0 && archive.length < BLOCK) {
    throw new TarFormatError("This does not look like a tar archive");
  }
  return { members, truncated: false, garbage: false, end: at };
}

/** A whole archive: entries' header blocks and data, two zero blocks, padded to a record. */
export function finishArchive(parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const total = Math.ceil((len + 2 * BLOCK) / RECORD) * RECORD;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export { padded as padToBlock };
