/** Shared by the bench scripts: the machine header and sections of bench/RESULTS.md. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const RESULTS = `${root}/bench/RESULTS.md`;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function version(pkgDir: string): string {
  try {
    return (JSON.parse(readFileSync(`${pkgDir}/package.json`, "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** Machine, date, load and versions, as markdown bullet lines. */
export function machineLines(writer: string): string[] {
  const cpu = cpus();
  const load = loadavg();
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout?.trim() || "?";
  return [
    `Written by \`${writer}\` on ${new Date().toISOString()}.`,
    "",
    `- machine: ${cpu.length} x ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}`,
    `- load average at start (1/5/15 min): ${load.map((l) => l.toFixed(2)).join(" / ")}` +
      (load[0] > cpu.length ? ` — the machine was loaded (more runnable work than ${cpu.length} cores): wall times are inflated, CPU times and ratios within one table are the numbers to read` : ""),
    `- node ${process.version}; sandbash ${version(root)} (${commit}); just-bash ${version(`${root}/node_modules/just-bash`)}`,
  ];
}

/** Replaces (or appends) the part of bench/RESULTS.md between `<!-- name -->` markers. */
export function replaceSection(name: string, body: string): void {
  const open = `<!-- ${name}: begin -->`;
  const close = `<!-- ${name}: end -->`;
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : "# Benchmark results\n";
  const block = `${open}\n${body.trimEnd()}\n${close}`;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  const next = a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + close.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(RESULTS, next);
}

/** A deterministic PRNG (an LCG): rand(n) is in [0, n). */
export function lcg(seed = 1): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
}

/** Deterministic text: words and numbers, 3-15 words a line. */
export function makeText(bytes: number): string {
  const words = "the quick brown fox jumps over lazy dog error warning info debug alpha beta gamma delta server client".split(" ");
  const rand = lcg();
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const n = 3 + rand(13);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(words[rand(words.length)]);
    parts.push(String(rand(100000)));
    const line = parts.join(" ");
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n") + "\n";
}
