import type { FileStat, FileType } from "../../src/fs/types.js";
import { compileFnmatch, compileFindRegex, REGEX_TYPES, type FnMatcher } from "../_lib/file-patterns.js";
import { compileMode, applyMode } from "../_lib/mode.js";
import { lookupGroup, lookupUser, userName, groupName } from "../_lib/owner.js";
import { quoteValue } from "../_lib/quote.js";
import { localTime, fromLocal } from "../_lib/time.js";
import { isFsError } from "../../src/fs/types.js";
import type { FindParser } from "./parse.js";
import type { FindRun, Test, Visit } from "./types.js";
import { ACTIONS } from "./actions.js";
import { EXEC_PRIMARIES } from "./exec.js";

/**
 * find's tests and options (actions live in actions.ts and exec.ts). Each entry
 * parses its arguments when the command line is read and returns the test run
 * per file.
 */

export interface PrimaryDef {
  kind: "test" | "action" | "option";
  /** Options that are not positional draw a warning after a test (with -warn). */
  global?: boolean;
  parse(p: FindParser, name: string): Test;
}

const TRUE: Test = () => true;
const FALSE: Test = () => false;

/** GNU's base name: the last component, keeping trailing slashes ("d/" stays "d/"). */
export function baseName(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === "/") end--;
  const i = path.lastIndexOf("/", end - 1);
  return i < 0 || end === 1 ? path : path.slice(i + 1);
}

/** The name -name matches: the base name without trailing slashes. */
function nameOf(path: string): string {
  const b = baseName(path);
  return b.length > 1 ? b.replace(/\/+$/, "") : b;
}

type Cmp = "gt" | "lt" | "eq";

/** Splits a leading + or - off a numeric argument. */
function comparison(text: string): { cmp: Cmp; rest: string } {
  if (text.startsWith("+")) return { cmp: "gt", rest: text.slice(1) };
  if (text.startsWith("-")) return { cmp: "lt", rest: text.slice(1) };
  return { cmp: "eq", rest: text };
}

function compare(cmp: Cmp, value: number, n: number): boolean {
  return cmp === "gt" ? value > n : cmp === "lt" ? value < n : value === n;
}

/** A [+-]N argument of -links, -inum, -uid, -gid. */
function numericTest(name: string, get: (st: FileStat) => number): PrimaryDef {
  return {
    kind: "test",
    parse(p) {
      const text = p.arg(name);
      const { cmp, rest } = comparison(text);
      if (!/^\d+$/.test(rest)) p.fail(`invalid argument \`${text}' to \`${name}'`);
      const n = Number(rest);
      return (v) => compare(cmp, get(v.st), n);
    },
  };
}

function globTest(name: string, onPath: boolean, ignoreCase: boolean): PrimaryDef {
  return {
    kind: "test",
    parse(p) {
      const pattern = p.arg(name);
      if (!onPath && pattern.includes("/") && pattern !== "/") {
        p.warn(
          `${quoteValue(name)} matches against basenames only, but the given pattern contains a directory separator (${quoteValue("/")}), thus the expression will evaluate to false all the time.  Did you mean ${quoteValue("-wholename")}?`,
        );
      }
      const m = compileFnmatch(pattern, { ignoreCase, budget: p.ctx.budget });
      return onPath ? (v) => m.test(v.path) : (v) => m.test(nameOf(v.path));
    },
  };
}

/** -lname / -ilname: the target of a symbolic link matches (false for links -L follows). */
function linkNameTest(name: string, ignoreCase: boolean): PrimaryDef {
  return {
    kind: "test",
    parse(p) {
      const m = compileFnmatch(p.arg(name), { ignoreCase, budget: p.ctx.budget });
      return async (v, run) => {
        if (v.lst.type !== "symlink" || v.st !== v.lst) return false;
        return m.test(await run.ctx.fs.readlink(v.abs).catch(() => ""));
      };
    },
  };
}

function regexTest(name: string, ignoreCase: boolean): PrimaryDef {
  return {
    kind: "test",
    parse(p) {
      const pattern = p.arg(name);
      let m: FnMatcher;
      try {
        m = compileFindRegex(pattern, p.regexDialect, ignoreCase, p.ctx.budget);
      } catch (e) {
        return p.fail(`failed to compile regular expression '${pattern}': ${(e as Error).message}`);
      }
      return (v) => m.test(v.path);
    },
  };
}

