import { describe, expect, it } from "vitest";
import { Bash } from "../../src/index.js";

// What the differential cases cannot show: that -P really overlaps commands
// in the sandbox, and that a limit inside a command still ends the exec.
describe("xargs", () => {
  it("-P runs commands at the same time", async () => {
    const t = Date.now();
    const r = await new Bash().exec("seq 4 | xargs -n1 -P 4 sh -c 'sleep 0.3; echo $0' | sort");
    expect(r.stdout).toBe("1\n2\n3\n4\n");
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it("-P 2 gives each running command its own slot", async () => {
    const r = await new Bash().exec("seq 4 | xargs -n1 -P 2 --process-slot-var=S sh -c 'sleep 0.1; echo $S' | sort | uniq");
    expect(r.stdout).toBe("0\n1\n");
  });

  it("a time limit inside a command ends the exec", async () => {
    const r = await new Bash({ limits: { timeoutMs: 300 } }).exec("echo 5 | xargs sleep; echo after");
    expect(r.exitCode).toBe(124);
    expect(r.stdout).toBe("");
  });

  it("runs custom commands", async () => {
    const { defineCommand } = await import("../../src/index.js");
    const shout = defineCommand("shout", async (args) => ({ stdout: args.join(" ").toUpperCase() + "\n" }));
    const r = await new Bash({ commands: [shout] }).exec("printf 'a b\\nc\\n' | xargs -n 2 shout");
    expect(r.stdout).toBe("A B\nC\n");
  });
});
