/** Shared runner of table-driven hostile cases: each must return, match, and leave the instance usable. */
import { describe, expect, it } from "vitest";
import { Bash, type BashOptions, type Limits } from "../../src/index.js";

export interface HostileCase {
  name: string;
  script: string;
  limits?: Partial<Limits>;
  /** Exit status expected (omit to accept any non-zero). */
  status?: number;
  /** Exit statuses accepted (when the outcome depends on machine speed: done, or the time limit). */
  statusIn?: number[];
  stderr?: RegExp;
  stdout?: RegExp;
  /** Patterns that must appear in neither stdout nor stderr (leaks). */
  never?: RegExp;
  stdin?: string;
  options?: BashOptions;
}

export const FAST: Partial<Limits> = { timeoutMs: 1500, maxSteps: 200_000, maxOutputBytes: 1 << 20 };
export const TIME = /sandbash: time limit exceeded \(timeoutMs=\d+\)/;
export const STEPS = /sandbash: step limit exceeded \(maxSteps=\d+\)/;
export const TIME_OR_STEPS = /sandbash: (time|step) limit exceeded/;
export const OUTPUT = /sandbash: output limit exceeded \(maxOutputBytes=\d+\)/;
export const DEPTH = /sandbash: maximum call depth exceeded/;
export const ANY_LIMIT = /sandbash: .*limit exceeded/;

export function runHostile(group: string, cases: HostileCase[], base: () => BashOptions = () => ({})): void {
  describe(`hostile: ${group}`, () => {
    for (const c of cases) {
      it(c.name, async () => {
        const opts = { ...base(), ...c.options };
        const bash = new Bash({ ...opts, limits: { ...FAST, ...opts.limits, ...c.limits } });
        const r = await bash.exec(c.script, { stdin: c.stdin });
        if (c.statusIn) expect(c.statusIn, r.stderr).toContain(r.exitCode);
        else if (c.status !== undefined) expect(r.exitCode, r.stderr).toBe(c.status);
        else expect(r.exitCode, r.stderr).not.toBe(0);
        if (c.stderr) expect(r.stderr).toMatch(c.stderr);
        if (c.stdout) expect(r.stdout).toMatch(c.stdout);
        if (c.never) {
          expect(r.stdout).not.toMatch(c.never);
          expect(r.stderr).not.toMatch(c.never);
        }
        const after = await bash.exec("echo still usable");
        expect(after).toMatchObject({ stdout: "still usable\n", exitCode: 0 });
      }, 30_000);
    }
  });
}
