import { describe, expect, it } from "vitest";
import { createDefaultFs } from "../../src/fs/layout.js";
import { MemFs } from "../../src/fs/memfs.js";
import { MountFs } from "../../src/fs/mount.js";
import { code, dec, enc } from "./_util.js";

async function setup() {
  const root = createDefaultFs();
  const data = new MemFs();
  await data.mkdir("/sub");
  await data.writeFile("/sub/f", enc("data f"));
  const ro = new MemFs();
  await ro.writeFile("/r", enc("read only"));
  await ro.mkdir("/dir");
  const fs = new MountFs(root);
  fs.mount("/mnt/data", data);
  fs.mount("/opt/ro", ro, { readOnly: true });
  return { fs, root, data, ro };
}

describe("MountFs routing", () => {
  it("sends each path to the longest matching mount", async () => {
    const { fs, data } = await setup();
    expect(dec(await fs.readFile("/mnt/data/sub/f"))).toBe("data f");
    expect(dec(await fs.readFile("/etc/hostname"))).toBe("sandbox\n");
    await fs.writeFile("/mnt/data/new", enc("n"));
    expect(dec(await data.readFile("/new"))).toBe("n");
    expect((await fs.stat("/mnt/data")).ino).toBe((await data.stat("/")).ino);
    expect(await fs.realpath("/mnt/data/sub")).toBe("/mnt/data/sub");
    expect(await fs.realpath("/mnt/data")).toBe("/mnt/data");
    expect(await fs.exists("/mnt/dataX")).toBe(false);
    expect((await fs.readdir("/mnt")).map((e) => e.name)).toEqual(["data"]);
    expect((await fs.readdir("/opt")).map((e) => e.name)).toEqual(["ro"]);
  });

  it("errors name the caller's path", async () => {
    const { fs } = await setup();
    const e = await fs.readFile("/mnt/data/missing").catch((x) => x);
    expect([e.code, e.path]).toEqual(["ENOENT", "/mnt/data/missing"]);
  });

  it("read-only mounts: EROFS for changes, lookups first", async () => {
    const { fs } = await setup();
    expect(dec(await fs.readFile("/opt/ro/r"))).toBe("read only");
    expect(await code(fs.writeFile("/opt/ro/r", enc("x")))).toBe("EROFS");
    expect(await code(fs.writeFile("/opt/ro/new", enc("x")))).toBe("EROFS");
    expect(await code(fs.writeFile("/opt/ro/nodir/new", enc("x")))).toBe("ENOENT");
    expect(await code(fs.unlink("/opt/ro/r"))).toBe("EROFS");
    expect(await code(fs.unlink("/opt/ro/missing"))).toBe("ENOENT");
    await fs.rm("/opt/ro/missing", { force: true });
    expect(await code(fs.rm("/opt/ro/dir", { recursive: true }))).toBe("EROFS");
    expect(await code(fs.rmdir("/opt/ro/dir"))).toBe("EROFS");
    expect(await code(fs.mkdir("/opt/ro/dir"))).toBe("EEXIST");
    await fs.mkdir("/opt/ro/dir", { recursive: true });
    expect(await code(fs.mkdir("/opt/ro/d2"))).toBe("EROFS");
    expect(await code(fs.chmod("/opt/ro/r", 0o777))).toBe("EROFS");
    expect(await code(fs.chmod("/opt/ro/missing", 0o777))).toBe("ENOENT");
    expect(await code(fs.utimes("/opt/ro/r", 1, 1))).toBe("EROFS");
    expect(await code(fs.truncate("/opt/ro/r", 0))).toBe("EROFS");
    expect(await code(fs.symlink("x", "/opt/ro/l"))).toBe("EROFS");
    expect(await code(fs.symlink("x", "/opt/ro/r"))).toBe("EEXIST");
    expect(await code(fs.rename("/opt/ro/r", "/opt/ro/r2"))).toBe("EROFS");
  });

  it("rename and link across mounts fail with EXDEV (mv copies instead)", async () => {
    const { fs } = await setup();
    await fs.writeFile("/tmp/a", enc("a"));
    expect(await code(fs.rename("/tmp/a", "/mnt/data/a"))).toBe("EXDEV");
    expect(await code(fs.rename("/mnt/data/sub/f", "/tmp/f"))).toBe("EXDEV");
    expect(await code(fs.link("/tmp/a", "/mnt/data/a"))).toBe("EXDEV");
    expect(await code(fs.rename("/tmp/missing", "/mnt/data/a"))).toBe("ENOENT");
    await fs.rename("/mnt/data/sub/f", "/mnt/data/g");
    expect(dec(await fs.readFile("/mnt/data/g"))).toBe("data f");
    await fs.rename("/tmp/a", "/tmp/b");
    expect(await code(fs.rename("/mnt/data", "/tmp/x"))).toBe("EXDEV");
    expect(await code(fs.rmdir("/mnt/data"))).toBe("EBUSY");
    fs.mount("/home/user/m/x", new MemFs());
    expect(await code(fs.rm("/home/user/m", { recursive: true, force: true }))).toBe("EBUSY");
    expect(await fs.exists("/home/user/m/x")).toBe(true);
    expect(await fs.exists("/mnt/data/g")).toBe(true);
  });

  it("symlinks cross mounts in both directions", async () => {
    const { fs } = await setup();
    await fs.symlink("/mnt/data/sub", "/home/user/to-data");
    await fs.symlink("../mnt/data/sub/f", "/tmp/rel-to-data");
    expect(dec(await fs.readFile("/home/user/to-data/f"))).toBe("data f");
    expect(dec(await fs.readFile("/tmp/rel-to-data"))).toBe("data f");
    expect(await fs.realpath("/home/user/to-data")).toBe("/mnt/data/sub");
    await fs.symlink("/etc/hostname", "/mnt/data/abs");
    await fs.symlink("../../../etc/hostname", "/mnt/data/sub/rel");
    expect(dec(await fs.readFile("/mnt/data/abs"))).toBe("sandbox\n");
    expect(dec(await fs.readFile("/mnt/data/sub/rel"))).toBe("sandbox\n");
    expect(await fs.realpath("/mnt/data/abs")).toBe("/etc/hostname");
    await fs.writeFile("/home/user/to-data/via-link", enc("v"));
    expect(dec(await fs.readFile("/mnt/data/sub/via-link"))).toBe("v");
    // rename through a symlinked directory lands in the right mount.
    expect(await code(fs.rename("/home/user/to-data/via-link", "/tmp/v"))).toBe("EXDEV");
    await fs.rename("/home/user/to-data/via-link", "/mnt/data/moved");
    expect(await fs.exists("/mnt/data/moved")).toBe(true);
  });

  it("loops across mounts end in ELOOP", async () => {
    const { fs } = await setup();
    await fs.symlink("/mnt/data/b", "/tmp/a");
    await fs.symlink("/tmp/a", "/mnt/data/b");
    expect(await code(fs.readFile("/tmp/a"))).toBe("ELOOP");
    expect(await fs.exists("/tmp/a")).toBe(false);
  });

  it("mount, unmount and the table", async () => {
    const { fs } = await setup();
    expect(fs.mountTable().map((m) => [m.path, m.readOnly])).toEqual([
      ["/", false],
      ["/opt/ro", true],
      ["/mnt/data", false],
    ]);
    fs.unmount("/mnt/data");
    expect(await fs.readdir("/mnt/data")).toEqual([]);
    expect(await code(Promise.resolve().then(() => fs.unmount("/")))).toBe("EBUSY");
    expect(await code(Promise.resolve().then(() => fs.unmount("/nope")))).toBe("EINVAL");
  });

  it("nested mounts", async () => {
    const { fs } = await setup();
    const inner = new MemFs();
    await inner.writeFile("/deep", enc("deep"));
    fs.mount("/mnt/data/sub/inner", inner);
    expect(dec(await fs.readFile("/mnt/data/sub/inner/deep"))).toBe("deep");
    expect((await fs.readdir("/mnt/data/sub")).map((e) => e.name)).toContain("inner");
    await fs.symlink("inner/deep", "/mnt/data/sub/l");
    expect(dec(await fs.readFile("/mnt/data/sub/l"))).toBe("deep");
  });
});

