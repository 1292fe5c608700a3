/**
 * The browser build inside Cloudflare's workerd (the `workerd` npm package's binary),
 * WITHOUT nodejs_compat: a module worker bundled by esbuild from dist/browser.js
 * (its lazy chunks inlined), with dist/jq.wasm as a wasm module (workerd hands the
 * worker a compiled WebAssembly.Module and forbids compiling wasm from bytes). The
 * worker runs the script it is sent and answers with the result as JSON.
 * - With `new Bash({ jq: { wasm } })` the shared script (pipes, here-docs, grep, sed,
 *   awk, sort, jq) prints what real bash prints.
 * - jq's memory cap (maxMemoryBytes, 96 MB here under workerd's 128 MB) stops a jq
 *   memory bomb with jq's own out-of-memory error; the next call works.
 * - Without it jq has no way to load (the default URL beside the bundle does not
 *   resolve in workerd) and says so, with the fix, while the rest of the script runs.
 * dist/ is built first when missing or stale. Skips, saying why, when workerd does
 * not start.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDist, root } from "./dist.js";
import { SCRIPT, SCRIPT_NO_JQ, expectedOutput } from "./script.js";

const WORKERD = join(root, "node_modules/.bin/workerd");
const probe = spawnSync(WORKERD, ["--version"], { encoding: "utf8", timeout: 30_000 });
const why = probe.status === 0 ? "" : `node_modules/.bin/workerd does not run (${probe.error?.message ?? probe.stderr.split("\n")[0]}); npm ci installs it`;
if (why) console.warn(`skipping the workerd test: ${why}`);

const dir = mkdtempSync(join(tmpdir(), "sandbash-workerd-"));
let workerd: ChildProcess | undefined;
let log = "";
let base = "";

/** The worker: runs the posted script in a fresh Bash, jq's Module passed in when asked. */
const ENTRY = `
import { Bash } from "./sandbash.js";
import jqWasm from "./jq.wasm";
export default {
  async fetch(request) {
    const { script, passWasm } = await request.json();
    const bash = new Bash(passWasm ? { jq: { wasm: jqWasm, maxMemoryBytes: 96 * 1024 * 1024 } } : {});
    const { stdout, stderr, exitCode } = await bash.exec(script);
    return Response.json({ stdout, stderr, exitCode });
  },
};
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  if (why) return;
  const dist = await ensureDist();
  const esbuild = await import("esbuild");
  writeFileSync(join(dir, "entry.js"), ENTRY.replace("./sandbash.js", join(dist, "browser.js")));
  await esbuild.build({
    entryPoints: [join(dir, "entry.js")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outfile: join(dir, "worker.js"),
    external: ["*.wasm"],
    logLevel: "silent",
  });
  copyFileSync(join(dist, "jq.wasm"), join(dir, "jq.wasm"));
  const port = await freePort();
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .sandbash) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const sandbash :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js"), (name = "jq.wasm", wasm = embed "jq.wasm") ],
  compatibilityDate = "2025-09-01",
  compatibilityFlags = [],
);
`,
  );
  workerd = spawn(WORKERD, ["serve", join(dir, "config.capnp")], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  workerd.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  workerd.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  base = `http://127.0.0.1:${port}/`;
  for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 200))) {
    if (workerd.exitCode !== null) throw new Error(`workerd exited (${workerd.exitCode}):\n${log}`);
    try {
      await fetch(base, { method: "POST", body: JSON.stringify({ script: "true", passWasm: false }) });
      return;
    } catch {
      // not listening yet
    }
  }
  throw new Error(`workerd did not answer within 60 s:\n${log}`);
}, 300_000);

afterAll(() => {
  workerd?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function run(script: string, passWasm: boolean): Promise<unknown> {
  const r = await fetch(base, { method: "POST", body: JSON.stringify({ script, passWasm }) });
  expect(r.status, log).toBe(200);
  return r.json();
}

describe.skipIf(why !== "")(`workerd ${probe.stdout.trim()} (no nodejs_compat)`, () => {
  it("runs pipes, here-docs, grep, sed, awk, sort and jq (its Module passed in) as real bash does", async () => {
    const { source: _s, ...want } = await expectedOutput(SCRIPT);
    expect(await run(SCRIPT, true)).toEqual(want);
  }, 120_000);

  it("holds jq's memory cap in the isolate: a jq memory bomb ends with jq's out-of-memory error, and jq works after", async () => {
    const got = (await run(`jq -n '[range(1e9)] | length'; echo "status $?"; echo '[1,2]' | jq add`, true)) as { stdout: string; stderr: string };
    const { stdout: after } = await expectedOutput("echo '[1,2]' | jq add");
    expect(got.stdout).toBe(`status 134\n${after}`);
    expect(got.stderr).toMatch(/^jq: error: cannot allocate memory\n/);
  }, 120_000);

  it("without the Module, jq says it cannot load jq.wasm and how to pass it; the rest of the script runs", async () => {
    const got = (await run(`${SCRIPT_NO_JQ}\necho '{}' | jq .; echo "jq status $?"`, false)) as { stdout: string; stderr: string };
    const { stdout: shellPart } = await expectedOutput(SCRIPT_NO_JQ);
    expect(got.stdout.startsWith(shellPart)).toBe(true);
    expect(got.stdout.slice(shellPart.length)).toMatch(/^jq status [1-9]\d*\n$/);
    expect(got.stderr).toMatch(/^jq: cannot load jq\.wasm \(.+\); .*new Bash\(\{ jq: \{ wasm \} \}\)\n$/);
  }, 120_000);
});
