import { describe, expect, it } from "vitest";
import { sed } from "../../builtins/sed.js";
import type { ByteReader } from "../../src/io/streams.js";
import { makeContext, runCommand } from "../helpers/command-context.js";

// Expected outputs were taken from GNU sed 4.9 (LC_ALL=C.UTF-8) on the same input.

function endless(line = "y\n"): ByteReader & { reads: number } {
  const chunk = new TextEncoder().encode(line.repeat(4096));
  const r = {
    reads: 0,
    async read() {
      r.reads++;
      return chunk;
    },
    close() {},
  };
  return r;
}

function timed<T>(ms: number, p: Promise<T>): Promise<T> {
  const t0 = performance.now();
  return p.then((v) => {
    expect(performance.now() - t0).toBeLessThan(ms);
    return v;
  });
}

describe("sed streams and stops early", () => {
  it("5q on endless input", async () => {
    const u = makeContext({ name: "sed", args: ["5q"] });
    const input = endless();
    u.ctx.stdin = input;
    expect(await timed(2000, Promise.resolve(sed.run(u.ctx)))).toBe(0);
    expect(u.stdout()).toBe("y\ny\ny\ny\ny\n");
    expect(input.reads).toBe(1);
  });
  it("-n '3{p;q}' on endless input", async () => {
    const u = makeContext({ name: "sed", args: ["-n", "3{p;q}"] });
    u.ctx.stdin = endless();
    expect(await sed.run(u.ctx)).toBe(0);
    expect(u.stdout()).toBe("y\n");
  });
});

describe("sed stays bounded", () => {
  const line = "a".repeat(50_000) + "!\n";
  for (const script of ["s/(a+)+$/X/", "s/(a|aa)+$/X/", "s/(x+x+)+y/X/g", "/(a|a?)+$/d"]) {
    it(`sed -E '${script}'`, async () => {
      const r = await timed(5000, runCommand(sed, { args: ["-E", script], stdin: line }));
      expect(r.status).toBe(0);
    });
  }
  it("an endless branch loop ends at the step limit", async () => {
    const u = makeContext({ name: "sed", args: [":a;ba"], stdin: "x\n", limits: { maxSteps: 10_000 } });
    await expect(Promise.resolve(sed.run(u.ctx))).rejects.toThrow(/step limit/);
  });
  it("s///g with a back-reference on a long line is bounded by the budget", async () => {
    const u = makeContext({ name: "sed", args: ["s/\\(a*\\)*\\1b/X/"], stdin: "a".repeat(300) + "\n", limits: { maxSteps: 100_000 } });
    // (The unit context's clock is fixed, so the step limit is what ends it here.)
    await expect(Promise.resolve(sed.run(u.ctx))).rejects.toThrow(/step limit/);
  });
});

describe("sed -i", () => {
  it("replaces the file and keeps a backup", async () => {
    const r = await runCommand(sed, { args: ["-i.bak", "s/one/ONE/", "f"], files: { f: "one\ntwo\n" } });
    expect(r.status).toBe(0);
    expect(new TextDecoder().decode(await r.fs.readFile("/home/user/f"))).toBe("ONE\ntwo\n");
    expect(new TextDecoder().decode(await r.fs.readFile("/home/user/f.bak"))).toBe("one\ntwo\n");
    const names = (await r.fs.readdir("/home/user")).map((e) => e.name).sort();
    expect(names).toEqual(["f", "f.bak"]);
  });
});
