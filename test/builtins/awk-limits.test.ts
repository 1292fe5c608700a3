import { describe, expect, it } from "vitest";
import { awk } from "../../builtins/awk/awk.js";
import { BrokenPipe, createPipe, type ByteReader } from "../../src/io/streams.js";
import { LimitExceeded } from "../../src/limits/budget.js";
import { makeContext } from "../helpers/command-context.js";

/** A reader that never ends (like `yes`), counting the chunks it handed out. */
function endless(line: string): ByteReader & { chunks: number } {
  const chunk = new TextEncoder().encode(line.repeat(4096));
  const r = {
    chunks: 0,
    async read() {
      r.chunks++;
      return chunk;
    },
    close() {},
  };
  return r;
}

describe("awk streams and stays bounded", () => {
  it("stops reading endless input at exit", async () => {
    const u = makeContext({ name: "awk", args: ["NR==3{print; exit}"] });
    const input = endless("y\n");
    u.ctx.stdin = input;
    expect(await awk.run(u.ctx)).toBe(0);
    expect(u.stdout()).toBe("y\n");
    expect(input.chunks).toBe(1);
  });

  it("bounds an empty infinite loop with the step budget", async () => {
    const u = makeContext({ name: "awk", args: ["BEGIN { while (1); }"], limits: { maxSteps: 10_000 } });
    await expect(awk.run(u.ctx)).rejects.toBeInstanceOf(LimitExceeded);
  });

  it("bounds a growing array with maxArrayElements, subarrays and split targets included", async () => {
    for (const program of [
      "BEGIN { for (i = 0; ; i++) a[i] = i }",
      "BEGIN { for (i = 0; ; i++) a[1][i] = i }",
      'BEGIN { s = "x"; for (i = 0; i < 12; i++) s = s " " s; n = split(s, parts) }',
    ]) {
      const u = makeContext({ name: "awk", args: [program], limits: { maxArrayElements: 1000 } });
      const error = await Promise.resolve(awk.run(u.ctx)).catch((e: unknown) => e);
      expect(error, program).toBeInstanceOf(LimitExceeded);
      expect((error as LimitExceeded).kind).toBe("array");
    }
    const ok = makeContext({ name: "awk", args: ["BEGIN { for (i = 0; i < 1000; i++) a[i] = i; print length(a) }"], limits: { maxArrayElements: 1000 } });
    expect(await awk.run(ok.ctx)).toBe(0);
    expect(ok.stdout()).toBe("1000\n");
  });

  it("bounds runaway recursion with the call depth", async () => {
    const u = makeContext({ name: "awk", args: ["function f(n) { return f(n + 1) } BEGIN { f(1) }"], limits: { maxCallDepth: 200 } });
    await expect(awk.run(u.ctx)).rejects.toBeInstanceOf(LimitExceeded);
  });

  it("ends an endless printer when the reader of its pipe goes away", async () => {
    for (const program of ["BEGIN { while (1) print \"y\" }", "function f() { while (1) print \"y\" } BEGIN { f() }"]) {
      const u = makeContext({ name: "awk", args: [program] });
      const { reader, writer } = createPipe();
      u.ctx.stdout = writer;
      const consumer = (async () => {
        const first = await reader.read();
        reader.close();
        return first;
      })();
      await expect(awk.run(u.ctx)).rejects.toBeInstanceOf(BrokenPipe);
      expect(new TextDecoder().decode((await consumer)!).startsWith("y\ny\n")).toBe(true);
    }
  });

  it("keeps hostile regexps linear", async () => {
    const t0 = Date.now();
    const u = makeContext({
      name: "awk",
      args: ["{ print ($0 ~ /(a+)+$/), ($0 ~ /(a|aa)+$/), ($0 ~ /(x+x+)+y/), gsub(/(a|aa)+b/, \"\") }"],
      stdin: "a".repeat(50_000) + "!\n" + "x".repeat(50_000) + "\n",
    });
    expect(await awk.run(u.ctx)).toBe(0);
    // Recorded from gawk 5.2.1 on the same input.
    expect(u.stdout()).toBe("0 0 0 0\n0 0 0 0\n");
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
