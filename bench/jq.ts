/**
 * jq through sandbash (the built package, dist/index.js: jq 1.7.1 as wasm in a warm
 * worker thread) vs just-bash's TypeScript jq vs the real jq (a bash subprocess
 * running the same script, so a new jq process per call).
 *   npm run build && node --import tsx bench/jq.ts [--runs 30] [--cold 7]
 * - warm: one instance per engine, median of --runs calls after 5 warm-up calls per
 *   script (and 30 jq calls per engine first: V8 tiers jq's wasm up in the
 *   background, and calls before that run several times slower), engines
 *   interleaved run by run;
 * - cold: a fresh Node process per run: import + `new Bash()` + the first jq call
 *   (for sandbash that includes reading and compiling jq.wasm and starting the
 *   worker), then a second call on the same instance.
 * Every output is checked against real bash + jq; a wrong one is marked, never counted
 * as fast. Writes the "jq" section of bench/RESULTS.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { machineLines, median, replaceSection } from "./report.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const DIST = `${root}dist/index.js`;

const DOC = `{"name":"sandbash","tags":["shell","jq","wasm"],"items":[{"id":1,"n":3},{"id":2,"n":10},{"id":3,"n":7}]}`;
const SCRIPTS: Record<string, string> = {
  "baseline: echo piped to cat (no jq)": `echo '${DOC}' | cat`,
  "jq .name": `echo '${DOC}' | jq .name`,
  "jq -c select/map": `echo '${DOC}' | jq -c '[.items[] | select(.n > 5) | .id * 2]'`,
  "jq -r @csv": `echo '${DOC}' | jq -r '.items[] | [.id, .n] | @csv'`,
  "jq -n range/add": `jq -n '[range(1000)] | add'`,
  "jq -s over 20 lines": `for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo "{\\"v\\":$i}"; done | jq -s 'map(.v) | add'`,
};
const COLD_SCRIPT = `echo '${DOC}' | jq -c '.tags'`;

interface Result {
  stdout: string;
  exitCode: number;
}
type Exec = (script: string) => Promise<Result>;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function realBash(script: string): Result {
  const r = spawnSync("/usr/bin/bash", ["--norc", "--noprofile", "-c", script], {
    encoding: "utf8",
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", LC_ALL: "C.UTF-8" },
  });
  return { stdout: r.stdout, exitCode: r.status ?? -1 };
}

const jqVersion = spawnSync("jq", ["--version"], { encoding: "utf8" }).stdout.trim() || "not installed";

async function engines(): Promise<Record<string, Exec>> {
  const { Bash } = (await import(DIST)) as { Bash: new (o?: object) => { exec: Exec } };
  const ours = new Bash();
  // In-process jq has no Node file loader (the core imports no node: module): hand it the bytes.
  const inProcess = new Bash({ jq: { inProcess: true, wasm: new Uint8Array(readFileSync(`${root}dist/jq.wasm`)) } });
  const jb = new ((await import("just-bash")) as unknown as { Bash: new () => { exec: Exec } }).Bash();
  return {
    sandbash: (s) => ours.exec(s),
    "sandbash, jq in-process": (s) => inProcess.exec(s),
    "just-bash": (s) => jb.exec(s),
    [`real jq (${jqVersion}, bash subprocess)`]: async (s) => realBash(s),
  };
}

async function warm(runs: number): Promise<string[]> {
  const all = await engines();
  const names = Object.keys(all);
  for (let i = 0; i < 30; i++) for (const name of names) await all[name]!(SCRIPTS["jq -c select/map"]!);
  const header = [`| script | ${names.join(" | ")} |`, `|---|${names.map(() => "---:").join("|")}|`];
  const wall = [...header];
  const cpu = [...header];
  for (const [label, script] of Object.entries(SCRIPTS)) {
    const want = realBash(script);
    const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const cpuTimes: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const wrong = new Set<string>();
    for (let i = 0; i < 5 + runs; i++) {
      for (const name of names) {
        const c = process.cpuUsage();
        const t = performance.now();
        const r = await all[name]!(script);
        const ms = performance.now() - t;
        const used = process.cpuUsage(c);
        if (r.stdout !== want.stdout || r.exitCode !== want.exitCode) wrong.add(name);
        if (i >= 5) {
          times[name]!.push(ms);
          cpuTimes[name]!.push((used.user + used.system) / 1000);
        }
      }
    }
    const cell = (n: string, xs: Record<string, number[]>) => (wrong.has(n) ? "wrong output" : median(xs[n]!).toFixed(3));
    wall.push(`| ${label} | ${names.map((n) => cell(n, times)).join(" | ")} |`);
    // This process's CPU (all its threads, the jq worker included); a subprocess's is not counted.
    cpu.push(`| ${label} | ${names.map((n) => (n.startsWith("real jq") ? "-" : cell(n, cpuTimes))).join(" | ")} |`);
    console.log(wall.at(-1));
  }
  return [...wall, "", "The same runs, CPU milliseconds of this process per `exec` (all its threads, so the jq worker's", "time is included; the real jq's subprocesses are not measured here):", "", ...cpu];
}

/** One fresh process: ms for import, new Bash + first jq call, second jq call; and the output. */
const COLD_PROBE = (importLine: string) => `
const t0 = performance.now();
${importLine}
const t1 = performance.now();
const bash = new Bash();
const first = await bash.exec(process.argv[1]);
const t2 = performance.now();
const second = await bash.exec(process.argv[1]);
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, secondMs: t3 - t2, stdout: first.stdout, again: second.stdout }));
process.exit(0);
`;

