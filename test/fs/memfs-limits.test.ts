import { describe, expect, it } from "vitest";
import { createDefaultFs } from "../../src/fs/layout.js";
import { MemFs } from "../../src/fs/memfs.js";
import { code, dec, enc } from "./_util.js";

describe("limits", () => {
  it("maxBytes: a write that does not fit fails whole with ENOSPC", async () => {
    const fs = new MemFs({ maxBytes: 10 });
    await fs.writeFile("/a", enc("12345678"));
    expect(await code(fs.writeFile("/b", enc("123")))).toBe("ENOSPC");
    expect(await fs.exists("/b")).toBe(false);
    expect(await code(fs.writeFile("/a", enc("123"), { append: true }))).toBe("ENOSPC");
    expect(dec(await fs.readFile("/a"))).toBe("12345678");
    expect(await code(fs.writeFile("/a", enc("12345678901")))).toBe("ENOSPC");
    expect(dec(await fs.readFile("/a"))).toBe("12345678");
    expect(await code(fs.truncate("/a", 11))).toBe("ENOSPC");
    await fs.writeFile("/a", enc("1234567890")); // replacing counts only the difference
    await fs.truncate("/a", 2);
    await fs.writeFile("/b", enc("12345678"));
    expect(fs.usage().bytes).toBe(10);
    await fs.unlink("/b");
    expect(fs.usage().bytes).toBe(2);
  });

  it("maxFiles: creating one inode too many fails with ENOSPC", async () => {
    const fs = new MemFs({ maxFiles: 4 }); // the root directory counts
    await fs.writeFile("/a", enc(""));
    await fs.mkdir("/d");
    await fs.symlink("a", "/l");
    expect(await code(fs.writeFile("/b", enc("")))).toBe("ENOSPC");
    expect(await code(fs.mkdir("/e"))).toBe("ENOSPC");
    expect(await code(fs.symlink("a", "/m"))).toBe("ENOSPC");
    expect(await code(fs.mkdir("/d/x/y", { recursive: true }))).toBe("ENOSPC");
    await fs.link("/a", "/hard"); // a new name, not a new inode
    await fs.writeFile("/a", enc("overwrite is fine"));
    await fs.unlink("/l");
    await fs.writeFile("/b", enc(""));
  });

  it("the default layout does not count against the limits", async () => {
    const fs = createDefaultFs({ maxFiles: 2, maxBytes: 5 });
    expect(fs.usage()).toEqual({ bytes: 0, files: 0 });
    await fs.writeFile("/tmp/a", enc("12345"));
    await fs.mkdir("/tmp/d");
    expect(await code(fs.writeFile("/tmp/b", enc("")))).toBe("ENOSPC");
    expect(await code(fs.writeFile("/tmp/a", enc("1"), { append: true }))).toBe("ENOSPC");
  });

  it("appending 1000 times to a 10 MB file keeps every byte", async () => {
    const fs = new MemFs();
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x61);
    await fs.writeFile("/big", big);
    const chunk = enc("0123456789abcdef");
    for (let i = 0; i < 1000; i++) await fs.writeFile("/big", chunk, { append: true });
    const out = await fs.readFile("/big");
    expect(out.length).toBe(big.length + 16_000);
    expect((await fs.stat("/big")).size).toBe(out.length);
    expect(out[big.length - 1]).toBe(0x61);
    expect(dec(out.subarray(big.length, big.length + 32))).toBe("0123456789abcdef".repeat(2));
    expect(dec(out.subarray(out.length - 16))).toBe("0123456789abcdef");
    expect(fs.usage().bytes).toBe(out.length);
  });

  it("growth of the append buffer never exceeds what maxBytes allows", async () => {
    const fs = new MemFs({ maxBytes: 100 });
    for (let i = 0; i < 100; i++) await fs.writeFile("/a", enc("x"), { append: true });
    expect(await code(fs.writeFile("/a", enc("x"), { append: true }))).toBe("ENOSPC");
    expect((await fs.readFile("/a")).length).toBe(100);
  });
});
