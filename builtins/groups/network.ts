import type { CommandDef } from "../types.js";
import { curl } from "../curl.js";
import { wget } from "../wget.js";

/** Commands of this group (HTTP through the embedding's fetch), registered only when `new Bash({ network })` is given. */
export const commands: CommandDef[] = [curl, wget];
