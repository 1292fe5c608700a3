import type { Command } from "../parser/ast.js";
import { createPipe } from "../io/streams.js";
import { runAsJob } from "./background.js";
import type { FdTable } from "./io.js";
import type { Shell } from "./shell.js";
import { Attr } from "./variables.js";
import { isName } from "../parser/scanner.js";
import { reportError } from "./report.js";

/** The highest fd bash hands out for coprocess and process-substitution pipes. */
const TOP_FD = 63;

function freeFdBelow(io: FdTable, from: number): number {
  let fd = from;
  while (fd > 9 && io[fd] !== undefined) fd--;
  return fd;
}

/**
 * coproc [NAME] command: runs the command concurrently with two pipes to the shell.
 * NAME[0] is the fd the shell reads the command's output from, NAME[1] the fd that writes to
 * its input (`read -u ${COPROC[0]}`, `echo x >&${COPROC[1]}`); NAME_PID is its pid.
 * Closing NAME[1] (`exec {COPROC[1]}>&-`) gives the command end of input; when the exec ends,
 * the input is closed for it (bash's exit would do the same).
 */
export function runCoproc(sh: Shell, cmd: Extract<Command, { type: "Coproc" }>, io: FdTable): number {
  // bash takes any word as the name and rejects a bad one only here.
  if (!isName(cmd.name)) {
    sh.line = cmd.line;
    reportError(sh, io, `\`${cmd.name}': not a valid identifier`);
    return 1;
  }
  const toCommand = createPipe();
  const fromCommand = createPipe();
  const sub = sh.subshell();
  const fds = io.slice();
  fds[0] = { reader: toCommand.reader };
  fds[1] = { writer: fromCommand.writer };
  const readFd = freeFdBelow(io, TOP_FD);
  io[readFd] = { reader: fromCommand.reader, pipe: true };
  const writeFd = freeFdBelow(io, readFd - 1);
  io[writeFd] = { writer: toCommand.writer, pipe: true };
  sh.unset(cmd.name);
  sh.declare(cmd.name, Attr.Indexed);
  sh.setElement(cmd.name, 0, String(readFd));
  sh.setElement(cmd.name, 1, String(writeFd));
  sh.set(`${cmd.name}_PID`, String(sub.pid));
  const job = (async () => {
    try {
      return await runAsJob(sub, cmd.body, fds);
    } finally {
      fromCommand.writer.close();
      toCommand.reader.close?.();
    }
  })();
  job.catch(() => {});
  sh.services.jobs.set(sub.pid, job);
  (sh.services.coprocInputs ??= new Set()).add(toCommand.writer);
  sh.lastBgPid = sub.pid;
  return 0;
}
