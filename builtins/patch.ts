import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { readInput } from "./_lib/input.js";
import { quoteFile } from "./_lib/quote.js";
import { bytesToLatin1, decodeUtf8, latin1ToBytes } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";
import { parsePatch, splitKeepingNewlines, type FilePatch, type Hunk } from "./patch/parse.js";
import { applyHunk, FileState, finish, locateHunk, maxFuzzFor, rejectContext, rejectUnified, swapHunk } from "./patch/apply.js";

/**
 * patch (GNU patch 2.7.6): unified, context and normal diffs; -p (basename
 * without it), -R, -N, -f/-t, --dry-run, -i, -o, -d, -b, -E, -F, -r, -s; hunks
 * placed with offsets and fuzz as GNU does, failed hunks saved to NAME.rej.
 * There is never a terminal: GNU's questions are answered with their defaults.
 */

const HELP = `Usage: patch [OPTION]... [ORIGFILE [PATCHFILE]]
`;

const SPEC: OptionSpec = {
  strip: { short: "p", long: "strip", arg: "required" },
  reverse: { short: "R", long: "reverse" },
  forward: { short: "N", long: "forward" },
  force: { short: "f", long: "force" },
  batch: { short: "t", long: "batch" },
  dryRun: { long: "dry-run" },
  input: { short: "i", long: "input", arg: "required" },
  output: { short: "o", long: "output", arg: "required" },
  directory: { short: "d", long: "directory", arg: "required" },
  backup: { short: "b", long: "backup" },
  removeEmpty: { short: "E", long: "remove-empty-files" },
  fuzz: { short: "F", long: "fuzz", arg: "required" },
  rejectFile: { short: "r", long: "reject-file", arg: "required" },
  silent: { short: "s", long: ["silent", "quiet"] },
  verbose: { long: "verbose" },
  unified: { short: "u", long: "unified" },
  context: { short: "c", long: "context" },
  normal: { short: "n", long: "normal" },
  noBackupIfMismatch: { long: "no-backup-if-mismatch" },
  backupIfMismatch: { long: "backup-if-mismatch" },
  posix: { long: "posix" },
  ignoreWhitespace: { short: "l", long: "ignore-whitespace" },
  version: { short: "v", long: "version" },
};

interface Settings {
  strip: number | null;
  reverse: boolean;
  forward: boolean;
  force: boolean;
  batch: boolean;
  dryRun: boolean;
  backup: boolean;
  removeEmpty: boolean;
  maxFuzz: number;
  silent: boolean;
  output: string | null;
  rejectFile: string | null;
  dir: string;
}

