/**
 * Throughput of grep and sed on a 50 MB text file: GNU grep 3.8 / sed 4.9 vs
 * sandbash vs just-bash, each running the same script with its output sent to a
 * file. Prints a table of seconds and the ratio to the GNU tool.
 *   node --import tsx bench/grep-sed.ts [--mb 50] [--only grep] [--no-just-bash]
 * sandbash's time is the better of two runs (the first pays JIT warm-up and
 * the one-time conversion of the seeded file); just-bash runs once.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Bash } from "../src/index.js";
import { makeText } from "./report.js";

const argv = process.argv.slice(2);
const mb = Number(argv[argv.indexOf("--mb") + 1] ?? 50) || 50;
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : "";

const SCRIPTS = [
  "grep -c error big.txt",
  "grep -cE 'alpha|omega' big.txt",
  "grep -ci ERROR big.txt",
  "grep -cw fox big.txt",
  "grep -c 'fox.*dog' big.txt",
  "grep error big.txt > out.txt",
  "grep -v error big.txt > out.txt",
  "grep -n fox big.txt > out.txt",
  "grep -o '[0-9]\\+' big.txt > out.txt",
  "sed 's/a/b/g' big.txt > out.txt",
  "sed -n '/error/p' big.txt > out.txt",
  "sed -E 's/([a-z]+) ([0-9]+)$/\\2 \\1/' big.txt > out.txt",
];


async function timeIt(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const text = makeText(mb * 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), "bench-grep-sed-"));
  writeFileSync(join(dir, "big.txt"), text);
  const env = { ...process.env, LC_ALL: "C.UTF-8" };
  const sandbash = new Bash({ files: { "/home/user/big.txt": text }, limits: { timeoutMs: 600_000, maxSteps: Infinity } });
  let justBash: { exec(s: string): Promise<unknown> } | null = null;
  try {
    if (argv.includes("--no-just-bash")) throw new Error("skipped");
    const mod = (await import("just-bash")) as unknown as { Bash: new (o: object) => { exec(s: string): Promise<unknown> } };
    justBash = new mod.Bash({ files: { "/home/user/big.txt": text }, cwd: "/home/user" });
  } catch {
    justBash = null;
  }
  console.log(`| script (${mb} MB) | GNU s | sandbash s | ratio | just-bash s | ratio |`);
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const script of SCRIPTS) {
    if (only && !script.includes(only)) continue;
    const gnu = await timeIt(() => spawnSync("/usr/bin/bash", ["-c", script], { cwd: dir, env }));
    const first = await timeIt(() => sandbash.exec(`cd /home/user; ${script}`));
    const ours = Math.min(first, await timeIt(() => sandbash.exec(`cd /home/user; ${script}`)));
    const theirs = justBash ? await timeIt(() => justBash!.exec(`cd /home/user; ${script}`)) : NaN;
    const f = (x: number) => (Number.isNaN(x) ? "-" : x.toFixed(2));
    console.log(`| \`${script}\` | ${f(gnu)} | ${f(ours)} | ${f(ours / gnu)}x | ${f(theirs)} | ${f(theirs / gnu)}x |`);
  }
}

await main();
