import type { CommandDef } from "../types.js";
import { sort } from "../sort.js";
import { uniq } from "../uniq.js";

/** Commands of this group, registered in builtins/index.ts. */
export const commands: CommandDef[] = [sort, uniq];
