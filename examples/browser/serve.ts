/**
 * `npm run demo`: builds sandbash's browser build (tsup.config.ts's `browser` and
 * `jq-web-worker` bundles, plus the stripped jq.wasm) into examples/browser/.build/
 * and serves the demo page on http://127.0.0.1:8080/ (`-- --port N` to change).
 *
 *   /                  index.html, app.js, style.css from this directory
 *   /seed.json         the seeded project (src/node/demo.ts, the CLI demo's files)
 *   /sandbash/<file>   the browser build: browser.js, its chunks, jq-web-worker.js, jq.wasm
 *
 * test/runtimes/demo.test.ts starts it with startDemo() on a free port, over the
 * runtime tests' build, and drives the page in headless Chromium.
 */
import { readFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { basename, extname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEMO_CWD, DEMO_FILES, DEMO_STEPS } from "../../src/node/demo.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const PAGE_FILES = new Set(["index.html", "app.js", "style.css"]);
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".wasm": "application/wasm",
};

const BANNER = `sandbash demo: a small project is loaded at ${DEMO_CWD}.
Everything runs in this page: an in-memory filesystem, no disk, no network.
Pick an example above or type a command (Up/Down for history).

`;

/** Builds the browser bundles and jq.wasm into `outDir` (default examples/browser/.build). */
export async function buildDemoBundle(outDir = join(here, ".build")): Promise<string> {
  const { build } = await import("tsup");
  const configs = (await import("../../tsup.config.js")).default as unknown as Array<{ entry: Record<string, string> }>;
  const { jqWasmPlugin } = await import("../../build/esbuild-jq-plugin.js");
  for (const config of configs) {
    const names = Object.keys(config.entry);
    if (!names.includes("browser") && !names.includes("jq-web-worker")) continue;
    const plugins = names.includes("browser") ? { esbuildPlugins: [jqWasmPlugin()] } : {};
    await build({ ...config, ...plugins, outDir, dts: false, silent: true });
  }
  return outDir;
}

/** Serves the page over the browser build in `bundleDir`; resolves once listening. */
export async function startDemo(options: { bundleDir: string; port?: number; host?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const seed = JSON.stringify({ files: DEMO_FILES, cwd: DEMO_CWD, examples: DEMO_STEPS, banner: BANNER });
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file: string | undefined;
    if (path === "/seed.json") {
      res.writeHead(200, { "content-type": TYPES[".json"]! }).end(seed);
      return;
    }
    if (path === "/") file = join(here, "index.html");
    else if (PAGE_FILES.has(path.slice(1))) file = join(here, path.slice(1));
    else if (path.startsWith("/sandbash/") && basename(path) === path.slice("/sandbash/".length)) file = join(options.bundleDir, basename(path));
    if (!file || !existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--port");
  const port = i >= 0 ? Number(process.argv[i + 1]) : 8080;
  console.log("building the browser bundle...");
  const bundleDir = await buildDemoBundle();
  const { url } = await startDemo({ bundleDir, port });
  console.log(`sandbash demo: ${url} (Ctrl-C stops)`);
}
