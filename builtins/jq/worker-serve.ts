import { JqEngine } from "./engine.js";
import type { JqEngineOptions, JqOutputChunk } from "./types.js";
import type { JqWorkerCall, JqWorkerReply } from "./worker-pool.js";

/**
 * The inside of a jq worker (Node or browser): one warm JqEngine answering
 * calls one at a time. Output buffers are transferred, each buffer once.
 */
export function serveJq(
  module: WebAssembly.Module,
  options: JqEngineOptions,
  post: (reply: JqWorkerReply, transfer: ArrayBuffer[]) => void,
): (call: JqWorkerCall) => Promise<void> {
  const engine = new JqEngine(module, options);
  // Instantiate now, while the host is still preparing the first call.
  engine.warm().catch(() => {});
  return async ({ id, request, stream }) => {
    const sink = stream
      ? (chunk: JqOutputChunk) => post({ id, chunk }, [chunk.data.buffer as ArrayBuffer])
      : undefined;
    let reply: JqWorkerReply;
    try {
      reply = { id, result: await engine.run(request, sink) };
    } catch (e) {
      reply = { id, error: e instanceof Error ? e.message : String(e) };
    }
    const transfer = "result" in reply ? [...new Set(reply.result.output.map((c) => c.data.buffer as ArrayBuffer))] : [];
    post(reply, transfer);
  };
}
