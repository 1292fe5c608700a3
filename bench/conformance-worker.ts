/**
 * Runs every case of one feature file in one engine and prints one JSON line
 * per case: {name, pass}. Spawned by bench/conformance.ts, one process per
 * (engine, feature), so a peer that hangs or crashes costs only that feature.
 *
 *   node --import tsx bench/conformance-worker.ts ENGINE FEATURE
 */
import { decodeUtf8 } from "../src/io/utf8.js";
import { type Case, type FixtureEntry, RECORDER_ENV, fixtureBytes, loadCases, loadFixture } from "../test/differential/cases.js";

interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}
type Engine = (c: Case) => Promise<Outcome>;

const ENV = RECORDER_ENV;
const CASE_TIMEOUT_MS = 10_000;

function filesOf(c: Case): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [path, content] of c.files) files[path] = content;
  return files;
}

async function sandbash(): Promise<Engine> {
  const { runCase } = await import("../test/differential/sandbash.js");
  return runCase;
}

async function justBash(): Promise<Engine> {
  const mod = (await import("just-bash")) as unknown as {
    Bash: new (o: object) => { exec(s: string, o?: object): Promise<Outcome> };
  };
  return async (c) => {
    const bash = new mod.Bash({ files: filesOf(c), cwd: "/home/user", env: ENV });
    const r = await bash.exec(c.script, { stdin: c.stdin ?? "" });
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  };
}

async function bashkit(): Promise<Engine> {
  const mod = (await import("@everruns/bashkit")) as unknown as {
    Bash: new (o: object) => { execute(s: string): Promise<Outcome> };
  };
  return async (c) => {
    const files = filesOf(c);
    // bashkit's execute() takes no stdin: the case's stdin comes from a file instead.
    let script = c.script;
    if (c.stdin) {
      files["/tmp/.conformance-stdin"] = c.stdin;
      script = `exec 0</tmp/.conformance-stdin\n${script}`;
    }
    const bash = new mod.Bash({ files, cwd: "/home/user", env: ENV, username: "user", timeoutMs: CASE_TIMEOUT_MS });
    const r = await bash.execute(script);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  };
}

function expected(entry: FixtureEntry, field: "stdout" | "stderr"): string {
  const enc = field === "stdout" ? entry.stdoutEncoding : entry.stderrEncoding;
  return enc === "base64" ? decodeUtf8(fixtureBytes(entry, field)) : entry[field];
}

/** The differential suite's rule: stdout and status exactly, stderr exactly or only empty vs not. */
function passes(c: Case, entry: FixtureEntry, r: Outcome): boolean {
  if (r.stdout !== expected(entry, "stdout") || r.exitCode !== entry.status) return false;
  const err = expected(entry, "stderr");
  return c.exactStderr ? r.stderr === err : (r.stderr === "") === (err === "");
}

async function main(): Promise<void> {
  const [engineName, feature] = process.argv.slice(2);
  const makers: Record<string, () => Promise<Engine>> = { sandbash, "just-bash": justBash, bashkit };
  const engine = await makers[engineName]();
  const fixture = loadFixture(feature) ?? {};
  for (const c of loadCases(feature)) {
    const entry = fixture[c.name];
    if (!entry) continue;
    let pass = false;
    try {
      const r = await Promise.race([
        engine(c),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), CASE_TIMEOUT_MS + 2000).unref()),
      ]);
      pass = passes(c, entry, r);
    } catch {
      pass = false;
    }
    process.stdout.write(JSON.stringify({ name: c.name, pass }) + "\n");
  }
  process.exit(0);
}

await main();
