import { describe, expect, it } from "vitest";
import { makeContext, mulberry32, runCommand, FIXED_NOW } from "../helpers/command-context.js";
import type { CommandDef } from "../../builtins/types.js";
import { readAll } from "../../src/io/streams.js";
import { decodeUtf8 } from "../../src/io/utf8.js";

const catLike: CommandDef = {
  name: "catlike",
  async run(ctx) {
    if (ctx.args.length === 0) {
      ctx.stdout.write(await readAll(ctx.stdin));
      return 0;
    }
    let status = 0;
    for (const a of ctx.args) {
      try {
        ctx.stdout.write(await ctx.fs.readFile(ctx.resolve(a)));
      } catch (e) {
        ctx.stderr.write(`${ctx.name}: ${a}: ${(e as Error).message}\n`);
        status = 1;
      }
    }
    return status;
  },
};

describe("makeContext", () => {
  it("seeds files relative to cwd and collects output", async () => {
    const r = await runCommand(catLike, { args: ["a.txt", "missing"], files: { "a.txt": "hello\n" } });
    expect(r).toMatchObject({ status: 1, stdout: "hello\n", stderr: "catlike: missing: No such file or directory\n" });
  });

  it("passes stdin", async () => {
    const r = await runCommand(catLike, { args: [], stdin: "in\n" });
    expect(r.stdout).toBe("in\n");
  });

  it("has the sandbox identity, a fixed clock, umask 022 and a seeded PRNG", async () => {
    const u = makeContext({ args: ["x"], cwd: "/tmp/work" });
    expect(u.ctx.sandbox).toMatchObject({ user: "user", group: "user", uid: 1000, gid: 1000, hostname: "sandbox", timeZone: "UTC" });
    expect(u.ctx.sandbox.now()).toBe(FIXED_NOW);
    expect(u.ctx.umask).toBe(0o022);
    expect(u.ctx.resolve("a/../b")).toBe("/tmp/work/b");
    expect((await u.fs.stat("/tmp/work")).type).toBe("directory");
    const r = mulberry32(42);
    expect([u.ctx.sandbox.random(), u.ctx.sandbox.random()]).toEqual([r(), r()]);
    await expect(u.ctx.exec(["ls"])).rejects.toThrow("not available in unit context");
    await expect(u.ctx.runScript("ls")).rejects.toThrow("not available in unit context");
  });

  it("writes files as the sandbox user", async () => {
    const u = makeContext({ args: [] });
    await u.fs.writeFile(u.ctx.resolve("out"), new TextEncoder().encode("x"));
    const st = await u.fs.stat("/home/user/out");
    expect([st.uid, st.gid, st.mode, st.mtimeMs]).toEqual([1000, 1000, 0o644, FIXED_NOW]);
    expect(decodeUtf8(await u.fs.readFile("/etc/hostname"))).toBe("sandbox\n");
  });
});
