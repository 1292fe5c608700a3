/** An AST compared without positions, for the printer round-trip tests. */
/**
 * Positions stripped, and two printing choices bash makes too: arithmetic is
 * compared by its parsed expression (bash re-spaces `((i++))` as `(( i++ ))`),
 * and `f() ( ... )` is printed with braces around the subshell.
 */
export function stripPositions(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripPositions);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o.type === "FunctionDef") {
      const body = o.body as { type: string; body: Array<{ command: unknown }>; redirects: unknown[] };
      if (body.type === "Group" && body.body.length === 1 && (body.body[0].command as { type: string }).type === "Subshell" && body.redirects.length === 0) {
        return stripPositions({ ...o, body: body.body[0].command });
      }
    }
    const arith = "expr" in o && "word" in o && "text" in o;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      if (k === "pos" || k === "end" || k === "line") continue;
      if (arith && (k === "word" || k === "text")) continue;
      out[k] = stripPositions(x);
    }
    return out;
  }
  return v;
}
