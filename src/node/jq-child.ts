/**
 * The jq child process for Bun (src/node/jq-host.ts forks it there): Bun's
 * Worker.terminate() does not interrupt running wasm, so a thread stuck in
 * `def f: f; f` would spin on after its deadline and keep the process alive; a
 * child process can be killed. Serves calls over IPC (structured-clone
 * serialization) with one warm JqEngine over jq.wasm, compiled here (a
 * WebAssembly.Module cannot cross a process boundary). argv[2]: the engine options
 * as JSON.
 */
import type { JqEngineOptions } from "../../builtins/jq/types.js";
import type { JqWorkerCall, JqWorkerReply } from "../../builtins/jq/worker-pool.js";
import { serveJq } from "../../builtins/jq/worker-serve.js";
import { compiledJqModule } from "./jq-wasm.js";

const options = JSON.parse(process.argv[2] ?? "{}") as JqEngineOptions;
const post = (reply: JqWorkerReply) => void process.send?.(reply);
const serve = compiledJqModule().then((module) => serveJq(module, options, post));
process.on("message", (call) => {
  void serve.then((handle) => handle(call as JqWorkerCall));
});
process.on("disconnect", () => process.exit(0));
