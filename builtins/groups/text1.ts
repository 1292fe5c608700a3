import type { CommandDef } from "../types.js";

/** Commands of this group, registered in builtins/index.ts. */
export const commands: CommandDef[] = [];
