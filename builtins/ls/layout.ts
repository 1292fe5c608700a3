import type { LsConfig } from "./config.js";

/**
 * The short formats of GNU ls: -C (down columns), -x (across), -m (commas), with
 * its column fitting (calculate_columns) and tab/space padding (indent).
 */

/** One entry ready for layout: its printed text and display width. */
export interface Cell {
  text: string;
  width: number;
}

const MIN_COLUMN_WIDTH = 3;

/** Pads from column `from` to `to` with tabs where tab stops allow, else spaces. */
function indent(from: number, to: number, tabSize: number): string {
  let out = "";
  while (from < to) {
    if (tabSize !== 0 && Math.floor(to / tabSize) > Math.floor((from + 1) / tabSize)) {
      out += "\t";
      from += tabSize - (from % tabSize);
    } else {
      out += " ";
      from++;
    }
  }
  return out;
}

/** The number of columns that fit and their widths (GNU calculate_columns). */
function fitColumns(cells: Cell[], lineWidth: number, byColumns: boolean): number[] {
  const n = cells.length;
  const maxIdx = lineWidth === 0 ? n : Math.max(1, Math.floor(lineWidth / MIN_COLUMN_WIDTH));
  const maxCols = maxIdx > 0 && maxIdx < n ? maxIdx : n;
  const infos: Array<{ valid: boolean; lineLen: number; cols: number[] }> = [];
  for (let i = 0; i < maxCols; i++) {
    infos.push({ valid: true, lineLen: (i + 1) * MIN_COLUMN_WIDTH, cols: new Array(i + 1).fill(MIN_COLUMN_WIDTH) });
  }
  for (let fileno = 0; fileno < n; fileno++) {
    const len = cells[fileno].width;
    for (let i = 0; i < maxCols; i++) {
      const info = infos[i];
      if (!info.valid) continue;
      const idx = byColumns ? Math.floor(fileno / Math.floor((n + i) / (i + 1))) : fileno % (i + 1);
      const real = len + (idx === i ? 0 : 2);
      if (info.cols[idx] < real) {
        info.lineLen += real - info.cols[idx];
        info.cols[idx] = real;
        info.valid = lineWidth === 0 || info.lineLen < lineWidth;
      }
    }
  }
  let cols = maxCols;
  for (; cols > 1; cols--) if (infos[cols - 1].valid) break;
  return infos[Math.max(cols, 1) - 1]?.cols ?? [0];
}

/** Lays cells out as ls -C / -x / -m / -1 would; each output line ends with eol. */
export function layout(cfg: LsConfig, cells: Cell[]): string {
  if (cells.length === 0) return "";
  const eol = cfg.eol;
  if (cfg.format === "commas") return commas(cfg, cells);
  if (cfg.format !== "columns" && cfg.format !== "across") return cells.map((c) => c.text + eol).join("");
  const byColumns = cfg.format === "columns";
  const widths = fitColumns(cells, cfg.lineWidth, byColumns);
  const cols = widths.length;
  let out = "";
  if (byColumns) {
    const rows = Math.ceil(cells.length / cols);
    for (let row = 0; row < rows; row++) {
      let pos = 0;
      let col = 0;
      for (let i = row; ; ) {
        const c = cells[i];
        out += c.text;
        const maxWidth = widths[col++];
        i += rows;
        if (i >= cells.length) break;
        out += indent(pos + c.width, pos + maxWidth, cfg.tabSize);
        pos += maxWidth;
      }
      out += eol;
    }
    return out;
  }
  let pos = 0;
  out += cells[0].text;
  let prev = cells[0];
  let maxWidth = widths[0];
  for (let i = 1; i < cells.length; i++) {
    const col = i % cols;
    if (col === 0) {
      out += eol;
      pos = 0;
    } else {
      out += indent(pos + prev.width, pos + maxWidth, cfg.tabSize);
      pos += maxWidth;
    }
    out += cells[i].text;
    prev = cells[i];
    maxWidth = widths[col];
  }
  return out + eol;
}

/** -m: names separated by ", ", wrapping before the line would reach the width. */
function commas(cfg: LsConfig, cells: Cell[]): string {
  let out = "";
  let pos = 0;
  cells.forEach((c, i) => {
    const len = cfg.lineWidth ? c.width : 0;
    if (i !== 0) {
      if (!cfg.lineWidth || pos + len + 2 < cfg.lineWidth) {
        pos += 2;
        out += ", ";
      } else {
        pos = 0;
        out += "," + cfg.eol;
      }
    }
    out += c.text;
    pos += len;
  });
  return out + cfg.eol;
}
