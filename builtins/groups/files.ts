import type { CommandDef } from "../types.js";
import { ls } from "../ls/index.js";
import { find } from "../find/index.js";
import { cp } from "../cp.js";
import { mv } from "../mv.js";
import { rm } from "../rm.js";
import { mkdir } from "../mkdir.js";
import { rmdir } from "../rmdir.js";
import { touch } from "../touch.js";
import { ln } from "../ln.js";
import { chmod } from "../chmod.js";
import { chown } from "../chown.js";
import { chgrp } from "../chgrp.js";
import { readlink } from "../readlink.js";
import { realpath } from "../realpath.js";
import { stat } from "../stat.js";
import { du } from "../du.js";
import { sync } from "../sync.js";
import { pathchk } from "../pathchk.js";
import { truncate } from "../truncate.js";
import { install } from "../install.js";
import { split } from "../split.js";
import { tree } from "../tree.js";
import { file } from "../file/index.js";
import { df } from "../df.js";

/** Commands of this group, registered in builtins/index.ts. */
export const commands: CommandDef[] = [
  ls, find, cp, mv, rm, mkdir, rmdir, touch, ln, chmod, chown, chgrp, readlink, realpath, stat, du,
  sync, pathchk, truncate, install, split, tree, file, df,
];
