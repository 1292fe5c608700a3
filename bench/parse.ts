/**
 * Parser throughput: MB/s of parse() on a few MB of ordinary scripts (every differential
 * case's script and every `.sh` file the cases create, keeping those bash would accept, i.e.
 * that parse), repeated until the corpus reaches the target size.
 *   node --import tsx bench/parse.ts [--mb N] [--runs N] [--write]
 * Two shapes: many small scripts (one parse() each, as exec() does) and the same text joined
 * into one big script. CPU time (process.cpuUsage), best and median of --runs passes after a
 * warm-up pass, of the parser bundled as the package ships it (bundledParser). --write records
 * the section in bench/RESULTS.md.
 */
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseForFilter, type parse as parseFn } from "../src/parser/parser.js";
import { listFeatures, loadCases } from "../test/differential/cases.js";
import { machineLines, median, replaceSection } from "./report.js";

/**
 * The parser as users run it: one esbuild bundle (minified, as tsup ships it). Under tsx each
 * module is compiled on its own and every imported name is read through a getter, which
 * costs the parser more than the bundle ever pays and skews what a change seems to win.
 */
async function bundledParser(): Promise<typeof parseFn> {
  const out = await build({
    entryPoints: [new URL("../src/parser/parser.ts", import.meta.url).pathname],
    bundle: true, format: "esm", platform: "neutral", target: "es2022", minify: true, write: false, logLevel: "error",
  });
  const dir = mkdtempSync(join(tmpdir(), "sandbash-parse-"));
  const file = join(dir, "parser.mjs");
  writeFileSync(file, out.outputFiles[0].text);
  try {
    return ((await import(pathToFileURL(file).href)) as { parse: typeof parseFn }).parse;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const parse = await bundledParser();

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : dflt;
  return Number.isFinite(n) && n > 0 ? n : dflt;
}

/**
 * Parses on its own and can be joined to the next script: it does not end inside a here-document,
 * a continuation or an open construct that would swallow what follows.
 */
function joinable(s: string): boolean {
  try {
    const alone = parseForFilter(s);
    const joined = parseForFilter(`${s}\n: joined\n`);
    const last = joined[joined.length - 1]?.command;
    return joined.length === alone.length + 1 && last?.type === "Simple" && last.words.length === 2 && last.end - last.pos === 8;
  } catch {
    return false;
  }
}

/** The corpus: scripts that parse, each at most once. */
function corpus(): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of listFeatures()) {
    for (const c of loadCases(f)) {
      const texts = [c.script, ...[...c.files].filter(([p]) => p.endsWith(".sh")).map(([, t]) => t)];
      for (const t of texts) {
        if (t.length === 0 || seen.has(t) || !joinable(t)) continue;
        seen.add(t);
        out.push(t);
      }
    }
  }
  return out;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timeIt(f: () => void, runs: number): number[] {
  f(); // warm-up: JIT and inline caches
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = cpuMs();
    f();
    out.push(cpuMs() - t);
  }
  return out;
}

function main(): void {
  const targetMb = arg("--mb", 4);
  const runs = arg("--runs", 7);
  const base = corpus();
  const baseBytes = base.reduce((n, s) => n + s.length, 0);
  const scripts: string[] = [];
  let bytes = 0;
  while (bytes < targetMb * 1e6) {
    for (const s of base) {
      scripts.push(s);
      bytes += s.length;
    }
  }
  // Joined with newlines: a script that ends inside a here-doc or a continuation would swallow
  // the next one, so the big script is checked to parse into at least as many statements.
  const big = scripts.join("\n");
  const mb = bytes / 1e6;
  const bigMb = big.length / 1e6;

  const small = timeIt(() => {
    for (const s of scripts) parse(s);
  }, runs);
  const one = timeIt(() => {
    parse(big);
  }, runs);

  const rate = (mbs: number, ms: number) => mbs / (ms / 1000);
  const rows = [
    ["many small scripts", scripts.length, mb, small],
    ["one big script", 1, bigMb, one],
  ] as const;
  const table = [
    "| shape | scripts | MB | best CPU ms | median CPU ms | MB/s (best) | MB/s (median) |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      ([label, n, m, t]) =>
        `| ${label} | ${n} | ${m.toFixed(2)} | ${Math.min(...t).toFixed(0)} | ${median(t).toFixed(0)} | ${rate(m, Math.min(...t)).toFixed(1)} | ${rate(m, median(t)).toFixed(1)} |`,
    ),
  ];
  console.log(`corpus: ${base.length} distinct scripts, ${(baseBytes / 1e3).toFixed(0)} KB, repeated to ${mb.toFixed(2)} MB`);
  console.log(table.join("\n"));
  if (process.argv.includes("--write")) {
    replaceSection(
      "parse",
      [
        "## Parser throughput",
        "",
        ...machineLines("node --import tsx bench/parse.ts --write"),
        "",
        `Corpus: the ${base.length} distinct scripts of the differential cases (case scripts and their \`.sh\``,
        `files) that parse and can be joined, ${(baseBytes / 1e3).toFixed(0)} KB, repeated to ${mb.toFixed(1)} MB. CPU time of \`parse()\`, ${runs} passes after`,
        "a warm-up pass. \"many small scripts\" parses each script on its own (as `exec` does); \"one big",
        "script\" parses them joined by newlines. The parser timed is the esbuild bundle of src/parser (as the",
        "package ships it), a module instance of its own: the corpus is chosen with another one.",
        "",
        ...table,
      ].join("\n"),
    );
    console.log("wrote the parse section of bench/RESULTS.md");
  }
}

main();
