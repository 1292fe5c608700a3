import type { FileStat, FileType } from "../../src/fs/types.js";

/**
 * File modes as the GNU tools show and change them: `-rw-r--r--` strings (ls -l,
 * stat %A, find -ls) and symbolic/octal mode changes (chmod, mkdir -m, install -m),
 * following gnulib's modechange.c.
 */

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;
const S_IRWXU = 0o700;
const S_IRWXG = 0o070;
const S_IRWXO = 0o007;
const ALL_BITS = 0o7777;

/** The type letter ls -l prints first. */
export function typeLetter(type: FileType): string {
  switch (type) {
    case "directory":
      return "d";
    case "symlink":
      return "l";
    case "char":
      return "c";
    case "block":
      return "b";
    case "fifo":
      return "p";
    case "socket":
      return "s";
    default:
      return "-";
  }
}

/** `rwxr-xr-x` for permission bits, with s/S and t/T for the set-id and sticky bits. */
export function permissionString(mode: number): string {
  const bit = (m: number, c: string) => (mode & m ? c : "-");
  const special = (x: boolean, set: boolean, on: string) => (set ? (x ? on : on.toUpperCase()) : x ? "x" : "-");
  return (
    bit(0o400, "r") +
    bit(0o200, "w") +
    special(!!(mode & 0o100), !!(mode & S_ISUID), "s") +
    bit(0o040, "r") +
    bit(0o020, "w") +
    special(!!(mode & 0o010), !!(mode & S_ISGID), "s") +
    bit(0o004, "r") +
    bit(0o002, "w") +
    special(!!(mode & 0o001), !!(mode & S_ISVTX), "t")
  );
}

/** `drwxr-xr-x` for a stat result. */
export function modeString(st: Pick<FileStat, "type" | "mode">): string {
  return typeLetter(st.type) + permissionString(st.mode);
}

/** The S_IFMT bits of a type, as stat %f and find -printf %M use them. */
export function typeBits(type: FileType): number {
  switch (type) {
    case "directory":
      return 0o040000;
    case "symlink":
      return 0o120000;
    case "char":
      return 0o020000;
    case "block":
      return 0o060000;
    case "fifo":
      return 0o010000;
    case "socket":
      return 0o140000;
    default:
      return 0o100000;
  }
}

interface ModeChange {
  op: "=" | "+" | "-";
  flag: "ordinary" | "copy" | "xIfAnyX";
  affected: number;
  value: number;
  mentioned: number;
}

/** A compiled mode argument (chmod MODE); apply it with applyMode. */
export type CompiledMode = readonly ModeChange[];

/** Compiles an octal or symbolic mode (`755`, `u+x,go-w`, `a=rX`); null when invalid. */
export function compileMode(text: string): CompiledMode | null {
  if (/^[0-7]+$/.test(text)) {
    const value = parseInt(text, 8);
    if (value > ALL_BITS) return null;
    const mentioned = text.length < 5 ? (value & (S_ISUID | S_ISGID)) | S_ISVTX | 0o777 : ALL_BITS;
    return [{ op: "=", flag: "ordinary", affected: ALL_BITS, value, mentioned }];
  }
  const changes: ModeChange[] = [];
  let p = 0;
  for (;;) {
    let affected = 0;
    for (; p < text.length && "ugoa".includes(text[p]); p++) {
      affected |= { u: S_ISUID | S_IRWXU, g: S_ISGID | S_IRWXG, o: S_ISVTX | S_IRWXO, a: ALL_BITS }[
        text[p] as "u"
      ];
    }
    if (!"=+-".includes(text[p] ?? "x")) return null;
    while ("=+-".includes(text[p] ?? "x")) {
      const op = text[p++] as ModeChange["op"];
      let value = 0;
      let mentioned = 0;
      let flag: ModeChange["flag"] = "copy";
      const c = text[p];
      if (c !== undefined && c >= "0" && c <= "7") {
        const m = /^[0-7]+/.exec(text.slice(p))!;
        p += m[0].length;
        value = parseInt(m[0], 8);
        if (value > ALL_BITS || affected || (p < text.length && text[p] !== ",")) return null;
        affected = mentioned = ALL_BITS;
        flag = "ordinary";
      } else if (c === "u" || c === "g" || c === "o") {
        value = { u: S_IRWXU, g: S_IRWXG, o: S_IRWXO }[c];
        p++;
      } else {
        flag = "ordinary";
        for (; p < text.length; p++) {
          const v = text[p];
          if (v === "r") value |= 0o444;
          else if (v === "w") value |= 0o222;
          else if (v === "x") value |= 0o111;
          else if (v === "X") flag = "xIfAnyX";
          else if (v === "s") value |= S_ISUID | S_ISGID;
          else if (v === "t") value |= S_ISVTX;
          else break;
        }
      }
      changes.push({
        op,
        flag,
        affected,
        value,
        mentioned: mentioned || (affected ? affected & value : value),
      });
    }
    if (p >= text.length) return changes;
    if (text[p] !== ",") return null;
    p++;
  }
}

/**
 * Applies a compiled mode to `oldMode` (gnulib mode_adjust). `umask` limits changes
 * without a who-list; directories keep their set-id bits unless the mode names them.
 */
export function applyMode(oldMode: number, isDir: boolean, umask: number, changes: CompiledMode): number {
  let mode = oldMode & ALL_BITS;
  for (const ch of changes) {
    const omit = (isDir ? S_ISUID | S_ISGID : 0) & ~ch.mentioned;
    let value = ch.value;
    if (ch.flag === "copy") {
      value &= mode;
      value |=
        (value & 0o444 ? 0o444 : 0) | (value & 0o222 ? 0o222 : 0) | (value & 0o111 ? 0o111 : 0);
    } else if (ch.flag === "xIfAnyX" && (mode & 0o111 || isDir)) {
      value |= 0o111;
    }
    value &= (ch.affected ? ch.affected : ~umask) & ~omit;
    if (ch.op === "=") {
      const preserved = (ch.affected ? ~ch.affected : umask) | omit;
      mode = (mode & preserved) | value;
    } else if (ch.op === "+") {
      mode |= value;
    } else {
      mode &= ~value;
    }
  }
  return mode & ALL_BITS;
}
