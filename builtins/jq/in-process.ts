import { LimitExceeded } from "../../src/limits/budget.js";
import { JqEngine } from "./engine.js";
import type { JqBounds, JqEngineOptions, JqRequest, JqResult, JqRunner } from "./types.js";
import { compileJqWasm, type JqWasmSource } from "./wasm-source.js";

/**
 * Runs jq in the calling thread (browsers without a worker, edge runtimes).
 * DIVERGE: a call cannot be preempted here: `def f: f; f` runs until the
 * platform kills the isolate (workerd's CPU limit). What still holds: the
 * memory cap (resize_heap), the output cap, and the deadline and abort signal
 * checked before and after each call.
 */
export function createInProcessJqRunner(source: JqWasmSource, options: JqEngineOptions = {}): JqRunner {
  let engine: Promise<JqEngine> | null = null;
  const getEngine = () =>
    (engine ??= compileJqWasm(source).then((m) => new JqEngine(m, options)).catch((e) => {
      engine = null;
      throw e;
    }));
  return {
    async run(request: JqRequest, bounds: JqBounds): Promise<JqResult> {
      checkBounds(bounds);
      const started = Date.now();
      const result = await (await getEngine()).run(request);
      checkBounds({ ...bounds, remainingMs: bounds.remainingMs - (Date.now() - started) });
      return result;
    },
    dispose() {
      void engine?.then((e) => e.dispose());
      engine = null;
    },
  };
}

/** Throws the limit error when the deadline has passed or the signal fired. */
function checkBounds(bounds: JqBounds): void {
  if (bounds.signal?.aborted) throw new LimitExceeded("aborted", 0);
  if (bounds.remainingMs <= 0) throw new LimitExceeded("time", bounds.timeoutMs);
}
