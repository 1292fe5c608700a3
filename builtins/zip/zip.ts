import type { CommandContext, CommandDef } from "../types.js";
import { parseOptions, type OptionSpec } from "../_lib/options.js";
import { isFsError, type FileStat } from "../../src/fs/types.js";
import { compileFnmatch } from "../_lib/file-patterns.js";
import { zoneOf } from "../_lib/time.js";
import { makeEntry, percent, readZip, writeZip, ZipFormatError, type ZipEntry } from "./format.js";
import { ZIP_HELP } from "./help.js";
import { encodeUtf8 } from "../../src/io/utf8.js";

/**
 * zip (Info-ZIP 3.0): zipfile and names; -r -j -D -m -d -u -q -0..-9 -y. Entries are
 * deflated unless that does not shrink them; directories are added in name order.
 * Messages go to stdout as zip's do.
 */

const SPEC: OptionSpec = {
  recurse: { short: "r", long: "recurse-paths" },
  junk: { short: "j", long: "junk-paths" },
  noDirs: { short: "D", long: "no-dir-entries" },
  move: { short: "m", long: "move" },
  delete: { short: "d", long: "delete" },
  update: { short: "u", long: "update" },
  freshen: { short: "f", long: "freshen" },
  quiet: { short: "q", long: "quiet" },
  symlinks: { short: "y", long: "symlinks" },
  help: { short: "h", long: "help" },
  ...Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`l${n}`, { short: String(n) }])),
};

