/**
 * Arithmetic builtins, gawk's rand() (its own copy of BSD random(3), TYPE_4,
 * seeded with 1, two draws per call, so sequences match gawk's), the bit
 * operations on 53-bit integers, and the time functions in the sandbox zone.
 */
import { localTime, strftime as cStrftime, fromLocal, zoneOf } from "../_lib/time.js";
import type { Expr } from "./ast.js";
import type { Compiler, Ex } from "./compile.js";
import { AwkFatal } from "./diagnostics.js";
import type { Runtime } from "./runtime.js";
import { NEG_NAN } from "./values.js";

export const MATH_BUILTINS = new Set([
  "int", "sqrt", "exp", "log", "sin", "cos", "atan2", "rand", "srand", "and", "or", "xor",
  "lshift", "rshift", "compl", "strftime", "systime", "mktime",
]);

const DEG = 63;
const SEP = 1;

/**
 * BSD random(3) as gawk ships it (support/random.c): a 63-word additive
 * feedback state seeded by Park-Miller, behind a 512-entry shuffle buffer.
 */
export class BsdRandom {
  private state = new Uint32Array(DEG);
  private f = SEP;
  private r = 0;
  private shuffle = new Array<number>(512);
  private shuffleInit = true;
  private last = 0;

  constructor(seed = 1) {
    this.seed(seed);
  }

  private static goodRand(x: number): number {
    x |= 0;
    if (x === 0) x = 123459876;
    const hi = (x / 127773) | 0;
    const lo = x % 127773;
    x = 16807 * lo - 2836 * hi;
    if (x < 0) x += 0x7fffffff;
    return x >>> 0;
  }

  seed(seed: number): void {
    const s = this.state;
    this.shuffleInit = true;
    s[0] = seed >>> 0;
    for (let i = 1; i < DEG; i++) s[i] = BsdRandom.goodRand(s[i - 1]);
    this.f = SEP;
    this.r = 0;
    for (let i = 0; i < 10 * DEG; i++) this.next();
  }

  private raw(): number {
    const s = this.state;
    s[this.f] = (s[this.f] + s[this.r]) >>> 0;
    const v = (s[this.f] >>> 1) & 0x7fffffff;
    if (++this.f >= DEG) {
      this.f = 0;
      ++this.r;
    } else if (++this.r >= DEG) this.r = 0;
    return v;
  }

  next(): number {
    if (this.shuffleInit) {
      for (let k = 0; k < 512; k++) this.shuffle[k] = this.raw();
      this.last = this.raw();
      this.shuffleInit = false;
    }
    const x = this.raw();
    const k = this.last & 511;
    this.last = this.shuffle[k];
    this.shuffle[k] = x;
    return this.last;
  }

  /** gawk's rand(): two draws for 53 bits of randomness. */
  rand(): number {
    const div = 2147483648;
    for (;;) {
      const d1 = this.next();
      const d2 = this.next();
      let t = 0.5 + (d1 / div + d2) / div;
      t -= 0.5;
      if (t !== 1) return t;
    }
  }
}

const MAX53 = 2 ** 53;

function toUint(v: number, fname: string, what: string): bigint {
  if (v < 0) throw new AwkFatal(`${fname}: ${what} negative value ${v} is not allowed`);
  return BigInt(Math.trunc(v));
}

/**
 * gawk's adjust_uint: drops the high bits a double cannot hold exactly,
 * keeping 53 bits from the lowest set bit (at most 11 bits up).
 */
function fromUint(u: bigint): number {
  let shift = 0n;
  for (let v = u | (1n << 11n); (v & 1n) === 0n; v >>= 1n) shift++;
  return Number(u & (BigInt(MAX53 - 1) << shift));
}

function bitOp(name: string, vals: number[]): number {
  let acc = name === "and" ? (1n << 64n) - 1n : 0n;
  vals.forEach((v, i) => {
    const u = toUint(v, name, `argument ${vals.length - i}`);
    if (name === "and") acc &= u;
    else if (name === "or") acc |= u;
    else acc ^= u;
  });
  return fromUint(acc);
}

