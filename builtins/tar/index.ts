import type { CommandContext, CommandDef } from "../types.js";
import { parseOptions, type OptionSpec } from "../_lib/options.js";
import { readWhole } from "../_lib/input.js";
import { isFsError } from "../../src/fs/types.js";
import { GzipFormatError, gunzipBytes, gzipMember, looksGzipped } from "../gzip/format.js";
import { TAR_HELP, TAR_VERSION } from "./help.js";
import { TarFormatError, finishArchive, readMembers } from "./format.js";
import { TarRun } from "./run.js";
import { createArchive } from "./create.js";
import { extractArchive, listArchive } from "./extract.js";
import { Accounts } from "../_lib/accounts.js";
import { parseDate } from "../_lib/parse-date.js";
import { zoneOf } from "../_lib/time.js";
import { quoteValue } from "../_lib/quote.js";

/**
 * GNU tar 1.34: -c -x -t with -f -v -z -C -O -p -k -m -h -P --exclude --strip-components,
 * old-style bundled first arguments (tar cvf a.tar dir), GNU format written, GNU/ustar/pax
 * read, gzip detected on reading. Members are stored in name order (GNU uses readdir order).
 */

const SPEC: OptionSpec = {
  create: { short: "c", long: "create" },
  extract: { short: "x", long: ["extract", "get"] },
  list: { short: "t", long: "list" },
  append: { short: "r", long: "append" },
  file: { short: "f", long: "file", arg: "required" },
  verbose: { short: "v", long: "verbose" },
  gzip: { short: "z", long: ["gzip", "gunzip", "ungzip"] },
  directory: { short: "C", long: "directory", arg: "required" },
  toStdout: { short: "O", long: "to-stdout" },
  preserve: { short: "p", long: ["preserve-permissions", "same-permissions"] },
  noPreserve: { long: "no-same-permissions" },
  keepOld: { short: "k", long: "keep-old-files" },
  overwrite: { long: "overwrite" },
  touch: { short: "m", long: "touch" },
  dereference: { short: "h", long: "dereference" },
  absolute: { short: "P", long: "absolute-names" },
  exclude: { long: "exclude", arg: "required" },
  strip: { long: "strip-components", arg: "required" },
  sort: { long: "sort", arg: "required" },
  noSameOwner: { long: "no-same-owner" },
  numericOwner: { long: "numeric-owner" },
  owner: { long: "owner", arg: "required" },
  group: { long: "group", arg: "required" },
  mtime: { long: "mtime", arg: "required" },
  wildcards: { long: "wildcards" },
  bzip2: { short: "j", long: "bzip2" },
  xz: { short: "J", long: "xz" },
  usage: { long: "usage" },
};

/** Short options that take a value, for the old-style first argument. */
const OLD_STYLE_ARGS = new Set(["f", "C", "b", "T", "X", "N", "g", "K", "L", "V", "F", "H"]);

const TRY = "Try 'tar --help' or 'tar --usage' for more information.\n";

/** `tar cvf a.tar d` → `-c -v -f a.tar d`: letters of the first word, values taken in turn. */
function expandOldStyle(args: string[]): string[] {
  if (args.length === 0 || args[0].startsWith("-")) return args;
  const letters = args[0];
  const rest = args.slice(1);
  const out: string[] = [];
  for (const ch of letters) {
    if (OLD_STYLE_ARGS.has(ch) && rest.length) out.push(`-${ch}`, rest.shift()!);
    else out.push(`-${ch}`);
  }
  return [...out, ...rest];
}

/**
 * The -C directory in effect at each operand, in command-line order (tar -cf a.tar -C x f
 * -C y g). A light second pass over the arguments: only -C/--directory and the options
 * that take a value need recognising.
 */
function directoriesByOperand(args: string[]): string[] {
  const out: string[] = [];
  let dir: string | undefined;
  const valued = new Set(["f", "C"]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      for (let j = i + 1; j < args.length; j++) out.push(dir ?? "");
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const takes = ["file", "directory", "exclude", "strip-components", "sort"].some((n) => n.startsWith(name) && name.length >= 3);
      const value = eq >= 0 ? a.slice(eq + 1) : takes ? args[++i] : undefined;
      if ("directory".startsWith(name) && name.length >= 3 && value !== undefined) dir = dir && !value.startsWith("/") ? `${dir}/${value}` : value;
      continue;
    }
    if (a.length > 1 && a[0] === "-") {
      for (let j = 1; j < a.length; j++) {
        if (!valued.has(a[j])) continue;
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (a[j] === "C" && value !== undefined) dir = dir && !value.startsWith("/") ? `${dir}/${value}` : value;
        break;
      }
      continue;
    }
    out.push(dir ?? "");
  }
  return out;
}