const TYPE_LETTERS: Record<string, FileType> = {
  b: "block", c: "char", d: "directory", p: "fifo", f: "file", l: "symlink", s: "socket",
};

function typeTest(name: string, other: boolean): PrimaryDef {
  return {
    kind: "test",
    parse(p) {
      const text = p.arg(name);
      const types = new Set<FileType>();
      const parts = text.split(",");
      parts.forEach((part, i) => {
        if (part === "" && i === parts.length - 1 && i > 0) {
          p.fail(`Last file type in list argument to ${name} is missing, i.e., list is ending on: ','`);
        }
        if (part.length > 1) p.fail(`Must separate multiple arguments to ${name} using: ','`);
        const t = TYPE_LETTERS[part];
        if (part === "D") return; // Solaris doors never exist here
        if (!t) p.fail(`Unknown argument to ${name}: ${part}`);
        if (types.has(t)) p.fail(`Duplicate file type '${part}' in the argument list to ${name}.`);
        types.add(t);
      });
      if (!other) return (v) => types.has(v.st.type);
      // -xtype: the type on the other side of a symlink from the one -type sees.
      return async (v, run) => {
        const followed = run.follow === "L" || (run.follow === "H" && v.depth === 0);
        if (followed || v.lst.type !== "symlink") return types.has(v.lst.type);
        try {
          return types.has((await run.ctx.fs.stat(v.abs)).type);
        } catch {
          return types.has("symlink");
        }
      };
    },
  };
}

const SIZE_UNITS: Record<string, number> = { b: 512, c: 1, w: 2, k: 1024, M: 1048576, G: 1073741824 };

const sizeTest: PrimaryDef = {
  kind: "test",
  parse(p) {
    const text = p.arg("-size");
    const { cmp, rest } = comparison(text);
    let digits = rest;
    let unit = 512;
    const last = rest.slice(-1);
    if (last !== "" && !/[0-9]/.test(last)) {
      if (!(last in SIZE_UNITS)) p.fail(`invalid -size type \`${last}'`);
      unit = SIZE_UNITS[last];
      digits = rest.slice(0, -1);
    }
    if (!/^\d+$/.test(digits)) p.fail(`invalid argument \`${text}' to \`-size'`);
    const n = Number(digits);
    return (v) => compare(cmp, Math.ceil(v.st.size / unit), n);
  },
};

/** -mtime/-mmin and kin: GNU's reference-time window arithmetic (see parse_time). */
function timeTest(name: string, field: "atimeMs" | "ctimeMs" | "mtimeMs", minutes: boolean): PrimaryDef {
  return {
    kind: "test",
    parse(p) {
      const text = p.arg(name);
      const { cmp, rest } = comparison(text);
      if (!/^(\d+\.?\d*|\.\d+)$/.test(rest)) p.fail(`invalid argument \`${text}' to \`${name}'`);
      const n = Number(rest);
      const unit = minutes ? 60 : 86400;
      return (v, run) => {
        let origin = run.dayOrigin / 1000 + (minutes ? 86400 : 0);
        if (!minutes && cmp === "lt") origin += 86400 - 1;
        const delta = v.st[field] / 1000 - (origin - n * unit);
        if (cmp === "gt") return delta < 0;
        if (cmp === "lt") return delta > 0;
        return delta >= 0 && delta < unit;
      };
    },
  };
}

/**
 * The status of a reference file (-newer, -samefile). It is read while the
 * command line is parsed; a missing file is reported before find starts.
 */
function referenceStat(p: FindParser, name: string): Promise<FileStat | null> {
  const ref = p.arg(name);
  const path = p.ctx.resolve(ref);
  const follow = p.follow !== "P";
  let failure: string | undefined;
  const pending = Promise.resolve()
    .then(() => (follow ? p.ctx.fs.stat(path) : p.ctx.fs.lstat(path)))
    .catch((e: unknown) => {
      if (!isFsError(e)) throw e;
      failure = `${quoteValue(ref)}: ${e.message}`;
      return null;
    });
  p.checks.push(pending.then(() => failure));
  return pending;
}

const TIME_FIELDS: Record<string, "atimeMs" | "birthtimeMs" | "ctimeMs" | "mtimeMs"> = {
  a: "atimeMs", B: "birthtimeMs", c: "ctimeMs", m: "mtimeMs",
};

