/**
 * `new Bash({ jq: { inProcess: true } })` in Node with no wasm source: jq runs in the
 * calling thread over the jq.wasm the Node host reads (Node's fetch cannot read the
 * default file: URL). Its output must equal real bash + jq's.
 */
import { describe, expect, it } from "vitest";
import { Bash } from "../../src/index.js";
import { expectedOutput } from "./script.js";

describe("in-process jq in Node without a wasm source", () => {
  it("loads jq.wasm through the Node host", async () => {
    const script = `echo '{"a":[1,2,3]}' | jq -c '.a | map(. * 3)'; jq -n '1 +' 2>&1; echo "status $?"`;
    const r = await new Bash({ jq: { inProcess: true } }).exec(script);
    const { source: _s, ...want } = await expectedOutput(script);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual(want);
  }, 60_000);
});
