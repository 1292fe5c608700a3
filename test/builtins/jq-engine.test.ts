/**
 * The engine's own guarantees, checked as properties: a call's result never
 * depends on the calls before it (stdin reset, environment, files, crashed
 * instances), memory stays flat over thousands of calls, crashes become a jq
 * status instead of escaping, and the caps hold.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { JqEngine } from "../../builtins/jq/engine.js";
import type { JqRequest, JqResult } from "../../builtins/jq/types.js";

const wasmModule = new WebAssembly.Module(readFileSync(createRequire(import.meta.url).resolve("jq-web/jq.wasm")));
const enc = new TextEncoder();
const dec = new TextDecoder();

function request(args: string[], stdin = "", extra: Partial<JqRequest> = {}): JqRequest {
  return {
    args,
    stdin: enc.encode(stdin),
    env: ["HOME=/home/user"],
    cwd: "/home/user",
    files: [],
    nowMs: 1_700_000_000_000,
    maxOutputBytes: 1 << 20,
    ...extra,
  };
}

function text(r: JqResult, fd: 1 | 2): string {
  return r.output
    .filter((c) => c.fd === fd)
    .map((c) => dec.decode(c.data))
    .join("");
}

/** What a brand-new engine answers: the reference for "history does not matter". */
async function fresh(req: JqRequest): Promise<JqResult> {
  return new JqEngine(wasmModule).run(req);
}

describe("JqEngine", () => {
  const engine = new JqEngine(wasmModule);

  test.each([
    ["an early exit from input", request(["-n", "input"], "1 2 3")],
    ["a parse error", request(["."], "{")],
    ["first(inputs)", request(["-n", "first(inputs)"], "[1] [2]")],
    ["a runtime error", request([".a"], "[1] {}")],
    ["a missing file", request([".", "nope.json"])],
    ["halt_error", request(["-n", '"x"|halt_error(4)'])],
    ["a usage error", request(["--bogus"])],
  ])("the next call is unaffected by %s", async (_what, first) => {
    const next = request(["-c", "[., input_filename]"], '{"a":1}\n[2]');
    expect(await engine.run(first)).toEqual(await fresh(first));
    expect(await engine.run(next)).toEqual(await fresh(next));
  });

  test("the environment is the request's, every call", async () => {
    const one = request(["-n", "-c", "[env.X, $ENV.Y]"], "", { env: ["X=1", "Y=two"] });
    const two = request(["-n", "-c", "[env.X, $ENV.Y]"], "", { env: ["X=3"] });
    const a = await engine.run(one);
    const b = await engine.run(two);
    expect(a).toEqual(await fresh(one));
    expect(b).toEqual(await fresh(two));
    expect(text(a, 1)).not.toBe(text(b, 1));
  });

  test("files of one call are gone in the next", async () => {
    const file = { path: "/home/user/x.json", type: "file" as const, data: enc.encode('{"v":1}') };
    const withFile = await engine.run(request([".v", "x.json"], "", { files: [file] }));
    expect(withFile.status).toBe(0);
    const without = await engine.run(request([".v", "x.json"]));
    expect(without).toEqual(await fresh(request([".v", "x.json"])));
    expect(without.status).toBe(2);
  });

  test("the clock is the request's", async () => {
    const a = await engine.run(request(["-n", "now"], "", { nowMs: 1_000_000 }));
    const b = await engine.run(request(["-n", "now"], "", { nowMs: 2_000_000 }));
    expect(Number(text(a, 1))).toBe(1000);
    expect(Number(text(b, 1))).toBe(2000);
  });

  test("an assertion failure is jq-style stderr and status 134, and the engine recovers", async () => {
    const r = await engine.run(request(["-n", "0 | strftime(1)"]));
    expect(r.status).toBe(134);
    expect(text(r, 2)).toMatch(/^jq: src\/jv\.c:\d+: jv_string_value: Assertion `.+' failed\.\n$/);
    const next = request(["-c", "."], "[1]");
    expect(await engine.run(next)).toEqual(await fresh(next));
    // The glue's quit_ used to set the host's exit code; shell mode leaves it alone.
    expect(process.exitCode).toBeUndefined();
  });

  test("running out of the memory cap is jq's own message and status 134", async () => {
    const small = new JqEngine(wasmModule, { maxMemoryBytes: 64 * 1024 * 1024 });
    const r = await small.run(request(["-n", "[range(1e8)]"]));
    expect(r.status).toBe(134);
    expect(text(r, 2)).toBe("jq: error: cannot allocate memory\n");
    const next = request(["-n", "[range(5)] | add"]);
    expect(await small.run(next)).toEqual(await fresh(next));
  });

  test("deep nesting past the stack is a failure status, not a host crash", async () => {
    const r = await engine.run(request(["-n", "reduce range(100000) as $i (0; [.]) | tojson | length"]));
    expect(r.status === 0 || r.status >= 128).toBe(true);
    const next = request(["-n", "1"]);
    expect(await engine.run(next)).toEqual(await fresh(next));
  });

  test("nesting to depth 5000 works (jq-web's own 64 KiB stack dies near 40)", async () => {
    const r = await engine.run(request(["-n", "-c", "reduce range(5000) as $i (0; [.]) | [length, . == ., flatten]"]));
    expect(text(r, 2)).toBe("");
    expect(r.status).toBe(0);
  });

  test("output past the cap stops jq and says so", async () => {
    const r = await engine.run(request(["-n", "repeat(1)"], "", { maxOutputBytes: 10_000 }));
    expect(r.limit).toBe("output");
    expect(r.output.reduce((n, c) => n + c.data.length, 0)).toBe(10_000);
    const next = request(["-n", "2"]);
    expect(await engine.run(next)).toEqual(await fresh(next));
  });

  test("memory stays flat over thousands of calls of every kind", async () => {
    const file = { path: "/home/user/f.json", type: "file" as const, data: enc.encode("1 2 3") };
    const kinds = [
      request([".a"], '{"a":1}'),
      request([".a"], "[1]"),
      request(["."], "{"),
      request(["-n", "{"]),
      request(["-n", "first(inputs)", "f.json"], "", { files: [file] }),
      request(["-n", '"x"|halt_error']),
      request([".", "missing.json"]),
      request(["-n", "--arg", "big", "x".repeat(10_000), "$big|length"]),
      request(["-n", "env|length"], "", { env: Array.from({ length: 50 }, (_, i) => `V${i}=${"v".repeat(100)}`) }),
    ];
    const leaky = new JqEngine(wasmModule, { recycleAboveBytes: Infinity });
    for (let i = 0; i < 20; i++) for (const k of kinds) await leaky.run(k);
    const instance = (leaky as unknown as { instance: { memoryBytes: number } }).instance;
    const before = instance.memoryBytes;
    for (let i = 0; i < 150; i++) for (const k of kinds) await leaky.run(k);
    expect(instance.memoryBytes - before).toBeLessThan(2 * 1024 * 1024);
  }, 120_000);
});
