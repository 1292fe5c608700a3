/**
 * Installs the worker-based jq runner for Node, Deno and Bun. The Node entry
 * calls installNodeJq() once; it costs nothing until the first jq call (the
 * wasm is read and the first worker started then).
 */
import { setJqRunner } from "../../builtins/jq/runner.js";
import { createNodeJqRunner, type NodeJqRunnerOptions } from "./jq-host.js";
import type { JqWorkerPool } from "../../builtins/jq/worker-pool.js";

/** Makes worker-run jq the default for every Bash in this process; returns the runner. */
export function installNodeJq(options?: NodeJqRunnerOptions): JqWorkerPool {
  const runner = createNodeJqRunner(options);
  setJqRunner(runner);
  return runner;
}
