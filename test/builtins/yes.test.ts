import { describe, expect, it } from "vitest";
import { yes } from "../../builtins/yes.js";
import { makeContext, runCommand } from "../helpers/command-context.js";
import { BrokenPipe, concatBytes } from "../../src/io/streams.js";
import { decodeUtf8 } from "../../src/io/utf8.js";

/** Runs yes into a stdout that closes after `limit` bytes; returns what it got. */
async function firstBytes(args: string[], limit: number): Promise<string> {
  const u = makeContext({ name: "yes", args });
  const got: Uint8Array[] = [];
  let size = 0;
  u.ctx.stdout = {
    write(chunk) {
      if (size >= limit) throw new BrokenPipe();
      const b = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
      got.push(b);
      size += b.length;
    },
    close() {},
  };
  await expect(Promise.resolve(yes.run(u.ctx))).rejects.toBeInstanceOf(BrokenPipe);
  return decodeUtf8(concatBytes(got)).slice(0, limit);
}

// Expected text from GNU yes: `yes | head -c 20`, `yes 'a b' '' c | head -2`.
describe("yes", () => {
  it("repeats y until the pipe closes", async () => {
    expect(await firstBytes([], 20)).toBe("y\ny\ny\ny\ny\ny\ny\ny\ny\ny\n");
  });
  it("joins its operands with spaces", async () => {
    expect(await firstBytes(["a b", "", "c"], 14)).toBe("a b  c\na b  c\n");
  });
  it("-- is not an operand", async () => {
    expect(await firstBytes(["--", "-x"], 6)).toBe("-x\n-x\n");
  });
  it("rejects unknown options", async () => {
    const r = await runCommand(yes, { args: ["-x"] });
    expect(r.stderr).toBe("yes: invalid option -- 'x'\nTry 'yes --help' for more information.\n");
    expect(r.status).toBe(1);
  });
  it("stops at the step limit when nobody reads", async () => {
    const u = makeContext({ name: "yes", args: [], limits: { maxSteps: 50 } });
    await expect(Promise.resolve(yes.run(u.ctx))).rejects.toThrow(/step/);
  });
});
