/**
 * Throughput of grep/sed/awk/sort/uniq/wc/cut/tr/jq on a generated text file (50 MB by
 * default; a JSON-lines file of about the same size for jq): the GNU tools (a bash
 * subprocess) vs sandbash, same script, output to a file, outputs compared byte for
 * byte (a fast wrong answer is marked, never counted).
 *   node --import tsx bench/throughput.ts [--mb 50] [--only sort]
 * Reports CPU seconds (GNU: the children's user+sys from bash's `times`; sandbash: this
 * process's user+sys around exec) as well as wall seconds; on a loaded machine read the
 * CPU ratio. Each side's time is the best of --runs runs (default 3; sandbash's first
 * pays JIT warm-up). Writes its section of bench/RESULTS.md ("throughput" for 10 MB,
 * "throughput-NNmb" for other sizes, so both can be kept).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bash } from "../src/index.js";
import { machineLines, replaceSection, makeText } from "./report.js";

const argv = process.argv.slice(2);
const flag = (name: string, dflt: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) || dflt : dflt);
const mb = flag("--mb", 50);
const runs = flag("--runs", 3);
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : "";

const SCRIPTS = [
  "grep -c error big.txt > out.txt",
  "grep -E 'alpha|omega' big.txt > out.txt",
  "sed 's/a/b/g' big.txt > out.txt",
  "sed 's/[0-9][0-9]*$/N/' big.txt > out.txt",
  "awk '{s+=$2} END{print s}' big.txt > out.txt",
  "awk '{ s += $NF } END { print s }' big.txt > out.txt",
  "awk '{ print $2, $1 }' big.txt > out.txt",
  "sort big.txt > out.txt",
  "uniq big.txt > out.txt",
  "cut -d' ' -f2,4 big.txt | sort | uniq -c > out.txt",
  "wc big.txt > out.txt",
  "cut -d' ' -f1-3 big.txt > out.txt",
  "tr a-z A-Z < big.txt > out.txt",
  "jq -c '.n' big.jsonl > out.txt",
  "jq -c 'select(.w == \"error\") | .n' big.jsonl > out.txt",
];


/** The same lines as JSON objects, one a line: {"w":"the","n":123,"words":[...]}. */
function makeJsonLines(text: string): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const words = line.split(" ");
    out.push(JSON.stringify({ w: words[0], n: Number(words[words.length - 1]), words: words.slice(1, -1) }));
  }
  return out.join("\n") + "\n";
}

interface Timing {
  cpu: number;
  wall: number;
}

/** bash's `times` second line: the children's user and system time, e.g. `0m0.123s 0m0.010s`. */
function childCpu(timesOutput: string): number {
  const line = timesOutput.trim().split("\n").pop() ?? "";
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return secs.reduce((a, b) => a + b, 0);
}

function gnu(script: string, dir: string): Timing {
  const t = performance.now();
  const r = spawnSync("/usr/bin/bash", ["-c", `${script}; times`], { cwd: dir, env: { PATH: "/usr/local/bin:/usr/bin:/bin", LC_ALL: "C.UTF-8" }, encoding: "utf8" });
  return { cpu: childCpu(r.stdout), wall: (performance.now() - t) / 1000 };
}

function best(ts: Timing[]): Timing {
  return ts.reduce((a, b) => (b.cpu < a.cpu ? b : a));
}

async function ours(bash: Bash, script: string): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t = performance.now();
  const r = await bash.exec(`cd /home/user; ${script}`);
  if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}: ${r.stderr.slice(0, 200)}`);
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t) / 1000 };
}

async function main(): Promise<void> {
  const header = machineLines("bench/throughput.ts");
  const text = makeText(mb * 1_000_000);
  const json = makeJsonLines(text);
  const dir = mkdtempSync(join(tmpdir(), "sandbash-throughput-"));
  writeFileSync(join(dir, "big.txt"), text);
  writeFileSync(join(dir, "big.jsonl"), json);
  const bash = new Bash({
    files: { "/home/user/big.txt": text, "/home/user/big.jsonl": json },
    // Room for the inputs, outputs and whole-file strings (sort holds its input): the default
    // caps (64 MiB of files, 32 Mi-character strings) are sandbox safety limits, not the subject here.
    limits: { timeoutMs: 600_000, maxSteps: Infinity, maxFileSystemBytes: 16 * mb * 1_000_000, maxStringLength: Math.min(8 * mb * 1_000_000, 2 ** 29 - 24) },
  } as ConstructorParameters<typeof Bash>[0]);
  const rows: string[] = [];
  const f = (x: number) => x.toFixed(2);
  for (const script of SCRIPTS) {
    if (only && !script.includes(only)) continue;
    const native = best(Array.from({ length: runs }, () => gnu(script, dir)));
    const expected = readFileSync(join(dir, "out.txt"));
    let row: string;
    try {
      const mine: Timing[] = [];
      for (let i = 0; i < runs; i++) mine.push(await ours(bash, script));
      const b = best(mine);
      const got = await bash.fs.readFile("/home/user/out.txt");
      const same = Buffer.compare(Buffer.from(got), expected) === 0;
      row = `| \`${script}\` | ${f(native.cpu)} | ${f(b.cpu)} | ${f(b.cpu / Math.max(native.cpu, 0.005))}x | ${f(native.wall)} | ${f(b.wall)} |${same ? "" : " WRONG OUTPUT"}`;
    } catch (e) {
      row = `| \`${script}\` | ${f(native.cpu)} | error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)} | | | |`;
    }
    console.log(row);
    rows.push(row);
  }
  rmSync(dir, { recursive: true, force: true });
  const section = [
    `## Throughput on a ${mb} MB generated text file (${text.split("\n").length - 1} lines; jq: ${(json.length / 1e6).toFixed(0)} MB of JSON lines)`,
    "",
    ...header,
    "",
    "Seconds. GNU CPU = children's user+sys from bash's `times`; sandbash CPU = this process's user+sys",
    `around exec. Each is the best of ${runs} runs. WRONG OUTPUT marks output that differs from GNU's.`,
    "",
    "| script | GNU CPU | sandbash CPU | CPU ratio | GNU wall | sandbash wall |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows,
  ];
  replaceSection(mb === 10 ? "throughput" : `throughput-${mb}mb`, section.join("\n"));
  console.log("wrote the throughput section of bench/RESULTS.md");
}

await main();
