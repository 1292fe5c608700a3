/**
 * The build-time pieces of jq: the committed glue matches what the transform
 * makes of the installed jq-web (so an upgrade cannot go stale silently), the
 * transform fails loudly when an anchor moves, and the stripped wasm keeps every
 * import and export while losing the debug sections.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { transformJqGlue } from "../../build/jq-glue-transform.js";
import { generateGlue, VENDORED_GLUE } from "../../build/vendor-jq.js";
import { stripWasmCustomSections } from "../../build/wasm-strip.js";

const require = createRequire(import.meta.url);

describe("jq vendor step", () => {
  test("builtins/jq/vendor/jq-glue.js is what build/vendor-jq.ts generates", () => {
    expect(readFileSync(VENDORED_GLUE, "utf8")).toBe(generateGlue());
  });

  test("the glue has no require(), environment probes or import-time call left", () => {
    const glue = readFileSync(VENDORED_GLUE, "utf8");
    expect(glue).not.toMatch(/\brequire\s*\(/);
    for (const env of ["WEB", "WORKER", "NODE"]) expect(glue).toContain(`var ENVIRONMENT_IS_${env} = false;`);
    expect(glue).not.toMatch(/WorkerGlobalScope|process\.versions/);
    expect(glue).toMatch(/export default jq;\n$/);
    expect(glue).not.toMatch(/jq = jq\(\)/);
  });

  test("a moved anchor fails the transform", () => {
    const source = readFileSync(require.resolve("jq-web/jq.js"), "utf8");
    expect(() => transformJqGlue(source.replace("var wasmExports = await createWasm();", "var wasmExports = await createWasm( );"))).toThrow(
      /expected 1 occurrence/,
    );
  });

  test("stripping keeps the module's imports and exports and drops the custom sections", () => {
    const original = new Uint8Array(readFileSync(require.resolve("jq-web/jq.wasm")));
    const stripped = stripWasmCustomSections(original);
    const a = new WebAssembly.Module(original);
    const b = new WebAssembly.Module(stripped);
    expect(WebAssembly.Module.imports(b)).toEqual(WebAssembly.Module.imports(a));
    expect(WebAssembly.Module.exports(b)).toEqual(WebAssembly.Module.exports(a));
    expect(WebAssembly.Module.customSections(a, ".debug_info").length).toBe(1);
    expect(WebAssembly.Module.customSections(b, ".debug_info").length).toBe(0);
    expect(stripped.length).toBeLessThan(original.length / 2);
  });
});
