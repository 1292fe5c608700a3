import type { CommandDef } from "../types.js";
import { clear } from "../clear.js";
import { date } from "../date.js";
import { env } from "../env.js";
import { expr } from "../expr.js";
import { groups } from "../groups.js";
import { hostname } from "../hostname.js";
import { id } from "../id.js";
import { mktemp } from "../mktemp.js";
import { nproc } from "../nproc.js";
import { printenv } from "../printenv.js";
import { sleep } from "../sleep.js";
import { timeout } from "../timeout.js";
import { tty } from "../tty.js";
import { uname } from "../uname.js";
import { which } from "../which.js";
import { xargs } from "../xargs.js";
import { whoami } from "../whoami.js";

/** Commands of this group (system, identity, environment, time), registered in builtins/index.ts. */
export const commands: CommandDef[] = [clear, date, env, expr, groups, hostname, id, mktemp, nproc, printenv, sleep, timeout, tty, uname, which, whoami, xargs];
