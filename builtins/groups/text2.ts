import type { CommandDef } from "../types.js";
import { sort } from "../sort.js";

/** Commands of this group, registered in builtins/index.ts. */
export const commands: CommandDef[] = [sort];
