/**
 * The zip format as Info-ZIP zip 3.0 writes it (version made by 3.0/Unix, Unix mode in the
 * external attributes, "UT" mtime and "ux" uid/gid extra fields) and reading any plain
 * zip (stored or deflated entries; no zip64, no encryption).
 */
import { deflateSync } from "fflate";
import { crc32 } from "../_lib/crc32.js";
import { decodeUtf8, encodeUtf8 } from "../../src/io/utf8.js";
import { localTime } from "../_lib/time.js";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressed: Uint8Array;
  size: number;
  /** Seconds since the epoch (from UT when present, else the DOS time read as UTC-local). */
  mtime: number;
  dosTime: number;
  dosDate: number;
  /** Unix mode with type bits (0o100644, 0o040755), 0 when the archive has none. */
  mode: number;
  uid: number;
  gid: number;
  text: boolean;
  /** mtime came from a "UT" extra field (else it is the DOS time read as UTC). */
  utc?: boolean;
}

export class ZipFormatError extends Error {}

/** DOS date/time of an epoch second in a zone, odd seconds rounded up as zip does. */
export function dosDateTime(epoch: number, zone: string): { date: number; time: number } {
  const t = localTime((epoch + (epoch & 1)) * 1000, zone);
  return {
    time: (t.hour << 11) | (t.minute << 5) | (t.second >> 1),
    date: ((Math.max(t.year, 1980) - 1980) << 9) | (t.month << 5) | t.day,
  };
}

function isText(data: Uint8Array): boolean {
  for (let i = 0; i < Math.min(data.length, 4096); i++) {
    const b = data[i];
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) return false;
  }
  return true;
}

/** Builds an entry from file data: deflated unless that does not make it smaller (then stored). */
export function makeEntry(name: string, data: Uint8Array, info: { mtime: number; mode: number; uid: number; gid: number; zone: string; level: number }): ZipEntry {
  const isDir = name.endsWith("/");
  let method = 0;
  let compressed = data;
  if (!isDir && data.length > 0 && info.level > 0) {
    const d = deflateSync(data, { level: info.level as 6 });
    if (d.length < data.length) {
      method = 8;
      compressed = d;
    }
  }
  const { date, time } = dosDateTime(info.mtime, info.zone);
  return {
    name, method, crc: crc32(data), compressed, size: data.length, mtime: info.mtime,
    dosTime: time, dosDate: date, mode: info.mode, uid: info.uid, gid: info.gid, text: !isDir && data.length > 0 && isText(data),
  };
}

/** zip's percent(): space saved, rounded half up. */
export function percent(size: number, csize: number): number {
  let n = size;
  let m = csize;
  if (n > 0xffffff) {
    n = (n + 0x80) >>> 8;
    m = (m + 0x80) >>> 8;
  }
  return n > m ? Math.floor((1 + Math.floor((200 * (n - m)) / n)) / 2) : 0;
}

class Out {
  parts: number[] = [];
  u16(v: number) {
    this.parts.push(v & 0xff, (v >>> 8) & 0xff);
  }
  u32(v: number) {
    this.parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  }
  bytes(b: Uint8Array) {
    for (const x of b) this.parts.push(x);
  }
  done() {
    return new Uint8Array(this.parts);
  }
}

function extra(e: ZipEntry, local: boolean): Uint8Array {
  const o = new Out();
  o.u16(0x5455);
  o.u16(local ? 9 : 5);
  o.parts.push(3);
  o.u32(e.mtime);
  if (local) o.u32(e.mtime);
  o.u16(0x7875);
  o.u16(11);
  o.parts.push(1, 4);
  o.u32(e.uid);
  o.parts.push(4);
  o.u32(e.gid);
  return o.done();
}

/**
 * The fields a local header and its central directory entry have in common, in
 * the same order: version needed, flags, method, time, date, CRC, sizes, and
 * the lengths of the name and extra field.
 */
function sharedFields(o: Out, e: ZipEntry, nameLength: number, extraLength: number): void {
  o.u16(e.method === 8 ? 20 : 10);
  o.u16(0);
  o.u16(e.method);
  o.u16(e.dosTime);
  o.u16(e.dosDate);
  o.u32(e.crc);
  o.u32(e.compressed.length);
  o.u32(e.size);
  o.u16(nameLength);
  o.u16(extraLength);
}

/** Serialises entries: local headers and data, central directory, end record. */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const e of entries) {
    const name = encodeUtf8(e.name);
    const x = extra(e, true);
    const h = new Out();
    h.u32(0x04034b50);
    sharedFields(h, e, name.length, x.length);
    h.bytes(name);
    h.bytes(x);
    const head = h.done();
    offsets.push(at);
    chunks.push(head, e.compressed);
    at += head.length + e.compressed.length;
  }
  const cdStart = at;
  entries.forEach((e, i) => {
    const name = encodeUtf8(e.name);
    const x = extra(e, false);
    const c = new Out();
    c.u32(0x02014b50);
    c.u16(0x031e);
    sharedFields(c, e, name.length, x.length);
    c.u16(0);
    c.u16(0);
    c.u16(e.text ? 1 : 0);
    c.u32(((e.mode << 16) | (e.name.endsWith("/") ? 0x10 : 0)) >>> 0);
    c.u32(offsets[i]);
    c.bytes(name);
    c.bytes(x);
    const b = c.done();
    chunks.push(b);
    at += b.length;
  });
  const end = new Out();
  end.u32(0x06054b50);
  end.u16(0);
  end.u16(0);
  end.u16(entries.length);
  end.u16(entries.length);
  end.u32(at - cdStart);
  end.u32(cdStart);
  end.u16(0);
  chunks.push(end.done());
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/** DOS date/time read back as seconds, treating it as UTC wall time (listing shows it as is). */
function dosToEpoch(date: number, time: number): number {
  return Date.UTC(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2) / 1000;
}

/** Reads the central directory; entries keep their compressed bytes. */
export function readZip(b: Uint8Array): ZipEntry[] {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("no end of central directory");
  const count = u16(b, eocd + 10);
  let p = u32(b, eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ZipFormatError("bad central directory");
    const method = u16(b, p + 10);
    const time = u16(b, p + 12);
    const date = u16(b, p + 14);
    const crc = u32(b, p + 16);
    const csize = u32(b, p + 20);
    const size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const internal = u16(b, p + 36);
    const madeBy = u16(b, p + 4) >> 8;
    const external = u32(b, p + 38);
    const local = u32(b, p + 42);
    const name = decodeUtf8(b.subarray(p + 46, p + 46 + nameLen));
    let mtime = dosToEpoch(date, time);
    let uid = 0;
    let gid = 0;
    let hasUT = false;
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = u16(b, x);
      const len = u16(b, x + 2);
      if (id === 0x5455 && len >= 5 && b[x + 4] & 1) {
        mtime = u32(b, x + 5);
        hasUT = true;
      } else if (id === 0x7875 && len >= 11) {
        uid = u32(b, x + 6);
        gid = u32(b, x + 11);
      }
      x += 4 + len;
    }
    if (u32(b, local) !== 0x04034b50) throw new ZipFormatError("bad local header");
    const dataAt = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    entries.push({
      name, method, crc, compressed: b.subarray(dataAt, dataAt + csize), size, mtime,
      dosTime: time, dosDate: date, mode: madeBy === 3 ? external >>> 16 : 0, uid, gid, text: (internal & 1) === 1, utc: hasUT,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
