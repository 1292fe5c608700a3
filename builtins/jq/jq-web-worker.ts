/**
 * The jq Web Worker (browsers): built as dist/jq-web-worker.js and started by
 * web-worker-host.ts as a module worker. The first message brings the compiled
 * Module (the host compiles once; restarts skip compilation); it answers
 * "ready" once jq is instantiated, then serves calls.
 */
import type { JqEngineOptions } from "./types.js";
import type { JqWorkerCall } from "./worker-pool.js";
import { serveJq } from "./worker-serve.js";

interface WorkerScope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let serve: ((call: JqWorkerCall) => Promise<void>) | null = null;

scope.onmessage = (event) => {
  const message = event.data as { type?: string; module?: WebAssembly.Module; options?: JqEngineOptions } & JqWorkerCall;
  if (message.type === "init" && message.module) {
    serve = serveJq(message.module, message.options ?? {}, (reply, transfer) => scope.postMessage(reply, transfer));
    scope.postMessage({ type: "ready" });
    return;
  }
  void serve?.(message);
};
