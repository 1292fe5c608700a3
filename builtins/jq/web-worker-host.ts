import type { JqEngineOptions, JqRunner } from "./types.js";
import { compileJqWasm, defaultJqWasmUrl, type JqWasmSource } from "./wasm-source.js";
import { JqWorkerPool, type JqWorkerHandle, type JqWorkerReply } from "./worker-pool.js";

/**
 * jq in browsers' Web Workers, so the deadline and the abort signal can stop a
 * call (terminate() is immediate). The wasm is compiled once in this thread
 * and posted to each worker. The worker script is dist/jq-web-worker.js; the
 * literal `new Worker(new URL(...), { type: "module" })` below is the form app
 * bundlers recognise and ship.
 */

export interface WebWorkerJqRunnerOptions extends JqEngineOptions {
  /** jq.wasm (default: ./jq.wasm beside the bundle). */
  wasm?: JqWasmSource;
  /** The worker script (default: ./jq-web-worker.js beside the bundle). */
  workerUrl?: string | URL;
  /** Workers at once (default 1). */
  maxWorkers?: number;
}

interface WebWorker {
  postMessage(message: unknown): void;
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  removeEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  terminate(): void;
}

type WorkerConstructor = new (url: string | URL, options?: { type?: "module" | "classic" }) => WebWorker;

/** True where Web Workers exist (browsers, Deno). */
export function hasWebWorkers(): boolean {
  return typeof (globalThis as { Worker?: unknown }).Worker === "function";
}

function newWorker(url: string | URL | undefined): WebWorker {
  const Worker = (globalThis as unknown as { Worker: WorkerConstructor }).Worker;
  if (url !== undefined) return new Worker(url, { type: "module" });
  return new Worker(new URL("./jq-web-worker.js", import.meta.url), { type: "module" });
}

/** Starts a worker, hands it the module, and resolves once jq is instantiated in it. */
function startWorker(module: WebAssembly.Module, options: WebWorkerJqRunnerOptions): Promise<JqWorkerHandle> {
  const worker = newWorker(options.workerUrl);
  const exitListeners = new Set<() => void>();
  let dead = false;
  const die = () => {
    if (dead) return;
    dead = true;
    worker.terminate();
    for (const l of [...exitListeners]) l();
  };
  const handle: JqWorkerHandle = {
    post: (call) => worker.postMessage(call),
    onReply(listener) {
      const wrapped = (event: { data?: unknown }) => listener(event.data as JqWorkerReply);
      worker.addEventListener("message", wrapped);
      return () => worker.removeEventListener("message", wrapped);
    },
    onExit(listener) {
      exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    },
    terminate: die,
  };
  return new Promise((resolve, reject) => {
    const onReady = (event: { data?: unknown }) => {
      if ((event.data as { type?: string } | undefined)?.type !== "ready") return;
      worker.removeEventListener("message", onReady);
      worker.removeEventListener("error", onStartError);
      worker.addEventListener("error", die);
      resolve(handle);
    };
    const onStartError = () => {
      die();
      reject(new Error("jq: the jq Web Worker could not start"));
    };
    worker.addEventListener("message", onReady);
    worker.addEventListener("error", onStartError);
    worker.postMessage({
      type: "init",
      module,
      options: { maxMemoryBytes: options.maxMemoryBytes, recycleAboveBytes: options.recycleAboveBytes },
    });
  });
}

/** A JqRunner over Web Workers. A worker that cannot start makes `run` reject. */
export function createWebWorkerJqRunner(options: WebWorkerJqRunnerOptions = {}): JqRunner {
  let module: Promise<WebAssembly.Module> | null = null;
  const compiled = () =>
    (module ??= compileJqWasm(options.wasm ?? defaultJqWasmUrl).catch((e) => {
      module = null;
      throw e;
    }));
  return new JqWorkerPool(async () => startWorker(await compiled(), options), Math.max(1, options.maxWorkers ?? 1));
}
