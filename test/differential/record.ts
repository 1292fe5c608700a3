/**
 * Records what real bash does for every differential case:
 *   npm run record -- [feature...]      (all features when none given)
 * Each case runs as `/usr/bin/bash -c "$script"` in a private mount namespace
 * (sandbox.sh: tmpfs at /home/user and /tmp, uid 1000 shown as "user", fixed env),
 * and the results go to test/fixtures/<feature>.json with sorted keys.
 * Needs root (unshare, mount); the script itself runs as uid 1000.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Case,
  type Fixture,
  type FixtureEntry,
  HOME,
  caseHash,
  fixturePath,
  listFeatures,
  loadCases,
} from "./cases.js";

const SANDBOX_SH = join(dirname(fileURLToPath(import.meta.url)), "sandbox.sh");
const STAGE_ROOT = "/var/tmp"; // not /tmp: the namespace mounts a fresh tmpfs over /tmp
const SETUP_FAILED = 250;
const HARD_TIMEOUT_MS = 20_000; // sandbox.sh's own timeout is 10 s; this is a backstop

interface RawResult {
  stdout: Buffer;
  stderr: Buffer;
  status: number;
}

/** passwd/group as on the host, with uid/gid 1000 renamed to "user". */
function identityFiles(): { passwd: string; group: string } {
  const rename = (text: string, isPasswd: boolean) =>
    text
      .split("\n")
      .filter((l) => {
        const f = l.split(":");
        return !(f[0] === "user" && f[2] !== "1000");
      })
      .map((l) => {
        const f = l.split(":");
        if (f[2] !== "1000") return l;
        return isPasswd ? `user:x:1000:1000:user:${HOME}:/bin/bash` : `user:x:1000:`;
      })
      .join("\n");
  let passwd = rename(readFileSync("/etc/passwd", "utf8"), true);
  let group = rename(readFileSync("/etc/group", "utf8"), false);
  if (!passwd.includes(":x:1000:")) passwd = `${passwd.trimEnd()}\nuser:x:1000:1000:user:${HOME}:/bin/bash\n`;
  if (!group.includes(":x:1000:")) group = `${group.trimEnd()}\nuser:x:1000:\n`;
  return { passwd, group };
}

function stageCase(c: Case, identity: { passwd: string; group: string }): string {
  const stage = mkdtempSync(join(STAGE_ROOT, "sandbash-case-"));
  mkdirSync(join(stage, "home"));
  mkdirSync(join(stage, "tmp"));
  writeFileSync(join(stage, "passwd"), identity.passwd);
  writeFileSync(join(stage, "group"), identity.group);
  for (const [path, content] of c.files) {
    const local = path.startsWith(`${HOME}/`)
      ? join(stage, "home", path.slice(HOME.length + 1))
      : join(stage, "tmp", path.slice("/tmp/".length));
    mkdirSync(dirname(local), { recursive: true, mode: 0o755 });
    writeFileSync(local, content, { mode: 0o644 });
  }
  return stage;
}

function runInSandbox(c: Case, stage: string): Promise<RawResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      "unshare",
      ["--mount", "--uts", "--propagation", "private", "/usr/bin/bash", SANDBOX_SH, stage, c.script],
      { stdio: ["pipe", "pipe", "pipe"], env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" } },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.stdin.on("error", () => {}); // the script may exit without reading stdin (EPIPE)
    child.stdin.end(c.stdin ?? "");
    const timer = setTimeout(() => child.kill("SIGKILL"), HARD_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        status: code ?? 128 + (signal === "SIGKILL" ? 9 : 15),
      });
    });
  });
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

function toEntry(c: Case, r: RawResult): FixtureEntry {
  const entry: FixtureEntry = { hash: caseHash(c), status: r.status, stderr: "", stdout: "" };
  for (const field of ["stderr", "stdout"] as const) {
    const bytes = r[field];
    if (isUtf8(bytes)) entry[field] = bytes.toString("utf8");
    else {
      entry[field] = bytes.toString("base64");
      entry[field === "stdout" ? "stdoutEncoding" : "stderrEncoding"] = "base64";
    }
  }
  // Sorted keys keep fixture diffs clean.
  return Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : 1))) as unknown as FixtureEntry;
}

async function recordCase(c: Case, identity: { passwd: string; group: string }): Promise<FixtureEntry> {
  const stage = stageCase(c, identity);
  try {
    const r = await runInSandbox(c, stage);
    if (r.status === SETUP_FAILED && r.stderr.toString().startsWith("sandbox-setup:")) {
      throw new Error(`${c.feature}: ${c.name}: ${r.stderr.toString().trim()}`);
    }
    return toEntry(c, r);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Runs jobs with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function serialize(fixture: Fixture): string {
  const sorted: Fixture = {};
  for (const key of Object.keys(fixture).sort()) sorted[key] = fixture[key];
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    console.error("record: needs root (unshare --mount, tmpfs mounts); the cases themselves run as uid 1000");
    process.exit(2);
  }
  const all = listFeatures();
  const wanted = process.argv.slice(2).filter((a) => a !== "--");
  for (const f of wanted) {
    if (!all.includes(f)) {
      console.error(`record: no test/cases/${f}.cases (features: ${all.join(", ")})`);
      process.exit(2);
    }
  }
  const features = wanted.length ? wanted : all;
  const identity = identityFiles();
  const concurrency = Math.max(2, cpus().length);
  mkdirSync(dirname(fixturePath("x")), { recursive: true });
  for (const feature of features) {
    const started = Date.now();
    const cases = loadCases(feature);
    const entries = await pool(cases, concurrency, (c) => recordCase(c, identity));
    const fixture: Fixture = {};
    cases.forEach((c, i) => (fixture[c.name] = entries[i]));
    writeFileSync(fixturePath(feature), serialize(fixture));
    const timeouts = entries.filter((e) => e.status === 124).length;
    console.log(
      `${feature}: ${cases.length} cases recorded in ${Date.now() - started} ms` +
        (timeouts ? ` (${timeouts} hit the 10 s timeout)` : ""),
    );
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
