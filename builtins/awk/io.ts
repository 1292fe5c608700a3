/**
 * awk's I/O beyond the main input: standard output (buffered as a string and
 * written at safe points, so `print` stays synchronous), output redirections to
 * files (kept in memory and written through ctx.fs on flush/close) and pipes
 * (collected, then run in the sandbox at close or exit, as gawk's pipe sees its
 * input), `getline` from files and commands, close(), fflush() and system().
 * Like gawk, standard output is flushed before a child command starts, and
 * pipes are closed before the final flush of standard output.
 */
import { bytesReader, CollectingWriter, emptyReader } from "../../src/io/streams.js";
import { isFsError } from "../../src/fs/types.js";
import { encodeUtf8 } from "../../src/io/utf8.js";
import type { CommandContext } from "../types.js";
import { AwkFatal } from "./diagnostics.js";
import { RecordReader, type RecordSep } from "./records.js";

const STDOUT_CHUNK = 64 * 1024;
const FILE_CHUNK = 1024 * 1024;

interface FileOut {
  k: "file";
  name: string;
  path: string;
  buf: string;
  /** Not created/truncated yet (opened inside a function call, which cannot wait). */
  pending: boolean;
  append: boolean;
}
interface PipeOut {
  k: "pipe";
  cmd: string;
  buf: string;
}
interface StdOut {
  k: "stdout" | "stderr" | "null";
}
export type OutStream = FileOut | PipeOut | StdOut;

interface InSource {
  reader: RecordReader | null;
  /** The command's exit status (input pipes). */
  status: number;
}

export class AwkIO {
  private stdoutBuf = "";
  /** Set when the stdout buffer should be written before going on. */
  pressure = false;
  private readonly outputs = new Map<string, OutStream>();
  private readonly inputs = new Map<string, InSource>();
  private readonly commands = new Map<string, InSource>();
  /** ERRNO's text after a failed getline/close. */
  errno = "";

  constructor(private readonly ctx: CommandContext) {}

  /** Appends to standard output. */
  write(s: string): void {
    this.stdoutBuf += s;
    if (this.stdoutBuf.length > STDOUT_CHUNK) this.pressure = true;
  }

  /** Writes buffered standard output; the promise (if any) is the pipe asking us to wait. */
  flushStdout(): void | Promise<void> {
    this.pressure = false;
    if (this.stdoutBuf === "") return;
    const s = this.stdoutBuf;
    this.stdoutBuf = "";
    return this.ctx.stdout.write(s);
  }

  private special(name: string): StdOut | null {
    switch (name) {
      case "/dev/stdout":
      case "/dev/fd/1":
        return { k: "stdout" };
      case "/dev/stderr":
      case "/dev/fd/2":
        return { k: "stderr" };
      case "/dev/null":
        return { k: "null" };
    }
    return null;
  }

  /** The stream for `print > name` (mode > >> |); opening may need to wait. */
  output(mode: string, name: string, canWait = true): OutStream | Promise<OutStream> {
    const open = this.outputs.get(name);
    if (open) return open;
    if (mode === "|" || mode === "|&") {
      const p: PipeOut = { k: "pipe", cmd: name, buf: "" };
      this.outputs.set(name, p);
      const w = canWait ? this.flushStdout() : undefined;
      return w ? w.then(() => p) : p;
    }
    const sp = this.special(name);
    if (sp) return sp;
    const f: FileOut = { k: "file", name, path: this.ctx.resolve(name), buf: "", pending: true, append: mode === ">>" };
    this.outputs.set(name, f);
    if (!canWait) return f;
    return this.openFile(f).then(() => f);
  }

  /** Creates or truncates the file, as opening it for output does. */
  private async openFile(f: FileOut): Promise<void> {
    if (!f.pending) return;
    f.pending = false;
    try {
      await this.ctx.fs.writeFile(f.path, new Uint8Array(0), { append: f.append });
    } catch (e) {
      if (isFsError(e)) throw new AwkFatal(`cannot redirect to \`${f.name}': ${e.message}`);
      throw e;
    }
  }

  /** Writes to a redirection; returns a promise when a file buffer went out. */
  put(stream: OutStream, s: string, canWait = true): void | Promise<void> {
    switch (stream.k) {
      case "stdout":
        this.write(s);
        return;
      case "stderr":
        return this.ctx.stderr.write(s);
      case "null":
        return;
      case "file":
        stream.buf += s;
        if (canWait && stream.buf.length > FILE_CHUNK) return this.flushFile(stream);
        return;
      case "pipe":
        stream.buf += s;
        return;
    }
  }

