/**
 * The script every runtime test runs (Deno, Bun, workerd, jq from dist/): pipes,
 * here-docs, grep, sed, awk, sort, uniq and jq. Its expected output comes from
 * real bash 5.2 with the GNU tools and the real jq (1.7) when jq is on PATH;
 * without a real jq, from sandbash itself in this Node process (whose jq the
 * differential cases hold to the real one). Never typed by hand.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SHELL_PART = `cat > notes.txt <<'END'
pear 3
apple 10
fig 7
banana 2
apple 5
END
grep -v fig notes.txt | sed 's/^\\(.\\)/\\U\\1/' | sort -k2,2n | awk '{ s += $2; print NR": "$1 } END { print "total", s }'
sort notes.txt | uniq -c | sort -rn | head -2
while read -r name n; do echo "$name:$((n * 2))"; done < <(sort -u notes.txt) | tr '\\n' ' '; echo`;

const JQ_PART = `awk '{ printf "{\\"name\\":\\"%s\\",\\"n\\":%d}\\n", $1, $2 }' notes.txt | jq -s -c 'group_by(.name) | map({name: .[0].name, n: (map(.n) | add)}) | sort_by(-.n)'
jq -r '.a.b | map(. * 10) | @csv' <<'JSON'
{"a": {"b": [1, 2, 3]}}
JSON
jq -n '1 +' 2>&1; echo "jq status $?"`;

/** The script without jq (for a runtime where jq cannot load). */
export const SCRIPT_NO_JQ = SHELL_PART;
/** The full script. */
export const SCRIPT = `${SHELL_PART}\n${JQ_PART}`;

export interface Output {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function hasRealJq(): boolean {
  return spawnSync("jq", ["--version"], { encoding: "utf8" }).status === 0;
}

/** Real bash's output for `script` (in a fresh temp dir), or sandbash's under Node when jq is missing. */
export async function expectedOutput(script: string): Promise<Output & { source: string }> {
  if (!script.includes("jq ") || hasRealJq()) {
    const cwd = mkdtempSync(join(tmpdir(), "sandbash-oracle-"));
    try {
      const r = spawnSync("/usr/bin/bash", ["--norc", "--noprofile", "-c", script], {
        cwd,
        input: "",
        encoding: "utf8",
        env: { PATH: "/usr/local/bin:/usr/bin:/bin", LC_ALL: "C.UTF-8", TZ: "UTC" },
      });
      if (r.status !== null && r.error === undefined) {
        return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status, source: "real bash" };
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }
  const { Bash } = await import("../../src/index.js");
  const r = await new Bash().exec(script);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, source: "sandbash under Node (no real jq on PATH)" };
}
