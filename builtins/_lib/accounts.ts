import type { CommandContext } from "../types.js";
import { decodeUtf8 } from "../../src/io/utf8.js";

/**
 * The user database as getpwnam/getgrgid read it: /etc/passwd and /etc/group
 * in the sandbox file system (id, groups). The sandbox user is always known,
 * even when a script has rewritten those files.
 */

export interface Account {
  name: string;
  uid: number;
  gid: number;
}

export interface Group {
  name: string;
  gid: number;
  members: string[];
}

async function readTable(ctx: CommandContext, path: string): Promise<string[][]> {
  try {
    const text = decodeUtf8(await ctx.fs.readFile(path));
    return text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(":"));
  } catch {
    return [];
  }
}

/** The user database of the sandbox. */
export class Accounts {
  private constructor(
    readonly users: Account[],
    readonly groups: Group[],
  ) {}

  static async load(ctx: CommandContext): Promise<Accounts> {
    const users: Account[] = [];
    for (const f of await readTable(ctx, "/etc/passwd")) {
      if (f.length >= 4 && /^\d+$/.test(f[2]) && /^\d+$/.test(f[3])) users.push({ name: f[0], uid: +f[2], gid: +f[3] });
    }
    if (!users.some((u) => u.uid === ctx.sandbox.uid)) users.push({ name: ctx.sandbox.user, uid: ctx.sandbox.uid, gid: ctx.sandbox.gid });
    const groups: Group[] = [];
    for (const f of await readTable(ctx, "/etc/group")) {
      if (f.length >= 3 && /^\d+$/.test(f[2])) groups.push({ name: f[0], gid: +f[2], members: (f[3] ?? "").split(",").filter(Boolean) });
    }
    if (!groups.some((g) => g.gid === ctx.sandbox.gid)) groups.push({ name: ctx.sandbox.group, gid: ctx.sandbox.gid, members: [] });
    return new Accounts(users, groups);
  }

  byName(name: string): Account | undefined {
    return this.users.find((u) => u.name === name);
  }

  byUid(uid: number): Account | undefined {
    return this.users.find((u) => u.uid === uid);
  }

  /** A user named on the command line: a name, else a number (as GNU id and groups try). */
  lookup(operand: string): Account | undefined {
    const named = this.byName(operand);
    if (named) return named;
    if (/^\+?\d+$/.test(operand)) return this.byUid(Number(operand));
    return undefined;
  }

  groupName(gid: number): string | undefined {
    return this.groups.find((g) => g.gid === gid)?.name;
  }

  userName(uid: number): string | undefined {
    return this.byUid(uid)?.name;
  }

  /** getgrouplist: the primary group first, then each group listing the user, without repeats. */
  groupsOf(user: Account): number[] {
    const out = [user.gid];
    for (const g of this.groups) if (g.members.includes(user.name) && !out.includes(g.gid)) out.push(g.gid);
    return out;
  }
}
