/**
 * esbuild plugin (used by tsup.config.ts) that ships jq's wasm: writes
 * jq-web's jq.wasm, stripped of its 1.3 MB of DWARF sections (2.78 MB -> 0.93 MB,
 * 328 KB gzipped), into the output directory as jq.wasm. The bundles find it
 * there: src/node/jq-wasm.ts reads it beside dist/jq-node.js, and the browser
 * build's default URL is `new URL("./jq.wasm", import.meta.url)`
 * (builtins/jq/wasm-source.ts), which app bundlers copy along.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { stripWasmCustomSections } from "./wasm-strip.js";

interface PluginBuild {
  initialOptions: { outdir?: string; outfile?: string };
  onEnd(callback: (result: { errors: unknown[] }) => void): void;
}

/** The esbuild plugin; `name` and `setup` as esbuild expects. */
export function jqWasmPlugin(): { name: string; setup(build: PluginBuild): void } {
  return {
    name: "sandbash-jq-wasm",
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length > 0) return;
        const outdir = resolve(build.initialOptions.outdir ?? join(build.initialOptions.outfile ?? "dist/x", ".."));
        const source = createRequire(import.meta.url).resolve("jq-web/jq.wasm");
        mkdirSync(outdir, { recursive: true });
        writeFileSync(join(outdir, "jq.wasm"), stripWasmCustomSections(readFileSync(source)));
      });
    },
  };
}
