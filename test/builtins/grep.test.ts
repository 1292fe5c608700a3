import { describe, expect, it } from "vitest";
import { grep } from "../../builtins/grep.js";
import type { ByteReader } from "../../src/io/streams.js";
import { makeContext, runCommand } from "../helpers/command-context.js";

// Expected outputs were taken from GNU grep 3.8 (LC_ALL=C.UTF-8) on the same input.

/** An endless stdin of "y\n" (as `yes`), counting how much was read. */
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

describe("grep streams and stops early", () => {
  it("-m1 on endless input", async () => {
    const u = makeContext({ name: "grep", args: ["-m1", "y"] });
    const input = endless();
    u.ctx.stdin = input;
    expect(await timed(2000, Promise.resolve(grep.run(u.ctx)))).toBe(0);
    expect(u.stdout()).toBe("y\n");
    expect(input.reads).toBe(1);
  });
  it("-q on endless input", async () => {
    const u = makeContext({ name: "grep", args: ["-q", "y"] });
    u.ctx.stdin = endless();
    expect(await timed(2000, Promise.resolve(grep.run(u.ctx)))).toBe(0);
    expect(u.stdout()).toBe("");
  });
  it("-l on endless input", async () => {
    const u = makeContext({ name: "grep", args: ["-l", "y"] });
    u.ctx.stdin = endless();
    expect(await grep.run(u.ctx)).toBe(0);
    expect(u.stdout()).toBe("(standard input)\n");
  });
});

describe("grep stays bounded on hostile patterns", () => {
  const line = "a".repeat(50_000) + "!\n";
  for (const args of [["-E", "(a+)+$"], ["-E", "(a|aa)+$"], ["-cE", "(x+x+)+y"], ["-oE", "(a|a?)+!"], ["-c", "\\(a*\\)*b"], ["-wE", "(a+)+"]]) {
    it(`grep ${args.join(" ")}`, async () => {
      const r = await timed(5000, runCommand(grep, { args, stdin: line }));
      expect(r.status).toBeLessThan(2);
    });
  }
  it("-o on a 50 KB line returns the longest match", async () => {
    const r = await timed(5000, runCommand(grep, { args: ["-oE", "(a|a?)+!"], stdin: line }));
    expect(r.stdout).toBe(line);
  });
});

describe("grep semantics", () => {
  it("leftmost-longest for -o", async () => {
    const r = await runCommand(grep, { args: ["-o", "ab\\|abcd"], stdin: "abcd\n" });
    expect(r.stdout).toBe("abcd\n");
  });
  it("buffer search finds lines across chunk boundaries", async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `line ${i}`).join("\n") + "\n";
    const r = await runCommand(grep, { args: ["-n", "^line 2999[0-9]$"], stdin: lines });
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(10);
    expect(r.stdout.startsWith("29991:line 29990\n")).toBe(true);
  });
  it("egrep and fgrep report as grep", async () => {
    const { egrep } = await import("../../builtins/grep.js");
    const r = await runCommand(egrep, { args: ["("], stdin: "x\n" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("grep: Unmatched ( or \\(\n");
  });
});
