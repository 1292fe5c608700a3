/**
 * What `file` 5.44 says about some bytes: the binary formats the sandbox meets
 * (gzip, zip, tar, PNG, GIF, JPEG, PDF, ELF), scripts by their #! line, JSON,
 * XML, HTML, and text encodings with file's line-ending and long-line notes.
 */

export interface Verdict {
  desc: string;
  mime: string;
  encoding: string;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  return sig.every((v, i) => b[at + i] === v);
}

function ascii(b: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < Math.min(to, b.length); i++) s += String.fromCharCode(b[i]);
  return s;
}

function u32le(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

function u32be(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** ctime(3) in UTC, as file prints gzip timestamps. */
function ctimeText(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

function gzip(b: Uint8Array): string {
  const flags = b[3];
  let desc = "gzip compressed data";
  let pos = 10;
  if (flags & 4) pos += 2 + (b[10] | (b[11] << 8));
  if (flags & 8) {
    let end = pos;
    while (end < b.length && b[end] !== 0) end++;
    desc += `, was "${ascii(b, pos, end)}"`;
  }
  const mtime = u32le(b, 4);
  if (mtime) desc += `, last modified: ${ctimeText(mtime)}`;
  if (b[8] === 2) desc += ", max compression";
  else if (b[8] === 4) desc += ", max speed";
  if (b[9] === 3) desc += ", from Unix";
  if (b.length >= 18) desc += `, original size modulo 2^32 ${u32le(b, b.length - 4)}`;
  return desc;
}

function png(b: Uint8Array): string | null {
  if (b.length < 29 || ascii(b, 12, 16) !== "IHDR") return null;
  const w = u32be(b, 16);
  const h = u32be(b, 20);
  const depth = b[24];
  const color = ["grayscale", "", "RGB", "colormap", "gray+alpha", "", "RGBA"][b[25]] ?? "unknown";
  const kind = b[25] === 3 ? `${depth}-bit colormap` : `${depth}-bit${color === "grayscale" ? " grayscale" : "/color " + color}`;
  return `PNG image data, ${w} x ${h}, ${kind}, ${b[28] ? "interlaced" : "non-interlaced"}`;
}

function jpeg(b: Uint8Array): string {
  let desc = "JPEG image data";
  if (ascii(b, 6, 10) === "JFIF" && b.length >= 18) {
    const len = (b[4] << 8) | b[5];
    const units = b[13];
    const xd = (b[14] << 8) | b[15];
    const yd = (b[16] << 8) | b[17];
    const density = units === 0 ? `aspect ratio, density ${xd}x${yd}` : `resolution (${units === 1 ? "DPI" : "DPCM"}), density ${xd}x${yd}`;
    desc += `, JFIF standard ${b[11]}.${String(b[12]).padStart(2, "0")}, ${density}, segment length ${len}`;
  }
  return desc;
}

function elf(b: Uint8Array): string {
  const bits = b[4] === 2 ? "64-bit" : "32-bit";
  const order = b[5] === 2 ? "MSB" : "LSB";
  let desc = `ELF ${bits} ${order}`;
  if (b.length < 20) return desc;
  const le = b[5] !== 2;
  const half = (at: number) => (le ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1]);
  const type = ["no file type", "relocatable", "executable", "shared object", "core file"][half(16)] ?? "processor-specific";
  const machines: Record<number, string> = { 3: "Intel 80386", 40: "ARM", 62: "x86-64", 183: "ARM aarch64", 243: "UCB RISC-V" };
  desc += ` ${type}`;
  if (b.length >= 20) desc += `, ${machines[half(18)] ?? "unknown arch"}, version ${b[6]} (SYSV)`;
  return desc;
}

interface TextInfo {
  encoding: "us-ascii" | "utf-8" | "iso-8859-1";
  label: string;
}

/** Classifies bytes as text (ASCII, UTF-8, ISO-8859), or null for binary data. */
function textKind(b: Uint8Array): TextInfo | null {
  let nonAscii = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0 || (c < 0x20 && ![7, 8, 9, 10, 11, 12, 13, 27].includes(c)) || c === 0x7f) return null;
    if (c >= 0x80) nonAscii = true;
  }
  if (!nonAscii) return { encoding: "us-ascii", label: "ASCII text" };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    const bom = startsWith(b, [0xef, 0xbb, 0xbf]);
    return { encoding: "utf-8", label: bom ? "Unicode text, UTF-8 (with BOM) text" : "Unicode text, UTF-8 text" };
  } catch {
    for (const c of b) if (c >= 0x80 && c < 0xa0) return null;
    return { encoding: "iso-8859-1", label: "ISO-8859 text" };
  }
}

