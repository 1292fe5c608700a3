import type { CommandDef } from "./types.js";
import { runChown } from "./_lib/chown-core.js";

/** chown (GNU coreutils 9.1): OWNER[:GROUP], -R -v -c -f -h --reference; the sandbox user cannot give files away. */

const HELP = `Usage: chown [OPTION]... [OWNER][:[GROUP]] FILE...
  or:  chown [OPTION]... --reference=RFILE FILE...
Change the owner and/or group of each FILE to OWNER and/or GROUP.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
  -h, --no-dereference   affect symbolic links instead of any referenced file
      --reference=RFILE  use RFILE's owner and group rather than specifying
  -R, --recursive        operate on files and directories recursively
`;

export const chown: CommandDef = {
  name: "chown",
  help: HELP,
  run: (ctx) => runChown(ctx, false, HELP),
};