describe("MountFs seeding", () => {
  it("seedFiles routes each file to its mount, lazily", async () => {
    const { seedFiles } = await import("../../src/fs/seed.js");
    const { fs, data } = await setup();
    let calls = 0;
    seedFiles(fs, { "/mnt/data/x/y": "Y", "/tmp/t": "T", "/mnt/data/lazy": () => (calls++, "L") });
    expect(dec(await data.readFile("/x/y"))).toBe("Y");
    expect(dec(await fs.readFile("/tmp/t"))).toBe("T");
    expect(calls).toBe(0);
    expect(dec(await fs.readFile("/mnt/data/lazy"))).toBe("L");
    expect(calls).toBe(1);
  });
});

describe("MountFs chown", () => {
  it("routes chown, EROFS on read-only mounts", async () => {
    const { fs, root } = await setup();
    await fs.writeFile("/mnt/data/mine", enc(""));
    await fs.chown("/mnt/data/mine", 1000, 1000);
    expect(await code(fs.chown("/mnt/data/mine", 0, 0))).toBe("EPERM");
    expect(await code(fs.chown("/opt/ro/r", 1000, 1000))).toBe("EROFS");
    await root.asUser(0).writeFile("/tmp/rootfile", enc(""));
    expect(await code(fs.chown("/tmp/rootfile", 1000, 1000))).toBe("EPERM");
  });
});