async function run(ctx: CommandContext): Promise<number> {
  const report = (message: string): number => {
    ctx.stderr.write(`tar: ${message}\n${TRY}`);
    return 2;
  };
  // argp's own usage errors (unknown options, missing values) exit 64.
  const usageReport = (message: string): number => {
    report(message);
    return 64;
  };
  const parsed = parseOptions(ctx, SPEC, { help: TAR_HELP, version: TAR_VERSION.replace(/\n$/, ""), report: usageReport }, expandOldStyle(ctx.args));
  if (typeof parsed === "number") return parsed;
  if (parsed.has("usage")) {
    await ctx.stdout.write("Usage: tar [OPTION...] [FILE]...\n");
    return 0;
  }
  const modes = ["create", "extract", "list", "append"].filter((m) => parsed.has(m));
  if (modes.length === 0) return report("You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
  if (modes.length > 1) return report("You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option");
  if (parsed.has("bzip2") || parsed.has("xz")) {
    ctx.stderr.write(`tar: ${parsed.has("xz") ? "xz" : "bzip2"}: Cannot exec: No such file or directory\ntar: Error is not recoverable: exiting now\n`);
    return 2;
  }
  const strip = parsed.get("strip") ?? "0";
  if (!/^\d+$/.test(strip)) {
    ctx.stderr.write(`tar: ${strip}: Invalid number of elements\n${TRY}`);
    return 2;
  }
  const sortMode = parsed.get("sort");
  if (sortMode !== undefined && !["none", "name", "inode"].includes(sortMode)) {
    ctx.stderr.write(`tar: invalid argument '${sortMode}' for '--sort'\nValid arguments are:\n  - 'none'\n  - 'name'\n  - 'inode'\n${TRY}`);
    return 2;
  }
  const t = new TarRun(ctx);
  t.verbosity = parsed.all("verbose").length;
  t.directory = parsed.get("directory");
  t.dereference = parsed.has("dereference");
  t.absoluteNames = parsed.has("absolute");
  t.setExcludes(parsed.all("exclude"));
  t.numericOwner = parsed.has("numericOwner");
  const ids = await ownerAndGroup(ctx, parsed.get("owner"), parsed.get("group"));
  if (typeof ids === "string") {
    ctx.stderr.write(`tar: ${ids}\n${TRY}`);
    return 2;
  }
  [t.owner, t.group] = ids;
  const mtimeText = parsed.get("mtime");
  if (mtimeText !== undefined) {
    const ms = parseDate(mtimeText, ctx.sandbox.now(), zoneOf(ctx));
    if (ms === null) {
      ctx.stderr.write(`tar: Substituting -9223372036854775807 for unknown date format ${quoteValue(mtimeText)}\n`);
      t.mtime = 0;
    } else t.mtime = Math.floor(ms / 1000);
  }
  const archiveName = parsed.get("file") ?? "-";
  const mode = modes[0];

  if (mode === "create" || mode === "append") {
    if (parsed.operands.length === 0 && mode === "create") {
      ctx.stderr.write(`tar: Cowardly refusing to create an empty archive\n${TRY}`);
      return 2;
    }
    if (archiveName === "-") t.listing = ctx.stderr;
    const archivePath = archiveName === "-" ? undefined : ctx.resolve(archiveName);
    // -r: the new members go where the old archive's end blocks were.
    let kept: Uint8Array[] = [];
    if (mode === "append") {
      if (parsed.has("gzip")) {
        ctx.stderr.write(`tar: Cannot update compressed archives\n${TRY}`);
        return 2;
      }
      if (archivePath === undefined) {
        ctx.stderr.write(`tar: Options '-Aru' are incompatible with '-f -'\n${TRY}`);
        return 2;
      }
      try {
        const old = await ctx.fs.readFile(archivePath);
        const r = readMembers(old, () => ctx.budget.step());
        kept = [old.subarray(0, r.end)];
      } catch (e) {
        if (e instanceof TarFormatError) {
          t.error(e.message);
          return finish(t);
        }
        if (!isFsError(e, "ENOENT")) throw e;
      }
    }
    const dirs = directoriesByOperand(expandOldStyle(ctx.args)).map((d) => d || undefined);
    const parts = await createArchive(t, parsed.operands, archivePath, dirs.length === parsed.operands.length ? dirs : []);
    let bytes = finishArchive([...kept, ...parts]);
    if (parsed.has("gzip")) bytes = gzipMember(bytes, { level: 6, mtime: 0 });
    if (archivePath === undefined) await ctx.stdout.write(bytes);
    else {
      try {
        await ctx.fs.writeFile(archivePath, bytes, { mode: 0o666 & ~ctx.umask });
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`tar: ${archiveName}: Cannot open: ${e.message}\ntar: Error is not recoverable: exiting now\n`);
        return 2;
      }
    }
    return finish(t);
  }

  // Reading: the whole archive, gunzipped when it is gzip data (-z or not).
  let data: Uint8Array;
  try {
    data = archiveName === "-" ? await readWhole(ctx, ctx.stdin) : await ctx.fs.readFile(ctx.resolve(archiveName));
  } catch (e) {
    if (!isFsError(e)) throw e;
    const what = e.code === "EISDIR" ? "Read error" : "Cannot open";
    ctx.stderr.write(`tar: ${archiveName}: ${what}: ${e.message}\ntar: Error is not recoverable: exiting now\n`);
    return 2;
  }
  if (looksGzipped(data) || (parsed.has("gzip") && data.length > 0)) {
    try {
      data = gunzipBytes(ctx, data).data;
    } catch (e) {
      if (!(e instanceof GzipFormatError)) throw e;
      const gz = `\ngzip: stdin: ${e.message}\n`;
      ctx.stderr.write(`${gz}tar: Child returned status 1\ntar: Error is not recoverable: exiting now\n`);
      return 2;
    }
  }
  let result;
  try {
    result = readMembers(data, () => ctx.budget.step());
  } catch (e) {
    if (!(e instanceof TarFormatError)) throw e;
    t.error(e.message);
    return finish(t);
  }
  const settings = {
    operands: parsed.operands,
    toStdout: parsed.has("toStdout"),
    keepOld: parsed.has("keepOld"),
    preservePermissions: parsed.has("preserve"),
    touch: parsed.has("touch"),
    stripComponents: Number(strip),
    wildcards: parsed.has("wildcards"),
  };
  if (mode === "list") listArchive(t, data, result.members, settings);
  else await extractArchive(t, data, result.members, settings);
  if (result.truncated) {
    ctx.stderr.write("tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now\n");
    return 2;
  }
  if (result.garbage) t.error("Skipping to next header");
  return finish(t);
}

