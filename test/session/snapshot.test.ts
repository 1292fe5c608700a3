import { describe, expect, it } from "vitest";
import { Bash, SnapshotError } from "../../src/index.js";

const SETUP = `
cd /tmp && mkdir -p work && cd work
echo "saved file" > notes.txt
export GREETING=hello
count=3
arr=(one "two words" [7]=seven)
declare -A map=([k]="v 1")
declare -i n=40
greet() { local who=\${1:-world}; echo "\$GREETING, \$who (\$count)"; }
shopt -s expand_aliases
alias ll='echo aliased'
set -o pipefail
`;
const PROBE = `
pwd; cat notes.txt; greet you; echo \${arr[@]} \${!arr[@]} "\${map[k]}" $((n+2))
declare -p arr map n GREETING | sort
ll
shopt -o pipefail; declare -f greet
`;

describe("session snapshots", () => {
  it("a restored session behaves like the original on the next commands", async () => {
    const a = new Bash();
    await a.exec(SETUP);
    const bytes = await a.snapshot();
    const b = await Bash.restore(bytes);
    const ra = await a.exec(PROBE);
    const rb = await b.exec(PROBE);
    expect(ra.stderr).toBe("");
    expect(rb).toEqual(ra);
    expect(ra.stdout).toContain("hello, you (3)");
  });

  it("signed snapshots restore with the key and refuse tampering or another key", async () => {
    const a = new Bash();
    await a.exec(SETUP);
    const bytes = await a.snapshot({ key: "secret" });
    const b = await Bash.restore(bytes, { key: "secret" });
    expect((await b.exec("greet")).stdout).toBe("hello, world (3)\n");
    await expect(Bash.restore(bytes, { key: "other" })).rejects.toThrow(SnapshotError);
    const tampered = bytes.slice();
    tampered[40] ^= 1;
    await expect(Bash.restore(tampered, { key: "secret" })).rejects.toThrow(SnapshotError);
  });

  it("foreign and damaged bytes are rejected with a clear error", async () => {
    await expect(Bash.restore(new TextEncoder().encode("not a snapshot at all"))).rejects.toThrow(/not a sandbash session snapshot/);
    const bytes = await new Bash().snapshot();
    await expect(Bash.restore(bytes.slice(0, bytes.length - 10))).rejects.toThrow(SnapshotError);
    for (const i of [6, 9, 12, 20]) {
      const damaged = bytes.slice();
      damaged[i] ^= 0xff;
      let ok = true;
      try {
        const b = await Bash.restore(damaged);
        ok = (await b.exec("echo alive")).stdout === "alive\n";
      } catch (e) {
        expect(e).toBeInstanceOf(SnapshotError);
      }
      expect(ok).toBe(true);
    }
  });

  it("the restoring embedding's limits apply", async () => {
    const a = new Bash({ limits: { maxFileSystemBytes: 1 << 30 } });
    const bytes = await a.snapshot();
    const b = await Bash.restore(bytes, { limits: { maxFileSystemBytes: 1000 } });
    const r = await b.exec("head -c 5000 /dev/zero > f; echo $?");
    expect(r.stdout).toBe("1\n");
    expect(r.stderr).toMatch(/No space left on device/);
  });
});
