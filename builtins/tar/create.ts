/** tar -c: walking the operands into GNU-format entries. */
import type { CommandContext } from "../types.js";
import { isFsError, type FileStat } from "../../src/fs/types.js";
import { Accounts } from "../_lib/accounts.js";
import { encodeHeader, padToBlock, type Entry } from "./format.js";
import type { TarRun } from "./run.js";

function entryType(st: FileStat): string | undefined {
  if (st.type === "file") return "0";
  if (st.type === "directory") return "5";
  if (st.type === "symlink") return "2";
  return undefined;
}

/**
 * Adds every operand (recursively) to `parts`; errors are reported and counted in run.
 * `dirs[i]` is the -C directory in effect where operand i appeared (GNU changes directory
 * in command-line order).
 */
export async function createArchive(run: TarRun, operands: string[], archivePath: string | undefined, dirs: Array<string | undefined> = []): Promise<Uint8Array[]> {
  const ctx = run.ctx;
  const accounts = await Accounts.load(ctx);
  const parts: Uint8Array[] = [];
  const linked = new Map<number, string>();
  const warnedPrefixes = new Set<string>();
  let baseDir = ctx.cwd;
  const pathOf = (name: string) => (name.startsWith("/") ? name : baseDir === "/" ? `/${name}` : `${baseDir}/${name}`);

  const add = async (fsName: string, memberName: string): Promise<void> => {
    ctx.budget.step();
    if (run.excluded(memberName)) return;
    const path = pathOf(fsName);
    let st: FileStat;
    try {
      st = run.dereference ? await ctx.fs.stat(path) : await ctx.fs.lstat(path);
    } catch (e) {
      if (!isFsError(e)) throw e;
      return run.error(`${fsName}: Cannot stat: ${e.message}`);
    }
    if (archivePath !== undefined && path === archivePath) {
      ctx.stderr.write(`tar: ${fsName}: file is the archive; not dumped\n`);
      return;
    }
    const type = entryType(st);
    if (!type) {
      ctx.stderr.write(`tar: ${fsName}: socket ignored\n`);
      return;
    }
    let name = memberName;
    const entry: Entry = {
      name,
      type,
      mode: st.mode & 0o7777,
      uid: run.owner?.id ?? st.uid,
      gid: run.group?.id ?? st.gid,
      uname: run.numericOwner ? "" : (run.owner?.name ?? accounts.userName(st.uid) ?? ""),
      gname: run.numericOwner ? "" : (run.group?.name ?? accounts.groupName(st.gid) ?? ""),
      size: 0,
      mtime: run.mtime ?? Math.floor(st.mtimeMs / 1000),
      linkname: "",
    };
    if (type === "5") {
      name = name.endsWith("/") ? name : `${name}/`;
      entry.name = name;
      parts.push(...encodeHeader(entry));
      run.verbose(entry);
      let children: string[];
      try {
        children = (await ctx.fs.readdir(path)).map((d) => d.name).sort();
      } catch (e) {
        if (!isFsError(e)) throw e;
        return run.error(`${fsName}: Cannot open: ${e.message}`);
      }
      const fsDir = fsName.endsWith("/") ? fsName : `${fsName}/`;
      for (const child of children) await add(fsDir + child, name + child);
      return;
    }
    if (type === "2") {
      entry.linkname = await ctx.fs.readlink(path);
      parts.push(...encodeHeader(entry));
      run.verbose(entry);
      return;
    }
    if (st.nlink > 1) {
      const first = linked.get(st.ino);
      if (first !== undefined) {
        entry.type = "1";
        entry.linkname = first;
        parts.push(...encodeHeader(entry));
        run.verbose(entry);
        return;
      }
      linked.set(st.ino, name);
    }
    let data: Uint8Array;
    try {
      data = await ctx.fs.readFile(path);
    } catch (e) {
      if (!isFsError(e)) throw e;
      return run.error(`${fsName}: Cannot open: ${e.message}`);
    }
    entry.size = data.length;
    parts.push(...encodeHeader(entry), padToBlock(data));
    run.verbose(entry);
  };

  for (const [index, op] of operands.entries()) {
    const dir = dirs.length ? dirs[index] : run.directory;
    baseDir = dir ? ctx.resolve(dir) : ctx.cwd;
    let member = op.replace(/\/+$/, "") || "/";
    if (!run.absoluteNames) {
      // GNU strips a leading "/" and everything up to the last ".." component.
      const parts = member.split("/");
      const lastDotDot = parts.lastIndexOf("..");
      const prefix = lastDotDot >= 0 ? parts.slice(0, lastDotDot + 1).join("/") + "/" : /^\/+/.exec(member)?.[0] ?? "";
      if (prefix) {
        if (!warnedPrefixes.has(prefix)) ctx.stderr.write(`tar: Removing leading \`${prefix}' from member names\n`);
        warnedPrefixes.add(prefix);
        member = member.slice(prefix.length);
      }
    }
    await add(op, member === "" ? "/" : member);
  }
  return parts;
}

export type { CommandContext };
