import type { CommandContext } from "../types.js";
import type { JqEngineOptions, JqRunner } from "./types.js";
import type { JqWasmSource } from "./wasm-source.js";
import { moduleUrl } from "./module-url.js";

/**
 * Which JqRunner a jq call uses: the session's (`new Bash({ jq })`), else the
 * one installed with setJqRunner() (src/node/jq-setup.ts installNodeJq()), else
 * a default: in Node, Deno and Bun the worker host (src/node/jq-host.ts) found
 * by a computed dynamic import, elsewhere the in-process engine over
 * dist/jq.wasm next to the bundle. Nothing here loads jq: the engine, the host
 * and the wasm are imported on the first jq call.
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

async function loadNodeRunner(): Promise<JqRunner | null> {
  for (const candidate of NODE_HOST_CANDIDATES) {
    let href: string;
    try {
      href = new URL(candidate, moduleUrl()).href;
    } catch {
      continue;
    }
    try {
      const host = (await import(/* @vite-ignore */ /* webpackIgnore: true */ href)) as {
        createNodeJqRunner(): JqRunner;
      };
      return host.createNodeJqRunner();
    } catch {
      // not this layout
    }
  }
  return null;
}

/** The default when nothing was installed: worker-run jq where Node's workers exist, else in-process. */
function defaultRunner(): JqRunner {
  if (!hasNodeWorkers()) return lazyInProcessRunner(undefined);
  let chosen: Promise<JqRunner> | null = null;
  const choose = () => (chosen ??= loadNodeRunner().then((r) => r ?? lazyInProcessRunner(undefined)));
  return {
    async run(request, bounds) {
      return (await choose()).run(request, bounds);
    },
    async dispose() {
      const r = chosen;
      chosen = null;
      if (r) await (await r).dispose?.();
    },
  };
}

/** The runner for one call: the session's, else the process-wide one, else the default above. */
export function runnerFor(ctx: JqAwareContext): JqRunner {
  return ctx.jq ?? processRunner ?? (fallback ??= defaultRunner());
}
