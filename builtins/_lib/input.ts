import type { CommandContext } from "../types.js";
import { bytesReader, concatBytes, type ByteReader } from "../../src/io/streams.js";
import { FsError, isFsError } from "../../src/fs/types.js";
import { devFdStream } from "../../src/interpreter/devfd.js";

/**
 * Opening inputs the way every GNU tool does: "-" is stdin, /dev/stdin and
 * /dev/fd/0 too, the endless devices stream, and anything else is a file.
 * Errors carry the GNU text ("No such file or directory", "Is a directory").
 */

const CHUNK = 64 * 1024;

/** An endless reader of one repeated byte pattern or random bytes (/dev/zero, /dev/urandom). */
function endlessReader(fill: (buf: Uint8Array) => void): ByteReader {
  let closed = false;
  return {
    async read() {
      if (closed) return null;
      const b = new Uint8Array(CHUNK);
      fill(b);
      return b;
    },
    close() {
      closed = true;
    },
  };
}

/** Opens one input operand. Throws FsError (ENOENT, EISDIR, EACCES...) for a bad file. */
export async function openInput(ctx: CommandContext, operand: string): Promise<ByteReader> {
  if (operand === "-" || operand === "/dev/stdin" || operand === "/dev/fd/0") return ctx.stdin;
  const path = ctx.resolve(operand);
  const pipe = devFdStream(ctx.fs, path);
  if (pipe) return pipe;
  if (path === "/dev/zero") return endlessReader(() => {});
  if (path === "/dev/urandom" || path === "/dev/random") {
    return endlessReader((b) => {
      for (let i = 0; i < b.length; i++) b[i] = (ctx.sandbox.random() * 256) | 0;
    });
  }
  if (path === "/dev/null") return bytesReader(new Uint8Array(0));
  const st = await ctx.fs.stat(path);
  if (st.type === "directory") throw new FsError("EISDIR", path, "read");
  return bytesReader(await ctx.fs.readFile(path), CHUNK);
}

/** Reads a whole input operand into memory. */
export async function readInput(ctx: CommandContext, operand: string): Promise<Uint8Array> {
  return readWhole(ctx, await openInput(ctx, operand));
}

/**
 * Reads a stream to its end, checking the time limit per chunk, so an endless
 * input (`yes | sort`, /dev/zero) ends with the limit instead of running on.
 */
export async function readWhole(ctx: CommandContext, reader: ByteReader): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let c = await reader.read(); c; c = await reader.read()) {
    parts.push(c);
    total += c.length;
    // One input held whole is capped like one string: `sort /dev/zero` grew the heap by 4 GB.
    ctx.budget.checkString(total);
    ctx.budget.checkTime();
  }
  return concatBytes(parts, total);
}

/** "cat: foo: No such file or directory" for an FsError, else rethrows. */
export function reportFsError(ctx: CommandContext, operand: string, e: unknown): void {
  if (isFsError(e)) {
    ctx.stderr.write(`${ctx.name}: ${operand}: ${e.message}\n`);
    return;
  }
  throw e;
}
