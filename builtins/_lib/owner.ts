import type { CommandContext } from "../types.js";

/**
 * User and group names of the simulated machine: the sandbox user and group, and
 * root. Other ids print as numbers, as the GNU tools do for ids without a name.
 */

/** The name of a uid (ls -l, stat %U, find -user). */
export function userName(ctx: CommandContext, uid: number): string {
  if (uid === ctx.sandbox.uid) return ctx.sandbox.user;
  if (uid === 0) return "root";
  return String(uid);
}

/** The name of a gid (ls -l, stat %G, find -group). */
export function groupName(ctx: CommandContext, gid: number): string {
  if (gid === ctx.sandbox.gid) return ctx.sandbox.group;
  if (gid === 0) return "root";
  return String(gid);
}

/** The uid of a user name or number, or undefined when unknown (find -user, chown). */
export function lookupUser(ctx: CommandContext, name: string): number | undefined {
  if (name === ctx.sandbox.user) return ctx.sandbox.uid;
  if (name === "root") return 0;
  return /^\d+$/.test(name) ? Number(name) : undefined;
}

/** The gid of a group name or number, or undefined when unknown. */
export function lookupGroup(ctx: CommandContext, name: string): number | undefined {
  if (name === ctx.sandbox.group) return ctx.sandbox.gid;
  if (name === "root") return 0;
  return /^\d+$/.test(name) ? Number(name) : undefined;
}
