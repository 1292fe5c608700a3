import { describe, expect, it } from "vitest";
import { createDefaultFs } from "../../src/fs/layout.js";
import { MemFs } from "../../src/fs/memfs.js";
import { seedFiles } from "../../src/fs/seed.js";
import { code, dec, enc } from "./_util.js";

describe("createDefaultFs", () => {
  it("builds the standard layout with root-owned system paths", async () => {
    const fs = createDefaultFs({ now: () => 5000 });
    const dirs: Array<[string, number, number]> = [
      ["/", 0o755, 0], ["/bin", 0o755, 0], ["/usr/bin", 0o755, 0], ["/usr/local/bin", 0o755, 0],
      ["/usr/share", 0o755, 0], ["/etc", 0o755, 0], ["/dev", 0o755, 0], ["/proc", 0o555, 0],
      ["/tmp", 0o1777, 0], ["/var/tmp", 0o1777, 0], ["/root", 0o700, 0], ["/home/user", 0o755, 1000],
    ];
    for (const [p, mode, uid] of dirs) {
      const st = await fs.stat(p);
      expect([p, st.type, st.mode, st.uid]).toEqual([p, "directory", mode, uid]);
    }
    expect((await fs.stat("/etc")).mtimeMs).toBe(5000);
  });

  it("puts the layout in place on first look, as it was at construction", async () => {
    const clock = { t: 5000 };
    const eager = createDefaultFs({ now: () => clock.t });
    await eager.readdir("/");
    clock.t = 5000;
    const lazy = createDefaultFs({ now: () => clock.t });
    clock.t = 9000; // the first look comes later: the layout keeps the construction time
    const root = await lazy.stat("/");
    expect(root).toEqual(await eager.stat("/"));
    expect(root.nlink).toBe(2 + (await lazy.readdir("/")).filter((e) => e.type === "directory").length);
    for (const p of ["/etc/passwd", "/dev/null", "/proc/version", "/home/user", "/tmp"]) {
      expect([p, await lazy.stat(p)]).toEqual([p, await eager.stat(p)]);
    }
    expect(lazy.usage()).toEqual({ bytes: 0, files: 0 });
    // Deferring / again keeps the layout: it is put in place first, then the new fill waits.
    const again = createDefaultFs();
    again.deferDirectory("/", () => again.seedEntry("/extra", "x"));
    expect((await again.readdir("/")).map((e) => e.name)).toEqual(["extra", ...(await eager.readdir("/")).map((e) => e.name)]);
  });

  it("has sandbox identity files and /proc", async () => {
    const fs = createDefaultFs();
    expect(dec(await fs.readFile("/etc/passwd"))).toContain("user:x:1000:1000:user:/home/user:/bin/bash\n");
    expect(dec(await fs.readFile("/etc/group"))).toContain("user:x:1000:\n");
    expect(dec(await fs.readFile("/etc/hostname"))).toBe("sandbox\n");
    expect(dec(await fs.readFile("/proc/version"))).toMatch(/^Linux version /);
    expect(dec(await fs.readFile("/proc/cpuinfo"))).toContain("processor\t: 0");
    expect(dec(await fs.readFile("/proc/meminfo"))).toMatch(/^MemTotal: +\d+ kB/);
    expect((await fs.stat("/proc/version")).mode).toBe(0o444);
    const custom = createDefaultFs({ user: "alice", hostname: "box", uid: 1234, gid: 1234 });
    expect(dec(await custom.readFile("/etc/passwd"))).toContain("alice:x:1234:1234:alice:/home/alice:/bin/bash\n");
    expect((await custom.stat("/home/alice")).uid).toBe(1234);
    expect(dec(await custom.readFile("/etc/hostname"))).toBe("box\n");
  });

  it("has char devices with Linux device numbers", async () => {
    const fs = createDefaultFs();
    for (const name of ["null", "zero", "urandom", "random", "stdin", "stdout", "stderr", "tty"]) {
      expect([name, (await fs.stat(`/dev/${name}`)).type]).toEqual([name, "char"]);
    }
    expect((await fs.stat("/dev/null")).rdev).toBe((1 << 8) | 3);
    expect((await fs.stat("/dev/null")).mode).toBe(0o666);
    expect((await fs.stat("/etc/passwd")).rdev).toBeUndefined();
  });
});

