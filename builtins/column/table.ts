/**
 * column -t (util-linux 2.38 column.c over libsmartcols, plain output):
 * lines split into cells, every column padded to its widest cell (headers
 * included) except the last, cells joined by the output separator; -R
 * right-aligns, -H hides, -O reorders, -J prints JSON instead.
 */
import { displayWidth } from "../_lib/width.js";

export interface TableSettings {
  /** Input separator characters; greedy (runs merge, ends trimmed) unless -s was given. */
  separators: string;
  greedy: boolean;
  outputSeparator: string;
  /** -l: the last column takes the rest of the line. 0 = no limit. */
  maxColumns: number;
  names: string[];
  noHeadings: boolean;
  /** Column selectors (names or 1-based numbers) of -R, -H, -O. */
  right: string[];
  hide: string[];
  order: string[];
  json: boolean;
  tableName: string;
}

/** A bad column selector: "column: undefined column name 'C'". */
export class ColumnError extends Error {}

/** Splits one line into cells (local_wcstok with -l). */
export function splitCells(line: string, s: TableSettings): string[] {
  const cells: string[] = [];
  const isSep = (ch: string) => s.separators.includes(ch);
  let p = 0;
  for (;;) {
    if (s.greedy) while (p < line.length && isSep(line[p])) p++;
    if (s.greedy && p >= line.length) break;
    if (s.maxColumns && cells.length + 1 === s.maxColumns) {
      cells.push(line.slice(p));
      break;
    }
    let q = p;
    while (q < line.length && !isSep(line[q])) q++;
    cells.push(line.slice(p, q));
    if (q >= line.length) break;
    p = q + 1;
  }
  return cells;
}

/** The column index a selector means. */
function columnIndex(sel: string, names: string[], count: number): number {
  const byName = names.findIndex((n) => n.toLowerCase() === sel.toLowerCase());
  if (byName >= 0) return byName;
  if (/^\d+$/.test(sel) && Number(sel) >= 1 && Number(sel) <= count) return Number(sel) - 1;
  throw new ColumnError(`undefined column name '${sel}'`);
}

function jsonString(v: string): string {
  return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => c);
}

/** Renders the rows (each a list of cells; null = a kept empty line). */
export function renderTable(rows: Array<string[] | null>, s: TableSettings): string {
  const count = rows.reduce((m, r) => Math.max(m, r ? r.length : 0), s.names.length);
  const names = Array.from({ length: count }, (_, i) => s.names[i] ?? "");
  const right = new Set(s.right.map((c) => columnIndex(c, names, count)));
  const hidden = new Set(s.hide.map((c) => columnIndex(c, names, count)));
  let order = Array.from({ length: count }, (_, i) => i);
  if (s.order.length) {
    const first = s.order.map((c) => columnIndex(c, names, count));
    order = [...first, ...order.filter((i) => !first.includes(i))];
  }
  order = order.filter((i) => !hidden.has(i));
  if (s.json) return renderJson(rows, names, order, s);
  const table: string[][] = rows.map((r) => order.map((i) => (r ? r[i] ?? "" : "")));
  if (s.names.length && !s.noHeadings) table.unshift(order.map((i) => names[i]));
  const widths = order.map((_, k) => table.reduce((m, r) => Math.max(m, displayWidth(r[k])), 0));
  let out = "";
  for (const r of table) {
    const cells = r.map((cell, k) => {
      const last = k === r.length - 1;
      // The last column is never padded on the right, nor an empty last cell on the left.
      if (last && cell === "") return "";
      const pad = " ".repeat(widths[k] - displayWidth(cell));
      if (right.has(order[k])) return pad + cell;
      return last ? cell : cell + pad;
    });
    out += cells.join(s.outputSeparator) + "\n";
  }
  return out;
}

function renderJson(rows: Array<string[] | null>, names: string[], order: number[], s: TableSettings): string {
  const objects = rows.map((r) => {
    const fields = order.map((i) => {
      const v = r && r[i] !== undefined ? jsonString(r[i]) : "null";
      return `         ${jsonString(names[i].toLowerCase())}: ${v}`;
    });
    return `{\n${fields.join(",\n")}\n      }`;
  });
  return `{\n   ${jsonString(s.tableName)}: [\n      ${objects.join(",")}\n   ]\n}\n`;
}
