import { describe, expect, it } from "vitest";
import { MemFs } from "../../src/fs/memfs.js";
import { FsError } from "../../src/fs/types.js";
import { clockedFs, code, dec, enc } from "./_util.js";

describe("MemFs files", () => {
  it("writes, reads, overwrites and appends", async () => {
    const fs = new MemFs();
    await fs.writeFile("/a", enc("one\n"));
    expect(dec(await fs.readFile("/a"))).toBe("one\n");
    await fs.writeFile("/a", enc("two\n"));
    expect(dec(await fs.readFile("/a"))).toBe("two\n");
    await fs.writeFile("/a", enc("three\n"), { append: true });
    expect(dec(await fs.readFile("/a"))).toBe("two\nthree\n");
    await fs.writeFile("/new", enc("x"), { append: true });
    expect(dec(await fs.readFile("/new"))).toBe("x");
  });

  it("keeps its own copy of written bytes, and earlier reads stay intact", async () => {
    const fs = new MemFs();
    const buf = enc("abc");
    await fs.writeFile("/a", buf);
    buf[0] = 0x7a;
    const first = await fs.readFile("/a");
    expect(dec(first)).toBe("abc");
    await fs.truncate("/a", 1);
    await fs.writeFile("/a", enc("ZZ"), { append: true });
    await fs.writeFile("/a", enc("QQ"));
    expect(dec(first)).toBe("abc");
    expect(dec(await fs.readFile("/a"))).toBe("QQ");
  });

  it("exclusive create fails on any existing name", async () => {
    const fs = new MemFs();
    await fs.writeFile("/a", enc("1"), { exclusive: true });
    expect(await code(fs.writeFile("/a", enc("2"), { exclusive: true }))).toBe("EEXIST");
    await fs.symlink("/nowhere", "/dangling");
    expect(await code(fs.writeFile("/dangling", enc("2"), { exclusive: true }))).toBe("EEXIST");
    expect(dec(await fs.readFile("/a"))).toBe("1");
  });

  it("reports errno for bad paths", async () => {
    const fs = new MemFs();
    await fs.writeFile("/f", enc("x"));
    await fs.mkdir("/d");
    expect(await code(fs.readFile("/missing"))).toBe("ENOENT");
    expect(await code(fs.readFile("/missing/x"))).toBe("ENOENT");
    expect(await code(fs.readFile("/f/x"))).toBe("ENOTDIR");
    expect(await code(fs.writeFile("/f/x", enc("")))).toBe("ENOTDIR");
    expect(await code(fs.writeFile("/nodir/x", enc("")))).toBe("ENOENT");
    expect(await code(fs.readFile("/d"))).toBe("EISDIR");
    expect(await code(fs.writeFile("/d", enc("")))).toBe("EISDIR");
    expect(await code(fs.writeFile("/", enc("")))).toBe("EISDIR");
  });

  it("FsError carries code, path and the GNU message", async () => {
    const fs = new MemFs();
    const e = await fs.readFile("/nope").catch((x) => x);
    expect(e).toBeInstanceOf(FsError);
    expect([e.code, e.path, e.message]).toEqual(["ENOENT", "/nope", "No such file or directory"]);
  });

  it("truncates, extends with zeros, rejects bad lengths", async () => {
    const fs = new MemFs();
    await fs.writeFile("/a", enc("hello"));
    await fs.truncate("/a", 2);
    expect(dec(await fs.readFile("/a"))).toBe("he");
    await fs.truncate("/a", 4);
    expect([...(await fs.readFile("/a"))]).toEqual([104, 101, 0, 0]);
    expect(await code(fs.truncate("/a", -1))).toBe("EINVAL");
    expect(await code(fs.truncate("/missing", 0))).toBe("ENOENT");
    await fs.mkdir("/d");
    expect(await code(fs.truncate("/d", 0))).toBe("EISDIR");
  });
});

