import type { CommandDef } from "../types.js";
import { basename } from "../basename.js";
import { cat } from "../cat.js";
import { dirname } from "../dirname.js";
import { expand } from "../expand.js";
import { fmt } from "../fmt.js";
import { fold } from "../fold.js";
import { head } from "../head.js";
import { nl } from "../nl.js";
import { pr } from "../pr.js";
import { printf } from "../printf.js";
import { rev } from "../rev.js";
import { seq } from "../seq.js";
import { tac } from "../tac.js";
import { tail } from "../tail.js";
import { tee } from "../tee.js";
import { unexpand } from "../unexpand.js";
import { wc } from "../wc.js";
import { yes } from "../yes.js";

/** Commands of this group, registered in builtins/index.ts. */
export const commands: CommandDef[] = [basename, cat, dirname, expand, fmt, fold, head, nl, pr, printf, rev, seq, tac, tail, tee, unexpand, wc, yes];