class ZipFail extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const report = (message: string): number => {
    const m = /^invalid option -- '(.)'$/.exec(message);
    const what = m ? `short option '${m[1]}' not supported` : message.startsWith("unrecognized option") ? `long option '${message.slice(21, -1).replace(/^--/, "")}' not supported` : message;
    ctx.stdout.write(`\nzip error: Invalid command arguments (${what})\n`);
    return 16;
  };
  // -x PATTERN... (up to the next option) excludes names, as zip's own parser reads it.
  const args: string[] = [];
  const excludePatterns: string[] = [];
  for (let i = 0; i < ctx.args.length; i++) {
    if (ctx.args[i] !== "-x" && ctx.args[i] !== "--exclude") {
      args.push(ctx.args[i]);
      continue;
    }
    while (i + 1 < ctx.args.length && !ctx.args[i + 1].startsWith("-")) excludePatterns.push(ctx.args[++i]);
  }
  const excluded = excludePatterns.map((p) => compileFnmatch(p));
  const parsed = parseOptions(ctx, SPEC, { help: ZIP_HELP, report }, args);
  if (typeof parsed === "number") return parsed;
  if (parsed.has("help") || parsed.operands.length === 0) {
    await ctx.stdout.write(ZIP_HELP);
    return 0;
  }
  let level = 6;
  for (const o of parsed.order) if (/^l\d$/.test(o.key)) level = Number(o.key.slice(1));
  const quiet = parsed.has("quiet");
  let zipName = parsed.operands[0];
  const base = zipName.slice(zipName.lastIndexOf("/") + 1);
  if (!base.includes(".")) zipName += ".zip";
  const zipPath = ctx.resolve(zipName);
  const say = (s: string) => {
    if (!quiet) ctx.stdout.write(s);
  };
  try {
    let entries: ZipEntry[] = [];
    let existed = false;
    try {
      const data = await ctx.fs.readFile(zipPath);
      existed = true;
      entries = readZip(data);
    } catch (e) {
      if (e instanceof ZipFormatError) throw new ZipFail(`Zip file structure invalid (${zipName})`, 3);
      if (!isFsError(e, "ENOENT")) throw e;
    }
    const names = parsed.operands.slice(1);

    if (parsed.has("delete")) {
      if (!existed) throw new ZipFail(`Nothing to do! (${zipName})`, 12);
      let deleted = 0;
      for (const pattern of names) {
        const m = compileFnmatch(pattern);
        const before = entries.length;
        entries = entries.filter((e) => {
          if (!m.test(e.name)) return true;
          say(`deleting: ${e.name}\n`);
          return false;
        });
        if (entries.length === before) say(`\tzip warning: name not matched: ${pattern}\n`);
        deleted += before - entries.length;
      }
      if (deleted === 0) throw new ZipFail(`Nothing to do! (${zipName})`, 12);
      await ctx.fs.writeFile(zipPath, writeZip(entries));
      return 0;
    }

    const zone = zoneOf(ctx);
    const moved: Array<{ path: string; dir: boolean }> = [];
    let changed = 0;
    const addOne = async (fsName: string, st: FileStat, data: Uint8Array) => {
      let name = fsName.replace(/^(\.\/)+/, "").replace(/^\/+/, "");
      if (parsed.has("junk")) name = name.replace(/\/+$/, "").slice(name.replace(/\/+$/, "").lastIndexOf("/") + 1) + (st.type === "directory" ? "/" : "");
      if (st.type === "directory" && !name.endsWith("/")) name += "/";
      if (name === "/" || name === "./" || name === "") return;
      const at = entries.findIndex((e) => e.name === name);
      if ((parsed.has("update") || parsed.has("freshen")) && at >= 0 && entries[at].mtime >= Math.floor(st.mtimeMs / 1000)) return;
      if (parsed.has("freshen") && at < 0) return;
      const mode = st.type === "directory" ? 0o40000 | (st.mode & 0o7777) : st.type === "symlink" ? 0o120000 | 0o777 : 0o100000 | (st.mode & 0o7777);
      const entry = makeEntry(name, data, { mtime: Math.floor(st.mtimeMs / 1000), mode, uid: st.uid, gid: st.gid, zone, level });
      const how = entry.method === 8 ? `deflated ${percent(entry.size, entry.compressed.length)}%` : "stored 0%";
      if (at >= 0) {
        entries[at] = entry;
        say(`updating: ${name} (${how})\n`);
      } else {
        entries.push(entry);
        say(`  adding: ${name} (${how})\n`);
      }
      changed++;
    };
    // Like zip, find every name first (warning about missing ones), then add them.
    const found: Array<{ fsName: string; path: string; st: FileStat }> = [];
    const walk = async (fsName: string) => {
      ctx.budget.step();
      const path = ctx.resolve(fsName);
      if (path === zipPath) return;
      let st: FileStat;
      try {
        st = parsed.has("symlinks") ? await ctx.fs.lstat(path) : await ctx.fs.stat(path);
      } catch (e) {
        if (!isFsError(e)) throw e;
        say(`\tzip warning: name not matched: ${fsName}\n`);
        return;
      }
      const entryName = fsName.replace(/^(\.\/)+/, "").replace(/^\/+/, "") + (st.type === "directory" ? "/" : "");
      if (!excluded.some((m) => m.test(entryName))) found.push({ fsName, path, st });
      if (st.type !== "directory" || !parsed.has("recurse")) return;
      const children = (await ctx.fs.readdir(path)).map((d) => d.name).sort();
      const prefix = fsName.endsWith("/") ? fsName : `${fsName}/`;
      for (const c of children) await walk(prefix + c);
    };
    for (const n of names) await walk(n);
    for (const { fsName, path, st } of found) {
      ctx.budget.step();
      if (st.type === "directory") {
        if (!parsed.has("noDirs") && !parsed.has("junk")) await addOne(fsName, st, new Uint8Array(0));
        moved.push({ path, dir: true });
        continue;
      }
      const data = st.type === "symlink" ? encodeUtf8(await ctx.fs.readlink(path)) : await ctx.fs.readFile(path);
      await addOne(fsName, st, data);
      moved.push({ path, dir: false });
    }
    if (changed === 0) {
      // -u/-f with nothing newer: zip says nothing but still reports "nothing to do".
      if ((parsed.has("update") || parsed.has("freshen")) && found.length > 0) return 12;
      throw new ZipFail(`Nothing to do! (${zipName})`, 12);
    }
    await ctx.fs.writeFile(zipPath, writeZip(entries), { mode: 0o666 & ~ctx.umask });
    if (parsed.has("move")) {
      for (const m of moved.reverse()) {
        if (m.dir) await ctx.fs.rmdir(m.path).catch(() => undefined);
        else await ctx.fs.unlink(m.path);
      }
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ZipFail)) throw e;
    await ctx.stdout.write(`\nzip error: ${e.message}\n`);
    return e.status;
  }
}

export const zip: CommandDef = { name: "zip", help: ZIP_HELP, run };
