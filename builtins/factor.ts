import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { quoteValue } from "./_lib/quote.js";
import { readLineBatches } from "./_lib/lines.js";
import { decodeUtf8, encodeUtf8 } from "../src/io/utf8.js";

/**
 * factor (GNU coreutils 9.1): prime factors in ascending order, by trial
 * division, Miller-Rabin and Pollard-Brent rho on BigInt. Numbers of 2^127
 * and more take GNU's GMP path, whose lines are written at once while the
 * others wait in the 4 KiB stdout buffer, which this reproduces.
 */

const HELP = `Usage: factor [NUMBER]...
  or:  factor OPTION
Print the prime factors of each specified integer NUMBER.  If none
are specified on the command line, read them from standard input.
`;

const SMALL_PRIMES: number[] = (() => {
  const out: number[] = [];
  const sieve = new Uint8Array(1000);
  for (let i = 2; i < 1000; i++) {
    if (sieve[i]) continue;
    out.push(i);
    for (let j = i * i; j < 1000; j += i) sieve[j] = 1;
  }
  return out;
})();

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/** Miller-Rabin with the first primes as bases (deterministic below 3.3e24). */
function isPrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of SMALL_PRIMES.slice(0, 25)) {
    const bp = BigInt(p);
    if (n === bp) return true;
    if (n % bp === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  const bases = n < 3317044064679887385961981n ? SMALL_PRIMES.slice(0, 13) : SMALL_PRIMES.slice(0, 20);
  outer: for (const a of bases) {
    let x = modPow(BigInt(a), d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** Pollard-Brent rho: a nontrivial factor of the composite n. */
function rho(n: bigint, step: () => void): bigint {
  for (let c = 1n; ; c++) {
    let y = 2n;
    let x = y;
    let g = 1n;
    let r = 1;
    let q = 1n;
    let ys = y;
    const f = (v: bigint) => (v * v + c) % n;
    do {
      x = y;
      for (let i = 0; i < r; i++) y = f(y);
      let k = 0;
      do {
        ys = y;
        const m = Math.min(128, r - k);
        for (let i = 0; i < m; i++) {
          y = f(y);
          q = (q * (x > y ? x - y : y - x)) % n;
        }
        g = gcd(q, n);
        k += m;
        step();
      } while (k < r && g === 1n);
      r *= 2;
    } while (g === 1n);
    if (g === n) {
      do {
        ys = f(ys);
        g = gcd(x > ys ? x - ys : ys - x, n);
      } while (g === 1n);
    }
    if (g !== n) return g;
  }
}

export function factorize(n: bigint, step: () => void): bigint[] {
  const out: bigint[] = [];
  for (const p of SMALL_PRIMES) {
    const bp = BigInt(p);
    if (bp * bp > n) break;
    while (n % bp === 0n) {
      out.push(bp);
      n /= bp;
    }
  }
  const stack = n > 1n ? [n] : [];
  while (stack.length) {
    const m = stack.pop()!;
    if (isPrime(m)) {
      out.push(m);
      continue;
    }
    const d = rho(m, step);
    stack.push(d, m / d);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// GNU uses its two-word arithmetic below 2^127, GMP from there on.
const GMP_LIMIT = 1n << 127n;

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, {} as OptionSpec, { help: HELP });
  if (typeof opts === "number") return opts;
  let status = 0;
  let buffered = "";
  const flush = async () => {
    if (buffered) await ctx.stdout.write(encodeUtf8(buffered));
    buffered = "";
  };
  const one = async (token: string) => {
    if (!/^[ \t\n\v\f\r]*\+?[0-9]+$/.test(token)) {
      ctx.stderr.write(`factor: ${quoteValue(token)} is not a valid positive integer\n`);
      status = 1;
      return;
    }
    const n = BigInt(token.trim().replace(/^\+/, ""));
    const line = `${n}:${factorize(n, () => ctx.budget.step()).map((f) => " " + f).join("")}\n`;
    if (n >= GMP_LIMIT) await ctx.stdout.write(encodeUtf8(line));
    else {
      if (buffered.length + line.length > 4096) await flush();
      buffered += line;
    }
  };
  if (opts.operands.length) {
    for (const a of opts.operands) await one(a);
  } else {
    let carry = "";
    for await (const batch of readLineBatches(ctx.stdin)) {
      for (const l of batch) {
        for (const tok of (carry + decodeUtf8(l.bytes)).split(/[ \t\n\v\f\r]+/)) if (tok) await one(tok);
        carry = "";
      }
    }
  }
  await flush();
  return status;
}

export const factor: CommandDef = { name: "factor", help: HELP, run };
