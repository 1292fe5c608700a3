/**
 * Builds dist/ as tsup.config.ts does, without the .d.ts files (a minute on this
 * machine; the runtime tests need only the bundles): `node --import tsx
 * test/runtimes/build-dist.ts [outDir]`, then merges each entry's eager chunks as the build does. Used by test/runtimes/dist.ts when dist/
 * is missing or older than the sources; `npm run build` stays the real build.
 */
import { build, type Options } from "tsup";
import configs from "../../tsup.config.js";
import { mergeEagerChunks } from "../../build/merge-eager-chunks.js";

const outDir = process.argv[2] ?? "dist";
for (const config of configs as unknown as Options[]) {
  await build({ ...config, outDir, dts: false, silent: true });
}
await mergeEagerChunks(outDir);
