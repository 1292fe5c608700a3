import type { CommandContext } from "../types.js";
import type { FileStat } from "../../src/fs/types.js";
import { modeString, typeLetter } from "../_lib/mode.js";
import { userName, groupName } from "../_lib/owner.js";
import { localTime, strftime, zoneOf, type LocalTime } from "../_lib/time.js";
import { blocksOf, deviceNumbers } from "../_lib/fileinfo.js";
import { baseName } from "./primaries.js";
import type { FindRun, Visit } from "./types.js";

/** find -printf formats (findutils 4.9 print.c) and the -ls line (listfile.c). */

type Segment =
  | { t: "text"; s: string }
  | { t: "stop" }
  | { t: "dir"; conv: string; sub: string; flags: string; width: number | undefined; precision: number | undefined };

/** A compiled -printf format. */
export type Format = Segment[];

const ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
const DIRECTIVES = "%abcdDfFgGhHiklmMnpPsStuUyYZ";
const TIME_DIRECTIVES = "ACT";

/** Compiles a format; unknown escapes and directives are kept literally with a warning, as GNU does. */
export function compileFormat(format: string, warn: (msg: string) => void): Format {
  const segs: Segment[] = [];
  let text = "";
  const flush = () => {
    if (text) segs.push({ t: "text", s: text });
    text = "";
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === "\\") {
      const n = format[i + 1];
      if (n === undefined) {
        text += "\\";
        continue;
      }
      if (n === "c") {
        flush();
        segs.push({ t: "stop" });
        i++;
        continue;
      }
      if (ESCAPES[n] !== undefined) {
        text += ESCAPES[n];
        i++;
        continue;
      }
      const oct = /^[0-7]{1,3}/.exec(format.slice(i + 1));
      if (oct) {
        text += String.fromCharCode(parseInt(oct[0], 8) & 0xff);
        i += oct[0].length;
        continue;
      }
      warn(`unrecognized escape \`\\${n}'`);
      text += "\\" + n;
      i++;
      continue;
    }
    if (c !== "%") {
      text += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\d*)(?:\.(\d*))?(.?)/.exec(format.slice(i))!;
    const conv = m[4];
    if (conv === "") {
      text += "%";
      break;
    }
    let len = m[0].length;
    let sub = "";
    if (TIME_DIRECTIVES.includes(conv)) {
      sub = format[i + len] ?? "";
      len++;
    } else if (!DIRECTIVES.includes(conv)) {
      warn(`unrecognized format directive \`%${conv}'`);
      text += m[0];
      i += len - 1;
      continue;
    }
    if (conv === "%") {
      text += "%";
      i += len - 1;
      continue;
    }
    flush();
    segs.push({
      t: "dir",
      conv,
      sub,
      flags: m[1],
      width: m[2] ? Number(m[2]) : undefined,
      precision: m[3] !== undefined ? Number(m[3] || "0") : undefined,
    });
    i += len - 1;
  }
  flush();
  return segs;
}

/** "%a %b %e %H:%M:%S.NNNNNNNNN0 %Y": GNU find's ctime()-like format with nanoseconds. */
function ctimeText(t: LocalTime): string {
  return strftime("%a %b %e %H:%M:%S", t) + fraction(t) + strftime(" %Y", t);
}

function fraction(t: LocalTime): string {
  return "." + String(t.nanos).padStart(9, "0") + "0";
}

function timeDirective(sub: string, ms: number, zone: string): string {
  const t = localTime(ms, zone);
  switch (sub) {
    case "@":
      return String(t.epoch) + fraction(t);
    case "+":
      return strftime("%Y-%m-%d+%H:%M:%S", t) + fraction(t);
    case "S":
      return strftime("%S", t) + fraction(t);
    case "T":
    case "X":
      return strftime("%H:%M:%S", t) + fraction(t);
    default:
      return strftime("%" + sub, t);
  }
}

/** %S: allocated / apparent size, as C's %g prints it. */
function sparseness(st: FileStat): string {
  if (st.size === 0) return "1";
  const v = (blocksOf(st) * 512) / st.size;
  return String(Number(v.toPrecision(6)));
}