/** -newer, -anewer, -cnewer and -newerXY: the file's X time is later than the reference's Y time. */
function newerTest(x: string, y: string): PrimaryDef {
  return {
    kind: "test",
    parse(p, name) {
      const field = TIME_FIELDS[x];
      let refTime: number | Promise<number>;
      if (y === "t") {
        const text = p.arg(name);
        const t = parseTimestamp(text, p.ctx.sandbox.timeZone);
        refTime = t ?? p.fail(`I cannot figure out how to interpret ${quoteValue(text)} as a date or time`);
      } else {
        refTime = referenceStat(p, name).then((st) => (st ? st[TIME_FIELDS[y]] : 0));
      }
      let ref: number | undefined;
      return async (v) => {
        ref ??= await refTime;
        return v.st[field] > ref;
      };
    },
  };
}

/** A few unambiguous date forms for -newermt: YYYY-MM-DD[ HH:MM[:SS]] or @epoch. */
function parseTimestamp(text: string, zone: string): number | null {
  if (/^@\d+(\.\d+)?$/.test(text)) return Number(text.slice(1)) * 1000;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  return fromLocal(zone, +m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

const permTest: PrimaryDef = {
  kind: "test",
  parse(p) {
    const text = p.arg("-perm");
    let kind: "exact" | "all" | "any" = "exact";
    let modeText = text;
    if (text.startsWith("-")) {
      kind = "all";
      modeText = text.slice(1);
    } else if (text.startsWith("/")) {
      kind = "any";
      modeText = text.slice(1);
    }
    const changes = compileMode(modeText) ?? p.fail(`invalid mode ${quoteValue(modeText)}`);
    const perm = applyMode(0, false, 0, changes);
    if (kind === "any" && perm === 0) {
      p.ctx.stderr.write(
        `find: warning: you have specified a mode pattern ${text} (which is equivalent to /000). The meaning of -perm /000 has now been changed to be consistent with -perm -000; that is, while it used to match no files, it now matches all files.\n`,
      );
    }
    return (v) => {
      const mode = v.st.mode & 0o7777;
      if (kind === "exact") return mode === perm;
      if (kind === "all") return (mode & perm) === perm;
      return perm === 0 || (mode & perm) !== 0;
    };
  },
};

function ownerTest(name: string, group: boolean): PrimaryDef {
  return {
    kind: "test",
    parse(p) {
      const text = p.arg(name);
      const id = group ? lookupGroup(p.ctx, text) : lookupUser(p.ctx, text);
      if (id === undefined) {
        p.fail(`${quoteValue(text)} is not the name of ${group ? "an existing group" : "a known user"}`);
      }
      return (v) => (group ? v.st.gid : v.st.uid) === id;
    },
  };
}

/** Whether the sandbox user may read (4), write (2) or execute (1) the file. */
function access(run: FindRun, st: FileStat, bit: number): boolean {
  const { uid, gid } = run.ctx.sandbox;
  if (uid === 0) return bit !== 1 || st.type === "directory" || (st.mode & 0o111) !== 0;
  const shift = st.uid === uid ? 6 : st.gid === gid ? 3 : 0;
  return ((st.mode >> shift) & bit) !== 0;
}

function option(apply: (p: FindParser, name: string) => void, global = true): PrimaryDef {
  return {
    kind: "option",
    global,
    parse(p, name) {
      apply(p, name);
      return TRUE;
    },
  };
}

function depthOption(which: "maxDepth" | "minDepth"): PrimaryDef {
  return option((p, name) => {
    const text = p.arg(name);
    if (!/^\d+$/.test(text)) {
      p.fail(`Expected a positive decimal integer argument to ${name}, but got ${quoteValue(text)}`);
    }
    p[which] = Number(text);
  });
}

const emptyTest: PrimaryDef = {
  kind: "test",
  parse() {
    return async (v, run) => {
      if (v.st.type === "file") return v.st.size === 0;
      if (v.st.type !== "directory") return false;
      try {
        return (await run.ctx.fs.readdir(v.abs)).length === 0;
      } catch {
        return false;
      }
    };
  },
};

function knownUid(run: FindRun, uid: number): boolean {
  return userName(run.ctx, uid) !== String(uid);
}

function knownGid(run: FindRun, gid: number): boolean {
  return groupName(run.ctx, gid) !== String(gid);
}

export const PRIMARIES: Record<string, PrimaryDef> = {
  ...ACTIONS,
  ...EXEC_PRIMARIES,
  name: globTest("-name", false, false),
  iname: globTest("-iname", false, true),
  path: globTest("-path", true, false),
  ipath: globTest("-ipath", true, true),
  wholename: globTest("-wholename", true, false),
  iwholename: globTest("-iwholename", true, true),
  lname: linkNameTest("-lname", false),
  ilname: linkNameTest("-ilname", true),
  used: {
    kind: "test",
    parse(p, name) {
      const text = p.arg(name);
      const { cmp, rest } = comparison(text);
      if (!/^(\d+\.?\d*|\.\d+)$/.test(rest)) p.fail(`invalid argument \`${text}' to \`${name}'`);
      const n = Number(rest);
      // Days from the last status change to the last access, as GNU's pred_used.
      return (v) => {
        const days = (v.st.atimeMs - v.st.ctimeMs) / 86400000;
        return cmp === "gt" ? days > n + 1 : cmp === "lt" ? days < n : days >= n && days < n + 1;
      };
    },
  },
  regex: regexTest("-regex", false),
  iregex: regexTest("-iregex", true),
  type: typeTest("-type", false),
  xtype: typeTest("-xtype", true),
  size: sizeTest,
  empty: emptyTest,
  links: numericTest("-links", (st) => st.nlink),
  inum: numericTest("-inum", (st) => st.ino),
  uid: numericTest("-uid", (st) => st.uid),
  gid: numericTest("-gid", (st) => st.gid),
  user: ownerTest("-user", false),
  group: ownerTest("-group", true),
  nouser: { kind: "test", parse: () => (v, run) => !knownUid(run, v.st.uid) },
  nogroup: { kind: "test", parse: () => (v, run) => !knownGid(run, v.st.gid) },
  perm: permTest,
  mtime: timeTest("-mtime", "mtimeMs", false),
  atime: timeTest("-atime", "atimeMs", false),
  ctime: timeTest("-ctime", "ctimeMs", false),
  mmin: timeTest("-mmin", "mtimeMs", true),
  amin: timeTest("-amin", "atimeMs", true),
  cmin: timeTest("-cmin", "ctimeMs", true),
  newer: newerTest("m", "m"),
  anewer: newerTest("a", "m"),
  cnewer: newerTest("c", "m"),
  samefile: {
    kind: "test",
    parse(p, name) {
      const ref = referenceStat(p, name);
      let ino: number | undefined;
      return async (v: Visit) => {
        ino ??= (await ref)?.ino ?? -1;
        return v.st.ino === ino || v.lst.ino === ino;
      };
    },
  },
  readable: { kind: "test", parse: () => (v, run) => access(run, v.st, 4) },
  writable: { kind: "test", parse: () => (v, run) => access(run, v.st, 2) },
  executable: { kind: "test", parse: () => (v, run) => access(run, v.st, 1) },
  true: { kind: "test", parse: () => TRUE },
  false: { kind: "test", parse: () => FALSE },
  fstype: {
    kind: "test",
    parse(p, name) {
      const t = p.arg(name);
      return () => t === "tmpfs";
    },
  },
  maxdepth: depthOption("maxDepth"),
  mindepth: depthOption("minDepth"),
  depth: option((p) => {
    p.depthFirst = p.explicitDepth = true;
  }),
  d: option((p) => {
    p.depthFirst = p.explicitDepth = true;
  }),
  xdev: option(() => {}),
  mount: option(() => {}),
  noleaf: option(() => {}),
  ignore_readdir_race: option(() => {}),
  noignore_readdir_race: option(() => {}),
  warn: option((p) => {
    p.warnings = true;
  }, false),
  nowarn: option((p) => {
    p.warnings = false;
  }, false),
  daystart: option((p) => {
    p.daystart = true;
  }, false),
  follow: option((p) => {
    p.follow = "L";
  }, false),
  regextype: option((p, name) => {
    const t = p.arg(name);
    const d = REGEX_TYPES[t];
    if (!d) {
      const valid = Object.keys(REGEX_TYPES).map(quoteValue).join(", ");
      p.fail(`Unknown regular expression type ${quoteValue(t)}; valid types are ${valid}.`);
    }
    p.regexDialect = d;
  }, false),
};

for (const x of "aBcm") {
  for (const y of "aBcmt") PRIMARIES[`newer${x}${y}`] = newerTest(x, y);
}

/** Midnight of the day `now` falls in, in the sandbox zone (for -daystart). */
export function startOfDay(now: number, zone: string): number {
  const t = localTime(now, zone);
  return now - ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 - t.nanos / 1e6;
}