describe("MemFs stat", () => {
  it("reports type, mode, size, owner, nlink and distinct inode numbers", async () => {
    const fs = new MemFs();
    await fs.writeFile("/a", enc("hello"));
    await fs.mkdir("/d");
    await fs.symlink("a", "/l");
    const a = await fs.stat("/a");
    expect(a).toMatchObject({ type: "file", mode: 0o644, size: 5, nlink: 1, uid: 1000, gid: 1000 });
    const d = await fs.stat("/d");
    // tmpfs sizes: 40 for an empty directory, 20 more per entry.
    expect(d).toMatchObject({ type: "directory", mode: 0o755, size: 40, nlink: 2 });
    expect((await fs.stat("/")).size).toBe(40 + 3 * 20);
    const l = await fs.lstat("/l");
    expect(l).toMatchObject({ type: "symlink", mode: 0o777, size: 1 });
    expect((await fs.stat("/l")).ino).toBe(a.ino);
    expect(new Set([a.ino, d.ino, l.ino, (await fs.stat("/")).ino]).size).toBe(4);
    expect((await fs.stat("/")).ino).toBe(2);
    expect(await code(fs.stat("/missing"))).toBe("ENOENT");
  });

  it("symlink size is the target's byte length", async () => {
    const fs = new MemFs();
    await fs.symlink("é/x", "/l");
    expect((await fs.lstat("/l")).size).toBe(4);
  });

  it("counts subdirectories in a directory's nlink", async () => {
    const fs = new MemFs();
    await fs.mkdir("/d");
    await fs.mkdir("/d/a");
    await fs.mkdir("/d/b");
    await fs.writeFile("/d/f", enc(""));
    expect((await fs.stat("/d")).nlink).toBe(4);
    await fs.rmdir("/d/a");
    expect((await fs.stat("/d")).nlink).toBe(3);
    await fs.rename("/d/b", "/b");
    expect((await fs.stat("/d")).nlink).toBe(2);
    expect((await fs.stat("/")).nlink).toBe(4);
  });

  it("takes times from the injected clock", async () => {
    const { fs, clock } = clockedFs();
    await fs.mkdir("/d");
    clock.t = 2000;
    await fs.writeFile("/d/a", enc("x"));
    let st = await fs.stat("/d/a");
    expect([st.atimeMs, st.mtimeMs, st.ctimeMs, st.birthtimeMs]).toEqual([2000, 2000, 2000, 2000]);
    expect((await fs.stat("/d")).mtimeMs).toBe(2000);
    clock.t = 3000;
    await fs.writeFile("/d/a", enc("y"), { append: true });
    st = await fs.stat("/d/a");
    expect([st.mtimeMs, st.ctimeMs, st.birthtimeMs]).toEqual([3000, 3000, 2000]);
    expect((await fs.stat("/d")).mtimeMs).toBe(2000);
    clock.t = 4000;
    await fs.chmod("/d/a", 0o600);
    st = await fs.stat("/d/a");
    expect([st.mode, st.mtimeMs, st.ctimeMs]).toEqual([0o600, 3000, 4000]);
    clock.t = 5000;
    await fs.readFile("/d/a");
    expect((await fs.stat("/d/a")).atimeMs).toBe(5000);
  });

  it("utimes sets atime and mtime, ctime is now", async () => {
    const { fs, clock } = clockedFs();
    await fs.writeFile("/a", enc(""));
    clock.t = 9000;
    await fs.utimes("/a", 111, 222);
    expect(await fs.stat("/a")).toMatchObject({ atimeMs: 111, mtimeMs: 222, ctimeMs: 9000 });
    expect(await code(fs.utimes("/missing", 1, 1))).toBe("ENOENT");
  });

  it("exists follows symlinks and never throws for bad paths", async () => {
    const fs = new MemFs();
    await fs.writeFile("/a", enc(""));
    await fs.symlink("/nowhere", "/dangling");
    expect(await fs.exists("/a")).toBe(true);
    expect(await fs.exists("/")).toBe(true);
    expect(await fs.exists("/dangling")).toBe(false);
    expect(await fs.exists("/a/b")).toBe(false);
  });
});

