import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bash } from "../../src/index.js";
import { MemFs } from "../../src/fs/memfs.js";
import { createOverlayFs } from "../../src/node/overlay-fs.js";
import { dec, enc } from "./_util.js";

let real: string;
beforeEach(() => {
  real = mkdtempSync(join(tmpdir(), "sandbash-mounts-"));
  mkdirSync(join(real, "src"));
  writeFileSync(join(real, "README"), "readme\n");
  writeFileSync(join(real, "src/main.ts"), "main\n");
});
afterEach(() => rmSync(real, { recursive: true, force: true }));

describe("BashOptions.mounts", () => {
  it("a read-only real-directory overlay next to the in-memory home", async () => {
    const bash = new Bash({ mounts: { "/mnt/project": { fs: createOverlayFs(real), readOnly: true } } });
    const r = await bash.exec("ls /mnt; ls /mnt/project; cat /mnt/project/src/main.ts; wc -l < /mnt/project/README");
    expect(r).toMatchObject({ stdout: "project\nREADME\nsrc\nmain\n1\n", exitCode: 0 });
    const w = await bash.exec("echo x > /mnt/project/README; touch /mnt/project/new; rm /mnt/project/README; mkdir /mnt/project/d; mv /mnt/project/README /mnt/project/R2");
    expect(w.stderr).toBe(
      [
        "bash: line 1: /mnt/project/README: Read-only file system",
        "touch: cannot touch '/mnt/project/new': Read-only file system",
        "rm: cannot remove '/mnt/project/README': Read-only file system",
        "mkdir: cannot create directory ‘/mnt/project/d’: Read-only file system",
        "mv: cannot move '/mnt/project/README' to '/mnt/project/R2': Read-only file system",
        "",
      ].join("\n"),
    );
    expect(readFileSync(join(real, "README"), "utf8")).toBe("readme\n");
    expect(existsSync(join(real, "new"))).toBe(false);
  });

  it("cp and mv across mounts copy (mv removes the source)", async () => {
    const data = new MemFs();
    await data.writeFile("/in.txt", enc("from data\n"));
    const bash = new Bash({ mounts: { "/mnt/data": data, "/mnt/ro": { fs: createOverlayFs(real), readOnly: true } } });
    const r = await bash.exec(
      "cp /mnt/ro/README ~/r && mv /mnt/data/in.txt ~/in.txt && mv ~/r /mnt/data/r && cp -r /mnt/ro/src /mnt/data/src && mv /mnt/ro/README ~ ; echo $?; ls ~ /mnt/data",
    );
    // As GNU mv: the copy is made, then removing the read-only source fails.
    expect(r.stdout).toBe("1\n/home/user:\nREADME\nin.txt\n\n/mnt/data:\nr\nsrc\n");
    expect(r.stderr).toMatch(/^mv: cannot remove '\/mnt\/ro\/README': Read-only file system\n$/);
    expect(dec(await data.readFile("/r"))).toBe("readme\n");
    expect(dec(await data.readFile("/src/main.ts"))).toBe("main\n");
    expect(await data.exists("/in.txt")).toBe(false);
    expect(dec(await bash.fs.readFile("/home/user/in.txt"))).toBe("from data\n");
  });

  it("a writable overlay keeps changes in memory; df and mount points behave", async () => {
    const bash = new Bash({ mounts: { "/work": createOverlayFs(real) } });
    const r = await bash.exec("cd /work && echo new > src/new.ts && rm README && ls -R && rmdir /work; echo $?");
    expect(r.stdout).toBe(".:\nsrc\n\n./src:\nmain.ts\nnew.ts\n1\n");
    expect(r.stderr).toMatch(/rmdir: failed to remove '\/work': Device or resource busy/);
    expect(existsSync(join(real, "README"))).toBe(true);
    expect(existsSync(join(real, "src/new.ts"))).toBe(false);
  });

  it("rejects bad mount options", () => {
    expect(() => new Bash({ mounts: { "mnt/x": new MemFs() } })).toThrow(/absolute/);
    expect(() => new Bash({ mounts: { "/": new MemFs() } })).toThrow(/root/);
    expect(() => new Bash({ mounts: { "/x": {} as never } })).toThrow(/needs a FileSystem/);
  });

  it("snapshot covers the root filesystem; restore with the same mounts", async () => {
    const data = new MemFs();
    const bash = new Bash({ mounts: { "/mnt/data": data } });
    await bash.exec("x=1; echo home > ~/h; echo d > /mnt/data/d");
    const snap = await bash.snapshot();
    const again = await Bash.restore(snap, { mounts: { "/mnt/data": data } });
    expect((await again.exec("echo $x; cat ~/h /mnt/data/d")).stdout).toBe("1\nhome\nd\n");
  });
});