describe("seedFiles", () => {
  it("creates files and parents relative to cwd; a trailing / makes a directory", async () => {
    const fs = createDefaultFs();
    seedFiles(fs, { "a.txt": "A", "sub/dir/b.bin": new Uint8Array([0, 255]), "/etc/app.conf": "c", "empty/": "", "../up": "u" });
    expect(dec(await fs.readFile("/home/user/a.txt"))).toBe("A");
    expect([...(await fs.readFile("/home/user/sub/dir/b.bin"))]).toEqual([0, 255]);
    expect(dec(await fs.readFile("/etc/app.conf"))).toBe("c");
    expect(dec(await fs.readFile("/home/up"))).toBe("u");
    expect((await fs.stat("/home/user/empty")).type).toBe("directory");
    const sub = await fs.stat("/home/user/sub/dir");
    expect([sub.uid, sub.mode]).toEqual([1000, 0o755]);
    expect((await fs.stat("/home/user/a.txt")).uid).toBe(1000);
    seedFiles(fs, { "x/y": "1" }, "/tmp/w");
    expect(dec(await fs.readFile("/tmp/w/x/y"))).toBe("1");
  });

  it("calls a lazy loader once, on first read, and never if overwritten first", async () => {
    const fs = new MemFs();
    let calls = 0;
    const loader = async () => {
      calls++;
      return "lazy content";
    };
    let unusedCalls = 0;
    seedFiles(fs, { "/lazy": loader, "/never": () => (unusedCalls++, "x"), "/bytes": () => new Uint8Array([1, 2]) }, "/");
    expect(calls).toBe(0);
    expect(await fs.exists("/lazy")).toBe(true);
    expect((await fs.readdir("/")).map((e) => e.name)).toEqual(["bytes", "never", "lazy"]); // newest first, as tmpfs
    expect(calls).toBe(0);
    const [a, b] = await Promise.all([fs.readFile("/lazy"), fs.readFile("/lazy")]);
    expect([dec(a), dec(b)]).toEqual(["lazy content", "lazy content"]);
    expect(await fs.stat("/lazy")).toMatchObject({ size: 12 });
    await fs.readFile("/lazy");
    expect(calls).toBe(1);
    await fs.writeFile("/never", enc("over"));
    expect(dec(await fs.readFile("/never"))).toBe("over");
    await fs.unlink("/never");
    expect(unusedCalls).toBe(0);
    expect([...(await fs.readFile("/bytes"))]).toEqual([1, 2]);
    expect(fs.usage().bytes).toBe(0); // loaded content is outside the limits
  });

  it("stat and append load lazy content first", async () => {
    const fs = new MemFs();
    seedFiles(fs, { "/a": () => "abc", "/b": () => "12" }, "/");
    expect((await fs.stat("/a")).size).toBe(3);
    await fs.writeFile("/b", enc("3"), { append: true });
    expect(dec(await fs.readFile("/b"))).toBe("123");
  });

  it("a failing loader reads as EIO", async () => {
    const fs = new MemFs();
    seedFiles(fs, { "/bad": () => Promise.reject(new Error("network")) }, "/");
    expect(await code(fs.readFile("/bad"))).toBe("EIO");
  });

  it("seeded text behaves as bytes for every operation", async () => {
    const fs = new MemFs({ maxBytes: 100 });
    seedFiles(fs, { "/a": "abc", "/b": "héllo", "/c": "xyz", "/d": "12345", "/e": "" }, "/");
    expect(fs.usage().bytes).toBe(3 + 6 + 3 + 5);
    expect((await fs.stat("/a")).size).toBe(3);
    await fs.writeFile("/a", enc("d"), { append: true });
    expect(dec(await fs.readFile("/a"))).toBe("abcd");
    expect(dec(await fs.readFile("/b"))).toBe("héllo");
    await fs.truncate("/c", 1);
    expect(dec(await fs.readFile("/c"))).toBe("x");
    await fs.writeFile("/d", enc("9"));
    expect(dec(await fs.readFile("/d"))).toBe("9");
    expect((await fs.readFile("/e")).length).toBe(0);
    await fs.link("/a", "/a2");
    await fs.unlink("/a");
    expect(dec(await fs.readFile("/a2"))).toBe("abcd");
    expect(fs.usage().bytes).toBe(4 + 6 + 1 + 1);
    seedFiles(fs, { "/f": "f" }, "/");
    await fs.unlink("/f");
    expect(fs.usage().bytes).toBe(12);
  });

  it("enforces limits on eager content", async () => {
    const fs = createDefaultFs({ maxBytes: 3 });
    expect(() => seedFiles(fs, { big: "12345" })).toThrow("No space left on device");
  });

  it("seeds 10,000 files", async () => {
    const fs = createDefaultFs();
    const files: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) files[`d${i % 100}/f${i}.txt`] = `file ${i}\n`;
    seedFiles(fs, files);
    expect(fs.usage().files).toBe(10_100);
    expect(dec(await fs.readFile("/home/user/d42/f9942.txt"))).toBe("file 9942\n");
  });
});

