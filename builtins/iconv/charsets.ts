/**
 * The character sets iconv knows here: UTF-8, ASCII, ISO-8859-1, ISO-8859-15,
 * CP1252, UTF-16 and UTF-32 (with and without BOM, either byte order), under
 * glibc's names and aliases. Decoding yields code points (or a failure with
 * its byte position); encoding returns null for what the set cannot hold.
 */

export type Decoded = { cp: number; len: number } | { invalid: true } | { incomplete: true };

export interface Charset {
  name: string;
  /** Decodes the character at data[i]. */
  decode(data: Uint8Array, i: number): Decoded;
  /** Appends the bytes of cp, or returns false when the set has no such character. */
  encode(cp: number, out: number[]): boolean;
  /** Bytes written before anything else (a byte-order mark). */
  bom?: number[];
  /** Set up per input (UTF-16/32 read a BOM to pick the byte order). */
  reset?(): void;
}

const CP1252_HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178,
];
const ISO15: Record<number, number> = { 0xa4: 0x20ac, 0xa6: 0x160, 0xa8: 0x161, 0xb4: 0x17d, 0xb8: 0x17e, 0xbc: 0x152, 0xbd: 0x153, 0xbe: 0x178 };

function singleByte(name: string, table: (b: number) => number): Charset {
  const reverse = new Map<number, number>();
  for (let b = 255; b >= 0; b--) {
    const cp = table(b);
    if (cp >= 0) reverse.set(cp, b);
  }
  return {
    name,
    decode(data, i) {
      const cp = table(data[i]);
      return cp < 0 ? { invalid: true } : { cp, len: 1 };
    },
    encode(cp, out) {
      const b = reverse.get(cp);
      if (b === undefined) return false;
      out.push(b);
      return true;
    },
  };
}

const UTF8: Charset = {
  name: "UTF-8",
  decode(d, i) {
    const b = d[i];
    if (b < 0x80) return { cp: b, len: 1 };
    let n: number;
    let cp: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [n, cp, min] = [2, b & 0x1f, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, cp, min] = [3, b & 0x0f, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, cp, min] = [4, b & 0x07, 0x10000];
    else return { invalid: true };
    for (let k = 1; k < n; k++) {
      if (i + k >= d.length) return { incomplete: true };
      const c = d[i + k];
      if ((c & 0xc0) !== 0x80) return { invalid: true };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { invalid: true };
    return { cp, len: n };
  },
  encode(cp, out) {
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    return true;
  },
};

/** UTF-16/UTF-32: `unit` bytes; `order` fixed, or "bom" (read: BOM else big-endian; write: BOM and little-endian). */
function wide(name: string, unit: 2 | 4, order: "le" | "be" | "bom"): Charset {
  let little = order === "le";
  let first = true;
  const read = (d: Uint8Array, i: number) => {
    if (unit === 2) return little ? d[i] | (d[i + 1] << 8) : (d[i] << 8) | d[i + 1];
    return little
      ? (d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24)) >>> 0
      : ((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]) >>> 0;
  };
  const cs: Charset = {
    name,
    bom: order === "bom" ? (unit === 2 ? [0xff, 0xfe] : [0xff, 0xfe, 0, 0]) : undefined,
    reset() {
      little = order === "le";
      first = true;
    },
    decode(d, i) {
      if (i + unit > d.length) return { incomplete: true };
      if (first && order === "bom") {
        first = false;
        const v = read(d, i);
        if (v === 0xfeff) return { cp: -1, len: unit };
        little = !little;
        if (read(d, i) === 0xfeff) return { cp: -1, len: unit };
        little = !little;
      }
      first = false;
      const v = read(d, i);
      if (unit === 4) return v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ? { invalid: true } : { cp: v, len: 4 };
      if (v >= 0xdc00 && v <= 0xdfff) return { invalid: true };
      if (v >= 0xd800 && v <= 0xdbff) {
        if (i + 4 > d.length) return { incomplete: true };
        const lo = read(d, i + 2);
        if (lo < 0xdc00 || lo > 0xdfff) return { invalid: true };
        return { cp: 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00), len: 4 };
      }
      return { cp: v, len: 2 };
    },
    encode(cp, out) {
      const le = order !== "be";
      const put = (v: number, n: number) => {
        for (let k = 0; k < n; k++) out.push(le ? (v >>> (8 * k)) & 255 : (v >>> (8 * (n - 1 - k))) & 255);
      };
      if (unit === 4) put(cp, 4);
      else if (cp >= 0x10000) {
        put(0xd800 + ((cp - 0x10000) >> 10), 2);
        put(0xdc00 + ((cp - 0x10000) & 0x3ff), 2);
      } else put(cp, 2);
      return true;
    },
  };
  return cs;
}

const FACTORIES: Record<string, () => Charset> = {
  "UTF-8": () => UTF8,
  "ANSI_X3.4-1968": () => singleByte("ANSI_X3.4-1968", (b) => (b < 0x80 ? b : -1)),
  "ISO-8859-1": () => singleByte("ISO-8859-1", (b) => b),
  "ISO-8859-15": () => singleByte("ISO-8859-15", (b) => ISO15[b] ?? b),
  CP1252: () => singleByte("CP1252", (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b)),
  "UTF-16": () => wide("UTF-16", 2, "bom"),
  "UTF-16LE": () => wide("UTF-16LE", 2, "le"),
  "UTF-16BE": () => wide("UTF-16BE", 2, "be"),
  "UTF-32": () => wide("UTF-32", 4, "bom"),
  "UTF-32LE": () => wide("UTF-32LE", 4, "le"),
  "UTF-32BE": () => wide("UTF-32BE", 4, "be"),
};

/** Aliases by their normalised form (upper case, letters and digits only). */
const ALIASES: Record<string, string> = {
  UTF8: "UTF-8",
  ASCII: "ANSI_X3.4-1968", USASCII: "ANSI_X3.4-1968", ANSIX3141968: "ANSI_X3.4-1968", ISO646US: "ANSI_X3.4-1968", US: "ANSI_X3.4-1968", "646": "ANSI_X3.4-1968",
  ISO88591: "ISO-8859-1", LATIN1: "ISO-8859-1", L1: "ISO-8859-1", CP819: "ISO-8859-1", IBM819: "ISO-8859-1", ISOIR100: "ISO-8859-1",
  ISO885915: "ISO-8859-15", LATIN9: "ISO-8859-15", LATIN0: "ISO-8859-15",
  CP1252: "CP1252", WINDOWS1252: "CP1252", MSANSI: "CP1252",
  UTF16: "UTF-16", UTF16LE: "UTF-16LE", UTF16BE: "UTF-16BE", UCS2: "UTF-16",
  UTF32: "UTF-32", UTF32LE: "UTF-32LE", UTF32BE: "UTF-32BE", UCS4: "UTF-32BE",
};

/** A charset by name (case and punctuation ignored), or null. */
export function lookupCharset(name: string): Charset | null {
  const key = name.toUpperCase().replace(/[^A-Z0-9]/g, "");
  const canonical = ALIASES[key];
  return canonical ? FACTORIES[canonical]() : null;
}

/** The names `iconv -l` lists. */
export function charsetNames(): string[] {
  return ["646", "ANSI_X3.4-1968", "ASCII", "CP1252", "CP819", "IBM819", "ISO-8859-1", "ISO-8859-15", "ISO646-US", "L1", "LATIN-9", "LATIN1", "LATIN9", "MS-ANSI", "UCS-2", "UCS-4", "US", "US-ASCII", "UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "UTF-32BE", "UTF-32LE", "UTF-8", "UTF8", "WINDOWS-1252"];
}
