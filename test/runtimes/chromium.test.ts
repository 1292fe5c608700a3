/**
 * The browser build runs unmodified in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): a page served on localhost imports browser.js from the build
 * directory as an ES module (its lazy chunks, jq-web-worker.js and jq.wasm served
 * beside it, as an app would ship them) and runs the shared script: pipes, here-docs,
 * grep, sed, awk, sort and jq (in a module Web Worker, jq.wasm fetched on first use).
 * The output must equal real bash's. The build is the runtime tests' (dist.ts: built
 * when missing or stale). Skips, saying why, when /usr/bin/chromium or playwright-core
 * is not installed (.ci/run installs both, and only skips this test if the install fails).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchChromium, type BrowserContext } from "./chromium.js";
import { ensureDist } from "./dist.js";
import { SCRIPT, expectedOutput } from "./script.js";

const dir = mkdtempSync(join(tmpdir(), "sandbash-chromium-"));
const browser = await launchChromium(dir);
if (typeof browser === "string") console.warn(`skipping the Chromium test: ${browser}`);

let server: Server | undefined;
afterAll(async () => {
  server?.close();
  if (typeof browser !== "string") await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import { Bash } from "./browser.js";
window.runScript = async (s) => { const r = await new Bash().exec(s); return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }; };
window.runBomb = async () => {
  const bash = new Bash({ limits: { timeoutMs: 2000 } });
  const r = await bash.exec("jq -n 'def f: f; f'");
  const after = await bash.exec("echo '[1,2]' | jq add");
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, after: after.stdout };
};
window.ready = true;
</script>`;

const TYPES: Record<string, string> = { js: "text/javascript", wasm: "application/wasm", map: "application/json" };

describe.skipIf(typeof browser === "string")("headless Chromium", () => {
  it("runs pipes, here-docs, grep, sed, awk, sort and jq as real bash does", async () => {
    const build = await ensureDist();
    server = createServer((req, res) => {
      const name = basename(new URL(req.url ?? "/", "http://x").pathname);
      const file = join(build, name);
      if (name === "" || name === "index.html") res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
      else if (existsSync(file)) res.writeHead(200, { "content-type": TYPES[name.split(".").pop()!] ?? "application/octet-stream" }).end(readFileSync(file));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;

    const tab = await (browser as BrowserContext).newPage();
    try {
      const errors: string[] = [];
      tab.on("pageerror", (e) => errors.push(e.message));
      await tab.goto(`http://127.0.0.1:${port}/`);
      await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 60_000 });
      const got = await tab.evaluate((s) => (window as unknown as { runScript(s: string): Promise<unknown> }).runScript(s), SCRIPT);
      const { source: _s, ...want } = await expectedOutput(SCRIPT);
      expect(errors).toEqual([]);
      expect(got).toEqual(want);
      expect(want.stdout).toContain("total");
    } finally {
      await tab.close();
    }
  }, 300_000);

  it("stops a jq call that never ends at the time limit (jq runs in a Web Worker), then runs jq again", async () => {
    const tab = await (browser as BrowserContext).newPage();
    try {
      await tab.goto(`http://127.0.0.1:${(server!.address() as { port: number }).port}/`);
      await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 60_000 });
      const got = await tab.evaluate(() => (window as unknown as { runBomb(): Promise<unknown> }).runBomb());
      const { stdout: after } = await expectedOutput("echo '[1,2]' | jq add");
      expect(got).toEqual({ stdout: "", stderr: "sandbash: time limit exceeded (timeoutMs=2000)\n", exitCode: 124, after });
    } finally {
      await tab.close();
    }
  }, 300_000);
});
