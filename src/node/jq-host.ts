/**
 * Runs jq in worker_threads so the exec's deadline and abort signal can stop
 * it: a call into wasm cannot be interrupted in its own thread. Workers stay
 * warm between calls (about 0.7 ms per small call); when a call outlives its
 * deadline or its signal fires, its worker is terminated (2-20 ms) and a new
 * one starts on the next call. Idle workers are unref()'d so they never keep
 * the process alive.
 */
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { JqBounds, JqEngineOptions, JqRequest, JqResult, JqRunner } from "../../builtins/jq/types.js";
import type { JqWorkerCall, JqWorkerReply } from "./jq-worker.js";
import { compiledJqModule } from "./jq-wasm.js";

export interface NodeJqRunnerOptions extends JqEngineOptions {
  /** Workers running jq at once (default 2); further calls wait their turn. */
  maxWorkers?: number;
  /** A compiled jq module (default: jq-web's jq.wasm, compiled on first use). */
  module?: WebAssembly.Module;
}

interface PooledWorker {
  worker: Worker;
  /** Set once the worker has exited or been terminated. */
  gone: boolean;
}

let nextId = 0;

/**
 * How to start a worker: the built jq-worker.js next to the bundle; under
 * tsx/vitest (this file is TypeScript) an eval'd bootstrap that registers tsx's
 * loader in the worker, then imports jq-worker.ts (execArgv "--import tsx" is
 * not honoured for a worker's own entry on Node 20).
 */
function workerSpec(): { script: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith(".ts")) return { script: new URL("./jq-worker.js", import.meta.url), eval: false };
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const api = pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href;
  const entry = new URL("./jq-worker.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return { script: code, eval: true };
}

/** The result of a call ended by the deadline or the signal. */
function limited(limit: "time" | "aborted"): JqResult {
  return { status: 1, output: [], limit };
}

function crashResult(message: string): JqResult {
  return { status: 134, output: [{ fd: 2, data: new TextEncoder().encode(`jq: error: ${message}\n`) }] };
}

/** A JqRunner over a small pool of warm worker threads. */
export class NodeJqRunner implements JqRunner {
  private readonly idle: PooledWorker[] = [];
  private readonly queue: Array<(w: PooledWorker) => void> = [];
  /** Workers alive or being started. */
  private live = 0;
  private readonly maxWorkers: number;

  constructor(private readonly options: NodeJqRunnerOptions = {}) {
    this.maxWorkers = Math.max(1, options.maxWorkers ?? 2);
  }

  private async spawn(): Promise<PooledWorker> {
    const module = this.options.module ?? (await compiledJqModule());
    const spec = workerSpec();
    const engineOptions: JqEngineOptions = {
      maxMemoryBytes: this.options.maxMemoryBytes,
      recycleAboveBytes: this.options.recycleAboveBytes,
    };
    const worker = new Worker(spec.script, { eval: spec.eval, workerData: { module, options: engineOptions } });
    worker.unref();
    const pooled: PooledWorker = { worker, gone: false };
    worker.on("error", () => {});
    worker.on("exit", () => this.forget(pooled));
    return pooled;
  }

  /** Drops a worker that exited or was terminated, freeing its slot. */
  private forget(p: PooledWorker): void {
    if (p.gone) return;
    p.gone = true;
    this.live--;
    const i = this.idle.indexOf(p);
    if (i !== -1) this.idle.splice(i, 1);
    this.startQueued();
  }

  /** A free slot goes to the first queued call, which gets a new worker. */
  private startQueued(): void {
    while (this.queue.length > 0 && this.live < this.maxWorkers) {
      const grant = this.queue.shift()!;
      this.live++;
      this.spawn().then(grant, () => {
        this.live--;
        this.queue.unshift(grant);
      });
    }
  }

  /** An idle worker, a new one while under maxWorkers, or the next one freed. */
  private take(): Promise<PooledWorker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    if (this.live < this.maxWorkers) {
      this.live++;
      return this.spawn().catch((e) => {
        this.live--;
        throw e;
      });
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  /** Returns a healthy worker after its call. */
  private give(p: PooledWorker): void {
    if (p.gone) return;
    const next = this.queue.shift();
    if (next) return next(p);
    p.worker.unref();
    this.idle.push(p);
  }

  /** Terminates a worker whose call ran out of time, and starts its replacement at once so the next call finds it warm. */
  private kill(p: PooledWorker): void {
    void p.worker.terminate();
    this.forget(p);
    if (this.live < this.maxWorkers && this.queue.length === 0) {
      this.live++;
      this.spawn().then(
        (fresh) => this.give(fresh),
        () => {
          this.live--;
        },
      );
    }
  }

  run(request: JqRequest, bounds: JqBounds): Promise<JqResult> {
    if (bounds.signal?.aborted) return Promise.resolve(limited("aborted"));
    if (bounds.remainingMs <= 0) return Promise.resolve(limited("time"));
    return new Promise<JqResult>((resolve, reject) => {
      const id = ++nextId;
      let current: PooledWorker | null = null;
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        bounds.signal?.removeEventListener("abort", onAbort);
        current?.worker.off("message", onMessage).off("exit", onExit);
      };
      /** Ends the call early: kills its worker if it had one. */
      const stop = (outcome: JqResult | Error) => {
        if (done) return;
        finish();
        if (current) this.kill(current);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const onAbort = () => stop(limited("aborted"));
      const onExit = () => {
        if (done) return;
        finish();
        resolve(crashResult("the jq worker exited unexpectedly"));
      };
      const onMessage = (reply: JqWorkerReply) => {
        if (done || reply.id !== id) return;
        finish();
        this.give(current!);
        resolve("error" in reply ? crashResult(reply.error) : reply.result);
      };
      if (Number.isFinite(bounds.remainingMs)) {
        timer = setTimeout(() => stop(limited("time")), bounds.remainingMs);
      }
      bounds.signal?.addEventListener("abort", onAbort, { once: true });
      this.take().then(
        (p) => {
          // The call ended while it waited for this worker: hand the worker on.
          if (done) return this.give(p);
          current = p;
          p.worker.ref();
          p.worker.on("message", onMessage).once("exit", onExit);
          const call: JqWorkerCall = { id, request };
          p.worker.postMessage(call);
        },
        (e: unknown) => stop(e instanceof Error ? e : new Error(String(e))),
      );
    });
  }

  /** Terminates the idle workers; later calls start new ones. */
  async dispose(): Promise<void> {
    const all = this.idle.splice(0);
    await Promise.all(all.map((p) => p.worker.terminate()));
  }
}

/** A worker-based runner with the given caps. */
export function createNodeJqRunner(options?: NodeJqRunnerOptions): NodeJqRunner {
  return new NodeJqRunner(options);
}
