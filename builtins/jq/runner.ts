import type { CommandContext } from "../types.js";
import type { JqEngineOptions, JqRunner } from "./types.js";
import type { JqWasmSource } from "./wasm-source.js";
import { moduleUrl } from "./module-url.js";

/**
 * Which JqRunner a jq call uses: the session's (`new Bash({ jq })`), else the
 * one installed with setJqRunner() (src/node/jq-setup.ts installNodeJq()), else
 * a default: in Node, Deno and Bun the worker host (src/node/jq-host.ts) found
 * by a computed dynamic import; in browsers Web Workers (web-worker-host.ts);
 * elsewhere the in-process engine over dist/jq.wasm next to the bundle. Nothing
 * here loads jq: the engine, the hosts and the wasm load on the first jq call.
 */

/** What an embedding may say about jq (`new Bash({ jq: ... })`). */
export interface JqOptions extends JqEngineOptions {
  /** A ready runner (e.g. a worker-based one); wins over `wasm`. */
  runner?: JqRunner;
  /** jq.wasm: a compiled Module (required on edge runtimes), bytes, or a URL. */
  wasm?: JqWasmSource;
  /** Run jq in the calling thread even where workers exist (no preemption: see README). */
  inProcess?: boolean;
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
    async run(request, bounds, onOutput) {
      return (await load()).run(request, bounds, onOutput);
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
  return runnerForSource(options.wasm, options);
}

/** True in Node, Deno and Bun (which all offer node:worker_threads). */
function hasNodeWorkers(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === "string";
}

/**
 * Where the Node worker host is: dist/jq-node.js beside the bundle, or the
 * TypeScript source under tsx/vitest. Computed specifiers, so browser bundlers
 * never follow them (and the core never imports a Node module itself).
 */
const NODE_HOST_CANDIDATES = ["./jq-node.js", "../../src/node/jq-host.ts"];

interface NodeHost {
  createNodeJqRunner(o: JqEngineOptions & { module?: WebAssembly.Module }): JqRunner;
  /** jq.wasm read from beside the bundle (or the jq-web package) and compiled once. */
  compiledJqModule(): Promise<WebAssembly.Module>;
}

async function loadNodeHost(): Promise<NodeHost | null> {
  for (const candidate of NODE_HOST_CANDIDATES) {
    let href: string;
    try {
      href = new URL(candidate, moduleUrl()).href;
    } catch {
      continue;
    }
    try {
      return (await import(/* @vite-ignore */ /* webpackIgnore: true */ href)) as NodeHost;
    } catch {
      continue; // not this layout
    }
  }
  return null;
}

async function loadNodeRunner(wasm: JqWasmSource | undefined, options: JqEngineOptions): Promise<JqRunner | null> {
  const host = await loadNodeHost();
  if (!host) return null;
  const module = wasm === undefined ? undefined : await (await import("./wasm-source.js")).compileJqWasm(wasm);
  return host.createNodeJqRunner({ ...options, module });
}

/** In Node, Deno and Bun without a wasm source: the file the Node host reads (fetch cannot read file: URLs in Node). */
const nodeHostWasm: JqWasmSource = async () => {
  const host = await loadNodeHost();
  if (!host) throw new Error("no jq-node.js beside this bundle to read it with");
  return host.compiledJqModule();
};

/** A runner that loads its real runner on the first call. */
function deferred(load: () => Promise<JqRunner>): JqRunner {
  let chosen: Promise<JqRunner> | null = null;
  return {
    async run(request, bounds, onOutput) {
      return (await (chosen ??= load())).run(request, bounds, onOutput);
    },
    async dispose() {
      const r = chosen;
      chosen = null;
      if (r) await (await r).dispose?.();
    },
  };
}

/** Runs on `primary` until it cannot run jq at all (a rejection), then on `secondary` for good. */
function withFallback(primary: JqRunner, secondary: () => JqRunner): JqRunner {
  let current = primary;
  return {
    async run(request, bounds, onOutput) {
      if (current !== primary) return current.run(request, bounds, onOutput);
      try {
        return await primary.run(request, bounds, onOutput);
      } catch {
        current = secondary();
        void primary.dispose?.();
        return current.run(request, bounds, onOutput);
      }
    },
    dispose: () => current.dispose?.(),
  };
}

/** True where Web Workers exist (browsers). */
function hasWebWorkers(): boolean {
  return typeof (globalThis as { Worker?: unknown }).Worker === "function";
}

/**
 * Where jq runs for a wasm source: worker threads in Node, Deno and Bun; Web
 * Workers in browsers (in-process if the worker script cannot start);
 * in-process elsewhere (edge runtimes) or when asked.
 */
function runnerForSource(wasm: JqWasmSource | undefined, options: JqOptions): JqRunner {
  const engineOptions: JqEngineOptions = { maxMemoryBytes: options.maxMemoryBytes, recycleAboveBytes: options.recycleAboveBytes };
  const inProcess = () => lazyInProcessRunner(wasm ?? (hasNodeWorkers() ? nodeHostWasm : undefined), engineOptions);
  if (options.inProcess) return inProcess();
  if (hasNodeWorkers()) return deferred(async () => (await loadNodeRunner(wasm, engineOptions)) ?? inProcess());
  if (!hasWebWorkers()) return inProcess();
  const inWorkers = deferred(async () =>
    (await import("./web-worker-host.js")).createWebWorkerJqRunner({ ...engineOptions, wasm }),
  );
  return withFallback(inWorkers, inProcess);
}

/** The runner for one call: the session's, else the process-wide one, else the default above. */
export function runnerFor(ctx: JqAwareContext): JqRunner {
  return ctx.jq ?? processRunner ?? (fallback ??= runnerForSource(undefined, {}));
}
