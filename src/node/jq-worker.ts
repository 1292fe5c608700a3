/**
 * The jq worker thread: one warm JqEngine over the Module the host compiled
 * (passed in workerData, which structured-clones it). Calls arrive one at a
 * time; the host terminates this thread when a call outlives its deadline.
 */
import { parentPort, workerData } from "node:worker_threads";
import { JqEngine } from "../../builtins/jq/engine.js";
import type { JqEngineOptions, JqRequest, JqResult } from "../../builtins/jq/types.js";

/** Host -> worker. */
export interface JqWorkerCall {
  id: number;
  request: JqRequest;
}

/** Worker -> host. */
export type JqWorkerReply = { id: number; result: JqResult } | { id: number; error: string };

const { module, options } = workerData as { module: WebAssembly.Module; options: JqEngineOptions };
const engine = new JqEngine(module, options);
const port = parentPort!;

port.on("message", async ({ id, request }: JqWorkerCall) => {
  let reply: JqWorkerReply;
  try {
    reply = { id, result: await engine.run(request) };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  // Chunks may share one buffer; each buffer is transferred once.
  const transfer = "result" in reply ? [...new Set(reply.result.output.map((c) => c.data.buffer as ArrayBuffer))] : [];
  port.postMessage(reply, transfer);
});

// Instantiate now, while the host is still preparing the first call.
engine.warm().catch(() => {});