type Id = { id?: number; name: string } | undefined;

/** --owner/--group: NAME, NUMBER or NAME:NUMBER, looked up in the sandbox's user database. */
async function ownerAndGroup(ctx: CommandContext, owner: string | undefined, group: string | undefined): Promise<[Id, Id] | string> {
  if (owner === undefined && group === undefined) return [undefined, undefined];
  const accounts = await Accounts.load(ctx);
  const resolve = (text: string | undefined, kind: "owner" | "group"): Id | string => {
    if (text === undefined) return undefined;
    const colon = text.indexOf(":");
    if (colon >= 0 && /^\d+$/.test(text.slice(colon + 1))) return { name: text.slice(0, colon), id: Number(text.slice(colon + 1)) };
    if (/^\d+$/.test(text)) {
      const id = Number(text);
      return { id, name: (kind === "owner" ? accounts.userName(id) : accounts.groupName(id)) ?? "" };
    }
    const id = kind === "owner" ? accounts.byName(text)?.uid : accounts.groups.find((g) => g.name === text)?.gid;
    // An unknown name is stored as given, with the file's own id.
    return { id, name: text };
  };
  const o = resolve(owner, "owner");
  if (typeof o === "string") return o;
  const g = resolve(group, "group");
  if (typeof g === "string") return g;
  return [o, g];
}

function finish(t: TarRun): number {
  if (!t.failed) return 0;
  t.ctx.stderr.write("tar: Exiting with failure status due to previous errors\n");
  return 2;
}

export const tar: CommandDef = { name: "tar", help: TAR_HELP, run };
