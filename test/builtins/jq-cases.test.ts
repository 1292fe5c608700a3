/**
 * Unit run of the jq differential cases: every case of test/cases/jq*.cases
 * whose script is one plain `jq ...` command (optionally after NAME=value
 * assignments) runs through the jq CommandDef in a unit context, and must give
 * what real jq 1.7.1 gave when the case was recorded (test/fixtures/jq*.json).
 * Cases with pipes, redirections or other commands are left to the
 * differential suite. known-differences.txt applies here too.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "shell-quote";
import { describe, expect, it } from "vitest";
import { jq } from "../../builtins/jq/jq.js";
import { createInProcessJqRunner } from "../../builtins/jq/in-process.js";
import { setJqRunner } from "../../builtins/jq/runner.js";
import { decodeUtf8 } from "../../src/io/utf8.js";
import { type Case, fixtureBytes, listFeatures, loadCases, loadFixture, loadKnownDifferences } from "../differential/cases.js";
import { makeContext } from "../helpers/command-context.js";

const wasm = readFileSync(createRequire(import.meta.url).resolve("jq-web/jq.wasm"));
setJqRunner(createInProcessJqRunner(new WebAssembly.Module(wasm)));

/** The recorder's environment (test/differential/sandbox.sh). */
const RECORD_ENV = {
  HOME: "/home/user",
  PATH: "/usr/local/bin:/usr/bin:/bin",
  LC_ALL: "C.UTF-8",
  TZ: "UTC",
  USER: "user",
  LOGNAME: "user",
  SHELL: "/bin/bash",
  TERM: "dumb",
};

/** argv and extra environment of a one-command script, or null when it is more than that. */
function simpleJqCommand(script: string): { args: string[]; env: Record<string, string> } | null {
  if (/[`$]\(|\n/.test(script.replace(/'[^']*'/g, "''"))) return null;
  let tokens: ReturnType<typeof parse>;
  try {
    tokens = parse(script, (name) => `$${name}`);
  } catch {
    return null;
  }
  if (!tokens.every((t) => typeof t === "string")) return null;
  const words = tokens as string[];
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const w = words.shift()!;
    env[w.slice(0, w.indexOf("="))] = w.slice(w.indexOf("=") + 1);
  }
  if (words[0] !== "jq") return null;
  // Anything that looked like an expansion outside single quotes is the shell's job.
  if (/\$[A-Za-z_{]/.test(script.replace(/'[^']*'/g, "''"))) return null;
  return { args: words.slice(1), env };
}

const known = new Set(loadKnownDifferences().map((k) => `${k.feature}: ${k.name}`));

async function runUnit(c: Case, args: string[], env: Record<string, string>) {
  const files: Record<string, string> = {};
  for (const [path, content] of c.files) files[path] = content;
  const u = makeContext({ name: "jq", args, stdin: c.stdin ?? "", files, env: { ...RECORD_ENV, ...env } });
  const status = await jq.run(u.ctx);
  return { stdout: u.stdout(), stderr: u.stderr(), status };
}

for (const feature of listFeatures().filter((f) => f === "jq" || f.startsWith("jq-"))) {
  const fixture = loadFixture(feature) ?? {};
  describe(`${feature} (unit)`, () => {
    for (const c of loadCases(feature)) {
      const command = simpleJqCommand(c.script);
      const entry = fixture[c.name];
      if (!command || !entry) continue;
      const run = known.has(`${feature}: ${c.name}`) ? it.fails : it;
      run(c.name, async () => {
        const got = await runUnit(c, command.args, command.env);
        const stderr = decodeUtf8(fixtureBytes(entry, "stderr"));
        expect(
          { stdout: got.stdout, status: got.status, stderr: c.exactStderr ? got.stderr : got.stderr === "" },
          `script: ${c.script}\nstderr: ${JSON.stringify(got.stderr)}`,
        ).toEqual({
          stdout: decodeUtf8(fixtureBytes(entry, "stdout")),
          status: entry.status,
          stderr: c.exactStderr ? stderr : stderr === "",
        });
      });
    }
  });
}
