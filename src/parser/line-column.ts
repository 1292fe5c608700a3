/**
 * Line and column of an offset in a script, for embedders pointing at a node: nodes carry
 * offsets (`pos`, `end`) and commands their line, and the column follows from the text, so the
 * AST does not store it for every node.
 */
export interface LineColumn {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units like the offsets. */
  column: number;
}

/** The line and column of `offset` (clamped to the script) in `script`. */
export function lineColumn(script: string, offset: number): LineColumn {
  const at = Math.max(0, Math.min(offset, script.length));
  let line = 1;
  let lineStart = 0;
  for (let i = script.indexOf("\n"); i >= 0 && i < at; i = script.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1 };
}
