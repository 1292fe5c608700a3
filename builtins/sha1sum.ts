import type { CommandDef } from "./types.js";
import { algorithmNamed } from "./digest/algorithms.js";
import { runDigest } from "./digest/run.js";

/** sha1sum (GNU coreutils 9.1): see digest/run.ts. */

const HELP = `Usage: sha1sum [OPTION]... [FILE]...
Print or check SHA1 checksums.

With no FILE, or when FILE is -, read standard input.

  -b, --binary         read in binary mode
  -c, --check          read SHA1 sums from the FILEs and check them
      --tag            create a BSD-style checksum
  -t, --text           read in text mode (default)
  -z, --zero           end each output line with NUL, not newline,
                       and disable file name escaping
`;

export const sha1sum: CommandDef = {
  name: "sha1sum",
  help: HELP,
  run: (ctx) => runDigest(ctx, { algorithm: algorithmNamed("sha1"), help: HELP }),
};
