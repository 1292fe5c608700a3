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
      const before = overBounds(bounds);
      if (before) return { status: 1, output: [], limit: before };
      const started = Date.now();
      const result = await (await getEngine()).run(request);
      return { ...result, limit: result.limit ?? overBounds({ ...bounds, remainingMs: bounds.remainingMs - (Date.now() - started) }) };
    },
    dispose() {
      void engine?.then((e) => e.dispose());
      engine = null;
    },
  };
}

/** Which bound is already exceeded, if any. */
function overBounds(bounds: JqBounds): "time" | "aborted" | undefined {
  if (bounds.signal?.aborted) return "aborted";
  if (bounds.remainingMs <= 0) return "time";
  return undefined;
}
