/**
 * The printer round-trips: for every script in the differential corpus that
 * parses, parse(print(parse(s))) equals parse(s) with positions stripped.
 */
import { describe, expect, it } from "vitest";
import { listFeatures, loadCases } from "../differential/cases.js";
import { parse, print, ParseError } from "../../src/index.js";
import { stripPositions as strip } from "./strip-positions.js";

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
