import { moduleUrl } from "./module-url.js";

/**
 * Where jq's wasm comes from when jq runs in this thread or a Web Worker:
 * a precompiled `WebAssembly.Module` (required on Workers-style edge runtimes,
 * which forbid compiling from bytes), the bytes, a URL, or a function giving
 * one of these. Compiled once and cached per source.
 */

export type JqWasmSource =
  | WebAssembly.Module
  | Uint8Array
  | ArrayBuffer
  | URL
  | string
  | (() => JqWasmValue | Promise<JqWasmValue>);

type JqWasmValue = WebAssembly.Module | Uint8Array | ArrayBuffer | URL | string;

/**
 * The stripped jq.wasm the build writes next to the bundle (dist/jq.wasm).
 * Bundlers (Vite, webpack 5, Parcel, esbuild with a file loader) recognise this
 * `new URL(..., import.meta.url)` form and ship the file with the app.
 */
export function defaultJqWasmUrl(): URL {
  const base = moduleUrl();
  try {
    // The literal form first: bundlers only recognise `new URL("...", import.meta.url)`.
    return base === import.meta.url ? new URL("./jq.wasm", import.meta.url) : new URL("./jq.wasm", base);
  } catch {
    throw new Error(`no URL for it beside this bundle, whose import.meta.url is ${JSON.stringify(base)}`);
  }
}

async function fetchAndCompile(url: string | URL): Promise<WebAssembly.Module> {
  const response = fetch(url);
  if (typeof WebAssembly.compileStreaming === "function") {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch {
      // Served without application/wasm: fall back to bytes.
    }
  }
  const r = await fetch(url);
  if (!r.ok) throw new Error(`jq: cannot load ${String(url)}: HTTP ${r.status}`);
  return WebAssembly.compile(await r.arrayBuffer());
}

/**
 * Compiles (or passes through) a wasm source. A source that cannot be loaded
 * becomes an error saying what to pass instead: on Workers-style edge runtimes
 * the default URL does not resolve (workerd's import.meta.url is no URL) and
 * bytes cannot be compiled ("Wasm code generation disallowed by embedder").
 */
export async function compileJqWasm(source: JqWasmSource): Promise<WebAssembly.Module> {
  try {
    return await compileSource(source);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(
      `cannot load jq.wasm (${reason}); where it cannot be fetched or compiled from bytes, ` +
        "import it as a module and pass it: new Bash({ jq: { wasm } })",
    );
  }
}

async function compileSource(source: JqWasmSource): Promise<WebAssembly.Module> {
  const s = typeof source === "function" ? await source() : source;
  if (s instanceof WebAssembly.Module) return s;
  // A Module from another realm (edge-runtime's `extend`) fails instanceof but instantiates fine.
  if (Object.prototype.toString.call(s) === "[object WebAssembly.Module]") return s as WebAssembly.Module;
  if (s instanceof Uint8Array) return WebAssembly.compile(s.slice().buffer as ArrayBuffer);
  if (s instanceof ArrayBuffer) return WebAssembly.compile(s);
  return fetchAndCompile(s as string | URL);
}
