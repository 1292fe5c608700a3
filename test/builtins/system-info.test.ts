import { describe, expect, it } from "vitest";
import { Bash } from "../../src/index.js";

// The sandbox machine's identity: values that differ from the recording host
// (kernel release and version, processor count, /etc/hosts lookups), so they
// cannot be differential cases. Layouts follow GNU uname 9.1, nproc 9.1 and
// Debian hostname 3.23.
async function run(script: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  return new Bash().exec(script);
}

describe("uname", () => {
  it("-a leaves out unknown processor and platform", async () => {
    expect((await run("uname -a")).stdout).toBe("Linux sandbox 6.1.0-sandbash #1 SMP x86_64 GNU/Linux\n");
  });
  it("-r and -v match /proc/version", async () => {
    const r = await run("uname -r; uname -v; cat /proc/version");
    const [release, version, proc] = r.stdout.split("\n");
    expect(release).toBe("6.1.0-sandbash");
    expect(proc).toContain(`Linux version ${release} `);
    expect(proc.endsWith(version)).toBe(true);
  });
  it("every field in order", async () => {
    expect((await run("uname -oimpvrns")).stdout).toBe("Linux sandbox 6.1.0-sandbash #1 SMP x86_64 unknown unknown GNU/Linux\n");
  });
});

describe("nproc", () => {
  it("counts the sandbox's one processor", async () => {
    expect((await run("nproc; nproc --all; nproc --ignore=1")).stdout).toBe("1\n1\n1\n");
  });
  it("-all ignores OMP_NUM_THREADS", async () => {
    expect((await run("OMP_NUM_THREADS=8 nproc --all")).stdout).toBe("1\n");
  });
});

describe("hostname lookups read the sandbox /etc/hosts", () => {
  it("-f -i -d -a -I -A", async () => {
    const r = await run("hostname -f; hostname -i; hostname -d; hostname -a; hostname -I; hostname -A");
    expect(r.stdout).toBe("sandbox\n127.0.1.1 \n\n\n\n");
    expect(r.exitCode).toBe(0);
  });
  it("an unknown name fails as the resolver does", async () => {
    const r = await run("echo '127.0.0.1 localhost' > /tmp/h; cat /tmp/h > /etc/hosts 2>/dev/null; hostname -f; echo $?");
    // /etc/hosts is root's: the user cannot change it, so the lookup still succeeds.
    expect(r.stdout).toBe("sandbox\n0\n");
  });
});
