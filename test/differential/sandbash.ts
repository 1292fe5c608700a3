/**
 * The one place the differential harness reaches sandbash: runs a case in a fresh
 * `Bash` with the case's files and stdin.
 */
import { Bash } from "../../src/index.js";
import type { Case } from "./cases.js";

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Per-case deadline inside sandbash (real bash had 10 s). */
export const CASE_TIMEOUT_MS = 10_000;

export async function runCase(c: Case): Promise<RunResult> {
  const files: Record<string, string> = {};
  for (const [path, content] of c.files) files[path] = content;
  const bash = new Bash({ files, limits: { timeoutMs: CASE_TIMEOUT_MS } });
  const r = await bash.exec(c.script, { stdin: c.stdin ?? "" });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}
