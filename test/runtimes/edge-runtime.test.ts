/**
 * The browser build runs inside Vercel's edge runtime (the `edge-runtime` package's
 * EdgeRuntime, an EdgeVM: web globals only, no Node built-ins, no eval of strings
 * into code). The runtime tests' build of browser.js (dist.ts) is bundled into one
 * classic script with esbuild (an EdgeVM evaluates scripts, not modules, so its lazy
 * chunks are inlined). jq.wasm is compiled by the host and handed to the VM as a
 * global (`extend`), as an edge function receives it from a wasm import: with
 * `new Bash({ jq: { wasm } })` the shared script (pipes, here-docs, grep, sed, awk,
 * sort, jq in-process) prints what real bash prints; without it jq says it cannot
 * load jq.wasm and how to pass it. Skips, saying why, when edge-runtime or esbuild
 * cannot be loaded.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureDist } from "./dist.js";
import { SCRIPT, expectedOutput } from "./script.js";

interface EdgeVMLike {
  evaluate<T = unknown>(code: string): T;
}
type EdgeVMConstructor = new (options?: { extend?: (context: Record<string, unknown>) => Record<string, unknown> }) => EdgeVMLike;

async function load(): Promise<{ EdgeVM: EdgeVMConstructor; esbuild: typeof import("esbuild") } | string> {
  try {
    const { EdgeRuntime: EdgeVM } = (await import("edge-runtime")) as unknown as { EdgeRuntime: EdgeVMConstructor };
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

/** A VM with the browser build loaded as the global `sandbash` and jq's Module as `jqWasm`. */
async function edgeVM(): Promise<EdgeVMLike> {
  const { EdgeVM, esbuild } = loaded as Exclude<typeof loaded, string>;
  const build = await ensureDist();
  const outfile = join(outDir, "sandbash-edge.js");
  await esbuild.build({
    entryPoints: [join(build, "browser.js")],
    bundle: true,
    format: "iife",
    globalName: "sandbash",
    platform: "browser",
    target: "es2022",
    outfile,
    logLevel: "silent",
  });
  const jqWasm = await WebAssembly.compile(readFileSync(join(build, "jq.wasm")));
  const vm = new EdgeVM({ extend: (context) => Object.assign(context, { jqWasm }) });
  vm.evaluate(readFileSync(outfile, "utf8"));
  return vm;
}

const run = (vm: EdgeVMLike, options: string, script: string) =>
  vm.evaluate<Promise<{ stdout: string; stderr: string; exitCode: number }>>(
    `new sandbash.Bash(${options}).exec(${JSON.stringify(script)}).then((r) => ({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }))`,
  );

describe.skipIf(typeof loaded === "string")("Vercel edge runtime (EdgeVM)", () => {
  it("runs pipes, here-docs, grep, sed, awk, sort and jq (its Module passed in) as real bash does; without the Module jq says what to pass", async () => {
    const vm = await edgeVM();
    const { source: _s, ...want } = await expectedOutput(SCRIPT);
    expect(await run(vm, "{ jq: { wasm: jqWasm } }", SCRIPT)).toEqual(want);
    const noWasm = await run(vm, "{}", "echo '{}' | jq .");
    expect(noWasm.stdout).toBe("");
    expect(noWasm.exitCode).not.toBe(0);
    expect(noWasm.stderr).toMatch(/^jq: cannot load jq\.wasm \(.+\); .*new Bash\(\{ jq: \{ wasm \} \}\)\n$/);
  }, 300_000);
});