  private async flushFile(f: FileOut): Promise<void> {
    await this.openFile(f);
    if (f.buf === "") return;
    const data = f.buf;
    f.buf = "";
    await this.ctx.fs.writeFile(f.path, encodeUtf8(data), { append: true });
  }

  /** Runs a finished output pipe's command with what was printed to it. */
  private async runPipe(p: PipeOut): Promise<number> {
    const input = p.buf;
    p.buf = "";
    return this.ctx.runScript(p.cmd, { stdin: bytesReader(input), stdout: this.ctx.stdout, stderr: this.ctx.stderr });
  }

  /** fflush(): everything (no name) or one stream. Returns 0, or -1 for an unknown name. */
  async flush(name?: string): Promise<number> {
    if (name === undefined) {
      await this.flushStdout();
      for (const s of this.outputs.values()) if (s.k === "file") await this.flushFile(s);
      return 0;
    }
    if (name === "/dev/stdout") {
      await this.flushStdout();
      return 0;
    }
    const s = this.outputs.get(name);
    if (!s) return -1;
    if (s.k === "file") await this.flushFile(s);
    return 0;
  }

  /** close(name): 0 or the command's status; -1 when nothing of that name is open. */
  async close(name: string): Promise<number> {
    let result = -1;
    const out = this.outputs.get(name);
    if (out) {
      this.outputs.delete(name);
      if (out.k === "file") {
        await this.flushFile(out);
        result = 0;
      } else if (out.k === "pipe") {
        result = await this.runPipe(out);
      } else result = 0;
    }
    const inp = this.inputs.get(name);
    if (inp) {
      this.inputs.delete(name);
      inp.reader?.close();
      result = 0;
    }
    const cmd = this.commands.get(name);
    if (cmd) {
      this.commands.delete(name);
      result = cmd.status;
    }
    if (result === -1) this.errno = "close of redirection that was never opened";
    return result;
  }

  /** At exit: files flushed and pipes run (in opening order), then standard output. */
  async closeAll(): Promise<void> {
    for (const [name, s] of Array.from(this.outputs)) {
      this.outputs.delete(name);
      if (s.k === "file") await this.flushFile(s);
      else if (s.k === "pipe") await this.runPipe(s);
    }
    await this.flushStdout();
  }

  /** Before system(): all output written. */
  async flushAll(): Promise<void> {
    await this.flushStdout();
    for (const s of this.outputs.values()) if (s.k === "file") await this.flushFile(s);
  }

  async system(cmd: string): Promise<number> {
    await this.flushAll();
    return this.ctx.runScript(cmd, { stdin: this.ctx.stdin, stdout: this.ctx.stdout, stderr: this.ctx.stderr });
  }

  /**
   * The next record from `getline < name`: the text, null at end of input, or -1
   * when the file cannot be read. `rt` receives the terminator.
   */
  async readFile(name: string, sep: RecordSep, rt: { rt: string }): Promise<string | null | -1> {
    let src = this.inputs.get(name);
    if (!src) {
      src = { reader: null, status: 0 };
      try {
        if (name === "-" || name === "/dev/stdin") src.reader = new RecordReader(this.ctx.stdin);
        else {
          const path = this.ctx.resolve(name);
          const st = await this.ctx.fs.stat(path);
          if (st.type === "directory") throw Object.assign(new Error("Is a directory"), { dir: true });
          src.reader = new RecordReader(bytesReader(await this.ctx.fs.readFile(path)));
        }
      } catch (e) {
        if (isFsError(e) || (e as { dir?: boolean }).dir) {
          this.errno = (e as Error).message;
          return -1;
        }
        throw e;
      }
      this.inputs.set(name, src);
    }
    return readRecord(src.reader!, sep, rt);
  }

  /** The next record of `cmd | getline`: the command runs to completion on first use. */
  async readCommand(cmd: string, sep: RecordSep, rt: { rt: string }): Promise<string | null> {
    let src = this.commands.get(cmd);
    if (!src) {
      await this.flushStdout();
      const out = new CollectingWriter();
      const status = await this.ctx.runScript(cmd, { stdin: emptyReader, stdout: out, stderr: this.ctx.stderr });
      src = { reader: new RecordReader(bytesReader(out.bytes())), status };
      this.commands.set(cmd, src);
    }
    return readRecord(src.reader!, sep, rt);
  }
}

/** Reads one record, filling the reader as needed. */
export async function readRecord(r: RecordReader, sep: RecordSep, rt: { rt: string }): Promise<string | null> {
  for (;;) {
    const rec = r.next(sep);
    if (rec !== undefined) {
      rt.rt = r.rt;
      return rec;
    }
    await r.fill();
  }
}
