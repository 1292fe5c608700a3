/**
 * The browser build runs inside Vercel's edge runtime (the `edge-runtime` package's
 * EdgeRuntime, an EdgeVM: web globals only, no Node built-ins, no eval of strings into code, no wasm
 * compiled from bytes). The build is bundled into one classic script with esbuild (an
 * EdgeVM evaluates scripts, not modules): dist/browser.js and its chunks when dist/
 * exists, else src/index.ts with the same browser settings, so `npm test` needs no
 * prior build. Skips, saying why, when edge-runtime or esbuild cannot be loaded.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface EdgeVMLike {
  evaluate<T = unknown>(code: string): T;
}

async function load(): Promise<{ EdgeVM: new () => EdgeVMLike; esbuild: typeof import("esbuild") } | string> {
  try {
    const { EdgeRuntime: EdgeVM } = (await import("edge-runtime")) as unknown as { EdgeRuntime: new () => EdgeVMLike };
    const esbuild = await import("esbuild");
    return { EdgeVM, esbuild };
  } catch (e) {
    return `edge-runtime or esbuild could not be loaded (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`;
  }
}

const loaded = await load();
if (typeof loaded === "string") console.warn(`skipping the edge-runtime test: ${loaded}`);

const outDir = mkdtempSync(join(tmpdir(), "sandbash-edge-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe.skipIf(typeof loaded === "string")("Vercel edge runtime (EdgeVM)", () => {
  it("runs `echo hi | tr a-z A-Z` and a small pipeline from the browser build", async () => {
    const { EdgeVM, esbuild } = loaded as Exclude<typeof loaded, string>;
    const fromDist = existsSync(join(root, "dist/browser.js"));
    const outfile = join(outDir, "sandbash-edge.js");
    await esbuild.build({
      entryPoints: [join(root, fromDist ? "dist/browser.js" : "src/index.ts")],
      bundle: true,
      format: "iife",
      globalName: "sandbash",
      platform: "browser",
      target: "es2022",
      outfile,
      define: { __SANDBASH_VERSION__: '"test"' },
      logLevel: "silent",
    });
    const vm = new EdgeVM();
    vm.evaluate(readFileSync(outfile, "utf8"));
    const run = (script: string) =>
      vm.evaluate<Promise<{ stdout: string; stderr: string; exitCode: number }>>(
        `new sandbash.Bash().exec(${JSON.stringify(script)})`,
      );
    // Expected outputs recorded from bash 5.2 + GNU coreutils (LC_ALL=C.UTF-8).
    const hi = await run("echo hi | tr a-z A-Z");
    expect({ ...hi }).toMatchObject({ stdout: "HI\n", stderr: "", exitCode: 0 });
    const more = await run("printf 'b 2\\na 1\\nc 3\\n' | sort | cut -d' ' -f2 | paste -sd+");
    expect({ ...more }).toMatchObject({ stdout: "1+2+3\n", stderr: "", exitCode: 0 });
  }, 180_000);
});
