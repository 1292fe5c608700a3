import type { CommandDef } from "./types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions, usageError } from "./_lib/options.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";
import { parseSize } from "./_lib/size.js";

/** truncate (GNU coreutils 9.1): -s [+-<>/%]SIZE, -r FILE, -c, -o. */

const HELP = `Usage: truncate OPTION... FILE...
Shrink or extend the size of each FILE to the specified size

  -c, --no-create        do not create any files
  -o, --io-blocks        treat SIZE as number of IO blocks instead of bytes
  -r, --reference=RFILE  base size on RFILE
  -s, --size=SIZE        set or adjust the file size by SIZE bytes
`;

export const truncate: CommandDef = {
  name: "truncate",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        noCreate: { short: "c", long: "no-create" },
        ioBlocks: { short: "o", long: "io-blocks" },
        reference: { short: "r", long: "reference", arg: "required" },
        size: { short: "s", long: "size", arg: "required" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    const sizeText = opts.get("size");
    const ref = opts.get("reference");
    if (sizeText === undefined && ref === undefined) {
      usageError(ctx, `you must specify either ${quoteValue("--size")} or ${quoteValue("--reference")}`);
      return 1;
    }
    let op = "";
    let amount = 0;
    if (sizeText !== undefined) {
      let t = sizeText.trimStart();
      if (/^[+\-<>/%]/.test(t)) {
        op = t[0];
        t = t.slice(1);
      }
      const parsed = parseSize(t, "EGKkMmPQRTYZ0");
      if ("error" in parsed || (op === "" && t.startsWith("-"))) {
        ctx.stderr.write(`truncate: Invalid number: ${quoteValue(sizeText)}\n`);
        return 1;
      }
      amount = Number(parsed.value) * (opts.has("ioBlocks") ? 4096 : 1);
      if ((op === "/" || op === "%") && amount === 0) {
        ctx.stderr.write("truncate: division by zero\n");
        return 1;
      }
    }
    let refSize: number | undefined;
    if (ref !== undefined) {
      try {
        refSize = (await ctx.fs.stat(ctx.resolve(ref))).size;
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`truncate: cannot stat ${quoteAlways(ref)}: ${e.message}\n`);
        return 1;
      }
      if (sizeText === undefined) op = "=";
      else if (op === "") {
        usageError(ctx, "you must specify a relative ‘--size’ with ‘--reference’");
        return 1;
      }
    }
    if (opts.operands.length === 0) {
      usageError(ctx, "missing file operand");
      return 1;
    }
    let status = 0;
    for (const name of opts.operands) {
      const path = ctx.resolve(name);
      try {
        let current = 0;
        try {
          current = (await ctx.fs.stat(path)).size;
        } catch (e) {
          if (!isFsError(e, "ENOENT")) throw e;
          if (opts.has("noCreate")) continue;
          await ctx.fs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~ctx.umask });
        }
        const base = refSize ?? current;
        let size: number;
        switch (op) {
          case "+": size = base + amount; break;
          case "-": size = Math.max(0, base - amount); break;
          case "<": size = Math.min(base, amount); break;
          case ">": size = Math.max(base, amount); break;
          case "/": size = Math.floor(base / amount) * amount; break;
          case "%": size = Math.ceil(base / amount) * amount; break;
          case "=": size = base; break;
          default: size = amount;
        }
        await ctx.fs.truncate(path, size);
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`truncate: cannot open ${quoteAlways(name)} for writing: ${e.message}\n`);
        status = 1;
      }
    }
    return status;
  },
};
