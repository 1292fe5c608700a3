import type { JqBounds, JqOutputChunk, JqOutputSink, JqRequest, JqResult, JqRunner } from "./types.js";

/**
 * A JqRunner over a small pool of warm workers, for any worker API: Node's
 * worker_threads (src/node/jq-host.ts) and the browser's Web Workers
 * (web-worker-host.ts) plug in through JqWorkerHandle. A call runs in a worker
 * so its deadline or abort signal can stop it: the worker is terminated (a call
 * into wasm cannot be interrupted in its own thread) and a replacement starts
 * at once, so the next call finds a warm one.
 */

/** Host -> worker. */
export interface JqWorkerCall {
  id: number;
  request: JqRequest;
  /** Send output as it comes (chunk replies) instead of all in the result. */
  stream?: boolean;
}

/** Worker -> host: output while the call runs, then its result (or why it could not run). */
export type JqWorkerReply =
  | { id: number; chunk: JqOutputChunk }
  | { id: number; result: JqResult }
  | { id: number; error: string };

/** One worker, whatever the platform. */
export interface JqWorkerHandle {
  post(call: JqWorkerCall): void;
  /** Subscribes to replies; returns the unsubscribe function. */
  onReply(listener: (reply: JqWorkerReply) => void): () => void;
  /** Subscribes to the worker's death (exit, uncaught error); returns the unsubscribe function. */
  onExit(listener: () => void): () => void;
  terminate(): void;
  /** Whether the worker may keep the process alive (Node's ref/unref): only while a call runs. */
  hold?(busy: boolean): void;
}

interface Pooled {
  handle: JqWorkerHandle;
  /** Set once the worker has exited or been terminated. */
  gone: boolean;
}

interface Waiter {
  grant(p: Pooled): void;
  fail(e: unknown): void;
}

let nextId = 0;

/** The result of a call ended by the deadline or the signal. */
function limited(limit: "time" | "aborted"): JqResult {
  return { status: 1, output: [], limit };
}

function crashResult(message: string): JqResult {
  return { status: 134, output: [{ fd: 2, data: new TextEncoder().encode(`jq: error: ${message}\n`) }] };
}

export class JqWorkerPool implements JqRunner {
  private readonly idle: Pooled[] = [];
  private readonly queue: Waiter[] = [];
  /** Workers alive or being started. */
  private live = 0;

  constructor(
    private readonly start: () => Promise<JqWorkerHandle>,
    private readonly maxWorkers = 2,
  ) {}

  private async spawn(): Promise<Pooled> {
    const handle = await this.start();
    const pooled: Pooled = { handle, gone: false };
    handle.hold?.(false);
    handle.onExit(() => this.forget(pooled));
    return pooled;
  }

  /** Drops a worker that exited or was terminated, freeing its slot. */
  private forget(p: Pooled): void {
    if (p.gone) return;
    p.gone = true;
    this.live--;
    const i = this.idle.indexOf(p);
    if (i !== -1) this.idle.splice(i, 1);
    this.startQueued();
  }

  /** Free slots go to queued calls, each with a new worker. */
  private startQueued(): void {
    while (this.queue.length > 0 && this.live < this.maxWorkers) {
      const waiter = this.queue.shift()!;
      this.live++;
      this.spawn().then(
        (p) => waiter.grant(p),
        (e) => {
          this.live--;
          waiter.fail(e);
        },
      );
    }
  }

  /** An idle worker, a new one while under maxWorkers, or the next one freed. */
  private take(): Promise<Pooled> {
    const p = this.idle.pop();
    if (p) return Promise.resolve(p);
    if (this.live < this.maxWorkers) {
      this.live++;
      return this.spawn().catch((e) => {
        this.live--;
        throw e;
      });
    }
    return new Promise((grant, fail) => this.queue.push({ grant, fail }));
  }

  /** Returns a healthy worker after its call. */
  private give(p: Pooled): void {
    if (p.gone) return;
    p.handle.hold?.(false);
    const next = this.queue.shift();
    if (next) return next.grant(p);
    this.idle.push(p);
  }

  /** Terminates a worker whose call ran out of time and starts its replacement. */
  private kill(p: Pooled): void {
    p.handle.terminate();
    this.forget(p);
    if (this.live < this.maxWorkers && this.queue.length === 0) {
      this.live++;
      this.spawn().then(
        (fresh) => this.give(fresh),
        () => {
          this.live--;
        },
      );
    }
  }

  run(request: JqRequest, bounds: JqBounds, onOutput?: JqOutputSink): Promise<JqResult> {
    if (bounds.signal?.aborted) return Promise.resolve(limited("aborted"));
    if (bounds.remainingMs <= 0) return Promise.resolve(limited("time"));
    return new Promise<JqResult>((resolve, reject) => {
      const id = ++nextId;
      let current: Pooled | null = null;
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const unsubscribe: Array<() => void> = [];
      const finish = () => {
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        bounds.signal?.removeEventListener("abort", onAbort);
        for (const u of unsubscribe.splice(0)) u();
      };
      /** Ends the call early; kills its worker if it had one. */
      const stop = (outcome: JqResult | Error) => {
        if (done) return;
        finish();
        if (current) this.kill(current);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const onAbort = () => stop(limited("aborted"));
      if (Number.isFinite(bounds.remainingMs)) {
        timer = setTimeout(() => stop(limited("time")), bounds.remainingMs);
      }
      bounds.signal?.addEventListener("abort", onAbort, { once: true });
      this.take().then(
        (p) => {
          // The call ended while it waited for this worker: hand the worker on.
          if (done) return this.give(p);
          current = p;
          p.handle.hold?.(true);
          unsubscribe.push(
            p.handle.onReply((reply) => {
              if (done || reply.id !== id) return;
              if ("chunk" in reply) return onOutput?.(reply.chunk);
              finish();
              this.give(p);
              resolve("error" in reply ? crashResult(reply.error) : reply.result);
            }),
            p.handle.onExit(() => {
              if (done) return;
              finish();
              resolve(crashResult("the jq worker exited unexpectedly"));
            }),
          );
          p.handle.post({ id, request, stream: onOutput !== undefined });
        },
        (e: unknown) => stop(e instanceof Error ? e : new Error(String(e))),
      );
    });
  }

  /** Terminates the idle workers; later calls start new ones. */
  dispose(): void {
    for (const p of this.idle.splice(0)) {
      p.handle.terminate();
      this.forget(p);
    }
  }
}
