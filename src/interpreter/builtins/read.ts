import type { For, StatementList } from "../../parser/ast.js";
import type { ByteReader } from "../../io/streams.js";
import { decodeUtf8 } from "../../io/utf8.js";
import type { FdTable } from "../io.js";
import { singleQuote } from "../quote.js";
import { runScriptText } from "../script.js";
import type { Shell } from "../shell.js";
import { Attr } from "../variables.js";
import { builtinError, builtinFlags, invalidOption, type ShellBuiltin } from "./util.js";

/**
 * Reads up to (not including) the delimiter byte, consuming only what it needs:
 * the rest is put back on the reader so the next reader sees it.
 * Returns null at end of input with nothing read.
 */
export async function readRecord(
  reader: ByteReader,
  delim: number,
  maxChars = -1,
  budget?: { step(n?: number): void; checkString(n: number): void },
): Promise<{ bytes: Uint8Array; hitDelim: boolean } | null> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    // An endless input without the delimiter (read < /dev/zero) must still end on the limits.
    if (budget) {
      budget.step();
      budget.checkString(total);
    }
    const chunk = await reader.read();
    if (!chunk) {
      if (total === 0) return null;
      return { bytes: concat(parts, total), hitDelim: false };
    }
    let end = delim >= 0 ? chunk.indexOf(delim) : -1;
    if (maxChars >= 0 && total + (end < 0 ? chunk.length : end) >= maxChars) {
      const take = maxChars - total;
      if (end < 0 || end >= take) {
        parts.push(chunk.subarray(0, take));
        total += take;
        if (take < chunk.length) reader.unread?.(chunk.subarray(take));
        return { bytes: concat(parts, total), hitDelim: false };
      }
    }
    if (end >= 0) {
      parts.push(chunk.subarray(0, end));
      total += end;
      if (end + 1 < chunk.length) reader.unread?.(chunk.subarray(end + 1));
      return { bytes: concat(parts, total), hitDelim: true };
    }
    parts.push(chunk);
    total += chunk.length;
    end = -1;
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Splits a line into at most `n` fields by IFS, the last taking the rest (read's rules). */
export function splitForRead(line: string, ifs: string, n: number, escapes = false): string[] {
  const isWs = (c: string) => (c === " " || c === "\t" || c === "\n") && ifs.includes(c);
  let i = 0;
  while (i < line.length && isWs(line[i])) i++;
  const out: string[] = [];
  while (out.length < n - 1 && i < line.length) {
    let j = i;
    // Without -r, a backslash quotes the next character (an escaped IFS character separates nothing).
    while (j < line.length && !ifs.includes(line[j])) j += escapes && line[j] === "\\" ? 2 : 1;
    j = Math.min(j, line.length);
    out.push(line.slice(i, j));
    // consume one delimiter: ws* [nonws] ws*
    while (j < line.length && isWs(line[j])) j++;
    if (j < line.length && ifs.includes(line[j]) && !isWs(line[j])) {
      j++;
      while (j < line.length && isWs(line[j])) j++;
    }
    i = j;
  }
  if (i < line.length) {
    let rest = line.slice(i);
    // As bash: when the rest is one word and its delimiter ("y:" of "x:y:"), the
    // last name gets just the word; otherwise the rest, less trailing IFS whitespace.
    let j = 0;
    while (j < rest.length && !ifs.includes(rest[j])) j += escapes && rest[j] === "\\" ? 2 : 1;
    const word = rest.slice(0, Math.min(j, rest.length));
    while (j < rest.length && isWs(rest[j])) j++;
    if (j < rest.length && ifs.includes(rest[j]) && !isWs(rest[j])) {
      j++;
      while (j < rest.length && isWs(rest[j])) j++;
    }
    if (j >= rest.length) {
      out.push(word);
      return out;
    }
    // Trailing IFS whitespace is stripped from the last field.
    let e = rest.length;
    while (e > 0 && isWs(rest[e - 1])) e--;
    rest = rest.slice(0, e);
    out.push(rest);
  }
  return out;
}

export const read: ShellBuiltin = async (sh, argv, fds) => {
  const f = builtinFlags(argv.slice(1), "ersE", "adinNptu");
  if (f.bad) return invalidOption(sh, fds, "read", f.bad, "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]");
  const raw = f.on.has("r");
  const bad = checkNumbers(sh, fds, "read", f.on, { n: "invalid number", N: "invalid number", u: "invalid file descriptor specification", t: "invalid timeout specification" });
  if (bad) return bad;
  const fd = f.on.has("u") ? Number(f.on.get("u")) : 0;
  const reader = fds[fd]?.reader;
  if (!reader) {
    // -u checks the fd first; a closed stdin fails at the read itself.
    builtinError(sh, fds, "read", f.on.has("u") ? `${fd}: invalid file descriptor: Bad file descriptor` : "read error: 0: Bad file descriptor");
    return 1;
  }
  const d = f.on.get("d");
  const delim = typeof d === "string" ? (d === "" ? 0 : d.charCodeAt(0)) : 10;
  const nArg = f.on.get("N") ?? f.on.get("n");
  const maxChars = typeof nArg === "string" ? Number(nArg) : -1;
  const exact = f.on.has("N");
  // -p shows its prompt only when input comes from a terminal, which it never does here.
  if (f.on.has("t") && Number(f.on.get("t")) === 0) return 0;
  const arrayTarget = f.on.get("a");
  if (typeof arrayTarget === "string" && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(arrayTarget)) {
    builtinError(sh, fds, "read", `\`${arrayTarget}': not a valid identifier`);
    return 1;
  }
  if (maxChars === 0) {
    // -n 0 reads nothing and succeeds.
    assignRead(sh, f, [], "");
    return 0;
  }
  let text = "";
  let hitDelim = false;
  let gotAny = false;
  for (;;) {
    const rec = await readRecord(reader, exact ? -1 : delim, maxChars >= 0 ? maxChars - text.length : -1, sh.services.budget);
    if (!rec) break;
    gotAny = true;
    // -n/-N count characters: finish a multibyte character the byte count cut.
    if (maxChars >= 0 && !rec.hitDelim) rec.bytes = await completeUtf8(reader, rec.bytes);
    const s = decodeUtf8(rec.bytes);
    hitDelim = rec.hitDelim;
    // Without -r, a backslash before the newline continues the line.
    if (!raw && rec.hitDelim && delim === 10 && trailingBackslashes(s) % 2 === 1) {
      text += s.slice(0, -1);
      continue;
    }
    text += s;
    // Characters still owed to -n/-N (a byte count stopped short of them): read on.
    if (maxChars >= 0 && !rec.hitDelim && text.length < maxChars && rec.bytes.length > 0) continue;
    break;
  }
  if (!gotAny) {
    assignRead(sh, f, [], "");
    return 1;
  }
  const names = f.rest.length ? f.rest : [];
  // bash checks the names as it assigns, after reading.
  const badName = names.find((n) => !/^[A-Za-z_][A-Za-z0-9_]*(\[.+\])?$/s.test(n));
  if (badName !== undefined) {
    builtinError(sh, fds, "read", `\`${badName}': not a valid identifier`);
    return 1;
  }
  const ifs = sh.get("IFS") ?? " \t\n";
  const arrayName = f.on.get("a");
  if (typeof arrayName === "string") {
    const fields = raw ? splitForRead(text, ifs, Infinity) : splitForRead(text, ifs, Infinity, true).map(unbackslash);
    const v = sh.declare(arrayName, Attr.Indexed);
    v.value = fields.filter((x) => x !== "" || true);
    return hitDelim || exact ? 0 : 1;
  }
  if (names.length === 0) {
    sh.set("REPLY", raw ? text : unbackslash(text));
  } else {
    const fields = splitForRead(text, ifs, names.length, !raw);
    names.forEach((n, i) => sh.set(n, raw ? fields[i] ?? "" : unbackslash(fields[i] ?? "")));
  }
  return hitDelim || (exact && text.length === maxChars) ? 0 : 1;
};

function assignRead(sh: Shell, f: ReturnType<typeof builtinFlags>, fields: string[], _t: string): void {
  const arrayName = f.on.get("a");
  if (typeof arrayName === "string") {
    sh.declare(arrayName, Attr.Indexed).value = [];
    return;
  }
  if (f.rest.length === 0) sh.set("REPLY", "");
  else f.rest.forEach((n, i) => sh.set(n, fields[i] ?? ""));
}

function trailingBackslashes(s: string): number {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === "\\"; i--) n++;
  return n;
}

