import type { CommandDef } from "./types.js";
import { isFsError } from "../src/fs/types.js";
import { parseOptions } from "./_lib/options.js";
import { humanSize, parseBlockSize } from "./_lib/human.js";
import { quoteAlways, quoteValue } from "./_lib/quote.js";

/**
 * df (GNU coreutils 9.1 layout) over the sandbox's one filesystem: a tmpfs on /
 * whose size is the embedding's maxFileSystemBytes and maxFileCount, and whose
 * usage is what the filesystem reports (MemFs.usage()), never the host's.
 */

const HELP = `Usage: df [OPTION]... [FILE]...
Show information about the file system on which each FILE resides,
or all file systems by default.

  -a, --all             include pseudo, duplicate, inaccessible file systems
  -B, --block-size=SIZE  scale sizes by SIZE before printing them
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -i, --inodes          list inode information instead of block usage
  -k                    like --block-size=1K
  -l, --local           limit listing to local file systems
      --output[=FIELD_LIST]  use the output format defined by FIELD_LIST
  -P, --portability     use the POSIX output format
      --total           elide all entries insignificant to available space,
                          and produce a grand total
  -t, --type=TYPE       limit listing to file systems of type TYPE
  -T, --print-type      print file system type
  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE
`;

type Field = "source" | "fstype" | "size" | "used" | "avail" | "pcent" | "itotal" | "iused" | "iavail" | "ipcent" | "target" | "file";
const FIELDS: Field[] = ["source", "fstype", "itotal", "iused", "iavail", "ipcent", "size", "used", "avail", "pcent", "file", "target"];
const MIN_WIDTH: Record<Field, number> = {
  source: 14, fstype: 4, size: 5, used: 5, avail: 5, pcent: 4, itotal: 5, iused: 5, iavail: 5, ipcent: 5, target: 0, file: 0,
};
const LEFT = new Set<Field>(["source", "fstype", "target", "file"]);

function percent(used: number, avail: number): string {
  const total = used + avail;
  if (total === 0) return "-";
  return `${Math.ceil((used * 100) / total)}%`;
}

