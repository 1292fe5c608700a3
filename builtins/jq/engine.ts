import { JqInstance } from "./instance.js";
import type { JqEngineOptions, JqOutputSink, JqRequest, JqResult } from "./types.js";

/**
 * The platform-neutral jq engine: one warm instance of jq's wasm over a compiled
 * `WebAssembly.Module`, re-created transparently after an abort, a trap, a
 * touched stack guard, a change of time zone, or a call that left its memory
 * past the recycle threshold. Runs in whatever thread calls it: the Node worker
 * host and the browser's Web Worker wrap it; on edge runtimes it runs in the
 * isolate itself (no preemption there, only the memory and output caps).
 */

/** Heap cap of a call with little input: where `[range(1e9)]` stops. */
export const BASE_MEMORY_BYTES = 256 * 1024 * 1024;
/** jq's heap per byte of JSON input (a 58 MB file of small objects peaks at 819 MB). */
export const MEMORY_PER_INPUT_BYTE = 16;
/** Default ceiling: wasm32's 2 GiB, less a page. */
export const DEFAULT_MAX_MEMORY_BYTES = 2048 * 1024 * 1024 - 65536;
/** Default size past which an instance is replaced after its call. */
export const DEFAULT_RECYCLE_ABOVE_BYTES = 64 * 1024 * 1024;

export class JqEngine {
  private instance: JqInstance | null = null;
  private readonly maxMemoryBytes: number;
  private readonly recycleAboveBytes: number;

  constructor(
    readonly module: WebAssembly.Module,
    options: JqEngineOptions = {},
  ) {
    this.maxMemoryBytes = options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;
    this.recycleAboveBytes = options.recycleAboveBytes ?? DEFAULT_RECYCLE_ABOVE_BYTES;
  }

  /** Creates the instance ahead of the first call. */
  async warm(timeZone = "UTC"): Promise<void> {
    await this.instanceFor(timeZone);
  }

  private async instanceFor(timeZone: string): Promise<JqInstance> {
    const current = this.instance;
    if (current && !current.dead && current.timeZone === timeZone) return current;
    this.instance = null;
    const fresh = await JqInstance.create(this.module, BASE_MEMORY_BYTES, timeZone);
    this.instance = fresh;
    return fresh;
  }

  /**
   * Runs jq once. Resolves with jq's result even when jq crashed (status
   * 134/139). With a sink, output goes there as jq writes it (see JqOutput).
   */
  async run(req: JqRequest, sink?: JqOutputSink): Promise<JqResult> {
    const instance = await this.instanceFor(req.timeZone ?? "UTC");
    instance.memoryCapBytes = memoryCap(req, this.maxMemoryBytes);
    const result = instance.run(req, sink);
    // Drop a dead or bloated instance now, so its memory can be collected before the next call.
    if (instance.dead || instance.memoryBytes > this.recycleAboveBytes) this.instance = null;
    return result;
  }

  /** Drops the instance (the next call makes a new one). */
  dispose(): void {
    this.instance = null;
  }
}

/**
 * The heap cap of one call: enough for jq to hold its input (about 16 bytes per
 * input byte) on top of a base that stops runaway programs early, never above
 * the engine's ceiling.
 */
function memoryCap(req: JqRequest, ceiling: number): number {
  let input = req.stdin.length;
  for (const f of req.files) input += f.data?.length ?? 0;
  return Math.min(ceiling, BASE_MEMORY_BYTES + MEMORY_PER_INPUT_BYTE * input);
}
