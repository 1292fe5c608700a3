import type { CommandContext } from "../types.js";
import { parseOptions, usageError, type OptionSpec, type ParsedOptions } from "../_lib/options.js";
import { quoteValue } from "../_lib/quote.js";
import { encodeUtf8 } from "../../src/io/utf8.js";
import { ALGORITHMS, tagFor, toHex, type Algorithm } from "./algorithms.js";
import { checkFile, newCheckState, type CheckSettings } from "./check.js";
import { digestOperand, escapeName, type DigestResult } from "./file.js";

/**
 * The GNU digest programs (coreutils 9.1 digest.c): md5sum, sha*sum, b2sum (a
 * fixed algorithm, -b/-t, --tag) and cksum (-a, CRC by default, tagged
 * digests, --untagged), printing "digest  name" lines or checking them (-c).
 */

export interface DigestProgram {
  /** The fixed algorithm; null for cksum. */
  algorithm: Algorithm | null;
  help: string;
}

const CHECK_OPTIONS: OptionSpec = {
  check: { short: "c", long: "check" },
  zero: { short: "z", long: "zero" },
  ignoreMissing: { long: "ignore-missing" },
  quiet: { long: "quiet" },
  status: { long: "status" },
  strict: { long: "strict" },
  warn: { short: "w", long: "warn" },
};

const SUM_SPEC: OptionSpec = {
  binary: { short: "b", long: "binary" },
  tag: { long: "tag" },
  text: { short: "t", long: "text" },
  ...CHECK_OPTIONS,
};

const B2SUM_SPEC: OptionSpec = { ...SUM_SPEC, length: { short: "l", long: "length", arg: "required" } };

const CKSUM_SPEC: OptionSpec = {
  algorithm: { short: "a", long: "algorithm", arg: "required" },
  debug: { long: "debug" },
  length: { short: "l", long: "length", arg: "required" },
  tag: { long: "tag" },
  untagged: { long: "untagged" },
  ...CHECK_OPTIONS,
};

/** How output lines look. */
export interface LineFormat {
  tagged: boolean;
  binary: boolean;
  delim: string;
  /** Whether file operands were given (the legacy formats then print the name). */
  args: boolean;
  bits: number;
}

/** One output line in the algorithm's format. */
export function formatLine(algorithm: Algorithm, file: string, r: DigestResult, f: LineFormat): string {
  const named = f.args ? ` ${file}` : "";
  const value = algorithm.legacy ? new DataView(r.digest.buffer).getUint32(0, false) : 0;
  if (algorithm.legacy === "crc") return `${value} ${r.length}${named}${f.delim}`;
  if (algorithm.legacy === "bsd") {
    return `${String(value).padStart(5, "0")} ${String(Math.ceil(r.length / 1024)).padStart(5)}${named}${f.delim}`;
  }
  if (algorithm.legacy === "sysv") return `${value} ${Math.ceil(r.length / 512)}${named}${f.delim}`;
  const { text, escaped } = f.delim === "\n" ? escapeName(file) : { text: file, escaped: false };
  const lead = escaped ? "\\" : "";
  const hex = toHex(r.digest);
  if (f.tagged) return `${lead}${tagFor(algorithm, f.bits)} (${text}) = ${hex}${f.delim}`;
  return `${lead}${hex} ${f.binary ? "*" : " "}${text}${f.delim}`;
}

