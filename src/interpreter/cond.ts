import type { CondExpr, Word } from "../parser/ast.js";
import { resolvePath } from "../fs/path.js";
import type { FileStat } from "../fs/types.js";
import { evalArithText, evalSubscript } from "./arith.js";
import { ShellError, SubscriptError, fatalSignal } from "./errors.js";
import { expandPattern, expandString } from "./expand.js";
import type { FdTable } from "./io.js";
import { reportError } from "./report.js";
import { matchPattern } from "./pattern.js";
import type { Shell } from "./shell.js";
import { isAssoc, isIndexed } from "./variables.js";
import { traceLine, tracing } from "./xtrace.js";
import { fsFor, fsForReady } from "./procsubst.js";
import { lazyModule } from "../lazy.js";

const regexModule = lazyModule(() => import("../../builtins/_lib/regex/index.js"));

/** set -x shows each [[ ]] test as it runs, operands expanded (`! ` before a negated one). */
function traceTest(sh: Shell, io: FdTable, text: string, negated: boolean): void {
  if (tracing(sh)) traceLine(sh, io, `[[ ${negated ? "! " : ""}${text} ]]`);
}

/** [[ expression ]]: no splitting or globbing; == and != match patterns; =~ matches an ERE. */
export async function evalCond(sh: Shell, e: CondExpr, io: FdTable, negated = false): Promise<boolean> {
  switch (e.t) {
    case "and":
      return (await evalCond(sh, e.left, io)) && evalCond(sh, e.right, io);
    case "or":
      return (await evalCond(sh, e.left, io)) || evalCond(sh, e.right, io);
    case "not":
      return !(await evalCond(sh, e.arg, io, true));
    case "word": {
      const w = await expandString(sh, e.word, io);
      traceTest(sh, io, `-n ${w}`, negated);
      return w !== "";
    }
    case "unary": {
      const arg = await expandString(sh, e.arg, io);
      traceTest(sh, io, `${e.op} ${arg}`, negated);
      return unaryTest(sh, e.op, arg, io, true);
    }
    case "binary": {
      const left = await expandString(sh, e.left, io);
      if (e.op === "==" || e.op === "=" || e.op === "!=") {
        const pat = await expandPattern(sh, e.right, io);
        traceTest(sh, io, `${left} ${e.op} ${pat}`, negated);
        const m = matchPattern(left, pat, sh.shopts.has("nocasematch"));
        return e.op === "!=" ? !m : m;
      }
      if (e.op === "=~") {
        if (tracing(sh)) traceTest(sh, io, `${left} =~ ${await expandString(sh, e.right, io)}`, negated);
        return regexMatch(sh, left, e.right, io);
      }
      const right = await expandString(sh, e.right, io);
      traceTest(sh, io, `${left} ${e.op} ${right}`, negated);
      if (e.op === "-eq" || e.op === "-ne" || e.op === "-lt" || e.op === "-le" || e.op === "-gt" || e.op === "-ge") {
        try {
          const a = BigInt(evalArithText(sh, left, "[[: "));
          const b = BigInt(evalArithText(sh, right, "[[: "));
          return compareInts(e.op, a, b);
        } catch (err) {
          // bash reports a bad operand and the comparison is false; the rest of [[ ]] goes on.
          if (!(err instanceof ShellError) || err.status === 127) throw err;
          reportError(sh, io, err);
          if (err instanceof SubscriptError) throw fatalSignal(err);
          return false;
        }
      }
      return binaryTest(sh, e.op, left, right);
    }
  }
}

function compareInts(op: string, a: bigint, b: bigint): boolean {
  switch (op) {
    case "-eq": return a === b;
    case "-ne": return a !== b;
    case "-lt": return a < b;
    case "-le": return a <= b;
    case "-gt": return a > b;
    default: return a >= b;
  }
}

/** The right side of =~: quoted parts match literally. */
async function regexSource(sh: Shell, w: Word, io: FdTable): Promise<string> {
  let out = "";
  for (const p of w.parts) {
    const text = await expandString(sh, { pos: 0, end: 0, parts: [p] }, io);
    if (p.type === "SingleQuoted" || p.type === "DoubleQuoted" || p.type === "Escaped") {
      out += text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
    } else out += text;
  }
  return out;
}

async function regexMatch(sh: Shell, text: string, w: Word, io: FdTable): Promise<boolean> {
  const src = await regexSource(sh, w, io);
  // The regex engine (~25 KB) loads with the first `=~`, not at cold start.
  const { compileRegex, RegexSyntaxError } = await regexModule();
  let re;
  try {
    re = compileRegex(src, { syntax: "ERE", ignoreCase: sh.shopts.has("nocasematch"), budget: sh.services.budget });
  } catch (e) {
    if (e instanceof RegexSyntaxError) {
      // bash: status 2 for a bad regex, no message.
      throw new CondStatus(2);
    }
    throw e;
  }
  const m = re.exec(text, 0);
  const v = sh.declare("BASH_REMATCH", 0, "global");
  if (!m) {
    v.value = [];
    return false;
  }
  const groups: string[] = [];
  for (let g = 0; g <= re.groups; g++) {
    const s = m.spans[2 * g];
    const end = m.spans[2 * g + 1];
    groups[g] = s >= 0 ? text.slice(s, end) : "";
  }
  v.value = groups;
  return true;
}

