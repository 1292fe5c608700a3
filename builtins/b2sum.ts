import type { CommandDef } from "./types.js";
import { algorithmNamed } from "./digest/algorithms.js";
import { runDigest } from "./digest/run.js";

/** b2sum (GNU coreutils 9.1): BLAKE2b, -l BITS; see digest/run.ts. */

const HELP = `Usage: b2sum [OPTION]... [FILE]...
Print or check BLAKE2b (512-bit) checksums.

With no FILE, or when FILE is -, read standard input.

  -b, --binary         read in binary mode
  -c, --check          read BLAKE2b sums from the FILEs and check them
  -l, --length=BITS    digest length in bits; must not exceed the max for
                         the blake2 algorithm and must be a multiple of 8
      --tag            create a BSD-style checksum
  -t, --text           read in text mode (default)
  -z, --zero           end each output line with NUL, not newline,
                       and disable file name escaping
`;

export const b2sum: CommandDef = {
  name: "b2sum",
  help: HELP,
  run: (ctx) => runDigest(ctx, { algorithm: algorithmNamed("blake2b"), help: HELP }),
};
