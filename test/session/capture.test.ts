/**
 * Captured output keeps ASCII text as a string and other writes as bytes (src/bash.ts
 * CaptureWriter): the result must read as the bytes written, in order, decoded once.
 */
import { describe, expect, it } from "vitest";
import { Bash } from "../../src/index.js";
import type { CommandDef } from "../../builtins/types.js";

/** A command writing each chunk as given (strings or bytes). */
function writer(chunks: Array<string | number[]>): CommandDef {
  return {
    name: "w",
    help: "w",
    async run(ctx) {
      for (const c of chunks) await ctx.stdout.write(typeof c === "string" ? c : Uint8Array.from(c));
      return 0;
    },
  };
}

const run = async (chunks: Array<string | number[]>, limits = {}) =>
  new Bash({ commands: [writer(chunks)], limits }).exec("w");

describe("captured output", () => {
  it("a UTF-8 sequence split across byte writes decodes whole", async () => {
    expect((await run(["a", [0xc3], [0xa9], "b"])).stdout).toBe("a\u00e9b");
  });

  it("an ASCII write ends a partial sequence, which stays as escaped bytes", async () => {
    expect((await run([[0xc3], "A", [0xa9]])).stdout).toBe("\udcc3A\udca9");
  });

  it("ASCII bytes after a partial sequence read as after any byte", async () => {
    expect((await run([[0xe2, 0x82], [0x41, 0x0a], [0xe2, 0x82, 0xac]])).stdout).toBe("\udce2\udc82A\n\u20ac");
  });

  it("an escaped byte written as text joins the bytes around it", async () => {
    expect((await run([[0xe2, 0x82], "\udcac"])).stdout).toBe("\u20ac");
  });

  it("long ASCII output in small writes comes back whole", async () => {
    const chunks = Array.from({ length: 3000 }, (_, i) => `${i}\n`);
    expect((await run(chunks)).stdout).toBe(chunks.join(""));
  });

  it("the output limit cuts ASCII text at the byte", async () => {
    const r = await run(["abc", "defgh"], { maxOutputBytes: 5 });
    expect(r.stdout).toBe("abcde");
    expect(r.truncated).toBe(true);
    expect(r.exitCode).toBe(125);
  });
});
