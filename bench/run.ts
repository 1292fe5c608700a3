/**
 * Per-exec latency of ~60 small scripts (bench/scripts.ts): sandbash, just-bash and bashkit on a warm
 * instance (one per engine, reused) and on a fresh instance (`new Bash()` + exec, timed
 * together), next to real bash as a subprocess. Median of N runs after a warm-up; each
 * engine's output is checked against real bash's.
 *   npm run build && npm run bench:latency [-- --runs N]   (it runs the built dist/, in plain
 *   Node through bench/plain.mjs: tsx's loader hooks would slow every dynamic import)
 * Writes the latency section of bench/RESULTS.md (machine, date, versions, table).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpus, loadavg, totalmem, release } from "node:os";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
// The built package, as users run it (npm run build first): under tsx each source module is
// compiled apart and every imported name is read through a getter, a cost no bundle pays.
const { Bash } = (await import(new URL("../dist/index.js", import.meta.url).href)) as typeof import("../src/index.js");
import { replaceSection } from "./report.js";
import { SCRIPTS } from "./scripts.js";

interface ExecResult {
  stdout: string;
  exitCode: number;
}
interface Engine {
  name: string;
  version: string;
  /** A new instance (fresh) or the shared one (warm). */
  exec(script: string, fresh: boolean): Promise<ExecResult>;
}

const WARMUP = 5;
/** Rounds of the whole suite, every in-process engine in turn, before the steady-state pass. */
const STEADY_ROUNDS = 20;
const root = new URL("..", import.meta.url);

