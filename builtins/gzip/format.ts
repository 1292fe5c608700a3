/** The gzip file format (RFC 1952): writing one member, reading every member of a file. */
import { deflateSync } from "fflate";
import { crc32 } from "../_lib/crc32.js";
import { InflateError, InflateLimitError, inflateRaw } from "../_lib/inflate.js";
import type { CommandContext } from "../types.js";
import { LimitExceeded } from "../../src/limits/budget.js";
import { concatBytes } from "../../src/io/streams.js";
import { encodeUtf8 } from "../../src/io/utf8.js";

const FTEXT = 1;
const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

export interface MemberOptions {
  level: number;
  /** Stored in the header when given (FNAME). */
  name?: string;
  /** Seconds since the epoch; 0 = none. */
  mtime: number;
}

/** Compresses data into one gzip member (OS byte 3 = Unix, XFL 2/4 for -9/-1, as gzip writes). */
export function gzipMember(data: Uint8Array, opts: MemberOptions): Uint8Array {
  const name = opts.name === undefined ? undefined : encodeUtf8(opts.name);
  const body = deflateSync(data, { level: opts.level as 6 });
  const headerLen = 10 + (name ? name.length + 1 : 0);
  const out = new Uint8Array(headerLen + body.length + 8);
  out.set([0x1f, 0x8b, 8, name ? FNAME : 0], 0);
  writeU32(out, 4, opts.mtime >>> 0);
  out[8] = opts.level === 9 ? 2 : opts.level === 1 ? 4 : 0;
  out[9] = 3;
  if (name) out.set(name, 10);
  out.set(body, headerLen);
  writeU32(out, headerLen + body.length, crc32(data));
  writeU32(out, headerLen + body.length + 4, data.length >>> 0);
  return out;
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}

export function readU32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

export interface GzipHeader {
  /** Bytes of header (fixed part, extra, name, comment, header CRC). */
  length: number;
  name?: Uint8Array;
  mtime: number;
}

/** A failure gzip reports as "NAME: <message>", with its exit status. */
export class GzipFormatError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

/** Parses the header at `at`; throws GzipFormatError for a bad one. */
export function parseHeader(b: Uint8Array, at: number): GzipHeader {
  if (b.length - at < 2 || b[at] !== 0x1f || b[at + 1] !== 0x8b) {
    // One byte, or nothing at all: gzip runs out of input before it can tell.
    if (b.length - at < 2 && !(b.length - at === 1 && b[at] !== 0x1f)) throw new GzipFormatError("unexpected end of file");
    throw new GzipFormatError("not in gzip format");
  }
  if (b.length - at < 10) throw new GzipFormatError("unexpected end of file");
  if (b[at + 2] !== 8) throw new GzipFormatError(`unknown method ${b[at + 2]} -- not supported`);
  const flags = b[at + 3];
  if (flags & 0xe0) throw new GzipFormatError(`has flags 0x${flags.toString(16)} -- not supported`);
  const mtime = readU32(b, at + 4);
  let p = at + 10;
  if (flags & FEXTRA) {
    if (p + 2 > b.length) throw new GzipFormatError("unexpected end of file");
    p += 2 + (b[p] | (b[p + 1] << 8));
  }
  let name: Uint8Array | undefined;
  const skipString = (): Uint8Array => {
    const startAt = p;
    while (p < b.length && b[p] !== 0) p++;
    if (p >= b.length) throw new GzipFormatError("unexpected end of file");
    return b.subarray(startAt, p++);
  };
  if (flags & FNAME) name = skipString();
  if (flags & FCOMMENT) skipString();
  if (flags & FHCRC) p += 2;
  if (p > b.length) throw new GzipFormatError("unexpected end of file");
  void FTEXT;
  return { length: p - at, name, mtime };
}

export interface Decoded {
  data: Uint8Array;
  /** The first member's header (its name and time for -N). */
  header: GzipHeader;
  /** "decompression OK, trailing garbage ignored" applies. */
  trailingGarbage: boolean;
}

/** Largest output one decompression may produce: the file system's size limit. */
export function outputLimit(ctx: CommandContext): number {
  const l = (ctx.budget.limits as { maxFileSystemBytes?: number }).maxFileSystemBytes;
  return typeof l === "number" && l > 0 ? l : Infinity;
}

/** Inflates raw deflate data under the context's limits (a bomb ends with the fs-bytes limit). */
export function inflateChecked(ctx: CommandContext, input: Uint8Array, start = 0, limit = outputLimit(ctx)) {
  try {
    return inflateRaw(input, start, limit, () => ctx.budget.step());
  } catch (e) {
    if (e instanceof InflateLimitError) throw new LimitExceeded("fs-bytes", limit);
    throw e;
  }
}

/** Decodes every member of a gzip file, as `gzip -d` does. */
export function gunzipBytes(ctx: CommandContext, input: Uint8Array): Decoded {
  const parts: Uint8Array[] = [];
  let total = 0;
  let at = 0;
  let first: GzipHeader | undefined;
  const limit = outputLimit(ctx);
  for (;;) {
    const header = parseHeader(input, at);
    first ??= header;
    let result;
    try {
      result = inflateChecked(ctx, input, at + header.length, limit - total);
    } catch (e) {
      if (e instanceof InflateError) throw new GzipFormatError(e.message);
      throw e;
    }
    const end = result.end;
    if (end + 8 > input.length) throw new GzipFormatError("unexpected end of file");
    if (readU32(input, end) !== crc32(result.data)) throw new GzipFormatError("invalid compressed data--crc error");
    if (readU32(input, end + 4) !== result.data.length >>> 0) throw new GzipFormatError("invalid compressed data--length error");
    parts.push(result.data);
    total += result.data.length;
    at = end + 8;
    if (at >= input.length) break;
    // Another member follows only if it starts with the magic; zero padding is ignored silently.
    if (input[at] === 0x1f && (at + 1 >= input.length || input[at + 1] === 0x8b)) continue;
    let zeros = true;
    for (let i = at; i < input.length; i++) if (input[i] !== 0) zeros = false;
    return { data: concatBytes(parts, total), header: first, trailingGarbage: !zeros };
  }
  return { data: concatBytes(parts, total), header: first, trailingGarbage: false };
}

/** True when data starts like a gzip member. */
export function looksGzipped(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}