async function cold(runs: number): Promise<string[]> {
  const probes: Record<string, string> = {
    sandbash: COLD_PROBE(`const { Bash } = await import(${JSON.stringify(DIST)});`),
    "just-bash": COLD_PROBE(`const { Bash } = await import("just-bash");`),
  };
  const want = realBash(COLD_SCRIPT).stdout;
  const samples: Record<string, { importMs: number[]; firstMs: number[]; secondMs: number[]; wrong: boolean }> = {};
  for (const name of Object.keys(probes)) samples[name] = { importMs: [], firstMs: [], secondMs: [], wrong: false };
  const realMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [name, code] of Object.entries(probes)) {
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", code, COLD_SCRIPT], { cwd: root, encoding: "utf8" });
      const got = JSON.parse(r.stdout) as { importMs: number; firstMs: number; secondMs: number; stdout: string; again: string };
      const s = samples[name]!;
      if (got.stdout !== want || got.again !== want) s.wrong = true;
      s.importMs.push(got.importMs);
      s.firstMs.push(got.firstMs);
      s.secondMs.push(got.secondMs);
    }
    const t = performance.now();
    if (realBash(COLD_SCRIPT).stdout !== want) throw new Error("real bash disagrees with itself");
    realMs.push(performance.now() - t);
  }
  const lines = [
    "| engine | import ms | `new Bash()` + first jq call ms | second jq call ms |",
    "|---|---:|---:|---:|",
  ];
  for (const [name, s] of Object.entries(samples)) {
    const cells = s.wrong ? ["wrong output", "", ""] : [median(s.importMs), median(s.firstMs), median(s.secondMs)].map((x) => x.toFixed(1));
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  lines.push(`| real jq (bash subprocess; every call is cold) | - | ${median(realMs).toFixed(1)} | ${median(realMs).toFixed(1)} |`);
  console.log(lines.join("\n"));
  return lines;
}

if (!existsSync(DIST)) {
  console.error("bench/jq.ts measures the built package: run `npm run build` first");
  process.exit(1);
}
const runs = arg("--runs", 30);
const coldRuns = arg("--cold", 7);
const warmLines = await warm(runs);
const coldLines = await cold(coldRuns);
replaceSection(
  "jq",
  [
    "## jq: sandbash (jq 1.7.1 wasm in a worker) vs just-bash's jq vs the real jq",
    "",
    ...machineLines(`node --import tsx bench/jq.ts --runs ${runs} --cold ${coldRuns}`),
    "",
    `Warm: milliseconds per \`exec\`, median of ${runs} runs after 30 jq calls and 5 runs of the script, one instance per engine,`,
    "engines interleaved. The real jq runs as `bash -c script` (a bash and a jq process per call). The",
    "baseline row is the same pipeline without jq: the rest of each row is jq's own cost. \"wrong output\"",
    "marks an engine whose stdout or status differed from real bash + jq in any run. \"sandbash\" is the",
    "default (jq in a worker thread, so a time limit can stop it); \"jq in-process\" is",
    "`new Bash({ jq: { inProcess: true, wasm: bytes } })`, the same engine without the thread hop (and without",
    "preemption). On a loaded machine the hop costs most: the worker thread waits to be scheduled.",
    "",
    ...warmLines,
    "",
    `Cold: a fresh \`node --input-type=module\` process per run, median of ${coldRuns}; \`${COLD_SCRIPT}\`.`,
    "For sandbash the first call includes reading and compiling dist/jq.wasm and starting the worker",
    "thread; import is the package alone (jq loads on first use).",
    "",
    ...coldLines,
    "",
    "Scripts:",
    "",
    ...Object.entries(SCRIPTS).map(([label, s]) => `- ${label}: \`${s}\``),
  ].join("\n"),
);
