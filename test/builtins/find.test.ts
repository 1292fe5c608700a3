import { describe, expect, it } from "vitest";
import { find } from "../../builtins/find/index.js";
import { LimitExceeded } from "../../src/limits/budget.js";
import { makeContext } from "../helpers/command-context.js";

/** A context whose exec records each argv instead of running it. */
function withExec(args: string[], files: Record<string, string> = {}) {
  const u = makeContext({ name: "find", args, files });
  const calls: string[][] = [];
  u.ctx.hasCommand = () => true;
  u.ctx.exec = async (argv) => {
    calls.push(argv);
    return argv.includes("fail") ? 1 : 0;
  };
  return { u, calls };
}

describe("find", () => {
  it("batches -exec ... + into one run and ; into one per file", async () => {
    const { u, calls } = withExec(["d", "-type", "f", "-exec", "echo", "{}", "+", "-exec", "echo", "one", "{}", ";"], {
      "d/a": "", "d/b": "", "d/c": "",
    });
    expect(await find.run(u.ctx)).toBe(0);
    const batch = calls.filter((c) => c[1] !== "one");
    expect(batch).toEqual([["echo", "d/c", "d/b", "d/a"]]); // readdir order: newest first, as tmpfs
    expect(calls.filter((c) => c[1] === "one")).toHaveLength(3);
  });

  it("runs pending batches before -quit ends the walk", async () => {
    const { u, calls } = withExec(["d", "-type", "f", "-exec", "echo", "{}", "+", "-quit"], { "d/a": "", "d/b": "" });
    expect(await find.run(u.ctx)).toBe(0);
    expect(calls).toEqual([["echo", "d/b"]]); // d/b is listed first (newest first)
  });

  it("a failing batch sets status 1", async () => {
    const { u } = withExec(["d", "-type", "f", "-exec", "fail", "{}", "+"], { "d/a": "" });
    expect(await find.run(u.ctx)).toBe(1);
  });

  it("-execdir runs in the file's directory with ./name", async () => {
    const u = makeContext({ name: "find", args: ["d", "-name", "a", "-execdir", "x", "{}", ";"], files: { "d/e/a": "" } });
    const seen: Array<{ argv: string[]; cwd?: string }> = [];
    u.ctx.hasCommand = () => true;
    u.ctx.exec = async (argv, io) => {
      seen.push({ argv, cwd: io?.cwd });
      return 0;
    };
    await find.run(u.ctx);
    expect(seen).toEqual([{ argv: ["x", "./a"], cwd: "/home/user/d/e" }]);
  });

  it("reports a symlink loop under -L once and keeps going", async () => {
    const u = makeContext({ name: "find", args: ["-L", "l"], files: { "l/a/f": "" } });
    await u.fs.symlink("..", "/home/user/l/a/up");
    expect(await find.run(u.ctx)).toBe(1);
    expect(u.stdout()).toBe("l\nl/a\nl/a/f\n");
    expect(u.stderr()).toBe("find: File system loop detected; ‘l/a/up’ is part of the same file system loop as ‘l’.\n");
  });

  it("a huge walk stops at the step budget", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`big/f${i}`] = "";
    const u = makeContext({ name: "find", args: ["big"], files, limits: { maxSteps: 1000 } });
    await expect(find.run(u.ctx)).rejects.toBeInstanceOf(LimitExceeded);
  });

  it("-delete removes depth first", async () => {
    const u = makeContext({ name: "find", args: ["d", "-delete"], files: { "d/e/f": "x", "d/g": "" } });
    expect(await find.run(u.ctx)).toBe(0);
    expect(await u.fs.exists("/home/user/d")).toBe(false);
  });

  it("-fprint creates its file even when nothing matches", async () => {
    const u = makeContext({ name: "find", args: [".", "-name", "nothing", "-fprint", "out"] });
    expect(await find.run(u.ctx)).toBe(0);
    expect(new TextDecoder().decode(await u.fs.readFile("/home/user/out"))).toBe("");
  });
});