export const df: CommandDef = {
  name: "df",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        all: { short: "a", long: "all" },
        blockSize: { short: "B", long: "block-size", arg: "required" },
        human: { short: "h", long: "human-readable" },
        si: { short: "H", long: "si" },
        inodes: { short: "i", long: "inodes" },
        k: { short: "k" },
        local: { short: "l", long: "local" },
        m: { short: "m" },
        noSync: { long: "no-sync" },
        output: { long: "output", arg: "optional" },
        portability: { short: "P", long: "portability" },
        sync: { long: "sync" },
        total: { long: "total" },
        type: { short: "t", long: "type", arg: "required" },
        printType: { short: "T", long: "print-type" },
        exclude: { short: "x", long: "exclude-type", arg: "required" },
        v: { short: "v" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    let unit = 1024;
    let human: "" | "iec" | "si" = "";
    for (const { key, value } of opts.order) {
      if (key === "human") human = "iec";
      else if (key === "si") human = "si";
      else if (key === "k") { unit = 1024; human = ""; }
      else if (key === "m") { unit = 1048576; human = ""; }
      else if (key === "blockSize") {
        const n = parseBlockSize(value as string);
        if (n === null) {
          const given = ctx.args.some((a) => a.startsWith("--b")) ? "--block-size" : "-B";
          ctx.stderr.write(`df: invalid ${given} argument ${quoteAlways(value as string)}\n`);
          return 1;
        }
        unit = n;
        human = "";
      }
    }
    let fields: Field[];
    const outputText = opts.values.get("output");
    if (outputText !== undefined) {
      fields = typeof outputText === "string" ? (outputText.split(",") as Field[]) : FIELDS;
      const bad = fields.find((f) => !FIELDS.includes(f));
      if (bad !== undefined) {
        ctx.stderr.write(`df: option --output: field ${quoteValue(bad)} unknown\nTry 'df --help' for more information.\n`);
        return 1;
      }
    } else if (opts.has("inodes")) {
      fields = ["source", "itotal", "iused", "iavail", "ipcent", "target"];
    } else {
      fields = ["source", "size", "used", "avail", "pcent", "target"];
    }
    if (opts.has("printType") && !fields.includes("fstype")) fields.splice(1, 0, "fstype");
    const types = opts.all("type");
    const excluded = opts.all("exclude");
    const limits = ctx.budget.limits;
    const usage = (ctx.fs as unknown as { usage?: () => { bytes: number; files: number } }).usage?.() ?? { bytes: 0, files: 0 };
    const sizeBytes = Number.isFinite(limits.maxFileSystemBytes) ? limits.maxFileSystemBytes : 2 ** 40;
    const inodes = Number.isFinite(limits.maxFileCount) ? limits.maxFileCount : 2 ** 20;
    const usedBytes = Math.min(sizeBytes, Math.ceil(usage.bytes / 4096) * 4096);
    const show = (bytes: number) => (human ? humanSize(bytes, human === "si") : String(Math.ceil(bytes / unit)));
    const headerOf = (f: Field): string => {
      switch (f) {
        case "source": return "Filesystem";
        case "fstype": return "Type";
        case "size":
          if (human) return "Size";
          if (opts.has("portability")) return `${unit === 1024 ? 1024 : unit}-blocks`;
          return unit % 1048576 === 0 ? `${unit / 1048576}M-blocks` : unit % 1024 === 0 ? `${unit / 1024}K-blocks` : `${unit}B-blocks`;
        case "used": return "Used";
        case "avail": return human ? "Avail" : "Available";
        case "pcent": return opts.has("portability") ? "Capacity" : "Use%";
        case "itotal": return "Inodes";
        case "iused": return "IUsed";
        case "iavail": return "IFree";
        case "ipcent": return "IUse%";
        case "target": return "Mounted on";
        case "file": return "File";
      }
    };
    const row = (file: string, label = "tmpfs", target = "/"): Record<Field, string> => ({
      source: label,
      fstype: "tmpfs",
      size: show(sizeBytes),
      used: show(usedBytes),
      avail: show(sizeBytes - usedBytes),
      pcent: percent(usedBytes, sizeBytes - usedBytes),
      itotal: String(inodes),
      iused: String(usage.files),
      iavail: String(inodes - usage.files),
      ipcent: percent(usage.files, inodes - usage.files),
      target,
      file,
    });
    let status = 0;
    const rows: Array<Record<Field, string>> = [];
    const wanted = (types.length === 0 || types.includes("tmpfs")) && !excluded.includes("tmpfs");
    if (opts.operands.length === 0) {
      if (wanted) rows.push(row("-"));
    } else {
      for (const name of opts.operands) {
        try {
          await ctx.fs.stat(ctx.resolve(name));
          if (wanted) rows.push(row(name));
        } catch (e) {
          if (!isFsError(e)) throw e;
          ctx.stderr.write(`df: ${name}: ${e.message}\n`);
          status = 1;
        }
      }
    }
    if (rows.length === 0) {
      if (status === 0) ctx.stderr.write("df: no file systems processed\n");
      return 1;
    }
    if (opts.has("total")) rows.push({ ...row("-", "total", "-"), fstype: "-" });
    const table = [Object.fromEntries(fields.map((f) => [f, headerOf(f)])) as Record<Field, string>, ...rows];
    const widths = fields.map((f) => Math.max(MIN_WIDTH[f], ...table.map((r) => [...r[f]].length)));
    let out = "";
    for (const r of table) {
      const cells = fields.map((f, i) => {
        const last = i === fields.length - 1;
        const v = r[f];
        if (LEFT.has(f)) return last ? v : v.padEnd(widths[i]);
        return v.padStart(widths[i]);
      });
      out += cells.join(" ") + "\n";
    }
    await ctx.stdout.write(out);
    return status;
  },
};
