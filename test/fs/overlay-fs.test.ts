import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDefaultFs } from "../../src/fs/layout.js";
import { seedFiles } from "../../src/fs/seed.js";
import { overlayRealDirectory } from "../../src/node/overlay-fs.js";
import { code, dec, enc } from "./_util.js";

let real: string;
beforeEach(() => {
  real = mkdtempSync(join(tmpdir(), "sandbash-overlay-"));
  mkdirSync(join(real, "src/deep"), { recursive: true });
  writeFileSync(join(real, "README"), "readme\n");
  writeFileSync(join(real, "src/main.ts"), "main\n");
  writeFileSync(join(real, "src/deep/x"), "x");
  chmodSync(join(real, "src/main.ts"), 0o640);
  utimesSync(join(real, "README"), 1_000_000, 1_000_000);
  symlinkSync("/etc/passwd", join(real, "escape"));
});
afterEach(() => rmSync(real, { recursive: true, force: true }));

describe("overlayRealDirectory", () => {
  it("shows the real tree, reading directories and files only when used", async () => {
    const fs = createDefaultFs();
    const stats = overlayRealDirectory(fs, real);
    expect(stats.directoriesRead).toBe(0);
    expect((await fs.readdir("/home/user")).map((e) => e.name)).toEqual(["README", "src"]);
    expect(stats).toEqual({ directoriesRead: 1, entries: 2, skipped: 1 }); // the symlink is left out
    const st = await fs.stat("/home/user/src/main.ts");
    expect([st.size, st.mode, st.uid]).toEqual([5, 0o640, 1000]);
    expect((await fs.stat("/home/user/README")).mtimeMs).toBe(1_000_000_000);
    expect(stats.directoriesRead).toBe(2);
    // Content is read on first read: a change on disk before that shows.
    writeFileSync(join(real, "src/main.ts"), "changed\n");
    expect(dec(await fs.readFile("/home/user/src/main.ts"))).toBe("changed\n");
    expect(dec(await fs.readFile("/home/user/src/deep/x"))).toBe("x");
    expect(await code(fs.readFile("/home/user/escape"))).toBe("ENOENT");
  });

  it("keeps every change in memory and never writes the disk", async () => {
    const fs = createDefaultFs();
    overlayRealDirectory(fs, real);
    await fs.writeFile("/home/user/README", enc("edited"));
    await fs.writeFile("/home/user/src/new.ts", enc("new"));
    await fs.rm("/home/user/src/deep", { recursive: true });
    await fs.rename("/home/user/src/main.ts", "/home/user/main.ts");
    await fs.chmod("/home/user/main.ts", 0o600);
    expect(dec(await fs.readFile("/home/user/README"))).toBe("edited");
    expect((await fs.readdir("/home/user/src")).map((e) => e.name)).toEqual(["new.ts"]);
    expect(readFileSync(join(real, "README"), "utf8")).toBe("readme\n");
    expect(existsSync(join(real, "src/deep/x"))).toBe(true);
    expect(existsSync(join(real, "src/new.ts"))).toBe(false);
    expect(existsSync(join(real, "main.ts"))).toBe(false);
  });

  it("what is seeded in memory wins; directories merge", async () => {
    const fs = createDefaultFs();
    seedFiles(fs, { README: "seeded", "src/extra": "e" });
    overlayRealDirectory(fs, real);
    expect(dec(await fs.readFile("/home/user/README"))).toBe("seeded");
    expect((await fs.readdir("/home/user/src")).map((e) => e.name).sort()).toEqual(["deep", "extra", "main.ts"]);
  });

  it("disk entries do not count against the limits, new writes do", async () => {
    const fs = createDefaultFs({ maxFiles: 2, maxBytes: 3 }); // /work itself counts
    overlayRealDirectory(fs, real, "/work");
    expect(dec(await fs.readFile("/work/src/main.ts"))).toBe("main\n");
    await fs.writeFile("/work/a", enc("abc"));
    expect(await code(fs.writeFile("/work/b", enc("")))).toBe("ENOSPC");
  });

  it("caps the number of entries", async () => {
    const fs = createDefaultFs();
    const stats = overlayRealDirectory(fs, real, "/home/user", { maxEntries: 1 });
    // Entries are taken in reverse name order (so listings, newest first, read by name).
    expect((await fs.readdir("/home/user")).map((e) => e.name)).toEqual(["src"]);
    expect(stats.skipped).toBe(2);
  });

  it("keeps names that are not UTF-8 byte for byte", async () => {
    const name = Buffer.from([0x66, 0xff, 0x2e, 0x74]); // "f\xff.t"
    writeFileSync(Buffer.concat([Buffer.from(real + "/"), name]), "bytes");
    const fs = createDefaultFs();
    overlayRealDirectory(fs, real);
    const names = (await fs.readdir("/home/user")).map((e) => e.name);
    expect(names).toContain("f\udcff.t");
    expect(dec(await fs.readFile("/home/user/f\udcff.t"))).toBe("bytes");
  });
});
