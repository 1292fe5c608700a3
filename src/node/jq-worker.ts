/**
 * The jq worker thread for Node, Deno and Bun: serves calls with one warm
 * JqEngine over the Module the host compiled (passed in workerData, which
 * structured-clones it). The host terminates this thread when a call outlives
 * its deadline.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { JqEngineOptions } from "../../builtins/jq/types.js";
import { serveJq } from "../../builtins/jq/worker-serve.js";

const { module, options } = workerData as { module: WebAssembly.Module; options: JqEngineOptions };
const port = parentPort!;
port.on("message", serveJq(module, options, (reply, transfer) => port.postMessage(reply, transfer)));
