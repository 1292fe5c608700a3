/**
 * Runs jq in worker_threads (Node, Deno, Bun) so the exec's deadline and abort
 * signal can stop it: the pool (builtins/jq/worker-pool.ts) terminates a worker
 * whose call runs out of time (2-20 ms) and starts a replacement. Idle workers
 * are unref()'d so they never keep the process alive.
 */
import { fork, type ChildProcess } from "node:child_process";
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { JqEngineOptions } from "../../builtins/jq/types.js";
import { JqWorkerPool, type JqWorkerHandle, type JqWorkerReply } from "../../builtins/jq/worker-pool.js";
import { compiledJqModule } from "./jq-wasm.js";

// The in-process runner (builtins/jq/runner.ts) reads jq.wasm through this in Node, Deno and Bun.
export { compiledJqModule };

export interface NodeJqRunnerOptions extends JqEngineOptions {
  /** Workers running jq at once (default 2); further calls wait their turn. */
  maxWorkers?: number;
  /** A compiled jq module (default: jq.wasm beside the bundle or jq-web's, compiled on first use). */
  module?: WebAssembly.Module;
}

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

/** Flags of this process that apply only to its own entry script, with whether they take a value. */
const ENTRY_ONLY_FLAGS = new Map([["--input-type", true], ["-e", true], ["--eval", true], ["-p", true], ["--print", true]]);

/**
 * The Node flags a worker inherits, less those that apply only to the parent's entry:
 * a worker given `--input-type` fails to load its file (ERR_INPUT_TYPE_NOT_ALLOWED),
 * so under `node --input-type=module -e '...'` every jq call used to end with "the
 * jq worker exited unexpectedly". undefined (inherit as is) when nothing is removed.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] | undefined {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i]!;
    const name = flag.split("=")[0]!;
    if (!ENTRY_ONLY_FLAGS.has(name)) kept.push(flag);
    else if (name === flag && ENTRY_ONLY_FLAGS.get(name)) i++;
  }
  return kept.length === execArgv.length ? undefined : kept;
}

/** A node:worker_threads Worker as a pool handle. */
function nodeHandle(worker: Worker): JqWorkerHandle {
  worker.on("error", () => {});
  return {
    post: (call) => worker.postMessage(call),
    onReply(listener: (reply: JqWorkerReply) => void) {
      worker.on("message", listener);
      return () => worker.off("message", listener);
    },
    onExit(listener: () => void) {
      worker.on("exit", listener);
      return () => worker.off("exit", listener);
    },
    terminate: () => void worker.terminate(),
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
  };
}

/** True under Bun, whose Worker.terminate() cannot stop a thread running wasm. */
function isBun(): boolean {
  return typeof (globalThis as { Bun?: unknown }).Bun !== "undefined";
}

/** A jq child process (jq-child.js; Bun only) as a pool handle: terminate() kills it. */
function childHandle(child: ChildProcess): JqWorkerHandle {
  child.on("error", () => {});
  return {
    post: (call) => void child.send(call),
    onReply(listener: (reply: JqWorkerReply) => void) {
      const wrapped = (m: unknown) => listener(m as JqWorkerReply);
      child.on("message", wrapped);
      return () => child.off("message", wrapped);
    },
    onExit(listener: () => void) {
      child.on("exit", listener);
      return () => child.off("exit", listener);
    },
    terminate: () => void child.kill("SIGKILL"),
    hold(busy) {
      const channel = child.channel as { ref?(): void; unref?(): void } | undefined;
      if (busy) {
        child.ref();
        channel?.ref?.();
      } else {
        child.unref();
        channel?.unref?.();
      }
    },
  };
}

function forkJqChild(options: JqEngineOptions): ChildProcess {
  const script = new URL(import.meta.url.endsWith(".ts") ? "./jq-child.ts" : "./jq-child.js", import.meta.url);
  return fork(script, [JSON.stringify(options)], { serialization: "advanced", stdio: ["ignore", "ignore", "ignore", "ipc"], execArgv: [] });
}

/** A JqRunner over warm worker threads (child processes under Bun). */
export function createNodeJqRunner(options: NodeJqRunnerOptions = {}): JqWorkerPool {
  const engineOptions: JqEngineOptions = {
    maxMemoryBytes: options.maxMemoryBytes,
    recycleAboveBytes: options.recycleAboveBytes,
  };
  const start = async () => {
    if (isBun()) return childHandle(forkJqChild(engineOptions));
    const module = options.module ?? (await compiledJqModule());
    const spec = workerSpec();
    // The JS heap holds the call's stdin and output copies (each capped at the fs limit); a
    // worker past this dies alone, and the call reports it. stackSizeMb stays at Node's 4:
    // see "Nesting" in builtins/jq/README.md.
    const resourceLimits = { maxOldGenerationSizeMb: 1024 };
    const execArgv = workerExecArgv();
    return nodeHandle(
      new Worker(spec.script, {
        eval: spec.eval,
        workerData: { module, options: engineOptions },
        resourceLimits,
        ...(execArgv ? { execArgv } : {}),
      }),
    );
  };
  return new JqWorkerPool(start, Math.max(1, options.maxWorkers ?? 2));
}
