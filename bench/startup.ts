/**
 * Cold start, idle-instance heap and browser bundle size of the BUILT package
 * (run `npm run build` first), side by side with just-bash (and bashkit's native addon for cold start) where it applies.
 *   node --import tsx bench/startup.ts [--runs 15]
 * Cold start: a fresh `node` per run, interleaved with a bare `node -e 0` so both see
 * the same machine load; each child reports its own CPU time (process.cpuUsage), which
 * a loaded machine inflates far less than wall time. The "added" columns are the
 * median over runs of (engine run - the bare run next to it).
 * Writes its section of bench/RESULTS.md (between the startup markers).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { machineLines, median, replaceSection } from "./report.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf("--runs") + 1] ?? 15) || 15;

/** Child programs: print `{"cpu": ms, "out": stdout}` after the work. */
const PROBE = (body: string) => `
${body}
const c = process.cpuUsage();
process.stdout.write(JSON.stringify({ cpu: (c.user + c.system) / 1000, out }));`;

/**
 * Two groups, each against its own bare baseline: `import` (ESM: Node's loader for files, ~13 ms
 * of CPU on this machine before any code runs, paid by every ESM package; the empty-module row
 * shows it) and `require` (CJS). bashkit ships ESM only.
 */
interface Probe {
  name: string;
  esm: boolean;
  code: string;
}
const ESM_BASE = "node --input-type=module -e (baseline)";
const CJS_BASE = "node -e (baseline)";
const ENGINES: Probe[] = [
  { name: ESM_BASE, esm: true, code: PROBE(`const out = "hi\\n";`) },
  { name: "import of an empty ES module file", esm: true, code: PROBE(`await import(${JSON.stringify(root + "/bench/empty-module.js")});
const out = "hi\\n";`) },
  { name: "sandbash (import)", esm: true, code: PROBE(`const { Bash } = await import(${JSON.stringify(root + "/dist/index.js")});
const out = (await new Bash().exec("echo hi")).stdout;`) },
  { name: "just-bash (import)", esm: true, code: PROBE(`const { Bash } = await import("just-bash");
const out = (await new Bash().exec("echo hi")).stdout;`) },
  { name: "bashkit, native addon (import)", esm: true, code: PROBE(`const { Bash } = await import("@everruns/bashkit");
const out = (await new Bash({}).execute("echo hi")).stdout;`) },
  { name: CJS_BASE, esm: false, code: `const out = "hi\\n"; const c = process.cpuUsage(); process.stdout.write(JSON.stringify({ cpu: (c.user + c.system) / 1000, out }));` },
  { name: "sandbash (require)", esm: false, code: `const { Bash } = require(${JSON.stringify(root + "/dist/index.cjs")});
new Bash().exec("echo hi").then((r) => { const out = r.stdout; const c = process.cpuUsage(); process.stdout.write(JSON.stringify({ cpu: (c.user + c.system) / 1000, out })); });` },
  { name: "just-bash (require)", esm: false, code: `const { Bash } = require("just-bash");
new Bash().exec("echo hi").then((r) => { const out = r.stdout; const c = process.cpuUsage(); process.stdout.write(JSON.stringify({ cpu: (c.user + c.system) / 1000, out })); });` },
];

interface Sample {
  cpu: number;
  /** Whole-process wall time, from spawn to exit. */
  wall: number;
}

function runChild(probe: Probe): Sample | string {
  const t = performance.now();
  const args = probe.esm ? ["--input-type=module", "-e", probe.code] : ["-e", probe.code];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  const wall = performance.now() - t;
  if (r.status !== 0) return r.stderr.split("\n").find((l) => l.trim()) ?? `exit ${r.status}`;
  const p = JSON.parse(r.stdout) as { cpu: number; out: string };
  if (p.out !== "hi\n") return `wrong output ${JSON.stringify(p.out)}`;
  return { cpu: p.cpu, wall };
}

