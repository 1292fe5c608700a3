import { describe, expect, it } from "vitest";
import { MemFs } from "../../src/fs/memfs.js";
import { clockedFs, code, dec, enc } from "./_util.js";

describe("MemFs symlinks", () => {
  it("follows relative and absolute targets, chains, and targets with ..", async () => {
    const fs = new MemFs();
    await fs.mkdir("/a/b", { recursive: true });
    await fs.writeFile("/a/b/f", enc("F"));
    await fs.symlink("b/f", "/a/rel");
    await fs.symlink("/a/b/f", "/abs");
    await fs.symlink("../rel", "/a/b/up");
    await fs.symlink("/abs", "/chain");
    await fs.symlink("b", "/a/dirlink");
    for (const p of ["/a/rel", "/abs", "/a/b/up", "/chain", "/a/dirlink/f"]) {
      expect(dec(await fs.readFile(p))).toBe("F");
      expect(await fs.realpath(p)).toBe("/a/b/f");
    }
    expect(await fs.realpath("/a/dirlink")).toBe("/a/b");
    expect(await fs.readlink("/a/b/up")).toBe("../rel");
  });

  it(".. after a symlinked directory is physical (the target's parent)", async () => {
    const fs = new MemFs();
    await fs.mkdir("/x/y", { recursive: true });
    await fs.writeFile("/x/marker", enc("x"));
    await fs.symlink("/x/y", "/ln");
    // The caller normalises lexically, so this reaches MemFs only through a symlink target.
    await fs.symlink("/ln/../marker", "/via");
    expect(dec(await fs.readFile("/via"))).toBe("x");
  });

  it("dangling links: lstat works, stat/read fail, writing creates the target", async () => {
    const fs = new MemFs();
    await fs.symlink("target", "/dangling");
    expect((await fs.lstat("/dangling")).type).toBe("symlink");
    expect(await code(fs.stat("/dangling"))).toBe("ENOENT");
    expect(await code(fs.readFile("/dangling"))).toBe("ENOENT");
    expect(await code(fs.realpath("/dangling"))).toBe("ENOENT");
    await fs.writeFile("/dangling", enc("made"));
    expect(dec(await fs.readFile("/target"))).toBe("made");
  });

  it("loops fail with ELOOP, also when creating through them", async () => {
    const fs = new MemFs();
    await fs.symlink("l2", "/l1");
    await fs.symlink("l1", "/l2");
    await fs.symlink("self", "/self");
    expect(await code(fs.stat("/l1"))).toBe("ELOOP");
    expect(await code(fs.readFile("/self"))).toBe("ELOOP");
    expect(await code(fs.writeFile("/l1", enc("")))).toBe("ELOOP");
    expect(await code(fs.stat("/l1/x"))).toBe("ELOOP");
    expect(await fs.exists("/l1")).toBe(false);
    expect((await fs.lstat("/l1")).type).toBe("symlink");
    await fs.unlink("/l1");
  });

  it("allows 40 links in a chain, not 41", async () => {
    const fs = new MemFs();
    await fs.writeFile("/f", enc("ok"));
    let prev = "/f";
    for (let i = 0; i < 41; i++) {
      await fs.symlink(prev, `/s${i}`);
      prev = `/s${i}`;
    }
    expect(dec(await fs.readFile("/s39"))).toBe("ok");
    expect(await code(fs.readFile("/s40"))).toBe("ELOOP");
  });

  it("symlink and readlink errors", async () => {
    const fs = new MemFs();
    await fs.writeFile("/f", enc(""));
    expect(await code(fs.symlink("x", "/f"))).toBe("EEXIST");
    expect(await code(fs.symlink("x", "/no/l"))).toBe("ENOENT");
    expect(await code(fs.readlink("/f"))).toBe("EINVAL");
    expect(await code(fs.readlink("/nope"))).toBe("ENOENT");
    await fs.symlink("", "/empty");
    expect(await code(fs.stat("/empty"))).toBe("ENOENT");
  });

  it("a file used as a directory through a link gives ENOTDIR", async () => {
    const fs = new MemFs();
    await fs.writeFile("/f", enc(""));
    await fs.symlink("/f", "/l");
    expect(await code(fs.stat("/l/x"))).toBe("ENOTDIR");
  });
});

describe("MemFs hard links", () => {
  it("share content and inode; nlink counts names; the last unlink frees", async () => {
    const { fs, clock } = clockedFs();
    await fs.writeFile("/a", enc("one"));
    clock.t = 2000;
    await fs.link("/a", "/b");
    const a = await fs.stat("/a");
    expect(a.nlink).toBe(2);
    expect(a.ctimeMs).toBe(2000);
    expect((await fs.stat("/b")).ino).toBe(a.ino);
    await fs.writeFile("/b", enc("two"));
    expect(dec(await fs.readFile("/a"))).toBe("two");
    await fs.writeFile("/a", enc("+"), { append: true });
    expect(dec(await fs.readFile("/b"))).toBe("two+");
    await fs.unlink("/a");
    expect((await fs.stat("/b")).nlink).toBe(1);
    expect(fs.usage()).toEqual({ bytes: 4, files: 2 });
    await fs.unlink("/b");
    expect(fs.usage()).toEqual({ bytes: 0, files: 1 });
  });

  it("link errors: directories, existing names, missing source", async () => {
    const fs = new MemFs();
    await fs.mkdir("/d");
    await fs.writeFile("/f", enc(""));
    expect(await code(fs.link("/d", "/d2"))).toBe("EPERM");
    expect(await code(fs.link("/f", "/d"))).toBe("EEXIST");
    expect(await code(fs.link("/nope", "/x"))).toBe("ENOENT");
    expect(await code(fs.link("/f", "/nodir/x"))).toBe("ENOENT");
  });

  it("links a symlink itself (ln -P)", async () => {
    const fs = new MemFs();
    await fs.symlink("/nowhere", "/s");
    await fs.link("/s", "/s2");
    expect(await fs.readlink("/s2")).toBe("/nowhere");
    expect((await fs.lstat("/s")).nlink).toBe(2);
  });

  it("rename over the last link of a file frees it", async () => {
    const fs = new MemFs();
    await fs.writeFile("/a", enc("12345"));
    await fs.writeFile("/b", enc("1"));
    await fs.rename("/b", "/a");
    expect(fs.usage()).toEqual({ bytes: 1, files: 2 });
  });
});
