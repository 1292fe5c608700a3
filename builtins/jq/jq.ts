import type { CommandContext, CommandDef } from "../types.js";
import { LimitExceeded } from "../../src/limits/budget.js";
import { readAll, type ByteReader } from "../../src/io/streams.js";
import { scanJqArgs } from "./argv.js";
import { collectJqFiles, jqProgramText, readsStdin } from "./files.js";
import { runnerFor, type JqAwareContext } from "./runner.js";
import type { JqOutputChunk, JqRequest } from "./types.js";

/**
 * jq: the real jq 1.7.1 (jq-web's wasm), driven through its own main(). This
 * file only prepares the call: it reads stdin when jq will, copies the files
 * jq will open into its in-memory filesystem, and passes argv through
 * untouched; jq parses the options and writes every message itself.
 */

/** What jq-web's build reports as its version is empty; the submodule is tag jq-1.7.1. */
export const JQ_VERSION = "1.7.1";

const USAGE_HEAD = "jq - commandline JSON processor [version ]";
const USAGE_FIXED = `jq - commandline JSON processor [version ${JQ_VERSION}]`;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Standard input, checking the deadline between chunks so `yes | jq .` cannot outlive the time limit. */
function deadlineChecked(ctx: CommandContext): ByteReader {
  return {
    read() {
      ctx.budget.checkTime();
      return ctx.stdin.read();
    },
    close: () => ctx.stdin.close(),
  };
}

/** jq-web's usage text has an empty version: put the real one in. */
function fixUsage(data: Uint8Array): Uint8Array {
  if (data.length < USAGE_HEAD.length || decoder.decode(data.subarray(0, USAGE_HEAD.length)) !== USAGE_HEAD) return data;
  return encoder.encode(USAGE_FIXED + decoder.decode(data.subarray(USAGE_HEAD.length)));
}

async function runJq(ctx: CommandContext): Promise<number> {
  const scan = scanJqArgs(ctx.args);
  if (scan.action === "version") {
    await ctx.stdout.write(`jq-${JQ_VERSION}\n`);
    return 0;
  }
  const limits = ctx.budget.limits;
  const files = await collectJqFiles(ctx, scan);
  let stdin: Uint8Array = new Uint8Array(0);
  if (readsStdin(scan, jqProgramText(ctx, scan, files))) {
    try {
      stdin = await readAll(deadlineChecked(ctx), limits.maxFileSystemBytes);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      await ctx.stderr.write(`jq: error: standard input is larger than ${limits.maxFileSystemBytes} bytes\n`);
      return 2;
    }
  }
  const env: string[] = [];
  for (const [name, value] of ctx.env) env.push(`${name}=${value}`);
  const request: JqRequest = {
    args: [...ctx.args],
    stdin,
    env,
    cwd: ctx.cwd,
    files,
    nowMs: ctx.sandbox.now(),
    timeZone: ctx.env.get("TZ") || ctx.sandbox.timeZone,
    // Output may be bound for a file, so the cap is the larger of the two limits, not
    // the caller's share alone (in-process runners hold all of it until jq ends).
    maxOutputBytes: Math.max(limits.maxOutputBytes, limits.maxFileSystemBytes),
  };
  const out = new OrderedWriter(ctx);
  const stop = anySignal(ctx.signal, out.failed.signal);
  let result;
  try {
    result = await runnerFor(ctx as JqAwareContext).run(
      request,
      { remainingMs: ctx.budget.remainingMs(), signal: stop.signal },
      out.deliver,
    );
  } finally {
    stop.dispose();
  }
  for (const chunk of result.output) out.deliver(chunk);
  await out.done();
  if (result.limit === "time") throw new LimitExceeded("time", limits.timeoutMs);
  if (result.limit === "aborted") throw new LimitExceeded("aborted", 0);
  if (result.limit === "output") throw new LimitExceeded("output", request.maxOutputBytes);
  return result.status;
}

/**
 * Writes jq's chunks to stdout/stderr in order as they arrive (a worker runner
 * streams them while jq runs). A failed write, such as BrokenPipe once `head`
 * has read enough, aborts `failed`, which stops jq, and is rethrown by done().
 */
class OrderedWriter {
  readonly failed = new AbortController();
  private chain: Promise<void> = Promise.resolve();
  private error: { e: unknown } | null = null;
  private first = true;

  constructor(private readonly ctx: CommandContext) {}

  readonly deliver = (chunk: JqOutputChunk): void => {
    const data = this.first ? fixUsage(chunk.data) : chunk.data;
    this.first = false;
    const stream = chunk.fd === 1 ? this.ctx.stdout : this.ctx.stderr;
    this.chain = this.chain.then(async () => {
      if (this.error) return;
      try {
        await stream.write(data);
      } catch (e) {
        this.error = { e };
        this.failed.abort();
      }
    });
  };

  async done(): Promise<void> {
    await this.chain;
    if (this.error) throw this.error.e;
  }
}

/** A signal that fires when either does; dispose() detaches it from `a`. */
function anySignal(a: AbortSignal | undefined, b: AbortSignal): { signal: AbortSignal; dispose(): void } {
  if (!a) return { signal: b, dispose() {} };
  const both = new AbortController();
  const fire = () => both.abort();
  if (a.aborted || b.aborted) both.abort();
  a.addEventListener("abort", fire, { once: true });
  b.addEventListener("abort", fire, { once: true });
  return { signal: both.signal, dispose: () => a.removeEventListener("abort", fire) };
}

export const jq: CommandDef = {
  name: "jq",
  run: runJq,
};