function coldStart(): string[] {
  const samples = new Map<string, Sample[]>(ENGINES.map((e) => [e.name, []]));
  const failures = new Map<string, string>();
  for (let i = 0; i < runs + 1; i++) {
    for (const e of ENGINES) {
      if (failures.has(e.name)) continue;
      const s = runChild(e);
      if (typeof s === "string") failures.set(e.name, s);
      else if (i > 0) samples.get(e.name)!.push(s); // run 0 warms the disk cache
    }
  }
  const rows = ENGINES.map((e) => {
    if (failures.has(e.name)) return `| ${e.name} | failed: ${failures.get(e.name)} | | | |`;
    const base = samples.get(e.esm ? ESM_BASE : CJS_BASE)!;
    const s = samples.get(e.name)!;
    const addedCpu = median(s.map((x, i) => x.cpu - base[i].cpu));
    const addedWall = median(s.map((x, i) => x.wall - base[i].wall));
    return `| ${e.name} | ${median(s.map((x) => x.cpu)).toFixed(1)} | ${addedCpu.toFixed(1)} | ${median(s.map((x) => x.wall)).toFixed(1)} | ${addedWall.toFixed(1)} |`;
  });
  return [
    "## Cold start: import + `new Bash()` + `exec(\"echo hi\")` in a fresh Node process",
    "",
    `Milliseconds, median of ${runs} interleaved runs. CPU = the child's own user+system time, Node's`,
    "start-up included; wall = spawn to exit. \"added\" = minus the baseline run beside it (ESM rows:",
    "the `--input-type=module` baseline; CJS rows: the plain one). Loading any ES module file starts",
    "Node's file loader (fs/promises, readline...): the empty-module row is that cost alone.",
    "",
    "| engine | CPU | added CPU | wall | added wall |",
    "|---|---:|---:|---:|---:|",
    ...rows,
    "",
  ];
}

const HEAP_PROBE = (importLine: string) => `
${importLine}
const N = 10000;
new Bash(); globalThis.gc(); globalThis.gc();
const before = process.memoryUsage().heapUsed;
const keep = [];
for (let i = 0; i < N; i++) keep.push(new Bash());
globalThis.gc(); globalThis.gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(JSON.stringify({ perInstance: (after - before) / N, total: after - before, n: keep.length }));`;

function idleHeap(): string[] {
  const probes: Record<string, string> = {
    sandbash: HEAP_PROBE(`const { Bash } = await import(${JSON.stringify(root + "/dist/index.js")});`),
    "just-bash": HEAP_PROBE(`const { Bash } = await import("just-bash");`),
  };
  const rows = Object.entries(probes).map(([name, code]) => {
    const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=4096", "--input-type=module", "-e", code], {
      cwd: root,
      encoding: "utf8",
    });
    if (r.status !== 0) return `| ${name} | failed: ${r.stderr.split("\n").find((l) => l.trim()) ?? r.status} | |`;
    const p = JSON.parse(r.stdout) as { perInstance: number; total: number };
    return `| ${name} | ${(p.perInstance / 1024).toFixed(1)} | ${(p.total / 2 ** 20).toFixed(1)} |`;
  });
  return [
    "## Idle instance heap: 10,000 `new Bash()` kept alive, after full GCs",
    "",
    "| engine | KB per instance | MB for 10,000 |",
    "|---|---:|---:|",
    ...rows,
    "",
  ];
}

/** The files a browser fetches: `static` = reached by static imports from the entry. */
function bundleClosure(entry: string, followDynamic: boolean): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(`${root}/dist/${file}`, "utf8");
    // Both quote styles: esbuild writes "./x.js", rollup (build/merge-eager-chunks.ts) './x.js'.
    const re = followDynamic ? /(?:\bfrom|\bimport)\s*\(?\s*["']\.\/([^"']+\.js)["']/g : /(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g;
    for (const m of text.matchAll(re)) visit(m[1]);
  };
  visit(entry);
  return [...seen];
}

function bundleSize(): string[] {
  const size = (files: string[]) => {
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const buf = readFileSync(`${root}/dist/${f}`);
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
    }
    return `${files.length} | ${(raw / 1024).toFixed(1)} | ${(gz / 1024).toFixed(1)}`;
  };
  const rows = [
    `| sandbash dist/browser.js, static imports only (what \`echo hi\` loads) | ${size(bundleClosure("browser.js", false))} |`,
    `| sandbash dist/browser.js, every lazy chunk too (all commands; jq's wasm not included) | ${size(bundleClosure("browser.js", true))} |`,
  ];
  const jbDir = `${root}/node_modules/just-bash/dist/bundle/browser.js`;
  if (existsSync(jbDir)) {
    const buf = readFileSync(jbDir);
    rows.push(`| just-bash dist/bundle/browser.js (entry file only) | 1 | ${(buf.length / 1024).toFixed(1)} | ${(gzipSync(buf, { level: 9 }).length / 1024).toFixed(1)} |`);
  }
  return [
    "## Browser bundle size (minified; gzip -9 per file, summed)",
    "",
    "| bundle | files | KB | KB gzipped |",
    "|---|---:|---:|---:|",
    ...rows,
    "",
  ];
}

function main(): void {
  if (!existsSync(`${root}/dist/index.js`)) {
    console.error("bench/startup.ts measures the built package: run `npm run build` first");
    process.exit(1);
  }
  const sections = [...machineLines("bench/startup.ts"), "", ...coldStart(), ...idleHeap(), ...bundleSize()];
  console.log(sections.join("\n"));
  replaceSection("startup", sections.join("\n"));
  console.log("wrote the startup section of bench/RESULTS.md");
}

main();
