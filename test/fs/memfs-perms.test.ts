import { describe, expect, it } from "vitest";
import { createDefaultFs } from "../../src/fs/layout.js";
import { MemFs } from "../../src/fs/memfs.js";
import { code, dec, enc } from "./_util.js";

/** Outcomes checked against Linux as uid 1000 (setpriv + python os calls). */
describe("permissions of the sandbox user (uid 1000)", () => {
  it("cannot write system directories; can write home and /tmp", async () => {
    const fs = createDefaultFs();
    for (const p of ["/x", "/bin/x", "/usr/bin/x", "/etc/x", "/dev/x", "/proc/x", "/root/x"]) {
      expect([p, await code(fs.writeFile(p, enc("")))]).toEqual([p, "EACCES"]);
    }
    expect(await code(fs.mkdir("/etc/d"))).toBe("EACCES");
    expect(await code(fs.symlink("x", "/bin/l"))).toBe("EACCES");
    expect(await code(fs.writeFile("/etc/passwd", enc("")))).toBe("EACCES");
    expect(await code(fs.writeFile("/proc/version", enc("")))).toBe("EACCES");
    expect(await code(fs.unlink("/etc/passwd"))).toBe("EACCES");
    expect(await code(fs.rm("/etc", { recursive: true, force: true }))).toBe("EACCES");
    expect(await code(fs.readdir("/root"))).toBe("EACCES");
    expect(await code(fs.stat("/root/x"))).toBe("EACCES");
    await fs.writeFile("/home/user/f", enc("ok"));
    await fs.writeFile("/tmp/f", enc("ok"));
    await fs.writeFile("/var/tmp/f", enc("ok"));
    await fs.writeFile("/dev/null", enc("swallowed"));
    expect((await fs.readFile("/dev/null")).length).toBe(0);
  });

  it("mode bits decide reads and writes of files", async () => {
    const fs = new MemFs();
    await fs.writeFile("/ro", enc("r"), { mode: 0o444 });
    expect(await code(fs.writeFile("/ro", enc("w")))).toBe("EACCES");
    expect(await code(fs.writeFile("/ro", enc("w"), { append: true }))).toBe("EACCES");
    expect(await code(fs.truncate("/ro", 0))).toBe("EACCES");
    expect(dec(await fs.readFile("/ro"))).toBe("r");
    await fs.writeFile("/secret", enc("s"));
    await fs.chmod("/secret", 0o000);
    expect(await code(fs.readFile("/secret"))).toBe("EACCES");
    expect((await fs.stat("/secret")).mode).toBe(0);
    await fs.chmod("/secret", 0o600);
    expect(dec(await fs.readFile("/secret"))).toBe("s");
  });

  it("a directory needs w+x to create or delete, r to list, x to traverse", async () => {
    const fs = new MemFs();
    await fs.mkdir("/d");
    await fs.writeFile("/d/f", enc("x"));
    await fs.mkdir("/d/sub");
    await fs.chmod("/d", 0o555);
    expect(await code(fs.writeFile("/d/g", enc("")))).toBe("EACCES");
    expect(await code(fs.unlink("/d/f"))).toBe("EACCES");
    expect(await code(fs.unlink("/d/sub"))).toBe("EACCES"); // permission before EISDIR
    expect(await code(fs.rmdir("/d/f"))).toBe("EACCES");
    expect(await code(fs.rename("/d/f", "/f"))).toBe("EACCES");
    expect(await code(fs.mkdir("/d/sub"))).toBe("EEXIST"); // EEXIST before EACCES
    expect(await code(fs.writeFile("/d/f", enc("y"), { exclusive: true }))).toBe("EEXIST");
    await fs.writeFile("/d/f", enc("y")); // the file itself is still writable
    await fs.chmod("/d", 0o333);
    expect(await code(fs.readdir("/d"))).toBe("EACCES");
    expect(dec(await fs.readFile("/d/f"))).toBe("y");
    await fs.chmod("/d", 0o666);
    expect(await code(fs.readFile("/d/f"))).toBe("EACCES");
    expect(await code(fs.stat("/d/f"))).toBe("EACCES");
    expect(await fs.exists("/d/f")).toBe(false);
    await fs.chmod("/d", 0o755);
  });

  it("writing a directory is EISDIR even without permission", async () => {
    const fs = createDefaultFs();
    expect(await code(fs.writeFile("/root", enc("")))).toBe("EISDIR");
    expect(await code(fs.readFile("/root"))).toBe("EACCES");
  });

  it("only the owner may chmod, chown or set explicit times", async () => {
    const fs = createDefaultFs();
    expect(await code(fs.chmod("/etc/passwd", 0o777))).toBe("EPERM");
    expect(await code(fs.chown("/etc/passwd", 1000, 1000))).toBe("EPERM");
    expect(await code(fs.utimes("/etc/passwd", 1, 1))).toBe("EPERM");
    const now = Date.now();
    const fixed = createDefaultFs({ now: () => now });
    expect(await code(fixed.utimes("/etc/passwd", now, now))).toBe("EACCES");
    await fixed.utimes("/tmp", now, now); // touch needs only write permission
    await fs.writeFile("/tmp/mine", enc(""));
    expect(await code(fs.chown("/tmp/mine", 0, 0))).toBe("EPERM");
    await fs.chown("/tmp/mine", 1000, 1000);
  });

  it("sticky /tmp: others' files cannot be removed or renamed", async () => {
    const fs = createDefaultFs();
    const other = fs.asUser(1001, 1001);
    await other.writeFile("/tmp/theirs", enc("t"), { mode: 0o666 });
    await fs.writeFile("/tmp/theirs", enc("mine now")); // writable content
    expect(await code(fs.unlink("/tmp/theirs"))).toBe("EPERM");
    expect(await code(fs.rename("/tmp/theirs", "/tmp/x"))).toBe("EPERM");
    await fs.writeFile("/tmp/mine", enc(""));
    expect(await code(fs.rename("/tmp/mine", "/tmp/theirs"))).toBe("EPERM");
    await fs.unlink("/tmp/mine");
    await other.unlink("/tmp/theirs");
  });

  it("moving a directory to another parent needs write permission on it", async () => {
    const fs = new MemFs();
    await fs.mkdir("/a/in", { recursive: true });
    await fs.mkdir("/b");
    await fs.chmod("/a/in", 0o555);
    expect(await code(fs.rename("/a/in", "/b/in"))).toBe("EACCES");
    await fs.rename("/a/in", "/a/in2");
  });

  it("root bypasses the checks; views share one tree", async () => {
    const fs = createDefaultFs();
    const root = fs.asUser(0);
    await root.writeFile("/etc/motd", enc("hi"));
    expect((await fs.stat("/etc/motd")).uid).toBe(0);
    expect(dec(await fs.readFile("/etc/motd"))).toBe("hi");
    await root.chmod("/etc/motd", 0o600);
    expect(await code(fs.readFile("/etc/motd"))).toBe("EACCES");
    expect(dec(await root.readFile("/etc/motd"))).toBe("hi");
  });

  it("group bits apply to members of the file's group", async () => {
    const fs = new MemFs();
    const root = fs.asUser(0);
    await root.writeFile("/g", enc("g"), { mode: 0o060 });
    await root.chown("/g", 0, 1000);
    expect(dec(await fs.readFile("/g"))).toBe("g");
    await root.chown("/g", 0, 0);
    expect(await code(fs.readFile("/g"))).toBe("EACCES");
  });

  it("new files and directories get the umask-derived mode and the user's ids", async () => {
    const fs = new MemFs({ umask: 0o077 });
    await fs.writeFile("/f", enc(""));
    await fs.mkdir("/d");
    expect((await fs.stat("/f")).mode).toBe(0o600);
    expect((await fs.stat("/d")).mode).toBe(0o700);
    await fs.writeFile("/x", enc(""), { mode: 0o755 });
    expect((await fs.stat("/x")).mode).toBe(0o755);
  });
});
