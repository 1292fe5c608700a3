/**
 * The browser build runs unmodified in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): a page served on localhost imports it as an ES module and runs a
 * script with pipes, a here-doc, grep, sed, awk and sort; the output must equal real
 * bash's (/usr/bin/bash, run here as the oracle). The bundle is dist/browser.js when
 * dist/ exists, else src/index.ts bundled by esbuild with the same browser settings.
 * Skips, saying why, when /usr/bin/chromium or playwright-core is not installed
 * (.ci/run installs both, and only skips this test if the install fails).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";

const SCRIPT = `cat > notes.txt <<'END'
pear 3
apple 10
fig 7
banana 2
apple 5
END
grep -v fig notes.txt | sed 's/^\\(.\\)/\\U\\1/' | sort -k2,2n | awk '{ s += $2; print NR": "$1 } END { print "total", s }'
sort notes.txt | uniq -c | sort -rn | head -2`;

type Playwright = typeof import("playwright-core");
type Context = Awaited<ReturnType<Playwright["chromium"]["launchPersistentContext"]>>;

const dir = mkdtempSync(join(tmpdir(), "sandbash-chromium-"));

/** The browser, launched up front: a browser that cannot start skips the test, not fails it. */
async function launch(): Promise<Context | string> {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (apt-get install chromium)`;
  let chromium: Playwright["chromium"];
  try {
    ({ chromium } = await import("playwright-core"));
  } catch (e) {
    return `playwright-core could not be loaded (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`;
  }
  try {
    // A fresh profile each run (playwright passes it as --user-data-dir).
    return await chromium.launchPersistentContext(mkdtempSync(join(dir, "profile-")), {
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
      ],
    });
  } catch (e) {
    return `${CHROMIUM} did not start (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`;
  }
}

const browser = await launch();
if (typeof browser === "string") console.warn(`skipping the Chromium test: ${browser}`);

let server: Server | undefined;
afterAll(async () => {
  server?.close();
  if (typeof browser !== "string") await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(typeof browser === "string")("headless Chromium", () => {
  it("runs pipes, a here-doc, grep, sed, awk and sort as real bash does", async () => {
    const esbuild = await import("esbuild");
    const fromDist = existsSync(join(root, "dist/browser.js"));
    await esbuild.build({
      entryPoints: [join(root, fromDist ? "dist/browser.js" : "src/index.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(dir, "sandbash.js"),
      define: { __SANDBASH_VERSION__: '"test"' },
      logLevel: "silent",
    });
    const page = `<!doctype html><meta charset="utf-8"><script type="module">
import { Bash } from "./sandbash.js";
window.runScript = async (s) => { const r = await new Bash().exec(s); return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }; };
window.ready = true;
</script>`;
    server = createServer((req, res) => {
      if (req.url === "/sandbash.js") {
        res.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(join(dir, "sandbash.js")));
      } else res.writeHead(200, { "content-type": "text/html" }).end(page);
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;

    const tab = await (browser as Context).newPage();
    try {
      const errors: string[] = [];
      tab.on("pageerror", (e) => errors.push(e.message));
      await tab.goto(`http://127.0.0.1:${port}/`);
      await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 60_000 });
      const got = await tab.evaluate((s) => (window as unknown as { runScript(s: string): Promise<unknown> }).runScript(s), SCRIPT);
      const cwd = mkdtempSync(join(dir, "bash-"));
      const real = spawnSync("/usr/bin/bash", ["--norc", "--noprofile", "-c", SCRIPT], { cwd, input: "", encoding: "utf8", env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8", TZ: "UTC" } });
      expect(errors).toEqual([]);
      expect(got).toEqual({ stdout: real.stdout, stderr: real.stderr, exitCode: real.status });
      expect(real.stdout).toContain("total");
    } finally {
      await tab.close();
    }
  }, 240_000);
});
