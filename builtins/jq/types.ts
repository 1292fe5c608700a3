/**
 * The contract between the jq command and whatever runs jq's wasm: in this
 * thread (JqEngine), in a Node worker (src/node/jq-host.ts) or in a Web Worker.
 * Everything here is structured-clone friendly, so it crosses postMessage as is.
 */

/** A file or directory copied from the sandbox into jq's in-memory filesystem for one call. */
export interface JqFile {
  /** Absolute sandbox path. */
  path: string;
  type: "file" | "dir";
  /** File contents (files only). */
  data?: Uint8Array;
  /** Permission bits; 0 makes jq's open fail with "Permission denied". */
  mode?: number;
}

/** One run of jq's main. */
export interface JqRequest {
  /** argv after "jq". */
  args: string[];
  /** All of standard input (jq's main reads synchronously, so it must be complete). */
  stdin: Uint8Array;
  /** The environment as "NAME=value" strings ($ENV, env, HOME for ~/.jq, JQ_COLORS). */
  env: string[];
  /** Absolute working directory (relative file names, input_filename). */
  cwd: string;
  files: JqFile[];
  /** The sandbox clock, in ms since the epoch, for `now`. */
  nowMs: number;
  /** IANA time zone for localtime/mktime/strflocaltime ("UTC" when unset). */
  timeZone?: string;
  /** stdout + stderr bytes allowed; past this jq is stopped and `limit` says "output". */
  maxOutputBytes: number;
}

/** Receives output chunks in order as jq writes them. */
export type JqOutputSink = (chunk: JqOutputChunk) => void;

/** A piece of jq's output, in the order jq wrote it. */
export interface JqOutputChunk {
  fd: 1 | 2;
  data: Uint8Array;
}

export interface JqResult {
  /** jq's exit status (or 134 after an abort inside the wasm). */
  status: number;
  output: JqOutputChunk[];
  /**
   * Set when jq did not finish on its own: stopped at the output cap, or (from
   * a runner) ended by the deadline or the abort signal. The command turns it
   * into the LimitExceeded error, so runners need no shared error class.
   */
  limit?: "output" | "time" | "aborted";
}

/** Caps one engine applies to its instances. */
export interface JqEngineOptions {
  /**
   * Ceiling on an instance's wasm memory; past its cap jq reports "cannot
   * allocate memory" (status 134). A call's cap is 256 MB plus 16 bytes per
   * input byte, never above this (default: wasm32's 2 GiB).
   */
  maxMemoryBytes?: number;
  /** Replace the instance after a call that left its memory above this size (wasm memory never shrinks). */
  recycleAboveBytes?: number;
}

/**
 * Runs jq requests somewhere. `run` resolves with jq's result; a call ended by
 * the deadline or the abort signal resolves with `limit` "time" or "aborted"
 * (and no output). Rejections are for a runner that cannot run jq at all.
 */
export interface JqRunner {
  /**
   * `onOutput`, when given, may receive output while jq still runs (worker
   * runners stream it, so `jq ... | head` can stop jq early); the result then
   * holds only what was not delivered yet, in order after it.
   */
  run(request: JqRequest, bounds: JqBounds, onOutput?: JqOutputSink): Promise<JqResult>;
  /** Frees workers and instances; the runner may be used again afterwards. */
  dispose?(): void | Promise<void>;
}

/** How long a call may take: the exec's remaining time and its abort signal. */
export interface JqBounds {
  /** Milliseconds left before the exec's deadline (Infinity when there is none). */
  remainingMs: number;
  signal?: AbortSignal;
}
