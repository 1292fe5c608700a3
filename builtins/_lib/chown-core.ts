import type { CommandContext } from "../types.js";
import type { FileStat } from "../../src/fs/types.js";
import { FsError, isFsError } from "../../src/fs/types.js";
import { parseOptions, usageError } from "./options.js";
import { quoteAlways, quoteValue } from "./quote.js";
import { groupName, lookupGroup, lookupUser, userName } from "./owner.js";

/**
 * chown and chgrp (GNU chown-core.c): parse the owner spec, walk the files
 * (-R: directories after their contents), and report as GNU does. Ownership
 * changes go through the filesystem's chown when it has one; the sandbox user
 * may only "change" a file to the owner and group it already has.
 */

interface Spec {
  uid?: number;
  gid?: number;
  userText?: string;
  groupText?: string;
}

type Chowner = { chown(path: string, uid: number, gid: number): Promise<void> };

async function applyOwner(ctx: CommandContext, path: string, st: FileStat, uid: number, gid: number): Promise<void> {
  const fs = ctx.fs as unknown as Partial<Chowner>;
  if (typeof fs.chown === "function") return fs.chown(path, uid, gid);
  if (uid !== st.uid || gid !== st.gid) throw new FsError("EPERM", path, "chown");
}

/** Runs chown (`group` false) or chgrp (`group` true). */
export async function runChown(ctx: CommandContext, group: boolean, help: string): Promise<number> {
  const cmd = ctx.name;
  const opts = parseOptions(
    ctx,
    {
      changes: { short: "c", long: "changes" },
      quiet: { short: "f", long: ["silent", "quiet"] },
      verbose: { short: "v", long: "verbose" },
      recursive: { short: "R", long: "recursive" },
      noDeref: { short: "h", long: "no-dereference" },
      deref: { long: "dereference" },
      H: { short: "H" },
      L: { short: "L" },
      P: { short: "P" },
      from: { long: "from", arg: "required" },
      reference: { long: "reference", arg: "required" },
      preserveRoot: { long: "preserve-root" },
      noPreserveRoot: { long: "no-preserve-root" },
    },
    { help },
  );
  if (typeof opts === "number") return opts;
  const operands = [...opts.operands];
  const ref = opts.get("reference");
  const spec: Spec = {};
  if (ref !== undefined) {
    try {
      const st = await ctx.fs.stat(ctx.resolve(ref));
      if (!group) spec.uid = st.uid;
      spec.gid = st.gid;
      spec.userText = group ? undefined : userName(ctx, st.uid);
      spec.groupText = groupName(ctx, st.gid);
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`${cmd}: failed to get attributes of ${quoteAlways(ref)}: ${e.message}\n`);
      return 1;
    }
  } else {
    const text = operands.shift();
    if (text === undefined) {
      usageError(ctx, "missing operand");
      return 1;
    }
    if (operands.length === 0) {
      usageError(ctx, `missing operand after ${quoteValue(text)}`);
      return 1;
    }
    if (group) {
      if (text !== "") {
        const gid = lookupGroup(ctx, text);
        if (gid === undefined) {
          ctx.stderr.write(`chgrp: invalid group: ${quoteValue(text)}\n`);
          return 1;
        }
        spec.gid = gid;
        spec.groupText = text;
      }
    } else if (!parseOwner(ctx, text, spec)) return 1;
  }
  let status = 0;
  const verbose = opts.has("verbose") ? "all" : opts.has("changes") ? "changes" : "none";
  const noun = group ? "group" : "ownership";
  const describe = (st: FileStat) => {
    if (group) return spec.gid === undefined ? "" : groupName(ctx, spec.gid);
    const u = userName(ctx, spec.uid ?? st.uid);
    if (spec.gid !== undefined) return `${u}:${groupName(ctx, spec.gid)}`;
    return spec.uid !== undefined ? u : "";
  };
  const visit = async (name: string, top: boolean): Promise<void> => {
    ctx.budget.step();
    const path = ctx.resolve(name);
    let st: FileStat;
    try {
      const l = await ctx.fs.lstat(path);
      st = l.type === "symlink" && top && !opts.has("noDeref") ? await ctx.fs.stat(path) : l;
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (!opts.has("quiet")) ctx.stderr.write(`${cmd}: cannot access ${quoteAlways(name)}: ${e.message}\n`);
      status = 1;
      return;
    }
    if (opts.has("recursive") && st.type === "directory") {
      for (const e of await ctx.fs.readdir(path).catch(() => [])) {
        await visit(name.endsWith("/") ? name + e.name : name + "/" + e.name, false);
      }
    }
    const uid = spec.uid ?? st.uid;
    const gid = spec.gid ?? st.gid;
    const changed = uid !== st.uid || gid !== st.gid;
    try {
      if (st.type !== "symlink" || top) await applyOwner(ctx, path, st, uid, gid);
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (!opts.has("quiet")) {
        const what = group ? "changing group of" : "changing ownership of";
        ctx.stderr.write(`${cmd}: ${what} ${quoteAlways(name)}: ${e.message}\n`);
      }
      status = 1;
      return;
    }
    if (verbose === "all" || (verbose === "changes" && changed)) {
      const d = describe(st);
      if (!changed) ctx.stdout.write(`${noun} of ${quoteAlways(name)} retained${d ? " as " + d : ""}\n`);
      else {
        const old = group ? groupName(ctx, st.gid) : `${userName(ctx, st.uid)}${spec.gid !== undefined ? ":" + groupName(ctx, st.gid) : ""}`;
        const verb = group ? "changed group" : "changed ownership";
        ctx.stdout.write(`${verb} of ${quoteAlways(name)} from ${old} to ${d}\n`);
      }
    }
  };
  for (const name of operands) await visit(name, true);
  return status;
}

/** OWNER[:[GROUP]], :GROUP, OWNER.GROUP (with GNU's warning). */
function parseOwner(ctx: CommandContext, text: string, spec: Spec): boolean {
  let sep = text.indexOf(":");
  if (sep < 0 && text.includes(".") && lookupUser(ctx, text) === undefined) {
    sep = text.indexOf(".");
    ctx.stderr.write(`chown: warning: '.' should be ':': ${quoteValue(text)}\n`);
  }
  const userPart = sep < 0 ? text : text.slice(0, sep);
  const groupPart = sep < 0 ? undefined : text.slice(sep + 1);
  if (userPart !== "") {
    const uid = lookupUser(ctx, userPart);
    if (uid === undefined) {
      ctx.stderr.write(`chown: invalid user: ${quoteValue(text)}\n`);
      return false;
    }
    spec.uid = uid;
    spec.userText = userPart;
  }
  if (groupPart !== undefined && groupPart !== "") {
    const gid = lookupGroup(ctx, groupPart);
    if (gid === undefined) {
      ctx.stderr.write(`chown: invalid group: ${quoteValue(text)}\n`);
      return false;
    }
    spec.gid = gid;
  } else if (groupPart === "" && spec.uid !== undefined) {
    // "user:" means the user's login group.
    spec.gid = spec.uid === ctx.sandbox.uid ? ctx.sandbox.gid : spec.uid === 0 ? 0 : spec.uid;
  }
  return true;
}
