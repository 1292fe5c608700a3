/**
 * Property: whatever the script, exec resolves (never throws), within the limits
 * plus a margin, and the instance stays usable. Scripts come from a small
 * grammar-aware generator and from mutations of the differential corpus.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Bash } from "../../src/index.js";
import { listFeatures, loadCases } from "../differential/cases.js";

const word = fc.oneof(
  fc.constantFrom("x", "$x", "${x:-d}", "\"$@\"", "'q'", "$(echo s)", "$((1+2))", "*", "{a,b}", "~", "${#x}", "${x/a/b}", "a=1", "-n"),
  fc.stringMatching(/^[a-z0-9._-]{1,6}$/),
);
const command = fc.oneof(
  fc.tuple(fc.constantFrom("echo", "printf", "cat", "true", "false", "read", "set", "shift", "test", "[", "local", "export", "grep", "sed", "sort", "wc", "head", "tr"), fc.array(word, { maxLength: 4 })).map(([c, a]) => [c, ...a].join(" ")),
  fc.constantFrom("x=1", "x+=2", "a=(1 2 3)", "((x++))", "[[ $x == 1 ]]", "f() { echo f; }", "f", "cd /tmp", "exit 3", "return", "break", "continue", "eval 'echo e'", "trap 'echo t' EXIT"),
);
const script: fc.Arbitrary<string> = fc.letrec((tie) => ({
  stmt: fc.oneof(
    { depthSize: "small" },
    command,
    fc.tuple(tie("list"), tie("list")).map(([a, b]) => `if ${a}; then ${b}; fi`),
    fc.tuple(fc.array(word, { maxLength: 3 }), tie("list")).map(([w, b]) => `for i in ${w.join(" ")}; do ${b}; done`),
    tie("list").map((b) => `( ${b} )`),
    tie("list").map((b) => `{ ${b}; }`),
    fc.tuple(tie("list"), tie("list")).map(([a, b]) => `${a} | ${b}`),
    fc.tuple(tie("list"), tie("list")).map(([a, b]) => `${a} && ${b} || ${b}`),
    tie("list").map((b) => `echo "$(${b})"`),
    tie("list").map((b) => `${b} > /tmp/o 2>&1`),
  ),
  list: fc.array(tie("stmt"), { minLength: 1, maxLength: 3 }).map((s) => (s as string[]).join("; ")),
})).list as fc.Arbitrary<string>;

const corpus: string[] = [];
for (const f of listFeatures()) for (const c of loadCases(f)) corpus.push(c.script);

const LIMITS = { timeoutMs: 2000, maxSteps: 20_000, maxOutputBytes: 64 * 1024 };

async function check(bash: Bash, s: string): Promise<void> {
  const started = Date.now();
  const r = await bash.exec(s);
  expect(typeof r.exitCode).toBe("number");
  expect(r.stdout.length + r.stderr.length).toBeLessThanOrEqual(LIMITS.maxOutputBytes + 200);
  // A generous margin over the deadline: loaded CI machines are slow.
  expect(Date.now() - started).toBeLessThan(LIMITS.timeoutMs + 10_000);
  // A corpus script may define its own echo() (the instance keeps it): the check needs bash's.
  const after = await bash.exec("unset -f echo; echo ok");
  expect(after.stdout).toBe("ok\n");
}

describe("exec fuzzing", () => {
  it("generated scripts never escape exec and leave the instance usable", async () => {
    const bash = new Bash({ limits: LIMITS });
    await fc.assert(fc.asyncProperty(script, (s) => check(bash, s)), { numRuns: 300, seed: 20261129 });
  }, 240_000);

  it("mutated corpus scripts never escape exec", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...corpus), fc.nat(), fc.nat(), async (s, a, b) => {
        const i = s.length ? a % s.length : 0;
        const j = s.length ? b % s.length : 0;
        const mutated = s.slice(0, Math.min(i, j)) + s.slice(Math.max(i, j));
        await check(new Bash({ limits: LIMITS }), mutated);
      }),
      { numRuns: 200, seed: 20261129 },
    );
  }, 240_000);
});
