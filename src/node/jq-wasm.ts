/**
 * jq's wasm in Node, Deno and Bun: read from the installed jq-web package (or
 * the stripped copy the build writes next to the bundle) and compiled once per
 * process. Lazy: nothing is read until the first jq call.
 */
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

let compiled: Promise<WebAssembly.Module> | null = null;

/** Path of the jq.wasm to load: dist/jq.wasm when bundled, else node_modules/jq-web/jq.wasm. */
export function jqWasmPath(): string {
  const beside = fileURLToPath(new URL("./jq.wasm", import.meta.url));
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve("jq-web/jq.wasm");
}

/** The compiled jq module, shared by every worker of this process. */
export function compiledJqModule(): Promise<WebAssembly.Module> {
  return (compiled ??= readFile(jqWasmPath())
    .then((bytes) => WebAssembly.compile(bytes))
    .catch((e) => {
      compiled = null;
      throw e;
    }));
}
