/**
 * The bounds of worker-run jq: each jq bomb ends within the time limit plus a
 * small margin with the time-limit error (status 124), and the next jq call works.
 */
import { afterAll, describe, expect, test } from "vitest";
import { jq } from "../../builtins/jq/jq.js";
import { LimitExceeded } from "../../src/limits/budget.js";
import { installNodeJq } from "../../src/node/jq-setup.js";
import { makeContext } from "../helpers/command-context.js";

const runner = installNodeJq();
afterAll(() => runner.dispose());

const TIMEOUT_MS = 3000;
/** Worker termination takes 2-20 ms; the margin is for a busy machine. */
const MARGIN_MS = 1000;

async function runJq(args: string[], stdin?: string, timeoutMs = TIMEOUT_MS) {
  const u = makeContext({ name: "jq", args, stdin, limits: { timeoutMs }, now: Date.now });
  const status = await jq.run(u.ctx);
  return { status, stdout: u.stdout(), stderr: u.stderr() };
}

describe("jq in a worker", () => {
  test("a small call works (and warms the worker: under vitest it loads TypeScript through tsx)", async () => {
    const r = await runJq([".a"], '{"a":[1,2]}', 60_000);
    expect(r).toEqual({ status: 0, stdout: "[\n  1,\n  2\n]\n", stderr: "" });
  }, 60_000);

  // `[range(1e9)]` is not here: it allocates, so whether the deadline or the memory
  // cap ends it first depends on the machine's speed (see the memory test below).
  for (const bomb of ["def f: f; f", "repeat(1)", "last(range(1e10))"]) {
    test(`jq -n '${bomb}' stops at the time limit, then jq works`, async () => {
      const started = Date.now();
      const error = await runJq(["-n", bomb]).then(
        () => null,
        (e: unknown) => e,
      );
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(LimitExceeded);
      expect((error as LimitExceeded).kind).toBe("time");
      expect((error as LimitExceeded).status).toBe(124);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      const next = await runJq(["-c", "{b: .a}"], '{"a":1}', 60_000);
      expect(next).toEqual({ status: 0, stdout: '{"b":1}\n', stderr: "" });
    }, 20_000);
  }

  test("jq -n '[range(1e9)]' ends at the memory cap (jq's own error, status 134), then jq works", async () => {
    const r = await runJq(["-n", "[range(1e9)]"], undefined, 60_000);
    expect(r.status).toBe(134);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^jq: error: cannot allocate memory/);
    const next = await runJq(["-c", "{b: .a}"], '{"a":1}', 60_000);
    expect(next).toEqual({ status: 0, stdout: '{"b":1}\n', stderr: "" });
  }, 60_000);

  test("an abort signal stops a running call", async () => {
    const controller = new AbortController();
    const u = makeContext({ name: "jq", args: ["-n", "def f: f; f"], limits: { timeoutMs: 60_000 }, now: Date.now });
    (u.ctx as { signal: AbortSignal | undefined }).signal = controller.signal;
    setTimeout(() => controller.abort(), 200);
    const error = await Promise.resolve(jq.run(u.ctx)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitExceeded);
    expect((error as LimitExceeded).kind).toBe("aborted");
  });

  test("concurrent calls all complete", { timeout: 60_000 }, async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => runJq(["-c", `. + ${i}`], "1", 60_000)));
    expect(results.map((r) => r.stdout)).toEqual(["1\n", "2\n", "3\n", "4\n", "5\n", "6\n"]);
  });
});
