import { quoteValue } from "../_lib/quote.js";
import { encodeUtf8 } from "../../src/io/utf8.js";
import { concatBytes } from "../../src/io/streams.js";
import { isFsError } from "../../src/fs/types.js";
import type { FindParser } from "./parse.js";
import type { PrimaryDef } from "./primaries.js";
import { compileFormat, formatFile, lsLine } from "./printf.js";
import type { FindRun, Test, Visit } from "./types.js";

/** find's output actions: -print -print0 -printf -ls, their -f* file forms, -delete -prune -quit. */

/** Turns a write that may wait into a predicate result. */
function then(pending: void | Promise<void>, value: boolean): boolean | Promise<boolean> {
  return pending ? pending.then(() => value) : value;
}

/** -print: the path and a newline. */
export const printTest: Test = (v, run) => then(run.out(v.path + "\n"), true);

type Sink = (run: FindRun, text: string) => void | Promise<void>;

/**
 * The destination of -fprint FILE and kin: the file is created (truncated) when
 * the command line is read, as GNU opens it then; output is written when find
 * ends. /dev/stdout and /dev/stderr go straight to those streams.
 */
function fileSink(p: FindParser, name: string): Sink {
  const file = p.arg(name);
  const path = p.ctx.resolve(file);
  if (path === "/dev/stdout") return (run, text) => run.out(text);
  if (path === "/dev/stderr") return (run, text) => run.ctx.stderr.write(text);
  let chunks = p.fileOutputs.get(path);
  if (!chunks) {
    const made: Uint8Array[] = [];
    chunks = made;
    p.fileOutputs.set(path, made);
    p.checks.push(
      p.ctx.fs.writeFile(path, new Uint8Array(0)).then(
        () => undefined,
        (e) => {
          if (isFsError(e)) return `${quoteValue(file)}: ${e.message}`;
          throw e;
        },
      ),
    );
    p.finishers.push({
      async finish(run) {
        if (made.length === 0) return;
        try {
          await run.ctx.fs.writeFile(path, concatBytes(made));
        } catch (e) {
          if (!isFsError(e)) throw e;
          await run.error(`${quoteValue(file)}: ${e.message}`);
        }
      },
    });
  }
  const target = chunks;
  return (_run, text) => {
    target.push(encodeUtf8(text));
  };
}

function stdoutSink(): Sink {
  return (run, text) => run.out(text);
}

function printAction(suffix: string, toFile: boolean): PrimaryDef {
  return {
    kind: "action",
    parse(p, name) {
      const sink = toFile ? fileSink(p, name) : stdoutSink();
      return (v, run) => then(sink(run, v.path + suffix), true);
    },
  };
}

function printfAction(toFile: boolean): PrimaryDef {
  return {
    kind: "action",
    parse(p, name) {
      const sink = toFile ? fileSink(p, name) : stdoutSink();
      const format = compileFormat(p.arg(name), (msg) => p.ctx.stderr.write(`find: warning: ${msg}\n`));
      return async (v, run) => {
        const { text } = await formatFile(format, v, run);
        await sink(run, text);
        return true;
      };
    },
  };
}

function lsAction(toFile: boolean): PrimaryDef {
  return {
    kind: "action",
    parse(p, name) {
      const sink = toFile ? fileSink(p, name) : stdoutSink();
      return async (v, run) => {
        await sink(run, await lsLine(v, run));
        return true;
      };
    },
  };
}

async function deleteFile(v: Visit, run: FindRun): Promise<boolean> {
  // GNU never removes the starting point ".".
  if (v.depth === 0 && (v.path === "." || v.path === "./")) return true;
  try {
    if (v.lst.type === "directory") await run.ctx.fs.rmdir(v.abs);
    else await run.ctx.fs.unlink(v.abs);
    return true;
  } catch (e) {
    if (!isFsError(e)) throw e;
    await run.error(`cannot delete ${quoteValue(v.path)}: ${e.message}`);
    return false;
  }
}

export const ACTIONS: Record<string, PrimaryDef> = {
  print: { kind: "action", parse: () => printTest },
  print0: printAction("\0", false),
  fprint: printAction("\n", true),
  fprint0: printAction("\0", true),
  printf: printfAction(false),
  fprintf: printfAction(true),
  ls: lsAction(false),
  fls: lsAction(true),
  delete: {
    kind: "action",
    parse(p) {
      p.usesDelete = true;
      return deleteFile;
    },
  },
  prune: {
    kind: "test",
    parse(p) {
      p.usesPrune = true;
      return (_v, run) => {
        if (!run.depthFirst) run.prune = true;
        return true;
      };
    },
  },
  quit: {
    kind: "test",
    parse: () => (_v, run) => {
      run.quit = true;
      return true;
    },
  },
};
