import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions } from "./_lib/options.js";
import { Accounts } from "./_lib/accounts.js";
import { quoteValue } from "./_lib/quote.js";

/**
 * groups: the group names of the sandbox process, or "USER : groups" for each
 * USER named (GNU coreutils 9.1). The process has no supplementary groups.
 */

const HELP = `Usage: groups [OPTION]... [USERNAME]...
Print group memberships for each USERNAME or, if no USERNAME is specified, for
the current process (which may differ if the groups database has changed).
      --help        display this help and exit
      --version     output version information and exit
`;

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, {}, { help: HELP });
  if (typeof opts === "number") return opts;
  const db = await Accounts.load(ctx);
  const name = (gid: number) => db.groupName(gid) ?? String(gid);
  if (opts.operands.length === 0) {
    ctx.stdout.write(name(ctx.sandbox.gid) + "\n");
    return 0;
  }
  let status = 0;
  for (const operand of opts.operands) {
    const user = db.byName(operand);
    if (!user) {
      ctx.stderr.write(`groups: ${quoteValue(operand)}: no such user\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(`${operand} : ${db.groupsOf(user).map(name).join(" ")}\n`);
  }
  return status;
}

export const groups: CommandDef = { name: "groups", help: HELP, run };
