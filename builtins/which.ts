import type { CommandContext, CommandDef } from "./types.js";
import { permitted } from "./_lib/exec.js";

/**
 * which (Debian debianutils' shell script): for each name, the first (-a:
 * every) executable regular file of that name along PATH, printed as the PATH
 * entry spells it ("." for an empty entry); a name with a slash is checked
 * as is. Status 1 when a name is not found or there are no names, 2 for a
 * bad option (dash getopts' message, then the usage line on stdout).
 */

const USAGE = "Usage: /usr/bin/which [-a] args\n";

async function isExecutableFile(ctx: CommandContext, path: string): Promise<boolean> {
  try {
    const st = await ctx.fs.stat(ctx.resolve(path));
    return st.type === "file" && permitted(ctx, st, 1);
  } catch {
    return false;
  }
}

/** dash getopts over "a": leading options up to the first operand or "--". */
function parseArgs(ctx: CommandContext): { all: boolean; names: string[] } | number {
  let all = false;
  let i = 0;
  for (; i < ctx.args.length; i++) {
    const a = ctx.args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== "-") break;
    for (const c of a.slice(1)) {
      if (c !== "a") {
        ctx.stderr.write(`Illegal option -${c}\n`);
        ctx.stdout.write(USAGE);
        return 2;
      }
      all = true;
    }
  }
  return { all, names: ctx.args.slice(i) };
}

async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseArgs(ctx);
  if (typeof parsed === "number") return parsed;
  let path = ctx.env.get("PATH") ?? "";
  // The script's `case $PATH in (*[!:]:) PATH="$PATH:"`: a trailing colon is an empty entry.
  if (/[^:]:$/.test(path)) path += ":";
  // IFS=: field splitting: a final empty field disappears.
  const entries = path === "" ? [] : path.split(":");
  if (entries.length && entries[entries.length - 1] === "") entries.pop();
  let status = parsed.names.length === 0 ? 1 : 0;
  let out = "";
  for (const name of parsed.names) {
    ctx.budget.step();
    let found = false;
    if (name.includes("/")) {
      if (await isExecutableFile(ctx, name)) {
        out += name + "\n";
        found = true;
      }
    } else {
      for (const entry of entries) {
        const candidate = `${entry || "."}/${name}`;
        if (await isExecutableFile(ctx, candidate)) {
          out += candidate + "\n";
          found = true;
          if (!parsed.all) break;
        }
      }
    }
    if (!found) status = 1;
  }
  await ctx.stdout.write(out);
  return status;
}

export const which: CommandDef = { name: "which", help: USAGE, run };
