/**
 * The shell scripts installed on this machine (test/tools/system-scripts.ts) against real bash:
 * every script `bash -n` accepts parses, and prints back to text that parses to the same AST
 * (positions aside); every script it rejects, we reject with bash's first message and line.
 * The corpus is the machine's: on a Debian-like system it is hundreds of scripts.
 */
import { describe, expect, it } from "vitest";
import { ParseError, parse, print } from "../../src/index.js";
import { systemScripts } from "../tools/system-scripts.js";
import { stripPositions } from "./strip-positions.js";

describe("the shell scripts installed on this machine", () => {
  const scripts = systemScripts();

  it("were found", () => {
    expect(scripts.length).toBeGreaterThan(10);
  });

  it("parse and round-trip through the printer when bash accepts them", () => {
    const failures: string[] = [];
    for (const s of scripts.filter((x) => x.bashError === null)) {
      try {
        const ast = parse(s.text);
        const again = parse(print(ast));
        expect(stripPositions(again), s.path).toEqual(stripPositions(ast));
      } catch (e) {
        failures.push(`${s.path}: ${(e as Error).message.split("\n")[0]}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("are rejected with bash's message and line when bash rejects them", () => {
    for (const s of scripts.filter((x) => x.bashError !== null)) {
      let ours = "accepted";
      try {
        parse(s.text);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        ours = `${s.path}: line ${e.line}: ${e.message.split("\n")[0]}`;
      }
      expect(ours).toBe(s.bashError);
    }
  });
}, 120_000);
