import type { CommandDef } from "../types.js";
import { sort } from "../sort.js";
import { uniq } from "../uniq.js";
import { cut } from "../cut.js";
import { tr } from "../tr.js";
import { paste } from "../paste.js";
import { comm } from "../comm.js";
import { join } from "../join.js";
import { column } from "../column.js";
import { shuf } from "../shuf.js";
import { tsort } from "../tsort.js";

/** Commands of this group, registered in builtins/index.ts. */
export const commands: CommandDef[] = [sort, uniq, cut, tr, paste, comm, join, column, shuf, tsort];
