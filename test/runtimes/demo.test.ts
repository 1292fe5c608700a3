/**
 * The demo page (examples/browser/, `npm run demo`) in headless Chromium: served by
 * its own server (startDemo) over the browser build, it loads the seeded project;
 * a command typed into the page's input and sent with Enter (grep, a pipe, sort and
 * jq, which runs in the page's Web Worker) shows the output real bash prints for the
 * same command over the same files. Skips, saying why, when Chromium cannot start.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startDemo } from "../../examples/browser/serve.js";
import { DEMO_CWD, DEMO_FILES } from "../../src/node/demo.js";
import { launchChromium, type BrowserContext } from "./chromium.js";
import { ensureDist } from "./dist.js";

const COMMAND = `grep -c TODO src/*.ts | sort -t: -k2; jq -r '.suppliers[] | select(.leadDays < 6) | "\\(.id) \\(.email)"' config.json`;

const dir = mkdtempSync(join(tmpdir(), "sandbash-demo-"));
const browser = await launchChromium(dir);
if (typeof browser === "string") console.warn(`skipping the demo page test: ${browser}`);
let demo: Awaited<ReturnType<typeof startDemo>> | undefined;

afterAll(async () => {
  await demo?.close();
  if (typeof browser !== "string") await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Real bash's output for COMMAND over the demo's files, written to a temp dir. */
function realOutput(): { stdout: string; status: number | null } {
  const home = join(dir, "home");
  for (const [path, text] of Object.entries(DEMO_FILES)) {
    const file = join(home, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const r = spawnSync("/usr/bin/bash", ["--norc", "--noprofile", "-c", COMMAND], {
    cwd: join(home, DEMO_CWD),
    encoding: "utf8",
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", LC_ALL: "C.UTF-8" },
  });
  return { stdout: r.stdout, status: r.status };
}

describe.skipIf(typeof browser === "string")("the demo page in headless Chromium", () => {
  it("runs a command typed into the page (grep, sort, jq) and shows real bash's output", async () => {
    demo = await startDemo({ bundleDir: await ensureDist(), port: 0 });
    const page = await (browser as BrowserContext).newPage();
    try {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(demo.url);
      await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
      expect(await page.textContent("#ps1")).toBe("user@sandbash:~/project$");
      await page.fill("#command", COMMAND);
      await page.press("#command", "Enter");
      await page.waitForFunction(() => !document.body.dataset.busy && (document.getElementById("command") as HTMLInputElement).disabled === false, undefined, { timeout: 60_000 });
      const want = realOutput();
      expect(want.status).toBe(0);
      expect(want.stdout).toContain("acme");
      const screen = (await page.textContent("#screen")) ?? "";
      expect(screen.endsWith(`user@sandbash:~/project$ ${COMMAND}\n${want.stdout}`)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);
});
