/**
 * Runs a bench/*.ts file in plain Node, without loader hooks:
 *   node bench/plain.mjs bench/run.ts [args...]
 * Under `node --import tsx` every dynamic import() goes through tsx's hooks (~0.5 ms each on
 * this machine, against ~20 us without), which would charge a timing harness for its loader,
 * not the engine measured. esbuild bundles the file next to itself (so relative URLs such as
 * ../dist/index.js still point where they did), packages and ../dist stay external.
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [file, ...args] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/plain.mjs bench/FILE.ts [args...]");
  process.exit(2);
}
const src = resolve(file);
const outfile = join(dirname(src), `.${basename(src, ".ts")}.plain.mjs`);
await build({
  entryPoints: [src],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  external: ["../dist/*"],
  logLevel: "error",
});
process.argv = [process.argv[0], outfile, ...args];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}
