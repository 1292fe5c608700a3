/**
 * The fast statement path (src/parser/fast-statement.ts) builds exactly what the general path
 * builds: for every script in the differential corpus, and variants that cut it short, close a
 * stray parenthesis, or put it inside `$( )` and a function body, parse() gives the same AST or
 * the same error (message, position, line, incomplete, source line) with the fast path on and off.
 */
import { afterAll, describe, expect, it } from "vitest";
import { listFeatures, loadCases } from "../differential/cases.js";
import { parse } from "../../src/parser/parser.js";
import { ParseError } from "../../src/parser/errors.js";
import { setFastStatements } from "../../src/parser/fast-statement.js";

function outcome(script: string, fast: boolean): string {
  setFastStatements(fast);
  try {
    return JSON.stringify(parse(script), (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return JSON.stringify({ error: e.message, pos: e.pos, line: e.line, incomplete: e.incomplete, sourceLine: e.sourceLine, name: e.constructor.name });
  } finally {
    setFastStatements(true);
  }
}

function variants(script: string): string[] {
  const out = [script, `${script})`, `x=$(${script}\n)`, `f() {\n${script}\n}`];
  for (const cut of [0.3, 0.6, 0.9]) out.push(script.slice(0, Math.floor(script.length * cut)));
  return out;
}

describe("fast statement path = general path", () => {
  afterAll(() => setFastStatements(true));
  for (const feature of listFeatures()) {
    it(feature, () => {
      for (const c of loadCases(feature)) {
        for (const v of variants(c.script)) {
          const general = outcome(v, false);
          expect(outcome(v, true), `case "${c.name}"\n--- script:\n${v}`).toBe(general);
        }
      }
    });
  }
});
