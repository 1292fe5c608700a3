import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { Accounts, type Account } from "./_lib/accounts.js";
import { quoteValue } from "./_lib/quote.js";

/**
 * id: user and group ids of the sandbox process or of named users, as GNU
 * coreutils 9.1 prints them. The sandbox kernel has no SELinux, so -Z fails
 * the moment it is seen, as GNU does.
 */

const HELP = `Usage: id [OPTION]... [USER]...
Print user and group information for each specified USER,
or (when USER omitted) for the current process.

  -a             ignore, for compatibility with other versions
  -Z, --context  print only the security context of the process
  -g, --group    print only the effective group ID
  -G, --groups   print all group IDs
  -n, --name     print a name instead of a number, for -ugG
  -r, --real     print the real ID instead of the effective ID, with -ugG
  -u, --user     print only the effective user ID
  -z, --zero     delimit entries with NUL characters, not whitespace;
                   not permitted in default format
      --help        display this help and exit
      --version     output version information and exit

Without any OPTION, print some useful set of identified information.
`;

// In GNU's long-option order.
const SPEC: OptionSpec = {
  a: { short: "a" },
  Z: { short: "Z", long: "context" },
  g: { short: "g", long: "group" },
  G: { short: "G", long: "groups" },
  n: { short: "n", long: "name" },
  r: { short: "r", long: "real" },
  u: { short: "u", long: "user" },
  z: { short: "z", long: "zero" },
};

function die(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`id: ${message}\n`);
  return 1;
}

async function run(ctx: CommandContext): Promise<number> {
  // GNU dies on -Z as soon as getopt returns it, before later options are seen.
  const zAt = ctx.args.findIndex((a) => a === "--" || /^-[^-]*Z/.test(a) || (a.length > 2 && "--context".startsWith(a)));
  const opts = parseOptions(ctx, SPEC, { help: HELP }, zAt >= 0 && ctx.args[zAt] !== "--" ? ctx.args.slice(0, zAt + 1) : ctx.args);
  if (typeof opts === "number") return opts;
  if (opts.has("Z")) return die(ctx, "--context (-Z) works only on an SELinux-enabled kernel");
  const only = ["u", "g", "G"].filter((k) => opts.has(k));
  if (only.length > 1) return die(ctx, 'cannot print "only" of more than one choice');
  const byName = opts.has("n");
  const zero = opts.has("z");
  if (only.length === 0 && (opts.has("r") || byName)) return die(ctx, "cannot print only names or real IDs in default format");
  if (only.length === 0 && zero) return die(ctx, "option --zero not permitted in default format");
  const db = await Accounts.load(ctx);
  const self: Account = { name: ctx.sandbox.user, uid: ctx.sandbox.uid, gid: ctx.sandbox.gid };
  const targets: Array<Account | null> = [];
  let status = 0;
  if (opts.operands.length === 0) targets.push(null);
  for (const operand of opts.operands) {
    const user = db.lookup(operand);
    if (user) targets.push(user);
    else {
      ctx.stderr.write(`id: ${quoteValue(operand)}: no such user\n`);
      status = 1;
    }
  }
  const uname = (uid: number) => db.userName(uid);
  const gname = (gid: number) => db.groupName(gid);
  const end = zero ? "\0" : "\n";
  let out = "";
  for (const t of targets) {
    const user = t ?? self;
    // The process itself has no supplementary groups (as the recorder runs it).
    const gids = t ? db.groupsOf(t) : [self.gid];
    if (only[0] === "u" || only[0] === "g") {
      const id = only[0] === "u" ? user.uid : user.gid;
      const name = only[0] === "u" ? uname(id) : gname(id);
      if (byName && name === undefined) {
        ctx.stderr.write(`id: cannot find name for ${only[0] === "u" ? "user" : "group"} ID ${id}\n`);
        out += id + end;
        status = 1;
      } else out += (byName ? name : String(id)) + end;
    } else if (only[0] === "G") {
      out += gids.map((g) => (byName ? (gname(g) ?? String(g)) : String(g))).join(zero ? "\0" : " ") + end;
    } else {
      const show = (id: number, name: string | undefined) => (name === undefined ? String(id) : `${id}(${name})`);
      out += `uid=${show(user.uid, uname(user.uid))} gid=${show(user.gid, gname(user.gid))} groups=`;
      out += gids.map((g) => show(g, gname(g))).join(",") + "\n";
    }
  }
  ctx.stdout.write(out);
  return status;
}

export const id: CommandDef = { name: "id", help: HELP, run };
