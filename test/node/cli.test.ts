/** The CLI end to end: spawned as `node --import tsx src/node/cli.ts` with no terminal. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "sandbash-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], input = "") {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/node/cli.ts", ...args], {
    cwd: repo,
    input,
    encoding: "utf8",
    timeout: 50_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

// Each spawn pays tsx's start-up (seconds on a busy machine): few spawns, long timeouts.
const SPAWN_TIMEOUT = 60_000;

describe("sandbash CLI", () => {
  it("runs -c with pipes, redirections, command not found, and exits with the script's status", () => {
    expect(cli(["-c", "echo hi | cat > /tmp/x; cat /tmp/x; nosuch; echo $?; exit 3"])).toEqual({
      stdout: "hi\n127\n",
      stderr: "bash: line 1: nosuch: command not found\n",
      status: 3,
    });
  }, SPAWN_TIMEOUT);

  it("runs a script file with $0 and arguments, reading piped stdin", () => {
    const file = join(scratch, "s.sh");
    writeFileSync(file, 'read l; echo "$1|$2|$l"\nnosuch\n');
    expect(cli([file, "a b", "c"], "in\n")).toEqual({
      stdout: "a b|c|in\n",
      stderr: `${file}: line 2: nosuch: command not found\n`,
      status: 127,
    });
  }, SPAWN_TIMEOUT);

  it("runs a script file as real bash runs it: $0, BASH_SOURCE, the file readable at its path, FILE: line N: syntax errors", () => {
    const file = join(scratch, "bad.sh");
    writeFileSync(file, 'echo "$0|$1|${BASH_SOURCE[0]}"; head -1 "$0"\nif then\necho never\n');
    const real = spawnSync("bash", [file, "x"], { encoding: "utf8" });
    expect(real.stderr).toContain(`${file}: line 2: syntax error`);
    expect(cli([file, "x"])).toEqual({ stdout: real.stdout, stderr: real.stderr, status: real.status });
  }, SPAWN_TIMEOUT);

  it("prints --json and never writes the --root directory", () => {
    writeFileSync(join(scratch, "data.txt"), "original\n");
    const r = cli(["--root", scratch, "--json", "-c", "cat data.txt; echo new > data.txt; cat data.txt"]);
    expect(JSON.parse(r.stdout)).toEqual({ stdout: "original\nnew\n", stderr: "", exitCode: 0 });
    expect(readFileSync(join(scratch, "data.txt"), "utf8")).toBe("original\n");
  }, SPAWN_TIMEOUT);
});
