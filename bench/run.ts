/**
 * Warm per-exec latency of small scripts: sandbash vs just-bash vs a real bash
 * subprocess. Median of N runs after a warm-up, one instance per engine.
 *   npm run bench [-- --runs N]
 * Writes bench/RESULTS.md (machine, date, versions, table).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem, release } from "node:os";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { Bash } from "../src/index.js";
import { replaceSection } from "./report.js";

interface ExecResult {
  stdout: string;
  exitCode: number;
}
interface Engine {
  name: string;
  version: string;
  exec(script: string): Promise<ExecResult>;
}

/** Small scripts inside the slice every engine runs. */
const SCRIPTS: Record<string, string> = {
  "echo hi": "echo hi",
  "pipeline": "echo one | cat | cat",
  "for loop 100": "for i in $(seq 1 100); do x=$i; done; echo $x",
  "while loop 100": "i=0; while [ $i -lt 100 ]; do i=$((i+1)); done; echo $i",
  "function calls": "f() { echo \"$1\"; }; for w in a b c d e f g h; do f $w; done > /tmp/o; cat /tmp/o",
  "redirect and cat": "echo data > /tmp/f; echo more >> /tmp/f; cat < /tmp/f",
};

const WARMUP = 5;
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
    return { name: "sandbash", version: `${packageVersion(root)} (${gitCommit()})`, exec: (s) => bash.exec(s) };
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
    return { name: "just-bash", version, exec: (s) => bash.exec(s) };
  } catch (e) {
    return `just-bash did not load: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function realBashEngine(): Engine {
  const version = spawnSync("/usr/bin/bash", ["-c", "echo $BASH_VERSION"], { encoding: "utf8" }).stdout.trim();
  return {
    name: "bash (subprocess)",
    version,
    exec: async (script) => {
      const r = spawnSync("/usr/bin/bash", ["-c", script], {
        encoding: "utf8",
        env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8", HOME: "/tmp" },
        cwd: "/tmp",
      });
      return { stdout: r.stdout, exitCode: r.status ?? 128 };
    },
  };
}

interface Cell {
  ms: number;
  /** stdout and status match real bash. */
  agrees: boolean;
}

async function measure(engine: Engine, script: string, runs: number, expected: ExecResult): Promise<Cell> {
  let last: ExecResult = { stdout: "", exitCode: -1 };
  for (let i = 0; i < WARMUP; i++) last = await engine.exec(script);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await engine.exec(script);
    times.push(performance.now() - t);
  }
  return { ms: median(times), agrees: last.stdout === expected.stdout && last.exitCode === expected.exitCode };
}

async function main(): Promise<void> {
  const runs = argRuns();
  const startLoad = loadavg();
  const bash = realBashEngine();
  const engines: Engine[] = [];
  const notes: string[] = [];
  for (const e of [await sandbashEngine(), await justBashEngine()]) {
    if (typeof e === "string") notes.push(e);
    else engines.push(e);
  }
  engines.push(bash);

  const rows: string[] = [];
  for (const [label, script] of Object.entries(SCRIPTS)) {
    const expected = await bash.exec(script);
    const cells: string[] = [];
    for (const engine of engines) {
      try {
        const c = await measure(engine, script, runs, expected);
        cells.push(`${c.ms.toFixed(3)}${c.agrees ? "" : " (wrong output)"}`);
      } catch (e) {
        cells.push(`error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
      }
      console.log(`${label} / ${engine.name}: ${cells[cells.length - 1]}`);
    }
    rows.push(`| ${label} | ${cells.join(" | ")} |`);
  }

  const cpu = cpus();
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString()}.`,
    "",
    `- machine: ${cpu.length} x ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}`,
    `- load average at start (1/5/15 min): ${startLoad.map((l) => l.toFixed(2)).join(" / ")} (above the core count, times are inflated)`,
    `- node ${process.version}`,
    ...engines.map((e) => `- ${e.name}: ${e.version}`),
    ...notes.map((n) => `- note: ${n}`),
    "",
    `Warm per-exec latency in milliseconds: median of ${runs} runs after ${WARMUP} warm-up runs, one`,
    "instance per engine; real bash is a new process per run. \"wrong output\" marks a run whose stdout or",
    "status differs from real bash. Times drift by about 30 % between runs on shared machines: compare",
    "ratios within one table.",
    "",
    `| script | ${engines.map((e) => e.name).join(" | ")} |`,
    `|---|${engines.map(() => "---:").join("|")}|`,
    ...rows,
    "",
    "Scripts:",
    "",
    ...Object.entries(SCRIPTS).map(([label, s]) => `- ${label}: \`${s}\``),
    "",
  ];
  // Its own section: bench/startup.ts and bench/throughput.ts write theirs beside it.
  replaceSection("latency", ["## Warm per-exec latency", ...lines.slice(1)].join("\n"));
  console.log("wrote the latency section of bench/RESULTS.md");
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
