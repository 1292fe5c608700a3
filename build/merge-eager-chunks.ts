/**
 * After tsup: each entry's statically imported code becomes ONE file, and everything loaded
 * with import() stays in lazy chunks beside it.
 *
 * Why: esbuild splits code by "which entries reach it", and every lazily imported command
 * counts as an entry, so `import("sandbash")` used to fetch 17 files before `echo hi`, and a
 * fresh Node process pays ~0.5 ms of module-loader work per file on top of compiling it
 * (bench/startup.ts). esbuild cannot merge chunks; rollup can (manualChunks), so rollup
 * re-bundles tsup's output: the entry's static closure goes into the entry's own chunk
 * (preserveEntrySignatures "allow-extension" lets it export what the lazy chunks need), lazy
 * chunks import from it. The CommonJS build is derived from the same graph, so `require`
 * users get the same lazy chunks instead of one 1.2 MB file. Source maps are chained through.
 *
 *   node --import tsx build/merge-eager-chunks.ts [dir]     (npm run build runs it)
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { transform } from "esbuild";
import { rollup, type Plugin } from "rollup";

interface Graph {
  /** Output name -> entry file in dir (e.g. index -> index.js). */
  entries: Record<string, string>;
  formats: ("es" | "cjs")[];
  /** Made executable (rollup keeps the entry's own #! line). */
  bin?: boolean;
}

/** The graphs tsup.config.ts emits with code splitting. */
export const GRAPHS: Graph[] = [
  { entries: { index: "index.js", node: "node.js" }, formats: ["es", "cjs"] },
  { entries: { browser: "browser.js" }, formats: ["es"] },
  { entries: { cli: "cli.js" }, formats: ["es"], bin: true },
];

const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*"(\.\/[^"]+)"/g;

function importsOf(file: string): { path: string; dynamic: boolean }[] {
  const src = readFileSync(file, "utf8");
  const out: { path: string; dynamic: boolean }[] = [];
  for (const m of src.matchAll(IMPORT)) out.push({ path: join(dirname(file), m[1]), dynamic: m[0].includes("(") });
  return out;
}

/** Files reached from the roots: through static imports only, or through import() as well. */
function closure(roots: string[], followDynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const walk = (f: string) => {
    if (seen.has(f) || !existsSync(f)) return;
    seen.add(f);
    for (const i of importsOf(f)) if (followDynamic || !i.dynamic) walk(i.path);
  };
  for (const r of roots) walk(r);
  return seen;
}

/** Hands rollup each input file's own source map, so the output maps point at src/. */
function inputSourceMaps(): Plugin {
  return {
    name: "input-source-maps",
    load(id) {
      const code = readFileSync(id, "utf8");
      const mapFile = `${id}.map`;
      return existsSync(mapFile) ? { code, map: readFileSync(mapFile, "utf8") } : code;
    },
  };
}

/**
 * Minifies each output chunk again: rollup keeps tsup's minified code but renames colliding
 * top-level names with "$N" suffixes (k$4, de$1: ~1,500 in index.js). Cold start compiles
 * every byte of the eager chunk, so shorter is faster; esbuild's names and source map chain on.
 */
function reminify(): Plugin {
  return {
    name: "reminify",
    async renderChunk(code, _chunk, options) {
      const r = await transform(code, { minify: true, format: options.format === "cjs" ? "cjs" : "esm", target: "es2022", sourcemap: true });
      return { code: r.code, map: r.map };
    },
  };
}

export async function mergeEagerChunks(dir: string): Promise<void> {
  dir = resolve(dir);
  const stale = new Set<string>();
  const staged: string[] = [];
  for (const g of GRAPHS) {
    const entryFiles = Object.values(g.entries).map((f) => join(dir, f));
    if (!entryFiles.every((f) => existsSync(f))) continue;
    // The first entry's static closure is the eager code every later entry shares.
    const eager = closure([entryFiles[0]], false);
    const mainName = Object.keys(g.entries)[0];
    for (const f of closure(entryFiles, true)) stale.add(f);
    const bundle = await rollup({
      input: Object.fromEntries(Object.entries(g.entries).map(([n, f]) => [n, join(dir, f)])),
      preserveEntrySignatures: "allow-extension",
      external: (id) => !id.startsWith(".") && !id.startsWith("/"),
      plugins: [inputSourceMaps()],
      onwarn: (w) => {
        // esbuild's output is already tree-shaken; rollup only notes its pure annotations.
        if (w.code === "INVALID_ANNOTATION" || w.code === "SOURCEMAP_ERROR") return;
        throw new Error(`merge-eager-chunks: ${w.message}`);
      },
    });
    for (const format of g.formats) {
      const out = mkdtempSync(join(dir, ".merge-"));
      const ext = format === "cjs" ? "cjs" : "js";
      await bundle.write({
        dir: out,
        format,
        compact: true,
        sourcemap: true,
        generatedCode: "es2015",
        entryFileNames: `[name].${ext}`,
        chunkFileNames: `[name]-[hash].${ext}`,
        manualChunks: (id) => (eager.has(id) ? mainName : undefined),
        plugins: [reminify()],
      });
      staged.push(out);
    }
    await bundle.close();
    // The tsup CommonJS files of this graph (one big bundle each) are replaced too.
    if (g.formats.includes("cjs")) for (const n of Object.keys(g.entries)) stale.add(join(dir, `${n}.cjs`));
  }
  // Files other entries (jq's workers, ...) still import are never removed.
  const all = readdirSync(dir).filter((n) => n.endsWith(".js")).map((n) => join(dir, n));
  const imported = new Set(all.flatMap((f) => importsOf(f).map((i) => i.path)));
  const graphEntries = new Set(GRAPHS.flatMap((g) => Object.values(g.entries).map((f) => join(dir, f))));
  const otherRoots = all.filter((f) => !imported.has(f) && !graphEntries.has(f) && !stale.has(f));
  for (const f of closure(otherRoots, true)) stale.delete(f);
  for (const f of stale) {
    rmSync(f, { force: true });
    rmSync(`${f}.map`, { force: true });
  }
  for (const out of staged) {
    for (const name of readdirSync(out)) renameSync(join(out, name), join(dir, name));
    rmSync(out, { recursive: true });
  }
  for (const g of GRAPHS) if (g.bin) for (const f of Object.values(g.entries)) if (existsSync(join(dir, f))) chmodSync(join(dir, f), 0o755);
}

if (process.argv[1] && basename(process.argv[1]).startsWith("merge-eager-chunks")) {
  await mergeEagerChunks(process.argv[2] ?? "dist");
}
