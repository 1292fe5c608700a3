/**
 * The printer round-trips: for every script in the differential corpus that
 * parses, parse(print(parse(s))) equals parse(s) with positions stripped.
 */
import { describe, expect, it } from "vitest";
import { listFeatures, loadCases } from "../differential/cases.js";
import { parse, print, ParseError } from "../../src/index.js";

/**
 * Positions stripped, and two printing choices bash makes too: arithmetic is
 * compared by its parsed expression (bash re-spaces `((i++))` as `(( i++ ))`),
 * and `f() ( ... )` is printed with braces around the subshell.
 */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o.type === "FunctionDef") {
      const body = o.body as { type: string; body: Array<{ command: unknown }>; redirects: unknown[] };
      if (body.type === "Group" && body.body.length === 1 && (body.body[0].command as { type: string }).type === "Subshell" && body.redirects.length === 0) {
        return strip({ ...o, body: body.body[0].command });
      }
    }
    const arith = "expr" in o && "word" in o && "text" in o;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      if (k === "pos" || k === "end" || k === "line") continue;
      if (arith && (k === "word" || k === "text")) continue;
      out[k] = strip(x);
    }
    return out;
  }
  return v;
}

describe("printer round trip over the corpus", () => {
  for (const feature of listFeatures()) {
    it(feature, () => {
      let checked = 0;
      for (const c of loadCases(feature)) {
        let ast;
        try {
          ast = parse(c.script);
        } catch (e) {
          if (e instanceof ParseError) continue;
          throw e;
        }
        const printed = print(ast);
        let again;
        try {
          again = parse(printed);
        } catch (e) {
          throw new Error(`case "${c.name}": printed text does not parse: ${(e as Error).message}\n--- script:\n${c.script}\n--- printed:\n${printed}`);
        }
        expect(strip(again), `case "${c.name}"\n--- printed:\n${printed}`).toEqual(strip(ast));
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