describe("MemFs directories", () => {
  it("mkdir, recursive mkdir and its errors", async () => {
    const fs = new MemFs();
    await fs.mkdir("/a");
    expect(await code(fs.mkdir("/a"))).toBe("EEXIST");
    expect(await code(fs.mkdir("/x/y"))).toBe("ENOENT");
    await fs.mkdir("/a/b/c", { recursive: true });
    await fs.mkdir("/a/b/c", { recursive: true });
    expect((await fs.stat("/a/b/c")).type).toBe("directory");
    await fs.writeFile("/f", enc(""));
    expect(await code(fs.mkdir("/f", { recursive: true }))).toBe("EEXIST");
    expect(await code(fs.mkdir("/f/g", { recursive: true }))).toBe("ENOTDIR");
    expect(await code(fs.mkdir("/f"))).toBe("EEXIST");
    await fs.mkdir("/m", { mode: 0o700 });
    expect((await fs.stat("/m")).mode).toBe(0o700);
  });

  it("mkdir does not follow a final symlink; mkdir -p goes through one", async () => {
    const fs = new MemFs();
    await fs.symlink("/nowhere", "/dangling");
    expect(await code(fs.mkdir("/dangling"))).toBe("EEXIST");
    await fs.mkdir("/real");
    await fs.symlink("/real", "/link");
    await fs.mkdir("/link/sub", { recursive: true });
    expect((await fs.stat("/real/sub")).type).toBe("directory");
  });

  it("readdir lists names with types", async () => {
    const fs = new MemFs();
    await fs.mkdir("/d");
    await fs.writeFile("/d/f", enc(""));
    await fs.mkdir("/d/sub");
    await fs.symlink("f", "/d/l");
    // Newest first, as tmpfs lists a directory.
    expect(await fs.readdir("/d")).toEqual([
      { name: "l", type: "symlink" },
      { name: "sub", type: "directory" },
      { name: "f", type: "file" },
    ]);
    expect(await code(fs.readdir("/d/f"))).toBe("ENOTDIR");
    expect(await code(fs.readdir("/nope"))).toBe("ENOENT");
  });

  it("unlink and rmdir follow unlink(2)/rmdir(2)", async () => {
    const fs = new MemFs();
    await fs.mkdir("/d");
    await fs.writeFile("/d/f", enc(""));
    expect(await code(fs.unlink("/d"))).toBe("EISDIR");
    expect(await code(fs.rmdir("/d"))).toBe("ENOTEMPTY");
    expect(await code(fs.rmdir("/d/f"))).toBe("ENOTDIR");
    expect(await code(fs.rmdir("/"))).toBe("EBUSY");
    expect(await code(fs.unlink("/nope"))).toBe("ENOENT");
    expect(await code(fs.rmdir("/nope"))).toBe("ENOENT");
    await fs.unlink("/d/f");
    await fs.rmdir("/d");
    expect(await fs.readdir("/")).toEqual([]);
  });

  it("unlink removes a symlink, not its target", async () => {
    const fs = new MemFs();
    await fs.writeFile("/a", enc("x"));
    await fs.symlink("/a", "/l");
    await fs.unlink("/l");
    expect(await fs.exists("/a")).toBe(true);
    expect(await fs.exists("/l")).toBe(false);
  });

  it("rm: plain, recursive, force", async () => {
    const fs = new MemFs();
    await fs.mkdir("/t/a/b", { recursive: true });
    await fs.writeFile("/t/a/b/f", enc("x"));
    await fs.writeFile("/t/g", enc("y"));
    await fs.symlink("/t/a", "/link");
    expect(await code(fs.rm("/t"))).toBe("EISDIR");
    expect(await code(fs.rm("/nope"))).toBe("ENOENT");
    await fs.rm("/nope", { force: true });
    await fs.rm("/nope/deeper", { force: true });
    await fs.rm("/link", { recursive: true });
    expect(await fs.exists("/t/a/b/f")).toBe(true);
    await fs.rm("/t/g");
    await fs.rm("/t", { recursive: true });
    expect(await fs.readdir("/")).toEqual([]);
    expect(fs.usage()).toEqual({ bytes: 0, files: 1 });
    expect(await code(fs.rm("/", { recursive: true, force: true }))).toBe("EBUSY");
  });
});

describe("MemFs rename", () => {
  it("moves files and directories, replacing targets as rename(2)", async () => {
    const fs = new MemFs();
    await fs.writeFile("/a", enc("A"));
    await fs.writeFile("/b", enc("B"));
    await fs.rename("/a", "/b");
    expect(dec(await fs.readFile("/b"))).toBe("A");
    expect(await fs.exists("/a")).toBe(false);
    await fs.mkdir("/d1/sub", { recursive: true });
    await fs.writeFile("/d1/sub/f", enc("F"));
    await fs.mkdir("/d2");
    await fs.rename("/d1", "/d2");
    expect(dec(await fs.readFile("/d2/sub/f"))).toBe("F");
    expect(await fs.realpath("/d2/sub")).toBe("/d2/sub");
    expect(fs.usage().files).toBe(5); // /, /b, /d2, /d2/sub, /d2/sub/f
  });

  it("rejects the moves rename(2) rejects", async () => {
    const fs = new MemFs();
    await fs.writeFile("/f", enc(""));
    await fs.mkdir("/empty");
    await fs.mkdir("/full/sub", { recursive: true });
    expect(await code(fs.rename("/f", "/empty"))).toBe("EISDIR");
    expect(await code(fs.rename("/empty", "/f"))).toBe("ENOTDIR");
    expect(await code(fs.rename("/empty", "/full"))).toBe("ENOTEMPTY");
    expect(await code(fs.rename("/full", "/full/sub/x"))).toBe("EINVAL");
    expect(await code(fs.rename("/nope", "/x"))).toBe("ENOENT");
    expect(await code(fs.rename("/f", "/nodir/x"))).toBe("ENOENT");
    expect(await code(fs.rename("/", "/x"))).toBe("EBUSY");
  });

  it("renaming a name onto another link of the same inode does nothing", async () => {
    const fs = new MemFs();
    await fs.writeFile("/a", enc("x"));
    await fs.link("/a", "/b");
    await fs.rename("/a", "/b");
    expect(await fs.exists("/a")).toBe(true);
    expect((await fs.stat("/a")).nlink).toBe(2);
  });

  it("renames a symlink itself, not its target", async () => {
    const fs = new MemFs();
    await fs.writeFile("/a", enc("x"));
    await fs.symlink("a", "/l");
    await fs.rename("/l", "/m");
    expect(await fs.readlink("/m")).toBe("a");
    expect(await fs.exists("/a")).toBe(true);
  });
});
