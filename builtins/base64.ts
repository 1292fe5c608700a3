import type { CommandContext, CommandDef } from "./types.js";
import type { ByteBuilder } from "./_lib/output.js";
import { basencHelp, runBasenc, type Codec } from "./basenc/run.js";

/** base64 (GNU coreutils 9.1): RFC 4648 base64, see basenc/run.ts. */

const HELP = basencHelp("base64");

const EQ = 61;

/** gnulib decode_4: a group of up to 4 chars, '=' padding only at its end. */
function decodeGroup(g: Uint8Array, n: number, v: Int8Array, out: ByteBuilder): boolean {
  if (n < 2 || v[g[0]] < 0 || v[g[1]] < 0) return false;
  out.byte(((v[g[0]] << 2) | (v[g[1]] >> 4)) & 0xff);
  if (n === 2) return false;
  if (g[2] === EQ) return n === 4 && g[3] === EQ;
  if (v[g[2]] < 0) return false;
  out.byte(((v[g[1]] << 4) | (v[g[2]] >> 2)) & 0xff);
  if (n === 3) return false;
  if (g[3] === EQ) return true;
  if (v[g[3]] < 0) return false;
  out.byte(((v[g[2]] << 6) | v[g[3]]) & 0xff);
  return true;
}

const BASE64: Codec = {
  alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  block: 3,
  group: 4,
  decodeGroup,
};

export const base64: CommandDef = {
  name: "base64",
  help: HELP,
  run: (ctx: CommandContext) => runBasenc(ctx, BASE64, HELP),
};
