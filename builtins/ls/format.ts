import type { CommandContext } from "../types.js";
import type { FileStat, FileType } from "../../src/fs/types.js";
import { modeString, typeLetter } from "../_lib/mode.js";
import { humanSize, ceilUnits } from "../_lib/human.js";
import { userName, groupName } from "../_lib/owner.js";
import { localTime, strftime, zoneOf } from "../_lib/time.js";
import { blocksOf, deviceNumbers } from "../_lib/fileinfo.js";
import { displayWidth } from "../_lib/width.js";
import { quoteAlways, quoteFile } from "../_lib/quote.js";
import type { LsConfig } from "./config.js";
import type { FileInfo } from "./entries.js";

/** Half a Gregorian year in seconds: older files show the year instead of the time. */
const SIX_MONTHS_MS = (31556952 / 2) * 1000;

const C_ESCAPES: Record<string, string> = {
  "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
};

function isControl(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xdc80 && cp <= 0xdcff);
}

function octal(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const bytes = cp >= 0xdc80 && cp <= 0xdcff ? [cp - 0xdc00] : Array.from(new TextEncoder().encode(ch));
  return bytes.map((b) => "\\" + b.toString(8).padStart(3, "0")).join("");
}

/** A name as ls prints it under the configured quoting style. */
export function quoteName(cfg: LsConfig, name: string): string {
  switch (cfg.quoting) {
    case "literal":
      return name;
    case "hideControl":
      return Array.from(name, (ch) => (isControl(ch) ? "?" : ch)).join("");
    case "escape":
    case "c": {
      let out = "";
      for (const ch of name) {
        if (C_ESCAPES[ch]) out += C_ESCAPES[ch];
        else if (isControl(ch)) out += octal(ch);
        else if (ch === "\\") out += "\\\\";
        else if (ch === " " && cfg.quoting === "escape") out += "\\ ";
        else if (ch === '"' && cfg.quoting === "c") out += '\\"';
        else out += ch;
      }
      return cfg.quoting === "c" ? `"${out}"` : out;
    }
    case "shell-always":
    case "shell-escape-always":
      return quoteAlways(name);
    default:
      return quoteFile(name);
  }
}

/** The indicator character of -F / -p / --file-type (gnulib get_type_indicator). */
export function indicatorOf(cfg: LsConfig, st: FileStat | null | undefined, type: FileType): string {
  if (cfg.indicator === "none") return "";
  const t = st ? st.type : type;
  if (t === "file") return st && cfg.indicator === "classify" && st.mode & 0o111 ? "*" : "";
  if (t === "directory") return "/";
  if (cfg.indicator === "slash") return "";
  if (t === "symlink") return "@";
  if (t === "fifo") return "|";
  if (t === "socket") return "=";
  return "";
}

/** Per-listing context: column widths and the clock. */
export class Formatter {
  private readonly zone: string;
  private readonly now: number;
  inodeWidth = 0;
  blockWidth = 0;
  private nlinkWidth = 0;
  private ownerWidth = 0;
  private groupWidth = 0;
  private sizeWidth = 0;
  private majorWidth = 0;
  private minorWidth = 0;

  constructor(
    private readonly ctx: CommandContext,
    private readonly cfg: LsConfig,
  ) {
    this.zone = zoneOf(ctx);
    this.now = ctx.sandbox.now();
  }

  /** Block count of one file as -s shows it. */
  blocks(st: FileStat | null): string {
    if (!st) return "?";
    const b = blocksOf(st);
    if (this.cfg.human) return humanSize(b, this.cfg.human === "si", 512);
    return String(ceilUnits(b, 512, this.cfg.blockUnit)) + this.cfg.unitSuffix;
  }

  /** The "total N" line for a directory listing. */
  total(files: FileInfo[]): string {
    let sum = 0;
    for (const f of files) if (f.st) sum += blocksOf(f.st);
    const n = this.cfg.human
      ? humanSize(sum, this.cfg.human === "si", 512)
      : String(ceilUnits(sum, 512, this.cfg.blockUnit)) + this.cfg.unitSuffix;
    return `total ${n}`;
  }

  private owner(st: FileStat): string {
    return this.cfg.numericIds ? String(st.uid) : userName(this.ctx, st.uid);
  }

  private group(st: FileStat): string {
    return this.cfg.numericIds ? String(st.gid) : groupName(this.ctx, st.gid);
  }

  private size(st: FileStat): string {
    if (this.cfg.human) return humanSize(st.size, this.cfg.human === "si");
    return String(ceilUnits(st.size, 1, this.cfg.sizeUnit)) + this.cfg.unitSuffix;
  }

  private isDevice(st: FileStat): boolean {
    return st.type === "char" || st.type === "block";
  }

