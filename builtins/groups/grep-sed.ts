import type { CommandDef } from "../types.js";
import { egrep, fgrep, grep } from "../grep.js";

/** Commands of this group, registered in builtins/index.ts. */
export const commands: CommandDef[] = [grep, egrep, fgrep];
