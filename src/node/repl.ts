/**
 * The interactive REPL: a prompt showing the cwd, line editing and history
 * (node:readline, kept in ~/.sandbash_history on the real disk), a `> ` prompt
 * while the input is incomplete, Ctrl-C to cancel a line or a running script.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import type { Bash } from "../index.js";
import { parse } from "../parser/parser.js";
import { runStreaming } from "./run.js";

const HISTORY_FILE = join(homedir(), ".sandbash_history");
const HISTORY_SIZE = 1000;
const SANDBOX_HOME = "/home/user";

/** True when more lines could complete `text` (open quote, missing `fi`, trailing `|`). */
export function isIncomplete(text: string): boolean {
  try {
    parse(text);
    return false;
  } catch (e) {
    return (e as { incomplete?: unknown } | null)?.incomplete === true;
  }
}

/** `user@sandbox:~/dir$ ` for a cwd. */
export function promptFor(cwd: string): string {
  const shown = cwd === SANDBOX_HOME ? "~" : cwd.startsWith(`${SANDBOX_HOME}/`) ? `~${cwd.slice(SANDBOX_HOME.length)}` : cwd;
  return `user@sandbox:${shown}$ `;
}

/** A bare `exit [N]` line leaves the REPL (exec cannot tell us the shell exited). */
const EXIT_LINE = /^\s*exit(\s+(-?\d+))?\s*;?\s*$/;

function loadHistory(): string[] {
  try {
    return readFileSync(HISTORY_FILE, "utf8").split("\n").filter(Boolean).reverse().slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

function saveHistoryLine(line: string): void {
  try {
    appendFileSync(HISTORY_FILE, `${line.replace(/\n/g, " ")}\n`);
  } catch {
    // History is a convenience; a read-only home must not break the REPL.
  }
}

/** The session's cwd: read through the shell so the REPL needs nothing but exec. */
async function currentCwd(bash: Bash, lastStatus: number): Promise<string> {
  // `(exit N)` keeps $? as the user left it.
  const r = await bash.exec(`printf %s "$PWD"; (exit ${lastStatus})`);
  return r.stdout || SANDBOX_HOME;
}

/** Runs the REPL until Ctrl-D or `exit`; resolves with the last exit status. */
export async function runRepl(bash: Bash, banner?: string): Promise<number> {
  if (banner) process.stdout.write(banner);
  const rl: Interface = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    history: loadHistory(),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
  });
  let status = 0;
  let pending = "";
  let running: AbortController | null = null;
  let prompt = promptFor(await currentCwd(bash, 0));
  // Lines typed while a script runs wait here (readline keeps reading so Ctrl-C reaches us).
  const queue: string[] = [];
  let busy = false;
  let closed = false;
  let finish: (status: number) => void = () => {};

  const showPrompt = () => {
    rl.setPrompt(pending ? "> " : prompt);
    rl.prompt();
  };

  /** Handles one input line; false when the REPL should end. */
  const handleLine = async (line: string): Promise<boolean> => {
    const text = pending ? `${pending}\n${line}` : line;
    if (isIncomplete(text)) {
      pending = text;
      return true;
    }
    pending = "";
    if (text.trim() === "") return true;
    saveHistoryLine(text);
    const exit = EXIT_LINE.exec(text);
    if (exit) {
      if (exit[2] !== undefined) status = Number(exit[2]) & 255;
      return false;
    }
    running = new AbortController();
    try {
      const r = await runStreaming(bash, text, { signal: running.signal });
      status = r.exitCode;
      prompt = promptFor(await currentCwd(bash, status));
    } catch (e) {
      process.stderr.write(`sandbash: ${e instanceof Error ? e.message : String(e)}\n`);
    } finally {
      running = null;
    }
    return true;
  };

  const drain = async () => {
    if (busy) return;
    busy = true;
    while (queue.length > 0 && !closed) {
      if (!(await handleLine(queue.shift()!))) {
        closed = true;
        rl.close();
      }
    }
    busy = false;
    if (closed) finish(status);
    else showPrompt();
  };

  rl.on("SIGINT", () => {
    if (running) {
      running.abort();
      return;
    }
    pending = "";
    queue.length = 0;
    process.stdout.write("^C\n");
    showPrompt();
  });
  rl.on("line", (line) => {
    queue.push(line);
    void drain();
  });

  return new Promise<number>((resolve) => {
    finish = (s) => {
      process.stdout.write("\n");
      resolve(s);
    };
    rl.on("close", () => {
      closed = true;
      if (!busy) finish(status);
    });
    showPrompt();
  });
}