class Output {
  text = "";
  say(s: string): void {
    this.text += s;
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, {
    help: HELP,
    version: "GNU patch 2.7.6",
    report: (message) => {
      ctx.stderr.write(`patch: ${message}\npatch: Try 'patch --help' for more information.\n`);
      return 2;
    },
  });
  if (typeof opts === "number") return opts;
  const s: Settings = {
    strip: null, reverse: false, forward: false, force: false, batch: false, dryRun: false, backup: false,
    removeEmpty: false, maxFuzz: 2, silent: false, output: null, rejectFile: null, dir: ctx.cwd,
  };
  for (const { key, value } of opts.order) {
    const v = value as string;
    if (key === "version") {
      ctx.stdout.write("GNU patch 2.7.6\n");
      return 0;
    }
    if (key === "strip") {
      if (!/^\d+$/.test(v)) return fatal(ctx, `strip count ${v} is not a number`);
      s.strip = Number(v);
    } else if (key === "reverse") s.reverse = true;
    else if (key === "forward") s.forward = true;
    else if (key === "force") s.force = true;
    else if (key === "batch") s.batch = true;
    else if (key === "dryRun") s.dryRun = true;
    else if (key === "backup") s.backup = true;
    else if (key === "removeEmpty") s.removeEmpty = true;
    else if (key === "fuzz") {
      if (!/^\d+$/.test(v)) return fatal(ctx, `fuzz factor ${v} is not a number`);
      s.maxFuzz = Number(v);
    } else if (key === "silent") s.silent = true;
    else if (key === "output") s.output = v;
    else if (key === "rejectFile") s.rejectFile = v;
    else if (key === "directory") s.dir = ctx.resolve(v);
  }
  const operands = opts.operands;
  if (operands.length > 2) {
    ctx.stderr.write(`patch: extra operand ${quoteFile(operands[2])}\npatch: Try 'patch --help' for more information.\n`);
    return 2;
  }
  let patchText: string;
  const source = opts.get("input") ?? operands[1];
  try {
    patchText = bytesToLatin1(source === undefined ? await readInput(ctx, "-") : await readInput(ctx, source));
  } catch (e) {
    if (!isFsError(e)) throw e;
    return fatal(ctx, `Can't open patch file ${source} : ${e.message}`);
  }
  let patches: FilePatch[];
  try {
    patches = parsePatch(patchText);
  } catch (e) {
    return fatal(ctx, (e as Error).message);
  }
  if (patches.length === 0) {
    if (patchText.trim() === "") return 0;
    return fatal(ctx, "Only garbage was found in the patch input.");
  }
  const out = new Output();
  let status = 0;
  for (const p of patches) {
    ctx.budget.step();
    const r = await patchOneFile(ctx, s, p, operands[0] ?? null, opts.has("strip"), out);
    status = Math.max(status, r);
    await ctx.stdout.write(latin1ToBytes(out.text));
    out.text = "";
  }
  return status;
}

function fatal(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`patch: **** ${message}\n`);
  return 2;
}

/** Strips the smallest prefix with `n` slashes (null: the basename, GNU's default). */
function stripName(name: string | null, n: number | null): string | null {
  if (name === null || name === "/dev/null") return null;
  if (n === null) return name.split("/").filter(Boolean).pop() ?? null;
  let rest = name;
  for (let k = 0; k < n; k++) {
    const slash = rest.indexOf("/");
    if (slash < 0) return null;
    rest = rest.slice(slash + 1).replace(/^\/+/, "");
  }
  return rest || null;
}

/** best_name: fewest directory components, then shortest basename, then shortest name; the first wins ties. */
function bestName(names: (string | null)[]): number {
  const comps: number[] = [];
  const bases: number[] = [];
  const lens: number[] = [];
  let cMin = Infinity;
  let bMin = Infinity;
  let lMin = Infinity;
  names.forEach((n, i) => {
    if (n === null) return;
    comps[i] = n.split("/").filter(Boolean).length - 1;
    if (cMin < comps[i]) return;
    cMin = comps[i];
    bases[i] = (n.split("/").filter(Boolean).pop() ?? "").length;
    if (bMin < bases[i]) return;
    bMin = bases[i];
    lens[i] = n.length;
    if (lMin < lens[i]) return;
    lMin = lens[i];
  });
  return names.findIndex((n, i) => n !== null && comps[i] === cMin && bases[i] === bMin && lens[i] === lMin);
}

const EPOCH = /^\s*(1970-01-01|1969-12-31)|Jan +1 +\d\d:\d\d:\d\d 1970|Dec 31 +\d\d:\d\d:\d\d 1969/;

/** Whether the patch says the old (or new) side does not exist: /dev/null or an epoch timestamp. */
function saysNonexistent(name: string | null, stamp: string): boolean {
  return name === "/dev/null" || (stamp !== "" && EPOCH.test(stamp.trim()));
}

async function exists(ctx: CommandContext, path: string): Promise<boolean> {
  try {
    return (await ctx.fs.stat(path)).type !== "directory";
  } catch {
    return false;
  }
}