/** Reads the continuation bytes a UTF-8 lead byte at the end of `bytes` still expects. */
async function completeUtf8(reader: ByteReader, bytes: Uint8Array): Promise<Uint8Array> {
  let i = bytes.length - 1;
  while (i >= 0 && i > bytes.length - 4 && (bytes[i] & 0xc0) === 0x80) i--;
  if (i < 0) return bytes;
  const b = bytes[i];
  const len = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  const missing = len - (bytes.length - i);
  if (b < 0xc0 || missing <= 0) return bytes;
  const more = await readRecord(reader, -1, missing);
  if (!more) return bytes;
  const out = new Uint8Array(bytes.length + more.bytes.length);
  out.set(bytes);
  out.set(more.bytes, bytes.length);
  return out;
}

/** Option values that must be non-negative numbers (-t: a decimal fraction too); bash's message, status 1. */
function checkNumbers(sh: Shell, fds: FdTable, name: string, on: Map<string, string | true>, messages: Record<string, string>): number {
  for (const [opt, message] of Object.entries(messages)) {
    const v = on.get(opt);
    if (typeof v !== "string") continue;
    const ok = opt === "t" ? /^\+?(\d+\.?\d*|\.\d+)$/.test(v) : /^\+?\d+$/.test(v);
    if (!ok) {
      builtinError(sh, fds, name, `${v}: ${message}`);
      return 1;
    }
  }
  return 0;
}

