import type { CommandDef } from "./types.js";
import { runChown } from "./_lib/chown-core.js";

/** chgrp (GNU coreutils 9.1): GROUP, -R -v -c -f -h --reference. */

const HELP = `Usage: chgrp [OPTION]... GROUP FILE...
  or:  chgrp [OPTION]... --reference=RFILE FILE...
Change the group of each FILE to GROUP.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
  -h, --no-dereference   affect symbolic links instead of any referenced file
      --reference=RFILE  use RFILE's group rather than specifying a GROUP value
  -R, --recursive        operate on files and directories recursively
`;

export const chgrp: CommandDef = {
  name: "chgrp",
  help: HELP,
  run: (ctx) => runChown(ctx, true, HELP),
};
