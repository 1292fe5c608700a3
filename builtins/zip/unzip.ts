import type { CommandContext, CommandDef } from "../types.js";
import { isFsError } from "../../src/fs/types.js";
import { compileFnmatch, type FnMatcher } from "../_lib/file-patterns.js";
import { readLines } from "../_lib/lines.js";
import { fromLocal, localTime, zoneOf } from "../_lib/time.js";
import { crc32 } from "../_lib/crc32.js";
import { InflateError } from "../_lib/inflate.js";
import { inflateChecked } from "../gzip/format.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import { readZip, ZipFormatError, type ZipEntry } from "./format.js";
import { UNZIP_HELP } from "./help.js";

/**
 * unzip (UnZip 6.00, Debian): extract (default), -l, -p, -t, -Z1; -d DIR, -x LIST, -o, -n,
 * -f, -u, -j, -q (-v lists like -l; -C -a -L -X -K -M -U -V -T are accepted and ignored). Names with "../" or a leading "/" are cut back as UnZip does, and nothing is
 * written through a symlinked parent directory; inflation stops at maxFileSystemBytes.
 */

interface Args {
  zip?: string;
  include: string[];
  exclude: string[];
  exdir?: string;
  flags: Set<string>;
  quiet: number;
}

function parseArgs(args: string[]): Args | string {
  const a: Args = { include: [], exclude: [], flags: new Set(), quiet: 0 };
  let inExclude = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith("-") && arg.length > 1) {
      inExclude = false;
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        if (c === "d") {
          const rest = arg.slice(j + 1);
          if (rest) a.exdir = rest;
          else if (i + 1 < args.length) a.exdir = args[++i];
          else return "error:  must specify directory to which to extract with -d option";
          break;
        }
        if (c === "x") inExclude = true;
        else if (c === "q") a.quiet++;
        else if (c === "Z") a.flags.add("Z");
        else if ("lptvonjfuz1".includes(c)) a.flags.add(c);
        else if ("CaLXKMUVT".includes(c)) a.flags.add(c); // accepted; no effect in the sandbox
        else return `usage`;
      }
      continue;
    }
    if (a.zip === undefined) a.zip = arg;
    else if (inExclude) a.exclude.push(arg);
    else a.include.push(arg);
  }
  return a;
}

const pad22 = (s: string) => s.padEnd(22);

