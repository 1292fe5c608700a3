/**
 * The browser path (web-worker-host.ts + jq-web-worker.ts) run under Node
 * through a small stand-in for the Web Worker API built on worker_threads: the
 * ready handshake, calls, a bomb stopped at the deadline, and the fallback when
 * the worker script cannot start. The real browser run belongs to the runtime
 * tests (headless Chromium).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker as NodeWorker } from "node:worker_threads";
import { afterAll, describe, expect, test } from "vitest";
import { JqEngine } from "../../builtins/jq/engine.js";
import { createWebWorkerJqRunner } from "../../builtins/jq/web-worker-host.js";
import type { JqRequest } from "../../builtins/jq/types.js";

const require = createRequire(import.meta.url);
const wasm = new WebAssembly.Module(readFileSync(require.resolve("jq-web/jq.wasm")));
const tsxApi = pathToFileURL(join(dirname(require.resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
const WORKER_SCRIPT = new URL("../../builtins/jq/jq-web-worker.ts", import.meta.url).href;

/** A Web Worker look-alike: the script sees self.onmessage/postMessage as in a browser. */
class FakeWebWorker {
  private readonly worker: NodeWorker;
  private readonly listeners = new Map<(e: { data?: unknown }) => void, (d: unknown) => void>();
  constructor(url: string | URL) {
    const bootstrap = `
      const { parentPort } = require("node:worker_threads");
      globalThis.postMessage = (m, t) => parentPort.postMessage(m, t);
      // As in a browser, messages wait until the script has set onmessage.
      const queued = [];
      let handler = null;
      Object.defineProperty(globalThis, "onmessage", {
        get: () => handler,
        set: (h) => { handler = h; for (const data of queued.splice(0)) handler({ data }); },
      });
      parentPort.on("message", (data) => (handler ? handler({ data }) : queued.push(data)));
      import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(String(url))}); })
        .catch((e) => { setTimeout(() => { throw e; }); });`;
    this.worker = new NodeWorker(bootstrap, { eval: true });
  }
  postMessage(message: unknown) {
    this.worker.postMessage(message);
  }
  addEventListener(type: string, listener: (e: { data?: unknown }) => void) {
    const wrapped = (data: unknown) => listener({ data });
    this.listeners.set(listener, wrapped);
    this.worker.on(type === "message" ? "message" : "error", wrapped);
  }
  removeEventListener(type: string, listener: (e: { data?: unknown }) => void) {
    const wrapped = this.listeners.get(listener);
    if (wrapped) this.worker.off(type === "message" ? "message" : "error", wrapped);
  }
  terminate() {
    void this.worker.terminate();
  }
}

function request(args: string[], stdin = ""): JqRequest {
  return { args, stdin: new TextEncoder().encode(stdin), env: [], cwd: "/", files: [], nowMs: 0, maxOutputBytes: 1 << 20 };
}

/** The same request in this thread: what the worker must answer. */
const inThread = (req: JqRequest) => new JqEngine(wasm).run(req);

describe("jq in Web Workers (stand-in)", () => {
  (globalThis as { Worker?: unknown }).Worker = FakeWebWorker;
  afterAll(() => {
    delete (globalThis as { Worker?: unknown }).Worker;
  });
  const runner = createWebWorkerJqRunner({ wasm, workerUrl: WORKER_SCRIPT });

  test("a call runs after the ready handshake", async () => {
    const req = request(["-c", ".a"], '{"a":[1]}');
    expect(await runner.run(req, { remainingMs: 60_000 })).toEqual(await inThread(req));
  }, 60_000);

  test("a bomb is stopped at the deadline and the next call works", async () => {
    const started = Date.now();
    const r = await runner.run(request(["-n", "def f: f; f"]), { remainingMs: 1000 });
    expect(r.limit).toBe("time");
    expect(Date.now() - started).toBeLessThan(2000);
    const next = request(["-n", "1+1"]);
    expect(await runner.run(next, { remainingMs: 60_000 })).toEqual(await inThread(next));
  }, 60_000);

  test("a worker script that cannot start makes run reject", async () => {
    const broken = createWebWorkerJqRunner({ wasm, workerUrl: "file:///nonexistent/jq-web-worker.js" });
    await expect(broken.run(request(["-n", "1"]), { remainingMs: 60_000 })).rejects.toThrow(/could not start/);
  }, 60_000);

  afterAll(() => runner.dispose?.());
});
