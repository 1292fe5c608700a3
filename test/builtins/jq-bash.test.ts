/**
 * jq bombs through a whole Bash session (worker-run jq, the default in Node):
 * each exec ends within the time limit plus a margin with status 124 and the
 * time-limit message, and the same session's next jq call answers as a fresh
 * session does.
 */
import { describe, expect, test } from "vitest";
import { Bash } from "../../src/index.js";

const TIMEOUT_MS = 3000;
const MARGIN_MS = 1500;
const NEXT = `echo '{"a":[1,2,3]}' | jq -c '.a | map(. * 2)'`;

describe("jq bombs in a Bash session", () => {
  const bash = new Bash({ limits: { timeoutMs: TIMEOUT_MS } });

  test("warm-up: jq runs (starts the worker; under vitest it loads TypeScript)", async () => {
    const r = await new Bash({ limits: { timeoutMs: 60_000 } }).exec(NEXT);
    expect(r.exitCode).toBe(0);
    await bash.exec("jq -n 1").catch(() => {});
  }, 120_000);

  // `[range(1e9)]` allocates: the memory cap or the deadline ends it first depending
  // on the machine, so it has its own test with a deadline the cap always beats.
  for (const bomb of ["def f: f; f", "repeat(1)"]) {
    test(`jq -n '${bomb}'`, async () => {
      const started = Date.now();
      const r = await bash.exec(`jq -n '${bomb}' > /dev/null; echo not reached`);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(r.exitCode).toBe(124);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/time limit exceeded/);
      const fresh = await new Bash({ limits: { timeoutMs: 60_000 } }).exec(NEXT);
      const next = await bash.exec(NEXT);
      expect(next).toEqual(fresh);
    }, 60_000);
  }

  test("jq -n '[range(1e9)]' ends at jq's memory cap; the script goes on", async () => {
    const big = new Bash({ limits: { timeoutMs: 60_000 } });
    const r = await big.exec(`jq -n '[range(1e9)]' > /dev/null; echo "status $?"`);
    expect(r.stdout).toBe("status 134\n");
    expect(r.stderr).toMatch(/^jq: error: cannot allocate memory/);
    const next = await big.exec(NEXT);
    expect(next.stdout).toBe("[2,4,6]\n");
  }, 60_000);
});