function argRuns(): number {
  const i = process.argv.indexOf("--runs");
  const n = i >= 0 ? Number(process.argv[i + 1]) : 30;
  return Number.isFinite(n) && n > 0 ? n : 30;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function packageVersion(dir: URL): string {
  try {
    return (JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

function gitCommit(): string {
  const r = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: fileURLToPath(root), encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "?";
}

async function sandbashEngine(): Promise<Engine | string> {
  try {
    const bash = new Bash();
    return {
      name: "sandbash",
      version: `${packageVersion(root)} (${gitCommit()})`,
      exec: (s, fresh) => (fresh ? new Bash() : bash).exec(s),
    };
  } catch (e) {
    return `sandbash did not start: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
  }
}

async function justBashEngine(): Promise<Engine | string> {
  try {
    const mod = (await import("just-bash")) as unknown as {
      Bash: new () => { exec(s: string): Promise<ExecResult> };
    };
    const bash = new mod.Bash();
    const version = packageVersion(new URL("node_modules/just-bash/", root));
    return { name: "just-bash", version, exec: (s, fresh) => (fresh ? new mod.Bash() : bash).exec(s) };
  } catch (e) {
    return `just-bash did not load: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** bashkit's native addon (Rust, napi): `execute` is its async call, as an agent server would use it. */
async function bashkitEngine(): Promise<Engine | string> {
  try {
    const mod = (await import("@everruns/bashkit")) as unknown as {
      Bash: new (opts: object) => { execute(s: string): Promise<ExecResult> };
    };
    const bash = new mod.Bash({});
    const version = packageVersion(new URL("node_modules/@everruns/bashkit/", root));
    return { name: "bashkit", version, exec: (s, fresh) => (fresh ? new mod.Bash({}) : bash).execute(s) };
  } catch (e) {
    return `bashkit did not load: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Real bash, a new process per run, in a fresh temporary directory per run (scripts write files). */
function realBashEngine(): Engine {
  const version = spawnSync("/usr/bin/bash", ["-c", "echo $BASH_VERSION"], { encoding: "utf8" }).stdout.trim();
  return {
    name: "bash (subprocess)",
    version,
    exec: async (script) => {
      const dir = mkdtempSync(join(tmpdir(), "sandbash-bench-"));
      try {
        const r = spawnSync("/usr/bin/bash", ["-c", script], {
          encoding: "utf8",
          env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8", HOME: "/home/user" },
          cwd: dir,
        });
        return { stdout: r.stdout, exitCode: r.status ?? 128 };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

interface Cell {
  ms: number;
  /** stdout and status match real bash. */
  agrees: boolean;
}

async function measure(engine: Engine, script: string, runs: number, expected: ExecResult, fresh: boolean): Promise<Cell> {
  let last: ExecResult = { stdout: "", exitCode: -1 };
  for (let i = 0; i < WARMUP; i++) last = await engine.exec(script, fresh);
  const times: number[] = [];
  let agrees = true;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await engine.exec(script, fresh);
    times.push(performance.now() - t);
    agrees &&= last.stdout === expected.stdout && last.exitCode === expected.exitCode;
  }
  return { ms: median(times), agrees };
}

/**
 * Steady state, as in a long-lived agent server: the whole suite runs STEADY_ROUNDS times on
 * each engine's warm instance (engines in turn, so each JIT sees every script many times),
 * then each script's median of `runs` runs. Same treatment for every engine; outputs are
 * not checked again (the main pass did).
 */
async function steadyState(engines: Engine[], scripts: Array<[string, string]>, runs: number): Promise<string[]> {
  for (let r = 0; r < STEADY_ROUNDS; r++) {
    for (const e of engines) for (const [, script] of scripts) await e.exec(script, false).catch(() => undefined);
  }
  const times: number[][] = engines.map(() => []);
  const rows: string[] = [];
  for (const [label, script] of scripts) {
    const cells: string[] = [];
    for (const [ei, e] of engines.entries()) {
      const ts: number[] = [];
      try {
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await e.exec(script, false);
          ts.push(performance.now() - t);
        }
        times[ei].push(median(ts));
        cells.push(median(ts).toFixed(3));
      } catch {
        times[ei].push(NaN);
        cells.push("error");
      }
    }
    rows.push(`| ${label} | ${cells.join(" | ")} |`);
  }
  const finite = (xs: number[]) => xs.filter(Number.isFinite);
  const sb = engines.findIndex((e) => e.name === "sandbash");
  const ratioLines = engines.flatMap((e, ei) => {
    if (ei === sb || sb < 0) return [];
    const r = times[ei].map((t, i) => t / times[sb][i]).filter(Number.isFinite);
    return r.length ? [`- ${e.name} / sandbash, steady state: geometric mean ${geomean(r).toFixed(1)}x, ratio of medians ${(median(finite(times[ei])) / median(finite(times[sb]))).toFixed(1)}x`] : [];
  });
  console.log(ratioLines.join("\n"));
  return [
    "### Steady state",
    "",
    `After the whole suite ran ${STEADY_ROUNDS} times on each engine's warm instance (as in a long-lived`,
    `server, where the JIT has seen every script), the median of ${runs} runs per script, ms:`,
    "",
    ...ratioLines,
    "",
    `| script | ${engines.map((e) => e.name).join(" | ")} |`,
    `|---|${engines.map(() => "---:").join("|")}|`,
    `| median of the ${scripts.length} scripts | ${times.map((t) => (finite(t).length ? median(finite(t)).toFixed(3) : "-")).join(" | ")} |`,
    ...rows,
    "",
  ];
}

function geomean(xs: number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

async function main(): Promise<void> {
  const runs = argRuns();
  const only = process.argv.indexOf("--only") >= 0 ? new RegExp(process.argv[process.argv.indexOf("--only") + 1]) : null;
  const startLoad = loadavg();
  const bash = realBashEngine();
  const engines: Engine[] = [];
  const notes: string[] = [];
  for (const e of [await sandbashEngine(), await justBashEngine(), await bashkitEngine()]) {
    if (typeof e === "string") notes.push(e);
    else engines.push(e);
  }
  // Columns: each in-process engine warm then fresh, then real bash.
  const columns: Array<{ label: string; engine: Engine; fresh: boolean }> = [];
  for (const e of engines) columns.push({ label: `${e.name} warm`, engine: e, fresh: false }, { label: `${e.name} fresh`, engine: e, fresh: true });
  columns.push({ label: bash.name, engine: bash, fresh: true });

  const scripts = Object.entries(SCRIPTS).filter(([label]) => !only || only.test(label));
  const rows: string[] = [];
  const times: number[][] = columns.map(() => []);
  const wrong: number[] = columns.map(() => 0);
  for (const [label, script] of scripts) {
    const expected = await bash.exec(script, true);
    const cells: string[] = [];
    for (const [ci, col] of columns.entries()) {
      try {
        const c = await measure(col.engine, script, runs, expected, col.fresh);
        times[ci].push(c.ms);
        if (!c.agrees) wrong[ci]++;
        cells.push(`${c.ms.toFixed(3)}${c.agrees ? "" : " (wrong output)"}`);
      } catch (e) {
        wrong[ci]++;
        times[ci].push(NaN);
        cells.push(`error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
      }
    }
    console.log(`${label}: ${cells.join(" | ")}`);
    rows.push(`| ${label} | ${cells.join(" | ")} |`);
  }

  // Summary: median over scripts per column, and the geometric mean of per-script ratios
  // (just-bash / sandbash) where both produced a time.
  const summary = [`| median of the ${scripts.length} scripts | ${times.map((t) => (t.some(Number.isFinite) ? median(t.filter(Number.isFinite)).toFixed(3) : "-")).join(" | ")} |`];
  summary.push(`| scripts with wrong output or an error | ${wrong.join(" | ")} |`);
  const ratioLines: string[] = [];
  const sb = engines.findIndex((e) => e.name === "sandbash");
  const bashCol = columns.length - 1;
  /** Per-script ratios other / sandbash over the scripts where both produced a time. */
  const ratios = (other: number, s: number) => times[other].map((t, i) => t / times[s][i]).filter(Number.isFinite);
  const finite = (xs: number[]) => xs.filter(Number.isFinite);
  for (const fresh of [false, true]) {
    if (sb < 0) break;
    const s = sb * 2 + (fresh ? 1 : 0);
    const kind = fresh ? "fresh" : "warm";
    for (const [ei, e] of engines.entries()) {
      if (ei === sb) continue;
      const o = ei * 2 + (fresh ? 1 : 0);
      const r = ratios(o, s);
      if (r.length) ratioLines.push(`- ${e.name} / sandbash, ${kind} instance: geometric mean ${geomean(r).toFixed(1)}x, ratio of medians ${(median(finite(times[o])) / median(finite(times[s]))).toFixed(1)}x (${r.length} scripts)`);
    }
    const r = ratios(bashCol, s);
    if (r.length) ratioLines.push(`- real bash (new process) / sandbash, ${kind} instance: geometric mean ${geomean(r).toFixed(1)}x`);
  }


  const steady = await steadyState(engines, scripts, runs);

  const cpu = cpus();
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench:latency\` (bench/run.ts) on ${new Date().toISOString()}.`,
    "",
    `- machine: ${cpu.length} x ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}`,
    `- load average at start (1/5/15 min): ${startLoad.map((l) => l.toFixed(2)).join(" / ")}${startLoad[0] > cpu.length ? " (above the core count: times are inflated)" : ""}`,
    `- node ${process.version}`,
    ...engines.map((e) => `- ${e.name}: ${e.version}`),
    `- ${bash.name}: ${bash.version}`,
    ...notes.map((n) => `- note: ${n}`),
    "",
    `Per-exec latency in milliseconds (wall clock): median of ${runs} runs after ${WARMUP} warm-up runs.`,
    "\"warm\" reuses one instance per engine; \"fresh\" times `new Bash()` + `exec` together; real bash is",
    "a new process per run (fork + exec + bash start-up). \"wrong output\" marks a script where some run's",
    "stdout or status differed from real bash. Times drift by about 30 % between runs on shared",
    "machines: compare ratios within one table. The scripts are in bench/scripts.ts.",
    "",
    ...ratioLines,
    "",
    `| script | ${columns.map((c) => c.label).join(" | ")} |`,
    `|---|${columns.map(() => "---:").join("|")}|`,
    ...summary,
    ...rows,
    "",
    ...steady,
  ];
  if (only) {
    console.log(lines.join("\n"));
    return;
  }
  // Its own section: bench/startup.ts and bench/throughput.ts write theirs beside it.
  replaceSection("latency", ["## Per-exec latency of small scripts", ...lines.slice(1)].join("\n"));
  console.log("wrote the latency section of bench/RESULTS.md");
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
