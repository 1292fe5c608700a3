import type { CommandDef } from "../types.js";
import { od } from "../od.js";
import { base64 } from "../base64.js";
import { base32 } from "../base32.js";
import { md5sum } from "../md5sum.js";
import { sha1sum } from "../sha1sum.js";
import { sha224sum } from "../sha224sum.js";
import { sha256sum } from "../sha256sum.js";
import { sha384sum } from "../sha384sum.js";
import { sha512sum } from "../sha512sum.js";
import { cksum } from "../cksum.js";
import { b2sum } from "../b2sum.js";
import { sum } from "../sum.js";
import { xxd } from "../xxd.js";
import { hexdump } from "../hexdump.js";
import { strings } from "../strings.js";
import { diff } from "../diff.js";
import { cmp } from "../cmp.js";
import { patch } from "../patch.js";
import { bc } from "../bc.js";
import { factor } from "../factor.js";
import { numfmt } from "../numfmt.js";
import { iconv } from "../iconv.js";

/** Commands of this group (encodings, digests, comparing, calculators), registered in builtins/index.ts. */
export const commands: CommandDef[] = [od, base64, base32, md5sum, sha1sum, sha224sum, sha256sum, sha384sum, sha512sum, cksum, b2sum, sum, xxd, hexdump, strings, diff, cmp, patch, bc, factor, numfmt, iconv];
