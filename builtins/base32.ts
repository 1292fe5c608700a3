import type { CommandContext, CommandDef } from "./types.js";
import type { ByteBuilder } from "./_lib/output.js";
import { basencHelp, runBasenc, type Codec } from "./basenc/run.js";

/** base32 (GNU coreutils 9.1): RFC 4648 base32, see basenc/run.ts. */

const HELP = basencHelp("base32");

const EQ = 61;

/**
 * gnulib decode_8: exactly 8 chars; after the first two, '=' may start at
 * char 2, 4, 5 or 7 and must run to the end. Bytes before a bad char stay.
 */
function decodeGroup(g: Uint8Array, n: number, v: Int8Array, out: ByteBuilder): boolean {
  if (n < 8 || v[g[0]] < 0 || v[g[1]] < 0) return false;
  const padFrom = (i: number) => g.subarray(i, 8).every((c) => c === EQ);
  out.byte(((v[g[0]] << 3) | (v[g[1]] >> 2)) & 0xff);
  if (g[2] === EQ) return padFrom(3);
  if (v[g[2]] < 0 || v[g[3]] < 0) return false;
  out.byte(((v[g[1]] << 6) | (v[g[2]] << 1) | (v[g[3]] >> 4)) & 0xff);
  if (g[4] === EQ) return padFrom(5);
  if (v[g[4]] < 0) return false;
  out.byte(((v[g[3]] << 4) | (v[g[4]] >> 1)) & 0xff);
  if (g[5] === EQ) return padFrom(6);
  if (v[g[5]] < 0 || v[g[6]] < 0) return false;
  out.byte(((v[g[4]] << 7) | (v[g[5]] << 2) | (v[g[6]] >> 3)) & 0xff);
  if (g[7] === EQ) return true;
  if (v[g[7]] < 0) return false;
  out.byte(((v[g[6]] << 5) | v[g[7]]) & 0xff);
  return true;
}

const BASE32: Codec = {
  alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  block: 5,
  group: 8,
  decodeGroup,
};

export const base32: CommandDef = {
  name: "base32",
  help: HELP,
  run: (ctx: CommandContext) => runBasenc(ctx, BASE32, HELP),
};