/** bash's sh_single_quote: 'it'\''s'. */

function unbackslash(s: string): string {
  return s.replace(/\\(.)/gs, "$1");
}

export const mapfile: ShellBuiltin = async (sh, argv, fds) => {
  const f = builtinFlags(argv.slice(1), "t", "dnOsuCc");
  if (f.bad) return invalidOption(sh, fds, argv[0], f.bad, `${argv[0]} [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]`);
  const name = f.rest[0] ?? "MAPFILE";
  const bad = checkNumbers(sh, fds, argv[0], f.on, { n: "invalid line count", s: "invalid line count", O: "invalid array origin", c: "invalid callback quantum", u: "invalid file descriptor specification" });
  if (bad) return bad;
  if (f.on.has("c") && Number(f.on.get("c")) === 0) {
    builtinError(sh, fds, argv[0], `0: invalid callback quantum`);
    return 1;
  }
  const fd = f.on.has("u") ? Number(f.on.get("u")) : 0;
  const reader = fds[fd]?.reader;
  if (!reader) {
    builtinError(sh, fds, argv[0], `${fd}: invalid file descriptor: Bad file descriptor`);
    return 1;
  }
  const d = f.on.get("d");
  const delim = typeof d === "string" ? (d === "" ? 0 : d.charCodeAt(0)) : 10;
  const count = f.on.has("n") ? Number(f.on.get("n")) : 0;
  let skip = f.on.has("s") ? Number(f.on.get("s")) : 0;
  const origin = f.on.has("O") ? Number(f.on.get("O")) : 0;
  const existing = sh.resolve(name);
  if (existing && existing.value instanceof Map) {
    builtinError(sh, fds, argv[0], `${name}: not an indexed array`);
    return 1;
  }
  const callback = f.on.get("C");
  const quantum = f.on.has("c") ? Number(f.on.get("c")) : 5000;
  const v = sh.declare(name, Attr.Indexed);
  const arr: string[] = f.on.has("O") && Array.isArray(v.value) ? v.value : [];
  v.value = arr;
  let idx = origin;
  let read = 0;
  for (;;) {
    if (count && read >= count) break;
    const rec = await readRecord(reader, delim, -1, sh.services.budget);
    if (!rec) break;
    if (skip > 0) {
      skip--;
      continue;
    }
    let s = decodeUtf8(rec.bytes);
    // The delimiter stays without -t (a NUL cannot: bash strings end there).
    if (!f.on.has("t") && rec.hitDelim && delim !== 0) s += String.fromCharCode(delim);
    // bash evaluates `CALLBACK INDEX 'LINE'` every quantum lines, before the element is set.
    if (typeof callback === "string" && (read + 1) % quantum === 0) {
      await runScriptText(sh, `${callback} ${idx} ${singleQuote(s)}`, fds, { kind: "eval" });
    }
    arr[idx++] = s;
    read++;
  }
  v.value = arr;
  return 0;
};

