import type { CommandContext } from "../types.js";
import { openOperand } from "../_lib/files.js";
import { quoteFile } from "../_lib/quote.js";
import { readLines } from "../_lib/lines.js";
import { ByteBuilder } from "../_lib/output.js";
import { bytesToLatin1, decodeUtf8, latin1ToBytes } from "../../src/io/utf8.js";
import { ALGORITHMS, toHex, type Algorithm } from "./algorithms.js";
import { digestOperand, escapeName } from "./file.js";

/**
 * -c: reading "digest  name", "digest *name" and tagged "TAG (name) = digest"
 * lines (a leading backslash marks an escaped name) and checking each file,
 * following GNU digest_check/split_3 (lines are handled as byte strings).
 */

export interface CheckSettings {
  /** The algorithm every line uses; null for cksum without -a (taken from each line's tag). */
  fixed: Algorithm | null;
  /** -l (has no effect on checking, as in GNU). */
  bits: number | null;
  ignoreMissing: boolean;
  mode: "normal" | "status" | "warn" | "quiet";
  strict: boolean;
}

/** GNU keeps whether lines are "bsd reversed" (digest name) across all check files. */
export interface CheckState {
  bsdReversed: -1 | 0 | 1;
  /** The algorithm named in messages: the fixed one, or the last tag seen (cksum starts at CRC). */
  current: Algorithm;
}

export function newCheckState(fixed: Algorithm | null): CheckState {
  return { bsdReversed: -1, current: fixed ?? ALGORITHMS[2] };
}

interface Entry {
  algorithm: Algorithm;
  bits: number;
  digest: string;
  name: string;
}

const isWhite = (c: string | undefined) => c === " " || c === "\t";

function hexDigits(s: string, n: number): boolean {
  return s.length === n && /^[0-9a-fA-F]*$/.test(s);
}

/** filename_unescape: \\, \n and \r only; a trailing backslash or a NUL is invalid. */
function unescape(s: string): string | null {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\0") return null;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const d = s[++i];
    if (d === "n") out += "\n";
    else if (d === "\\") out += "\\";
    else if (d === "r") out += "\r";
    else return null;
  }
  return out;
}

