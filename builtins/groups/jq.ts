import type { CommandDef } from "../types.js";
import { jq } from "../jq/jq.js";

/** Commands of this group, registered in builtins/index.ts. */
export const commands: CommandDef[] = [jq];
