/** tar -t and -x: reading members, selecting them by operand, writing them safely. */
import { isFsError } from "../../src/fs/types.js";
import type { Member } from "./format.js";
import { quoteName, type TarRun } from "./run.js";
import { compileFnmatch } from "../_lib/file-patterns.js";

export interface ReadSettings {
  operands: string[];
  toStdout: boolean;
  keepOld: boolean;
  preservePermissions: boolean;
  touch: boolean;
  stripComponents: number;
  wildcards: boolean;
}

/** Which operand (if any) selects a member: the same name, or a directory above it. */
function selector(operands: string[], wildcards: boolean): { matches(name: string): boolean; unmatched(): string[] } {
  const wanted = operands.map((o) => {
    const norm = o.replace(/\/+$/, "");
    // --wildcards: the operand is a pattern for the whole name (or a directory above it).
    const glob = wildcards && /[*?[]/.test(norm) ? compileFnmatch(norm) : undefined;
    return { op: o, norm, glob, hit: false };
  });
  return {
    matches(name: string): boolean {
      if (wanted.length === 0) return true;
      const n = name.replace(/\/+$/, "");
      let any = false;
      for (const w of wanted) {
        const parts = n.split("/");
        const byGlob = w.glob !== undefined && parts.some((_, i) => w.glob!.test(parts.slice(0, i + 1).join("/")));
        if (byGlob || n === w.norm || n.startsWith(`${w.norm}/`)) {
          w.hit = true;
          any = true;
        }
      }
      return any;
    },
    unmatched: () => wanted.filter((w) => !w.hit).map((w) => w.op),
  };
}

/** "Not found in archive" per operand; GNU first hints at --wildcards when one looks like a pattern. */
function reportUnmatched(run: TarRun, ops: string[], wildcards: boolean): void {
  for (const op of ops) {
    if (!wildcards && /[*?[]/.test(op)) {
      run.ctx.stderr.write("tar: Pattern matching characters used in file names\ntar: Use --wildcards to enable pattern matching, or --no-wildcards to suppress this warning\n");
    }
    run.error(`${op}: Not found in archive`);
  }
}

export function listArchive(run: TarRun, archive: Uint8Array, members: Member[], s: ReadSettings): void {
  const sel = selector(s.operands, s.wildcards);
  for (const m of members) {
    run.ctx.budget.step();
    if (!sel.matches(m.name) || run.excluded(m.name)) continue;
    run.ctx.stdout.write(run.verbosity > 0 ? run.longLine(m) : `${quoteName(m.name)}\n`);
  }
  reportUnmatched(run, sel.unmatched(), s.wildcards);
  void archive;
}

/** A member name made safe to extract: no leading "/", no "..", components stripped. */
function safeName(run: TarRun, name: string, strip: number, warned: Set<string>): string | undefined {
  let n = name;
  if (!run.absoluteNames) {
    // As when creating: a leading "/" or everything through the last ".." is reported;
    // a name with ".." is then refused outright.
    const comps = n.split("/");
    const lastDotDot = comps.lastIndexOf("..");
    const prefix = lastDotDot >= 0 ? comps.slice(0, lastDotDot + 1).join("/") + "/" : /^\/+/.exec(n)?.[0] ?? "";
    if (prefix) {
      if (!warned.has(prefix)) run.ctx.stderr.write(`tar: Removing leading \`${prefix}' from member names\n`);
      warned.add(prefix);
      if (lastDotDot < 0) n = n.slice(prefix.length);
    }
  }
  const parts = n.split("/").filter((p) => p !== "" && p !== ".");
  if (!run.absoluteNames && parts.includes("..")) {
    run.error(`${name}: Member name contains '..'`);
    return undefined;
  }
  if (parts.length <= strip) return undefined;
  return parts.slice(strip).join("/");
}

export async function extractArchive(run: TarRun, archive: Uint8Array, members: Member[], s: ReadSettings): Promise<void> {
  const ctx = run.ctx;
  const sel = selector(s.operands, s.wildcards);
  const warned = new Set<string>();
  const base = run.directory ? ctx.resolve(run.directory) : ctx.cwd;
  const dirTimes: Array<{ path: string; mtime: number; mode: number }> = [];
  const modeOf = (m: Member) => (s.preservePermissions ? m.mode & 0o7777 : m.mode & 0o7777 & ~ctx.umask);
  try {
    const st = await ctx.fs.stat(base);
    if (st.type !== "directory") throw Object.assign(new Error(), { code: "ENOTDIR" });
  } catch {
    run.ctx.stderr.write(`tar: ${run.directory}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n`);
    run.failed = true;
    return;
  }

  /** Refuses a target whose parent path runs through a symlink (a symlink trick leaving the target). */
  const parentsSafe = async (rel: string): Promise<boolean> => {
    const parts = rel.split("/");
    let p = base;
    for (let i = 0; i < parts.length - 1; i++) {
      p = p === "/" ? `/${parts[i]}` : `${p}/${parts[i]}`;
      try {
        const st = await ctx.fs.lstat(p);
        if (st.type === "symlink") return false;
        if (st.type !== "directory") return false;
      } catch (e) {
        if (!isFsError(e, "ENOENT")) throw e;
        await ctx.fs.mkdir(p, { recursive: true, mode: 0o777 & ~ctx.umask });
      }
    }
    return true;
  };

  for (const m of members) {
    ctx.budget.step();
    if (!sel.matches(m.name) || run.excluded(m.name)) continue;
    const rel = safeName(run, m.name, s.stripComponents, warned);
    if (rel === undefined || rel === "") continue;
    if (s.toStdout) {
      if (m.type === "0") await ctx.stdout.write(archive.subarray(m.offset, m.offset + m.size));
      continue;
    }
    run.verbose(m);
    const path = base === "/" ? `/${rel}` : `${base}/${rel}`;
    if (!(await parentsSafe(rel))) {
      run.error(`${rel}: Cannot open: Not a directory`);
      continue;
    }
    let existing: string | undefined;
    try {
      existing = (await ctx.fs.lstat(path)).type;
    } catch (e) {
      if (!isFsError(e, "ENOENT")) throw e;
    }
    try {
      if (m.type === "5") {
        if (existing && existing !== "directory") await ctx.fs.unlink(path);
        if (existing !== "directory") await ctx.fs.mkdir(path, { mode: 0o700 });
        dirTimes.push({ path, mtime: m.mtime, mode: modeOf(m) });
        continue;
      }
      if (existing) {
        if (s.keepOld) {
          run.error(`${rel}: Cannot open: File exists`);
          continue;
        }
        if (existing === "directory") {
          run.error(`${rel}: Cannot open: File exists`);
          continue;
        }
        await ctx.fs.unlink(path);
      }
      if (m.type === "2") {
        await ctx.fs.symlink(m.linkname, path);
        continue;
      }
      if (m.type === "1") {
        const target = safeName(run, m.linkname, s.stripComponents, warned);
        if (target === undefined) continue;
        await ctx.fs.link(base === "/" ? `/${target}` : `${base}/${target}`, path);
        continue;
      }
      await ctx.fs.writeFile(path, archive.subarray(m.offset, m.offset + m.size), { mode: modeOf(m) });
      await ctx.fs.chmod(path, modeOf(m));
      if (!s.touch) await ctx.fs.utimes(path, m.mtime * 1000, m.mtime * 1000);
    } catch (e) {
      if (!isFsError(e)) throw e;
      run.error(`${rel}: Cannot open: ${e.message}`);
    }
  }
  // Directory modes and times last, as GNU tar does, so writing into them still works.
  for (const d of dirTimes.reverse()) {
    await ctx.fs.chmod(d.path, d.mode);
    if (!s.touch) await ctx.fs.utimes(d.path, d.mtime * 1000, d.mtime * 1000);
  }
  reportUnmatched(run, sel.unmatched(), s.wildcards);
}
