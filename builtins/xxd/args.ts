/**
 * xxd's own argument scanner (it uses no getopt): options are recognised by
 * their first two characters ("-ps", "-cols 8", "-c8", "--len 4"), values are
 * read with strtol base 0, scanning stops at the first operand, and anything
 * unknown prints the usage.
 */

export type HexType = "normal" | "bits" | "little" | "plain" | "include";

export interface XxdArgs {
  autoskip: boolean;
  hexType: HexType;
  upper: boolean;
  capitalize: boolean;
  decimal: boolean;
  revert: boolean;
  ebcdic: boolean;
  version: boolean;
  cols: number | null;
  group: number | null;
  displayOffset: bigint;
  seek: { value: number; relative: boolean; negative: boolean } | null;
  length: number;
  name: string | null;
  operands: string[];
}

/** C strtol(s, NULL, 0): leading blanks, sign, 0x/0 prefixes, as many digits as fit; 0 if none. */
export function strtol(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)?/.exec(s)!;
  if (!m[2]) return 0;
  const digits = m[2];
  let v = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits[0] === "0" ? parseInt(digits, 8) : Number(digits);
  if (!Number.isFinite(v) || v > Number.MAX_SAFE_INTEGER) v = Number.MAX_SAFE_INTEGER;
  return m[1] === "-" ? -v : v;
}

/** Parses argv; null means "print the usage and exit 1". */
export function parseXxdArgs(argv: string[]): XxdArgs | null {
  const a: XxdArgs = {
    autoskip: false, hexType: "normal", upper: false, capitalize: false, decimal: false, revert: false,
    ebcdic: false, version: false, cols: null, group: null, displayOffset: 0n, seek: null, length: -1, name: null,
    operands: [],
  };
  let i = 0;
  // An option's value: attached unless the rest spells the long name, else the next argument.
  const value = (pp: string, longRest: string): string | null => {
    if (pp.length > 2 && !pp.startsWith(longRest, 2)) return pp.slice(2);
    if (i + 1 >= argv.length) return null;
    return argv[++i];
  };
  for (; i < argv.length; i++) {
    const arg = argv[i];
    const pp = arg.startsWith("--") && arg.length > 2 ? arg.slice(1) : arg;
    const opt = pp.slice(0, 2);
    if (opt === "-a") a.autoskip = !a.autoskip;
    else if (opt === "-b") a.hexType = "bits";
    else if (opt === "-e") a.hexType = "little";
    else if (opt === "-u") a.upper = true;
    else if (opt === "-p") a.hexType = "plain";
    else if (opt === "-i") a.hexType = "include";
    else if (opt === "-C") a.capitalize = true;
    else if (opt === "-d") a.decimal = true;
    else if (opt === "-r") a.revert = true;
    else if (opt === "-E") a.ebcdic = true;
    else if (opt === "-v") {
      a.version = true;
      return a;
    } else if (opt === "-c") {
      if (pp.length > 2 && pp.startsWith("apitalize", 2)) a.capitalize = true;
      else {
        const v = value(pp, "ols");
        if (v === null) return null;
        a.cols = strtol(v);
      }
    } else if (opt === "-g") {
      const v = value(pp, "roup");
      if (v === null) return null;
      a.group = strtol(v);
    } else if (opt === "-o") {
      const attached = pp.length > 2 && !pp.startsWith("ffset", 2);
      const v = value(pp, "ffset");
      if (v === null) return null;
      const rel = !attached && v[0] === "+" ? 1 : 0;
      const neg = !attached && v[rel] === "-";
      const n = BigInt(Math.abs(strtol(v.slice(rel + (neg ? 1 : 0)))));
      a.displayOffset = neg ? (1n << 64n) - n : n;
    } else if (opt === "-s") {
      const attached = pp.length > 2 && !pp.startsWith("kip", 2) && !pp.startsWith("eek", 2);
      const v = attached ? pp.slice(2) : i + 1 < argv.length ? argv[++i] : null;
      if (v === null) return null;
      const relative = v[0] === "+";
      const negative = v[relative ? 1 : 0] === "-";
      a.seek = { value: strtol(v.slice((relative ? 1 : 0) + (negative ? 1 : 0))), relative, negative };
    } else if (opt === "-l") {
      const v = value(pp, "en");
      if (v === null) return null;
      a.length = strtol(v);
    } else if (opt === "-n") {
      const v = value(pp, "ame");
      if (v === null) return null;
      a.name = v;
    } else if (pp === "--") {
      i++;
      break;
    } else if (pp[0] === "-" && pp.length > 1) return null;
    else break;
  }
  a.operands = argv.slice(i);
  return a;
}
