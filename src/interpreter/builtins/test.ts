import { binaryTest, unaryTest } from "../cond.js";
import type { FdTable } from "../io.js";
import type { Shell } from "../shell.js";
import { builtinError, type ShellBuiltin } from "./util.js";

/**
 * test / [ with POSIX's argument-count rules (0-4 arguments decided by count),
 * then the classic -a/-o/!/( ) grammar beyond. Parsed by hand: operands can
 * look like options, which a generic option parser would mangle.
 */

const UNARY = new Set(["-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w", "-x", "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v", "-R"]);
const BINARY = new Set(["=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]);

class TestError {
  constructor(readonly message: string) {}
}

export const test: ShellBuiltin = (sh, argv, fds) => {
  // The common shapes (`[ $i -lt 10 ]`, `[ "$a" = b ]`, `[ -n "$x" ]`) need no filesystem: answered
  // without a promise, so loops over them stay on the interpreter's synchronous path.
  const end = argv[0] === "[" ? argv.length - 1 : argv.length;
  if (end === argv.length || argv[end] === "]") {
    const r = quickTest(argv, end);
    if (r !== undefined) return r;
  }
  return testAsync(sh, argv, fds);
};

/** Status of `test argv[1..end)` when it needs no filesystem and cannot fail, else undefined. */
function quickTest(a: string[], end: number): number | undefined {
  switch (end - 1) {
    case 1:
      return a[1] !== "" ? 0 : 1;
    case 2:
      if (a[1] === "!") return a[2] === "" ? 0 : 1;
      if (a[1] === "-n") return a[2] !== "" ? 0 : 1;
      if (a[1] === "-z") return a[2] === "" ? 0 : 1;
      return undefined;
    case 3: {
      const op = a[2];
      switch (op) {
        case "=":
        case "==":
          return a[1] === a[3] ? 0 : 1;
        case "!=":
          return a[1] !== a[3] ? 0 : 1;
        case "-eq":
        case "-ne":
        case "-lt":
        case "-le":
        case "-gt":
        case "-ge": {
          const x = quickInt(a[1]);
          const y = quickInt(a[3]);
          if (x === undefined || y === undefined) return undefined; // big or not a number: the full path
          const t = op === "-eq" ? x === y : op === "-ne" ? x !== y : op === "-lt" ? x < y : op === "-le" ? x <= y : op === "-gt" ? x > y : x >= y;
          return t ? 0 : 1;
        }
      }
      return undefined;
    }
  }
  return undefined;
}

/** A plain decimal of up to 15 digits (exact as a double), else undefined. */
function quickInt(s: string): number | undefined {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n || n - i > 15) return undefined;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(s);
}

const testAsync = async (sh: Shell, argv: string[], fds: FdTable): Promise<number> => {
  let args = argv.slice(1);
  const name = argv[0];
  if (name === "[") {
    if (args[args.length - 1] !== "]") {
      builtinError(sh, fds, "[", "missing `]'");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return (await evaluate(sh, args, fds)) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      builtinError(sh, fds, name, e.message);
      return 2;
    }
    throw e;
  }
};

async function evaluate(sh: Shell, a: string[], fds: FdTable): Promise<boolean> {
  switch (a.length) {
    case 0:
      return false;
    case 1:
      return a[0] !== "";
    case 2:
      if (a[0] === "!") return a[1] === "";
      if (UNARY.has(a[0])) return unaryTest(sh, a[0], a[1], fds, false);
      throw new TestError(`${a[0]}: unary operator expected`);
    case 3:
      if (BINARY.has(a[1])) return binary(sh, a[1], a[0], a[2]);
      if (a[1] === "-a" || a[1] === "-o") {
        const l = a[0] !== "";
        const r = a[2] !== "";
        return a[1] === "-a" ? l && r : l || r;
      }
      if (a[0] === "!") return !(await evaluate(sh, a.slice(1), fds));
      if (a[0] === "(" && a[2] === ")") return a[1] !== "";
      throw new TestError(`${a[1]}: binary operator expected`);
    case 4:
      if (a[0] === "!") return !(await evaluate(sh, a.slice(1), fds));
      if (a[0] === "(" && a[3] === ")") return evaluate(sh, a.slice(1, 3), fds);
  }
  const p = new ExprParser(sh, a, fds);
  const r = await p.or();
  if (p.i < a.length) throw new TestError("too many arguments");
  return r;
}

async function binary(sh: Shell, op: string, l: string, r: string): Promise<boolean> {
  if (op.length === 3 && op[0] === "-" && op !== "-nt" && op !== "-ot" && op !== "-ef") {
    const x = intArg(l);
    const y = intArg(r);
    switch (op) {
      case "-eq": return x === y;
      case "-ne": return x !== y;
      case "-lt": return x < y;
      case "-le": return x <= y;
      case "-gt": return x > y;
      default: return x >= y;
    }
  }
  return binaryTest(sh, op, l, r);
}

function intArg(s: string): bigint {
  const t = s.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new TestError(`${s}: integer expression expected`);
  const v = BigInt(t);
  // bash's legal_number: a value outside the 64-bit range is not an integer.
  if (v > 9223372036854775807n || v < -9223372036854775808n) throw new TestError(`${s}: integer expression expected`);
  return v;
}

class ExprParser {
  i = 0;
  constructor(
    private readonly sh: Shell,
    private readonly a: string[],
    private readonly fds: FdTable,
  ) {}

  async or(): Promise<boolean> {
    let l = await this.and();
    while (this.a[this.i] === "-o") {
      this.i++;
      const r = await this.and();
      l = l || r;
    }
    return l;
  }

  async and(): Promise<boolean> {
    let l = await this.not();
    while (this.a[this.i] === "-a") {
      this.i++;
      const r = await this.not();
      l = l && r;
    }
    return l;
  }

  async not(): Promise<boolean> {
    if (this.a[this.i] === "!") {
      this.i++;
      return !(await this.not());
    }
    return this.primary();
  }

  async primary(): Promise<boolean> {
    const a = this.a;
    const t = a[this.i];
    if (t === undefined) throw new TestError("argument expected");
    if (t === "(") {
      this.i++;
      const r = await this.or();
      if (a[this.i] !== ")") throw new TestError("`)' expected");
      this.i++;
      return r;
    }
    if (BINARY.has(a[this.i + 1] ?? "")) {
      this.i += 3;
      if (a[this.i - 1] === undefined) throw new TestError(`${a[this.i - 2]}: argument expected`);
      return binary(this.sh, a[this.i - 2], t, a[this.i - 1]);
    }
    if (UNARY.has(t) && a[this.i + 1] !== undefined) {
      this.i += 2;
      return unaryTest(this.sh, t, a[this.i - 1], this.fds, false);
    }
    this.i++;
    return t !== "";
  }
}
