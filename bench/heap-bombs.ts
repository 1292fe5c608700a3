/**
 * Peak heap growth of one exec for each memory bomb, under the default limits
 * (timeoutMs 10 s unless --timeout=MS; the memory caps are the defaults).
 * Run: `node --expose-gc --import tsx bench/heap-bombs.ts [--timeout=30000] [name...]`.
 * Peak is sampled every 5 ms (the interpreter yields to the event loop every
 * 25 ms of busy work, so samplers run during a bomb) as heapUsed + external +
 * arrayBuffers over the baseline after a full GC. The documented bound is
 * 256 MB (README, Security model).
 */
import { Bash } from "../src/index.js";

export const BOMBS: Array<[string, string]> = [
  ["string doubling", "x=a; while :; do x=$x$x; done"],
  ["array growth", "a=(); while :; do a+=(xxxxxxxx); done"],
  ["assoc array growth", "declare -A m; i=0; while :; do m[k$((i++))]=v; done"],
  ["brace bomb", "echo {1..100000000}"],
  ["output flood (yes)", "yes"],
  ["stderr + stdout flood", "while :; do echo flood; echo flood >&2; done"],
  ["file fill (/dev/zero)", "cat /dev/zero > big"],
  ["many files", "for i in {1..200000}; do : > f$i; done"],
  ["sort of endless input", "yes | sort"],
  ["sort /dev/zero (one endless line)", "sort /dev/zero"],
  ["command substitution of yes", "x=$(yes)"],
  ["read from /dev/zero", "read -r x < /dev/zero"],
  ["mapfile of yes", "yes | mapfile -t a"],
  ["here-doc of a huge expansion", "x=$(head -c 30000000 /dev/zero | tr '\\0' a); cat <<EOF | wc -c\n$x$x\nEOF"],
  ["awk string doubling", "awk 'BEGIN { s = \"x\"; while (1) s = s s }'"],
  ["awk array growth", "awk 'BEGIN { while (1) a[i++] = i }'"],
  ["sed hold space doubling", "echo x | sed ':a; H; x; p; G; ba' > /dev/null"],
  ["jq array bomb", "jq -n '[range(1e9)] | length'"],
  ["jq string doubling", "jq -n 'reduce range(40) as $i (\"x\"; . + .) | length'"],
  ["printf width bomb", "printf '%999999999s' x"],
  ["xargs over endless input", "yes | xargs echo > /dev/null"],
  ["tail of endless input", "yes | tail -1"],
];

const gc = (globalThis as { gc?: () => void }).gc;
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

export async function measure(script: string, timeoutMs = 10_000): Promise<{ peakMB: number; exitCode: number; ms: number; stderr: string }> {
  gc?.();
  const base = used();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 5);
  const t = Date.now();
  const bash = new Bash({ limits: { timeoutMs } });
  const r = await bash.exec(script);
  peak = Math.max(peak, used());
  clearInterval(timer);
  return { peakMB: (peak - base) / 2 ** 20, exitCode: r.exitCode, ms: Date.now() - t, stderr: r.stderr.trim().split("\n").pop() ?? "" };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("heap-bombs.ts")) {
  if (!gc) console.error("warning: run with node --expose-gc for a clean baseline");
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const timeoutArg = process.argv.find((a) => a.startsWith("--timeout="));
  const timeoutMs = timeoutArg ? Number(timeoutArg.slice("--timeout=".length)) : 10_000;
  const rows: string[] = [];
  for (const [name, script] of BOMBS) {
    if (only.length && !only.some((o) => name.includes(o))) continue;
    const r = await measure(script, timeoutMs);
    const row = `| ${name} | ${r.peakMB.toFixed(1)} | ${r.exitCode} | ${r.ms} | ${r.stderr.replace(/\|/g, "\\|").slice(0, 80)} |`;
    console.log(row);
    rows.push(row);
  }
}
