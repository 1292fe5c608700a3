/**
 * Runs every case of test/cases/*.cases in sandbash and compares with what real
 * bash did (test/fixtures/<feature>.json, from `npm run record`): stdout and exit
 * status exactly, stderr exactly when the case says `## stderr`, else only
 * empty vs non-empty. Cases in test/known-differences.txt must fail; the suite
 * fails when one of them passes, when an unlisted case fails, or when the list,
 * the cases and the fixtures disagree.
 */
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../../src/io/utf8.js";
import {
  type Case,
  type FixtureEntry,
  caseHash,
  fixtureBytes,
  listFeatures,
  loadCases,
  loadFixture,
  loadKnownDifferences,
} from "./cases.js";
import { CASE_TIMEOUT_MS, runCase } from "./sandbash.js";

const key = (feature: string, name: string) => `${feature}: ${name}`;
const known = loadKnownDifferences();
const knownKeys = new Set(known.map((k) => key(k.feature, k.name)));
const allCaseKeys = new Set<string>();

/** Expected text as sandbash represents it (invalid bytes as U+DC80..U+DCFF). */
function expectedText(entry: FixtureEntry, field: "stdout" | "stderr"): string {
  const enc = field === "stdout" ? entry.stdoutEncoding : entry.stderrEncoding;
  return enc === "base64" ? decodeUtf8(fixtureBytes(entry, field)) : entry[field];
}

const stderrShape = (s: string) => (s === "" ? "(empty)" : "(non-empty)");

async function check(c: Case, entry: FixtureEntry): Promise<void> {
  const actual = await runCase(c);
  const expectedStderr = expectedText(entry, "stderr");
  const want = {
    stdout: expectedText(entry, "stdout"),
    exitCode: entry.status,
    stderr: c.exactStderr ? expectedStderr : stderrShape(expectedStderr),
  };
  const got = {
    stdout: actual.stdout,
    exitCode: actual.exitCode,
    stderr: c.exactStderr ? actual.stderr : stderrShape(actual.stderr),
  };
  const context =
    `script:\n${c.script}\n` +
    (c.exactStderr ? "" : `stderr (bash): ${JSON.stringify(expectedStderr)}\nstderr (sandbash): ${JSON.stringify(actual.stderr)}\n`);
  expect(got, context).toEqual(want);
}

for (const feature of listFeatures()) {
  describe(feature, () => {
    let cases: Case[];
    try {
      cases = loadCases(feature);
    } catch (e) {
      it("case file parses", () => {
        throw e;
      });
      return;
    }
    const fixture = loadFixture(feature) ?? {};
    for (const c of cases) {
      const k = key(feature, c.name);
      allCaseKeys.add(k);
      const entry = fixture[c.name];
      if (!entry || entry.hash !== caseHash(c)) {
        // Fails whether or not the case is listed: re-recording is always the fix.
        it(c.name, () => {
          throw new Error(
            `${entry ? "fixture is stale (the case changed)" : "no fixture"}: run \`npm run record -- ${feature}\``,
          );
        });
        continue;
      }
      const test = knownKeys.has(k) ? it.fails : it;
      test(c.name, () => check(c, entry), CASE_TIMEOUT_MS + 5_000);
    }
    const names = new Set(cases.map((c) => c.name));
    it("fixture holds no cases that no longer exist", () => {
      const stale = Object.keys(fixture).filter((n) => !names.has(n));
      expect(stale, `re-record: npm run record -- ${feature}`).toEqual([]);
    });
  });
}

describe("known-differences.txt", () => {
  it("lists only existing cases, each once, with a reason", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const k of known) {
      const id = key(k.feature, k.name);
      if (!allCaseKeys.has(id)) problems.push(`line ${k.line}: no such case '${id}'`);
      if (seen.has(id)) problems.push(`line ${k.line}: '${id}' listed twice`);
      if (!k.reason) problems.push(`line ${k.line}: '${id}' has no '# reason'`);
      seen.add(id);
    }
    expect(problems).toEqual([]);
  });
});
