/**
 * The one place the differential harness reaches sandbash: runs a case in a fresh
 * `Bash` with the case's files and stdin.
 */
import { fileURLToPath } from "node:url";
import type { Case } from "./cases.js";

// TODO(foundation): `import { Bash } from "../../src/index.js"` once src/index.ts lands;
// until then the module is loaded by a path tsc does not resolve, typed by the agreed API.
interface BashLike {
  exec(script: string, options?: { stdin?: string }): Promise<RunResult>;
}
interface BashModule {
  Bash: new (options?: { files?: Record<string, string>; limits?: { timeoutMs?: number } }) => BashLike;
}
const INDEX_MODULE = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
let loaded: Promise<BashModule> | undefined;
const loadBash = () => (loaded ??= import(/* @vite-ignore */ INDEX_MODULE) as Promise<BashModule>);

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
  const { Bash } = await loadBash();
  const bash = new Bash({ files, limits: { timeoutMs: CASE_TIMEOUT_MS } });
  const r = await bash.exec(c.script, { stdin: c.stdin ?? "" });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}
