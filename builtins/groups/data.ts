import type { CommandDef } from "../types.js";
import { od } from "../od.js";

/** Commands of this group (encodings, digests, comparing, calculators), registered in builtins/index.ts. */
export const commands: CommandDef[] = [od];
