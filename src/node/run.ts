/** Running one script in a session from the CLI: streaming or JSON output, Ctrl-C. */
import type { Bash } from "../index.js";
import { encodeUtf8 } from "../io/utf8.js";

export interface CliExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  truncated?: boolean;
}

/** Writes an output chunk; strings keep their escaped invalid bytes (see io/utf8.ts). */
export function writeChunk(stream: NodeJS.WriteStream, chunk: string | Uint8Array): void {
  stream.write(typeof chunk === "string" ? encodeUtf8(chunk) : chunk);
}

/**
 * Runs `script`; output streams to the real stdout/stderr as it is produced unless
 * `json`, in which case nothing is written here. Ctrl-C (SIGINT) cancels the run.
 */
export async function runStreaming(
  bash: Bash,
  script: string,
  options: { stdin?: string; json?: boolean; signal?: AbortSignal } = {},
): Promise<CliExecResult> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on("SIGINT", onSigint);
  options.signal?.addEventListener("abort", onSigint, { once: true });
  try {
    const stream = !options.json;
    const result = await bash.exec(script, {
      stdin: options.stdin,
      signal: controller.signal,
      ...(stream
        ? {
            onStdout: (c: string | Uint8Array) => writeChunk(process.stdout, c),
            onStderr: (c: string | Uint8Array) => writeChunk(process.stderr, c),
          }
        : {}),
    });
    if (result.truncated && stream) {
      process.stderr.write("sandbash: output was truncated by limits.maxOutputBytes\n");
    }
    return result;
  } finally {
    process.off("SIGINT", onSigint);
    options.signal?.removeEventListener("abort", onSigint);
  }
}
