/**
 * Operator semantics shared by the synchronous closures and the asynchronous
 * path: arithmetic (gawk's integer powers by squaring, fatal division by zero),
 * POSIX comparisons (numeric when both sides are numeric, else strings; gawk's
 * IGNORECASE folds string comparisons), and completion codes of statements.
 */
import { AwkFatal } from "./diagnostics.js";
import type { Runtime } from "./runtime.js";
import { isNumeric, NEG_NAN, toNum, type Value } from "./values.js";

/** What a statement tells its enclosing statement. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const NEXT = 3;
export const NEXTFILE = 4;
export const EXIT = 5;
export const RETURN = 6;

/** Unwinds `next`/`nextfile`/`exit` out of a function call to the rule running it. */
export class ControlSignal {
  constructor(readonly code: number) {}
}

function powPosInt(x: number, n: number): number {
  let mult = 1;
  while (n > 1) {
    if (n % 2 === 1) mult *= x;
    x *= x;
    n = Math.floor(n / 2);
  }
  return mult * x;
}

/** gawk's calc_exp: integral exponents by repeated squaring, others by pow(). */
export function power(x: number, y: number): number {
  if (Number.isInteger(y) && Math.abs(y) < 2 ** 63) {
    if (y === 0) return 1;
    return y > 0 ? powPosInt(x, y) : 1 / powPosInt(x, -y);
  }
  const r = Math.pow(x, y);
  // glibc's pow returns the x86 default NaN (sign bit set) for a negative base.
  return r !== r && x === x && y === y ? NEG_NAN : r;
}

export function divide(a: number, b: number, line: number): number {
  if (b === 0) throw new AwkFatal("division by zero attempted", line);
  return a / b;
}

export function modulo(a: number, b: number, line: number): number {
  if (b === 0) throw new AwkFatal("division by zero attempted in `%'", line);
  return a % b;
}

export function arith(op: string, a: number, b: number, line: number): number {
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return divide(a, b, line);
    case "%": return modulo(a, b, line);
    default: return power(a, b);
  }
}

/** -1, 0, 1 for strings under IGNORECASE rules. */
export function compareStrings(a: string, b: string, ic: boolean): number {
  if (ic) {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function relation(op: string, c: number): boolean {
  switch (op) {
    case "<": return c < 0;
    case "<=": return c <= 0;
    case "==": return c === 0;
    case "!=": return c !== 0;
    case ">": return c > 0;
    default: return c >= 0;
  }
}

function numRelation(op: string, a: number, b: number): boolean {
  switch (op) {
    case "<": return a < b;
    case "<=": return a <= b;
    case "==": return a === b;
    case "!=": return a !== b;
    case ">": return a > b;
    default: return a >= b;
  }
}

/** a op b under POSIX rules. */
export function compareValues(op: string, a: Value, b: Value, rt: Runtime): boolean {
  if (isNumeric(a) && isNumeric(b)) return numRelation(op, toNum(a), toNum(b));
  return relation(op, compareStrings(rt.str(a), rt.str(b), rt.ic));
}

export function compareNumbers(op: string, a: number, b: number): boolean {
  return numRelation(op, a, b);
}

export function compareStr(op: string, a: string, b: string, ic: boolean): boolean {
  if (!ic) {
    switch (op) {
      case "==": return a === b;
      case "!=": return a !== b;
    }
  }
  return relation(op, compareStrings(a, b, ic));
}
