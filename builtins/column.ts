import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { openInput, readWhole } from "./_lib/input.js";
import { charWidth } from "./_lib/width.js";
import { isFsError } from "../src/fs/types.js";
import { ColumnError, renderTable, splitCells, type TableSettings } from "./column/table.js";

/**
 * column (util-linux 2.38): lists in columns filled down (default) or across
 * (-x), padded with tabs to multiples of 8, within the width from -c or
 * COLUMNS (80 by default); or tables with -t (see column/table.ts).
 */

const HELP = `
Usage:
 column [options] [<file>...]

Columnate lists.
`;

const SPEC: OptionSpec = {
  table: { short: "t", long: "table" },
  tableName: { short: "n", long: "table-name", arg: "required" },
  order: { short: "O", long: "table-order", arg: "required" },
  names: { short: "N", long: "table-columns", arg: "required" },
  limit: { short: "l", long: "table-columns-limit", arg: "required" },
  noextreme: { short: "E", long: "table-noextreme", arg: "required" },
  noheadings: { short: "d", long: "table-noheadings" },
  headerRepeat: { short: "e", long: "table-header-repeat" },
  hide: { short: "H", long: "table-hide", arg: "required" },
  right: { short: "R", long: "table-right", arg: "required" },
  truncate: { short: "T", long: "table-truncate", arg: "required" },
  wrap: { short: "W", long: "table-wrap", arg: "required" },
  keepEmpty: { short: "L", long: ["keep-empty-lines", "table-empty-lines"] },
  json: { short: "J", long: "json" },
  tree: { short: "r", long: "tree", arg: "required" },
  treeId: { short: "i", long: "tree-id", arg: "required" },
  treeParent: { short: "p", long: "tree-parent", arg: "required" },
  width: { short: "c", long: ["output-width", "columns"], arg: "required" },
  outputSeparator: { short: "o", long: "output-separator", arg: "required" },
  separator: { short: "s", long: "separator", arg: "required" },
  fillrows: { short: "x", long: "fillrows" },
  h: { short: "h" },
  V: { short: "V" },
};

const VERSION = "column from util-linux 2.38.1";

const TAB = 8;