describe("deferred directories and seed options", () => {
  it("fills a deferred directory once, on first lookup or listing", async () => {
    const fs = createDefaultFs({ maxFiles: 2 });
    let fills = 0;
    fs.deferDirectory("/home/user/proj", () => {
      fills++;
      fs.seedEntry("/home/user/proj/a.txt", "A");
      fs.seedEntry("/home/user/proj/b.txt", "B");
      fs.deferDirectory("/home/user/proj/sub", () => {
        fills++;
        fs.seedEntry("/home/user/proj/sub/c", "C");
      });
    });
    expect(fills).toBe(0);
    expect((await fs.stat("/home/user/proj")).type).toBe("directory");
    expect(fills).toBe(0);
    expect((await fs.readdir("/home/user/proj")).map((e) => e.name)).toEqual(["sub", "b.txt", "a.txt"]); // newest first, as tmpfs
    expect(fills).toBe(1);
    expect(dec(await fs.readFile("/home/user/proj/sub/c"))).toBe("C");
    expect(fills).toBe(2);
    await fs.readdir("/home/user/proj/sub");
    expect(fills).toBe(2);
    // What the fills added is free of the limits (proj itself is not); new files are not.
    expect(fs.usage().files).toBe(1);
    await fs.writeFile("/home/user/proj/new", enc(""));
    expect(await code(fs.writeFile("/home/user/proj/new2", enc("")))).toBe("ENOSPC");
  });

  it("an unfilled deferred directory is filled before rmdir, rename and rm decide", async () => {
    const fs = new MemFs();
    fs.deferDirectory("/d", () => fs.seedEntry("/d/f", "x"));
    expect(await code(fs.rmdir("/d"))).toBe("ENOTEMPTY");
    fs.deferDirectory("/e", () => fs.seedEntry("/e/f", "x"));
    await fs.mkdir("/empty");
    expect(await code(fs.rename("/empty", "/e"))).toBe("ENOTEMPTY");
    fs.deferDirectory("/g", () => fs.seedEntry("/g/f", "x"));
    await fs.rm("/g", { recursive: true });
    // 6 inodes (/, /d, /d/f, /e, /e/f, /empty) less the 3 the fills added.
    expect(fs.usage().files).toBe(3);
  });

  it("sizeHint lets stat skip the loader; mtimeMs sets the times", async () => {
    const fs = new MemFs();
    let calls = 0;
    fs.seedEntry("/big", () => (calls++, "0123456789"), { sizeHint: 10, mtimeMs: 42, mode: 0o600 });
    const st = await fs.stat("/big");
    expect([st.size, st.mtimeMs, st.atimeMs, st.mode, calls]).toEqual([10, 42, 42, 0o600, 0]);
    expect(dec(await fs.readFile("/big"))).toBe("0123456789");
    expect(calls).toBe(1);
  });
});