  /** Computes the column widths over the files of one listing. */
  measure(files: FileInfo[]): void {
    for (const f of files) {
      const st = f.st;
      if (this.cfg.printInode) this.inodeWidth = Math.max(this.inodeWidth, st ? String(st.ino).length : 1);
      if (this.cfg.printBlocks) this.blockWidth = Math.max(this.blockWidth, this.blocks(st).length);
      if (this.cfg.format !== "long" || !st) continue;
      this.nlinkWidth = Math.max(this.nlinkWidth, String(st.nlink).length);
      if (this.cfg.printOwner) this.ownerWidth = Math.max(this.ownerWidth, displayWidth(this.owner(st)));
      if (this.cfg.printGroup) this.groupWidth = Math.max(this.groupWidth, displayWidth(this.group(st)));
      if (this.isDevice(st)) {
        const [ma, mi] = deviceNumbers(st.rdev ?? 0);
        this.majorWidth = Math.max(this.majorWidth, String(ma).length);
        this.minorWidth = Math.max(this.minorWidth, String(mi).length);
        this.sizeWidth = Math.max(this.sizeWidth, this.majorWidth + 2 + this.minorWidth);
      } else {
        this.sizeWidth = Math.max(this.sizeWidth, this.size(st).length);
      }
    }
  }

  private timeText(st: FileStat): string {
    const t =
      this.cfg.timeType === "atime"
        ? st.atimeMs
        : this.cfg.timeType === "ctime"
          ? st.ctimeMs
          : this.cfg.timeType === "birth"
            ? st.birthtimeMs
            : st.mtimeMs;
    // DIVERGE: a file stamped exactly "now" counts as recent; on a real machine the
    // clock has always moved on by the time ls runs.
    const recent = t > this.now - SIX_MONTHS_MS && t <= this.now;
    return strftime(this.cfg.timeFormats[recent ? 1 : 0], localTime(t, this.zone));
  }

  /** A name with its -i/-s prefix and indicator, as the short formats print it. */
  shortEntry(f: FileInfo, padded: boolean): { text: string; width: number } {
    let text = "";
    if (this.cfg.printInode) {
      const ino = f.st ? String(f.st.ino) : "?";
      text += (padded ? ino.padStart(this.inodeWidth) : ino) + " ";
    }
    if (this.cfg.printBlocks) {
      const b = this.blocks(f.st);
      text += (padded ? b.padStart(this.blockWidth) : b) + " ";
    }
    const name = quoteName(this.cfg, f.name) + indicatorOf(this.cfg, f.st, f.type);
    return { text: text + name, width: text.length + displayWidth(name) };
  }

  /** One line of the long format (GNU print_long_format), without the end of line. */
  longLine(f: FileInfo): string {
    const cfg = this.cfg;
    const st = f.st;
    let line = "";
    if (cfg.printInode) line += (st ? String(st.ino) : "?").padStart(this.inodeWidth) + " ";
    if (cfg.printBlocks) line += this.blocks(st).padStart(this.blockWidth) + " ";
    if (!st) {
      line += typeLetter(f.type) + "?????????" + " " + "?".padStart(this.nlinkWidth) + " ";
      if (cfg.printOwner) line += "?".padEnd(this.ownerWidth) + " ";
      if (cfg.printGroup) line += "?".padEnd(this.groupWidth) + " ";
      if (cfg.context) line += "? ";
      line += "?".padStart(this.sizeWidth) + " ";
      const width = displayWidth(strftime(cfg.timeFormats[1], localTime(this.now, this.zone)));
      line += "?".padStart(width) + " ";
      return line + quoteName(cfg, f.name);
    }
    line += modeString(st) + " " + String(st.nlink).padStart(this.nlinkWidth) + " ";
    if (cfg.printOwner) line += this.idField(this.owner(st), this.ownerWidth);
    if (cfg.printGroup) line += this.idField(this.group(st), this.groupWidth);
    if (cfg.context) line += "? ";
    if (this.isDevice(st)) {
      const [ma, mi] = deviceNumbers(st.rdev ?? 0);
      const dev = String(ma).padStart(this.majorWidth) + ", " + String(mi).padStart(this.minorWidth);
      line += dev.padStart(this.sizeWidth) + " ";
    } else {
      line += this.size(st).padStart(this.sizeWidth) + " ";
    }
    line += this.timeText(st) + " ";
    line += quoteName(cfg, f.name);
    if (st.type === "symlink") {
      if (f.linkTarget !== undefined) {
        line += " -> " + quoteName(cfg, f.linkTarget);
        if (cfg.indicator !== "none" && f.linkStat) line += indicatorOf(cfg, f.linkStat, f.linkStat.type);
      }
    } else {
      line += indicatorOf(cfg, st, f.type);
    }
    return line;
  }

  /** Names left-aligned and padded; numeric ids (no name) right-aligned, as GNU does. */
  private idField(text: string, width: number): string {
    if (/^\d+$/.test(text)) return text.padStart(width) + " ";
    return text + " ".repeat(Math.max(0, width - displayWidth(text)) + 1);
  }
}
