/**
 * Parser throughput: MB/s of parse() on two corpora.
 * - The differential cases: every case's script and every `.sh` file the cases create that
 *   parses, repeated until the corpus reaches the target size, parsed as many small scripts (one
 *   parse() each, as exec() does) and joined into one big script.
 * - Real-world scripts: the shell scripts installed on this machine (files under /usr, /etc
 *   with a bash or sh `#!` line, and bash-completion's completions), those `bash -n` accepts,
 *   each parsed on its own. They are read where they are, never copied into the repository, so
 *   this row depends on the machine's packages. Any such script our parser rejects is listed.
 *   node --import tsx bench/parse.ts [--mb N] [--runs N] [--procs N] [--write]
 * CPU time (process.cpuUsage), best and median of --runs passes after a warm-up pass, of the
 * parser bundled as the package ships it (bundledParser). --write records the section in
 * bench/RESULTS.md.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse as parseForFilter, type parse as parseFn } from "../src/parser/parser.js";
import { listFeatures, loadCases } from "../test/differential/cases.js";
import { COMPLETIONS, SCRIPT_DIRS, systemScripts } from "../test/tools/system-scripts.js";
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

/** The machine's shell scripts that `bash -n` accepts, and those of them our parser rejects. */
function realWorldScripts(): { texts: string[]; rejected: string[]; bashRejects: number } {
  const texts: string[] = [];
  const rejected: string[] = [];
  let bashRejects = 0;
  for (const s of systemScripts()) {
    if (s.bashError !== null) {
      bashRejects++;
      continue;
    }
    try {
      parseForFilter(s.text);
      texts.push(s.text);
    } catch (e) {
      rejected.push(`${s.path}: ${(e as Error).message}`);
    }
  }
  return { texts, rejected, bashRejects };
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

/** One process's passes over the three corpora (CPU ms per pass) and their sizes. */
interface Measurement {
  small: number[];
  one: number[];
  real: number[];
  scripts: number;
  baseCount: number;
  baseBytes: number;
  mb: number;
  bigMb: number;
}

function measure(runs: number, targetMb: number, realTexts: string[]): Measurement {
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
  const small = timeIt(() => {
    for (const s of scripts) parse(s);
  }, runs);
  const one = timeIt(() => {
    parse(big);
  }, runs);
  const real = timeIt(() => {
    for (const s of realTexts) parse(s);
  }, runs);
  return { small, one, real, scripts: scripts.length, baseCount: base.length, baseBytes, mb: bytes / 1e6, bigMb: big.length / 1e6 };
}

/**
 * V8 settles into a faster or a slower mode per process (young-generation sizing, code
 * placement), so the passes are spread over --procs fresh processes (default 3), each timing
 * --runs passes; best and median are over all of them.
 */
function main(): void {
  const targetMb = arg("--mb", 4);
  const runs = arg("--runs", 7);
  const childAt = process.argv.indexOf("--child");
  if (childAt >= 0) {
    const realTexts = JSON.parse(readFileSync(process.argv[childAt + 1], "utf8")) as string[];
    process.stdout.write(JSON.stringify(measure(runs, targetMb, realTexts)));
    return;
  }
  const procs = arg("--procs", 3);
  const real = realWorldScripts();
  const dir = mkdtempSync(join(tmpdir(), "sandbash-parse-corpus-"));
  const file = join(dir, "real.json");
  writeFileSync(file, JSON.stringify(real.texts));
  const parts: Measurement[] = [];
  try {
    for (let k = 0; k < procs; k++) {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--child", file, "--runs", String(runs), "--mb", String(targetMb)], {
        encoding: "utf8",
        maxBuffer: 16 << 20,
      });
      if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
      parts.push(JSON.parse(child.stdout) as Measurement);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const m0 = parts[0];
  const small = parts.flatMap((p) => p.small);
  const one = parts.flatMap((p) => p.one);
  const realTimes = parts.flatMap((p) => p.real);
  const { baseBytes, mb, bigMb } = m0;
  const base = { length: m0.baseCount };
  const scripts = { length: m0.scripts };
  const realMb = real.texts.reduce((n, s) => n + s.length, 0) / 1e6;

  const rate = (mbs: number, ms: number) => mbs / (ms / 1000);
  const rows = [
    ["many small scripts", scripts.length, mb, small],
    ["one big script", 1, bigMb, one],
    ["real-world scripts (this machine's)", real.texts.length, realMb, realTimes],
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
  const realLine = `real-world scripts: ${real.texts.length} shell scripts installed on this machine that \`bash -n\` accepts (${real.bashRejects} more it rejects were left out); our parser rejects ${real.rejected.length} of the ${real.texts.length + real.rejected.length} bash accepts`;
  console.log(realLine);
  for (const r of real.rejected) console.log(`  rejected: ${r}`);
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
        `a warm-up pass in each of ${procs} fresh processes (best and median over all ${runs * procs}).`,
        "\"many small scripts\" parses each script on its own (as `exec` does); \"one big",
        "script\" parses them joined by newlines. The parser timed is the esbuild bundle of src/parser (as the",
        "package ships it), a module instance of its own: the corpus is chosen with another one.",
        "",
        `Real-world scripts: the shell scripts installed on this machine (files under ${SCRIPT_DIRS.join(", ")} whose`,
        `\`#!\` line names bash or sh, and the files in ${COMPLETIONS}), read where they are and kept when`,
        "`bash -n` accepts them; each is parsed on its own, once per pass. This row depends on the machine's packages.",
        `On this machine: ${realLine.slice("real-world scripts: ".length)}.`,
        "",
        ...table,
      ].join("\n"),
    );
    console.log("wrote the parse section of bench/RESULTS.md");
  }
}

main();
