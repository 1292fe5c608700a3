/**
 * Shows cases whose sandbash result differs from the recorded real-bash one:
 *   npx tsx test/tools/show.ts FEATURE [case-name-substring]
 * Prints script, expected and actual side by side (a debugging aid, not a test).
 */
import { decodeUtf8 } from "../../src/io/utf8.js";
import { fixtureBytes, loadCases, loadFixture } from "../differential/cases.js";
import { runCase } from "../differential/sandbash.js";

const [feature, filter] = process.argv.slice(2);
const fixture = loadFixture(feature) ?? {};
for (const c of loadCases(feature)) {
  if (filter && !c.name.includes(filter)) continue;
  const want = fixture[c.name];
  if (!want) continue;
  const got = await runCase(c);
  const wantOut = decodeUtf8(fixtureBytes(want, "stdout"));
  const wantErr = decodeUtf8(fixtureBytes(want, "stderr"));
  const same = got.stdout === wantOut && got.exitCode === want.status && (c.exactStderr ? got.stderr === wantErr : (got.stderr === "") === (wantErr === ""));
  if (same && !filter) continue;
  console.log(`=== ${c.name}${same ? " (passes)" : ""}\n${c.script}`);
  console.log(`--- bash (status ${want.status}):\n${JSON.stringify(wantOut)}\n${JSON.stringify(wantErr)}`);
  console.log(`--- sandbash (status ${got.exitCode}):\n${JSON.stringify(got.stdout)}\n${JSON.stringify(got.stderr)}`);
}