/** column.c width(): printable columns only (tabs and control characters count 0). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** Decodes a line; invalid bytes become "\xHH" text, as mbs_invalid_encode does. */
function decodeLine(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (!text.includes("\ufffd")) return text;
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const len = validSequence(bytes, i);
    if (len) {
      out += new TextDecoder().decode(bytes.subarray(i, i + len));
      i += len;
    } else {
      out += "\\x" + bytes[i++].toString(16).padStart(2, "0");
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence at i, or 0. */
function validSequence(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (!len || i + len > b.length) return 0;
  for (let k = 1; k < len; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(i, i + len));
    return len;
  } catch {
    return 0;
  }
}

/** Next tab stop after chcnt. */
const nextTab = (n: number) => (n + TAB) & ~(TAB - 1);

function fillColumns(ents: string[], maxlength: number, termwidth: number): string {
  const numcols = Math.max(1, Math.floor(termwidth / maxlength));
  const numrows = Math.ceil(ents.length / numcols);
  let out = "";
  for (let row = 0; row < numrows; row++) {
    let endcol = maxlength;
    let chcnt = 0;
    for (let base = row, col = 0; col < numcols; col++) {
      out += ents[base];
      chcnt += width(ents[base]);
      if ((base += numrows) >= ents.length) break;
      for (let cnt = nextTab(chcnt); cnt <= endcol; cnt = nextTab(chcnt)) {
        out += "\t";
        chcnt = cnt;
      }
      endcol += maxlength;
    }
    out += "\n";
  }
  return out;
}

function fillRows(ents: string[], maxlength: number, termwidth: number): string {
  const numcols = Math.floor(termwidth / maxlength);
  let endcol = maxlength;
  let chcnt = 0;
  let col = 0;
  let out = "";
  for (let i = 0; ; i++) {
    out += ents[i];
    chcnt += width(ents[i]);
    if (i + 1 === ents.length) break;
    if (++col === numcols) {
      chcnt = col = 0;
      endcol = maxlength;
      out += "\n";
    } else {
      for (let cnt = nextTab(chcnt); cnt <= endcol; cnt = nextTab(chcnt)) {
        out += "\t";
        chcnt = cnt;
      }
      endcol += maxlength;
    }
  }
  return chcnt ? out + "\n" : out;
}

function fail(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`${ctx.name}: ${message}\n`);
  return 1;
}

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, { help: HELP, version: VERSION });
  if (typeof opts === "number") return opts;
  // util-linux takes the first of -h / -V.
  const info = opts.order.find((o) => o.key === "h" || o.key === "V");
  if (info) {
    await ctx.stdout.write(info.key === "h" ? HELP : VERSION + "\n");
    return 0;
  }
  const table = opts.has("table") || opts.has("json");
  if (opts.has("table") && opts.has("fillrows")) return fail(ctx, "mutually exclusive arguments: --table --fillrows");
  const names = opts.get("names")?.split(",") ?? [];
  if (opts.has("json") && names.length === 0) return fail(ctx, "option --table-columns required for --json");
  let termwidth = 80;
  const envCols = ctx.env.get("COLUMNS");
  if (envCols && /^\d+$/.test(envCols) && Number(envCols) > 0) termwidth = Number(envCols);
  const w = opts.get("width");
  if (w !== undefined) {
    if (!/^\d+$/.test(w)) return fail(ctx, `invalid columns argument: '${w}'`);
    termwidth = Number(w);
  }
  const limit = opts.get("limit");
  if (limit !== undefined && !/^\d+$/.test(limit)) return fail(ctx, `invalid columns limit argument: '${limit}'`);

  const lines: Array<string | null> = [];
  let status = 0;
  const files = opts.operands.length ? opts.operands : ["-"];
  for (const f of files) {
    let data: Uint8Array;
    try {
      data = await readWhole(ctx, await openInput(ctx, f));
    } catch (e) {
      if (!isFsError(e)) throw e;
      status = fail(ctx, `${f}: ${e.message}`);
      continue;
    }
    let start = 0;
    while (start < data.length) {
      ctx.budget.step();
      let end = data.indexOf(0x0a, start);
      if (end < 0) end = data.length;
      const bytes = data.subarray(start, end);
      start = end + 1;
      // Blank lines (whitespace only) are dropped unless -L.
      if (bytes.every((b) => b === 0x20 || (b >= 0x09 && b <= 0x0d))) {
        if (opts.has("keepEmpty")) lines.push(null);
        continue;
      }
      lines.push(decodeLine(bytes));
    }
  }
  if (table) {
    const settings: TableSettings = {
      separators: opts.get("separator") ?? " \t",
      greedy: !opts.has("separator"),
      outputSeparator: opts.get("outputSeparator") ?? "  ",
      maxColumns: limit ? Number(limit) : 0,
      names,
      noHeadings: opts.has("noheadings"),
      right: opts.get("right")?.split(",") ?? [],
      hide: opts.get("hide")?.split(",") ?? [],
      order: opts.get("order")?.split(",") ?? [],
      json: opts.has("json"),
      tableName: opts.get("tableName") ?? "table",
    };
    try {
      const rows = lines.map((l) => (l === null ? null : splitCells(l, settings)));
      if (rows.length || names.length) await ctx.stdout.write(renderTable(rows, settings));
    } catch (e) {
      if (e instanceof ColumnError) return fail(ctx, e.message);
      throw e;
    }
    return status;
  }
  const ents = lines.map((l) => l ?? "");
  if (ents.length === 0) return status;
  const maxlength = nextTab(ents.reduce((m, e) => Math.max(m, width(e)), 0));
  let out: string;
  if (maxlength >= termwidth) out = ents.map((e) => e + "\n").join("");
  else if (opts.has("fillrows")) out = fillRows(ents, maxlength, termwidth);
  else out = fillColumns(ents, maxlength, termwidth);
  await ctx.stdout.write(out);
  return status;
}

export const column: CommandDef = { name: "column", help: HELP, run };
