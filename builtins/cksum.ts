import type { CommandDef } from "./types.js";
import { runDigest } from "./digest/run.js";

/** cksum (GNU coreutils 9.1): CRC-32 by default, -a for the other digests; see digest/run.ts. */

const HELP = `Usage: cksum [OPTION]... [FILE]...
Print or verify checksums.
By default use the 32 bit CRC algorithm.

With no FILE, or when FILE is -, read standard input.
`;

export const cksum: CommandDef = {
  name: "cksum",
  help: HELP,
  run: (ctx) => runDigest(ctx, { algorithm: null, help: HELP }),
};