async function patchOneFile(
  ctx: CommandContext,
  s: Settings,
  p: FilePatch,
  origFile: string | null,
  stripGiven: boolean,
  out: Output,
): Promise<number> {
  const hunks = s.reverse ? p.hunks.map(swapHunk) : p.hunks;
  let reverse = s.reverse;
  const abs = (n: string) => (n.startsWith("/") ? n : `${s.dir}/${n}`);
  const names = [stripName(p.oldName, s.strip), stripName(p.newName, s.strip), p.indexName === null ? null : stripName(p.indexName, s.strip)];
  // An old side "-0,0" (new side "+0,0") in the only hunk also says the file is created (deleted).
  const only = p.hunks.length === 1 ? p.hunks[0] : null;
  const oldMissing = saysNonexistent(p.oldName, p.oldStamp) || (only !== null && only.oldCount === 0 && only.oldFirst === 1);
  const newMissing = saysNonexistent(p.newName, p.newStamp) || (only !== null && only.newCount === 0 && only.newFirst === 1);
  let target: string | null = origFile;
  if (target === null) {
    const present = await Promise.all(names.map(async (n) => (n !== null && (await exists(ctx, abs(n))) ? n : null)));
    const i = bestName(present);
    if (i >= 0) target = present[i];
    else if ((reverse ? newMissing : oldMissing) || p.format === "normal") {
      const j = bestName(names);
      if (j >= 0) target = names[j];
    }
  }
  const plural = (n: number) => (n === 1 ? "" : "s");
  if (target === null) {
    out.say(`can't find file to patch at input line ${p.headerLine + 1}\n`);
    out.say(stripGiven ? "Perhaps you used the wrong -p or --strip option?\n" : "Perhaps you should have used the -p or --strip option?\n");
    out.say("The text leading up to this was:\n--------------------------\n");
    for (const l of p.leadingText) out.say("|" + (l.endsWith("\n") ? l : l + "\n"));
    out.say("--------------------------\n");
    out.say("File to patch: \nSkip this patch? [y] \nSkipping patch.\n");
    out.say(`${hunks.length} out of ${hunks.length} hunk${plural(hunks.length)} ignored\n`);
    return 1;
  }
  const path = abs(target);
  let inputText = "";
  let fileExisted = false;
  try {
    inputText = bytesToLatin1(await ctx.fs.readFile(path));
    fileExisted = true;
  } catch (e) {
    if (!isFsError(e)) throw e;
  }
  const shown = (n: string) => quoteFile(decodeUtf8(latin1ToBytes(n)));
  if (!s.silent) {
    const readFrom = s.output !== null ? ` (read from ${shown(target)})` : "";
    out.say(`${s.dryRun ? "checking" : "patching"} file ${shown(s.output ?? target)}${readFrom}\n`);
  }
  const st = new FileState(splitKeepingNewlines(inputText));
  const rejects: Hunk[] = [];
  const rejectOffsets: number[] = [];
  let failed = 0;
  let skipRest = false;
  for (let n = 0; n < hunks.length; n++) {
    let h = hunks[n];
    if (skipRest) {
      rejects.push(h);
      rejectOffsets.push(st.outOffset);
      failed++;
      continue;
    }
    let where = 0;
    let fuzz = 0;
    const maxFuzz = maxFuzzFor(h, s.maxFuzz);
    for (;;) {
      where = locateHunk(st, h, fuzz);
      if (n === 0 && !where && fuzz === 0 && !s.force) {
        // GNU's guess: a patch that does not fit may be reversed (or applied already).
        const swapped = swapHunk(h);
        const saved = st.inOffset;
        const w = locateHunk(st, swapped, 0);
        st.inOffset = saved;
        if (w) {
          const kind = reverse ? "Unreversed patch detected!" : "Reversed (or previously applied) patch detected!";
          if (s.forward && !reverse) {
            out.say(`${kind}  Skipping patch.\n`);
            skipRest = true;
          } else if (s.batch) {
            out.say(`${kind}  ${reverse ? "Ignoring" : "Assuming"} -R.\n`);
            reverse = !reverse;
            for (let k = n; k < hunks.length; k++) hunks[k] = swapHunk(hunks[k]);
            h = hunks[n];
            where = locateHunk(st, h, 0);
          } else {
            out.say(`${kind}  ${reverse ? "Ignore" : "Assume"} -R? [n] \nApply anyway? [n] \nSkipping patch.\n`);
            skipRest = true;
          }
        }
      }
      if (skipRest || where || ++fuzz > maxFuzz) break;
    }
    if (skipRest) {
      rejects.push(h);
      rejectOffsets.push(st.outOffset);
      failed++;
      continue;
    }
    const newWhere = (where || h.oldFirst + st.inOffset) + (h.newFirst - h.oldFirst);
    if (!where) {
      failed++;
      rejects.push(h);
      rejectOffsets.push(st.outOffset);
      if (!s.silent) out.say(`Hunk #${n + 1} FAILED at ${newWhere}.\n`);
      continue;
    }
    const offset = st.inOffset;
    applyHunk(st, h, where);
    if (!s.silent && (fuzz || offset)) {
      out.say(`Hunk #${n + 1} succeeded at ${newWhere}`);
      if (fuzz) out.say(` with fuzz ${fuzz}`);
      if (offset) out.say(` (offset ${offset} line${offset === 1 || offset === -1 ? "" : "s"})`);
      out.say(".\n");
    }
  }
  const result = finish(st).join("");
  const outName = s.output ?? target;
  if (!s.dryRun) {
    const outPath = abs(outName);
    if (s.backup && fileExisted) await ctx.fs.writeFile(outPath + ".orig", latin1ToBytes(inputText));
    const deleting = (reverse ? oldMissing : newMissing) || s.removeEmpty;
    if (deleting && result === "" && s.output === null) {
      await removeWithParents(ctx, outPath, s.dir);
    } else {
      await makeParents(ctx, outPath);
      await ctx.fs.writeFile(outPath, latin1ToBytes(result));
    }
  }
  if (failed) {
    const total = hunks.length;
    out.say(`${failed} out of ${total} hunk${plural(total)} ${skipRest ? "ignored" : "FAILED"}`);
    const rejName = s.rejectFile ?? `${outName}.rej`;
    if (s.dryRun) out.say("\n");
    else {
      out.say(` -- saving rejects to file ${quoteFile(decodeUtf8(latin1ToBytes(rejName)))}\n`);
      const oldN = names[reverse ? 1 : 0] ?? "/dev/null";
      const newN = names[reverse ? 0 : 1] ?? "/dev/null";
      const oldStamp = reverse ? p.newStamp : p.oldStamp;
      const newStamp = reverse ? p.oldStamp : p.newStamp;
      let rej = p.format === "unified" ? `--- ${oldN}${oldStamp}\n+++ ${newN}${newStamp}\n` : `*** ${oldN}${oldStamp}\n--- ${newN}${newStamp}\n`;
      rejects.forEach((h, k) => {
        rej += p.format === "unified" ? rejectUnified(h, rejectOffsets[k]) : rejectContext(h, rejectOffsets[k]);
      });
      await ctx.fs.writeFile(abs(rejName), latin1ToBytes(rej));
    }
    return 1;
  }
  return 0;
}

async function makeParents(ctx: CommandContext, path: string): Promise<void> {
  const dir = path.slice(0, path.lastIndexOf("/"));
  if (dir && !(await ctx.fs.exists(dir))) await ctx.fs.mkdir(dir, { recursive: true });
}

/** Removes a file the patch deletes, then its parent directories that became empty (GNU does). */
async function removeWithParents(ctx: CommandContext, path: string, base: string): Promise<void> {
  try {
    await ctx.fs.unlink(path);
  } catch (e) {
    if (!isFsError(e)) throw e;
    return;
  }
  let dir = path.slice(0, path.lastIndexOf("/"));
  while (dir.length > base.length && dir.startsWith(base + "/")) {
    try {
      if ((await ctx.fs.readdir(dir)).length) break;
      await ctx.fs.rmdir(dir);
    } catch {
      break;
    }
    dir = dir.slice(0, dir.lastIndexOf("/"));
  }
}

export const patch: CommandDef = { name: "patch", help: HELP, run };

