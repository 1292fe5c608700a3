/**
 * Archive tools beyond what the differential cases can show: interoperability with
 * another deflate implementation (node:zlib, test-only), decompression bounded by
 * maxFileSystemBytes (bombs), and extraction that cannot leave the target directory.
 */
import { describe, expect, it } from "vitest";
import { gunzipSync, gzipSync, inflateRawSync } from "node:zlib";
import { Bash } from "../../src/index.js";
import { gzipMember } from "../../builtins/gzip/format.js";
import { encodeHeader, finishArchive, padToBlock, type Entry } from "../../builtins/tar/format.js";
import { makeEntry, writeZip } from "../../builtins/zip/format.js";
import { inflateRaw } from "../../builtins/_lib/inflate.js";

function sample(size: number, seed: number): Uint8Array {
  const b = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    // Mostly repetitive text with some noise, so every block type shows up.
    b[i] = i % 97 < 80 ? "abcdefgh\n"[(i + (x >>> 28)) % 9].charCodeAt(0) : x >>> 24;
  }
  return b;
}

/** Byte equality without vitest's element-by-element deep diff (slow on big arrays). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function tarEntry(name: string, type: string, data: Uint8Array | string = "", linkname = ""): Uint8Array[] {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const e: Entry = { name, type, mode: type === "5" ? 0o755 : 0o644, uid: 1000, gid: 1000, uname: "user", gname: "user", size: type === "0" ? bytes.length : 0, mtime: 1_600_000_000, linkname };
  return type === "0" ? [...encodeHeader(e), padToBlock(bytes)] : encodeHeader(e);
}

describe("deflate interoperability", () => {
  it("our inflate decodes zlib's raw deflate at every level and finds the stream end", () => {
    for (const size of [0, 1, 1000, 70_000, 300_000]) {
      const data = sample(size, size);
      for (const level of [0, 1, 6, 9]) {
        const z = new Uint8Array(gzipSync(data, { level }));
        const raw = new Uint8Array(inflateRawSync(z.subarray(10, z.length - 8)));
        expect(same(raw, data)).toBe(true);
        const ours = inflateRaw(z, 10);
        expect(same(ours.data, data)).toBe(true);
        expect(ours.end).toBe(z.length - 8);
      }
    }
  });

  it("zlib reads our gzip members; our gunzip reads zlib's", async () => {
    const data = sample(200_000, 7);
    const ours = gzipMember(data, { level: 9, name: "x", mtime: 5 });
    expect(same(new Uint8Array(gunzipSync(ours)), data)).toBe(true);
    const bash = new Bash({ files: { "/home/user/z.gz": new Uint8Array(gzipSync(data)) } });
    const r = await bash.exec("gunzip z.gz && wc -c < z");
    expect(r.stdout.trim()).toBe(String(data.length));
    expect(same(await bash.fs.readFile("/home/user/z"), data)).toBe(true);
  });
});

describe("decompression bombs stop at maxFileSystemBytes", () => {
  const bomb = gzipMember(new Uint8Array(8 << 20), { level: 9, mtime: 0 });
  it("gunzip", async () => {
    expect(bomb.length).toBeLessThan(20_000);
    const bash = new Bash({ files: { "/home/user/b.gz": bomb }, limits: { maxFileSystemBytes: 1 << 20 } });
    const r = await bash.exec("gunzip b.gz; echo after");
    expect(r.stderr).toMatch(/filesystem size limit exceeded/);
    expect(r.exitCode).not.toBe(0);
  });
  it("zcat to a pipe is bounded too", async () => {
    const bash = new Bash({ files: { "/home/user/b.gz": bomb }, limits: { maxFileSystemBytes: 1 << 20 } });
    const r = await bash.exec("zcat b.gz | wc -c");
    expect(r.stderr).toMatch(/filesystem size limit exceeded/);
  });
  it("unzip", async () => {
    const z = writeZip([makeEntry("big", new Uint8Array(8 << 20), { mtime: 0, mode: 0o100644, uid: 0, gid: 0, zone: "UTC", level: 9 })]);
    const bash = new Bash({ files: { "/home/user/b.zip": z }, limits: { maxFileSystemBytes: 1 << 20 } });
    const r = await bash.exec("unzip -q b.zip");
    expect(r.stderr).toMatch(/filesystem size limit exceeded/);
    expect(await bash.fs.exists("/home/user/big")).toBe(false);
  });
  it("tar -xz", async () => {
    const tar = finishArchive(tarEntry("big", "0", new Uint8Array(8 << 20)));
    const tgz = gzipMember(tar, { level: 9, mtime: 0 });
    const bash = new Bash({ files: { "/home/user/b.tgz": tgz }, limits: { maxFileSystemBytes: 1 << 20 } });
    const r = await bash.exec("tar xzf b.tgz");
    expect(r.stderr).toMatch(/filesystem size limit exceeded/);
  });
});

describe("extraction stays inside the target directory", () => {
  it("tar: a symlink to outside, then a member through it", async () => {
    const tar = finishArchive([...tarEntry("d/", "5"), ...tarEntry("d/link", "2", "", "/tmp"), ...tarEntry("d/link/evil", "0", "pwned\n")]);
    const bash = new Bash({ files: { "/home/user/t.tar": tar } });
    const r = await bash.exec("mkdir -p /tmp; mkdir o; tar xf t.tar -C o; echo status=$?");
    expect(r.stdout).toContain("status=2");
    expect(await bash.fs.exists("/tmp/evil")).toBe(false);
    expect(await bash.fs.readlink("/home/user/o/d/link")).toBe("/tmp");
  });
  it("tar: ../ and absolute members", async () => {
    const tar = finishArchive([...tarEntry("../up", "0", "x"), ...tarEntry("/abs", "0", "y")]);
    const bash = new Bash({ files: { "/home/user/w/t.tar": tar } });
    const r = await bash.exec("cd w && tar xf t.tar; echo status=$?; ls");
    expect(r.stdout).toBe("status=2\nabs\nt.tar\n");
    expect(r.stderr).toContain("tar: ../up: Member name contains '..'");
    expect(await bash.fs.exists("/home/user/up")).toBe(false);
    expect(await bash.fs.exists("/abs")).toBe(false);
  });
  it("unzip: a symlink entry, then a file through it", async () => {
    const z = writeZip([
      makeEntry("link", new TextEncoder().encode("/tmp"), { mtime: 0, mode: 0o120777, uid: 0, gid: 0, zone: "UTC", level: 0 }),
      makeEntry("link/evil", new TextEncoder().encode("pwned\n"), { mtime: 0, mode: 0o100644, uid: 0, gid: 0, zone: "UTC", level: 0 }),
    ]);
    const bash = new Bash({ files: { "/home/user/z.zip": z } });
    const r = await bash.exec("mkdir -p /tmp; unzip -q z.zip; echo status=$?");
    expect(r.stdout).toContain("status=1");
    expect(await bash.fs.exists("/tmp/evil")).toBe(false);
  });
});
