/**
 * dist/ layout (package.json "exports", "bin"):
 *   index.js (ESM) + index.cjs + index.d.ts   Node library, dependencies left as imports
 *   browser.js (ESM, platform browser)        dependencies bundled in, + lazy chunks
 *   cli.js (ESM, Node, shebang)               the CLI, library bundled in
 * `npm run build` empties dist/ first; the configs below build side by side, so
 * none of them may clean. After tsup, build/merge-eager-chunks.ts makes each entry's
 * statically imported code one file (and derives index.cjs/node.cjs with the same lazy
 * chunks): cold start pays per file loaded.
 */
import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";
import { jqWasmPlugin } from "./build/esbuild-jq-plugin.js";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  version: string;
};
const define = { __SANDBASH_VERSION__: JSON.stringify(version) };

export default defineConfig([
  {
    // index: the library; node: `sandbash/node`, the Node-only helpers (real-directory overlay).
    entry: { index: "src/index.ts", node: "src/node/index.ts" },
    format: ["esm", "cjs"],
    outExtension: ({ format }) => ({ js: format === "cjs" ? ".cjs" : ".js" }),
    platform: "node",
    target: "node20",
    // shell-quote is CommonJS: importing it from ESM starts Node's CJS loader and module lexer,
    // ~10 ms of every cold start (bench/startup.ts). Bundled in, it costs nothing extra.
    noExternal: ["shell-quote"],
    dts: true,
    // Minified: start-up cost is parse time (bench/startup.ts); the source map keeps
    // stack traces readable under `node --enable-source-maps`.
    minify: true,
    sourcemap: true,
    clean: false,
    define,
  },
  {
    entry: { browser: "src/index.ts" },
    format: ["esm"],
    outExtension: () => ({ js: ".js" }),
    platform: "browser",
    target: "es2022",
    // Dependencies bundled in (a browser has no node_modules to resolve from); parts
    // loaded with import() become chunks beside it.
    noExternal: [/.*/],
    // Nothing outside src/node/ imports node: modules (DEVELOPERS.md), so today the
    // bundle has none; should one slip in, it stays an import rather than failing the
    // build. .ci/run checks that it has none.
    external: [/^node:/],
    minify: true,
    sourcemap: true,
    clean: false,
    define,
  },
  {
    // jq in Node: the worker host (found by builtins/jq/runner.ts as ./jq-node.js), the
    // worker script, and the child-process script used under Bun; the plugin writes the
    // stripped jq.wasm beside them.
    entry: { "jq-node": "src/node/jq-host.ts", "jq-worker": "src/node/jq-worker.ts", "jq-child": "src/node/jq-child.ts" },
    format: ["esm"],
    outExtension: () => ({ js: ".js" }),
    platform: "node",
    target: "node20",
    sourcemap: true,
    clean: false,
    esbuildPlugins: [jqWasmPlugin()],
  },
  {
    // jq's Web Worker for browsers (builtins/jq/web-worker-host.ts starts ./jq-web-worker.js).
    entry: { "jq-web-worker": "builtins/jq/jq-web-worker.ts" },
    format: ["esm"],
    outExtension: () => ({ js: ".js" }),
    platform: "browser",
    target: "es2022",
    noExternal: [/.*/],
    sourcemap: true,
    clean: false,
  },
  {
    // cli-entry.ts turns the compile cache on, then imports cli.ts (a lazy chunk).
    entry: { cli: "src/node/cli-entry.ts" },
    format: ["esm"],
    outExtension: () => ({ js: ".js" }),
    platform: "node",
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    noExternal: ["shell-quote"],
    minify: true,
    sourcemap: true,
    clean: false,
    define,
  },
]);
