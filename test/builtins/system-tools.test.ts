import { describe, expect, it } from "vitest";
import { Bash } from "../../src/index.js";

// Sandbox properties of sleep, timeout and mktemp that no recording can show:
// the time limit and abort signal, timeout's own deadline, seeded names.
describe("sleep", () => {
  it("past the time limit ends the exec at the deadline", async () => {
    const t = Date.now();
    const r = await new Bash({ limits: { timeoutMs: 300 } }).exec("sleep 10; echo after");
    expect(r.exitCode).toBe(124);
    expect(r.stderr).toContain("time limit exceeded");
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it("stops at once when the exec is aborted", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const t = Date.now();
    const r = await new Bash().exec("sleep 30", { signal: ac.signal });
    expect(r.exitCode).toBe(130);
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it("infinity waits for the deadline", async () => {
    const r = await new Bash({ limits: { timeoutMs: 200 } }).exec("sleep inf");
    expect(r.exitCode).toBe(124);
  });
});

describe("timeout", () => {
  it("abandons the command at its deadline, and it stops", async () => {
    const b = new Bash();
    const t = Date.now();
    const r = await b.exec("timeout 0.2 sh -c 'while :; do sleep 0.05; done'; echo $?");
    expect(r.stdout).toBe("124\n");
    expect(Date.now() - t).toBeLessThan(1500);
  });

  it("the exec's own limit still wins over a longer timeout", async () => {
    const r = await new Bash({ limits: { timeoutMs: 300 } }).exec("timeout 10 sleep 5; echo after $?");
    expect(r.exitCode).toBe(124);
    expect(r.stdout).toBe("");
  });

  it("steps inside count against the exec's step limit", async () => {
    const r = await new Bash({ limits: { maxSteps: 5000 } }).exec("timeout 10 sh -c 'i=0; while :; do i=$((i+1)); done'");
    expect(r.stderr).toContain("step limit exceeded");
  });
});

describe("mktemp", () => {
  it("names come from the session's seed", async () => {
    const names = async (seed: number) => (await new Bash({ seed }).exec("mktemp; mktemp -d; mktemp -u fooXXXXXX")).stdout;
    expect(await names(7)).toBe(await names(7));
    expect(await names(7)).not.toBe(await names(8));
  });
});
