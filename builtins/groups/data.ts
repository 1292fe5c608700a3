import type { CommandDef } from "../types.js";
import { od } from "../od.js";
import { base64 } from "../base64.js";
import { base32 } from "../base32.js";

/** Commands of this group (encodings, digests, comparing, calculators), registered in builtins/index.ts. */
export const commands: CommandDef[] = [od, base64, base32];
