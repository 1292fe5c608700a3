import { describe, expect, it } from "vitest";
import { mv } from "../../builtins/mv.js";
import { cp } from "../../builtins/cp.js";
import { MemFs } from "../../src/fs/memfs.js";
import { MountFs } from "../../src/fs/mount.js";
import { makeContext } from "../helpers/command-context.js";

/** A context whose filesystem has a second MemFs mounted at /mnt. */
async function mounted(args: string[], name: string) {
  const u = makeContext({ name, args, files: { "d/a": "alpha", "d/sub/b": "beta", f: "file" } });
  const other = new MemFs();
  const root = new MountFs(u.fs);
  root.mount("/mnt", other);
  u.ctx.fs = root;
  return { u, other };
}

describe("mv and cp across mounts", () => {
  it("mv moves a tree to another filesystem (EXDEV: copy, then remove)", async () => {
    const { u, other } = await mounted(["d", "/mnt/d"], "mv");
    expect(await mv.run(u.ctx)).toBe(0);
    expect(u.stderr()).toBe("");
    expect(new TextDecoder().decode(await other.readFile("/d/sub/b"))).toBe("beta");
    expect(await u.fs.exists("/home/user/d")).toBe(false);
  });

  it("mv of a single file keeps its mode and mtime", async () => {
    const { u, other } = await mounted(["f", "/mnt/g"], "mv");
    await u.fs.chmod("/home/user/f", 0o600);
    await u.fs.utimes("/home/user/f", 1e12, 1e12);
    expect(await mv.run(u.ctx)).toBe(0);
    const st = await other.stat("/g");
    expect(st.mode & 0o777).toBe(0o600);
    expect(st.mtimeMs).toBe(1e12);
  });

  it("cp -r copies into another filesystem", async () => {
    const { u, other } = await mounted(["-r", "d", "/mnt/"], "cp");
    expect(await cp.run(u.ctx)).toBe(0);
    expect(new TextDecoder().decode(await other.readFile("/d/a"))).toBe("alpha");
  });
});
