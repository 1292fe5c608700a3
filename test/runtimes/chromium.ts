/**
 * Headless Chromium for the browser tests (chromium.test.ts, demo.test.ts): Debian's
 * /usr/bin/chromium driven by playwright-core, with the flags of issue 12 and a
 * fresh profile. Returns why it cannot start instead of throwing, so a machine
 * without a browser skips those tests with a message (.ci/run installs chromium).
 */
import { existsSync, mkdtempSync } from "node:fs";
import { join } from "node:path";

export const CHROMIUM = "/usr/bin/chromium";

type Playwright = typeof import("playwright-core");
export type BrowserContext = Awaited<ReturnType<Playwright["chromium"]["launchPersistentContext"]>>;

/** The launched browser, or why it could not be launched. `dir` holds the fresh profile. */
export async function launchChromium(dir: string): Promise<BrowserContext | string> {
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
