import { describe, expect, it } from "vitest";
import { ls } from "../../builtins/ls/index.js";
import { LimitExceeded } from "../../src/limits/budget.js";
import { makeContext } from "../helpers/command-context.js";

describe("ls", () => {
  it("-RL does not loop through a symlink cycle", async () => {
    const u = makeContext({ name: "ls", args: ["-RL", "l"], files: { "l/a/f": "" } });
    await u.fs.symlink("..", "/home/user/l/a/up");
    expect(await ls.run(u.ctx)).toBe(2);
    expect(u.stderr()).toBe("ls: l/a/up: not listing already-listed directory\n");
    expect(u.stdout()).toBe("l:\na\n\nl/a:\nf\nup\n");
  });

  it("a huge listing stops at the step budget", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`big/f${i}`] = "";
    const u = makeContext({ name: "ls", args: ["big"], files, limits: { maxSteps: 1000 } });
    await expect(ls.run(u.ctx)).rejects.toBeInstanceOf(LimitExceeded);
  });

  it("a file stamped at the clock's exact now is shown as recent", async () => {
    const u = makeContext({ name: "ls", args: ["-l", "f"], files: { f: "" } });
    expect(await ls.run(u.ctx)).toBe(0);
    // FIXED_NOW is 2023-11-14 22:13:20 UTC.
    expect(u.stdout()).toBe("-rw-r--r-- 1 user user 0 Nov 14 22:13 f\n");
  });
});