/** The text of one directive for a file (before width and precision). */
async function directive(seg: Extract<Segment, { t: "dir" }>, v: Visit, run: FindRun, zone: string): Promise<string> {
  const st = v.st;
  const ctx = run.ctx;
  switch (seg.conv) {
    case "a":
      return ctimeText(localTime(st.atimeMs, zone));
    case "c":
      return ctimeText(localTime(st.ctimeMs, zone));
    case "t":
      return ctimeText(localTime(st.mtimeMs, zone));
    case "A":
      return timeDirective(seg.sub, st.atimeMs, zone);
    case "C":
      return timeDirective(seg.sub, st.ctimeMs, zone);
    case "T":
      return timeDirective(seg.sub, st.mtimeMs, zone);
    case "b":
      return String(blocksOf(st));
    case "k":
      return String(Math.ceil(blocksOf(st) / 2));
    case "s":
      return String(st.size);
    case "d":
      return String(v.depth);
    case "D":
      return "0";
    case "f":
      return baseName(v.path);
    case "h": {
      const i = v.path.lastIndexOf("/");
      return i < 0 ? "." : v.path.slice(0, i);
    }
    case "H":
      return v.start;
    case "p":
      return v.path;
    case "P": {
      const rest = v.path.slice(v.start.length);
      return rest.startsWith("/") ? rest.slice(1) : rest;
    }
    case "F":
      return "tmpfs";
    case "g":
      return groupName(ctx, st.gid);
    case "G":
      return String(st.gid);
    case "u":
      return userName(ctx, st.uid);
    case "U":
      return String(st.uid);
    case "i":
      return String(st.ino);
    case "l":
      return v.lst.type === "symlink" ? await ctx.fs.readlink(v.abs).catch(() => "") : "";
    case "m":
      return (seg.flags.includes("#") ? "0" : "") + (st.mode & 0o7777).toString(8);
    case "M":
      return modeString(st);
    case "n":
      return String(st.nlink);
    case "S":
      return sparseness(st);
    case "y":
      return typeLetter(v.lst.type === "symlink" && v.st === v.lst ? "symlink" : st.type).replace("-", "f");
    case "Y": {
      if (v.lst.type !== "symlink") return typeLetter(v.lst.type).replace("-", "f");
      try {
        return typeLetter((await ctx.fs.stat(v.abs)).type).replace("-", "f");
      } catch (e) {
        const code = (e as { code?: string }).code;
        return code === "ELOOP" ? "L" : code === "ENOENT" ? "N" : "?";
      }
    }
    case "Z":
      return "?";
    default:
      return "";
  }
}

/** Formats one file; `stop` is true when \c ended the output. */
export async function formatFile(format: Format, v: Visit, run: FindRun): Promise<{ text: string; stop: boolean }> {
  const zone = zoneOf(run.ctx);
  let out = "";
  for (const seg of format) {
    if (seg.t === "text") out += seg.s;
    else if (seg.t === "stop") return { text: out, stop: true };
    else {
      let s = await directive(seg, v, run, zone);
      if (seg.precision !== undefined) s = s.slice(0, seg.precision);
      if (seg.width !== undefined && s.length < seg.width) {
        s = seg.flags.includes("-") ? s.padEnd(seg.width) : s.padStart(seg.width);
      }
      out += s;
    }
  }
  return { text: out, stop: false };
}

const SIX_MONTHS_MS = (31556952 / 2) * 1000;

/** The -ls / -fls line (findutils list_file), with its newline. */
export async function lsLine(v: Visit, run: FindRun): Promise<string> {
  const ctx: CommandContext = run.ctx;
  const st = v.st;
  let line = String(st.ino).padStart(9) + " " + String(Math.ceil(blocksOf(st) / 2)).padStart(6) + " ";
  line += modeString(st) + " " + String(st.nlink).padStart(3) + " ";
  line += userName(ctx, st.uid).padEnd(8) + " " + groupName(ctx, st.gid).padEnd(8) + " ";
  if (st.type === "char" || st.type === "block") {
    const [ma, mi] = deviceNumbers(st.rdev ?? 0);
    line += String(ma).padStart(3) + ", " + String(mi).padStart(3) + " ";
  } else {
    line += String(st.size).padStart(8) + " ";
  }
  // DIVERGE (as ls): a time equal to "now" is recent.
  const recent = st.mtimeMs > run.now - SIX_MONTHS_MS && st.mtimeMs <= run.now;
  line += strftime(recent ? "%b %e %H:%M" : "%b %e  %Y", localTime(st.mtimeMs, zoneOf(ctx))) + " ";
  line += v.path;
  if (v.lst.type === "symlink" && v.st === v.lst) {
    line += " -> " + (await ctx.fs.readlink(v.abs).catch(() => ""));
  }
  return line + "\n";
}
