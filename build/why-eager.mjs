// node build/why-eager.mjs [substring...]: the modules import("sandbash") loads before the first exec (the static closure
// of src/index.ts, minified sizes), and for each substring given, the import chain that makes a module eager.
// Cold start is compile time, proportional to these bytes (bench/startup.ts); keep rarely used code behind import().
import { build } from "esbuild";
const r = await build({ entryPoints: ["src/index.ts"], bundle: true, format: "esm", platform: "node", write: false, metafile: true, splitting: true, outdir: "/tmp/whyout", minify: true, external: ["memfs", "fflate", "jq-web"], define: { __SANDBASH_VERSION__: '"0"' }, logLevel: "error" });
const ins = r.metafile.inputs;
const parent = new Map([["src/index.ts", null]]); const q = ["src/index.ts"];
while (q.length) { const f = q.shift(); for (const i of ins[f]?.imports ?? []) if (i.kind === "import-statement" && !i.external && !parent.has(i.path)) { parent.set(i.path, f); q.push(i.path); } }
const sizes = new Map(); for (const o of Object.values(r.metafile.outputs)) for (const [k, v] of Object.entries(o.inputs)) sizes.set(k, (sizes.get(k) ?? 0) + v.bytesInOutput);
let tot = 0; for (const f of parent.keys()) tot += sizes.get(f) ?? 0;
console.log("eager modules", parent.size, "bytes", tot);
for (const pat of process.argv.slice(2)) for (const f of parent.keys()) if (f.includes(pat)) { const chain = []; for (let x = f; x; x = parent.get(x)) chain.push(x); console.log(sizes.get(f), chain.join(" <- ")); }
if (process.argv.length === 2) console.log([...parent.keys()].map((f) => [sizes.get(f) ?? 0, f]).sort((a, b) => b[0] - a[0]).map((x) => x.join(" ")).join("\n"));