/** select NAME in WORDS: menu on stderr, a reply read from stdin per round. */
export async function selectLoop(
  sh: Shell,
  cmd: For,
  items: string[],
  fds: FdTable,
  body: (b: StatementList, f: FdTable) => Promise<{ status: number; flow: "" | "break" | "continue" }>,
): Promise<number> {
  const reader = fds[0]?.reader;
  let status = 0;
  if (items.length === 0) return 0;
  const columns = Number.parseInt(sh.get("COLUMNS") ?? "", 10);
  const menu = selectMenu(items, columns > 0 ? columns : 80);
  // bash shows the menu first and again only after an empty reply; at end of input it
  // prints a newline (to stdout) and the loop fails.
  let showMenu = true;
  for (;;) {
    if (showMenu) fds[2]?.writer?.write(menu);
    fds[2]?.writer?.write(sh.get("PS3") ?? "#? ");
    const rec = reader ? await readRecord(reader, 10) : null;
    if (!rec) {
      await fds[1]?.writer?.write("\n");
      return 1;
    }
    const reply = decodeUtf8(rec.bytes);
    sh.set("REPLY", reply);
    const n = Number(reply.trim());
    sh.set(cmd.name, Number.isInteger(n) && n >= 1 && n <= items.length ? items[n - 1] : "");
    showMenu = reply.trim() === "";
    if (showMenu) continue;
    const r = await body(cmd.body, fds);
    status = r.status;
    if (r.flow === "break") return status;
  }
}

/**
 * bash's select menu (print_select_list): items in as many columns as COLUMNS holds, filled
 * down first, numbers right-aligned, columns padded with tabs to a common width.
 */
function selectMenu(items: string[], columns: number): string {
  const digits = (n: number) => String(n).length;
  const widest = items.reduce((w, it) => Math.max(w, [...it].length), 0);
  const indexWidth = digits(items.length);
  const cellWidth = widest + indexWidth + 4; // ") " and two blanks
  let cols = Math.max(1, Math.floor(columns / cellWidth));
  let rows = Math.ceil(items.length / cols);
  cols = Math.ceil(items.length / rows);
  if (rows === 1) {
    rows = cols;
    cols = 1;
  }
  let out = "";
  for (let row = 0; row < rows; row++) {
    let pos = 0;
    for (let i = row; ; i += rows) {
      const width = pos === 0 ? digits(rows) : indexWidth;
      const cell = `${String(i + 1).padStart(width)}) ${items[i]}`;
      out += cell;
      if (i + rows >= items.length) break;
      out += padTo(pos + [...items[i]].length + width + 2, pos + cellWidth);
      pos += cellWidth;
    }
    out += "\n";
  }
  return out;
}

/** bash's indent(): tabs (every 8 columns) and then blanks from column `from` to `to`. */
function padTo(from: number, to: number): string {
  let out = "";
  while (from < to) {
    if (Math.floor(to / 8) > Math.floor(from / 8)) {
      out += "\t";
      from += 8 - (from % 8);
    } else {
      out += " ";
      from++;
    }
  }
  return out;
}
