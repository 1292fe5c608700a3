/**
 * The built package for the runtime tests (Deno, Bun, workerd, jq from the build,
 * Chromium, the demo page): the bundles of dist/ as tsup.config.ts makes them, built
 * under node_modules/.cache/ rather than into dist/, so a test never races an
 * `npm run build` (or a colleague's script reading dist/) on the same files. CI runs
 * `npm test` before it builds, and a build goes stale as the sources change, so
 * ensureDist() rebuilds (bundles only, see build-dist.ts) when a file it needs is
 * missing or older than the newest source file. Each build goes to a new directory
 * and the `sandbash-dist` symlink is switched to it atomically: a test still serving
 * or running the previous build keeps whole files. Test files run in parallel
 * processes: one builds while holding a lock directory, the others wait for it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, rmdirSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
/**
 * One cache per checkout: git worktrees that share a node_modules (a symlink) would otherwise
 * take each other's builds, made from other sources, as fresh.
 */
const cacheDir = join(root, "node_modules", ".cache", `sandbash-${checkoutKey(root)}`);

/** A short hash (FNV-1a) of the checkout's path. */
function checkoutKey(path: string): string {
  let h = 2166136261;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}
/** A symlink to the newest build. */
const current = join(cacheDir, "sandbash-dist");

/** What the runtime tests load from dist/. */
const NEEDED = ["index.js", "browser.js", "cli.js", "jq-node.js", "jq-worker.js", "jq-child.js", "jq-web-worker.js", "jq.wasm"];
const SOURCES = ["src", "builtins", "tsup.config.ts", "package.json", "build"];

function newestMtime(path: string): number {
  // A file may vanish mid-walk (the tree is edited while tests run).
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  let names: string[] = [];
  try {
    names = readdirSync(path);
  } catch {
    return st.mtimeMs;
  }
  for (const name of names) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** The newest build's directory, if it is complete and newer than every source. */
function currentBuild(): string | null {
  let dir: string;
  try {
    dir = realpathSync(current);
  } catch {
    return null;
  }
  if (!NEEDED.every((f) => existsSync(join(dir, f)))) return null;
  const built = Math.min(...NEEDED.map((f) => statSync(join(dir, f)).mtimeMs));
  return SOURCES.every((s) => !existsSync(join(root, s)) || newestMtime(join(root, s)) <= built) ? dir : null;
}

/** Points the symlink at `dir` in one rename; drops builds older than an hour. */
function publish(dir: string): void {
  const link = `${current}.link-${process.pid}`;
  rmSync(link, { force: true });
  symlinkSync(dir, link);
  try {
    renameSync(link, current);
  } catch {
    // rename() cannot replace a real directory (left by an earlier layout of this cache).
    rmSync(current, { recursive: true, force: true });
    renameSync(link, current);
  }
  for (const name of readdirSync(cacheDir)) {
    const old = join(cacheDir, name);
    if (name.startsWith("sandbash-dist-") && old !== dir && Date.now() - statSync(old).mtimeMs > 3_600_000) {
      rmSync(old, { recursive: true, force: true });
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let ensured: Promise<string> | null = null;

/** The build's directory, built first if it is missing or stale. Throws with the build's output if the build fails. */
export function ensureDist(): Promise<string> {
  return (ensured ??= (async () => {
    const lock = join(cacheDir, "sandbash-dist.lock");
    mkdirSync(cacheDir, { recursive: true });
    for (;;) {
      const ready = currentBuild();
      if (ready) return ready;
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
        const again = currentBuild();
        if (again) return again;
        const dir = join(cacheDir, `sandbash-dist-${Date.now()}-${process.pid}`);
        const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "test/runtimes/build-dist.ts"), dir], {
          cwd: root,
          encoding: "utf8",
          timeout: 300_000,
        });
        if (r.status !== 0) throw new Error(`building dist/ failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
        publish(dir);
        return dir;
      } finally {
        rmdirSync(lock);
      }
    }
  })());
}
