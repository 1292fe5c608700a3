import { describe, expect, it } from "vitest";
import { createDefaultFs } from "../../src/fs/layout.js";
import { MemFs } from "../../src/fs/memfs.js";
import { seedFiles } from "../../src/fs/seed.js";
import { restoreFs, serializeFs, SnapshotError, SNAPSHOT_VERSION } from "../../src/fs/snapshot.js";
import { code, dec, enc } from "./_util.js";

async function sample(): Promise<MemFs> {
  const fs = createDefaultFs({ now: () => 7000 });
  await fs.mkdir("/home/user/d/e", { recursive: true });
  await fs.writeFile("/home/user/d/f", new Uint8Array([0, 1, 255]));
  await fs.link("/home/user/d/f", "/home/user/hard");
  await fs.symlink("d/f", "/home/user/sym");
  await fs.symlink("/nowhere", "/home/user/dangling");
  await fs.writeFile("/home/user/ro", enc("r"), { mode: 0o444 });
  await fs.writeFile("/home/user/\udcff-bad-name", enc("byte name"));
  await fs.utimes("/home/user/ro", 123, 456);
  seedFiles(fs, { lazy: () => "loaded at snapshot" });
  return fs;
}

describe("snapshots", () => {
  it("round-trips the tree: content, links, symlinks, modes, owners, times, devices", async () => {
    const fs = await sample();
    const bytes = await serializeFs(fs);
    const back = restoreFs(bytes, { now: () => 9000 });
    for (const p of ["/", "/home/user/d", "/home/user/d/f", "/home/user/ro", "/dev/null", "/etc/passwd", "/tmp"]) {
      expect([p, await back.stat(p)]).toEqual([p, await fs.stat(p)]);
    }
    for (const p of ["/home/user/sym", "/home/user/dangling"]) {
      expect(await back.lstat(p)).toEqual(await fs.lstat(p));
      expect(await back.readlink(p)).toBe(await fs.readlink(p));
    }
    expect(await back.readdir("/home/user")).toEqual(await fs.readdir("/home/user"));
    expect([...(await back.readFile("/home/user/hard"))]).toEqual([0, 1, 255]);
    expect(dec(await back.readFile("/home/user/\udcff-bad-name"))).toBe("byte name");
    expect(dec(await back.readFile("/home/user/lazy"))).toBe("loaded at snapshot");
    expect(back.usage()).toEqual(fs.usage());
    // Hard links stay one inode.
    await back.writeFile("/home/user/hard", enc("changed"));
    expect(dec(await back.readFile("/home/user/d/f"))).toBe("changed");
    // The restored tree works as a MemFs: permissions, new inode numbers, the clock.
    expect(await code(back.writeFile("/etc/x", enc("")))).toBe("EACCES");
    await back.writeFile("/tmp/new", enc("n"));
    const st = await back.stat("/tmp/new");
    expect(st.mtimeMs).toBe(9000);
    expect(st.ino).toBeGreaterThan((await fs.stat("/home/user/lazy")).ino);
    expect(await serializeFs(restoreFs(bytes))).toEqual(bytes);
  });

  it("applies limits given at restore", async () => {
    const back = restoreFs(await serializeFs(await sample()), { maxBytes: 0 });
    expect(await code(back.writeFile("/tmp/x", enc("1")))).toBe("ENOSPC");
  });

  it("rejects foreign, newer, truncated and padded input", async () => {
    const bytes = await serializeFs(new MemFs());
    expect(() => restoreFs(enc("hello world, not a snapshot"))).toThrow(SnapshotError);
    expect(() => restoreFs(new Uint8Array(0))).toThrow("truncated");
    const newer = bytes.slice();
    new DataView(newer.buffer).setUint16(4, SNAPSHOT_VERSION + 1, true);
    expect(() => restoreFs(newer)).toThrow(`unsupported version ${SNAPSHOT_VERSION + 1}`);
    for (let cut = 1; cut < bytes.length; cut += 7) {
      expect(() => restoreFs(bytes.subarray(0, cut))).toThrow(SnapshotError);
    }
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes);
    expect(() => restoreFs(padded)).toThrow("trailing bytes");
  });

  it("never builds a broken tree from damaged bytes", async () => {
    const fs = new MemFs();
    await fs.mkdir("/a/b", { recursive: true });
    await fs.writeFile("/a/f", enc("x"));
    await fs.link("/a/f", "/g");
    await fs.symlink("a", "/s");
    const bytes = await serializeFs(fs);
    // Flip every byte in turn: each result either restores to a usable tree or throws SnapshotError.
    for (let i = 0; i < bytes.length; i++) {
      const bad = bytes.slice();
      bad[i] ^= 0xff;
      let back: MemFs;
      try {
        back = restoreFs(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(SnapshotError);
        continue;
      }
      const out = await serializeFs(back);
      expect(restoreFs(out)).toBeInstanceOf(MemFs);
      await back.readdir("/").catch(() => undefined);
    }
  });
});
