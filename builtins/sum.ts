import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { encodeUtf8 } from "../src/io/utf8.js";
import { algorithmNamed } from "./digest/algorithms.js";
import { digestOperand } from "./digest/file.js";
import { formatLine } from "./digest/run.js";

/** sum (GNU coreutils 9.1): the BSD checksum (-r, default) or the System V one (-s). */

const HELP = `Usage: sum [OPTION]... [FILE]...
Print checksum and block counts for each FILE.

With no FILE, or when FILE is -, read standard input.

  -r              use BSD sum algorithm (the default), use 1K blocks
  -s, --sysv      use System V sum algorithm, use 512 bytes blocks
`;

const SPEC: OptionSpec = {
  r: { short: "r" },
  sysv: { short: "s", long: "sysv" },
};

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") return opts;
  let name = "bsd";
  for (const { key } of opts.order) name = key === "sysv" ? "sysv" : "bsd";
  const algorithm = algorithmNamed(name);
  let ok = true;
  for (const operand of opts.operands.length ? opts.operands : ["-"]) {
    const r = await digestOperand(ctx, operand, algorithm);
    if (!r || r === "missing") {
      ok = false;
      continue;
    }
    const line = formatLine(algorithm, operand, r, { tagged: false, binary: false, delim: "\n", args: opts.operands.length > 0, bits: 0 });
    await ctx.stdout.write(encodeUtf8(line));
  }
  return ok ? 0 : 1;
}

export const sum: CommandDef = { name: "sum", help: HELP, run };