/** file's notes on line endings, long lines, escapes and overstriking. */
function textNotes(b: Uint8Array): string {
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  let longest = 0;
  let cur = 0;
  let escapes = false;
  let backspace = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 13) {
      if (b[i + 1] === 10) {
        crlf++;
        i++;
      } else cr++;
      longest = Math.max(longest, cur);
      cur = 0;
    } else if (c === 10) {
      lf++;
      longest = Math.max(longest, cur);
      cur = 0;
    } else {
      cur++;
      if (c === 27) escapes = true;
      if (c === 8) backspace = true;
    }
  }
  longest = Math.max(longest, cur);
  let s = "";
  if (longest > 300) s += `, with very long lines (${longest})`;
  if ((crlf === 0 && cr === 0 && lf === 0) || crlf || cr) {
    const parts: string[] = [];
    if (crlf === 0 && cr === 0 && lf === 0) parts.push("no");
    else {
      if (crlf) parts.push("CRLF");
      if (cr) parts.push("CR");
      if (lf) parts.push("LF");
    }
    s += `, with ${parts.join(", ")} line terminators`;
  }
  if (escapes) s += ", with escape sequences";
  if (backspace) s += ", with overstriking";
  return s;
}

const INTERPRETERS: Array<[RegExp, string, string, "text" | "text-first" | "plain"]> = [
  [/^(sh|dash|ash)$/, "POSIX shell script", "text/x-shellscript", "text"],
  [/^bash$/, "Bourne-Again shell script", "text/x-shellscript", "text"],
  [/^zsh$/, "Paul Falstad's zsh script", "text/x-shellscript", "text"],
  [/^python[0-9.]*$/, "Python script", "text/x-script.python", "text"],
  [/^perl$/, "Perl script text executable", "text/x-perl", "plain"],
  [/^ruby$/, "Ruby script", "text/x-ruby", "text"],
  [/^node(js)?$/, "Node.js script executable", "application/javascript", "text-first"],
  [/^[gnm]?awk$/, "awk script", "text/x-awk", "text"],
];

function isJson(text: string): boolean {
  const t = text.trim();
  if (!/^[[{]/.test(t)) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/** Classifies the contents of a regular file. */
export function classify(b: Uint8Array): Verdict {
  const bin = (desc: string, mime: string): Verdict => ({ desc, mime, encoding: "binary" });
  if (b.length === 0) return bin("empty", "inode/x-empty");
  if (b.length === 1) return { desc: "very short file (no magic)", mime: "application/octet-stream", encoding: textKind(b)?.encoding ?? "binary" };
  if (startsWith(b, [0x1f, 0x8b])) return bin(gzip(b), "application/gzip");
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    const p = png(b);
    if (p) return bin(p, "image/png");
  }
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) {
    const size = b.length >= 10 ? ` ${b[6] | (b[7] << 8)} x ${b[8] | (b[9] << 8)}` : "";
    return bin(`GIF image data, version 8${String.fromCharCode(b[4])}a,${size}`, "image/gif");
  }
  if (startsWith(b, [0xff, 0xd8, 0xff])) return bin(jpeg(b), "image/jpeg");
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return bin(elf(b), "application/x-executable");
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && b.length >= 30) {
    const version = b[4];
    const method = b[8] | (b[9] << 8);
    const methods: Record<number, string> = { 0: "store", 8: "deflate", 12: "bzip2", 14: "lzma" };
    return bin(`Zip archive data, at least v${Math.floor(version / 10)}.${version % 10} to extract, compression method=${methods[method] ?? method}`, "application/zip");
  }
  if (b.length >= 263 && ascii(b, 257, 262) === "ustar") {
    const gnu = ascii(b, 257, 265) === "ustar  \0";
    return bin(gnu ? "POSIX tar archive (GNU)" : "POSIX tar archive", "application/x-tar");
  }
  const text = textKind(b);
  if (ascii(b, 0, 5) === "%PDF-") {
    const v = /^%PDF-(\d+\.\d+)/.exec(ascii(b, 0, 16));
    return { desc: `PDF document${v ? ", version " + v[1] : ""}`, mime: "application/pdf", encoding: text?.encoding ?? "binary" };
  }
  if (!text) return bin("data", "application/octet-stream");
  const notes = textNotes(b);
  const head = new TextDecoder().decode(b.subarray(0, 4096));
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(head);
  if (shebang) {
    let prog = shebang[1].split("/").pop()!;
    if (prog === "env" && shebang[2]) prog = shebang[2];
    for (const [re, desc, mime, style] of INTERPRETERS) {
      if (!re.test(prog)) continue;
      const d = style === "plain" ? desc : style === "text-first" ? `${desc}, ${text.label}` : `${desc}, ${text.label} executable`;
      return { desc: d + notes, mime, encoding: text.encoding };
    }
  }
  const trimmed = head.trimStart();
  if (/^<\?xml\s+version="([0-9.]+)"/.test(trimmed)) {
    const v = /^<\?xml\s+version="([0-9.]+)"/.exec(trimmed)![1];
    return { desc: `XML ${v} document, ${text.label}${notes}`, mime: "text/xml", encoding: text.encoding };
  }
  if (/^<(!doctype html|html|head|body)\b/i.test(trimmed)) {
    return { desc: `HTML document, ${text.label}${notes}`, mime: "text/html", encoding: text.encoding };
  }
  if (isJson(new TextDecoder().decode(b))) return { desc: "JSON text data", mime: "application/json", encoding: text.encoding };
  return { desc: text.label + notes, mime: "text/plain", encoding: text.encoding };
}
