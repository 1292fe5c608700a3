import type { CommandDef } from "../types.js";
import { egrep, fgrep, grep } from "../grep.js";
import { sed } from "../sed.js";

/** Commands of this group, registered in builtins/index.ts. */
export const commands: CommandDef[] = [grep, egrep, fgrep, sed];
