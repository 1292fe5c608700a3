import createJqModule, { type JqEmscriptenModule } from "./vendor/jq-glue.js";
import type { JqOutputSink, JqRequest, JqResult } from "./types.js";
import { placeFiles, removeFiles, type PlacedFiles } from "./memfs.js";
import { timeImports } from "./clock.js";
import { encodeUtf8 } from "../../src/io/utf8.js";
import { JqOutput, OutputCapReached } from "./output.js";

/**
 * One live instance of jq's wasm, driven through jq's `main` with the WASI
 * imports intercepted (see /work/shared/notes-jq-web.md for the measurements):
 * stdin/stdout/stderr are byte arrays, the environment is rewritten per call,
 * the C stack is moved into a large block with a guard, and musl's stdio state
 * is reset between calls. After an abort, a trap or a touched guard the
 * instance is `dead` and its engine makes a new one.
 */

/** Pointer slots libc reserves for environ (NAME=value strings). */
const ENV_COUNT = 1024;
/** Bytes of the environ block before the stack: the strings, then stdout's buffer. */
const ENV_BYTES = 256 * 1024;
/** musl's stdout buffer (its static one is 1 KiB); the block order is glibc's, in output.ts. */
const STDOUT_BUF_BYTES = 64 * 1024;
/** Where the environ strings must end (the stdout buffer follows, 16 bytes apart). */
const ENV_STRING_BYTES = ENV_BYTES - STDOUT_BUF_BYTES - 16;
/** The C stack we give jq instead of emscripten's 64 KiB one (which sits above .data). */
const STACK_BYTES = 4 * 1024 * 1024;
/** Bottom of the stack painted with GUARD_WORD; a change means the stack nearly overflowed. */
const GUARD_BYTES = 4096;
const GUARD_WORD = 0x4a514755;
/** musl FILE field offsets (wasm32) and flags. */
const FILE_FLAGS = 0, FILE_RPOS = 4, FILE_REND = 8, FILE_WEND = 16, FILE_WPOS = 20, FILE_WBASE = 28;
const FILE_BUF = 44, FILE_BUF_SIZE = 48, FILE_FD = 60, FILE_LBF = 80;
const F_PERM = 1, F_NORD = 4, F_NOWR = 8, F_EOF = 16, F_ERR = 32;
/** musl's BUFSIZ: the size of the static stdin/stdout buffers. */
const STDIO_BUFSIZ = 1024;
/** Static data ends below this in jq-web's build (394,816); the scan stops here. */
const STATIC_DATA_LIMIT = 1 << 20;

interface CallState {
  stdin: Uint8Array;
  stdinPos: number;
  output: JqOutput;
  nowMs: number;
}

interface WasmExports {
  memory: WebAssembly.Memory;
  _emscripten_stack_restore(sp: number): void;
  _emscripten_stack_alloc(bytes: number): number;
  __main_argc_argv(argc: number, argv: number): number;
}

type Imports = Record<string, (...a: never[]) => unknown>;

/** Addresses of musl's static stdin/stdout FILEs, found once per compiled module. */
const stdioAddresses = new WeakMap<WebAssembly.Module, { stdin: number; stdout: number }>();

export class JqInstance {
  dead = false;
  /** The zone this instance's libc was initialised with (tzset runs once per instance). */
  readonly timeZone: string;
  private em!: JqEmscriptenModule;
  private exports!: WasmExports;
  private envArray = 0;
  private envBuf = 0;
  private stackTop = 0;
  private stdinFile = 0;
  private stdoutFile = 0;
  private call: CallState | null = null;

  private constructor(
    private readonly module: WebAssembly.Module,
    /** The heap cap of the current call (the engine sets it per call). */
    public memoryCapBytes: number,
    timeZone: string,
  ) {
    this.timeZone = timeZone;
  }

  /** Instantiates jq from a compiled module (about 2 ms warm). */
  static async create(module: WebAssembly.Module, memoryCapBytes: number, timeZone = "UTC"): Promise<JqInstance> {
    const self = new JqInstance(module, memoryCapBytes, timeZone);
    self.em = await createJqModule({
      thisProgram: "jq",
      noInitialRun: true,
      // The glue prints "Aborted(...)" through these; jq's own messages go through fd_write.
      print: () => {},
      printErr: () => {},
      instantiateWasm: (imports, done) => {
        const wrapped = self.wrapImports(imports.env as Imports);
        WebAssembly.instantiate(module, { env: wrapped, wasi_snapshot_preview1: wrapped }).then((inst) => {
          self.exports = inst.exports as unknown as WasmExports;
          done(inst, module);
        });
        return {};
      },
    });
    if (!self.envBuf) throw new Error("jq: libc did not read the environment");
    self.stackTop = (self.envBuf + ENV_BYTES + STACK_BYTES) & ~15;
    self.findStdio();
    self.bufferStdoutLikeGlibc();
    // /dev/stdin of the glue reads through a callback that throws; jq's "/dev/stdin" gets a file per call.
    try {
      self.em.FS.unlink("/dev/stdin");
    } catch {
      /* absent */
    }
    return self;
  }