/** A conditional that ends with a status other than 0/1 (bad regex: 2). */
export class CondStatus {
  constructor(readonly status: number) {}
}

async function statOf(sh: Shell, path: string, follow = true, io: FdTable = []): Promise<FileStat | null> {
  if (path === "") return null;
  try {
    const p = resolvePath(sh.cwd, path);
    const fdPath = p.startsWith("/dev/") || p.startsWith("/proc/");
    if (fdPath) await fsForReady();
    const fs = fdPath ? fsFor(sh, io) : sh.fs;
    return follow ? await fs.stat(p) : await fs.lstat(p);
  } catch {
    return null;
  }
}

/** Unary file and string tests shared by [[ ]] and test. */
export async function unaryTest(sh: Shell, op: string, arg: string, io: FdTable, inCond: boolean): Promise<boolean> {
  switch (op) {
    case "-z":
      return arg === "";
    case "-n":
      return arg !== "";
    case "-v": {
      if (/^[0-9]+$/.test(arg)) return Number(arg) <= sh.positional.length;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/s.exec(arg);
      if (!m) return false;
      const v = sh.resolve(m[1]);
      if (!v || v.value === undefined) return false;
      if (m[2] === undefined) return isIndexed(v) ? v.value[0] !== undefined : isAssoc(v) ? v.value.has("0") : true;
      if (m[2] === "@" || m[2] === "*") return isIndexed(v) ? v.value.some(() => true) : isAssoc(v) ? v.value.size > 0 : true;
      if (isAssoc(v)) return v.value.has(m[2]);
      const i = evalSubscript(sh, m[2]);
      if (isIndexed(v)) return v.value[i < 0 ? v.value.length + i : i] !== undefined;
      return i === 0;
    }
    case "-o":
      return sh.options.has(arg);
    case "-R": {
      const v = sh.vars.lookup(arg);
      return !!v && (v.attrs & 32) !== 0;
    }
    case "-t":
      return false;
  }
  const st = await statOf(sh, arg, op !== "-h" && op !== "-L", io);
  if (!st) return false;
  const uid = sh.services.sandbox.uid;
  const perm = (bit: number) => {
    if (uid === 0) return bit !== 1 || (st.mode & 0o111) !== 0 || st.type === "directory";
    if (st.uid === uid) return (st.mode & (bit << 6)) !== 0;
    if (st.gid === sh.services.sandbox.gid) return (st.mode & (bit << 3)) !== 0;
    return (st.mode & bit) !== 0;
  };
  switch (op) {
    case "-e":
    case "-a":
      return true;
    case "-f":
      return st.type === "file";
    case "-d":
      return st.type === "directory";
    case "-h":
    case "-L":
      return st.type === "symlink";
    case "-s":
      return st.size > 0;
    case "-r":
      return perm(4);
    case "-w":
      return perm(2);
    case "-x":
      return perm(1);
    case "-p":
      return st.type === "fifo";
    case "-S":
      return st.type === "socket";
    case "-b":
      return st.type === "block";
    case "-c":
      return st.type === "char";
    case "-g":
      return (st.mode & 0o2000) !== 0;
    case "-u":
      return (st.mode & 0o4000) !== 0;
    case "-k":
      return (st.mode & 0o1000) !== 0;
    case "-O":
      return st.uid === uid;
    case "-G":
      return st.gid === sh.services.sandbox.gid;
    case "-N":
      return st.mtimeMs > st.atimeMs;
  }
  void inCond;
  return false;
}

/** Binary tests shared by [[ ]] (after its own == / =~ / arithmetic handling) and test. */
export async function binaryTest(sh: Shell, op: string, a: string, b: string): Promise<boolean> {
  switch (op) {
    case "=":
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "-nt":
    case "-ot": {
      const sa = await statOf(sh, a);
      const sb = await statOf(sh, b);
      if (op === "-nt") return !!sa && (!sb || sa.mtimeMs > sb.mtimeMs);
      return !!sb && (!sa || sa.mtimeMs < sb.mtimeMs);
    }
    case "-ef": {
      const sa = await statOf(sh, a);
      const sb = await statOf(sh, b);
      return !!sa && !!sb && sa.ino === sb.ino;
    }
  }
  throw new ShellError(`${op}: binary operator expected`, 2);
}
