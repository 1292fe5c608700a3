/**
 * Conformance side by side: every recorded differential case (test/cases +
 * test/fixtures, expected outputs from real bash 5.2 and the GNU tools) run in
 * sandbash, just-bash and bashkit, judged by the differential suite's rule
 * (stdout and exit status exactly; stderr exactly where the case says so, else
 * empty vs non-empty). Writes the "conformance" section of bench/RESULTS.md.
 *
 *   npm run bench:conformance [-- FEATURE...]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { listFeatures, loadFixture } from "../test/differential/cases.js";
import { machineLines, replaceSection } from "./report.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const ENGINES = ["sandbash", "just-bash", "bashkit"] as const;
type EngineName = (typeof ENGINES)[number];
/** A feature whose worker runs longer than this counts its unfinished cases as failures. */
const FEATURE_TIMEOUT_MS = 300_000;

/** Which group a feature file belongs to, for the summary table. */
function groupOf(feature: string): string {
  if (/^(syntax-errors|parser-|printer-)/.test(feature)) return "parser and syntax errors";
  if (/^(values-|interp-(words|vars|arith)|expansion|params|quoting|arith|arrays|cond|printf$)/.test(feature)) return "shell: words and values";
  if (/^(exec-|interp-(exec|redirs|builtins)|control|functions|errexit|exit-status|builtins|redirects|heredoc|pipes|scripts|line-abort|foundation)/.test(feature)) return "shell: execution";
  if (/^(grep|sed|awk)/.test(feature)) return "grep, sed, awk";
  if (/^jq/.test(feature)) return "jq";
  if (/^agent/.test(feature)) return "agent workflows";
  return "other commands";
}

function runWorker(engine: EngineName, feature: string): Promise<Map<string, boolean>> {
  return new Promise((resolve) => {
    const results = new Map<string, boolean>();
    const child = spawn(process.execPath, ["--import", "tsx", "bench/conformance-worker.ts", engine, feature], {
      cwd: root,
      stdio: ["ignore", "pipe", "ignore"],
    });
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString("utf8");
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          const r = JSON.parse(line) as { name: string; pass: boolean };
          results.set(r.name, r.pass);
        } catch {
          // a peer printing to stdout directly: ignore
        }
      }
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), FEATURE_TIMEOUT_MS);
    child.on("close", () => {
      clearTimeout(timer);
      resolve(results);
    });
  });
}

function version(dir: string): string {
  try {
    return (JSON.parse(readFileSync(`${root}/node_modules/${dir}/package.json`, "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const features = listFeatures().filter((f) => only.length === 0 || only.includes(f));
  const totals = new Map<string, { cases: number } & Record<EngineName, number>>();
  const perFeature: string[] = [];
  for (const feature of features) {
    const fixture = loadFixture(feature);
    if (!fixture) continue;
    const cases = Object.keys(fixture).length;
    const passed = {} as Record<EngineName, number>;
    for (const engine of ENGINES) {
      const results = await runWorker(engine, feature);
      passed[engine] = [...results.values()].filter(Boolean).length;
    }
    const group = groupOf(feature);
    const t = totals.get(group) ?? { cases: 0, sandbash: 0, "just-bash": 0, bashkit: 0 };
    t.cases += cases;
    for (const e of ENGINES) t[e] += passed[e];
    totals.set(group, t);
    perFeature.push(`| ${feature} | ${cases} | ${passed.sandbash} | ${passed["just-bash"]} | ${passed.bashkit} |`);
    process.stderr.write(`${feature}: ${cases} cases, ${ENGINES.map((e) => `${e} ${passed[e]}`).join(", ")}\n`);
  }
  const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : "-");
  const all = { cases: 0, sandbash: 0, "just-bash": 0, bashkit: 0 };
  const groupRows = [...totals.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([g, t]) => {
      all.cases += t.cases;
      for (const e of ENGINES) all[e] += t[e];
      return `| ${g} | ${t.cases} | ${pct(t.sandbash, t.cases)} % | ${pct(t["just-bash"], t.cases)} % | ${pct(t.bashkit, t.cases)} % |`;
    });
  const body = [
    "## Conformance: the differential corpus in each engine",
    "",
    ...machineLines("bench/conformance.ts"),
    `- peers: just-bash ${version("just-bash")}, bashkit ${version("@everruns/bashkit")} (native addon)`,
    "",
    "Every recorded case (expected output from real bash 5.2 and the GNU tools), judged as the",
    "differential suite judges sandbash: stdout and exit status exactly, stderr exactly where the",
    "case asks, else only empty vs non-empty. Each engine gets the same files under /home/user, the",
    "recorder's environment and the case's stdin (bashkit's execute() takes no stdin, so its cases",
    "with stdin read it from a file through a first line `exec 0<file`). The corpus was written",
    "against sandbash's features, so read the peers' numbers as \"how much of this corpus\", not as",
    "a general score.",
    "",
    "| group | cases | sandbash | just-bash | bashkit |",
    "|---|---:|---:|---:|---:|",
    ...groupRows,
    `| **all** | **${all.cases}** | **${pct(all.sandbash, all.cases)} %** | **${pct(all["just-bash"], all.cases)} %** | **${pct(all.bashkit, all.cases)} %** |`,
    "",
    "<details><summary>per feature file (cases passed)</summary>",
    "",
    "| feature | cases | sandbash | just-bash | bashkit |",
    "|---|---:|---:|---:|---:|",
    ...perFeature,
    "",
    "</details>",
  ].join("\n");
  if (only.length === 0) replaceSection("conformance", body);
  else process.stdout.write(body + "\n");
}

await main();
