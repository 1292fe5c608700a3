import type { CommandDef } from "../types.js";
import { awk, gawk } from "../awk/awk.js";

/** Commands of this group, registered in builtins/index.ts. */
export const commands: CommandDef[] = [awk, gawk];
