import { describe, expect, it } from "vitest";
import { tee } from "../../builtins/tee.js";
import { makeContext, runCommand } from "../helpers/command-context.js";
import { decodeUtf8 } from "../../src/io/utf8.js";

// Expected outputs and file contents recorded from GNU tee 9.1 (LC_ALL=C.UTF-8).
describe("tee", () => {
  it("copies to stdout and files, reporting bad targets", async () => {
    const r = await runCommand(tee, {
      args: ["a", "f", "-", "d", "nodir/z"],
      stdin: "x\ny\n",
      files: { f: "old\n", "d/": "" },
    });
    expect(r.stdout).toBe("x\ny\n");
    expect(r.stderr).toBe("tee: d: Is a directory\ntee: nodir/z: No such file or directory\n");
    expect(r.status).toBe(1);
    for (const name of ["a", "f", "-"]) {
      expect(decodeUtf8(await r.fs.readFile(`/home/user/${name}`))).toBe("x\ny\n");
    }
  });

  it("-a appends", async () => {
    const r = await runCommand(tee, { args: ["-a", "f"], stdin: "more\n", files: { f: "x\ny\n" } });
    expect(r.stdout).toBe("more\n");
    expect(decodeUtf8(await r.fs.readFile("/home/user/f"))).toBe("x\ny\nmore\n");
  });

  it("rejects a bad --output-error mode", async () => {
    const r = await runCommand(tee, { args: ["--output-error=w"], stdin: "x\n" });
    expect(r.stderr).toBe(
      "tee: ambiguous argument ‘w’ for ‘--output-error’\nValid arguments are:\n  - ‘warn’\n  - ‘warn-nopipe’\n" +
        "  - ‘exit’\n  - ‘exit-nopipe’\nTry 'tee --help' for more information.\n",
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
  });

  it("-p keeps feeding files after stdout closes", async () => {
    const { BrokenPipe } = await import("../../src/io/streams.js");
    const u = makeContext({ name: "tee", args: ["-p", "f"], stdin: "data\n" });
    u.ctx.stdout = {
      write() {
        throw new BrokenPipe();
      },
      close() {},
    };
    expect(await tee.run(u.ctx)).toBe(0);
    expect(decodeUtf8(await u.fs.readFile("/home/user/f"))).toBe("data\n");
  });

  it("without -p a closed stdout ends tee with BrokenPipe", async () => {
    const { BrokenPipe } = await import("../../src/io/streams.js");
    const u = makeContext({ name: "tee", args: ["f"], stdin: "data\n" });
    u.ctx.stdout = {
      write() {
        throw new BrokenPipe();
      },
      close() {},
    };
    await expect(Promise.resolve(tee.run(u.ctx))).rejects.toBeInstanceOf(BrokenPipe);
  });
});
