import type { ByteReader } from "../../src/io/streams.js";

/**
 * xargs's two input readers, ported from findutils 4.9 (read_line and
 * read_string): one call reads one input line (or one delimited item) and
 * hands back the arguments found in it, byte strings as they will be passed.
 */

const SPACE_STATE = 0;
const NORM = 1;
const QUOTE = 2;
const BACKSLASH = 3;

const isBlank = (c: number) => c === 0x20 || c === 0x09;
const isSpace = (c: number) => isBlank(c) || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b;

/** What one read produced. `ret` is GNU's return value: -1 at (logical) end of input, else the last item's length with its NUL. */
export interface ReadResult {
  /** Arguments to add, in order (none in -I mode: `line` is the item then). */
  args: Uint8Array[];
  ret: number;
  /** The whole item in -I mode. */
  line?: Uint8Array;
  /** A fatal error found after `args`: GNU runs what it has (if it may) and dies with this. */
  error?: string;
}

export interface ReaderConfig {
  /** null: blanks, quotes and backslashes (read_line); else items end at this byte (read_string). */
  delimiter: number | null;
  /** The logical end-of-file string (-E), as bytes. */
  eofStr: Uint8Array | null;
  /** -I: blanks do not split, the whole line is one item. */
  replace: boolean;
  /** The longest an item may grow (GNU's endbuf: arg_max - initial chars - 1), read at each call. */
  maxItem: () => number;
  /** GNU's once-only warning about a NUL byte in line mode. */
  warn: (message: string) => void;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Growable byte buffer for the item being read. */
class ItemBuffer {
  bytes = new Uint8Array(256);
  length = 0;
  push(c: number): void {
    if (this.length === this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.bytes[this.length++] = c;
  }
  take(): Uint8Array {
    const out = this.bytes.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

export class ArgReader {
  /** Non-blank lines (items with -0/-d) read since the last command: -L counts these. */
  lineno = 0;
  private eof = false;
  private nulWarned = false;
  private chunk: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private ended = false;

  constructor(
    private readonly src: ByteReader,
    private readonly cfg: ReaderConfig,
  ) {}

  /** The next byte, or -1 at the end of input. */
  private async getc(): Promise<number> {
    while (this.pos >= this.chunk.length) {
      if (this.ended) return -1;
      const next = await this.src.read();
      if (!next) {
        this.ended = true;
        return -1;
      }
      this.chunk = next;
      this.pos = 0;
    }
    return this.chunk[this.pos++];
  }

  read(): Promise<ReadResult> {
    return this.cfg.delimiter === null ? this.readLine() : this.readString(this.cfg.delimiter);
  }

  private isEofStr(item: Uint8Array): boolean {
    return this.cfg.eofStr !== null && equalBytes(item, this.cfg.eofStr);
  }

  /** GNU read_line: blank-separated arguments with quotes and backslashes, one input line. */
  private async readLine(): Promise<ReadResult> {
    const args: Uint8Array[] = [];
    if (this.eof) return { args, ret: -1 };
    const replace = this.cfg.replace;
    const buf = new ItemBuffer();
    const endbuf = this.cfg.maxItem();
    let state = SPACE_STATE;
    let prevc = -1;
    let c = -1;
    let quotc = 0;
    let first = true;
    let seenArg = false;
    const finish = (): ReadResult => {
      const item = buf.take();
      return replace ? { args, ret: item.length + 1, line: item } : (args.push(item), { args, ret: item.length + 1 });
    };
    const unmatched = () => `unmatched ${quotc === 0x22 ? "double" : "single"} quote; by default quotes are special to xargs unless you use the -0 option`;
    for (;;) {
      prevc = c;
      c = await this.getc();
      if (c === -1) {
        this.eof = true;
        if (buf.length === 0) return { args, ret: -1 };
        if (state === QUOTE) return { args, ret: -1, error: unmatched() };
        if (first && this.isEofStr(buf.bytes.subarray(0, buf.length))) return { args, ret: -1 };
        return finish();
      }
      if (state === SPACE_STATE) {
        if (isSpace(c)) continue;
        state = NORM;
      }
      if (state === NORM) {
        if (c === 0x0a) {
          if (!isBlank(prevc)) this.lineno++;
          if (buf.length === 0 && !seenArg) {
            state = SPACE_STATE;
            continue;
          }
          if (this.isEofStr(buf.bytes.subarray(0, buf.length))) {
            this.eof = true;
            return first ? { args, ret: -1 } : { args, ret: buf.length + 1 };
          }
          return finish();
        }
        seenArg = true;
        if (!replace && isBlank(c)) {
          const item = buf.take();
          if (this.isEofStr(item)) {
            this.eof = true;
            return first ? { args, ret: -1 } : { args, ret: item.length + 1 };
          }
          args.push(item);
          state = SPACE_STATE;
          first = false;
          continue;
        }
        if (c === 0x5c) {
          state = BACKSLASH;
          continue;
        }
        if (c === 0x27 || c === 0x22) {
          state = QUOTE;
          quotc = c;
          continue;
        }
      } else if (state === QUOTE) {
        if (c === 0x0a) return { args, ret: -1, error: unmatched() };
        if (c === quotc) {
          state = NORM;
          seenArg = true;
          continue;
        }
      } else if (state === BACKSLASH) {
        state = NORM;
      }
      if (c === 0 && !this.nulWarned) {
        this.cfg.warn(
          "WARNING: a NUL character occurred in the input.  It cannot be passed through in the argument list.  Did you mean to use the --null option?",
        );
        this.nulWarned = true;
      }
      if (buf.length >= endbuf) return { args, ret: -1, error: "argument line too long" };
      buf.push(c);
    }
  }

  /** GNU read_string: everything up to the delimiter byte is one item. */
  private async readString(delimiter: number): Promise<ReadResult> {
    const args: Uint8Array[] = [];
    if (this.eof) return { args, ret: -1 };
    const buf = new ItemBuffer();
    const endbuf = this.cfg.maxItem();
    const item = (): ReadResult => {
      const bytes = buf.take();
      return this.cfg.replace ? { args, ret: bytes.length + 1, line: bytes } : (args.push(bytes), { args, ret: bytes.length + 1 });
    };
    for (;;) {
      const c = await this.getc();
      if (c === -1) {
        this.eof = true;
        if (buf.length === 0) return { args, ret: -1 };
        return item();
      }
      if (c === delimiter) {
        this.lineno++;
        return item();
      }
      if (buf.length >= endbuf) return { args, ret: -1, error: "argument line too long" };
      buf.push(c);
    }
  }
}
