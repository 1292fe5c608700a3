/**
 * A deadline timer can fire a millisecond before the clock passes the deadline. Whatever the
 * clock then says, what the timer ends is the time limit (sandbash's 124), never a command's
 * own error: the flaky "hang ... ends at the deadline" test came from that gap.
 */
import { describe, expect, it } from "vitest";
import { DeadlineBudget } from "../../src/limits/deadline.js";
import { Budget, LimitExceeded } from "../../src/limits/budget.js";
import { resolveLimits } from "../../src/limits/limits.js";

describe("deadline timers", () => {
  it("timerFired is the time limit even while the clock has not reached the deadline", () => {
    const clock = () => 1000; // frozen: the deadline (1000 + 50) is never passed
    const b = new Budget(resolveLimits({ timeoutMs: 50 }), undefined, clock);
    expect(() => b.checkTime()).not.toThrow();
    const e = b.timerFired();
    expect(e).toBeInstanceOf(LimitExceeded);
    expect(e.kind).toBe("time");
    // It trips the budget: the next check ends the exec with the same error.
    expect(() => b.step()).toThrow(e);
  });

  it("an aborted signal wins over the time limit", () => {
    const ac = new AbortController();
    ac.abort();
    const b = new Budget(resolveLimits({ timeoutMs: 50 }), ac.signal, () => 0);
    expect(b.timerFired().kind).toBe("aborted");
  });

  it("under timeout(1), the nearer deadline is the one that fires", () => {
    const exec = new Budget(resolveLimits({ timeoutMs: 10_000 }), undefined, () => 0);
    const scope = new DeadlineBudget(exec, 100, () => 0);
    expect(scope.timerFired()).toBe(scope.deadlineError);
    expect(() => exec.checkTime()).not.toThrow(); // the exec itself goes on

    const exec2 = new Budget(resolveLimits({ timeoutMs: 50 }), undefined, () => 0);
    const scope2 = new DeadlineBudget(exec2, 10_000, () => 0);
    const e = scope2.timerFired();
    expect(e).not.toBe(scope2.deadlineError);
    expect(e.kind).toBe("time");
  });
});

describe("the shared deadline alarm", () => {
  it("fires each alarm at its time, the nearer first, and never a cancelled one", async () => {
    const { setAlarm } = await import("../../src/limits/alarm.js");
    const fired: string[] = [];
    const now = Date.now();
    setAlarm(now + 60, () => fired.push("late"));
    const cancel = setAlarm(now + 10, () => fired.push("cancelled"));
    setAlarm(now + 20, () => fired.push("near"));
    cancel();
    await new Promise((r) => setTimeout(r, 120));
    expect(fired).toEqual(["near", "late"]);
  });

  it("a time limit past the host's largest timer delay (2^31-1 ms) does not end the exec at once", async () => {
    const { Bash } = await import("../../src/index.js");
    // setTimeout turns a longer delay into 1 ms: the deadline fired while `sleep` waited.
    const r = await new Bash({ limits: { timeoutMs: 2 ** 32 } }).exec("sleep 0.05; echo ok");
    expect(r).toMatchObject({ stdout: "ok\n", stderr: "", exitCode: 0 });
  });

  it("a Node process exits right after its last exec (the armed timer does not hold it)", async () => {
    const { spawnSync } = await import("node:child_process");
    const script = `import { Bash } from "./src/index.ts"; const r = await new Bash().exec("echo hi"); process.stdout.write(r.stdout);`;
    const t = Date.now();
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", cwd: new URL("../..", import.meta.url).pathname });
    expect(r.stdout).toBe("hi\n");
    expect(Date.now() - t).toBeLessThan(20_000); // the default time limit is 30 s
  }, 30_000);
});
