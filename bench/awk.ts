import { lcg } from "./report.js";
/**
 * Throughput of awk on a 50 MB log-like file: gawk 5 vs sandbash vs just-bash,
 * each running the same script with its output sent to a file. Prints wall and
 * CPU seconds and the ratios to gawk; on a loaded shared machine the CPU ratio
 * is the one to trust (wall time there mostly measures waiting for a core).
 *   node --import tsx bench/awk.ts [--mb 50] [--only gsub]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Bash } from "../src/index.js";

const argv = process.argv.slice(2);
const mb = Number(argv[argv.indexOf("--mb") + 1] ?? 50) || 50;
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : "";

const SCRIPTS = [
  "awk '{s+=$2} END{print s}' big.txt",
  "awk 'END{print NR}' big.txt",
  "awk '{print $1}' big.txt > out.txt",
  "awk '/error/ {n++} END {print n+0}' big.txt",
  "awk '$5 == 404 {n++} END {print n+0}' big.txt",
  "awk '{c[$3]++} END {for (k in c) print k, c[k]}' big.txt",
  "awk -F/ '{print $2}' big.txt > out.txt",
  "awk '{$3 = \"x\"; print}' big.txt > out.txt",
  "awk 'length($0) > 40' big.txt > out.txt",
  "awk '{gsub(/e/, \"E\"); print}' big.txt > out.txt",
  "awk '{printf \"%s %.2f\\n\", $1, $6 * 2}' big.txt > out.txt",
];

/** Deterministic access-log lines: user, bytes, method, path, status, seconds, message. */
function makeText(bytes: number): string {
  const methods = ["GET", "POST", "PUT", "DELETE", "HEAD"];
  const words = "alpha beta gamma delta error warning info debug server client cache miss hit".split(" ");
  const rand = lcg();
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line =
      `user${rand(5000)} ${rand(100000)} ${methods[rand(methods.length)]} /api/${words[rand(words.length)]}/${rand(1000)}` +
      ` ${[200, 200, 200, 301, 404, 500][rand(6)]} ${(rand(100000) / 1000).toFixed(3)} ${words[rand(words.length)]}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n") + "\n";
}

async function timeIt(fn: () => Promise<unknown> | unknown): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

/** gawk's wall and CPU seconds, from /usr/bin/time when available. */
function timeGawk(script: string, dir: string, env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/bash", ["-c", `TIMEFORMAT='%U %S'; time ( ${script.replace(/^awk/, "gawk")} )`], { cwd: dir, env });
  const wall = (performance.now() - t0) / 1000;
  const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr.toString());
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

async function main(): Promise<void> {
  const text = makeText(mb * 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), "bench-awk-"));
  writeFileSync(join(dir, "big.txt"), text);
  const env = { ...process.env, LC_ALL: "C.UTF-8" };
  const sandbash = new Bash({ files: { "/home/user/big.txt": text }, limits: { timeoutMs: 600_000, maxSteps: Infinity } });
  let justBash: { exec(s: string): Promise<unknown> } | null = null;
  try {
    const mod = (await import("just-bash")) as unknown as { Bash: new (o: object) => { exec(s: string): Promise<unknown> } };
    justBash = new mod.Bash({ files: { "/home/user/big.txt": text }, cwd: "/home/user" });
  } catch {
    justBash = null;
  }
  console.log(`| script (${mb} MB) | gawk s (cpu) | sandbash s (cpu) | ratio wall (cpu) | just-bash s (cpu) | ratio wall (cpu) |`);
  console.log("|---|---:|---:|---:|---:|---:|");
  const nan = { wall: NaN, cpu: NaN };
  for (const script of SCRIPTS) {
    if (only && !script.includes(only)) continue;
    const gnu = timeGawk(script, dir, env);
    const ours = await timeIt(() => sandbash.exec(`cd /home/user; ${script}`));
    const theirs = justBash ? await timeIt(() => justBash!.exec(`cd /home/user; ${script}`)) : nan;
    const f = (x: number) => (Number.isNaN(x) ? "-" : x.toFixed(2));
    const s = (t: { wall: number; cpu: number }) => `${f(t.wall)} (${f(t.cpu)})`;
    const r = (t: { wall: number; cpu: number }) =>
      Number.isNaN(t.wall) ? "-" : `${(t.wall / gnu.wall).toFixed(1)}x (${(t.cpu / gnu.cpu).toFixed(1)}x)`;
    console.log(`| \`${script}\` | ${s(gnu)} | ${s(ours)} | ${r(ours)} | ${s(theirs)} | ${r(theirs)} |`);
  }
}

await main();