function mktime(rt: Runtime, spec: string, utc: boolean): number {
  const parts = spec.trim().split(/[ \t\n]+/);
  if (parts.length < 6 || parts.length > 7) return -1;
  const n = parts.map((p) => Math.trunc(Number(p)));
  if (n.some((x) => Number.isNaN(x))) return -1;
  const [y, mo, d, h, mi, s] = n;
  const zone = utc ? "UTC" : zoneOf(rt.ctx);
  // Out-of-range fields normalise like mktime(3): build in UTC then correct for the zone.
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const w = new Date(wall);
  const ms = fromLocal(zone, w.getUTCFullYear(), w.getUTCMonth() + 1, w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds());
  return Math.floor(ms / 1000);
}

export function compileMathBuiltin(c: Compiler, e: Extract<Expr, { k: "builtin" }>): Ex {
  const args = e.args;
  const nums = args.map((a) => c.cn(a));
  const [a0, a1] = nums;
  const line = e.line;
  switch (e.name) {
    case "int": return (rt) => Math.trunc(a0(rt));
    case "sqrt": return (rt) => {
      const x = a0(rt);
      if (x < 0) rt.warn(`sqrt: received negative argument ${rt.fmtNum("%g", x)}`, line);
      return Math.sqrt(x);
    };
    case "exp": return (rt) => {
      const x = a0(rt);
      const r = Math.exp(x);
      if (r === Infinity || (r === 0 && x !== -Infinity && x < -745)) rt.warn(`exp: argument ${rt.fmtNum("%g", x)} is out of range`, line);
      return r;
    };
    case "log": return (rt) => {
      const x = a0(rt);
      if (x < 0) {
        rt.warn(`log: received negative argument ${rt.fmtNum("%g", x)}`, line);
        return NEG_NAN;
      }
      return Math.log(x);
    };
    case "sin": return (rt) => Math.sin(a0(rt));
    case "cos": return (rt) => Math.cos(a0(rt));
    case "atan2": return (rt) => Math.atan2(a0(rt), a1(rt));
    case "rand": return (rt) => rt.random.rand();
    case "srand":
      return (rt) => {
        const prev = rt.seed;
        const seed = args.length ? Math.trunc(a0(rt)) : Math.floor(rt.ctx.sandbox.now() / 1000);
        rt.seed = seed;
        rt.random.seed(Number(BigInt.asUintN(32, BigInt(Number.isFinite(seed) ? seed : 0))));
        return prev;
      };
    case "and": case "or": case "xor":
      return (rt) => bitOp(e.name, nums.map((f) => f(rt)));
    case "lshift": case "rshift":
      return (rt) => {
        const v = a0(rt), s = a1(rt);
        if (v < 0 || s < 0) throw new AwkFatal(`${e.name}(${v.toFixed(6)}, ${s.toFixed(6)}): negative values are not allowed`, line);
        if (s >= 64) return 0;
        const u = BigInt(Math.trunc(v)), sh = BigInt(Math.trunc(s));
        return fromUint(BigInt.asUintN(64, e.name === "lshift" ? u << sh : u >> sh));
      };
    case "compl":
      return (rt) => {
        const v = a0(rt);
        if (v < 0) throw new AwkFatal(`compl(${v.toFixed(6)}): negative value is not allowed`, line);
        return fromUint(BigInt.asUintN(64, ~BigInt(Math.trunc(v))));
      };
    case "systime":
      return (rt) => Math.floor(rt.ctx.sandbox.now() / 1000);
    case "mktime": {
      const spec = c.cs(args[0]);
      const utc = args[1] ? c.cb(args[1]) : null;
      return (rt) => mktime(rt, spec(rt), utc ? utc(rt) : false);
    }
    case "strftime": {
      const fmt = args[0] ? c.cs(args[0]) : null;
      const ts = args[1] ? c.cn(args[1]) : null;
      const utc = args[2] ? c.cb(args[2]) : null;
      return (rt) => {
        const f = fmt ? fmt(rt) : rt.str(rt.procinfo("strftime") ?? "%a %b %e %H:%M:%S %Z %Y");
        const t = ts ? Math.trunc(ts(rt)) : Math.floor(rt.ctx.sandbox.now() / 1000);
        if (t < 0 && ts) throw new AwkFatal("strftime: second argument less than 0 or too big for time_t", line);
        if (utc && utc(rt)) return cStrftime(f, { ...localTime(t * 1000, "UTC"), zone: "GMT" });
        return cStrftime(f, localTime(t * 1000, zoneOf(rt.ctx)));
      };
    }
  }
  throw new AwkFatal(`function \`${e.name}' not defined`, line);
}
