import type { CommandDef } from "./types.js";
import { algorithmNamed } from "./digest/algorithms.js";
import { runDigest } from "./digest/run.js";

/** sha256sum (GNU coreutils 9.1): see digest/run.ts. */

const HELP = `Usage: sha256sum [OPTION]... [FILE]...
Print or check SHA256 checksums.

With no FILE, or when FILE is -, read standard input.

  -b, --binary         read in binary mode
  -c, --check          read SHA256 sums from the FILEs and check them
      --tag            create a BSD-style checksum
  -t, --text           read in text mode (default)
  -z, --zero           end each output line with NUL, not newline,
                       and disable file name escaping
`;

export const sha256sum: CommandDef = {
  name: "sha256sum",
  help: HELP,
  run: (ctx) => runDigest(ctx, { algorithm: algorithmNamed("sha256"), help: HELP }),
};