/** The algorithm whose tag starts s (the word before "-", " " or "("), for cksum without -a. */
function tagAlgorithm(s: string): Algorithm | null {
  const word = /^[^- (]*/.exec(s)![0];
  return ALGORITHMS.find((a) => a.tag === word) ?? null;
}

/** split_3: one line (no newline) into its parts, or null if improperly formatted. */
function splitLine(line: string, s: CheckSettings, state: CheckState): Entry | null {
  let i = 0;
  while (isWhite(line[i])) i++;
  let escaped = false;
  if (line[i] === "\\") {
    i++;
    escaped = true;
  }
  let algorithm = s.fixed;
  if (!algorithm) {
    const tagged = tagAlgorithm(line.slice(i));
    if (!tagged) return null;
    state.current = tagged;
    if (tagged.legacy) return null;
    algorithm = tagged;
  }
  const blake = algorithm.name === "blake2b";
  if (line.startsWith(algorithm.tag, i)) return taggedLine(line, i + algorithm.tag.length, algorithm, escaped, blake || !s.fixed);
  let bits = algorithm.bits;
  if (blake) {
    // BLAKE2b lines give their own length: the run of hex digits.
    const run = /^[0-9a-fA-F]*/.exec(line.slice(i))![0].length;
    if (run < 2 || run % 2 || run > 128) return null;
    bits = run * 4;
  }
  const hexLen = bits / 4;
  if (line.length - i < hexLen + 2 + (line[i] === "\\" ? 1 : 0)) return null;
  const digest = line.slice(i, i + hexLen);
  i += hexLen;
  if (!isWhite(line[i])) return null;
  i++;
  if (line.length - i === 1 || (line[i] !== " " && line[i] !== "*")) {
    // "bsd reversed" (digest, one space, name): never mixed with the standard format.
    if (state.bsdReversed === 0) return null;
    state.bsdReversed = 1;
  } else if (state.bsdReversed !== 1) {
    state.bsdReversed = 0;
    i++;
  }
  let name: string | null = line.slice(i);
  if (escaped) name = unescape(name);
  if (name === null || !hexDigits(digest, hexLen)) return null;
  return { algorithm, bits, digest, name };
}

/**
 * "TAG (name) = digest" from just after the tag. cksum and b2sum (`loose`)
 * step over one character after the tag, or read "-BITS" there.
 */
function taggedLine(line: string, i: number, algorithm: Algorithm, escaped: boolean, loose: boolean): Entry | null {
  let bits = algorithm.bits;
  if (loose) {
    if (line[i] === "-") {
      const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(line.slice(i + 1));
      if (!m) return null;
      const n = Number(/^0[0-7]/.test(m[1]) ? parseInt(m[1], 8) : m[1]);
      if (!(n > 0 && n <= algorithm.bits && n % 8 === 0)) return null;
      bits = n;
      i += 1 + m[1].length;
    } else if (line[i] !== "(") i++;
  }
  if (line[i] === " ") i++;
  if (line[i] !== "(") return null;
  const rest = line.slice(i + 1);
  const close = rest.lastIndexOf(")");
  if (rest.length === 0 || close < 0) return null;
  let name: string | null = rest.slice(0, close);
  if (escaped) name = unescape(name);
  if (name === null) return null;
  let j = close + 1;
  while (isWhite(rest[j])) j++;
  if (rest[j] !== "=") return null;
  j++;
  while (isWhite(rest[j])) j++;
  const digest = rest.slice(j);
  return hexDigits(digest, bits / 4) ? { algorithm, bits, digest, name } : null;
}

/** Checks the lines of one check file; true when everything listed verified. */
export async function checkFile(ctx: CommandContext, operand: string, s: CheckSettings, state: CheckState): Promise<boolean> {
  const isStdin = operand === "-";
  const displayName = isStdin ? "standard input" : operand;
  const opened = await openOperand(ctx, operand);
  if ("openError" in opened) {
    ctx.stderr.write(`${ctx.name}: ${quoteFile(operand)}: ${opened.openError.message}\n`);
    return false;
  }
  if ("readError" in opened) {
    ctx.stderr.write(`${ctx.name}: ${quoteFile(displayName)}: read error\n`);
    return false;
  }
  let lineNo = 0;
  let misformatted = 0;
  let unreadable = 0;
  let mismatched = 0;
  let properlyFormatted = false;
  let matched = false;
  const out = new ByteBuilder(4096);
  for await (const { bytes } of readLines(opened.reader)) {
    lineNo++;
    ctx.budget.step();
    let line = bytesToLatin1(bytes);
    if (line[0] === "#") continue;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line.length === 0) continue;
    const entry = splitLine(line, s, state);
    if (!entry || (isStdin && entry.name === "-")) {
      misformatted++;
      if (s.mode === "warn") {
        ctx.stderr.write(`${ctx.name}: ${quoteFile(displayName)}: ${lineNo}: improperly formatted ${state.current.tag} checksum line\n`);
      }
      continue;
    }
    properlyFormatted = true;
    const name = decodeUtf8(latin1ToBytes(entry.name));
    const { text, escaped } = escapeName(entry.name, true);
    const shown = (escaped ? "\\" : "") + text;
    if (out.length) await ctx.stdout.write(out.take());
    const r = await digestOperand(ctx, name, entry.algorithm, entry.bits, s.ignoreMissing);
    if (r === null) {
      unreadable++;
      if (s.mode !== "status") out.latin1(`${shown}: FAILED open or read\n`);
      continue;
    }
    if (r === "missing") continue;
    const good = toHex(r.digest) === entry.digest.toLowerCase();
    if (good) matched = true;
    else mismatched++;
    if (s.mode !== "status") {
      if (!good) out.latin1(`${shown}: FAILED\n`);
      else if (s.mode !== "quiet") out.latin1(`${shown}: OK\n`);
    }
  }
  if (opened.owned) opened.reader.close();
  if (out.length) await ctx.stdout.write(out.take());
  const warn = (n: number, one: string, many: string) => {
    if (n > 0) ctx.stderr.write(`${ctx.name}: WARNING: ${n} ${n === 1 ? one : many}\n`);
  };
  if (!properlyFormatted) {
    ctx.stderr.write(`${ctx.name}: ${quoteFile(displayName)}: no properly formatted checksum lines found\n`);
  } else if (s.mode !== "status") {
    warn(misformatted, "line is improperly formatted", "lines are improperly formatted");
    warn(unreadable, "listed file could not be read", "listed files could not be read");
    warn(mismatched, "computed checksum did NOT match", "computed checksums did NOT match");
    if (s.ignoreMissing && !matched) ctx.stderr.write(`${ctx.name}: ${quoteFile(displayName)}: no file was verified\n`);
  }
  return properlyFormatted && matched && mismatched === 0 && unreadable === 0 && (!s.strict || misformatted === 0);
}