/** Runs md5sum/sha*sum/b2sum (program.algorithm set) or cksum. */
export async function runDigest(ctx: CommandContext, program: DigestProgram): Promise<number> {
  const isCksum = program.algorithm === null;
  const spec = isCksum ? CKSUM_SPEC : program.algorithm!.name === "blake2b" ? B2SUM_SPEC : SUM_SPEC;
  const opts = parseOptions(ctx, spec, { help: program.help });
  if (typeof opts === "number") return opts;
  let algorithm = program.algorithm ?? ALGORITHMS[2];
  let binary: boolean | null = null;
  let tagged = isCksum;
  let mode: "normal" | "status" | "warn" | "quiet" = "normal";
  for (const { key, value } of opts.order) {
    if (key === "algorithm") {
      // cksum takes exact names only.
      const found = ALGORITHMS.find((a) => a.name === value);
      if (!found) return invalidAlgorithm(ctx, value as string);
      algorithm = found;
    } else if (key === "binary") binary = true;
    else if (key === "text") binary = false;
    else if (key === "tag") {
      tagged = true;
      if (!isCksum) binary = true;
    } else if (key === "untagged") tagged = false;
    else if (key === "status" || key === "warn" || key === "quiet") mode = key;
  }
  const bits = digestBits(ctx, opts, algorithm, isCksum);
  if (typeof bits === "string") return 1;
  const failure = validate(ctx, opts, { isCksum, algorithm, binary, mode });
  if (failure !== null) return failure;
  const operands = opts.operands.length ? opts.operands : ["-"];
  let ok = true;
  if (opts.has("check")) {
    const settings: CheckSettings = {
      fixed: isCksum && !opts.has("algorithm") ? null : algorithm,
      bits: opts.has("length") ? bits : null,
      ignoreMissing: opts.has("ignoreMissing"),
      mode,
      strict: opts.has("strict"),
    };
    const state = newCheckState(settings.fixed);
    for (const operand of operands) ok = (await checkFile(ctx, operand, settings, state)) && ok;
    return ok ? 0 : 1;
  }
  const format: LineFormat = { tagged, binary: binary === true, delim: opts.has("zero") ? "\0" : "\n", args: opts.operands.length > 0, bits };
  for (const operand of operands) {
    const r = await digestOperand(ctx, operand, algorithm, bits);
    if (!r || r === "missing") {
      ok = false;
      continue;
    }
    if (r.silentFailure) ok = false;
    await ctx.stdout.write(encodeUtf8(formatLine(algorithm, operand, r, format)));
  }
  return ok ? 0 : 1;
}

function invalidAlgorithm(ctx: CommandContext, value: string): number {
  const list = ALGORITHMS.map((a) => `  - ${quoteValue(a.name)}`).join("\n");
  ctx.stderr.write(
    `cksum: invalid argument ${quoteValue(value)} for ${quoteValue("--algorithm")}\nValid arguments are:\n${list}\n` +
      "Try 'cksum --help' for more information.\n",
  );
  return 1;
}

/** -l for BLAKE2b: a multiple of 8 up to 512 (0: the full 512); otherwise the algorithm's size. */
function digestBits(ctx: CommandContext, opts: ParsedOptions, algorithm: Algorithm, isCksum: boolean): number | string {
  const text = opts.get("length");
  if (text === undefined) return algorithm.bits;
  const fail = (message: string) => {
    ctx.stderr.write(`${ctx.name}: ${message}\n`);
    return message;
  };
  if (isCksum && algorithm.name !== "blake2b") return fail("--length is only supported with --algorithm=blake2b");
  if (!/^\d+$/.test(text)) return fail(`invalid length: ${quoteValue(text)}`);
  const n = Number(text);
  if (n % 8 !== 0) {
    fail(`invalid length: ${quoteValue(text)}`);
    return fail("length is not a multiple of 8");
  }
  if (n > 512) {
    fail(`invalid length: ${quoteValue(text)}`);
    return fail(`maximum digest length for ${quoteValue("BLAKE2b")} is 512 bits`);
  }
  return n === 0 ? 512 : n;
}

/** GNU's checks of option combinations, in its order; a status to exit with, or null. */
function validate(
  ctx: CommandContext,
  opts: ParsedOptions,
  s: { isCksum: boolean; algorithm: Algorithm; binary: boolean | null; mode: string },
): number | null {
  const check = opts.has("check");
  const usage = (message: string) => usageError(ctx, message).status;
  if (s.isCksum && check && s.algorithm.legacy && opts.has("algorithm")) {
    ctx.stderr.write(`${ctx.name}: --check is not supported with --algorithm={bsd,sysv,crc}\n`);
    return 1;
  }
  if (!s.isCksum && opts.has("tag") && s.binary === false) return usage("--tag does not support --text mode");
  if (opts.has("zero") && check) return usage("the --zero option is not supported when verifying checksums");
  if (!s.isCksum && opts.has("tag") && check) return usage("the --tag option is meaningless when verifying checksums");
  if (s.binary !== null && check) return usage("the --binary and --text options are meaningless when verifying checksums");
  if (opts.has("ignoreMissing") && !check) return usage("the --ignore-missing option is meaningful only when verifying checksums");
  if (s.mode !== "normal" && !check) return usage(`the --${s.mode} option is meaningful only when verifying checksums`);
  if (opts.has("strict") && !check) return usage("the --strict option is meaningful only when verifying checksums");
  return null;
}
