/**
 * Interpreter hot paths (issue 5's speed goals): shell loops, recursive functions through
 * $(...), and the warm `exec("echo hi")` latency, sandbash vs real bash (and just-bash where it
 * finishes). CPU time: sandbash's own process.cpuUsage around exec; real bash's from its `time`
 * keyword (user+sys of the shell and every child it forked). Better of --runs runs.
 *   node --import tsx bench/interp.ts [--runs 3] [--write]
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { Bash } from "../src/index.js";
import { machineLines, median, replaceSection } from "./report.js";

const FIB = "f() { if [ $1 -lt 2 ]; then echo $1; else echo $(( $(f $(($1-1))) + $(f $(($1-2))) )); fi; }";
const CASES: Array<{ label: string; script: string; justBash: boolean }> = [
  { label: "while [ ] loop, 20,000 iterations", script: "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo $i", justBash: true },
  { label: "(( )) for loop, 20,000 iterations", script: "for ((i=0; i<20000; i++)); do :; done; echo $i", justBash: true },
  { label: "(( )) for loop, 1,000,000 iterations", script: "for ((i=0; i<1000000; i++)); do :; done; echo $i", justBash: false },
  { label: "for over $(seq 1 20000) with arithmetic", script: "s=0; for i in $(seq 1 20000); do s=$((s+i)); done; echo $s", justBash: true },
  { label: "function calls, 5,000", script: "g() { r=$1; }; for ((i=0; i<5000; i++)); do g $i; done; echo $r", justBash: true },
  { label: "recursive fib via $(...), f 15", script: `${FIB}; f 15`, justBash: true },
  { label: "recursive fib via $(...), f 18", script: `${FIB}; f 18`, justBash: false },
];

const runs = (() => {
  const i = process.argv.indexOf("--runs");
  const n = i >= 0 ? Number(process.argv[i + 1]) : 3;
  return Number.isFinite(n) && n > 0 ? n : 3;
})();

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface Timing {
  cpu: number;
  wall: number;
  out: string;
}

async function timeInProcess(exec: (s: string) => Promise<{ stdout: string }>, script: string): Promise<Timing> {
  let best: Timing | null = null;
  await exec(script); // warm-up: a warm instance, JIT-compiled
  for (let i = 0; i < runs; i++) {
    const c = cpuMs();
    const t = performance.now();
    const r = await exec(script);
    const cur = { cpu: cpuMs() - c, wall: performance.now() - t, out: r.stdout };
    if (!best || cur.cpu < best.cpu) best = cur;
  }
  return best!;
}

function timeRealBash(script: string): Timing {
  let best: Timing | null = null;
  for (let i = 0; i < runs; i++) {
    const wrapped = `TIMEFORMAT='%3R %3U %3S'; time { ${script}\n} > out.$$ ; cat out.$$ >&2; rm -f out.$$`;
    const t = performance.now();
    const r = spawnSync("/usr/bin/bash", ["-c", wrapped], { encoding: "utf8", cwd: "/tmp" });
    const wall = performance.now() - t;
    // stderr: the script's output (cat) then... `time` prints after the group: find the last line.
    const lines = r.stderr.trimEnd().split("\n");
    const timeLine = lines.find((l) => /^\d+\.\d+ \d+\.\d+ \d+\.\d+$/.test(l)) ?? "0 0 0";
    const [, user, sys] = timeLine.split(" ").map(Number);
    const out = lines.filter((l) => l !== timeLine).join("\n") + "\n";
    const cur = { cpu: (user + sys) * 1000, wall, out };
    if (!best || cur.cpu < best.cpu) best = cur;
  }
  return best!;
}

async function main(): Promise<void> {
  // sandbash first, before just-bash is loaded: its heap would make every GC here slower.
  const sandbash = new Bash();
  const sbTimes: Timing[] = [];
  for (const c of CASES) sbTimes.push(await timeInProcess((s) => sandbash.exec(s), c.script));
  // Warm exec("echo hi"): wall clock per call, median of many.
  for (let i = 0; i < 2000; i++) await sandbash.exec("echo hi");
  const xs: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const t = performance.now();
    await sandbash.exec("echo hi");
    xs.push(performance.now() - t);
  }
  const echoUs = median(xs) * 1000;
  console.log(`warm exec("echo hi"): median ${echoUs.toFixed(1)} us`);

  const jb = (await import("just-bash")) as unknown as { Bash: new () => { exec(s: string): Promise<{ stdout: string }> } };
  const justBash = new jb.Bash();
  const rows: string[] = [];
  for (const [i, c] of CASES.entries()) {
    const bash = timeRealBash(c.script);
    const sb = sbTimes[i];
    let jbCell = "not run (too slow)";
    if (c.justBash) {
      try {
        const j = await timeInProcess((s) => justBash.exec(s), c.script);
        jbCell = `${j.cpu.toFixed(0)}${j.out === bash.out ? "" : " (wrong output)"}`;
      } catch (e) {
        jbCell = `error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
      }
    }
    const ok = sb.out === bash.out ? "" : " (wrong output)";
    const row = `| ${c.label} | ${sb.cpu.toFixed(0)}${ok} | ${jbCell} | ${bash.cpu.toFixed(0)} | ${(bash.cpu / sb.cpu).toFixed(1)}x |`;
    console.log(row);
    rows.push(row);
  }
  if (process.argv.includes("--write")) {
    replaceSection(
      "interp",
      [
        "## Interpreter hot paths",
        "",
        ...machineLines("node --import tsx bench/interp.ts --write"),
        "",
        `CPU milliseconds, better of ${runs} runs. sandbash: process.cpuUsage around exec (one instance, after a warm-up run);`,
        "real bash: its `time` keyword's user+sys, which counts every process it forks for `$(...)`;",
        "just-bash: like sandbash. \"wrong output\" = stdout differs from real bash's.",
        "",
        "| script | sandbash CPU ms | just-bash CPU ms | bash CPU ms | bash / sandbash |",
        "|---|---:|---:|---:|---:|",
        ...rows,
        "",
        `Warm \`exec("echo hi")\` on one instance: median ${echoUs.toFixed(1)} µs over 5,000 calls (wall clock).`,
      ].join("\n"),
    );
    console.log("wrote the interp section of bench/RESULTS.md");
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