async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseArgs(ctx.args);
  if (parsed === "usage" || (typeof parsed !== "string" && parsed.zip === undefined)) {
    await ctx.stdout.write(UNZIP_HELP);
    return parsed === "usage" ? 10 : 0;
  }
  if (typeof parsed === "string") {
    ctx.stderr.write(`${parsed}\n`);
    return 10;
  }
  const a = parsed;
  const zipArg = a.zip!;
  let shownName = zipArg;
  let data: Uint8Array | undefined;
  for (const candidate of [zipArg, `${zipArg}.zip`, `${zipArg}.ZIP`]) {
    try {
      const st = await ctx.fs.stat(ctx.resolve(candidate));
      if (st.type !== "file") continue;
      data = await ctx.fs.readFile(ctx.resolve(candidate));
      shownName = candidate;
      break;
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }
  if (!data) {
    ctx.stderr.write(`unzip:  cannot find or open ${zipArg}, ${zipArg}.zip or ${zipArg}.ZIP.\n`);
    return 9;
  }
  const pipe = a.flags.has("p");
  const list = a.flags.has("l") || a.flags.has("v");
  const test = a.flags.has("t");
  const namesOnly = a.flags.has("Z") && a.flags.has("1");
  const out = ctx.stdout;
  let entries: ZipEntry[];
  try {
    entries = readZip(data);
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    if (!pipe) out.write(`Archive:  ${shownName}\n`);
    ctx.stderr.write(
      "  End-of-central-directory signature not found.  Either this file is not\n" +
        "  a zipfile, or it constitutes one disk of a multi-part archive.  In the\n" +
        "  latter case the central directory and zipfile comment will be found on\n" +
        "  the last disk(s) of this archive.\n",
    );
    ctx.stderr.write(`unzip:  cannot find zipfile directory in one of ${shownName} or\n        ${shownName}.zip, and cannot find ${shownName}.ZIP, period.\n`);
    return 9;
  }
  const includes: FnMatcher[] = a.include.map((p) => compileFnmatch(p));
  const excludes: FnMatcher[] = a.exclude.map((p) => compileFnmatch(p));
  const hit = new Array(includes.length).fill(false);
  const selected = entries.filter((e) => {
    if (excludes.some((m) => m.test(e.name))) return false;
    if (includes.length === 0) return true;
    let any = false;
    includes.forEach((m, i) => {
      if (m.test(e.name)) {
        hit[i] = true;
        any = true;
      }
    });
    return any;
  });
  let status = 0;
  const reportUnmatched = () => {
    a.include.forEach((p, i) => {
      if (!hit[i]) {
        ctx.stderr.write(`caution: filename not matched:  ${p}\n`);
        status = 11;
      }
    });
  };
  const zone = zoneOf(ctx);

  if (namesOnly) {
    for (const e of selected) out.write(`${e.name}\n`);
    reportUnmatched();
    return status;
  }
  if (list) {
    if (a.quiet === 0) out.write(`Archive:  ${shownName}\n`);
    if (a.quiet < 2) out.write("  Length      Date    Time    Name\n---------  ---------- -----   ----\n");
    let total = 0;
    for (const e of selected) {
      const t = localTime(e.mtime * 1000, zone);
      const two = (n: number) => String(n).padStart(2, "0");
      out.write(`${String(e.size).padStart(9)}  ${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}   ${e.name}\n`);
      total += e.size;
    }
    if (a.quiet < 2) out.write(`---------                     -------\n${String(total).padStart(9)}                     ${selected.length} file${selected.length === 1 ? "" : "s"}\n`);
    reportUnmatched();
    return status;
  }

  const decode = (e: ZipEntry): Uint8Array | string => {
    if (e.method === 0) return crc32(e.compressed) === e.crc ? e.compressed : "bad CRC";
    if (e.method !== 8) return `unsupported compression method ${e.method}`;
    try {
      const r = inflateChecked(ctx, e.compressed).data;
      return crc32(r) === e.crc ? r : "bad CRC";
    } catch (err) {
      if (err instanceof InflateError) return "invalid compressed data to inflate";
      throw err;
    }
  };

  if (test) {
    if (a.quiet === 0) out.write(`Archive:  ${shownName}\n`);
    let bad = 0;
    for (const e of selected) {
      ctx.budget.step();
      const r = decode(e);
      if (typeof r === "string") bad++;
      if (a.quiet === 0) out.write(`    testing: ${pad22(e.name)}   ${typeof r === "string" ? r : "OK"}\n`);
    }
    if (bad) out.write(`At least one error was detected in ${shownName}.\n`);
    else out.write(`No errors detected in compressed data of ${shownName}.\n`);
    reportUnmatched();
    return bad ? 2 : status;
  }

  if (pipe) {
    for (const e of selected) {
      ctx.budget.step();
      if (e.name.endsWith("/")) continue;
      const r = decode(e);
      if (typeof r !== "string") await out.write(r);
    }
    reportUnmatched();
    return status;
  }

  const say = (s: string) => {
    if (a.quiet === 0) out.write(s);
  };
  say(`Archive:  ${shownName}\n`);
  const base = a.exdir !== undefined ? ctx.resolve(a.exdir) : ctx.cwd;
  const shownBase = a.exdir !== undefined ? a.exdir.replace(/\/+$/, "") + "/" : "";
  if (a.exdir !== undefined) {
    // UnZip makes the last level of -d only.
    try {
      await ctx.fs.mkdir(base, { mode: 0o777 & ~ctx.umask });
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (e.code !== "EEXIST") {
        ctx.stderr.write(`checkdir:  cannot create extraction directory: ${a.exdir}\n           ${e.message}\n`);
        return 2;
      }
    }
  }
  let overwriteAll = a.flags.has("o");
  let skipAll = a.flags.has("n");
  let stdinLines: AsyncGenerator<{ bytes: Uint8Array }> | undefined;
  const dirs: Array<{ path: string; e: ZipEntry }> = [];
  const mtimeOf = (e: ZipEntry) => {
    if (e.utc) return e.mtime;
    const t = { year: 1980 + (e.dosDate >> 9), month: (e.dosDate >> 5) & 15, day: e.dosDate & 31, hour: e.dosTime >> 11, minute: (e.dosTime >> 5) & 63, second: (e.dosTime & 31) * 2 };
    return Math.floor(fromLocal(zone, t.year, t.month, t.day, t.hour, t.minute, t.second) / 1000);
  };

  for (const e of selected) {
    ctx.budget.step();
    let name = e.name;
    if (name.startsWith("/")) {
      ctx.stderr.write(`warning:  stripped absolute path spec from ${name}\n`);
      name = name.replace(/^\/+/, "");
      status = status || 1;
    }
    const parts = name.split("/");
    if (parts.includes("..")) {
      say(`warning:  skipped "../" path component(s) in ${e.name}\n`);
      status = status || 1;
    }
    let clean = parts.filter((p) => p !== ".." && p !== ".").join("/");
    if (a.flags.has("j")) {
      if (clean.endsWith("/")) continue;
      clean = clean.slice(clean.lastIndexOf("/") + 1);
    }
    if (clean === "" || clean === "/") continue;
    const path = base === "/" ? `/${clean}` : `${base}/${clean}`.replace(/\/+$/, "");
    const shown = shownBase + clean;
    // Parents: created as needed, never followed through a symlink.
    const comps = clean.replace(/\/+$/, "").split("/");
    let p = base;
    let safe = true;
    for (let i = 0; i < comps.length - 1; i++) {
      p = p === "/" ? `/${comps[i]}` : `${p}/${comps[i]}`;
      try {
        const st = await ctx.fs.lstat(p);
        if (st.type !== "directory") safe = false;
      } catch (err) {
        if (!isFsError(err, "ENOENT")) throw err;
        await ctx.fs.mkdir(p, { mode: 0o777 & ~ctx.umask });
      }
    }
    if (!safe) {
      ctx.stderr.write(`checkdir error:  ${shown} exists but is not directory\n                 unable to process ${shown}.\n`);
      status = 1;
      continue;
    }
    if (e.name.endsWith("/")) {
      let exists = false;
      try {
        exists = (await ctx.fs.lstat(path)).type === "directory";
      } catch {
        exists = false;
      }
      if (!exists) {
        await ctx.fs.mkdir(path, { mode: 0o700 });
        say(`   creating: ${shown}\n`);
      }
      dirs.push({ path, e });
      continue;
    }
    let exists = false;
    let existingMtime = 0;
    try {
      existingMtime = (await ctx.fs.lstat(path)).mtimeMs;
      exists = true;
    } catch (err) {
      if (!isFsError(err, "ENOENT")) throw err;
    }
    // -f: only files already there and older; -u: those plus new ones (replacing still asks).
    const freshen = a.flags.has("f");
    if (freshen || a.flags.has("u")) {
      if (exists && mtimeOf(e) * 1000 <= existingMtime) continue;
      if (!exists && freshen) continue;
    }
    if (exists && !overwriteAll) {
      if (skipAll) continue;
      // UnZip asks; without a terminal it reads the answer from stdin.
      stdinLines ??= readLines(ctx.stdin);
      let answer: string | undefined;
      for (;;) {
        ctx.stderr.write(`replace ${shown}? [y]es, [n]o, [A]ll, [N]one, [r]ename: `);
        const line = await stdinLines.next();
        if (line.done) {
          ctx.stderr.write(` NULL\n(EOF or read error, treating as "[N]one" ...)\n`);
          answer = "N";
          status = status || 1;
          break;
        }
        answer = decodeUtf8(line.value.bytes).trim()[0];
        if (answer && "ynANr".includes(answer)) break;
        ctx.stderr.write(`error:  invalid response [${answer ?? "{ENTER}"}]\n`);
      }
      if (answer === "N") skipAll = true;
      if (answer === "A") overwriteAll = true;
      if (answer !== "y" && answer !== "A") continue;
    }
    const r = decode(e);
    if (typeof r === "string") {
      ctx.stderr.write(`  error:  ${r}\n`);
      status = 2;
      continue;
    }
    say(`${e.method === 8 ? "  inflating" : " extracting"}: ${pad22(shown)}  \n`);
    if (exists) await ctx.fs.unlink(path);
    const isLink = (e.mode & 0o170000) === 0o120000;
    if (isLink) {
      await ctx.fs.symlink(decodeUtf8(r), path);
      continue;
    }
    await ctx.fs.writeFile(path, r, { mode: 0o644 });
    if (e.mode) await ctx.fs.chmod(path, e.mode & 0o7777);
    const mt = mtimeOf(e) * 1000;
    await ctx.fs.utimes(path, mt, mt);
  }
  for (const d of dirs.reverse()) {
    if (d.e.mode) await ctx.fs.chmod(d.path, d.e.mode & 0o7777);
    const mt = mtimeOf(d.e) * 1000;
    await ctx.fs.utimes(d.path, mt, mt);
  }
  reportUnmatched();
  return status;
}

export const unzip: CommandDef = { name: "unzip", help: UNZIP_HELP, run };
