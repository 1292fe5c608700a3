import { JqInstance } from "./instance.js";
import type { JqEngineOptions, JqRequest, JqResult } from "./types.js";

/**
 * The platform-neutral jq engine: one warm instance of jq's wasm over a compiled
 * `WebAssembly.Module`, re-created transparently after an abort, a trap, a
 * touched stack guard, a change of time zone, or a call that left its memory
 * past the recycle threshold. Runs in whatever thread calls it: the Node worker
 * host and the browser's Web Worker wrap it; on edge runtimes it runs in the
 * isolate itself (no preemption there, only the memory and output caps).
 */

/** Default cap on one instance's wasm memory. */
export const DEFAULT_MAX_MEMORY_BYTES = 256 * 1024 * 1024;
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
    const fresh = await JqInstance.create(this.module, this.maxMemoryBytes, timeZone);
    this.instance = fresh;
    return fresh;
  }

  /** Runs jq once. Resolves with jq's result even when jq crashed (status 134/139). */
  async run(req: JqRequest): Promise<JqResult> {
    const instance = await this.instanceFor(req.timeZone ?? "UTC");
    const result = instance.run(req);
    // Drop a dead or bloated instance now, so its memory can be collected before the next call.
    if (instance.dead || instance.memoryBytes > this.recycleAboveBytes) this.instance = null;
    return result;
  }

  /** Drops the instance (the next call makes a new one). */
  dispose(): void {
    this.instance = null;
  }
}
