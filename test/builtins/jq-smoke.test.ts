import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, test } from "vitest";
import { jq } from "../../builtins/jq/jq.js";
import { setJqRunner } from "../../builtins/jq/runner.js";
import { createInProcessJqRunner } from "../../builtins/jq/in-process.js";
import { runCommand } from "../helpers/command-context.js";

const wasm = readFileSync(createRequire(import.meta.url).resolve("jq-web/jq.wasm"));
setJqRunner(createInProcessJqRunner(new WebAssembly.Module(wasm)));

test("smoke", async () => {
  const r = await runCommand(jq, { args: [".a", "x.json"], files: { "x.json": '{"a":[1,2]}' } });
  expect(r.stdout).toBe("[\n  1,\n  2\n]\n");
  expect(r.status).toBe(0);
  const r2 = await runCommand(jq, { args: ["-r", ".[]"], stdin: '["a","b"]' });
  expect(r2.stdout).toBe("a\nb\n");
});
