/**
 * The built package for the runtime tests (Deno, Bun, workerd, jq from the build,
 * the demo page): the bundles of dist/ as tsup.config.ts makes them, written to
 * node_modules/.cache/sandbash-dist/ rather than dist/, so a test never races an
 * `npm run build` (or a colleague's script reading dist/) on the same files. CI runs
 * `npm test` before it builds, and a build goes stale as the sources change, so
 * ensureDist() rebuilds (bundles only, see build-dist.ts) when a file it needs is
 * missing or older than the newest source file. Test files run in parallel
 * processes: one builds while holding a lock directory, the others wait for it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const distDir = join(root, "node_modules", ".cache", "sandbash-dist");

/** What the runtime tests load from dist/. */
const NEEDED = ["index.js", "browser.js", "cli.js", "jq-node.js", "jq-worker.js", "jq-web-worker.js", "jq.wasm"];
const SOURCES = ["src", "builtins", "tsup.config.ts", "package.json", "build"];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function distIsCurrent(): boolean {
  if (!NEEDED.every((f) => existsSync(join(distDir, f)))) return false;
  const built = Math.min(...NEEDED.map((f) => statSync(join(distDir, f)).mtimeMs));
  return SOURCES.every((s) => !existsSync(join(root, s)) || newestMtime(join(root, s)) <= built);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let ensured: Promise<string> | null = null;

/** The build's directory, built first if it is missing or stale. Throws with the build's output if the build fails. */
export function ensureDist(): Promise<string> {
  return (ensured ??= (async () => {
    const lock = join(root, "node_modules", ".cache", "sandbash-dist.lock");
    mkdirSync(join(lock, ".."), { recursive: true });
    for (;;) {
      if (distIsCurrent()) return distDir;
      try {
        mkdirSync(lock);
      } catch {
        // Another test file is building; a lock older than 5 minutes was left by a killed run.
        const held = statSync(lock, { throwIfNoEntry: false });
        if (held && Date.now() - held.mtimeMs > 300_000) rmdirSync(lock);
        await sleep(500);
        continue;
      }
      try {
        if (distIsCurrent()) return distDir;
        const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "test/runtimes/build-dist.ts"), distDir], {
          cwd: root,
          encoding: "utf8",
          timeout: 300_000,
        });
        if (r.status !== 0) throw new Error(`building dist/ failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
        return distDir;
      } finally {
        rmdirSync(lock);
      }
    }
  })());
}
