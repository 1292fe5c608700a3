import type { CommandContext } from "../types.js";
import type { JqEngineOptions, JqRunner } from "./types.js";
import type { JqWasmSource } from "./wasm-source.js";

/**
 * Which JqRunner a jq call uses. The core never imports a Node module, so the
 * Node entry installs the worker-based runner (src/node/jq-host.ts) with
 * setJqRunner(); browsers and edge runtimes get the in-process engine over a
 * wasm source they supply (or dist/jq.wasm next to the bundle by default).
 * Nothing here loads jq: the engine and the wasm are imported on first use.
 */

/** What an embedding may say about jq (`new Bash({ jq: ... })`). */
export interface JqOptions extends JqEngineOptions {
  /** A ready runner (e.g. a worker-based one); wins over `wasm`. */
  runner?: JqRunner;
  /** jq.wasm for the in-process engine: a compiled Module (edge), bytes, or a URL. */
  wasm?: JqWasmSource;
}

/** A context that may carry its session's runner (set by Bash from its `jq` option). */
export type JqAwareContext = CommandContext & { jq?: JqRunner };

let processRunner: JqRunner | null = null;
let fallback: JqRunner | null = null;

/** Sets (or clears with null) the runner for every session without its own. */
export function setJqRunner(runner: JqRunner | null): void {
  processRunner = runner;
}

/** The runner installed with setJqRunner, if any. */
export function getJqRunner(): JqRunner | null {
  return processRunner;
}

/** A runner that loads the in-process engine lazily on its first call. */
export function lazyInProcessRunner(wasm: JqWasmSource | undefined, options: JqEngineOptions = {}): JqRunner {
  let inner: Promise<JqRunner> | null = null;
  const load = () =>
    (inner ??= Promise.all([import("./in-process.js"), import("./wasm-source.js")]).then(([ip, ws]) =>
      ip.createInProcessJqRunner(wasm ?? ws.defaultJqWasmUrl, options),
    ));
  return {
    async run(request, bounds) {
      return (await load()).run(request, bounds);
    },
    async dispose() {
      const r = inner;
      inner = null;
      if (r) await (await r).dispose?.();
    },
  };
}

/** Turns `new Bash({ jq })` options into the session's runner (nothing is loaded yet). */
export function jqRunnerFromOptions(options: JqOptions | undefined): JqRunner | undefined {
  if (!options) return undefined;
  if (options.runner) return options.runner;
  if (options.wasm) return lazyInProcessRunner(options.wasm, options);
  return undefined;
}

/** The runner for one call: the session's, else the process-wide one, else in-process from dist/jq.wasm. */
export function runnerFor(ctx: JqAwareContext): JqRunner {
  return ctx.jq ?? processRunner ?? (fallback ??= lazyInProcessRunner(undefined));
}