  /** Current memory size in bytes. */
  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  private u8(): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer);
  }

  private dv(): DataView {
    return new DataView(this.exports.memory.buffer);
  }

  /** Wraps the glue's imports: byte-array stdio, our environ block, heap cap, virtual clock. */
  private wrapImports(base: Imports): Imports {
    const w: Imports = { ...base };
    const callBase = (name: string, ...a: number[]) => (base[name] as (...x: number[]) => number)(...a);
    w.fd_write = ((fd: number, iov: number, iovcnt: number, pnum: number) =>
      fd === 1 || fd === 2 ? this.writeOut(fd, iov, iovcnt, pnum) : callBase("fd_write", fd, iov, iovcnt, pnum)) as never;
    w.fd_read = ((fd: number, iov: number, iovcnt: number, pnum: number) =>
      fd === 0 ? this.readStdin(iov, iovcnt, pnum) : callBase("fd_read", fd, iov, iovcnt, pnum)) as never;
    // jq fclose()s stdout at the end of main; the descriptors must survive for the next call.
    w.fd_close = ((fd: number) => (fd <= 2 ? 0 : callBase("fd_close", fd))) as never;
    w.environ_sizes_get = ((pCount: number, pSize: number) => {
      const dv = this.dv();
      dv.setUint32(pCount, ENV_COUNT, true);
      dv.setUint32(pSize, ENV_BYTES + STACK_BYTES, true);
      return 0;
    }) as never;
    w.environ_get = ((arr: number, buf: number) => {
      this.envArray = arr;
      this.envBuf = buf;
      this.dv().setUint32(arr, 0, true);
      return 0;
    }) as never;
    w.emscripten_resize_heap = ((requested: number) =>
      requested >>> 0 > this.memoryCapBytes ? 0 : callBase("emscripten_resize_heap", requested)) as never;
    // glibc's wording, before the glue's abort() (which the engine reports as status 134).
    w.__assert_fail = ((cond: number, file: number, line: number, func: number) => {
      const text = `jq: ${this.cString(file)}:${line}: ${this.cString(func)}: Assertion \`${this.cString(cond)}' failed.\n`;
      if (this.call) this.writeStderr(this.call, new TextEncoder().encode(text));
      return callBase("__assert_fail", cond, file, line, func);
    }) as never;
    // Would turn exit() into an abort of the runtime; jq instances live across calls.
    w._emscripten_runtime_keepalive_clear = (() => {}) as never;
    Object.assign(w, timeImports(() => this.call?.nowMs ?? 0, this.timeZone, () => this.dv(), () => this.u8()));
    return w;
  }

  private cString(ptr: number): string {
    const u8 = this.u8();
    let end = ptr;
    while (end < u8.length && u8[end] !== 0) end++;
    return new TextDecoder().decode(u8.subarray(ptr, end));
  }

  private writeOut(fd: 1 | 2, iov: number, iovcnt: number, pnum: number): number {
    const call = this.call;
    const dv = this.dv();
    let total = 0;
    let lastLen = -1;
    const parts: Uint8Array[] = [];
    for (let i = 0; i < iovcnt; i++) {
      const ptr = dv.getUint32(iov + i * 8, true);
      lastLen = dv.getUint32(iov + i * 8 + 4, true);
      if (lastLen > 0) parts.push(this.u8().slice(ptr, ptr + lastLen));
      total += lastLen;
    }
    dv.setUint32(pnum, total, true);
    if (!call) return 0;
    if (fd === 2) {
      for (const p of parts) this.writeStderr(call, p);
    } else {
      for (const p of parts) call.output.stdout(p);
      // musl's fflush/fclose write the buffer with an empty second piece; an overflow carries data.
      if (iovcnt === 2 && lastLen === 0) call.output.flush();
    }
    return 0;
  }

  /** stderr is unbuffered: take what musl holds of stdout first, so the order can be glibc's. */
  private writeStderr(call: CallState, data: Uint8Array): void {
    this.drainStdout(call);
    call.output.stderr(data);
  }

  private readStdin(iov: number, iovcnt: number, pnum: number): number {
    const call = this.call;
    const dv = this.dv();
    let total = 0;
    for (let i = 0; i < iovcnt && call; i++) {
      const ptr = dv.getUint32(iov + i * 8, true);
      const len = dv.getUint32(iov + i * 8 + 4, true);
      const n = Math.min(len, call.stdin.length - call.stdinPos);
      if (n <= 0) {
        if (len === 0) continue;
        break;
      }
      this.u8().set(call.stdin.subarray(call.stdinPos, call.stdinPos + n), ptr);
      call.stdinPos += n;
      total += n;
    }
    dv.setUint32(pnum, total, true);
    return 0;
  }

  /**
   * Finds musl's static stdin and stdout FILE structs in .data, so that each
   * call can reset stdin (jq only clears EOF after reading to the end) and flush
   * what exit() left in stdout's buffer (this build's exit() skips stdio flushing).
   */
  private findStdio(): void {
    const known = stdioAddresses.get(this.module);
    if (known) {
      this.stdinFile = known.stdin;
      this.stdoutFile = known.stdout;
      return;
    }
    const dv = this.dv();
    const end = Math.min(STATIC_DATA_LIMIT, dv.byteLength) - 80;
    const found: Record<number, number[]> = { 0: [], 1: [] };
    for (let a = 0; a < end; a += 4) {
      if (dv.getUint32(a + FILE_BUF_SIZE, true) !== STDIO_BUFSIZ) continue;
      const fd = dv.getInt32(a + FILE_FD, true);
      if (fd !== 0 && fd !== 1) continue;
      const flags = dv.getUint32(a + FILE_FLAGS, true);
      const buf = dv.getUint32(a + FILE_BUF, true);
      const want = fd === 0 ? F_PERM | F_NOWR : F_PERM | F_NORD;
      if ((flags & (F_PERM | F_NORD | F_NOWR)) === want && buf > 0 && buf < end) found[fd].push(a);
    }
    if (found[0].length !== 1 || found[1].length !== 1) {
      throw new Error(`jq: musl stdio FILEs not found (stdin ${found[0].length}, stdout ${found[1].length})`);
    }
    this.stdinFile = found[0][0];
    this.stdoutFile = found[1][0];
    stdioAddresses.set(this.module, { stdin: this.stdinFile, stdout: this.stdoutFile });
  }

  /**
   * glibc fully buffers a non-tty stdout in st_blksize (4 KiB) blocks from the
   * first write; musl starts line-buffered with 1 KiB and switches on its first
   * flush. Give musl's stdout glibc's buffering, so stdout and stderr interleave
   * as with the real jq (`jq ... 2>&1`).
   */
  private bufferStdoutLikeGlibc(): void {
    const dv = this.dv();
    const f = this.stdoutFile;
    dv.setUint32(f + FILE_BUF, this.envBuf + ENV_BYTES - STDOUT_BUF_BYTES, true);
    dv.setUint32(f + FILE_BUF_SIZE, STDOUT_BUF_BYTES, true);
    dv.setInt32(f + FILE_LBF, -1, true);
  }

  private resetStdin(): void {
    const dv = this.dv();
    const f = this.stdinFile;
    dv.setUint32(f + FILE_FLAGS, dv.getUint32(f + FILE_FLAGS, true) & ~(F_EOF | F_ERR), true);
    dv.setUint32(f + FILE_RPOS, 0, true);
    dv.setUint32(f + FILE_REND, 0, true);
  }

  /** Moves what musl's stdout FILE holds to the output, leaving the FILE as fflush would. */
  private drainStdout(call: CallState | null): void {
    const dv = this.dv();
    const f = this.stdoutFile;
    const wbase = dv.getUint32(f + FILE_WBASE, true);
    const wpos = dv.getUint32(f + FILE_WPOS, true);
    if (call && wpos > wbase) call.output.stdout(this.u8().slice(wbase, wpos));
    dv.setUint32(f + FILE_WPOS, 0, true);
    dv.setUint32(f + FILE_WBASE, 0, true);
    dv.setUint32(f + FILE_WEND, 0, true);
  }

  /** Writes the environment strings into the block libc reads `environ` from. */
  private writeEnv(env: readonly string[]): void {
    const dv = this.dv();
    const u8 = this.u8();
    let off = 0;
    let n = 0;
    for (const entry of env) {
      if (n >= ENV_COUNT - 1) break;
      const bytes = encodeUtf8(entry);
      if (bytes.includes(0) || off + bytes.length + 1 > ENV_STRING_BYTES) continue;
      u8.set(bytes, this.envBuf + off);
      u8[this.envBuf + off + bytes.length] = 0;
      dv.setUint32(this.envArray + n * 4, this.envBuf + off, true);
      off += bytes.length + 1;
      n++;
    }
    dv.setUint32(this.envArray + n * 4, 0, true);
  }

  private guardBase(): number {
    return this.envBuf + ENV_BYTES;
  }

  private paintGuard(): void {
    const dv = this.dv();
    for (let a = this.guardBase(); a < this.guardBase() + GUARD_BYTES; a += 4) dv.setUint32(a, GUARD_WORD, true);
  }

  private guardIntact(): boolean {
    const dv = this.dv();
    for (let a = this.guardBase(); a < this.guardBase() + GUARD_BYTES; a += 4) {
      if (dv.getUint32(a, true) !== GUARD_WORD) return false;
    }
    return true;
  }

  /** Runs jq's main once. Never throws for jq's own failures; marks the instance dead when it must go. */
  run(req: JqRequest, sink?: JqOutputSink): JqResult {
    if (this.dead) throw new Error("jq: instance is dead");
    const call: CallState = {
      stdin: req.stdin,
      stdinPos: 0,
      output: new JqOutput(req.maxOutputBytes, sink),
      nowMs: req.nowMs,
    };
    this.call = call;
    let placed: PlacedFiles | null = null;
    let status: number;
    let limit: JqResult["limit"];
    try {
      this.writeEnv(req.env);
      this.resetStdin();
      placed = placeFiles(this.em.FS, req, call.stdin);
      this.paintGuard();
      try {
        status = this.callMain(req.args);
        // exit() in this build skips stdio; the native jq's exit flushes stdout.
        this.drainStdout(call);
        call.output.flush();
      } catch (e) {
        this.dead = true;
        if (e instanceof OutputCapReached) {
          limit = "output";
          status = 1;
        } else {
          // A crashed native jq loses what stdio still buffered.
          status = crashStatus(e);
          this.drainStdout(null);
          call.output.dropPending();
          try {
            call.output.stderr(new TextEncoder().encode(crashMessage(e)));
          } catch {
            /* the output cap is already reached */
          }
        }
      }
      if (!this.dead && !this.guardIntact()) this.dead = true;
    } finally {
      this.call = null;
      if (!this.dead) {
        try {
          this.closeStreams();
          if (placed) removeFiles(this.em.FS, placed);
        } catch {
          this.dead = true;
        }
      }
    }
    return { status, output: call.output.result(), ...(limit ? { limit } : {}) };
  }

  /**
   * jq's main with our argv: bytes via encodeUtf8 (surrogate-escaped bytes stay
   * raw), on the big stack. jq ends with exit(), which the glue throws as ExitStatus.
   */
  private callMain(args: readonly string[]): number {
    const ex = this.exports;
    ex._emscripten_stack_restore(this.stackTop);
    const strings = ["jq", ...args].map(encodeUtf8);
    const size = strings.reduce((n, b) => n + b.length + 1, 0) + (strings.length + 1) * 4;
    const argv = ex._emscripten_stack_alloc((size + 15) & ~15);
    const u8 = this.u8();
    const dv = this.dv();
    let p = argv + (strings.length + 1) * 4;
    strings.forEach((b, i) => {
      dv.setUint32(argv + i * 4, p, true);
      u8.set(b, p);
      u8[p + b.length] = 0;
      p += b.length + 1;
    });
    dv.setUint32(argv + strings.length * 4, 0, true);
    try {
      return ex.__main_argc_argv(strings.length, argv);
    } catch (e) {
      if (e !== null && typeof e === "object" && (e as { name?: unknown }).name === "ExitStatus") {
        return (e as { status: number }).status;
      }
      throw e;
    }
  }

  /** An early exit (error, `first(inputs)`) leaves file streams open; close them. */
  private closeStreams(): void {
    const fs = this.em.FS;
    for (const s of fs.streams) if (s && s.fd > 2) fs.close(s);
  }
}

/** Status after the wasm died: 134 (SIGABRT) for abort(), like a crashed native jq. */
function crashStatus(e: unknown): number {
  return e instanceof Error && /Aborted\(/.test(e.message) ? 134 : 139;
}

/** What jq's stderr gets when the wasm dies (jq's own "cannot allocate memory" came first). */
function crashMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError || /call stack/i.test(text)) return "jq: error: stack overflow (input or program nested too deeply)\n";
  // abort() after jq's own "cannot allocate memory", or after an assertion message.
  if (/Aborted\((Assertion failed.*)?\)/.test(text)) return "";
  return `jq: error: ${text.replace(/\. Build with -sASSERTIONS.*$/, "")}\n`;
}
