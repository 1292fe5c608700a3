import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions } from "./_lib/options.js";
import { encodeUtf8 } from "../src/io/utf8.js";

/**
 * yes: the operands (or "y") joined by spaces, over and over. It writes a
 * block of whole lines at a time and ends when the reader goes away
 * (BrokenPipe) or the budget runs out.
 */

const HELP = `Usage: yes [STRING]...
  or:  yes OPTION
Repeatedly output a line with all specified STRING(s), or 'y'.

      --help        display this help and exit
      --version     output version information and exit
`;

const BLOCK = 8192;

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, {}, { help: HELP });
  if (typeof opts === "number") return opts;
  const line = encodeUtf8((opts.operands.length ? opts.operands.join(" ") : "y") + "\n");
  const copies = Math.max(1, Math.floor(BLOCK / line.length));
  const block = new Uint8Array(line.length * copies);
  for (let i = 0; i < copies; i++) block.set(line, i * line.length);
  for (;;) {
    ctx.budget.step();
    await ctx.stdout.write(block);
  }
}

export const yes: CommandDef = { name: "yes", help: HELP, run };
