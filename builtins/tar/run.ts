/** State shared by tar's modes: settings, messages, the exit status, verbose listing. */
import type { CommandContext } from "../types.js";
import type { ByteWriter } from "../../src/io/streams.js";
import { compileFnmatch, type FnMatcher } from "../_lib/file-patterns.js";
import { localTime, zoneOf } from "../_lib/time.js";
import { permissionString } from "../_lib/mode.js";
import type { Entry } from "./format.js";

const TYPE_LETTER: Record<string, string> = { "0": "-", "1": "h", "2": "l", "3": "c", "4": "b", "5": "d", "6": "p" };

/** GNU tar's name quoting (escape style): C escapes for control characters and backslash. */
export function quoteName(name: string): string {
  return name.replace(/[\\\x00-\x1f\x7f]/g, (c) => {
    const map: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v", "\b": "\\b", "\x07": "\\a" };
    return map[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`;
  });
}

export class TarRun {
  failed = false;
  verbosity = 0;
  directory: string | undefined;
  dereference = false;
  absoluteNames = false;
  /** --owner / --group / --mtime / --numeric-owner for the entries written. */
  owner: { id?: number; name: string } | undefined;
  group: { id?: number; name: string } | undefined;
  mtime: number | undefined;
  numericOwner = false;
  /** Where -v output goes: stderr when the archive itself is written to stdout. */
  listing: ByteWriter;
  private excludes: FnMatcher[] = [];
  /** GNU's ugswidth: the owner/size column widens as longer ones appear. */
  private ugsWidth = 19;

  constructor(readonly ctx: CommandContext) {
    this.listing = ctx.stdout;
  }

  setExcludes(patterns: string[]): void {
    this.excludes = patterns.map((p) => compileFnmatch(p.replace(/\/+$/, "")));
  }

  /** --exclude matches the whole name or any run of its trailing components. */
  excluded(name: string): boolean {
    if (this.excludes.length === 0) return false;
    const parts = name.replace(/\/+$/, "").split("/");
    for (let i = 0; i < parts.length; i++) {
      const tail = parts.slice(i).join("/");
      if (this.excludes.some((m) => m.test(tail))) return true;
      // A pattern also matches a leading part (a directory excludes what is under it).
      const head = parts.slice(0, i + 1).join("/");
      if (this.excludes.some((m) => m.test(head))) return true;
    }
    return false;
  }

  error(message: string): void {
    this.ctx.stderr.write(`tar: ${message}\n`);
    this.failed = true;
  }

  /** -v prints names, -vv the long listing. */
  verbose(e: Entry): void {
    if (this.verbosity === 0) return;
    this.listing.write(this.verbosity > 1 ? this.longLine(e) : `${quoteName(e.name)}\n`);
  }

  longLine(e: Entry): string {
    const mode = (TYPE_LETTER[e.type] ?? "-") + permissionString(e.mode & 0o7777);
    const user = (!this.numericOwner && e.uname) || String(e.uid);
    const group = (!this.numericOwner && e.gname) || String(e.gid);
    const size = String(e.type === "2" || e.type === "1" || e.type === "5" ? 0 : e.size);
    const pad = user.length + 1 + group.length + 1 + size.length;
    if (pad > this.ugsWidth) this.ugsWidth = pad;
    const t = localTime(e.mtime * 1000, zoneOf(this.ctx));
    const two = (n: number) => String(n).padStart(2, "0");
    const date = `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}`;
    let line = `${mode} ${user}/${group} ${size.padStart(this.ugsWidth - pad + size.length)} ${date} ${quoteName(e.name)}`;
    if (e.type === "2") line += ` -> ${quoteName(e.linkname)}`;
    else if (e.type === "1") line += ` link to ${quoteName(e.linkname)}`;
    return line + "\n";
  }
}
