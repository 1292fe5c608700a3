/**
 * The shell scripts installed on this machine, as a corpus of real-world scripts for the parser
 * (bench/parse.ts times them, test/parser/system-scripts.test.ts checks them against bash -n).
 * They are read where they are, never copied into the repository, so the corpus depends on the
 * machine's packages.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Where scripts are looked for: files whose `#!` line names bash or sh. */
export const SCRIPT_DIRS = ["/usr/bin", "/usr/sbin", "/usr/lib", "/usr/libexec", "/usr/share", "/etc"];
/** bash-completion's files are bash without a `#!` line (bash sources them). */
export const COMPLETIONS = "/usr/share/bash-completion/completions";

export interface SystemScript {
  path: string;
  text: string;
  /** bash -n's verdict: null when it accepts the script, else the first line it printed. */
  bashError: string | null;
}

/** Every such script that is valid UTF-8 text, with what `bash -n` says of it. */
export function systemScripts(): SystemScript[] {
  const find =
    `{ find ${SCRIPT_DIRS.join(" ")} -type f -size -2M -print0 2>/dev/null | xargs -0 -r grep -l -I -m1 -E '^#! ?(/usr)?/bin/(env )?(ba)?sh( |$)' 2>/dev/null;` +
    ` find ${COMPLETIONS} -type f 2>/dev/null; } | sort -u`;
  const paths = spawnSync("sh", ["-c", find], { encoding: "utf8", maxBuffer: 64 << 20 }).stdout.split("\n").filter(Boolean);
  const out: SystemScript[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    if (text.length === 0 || text.includes("\0") || text.includes("\uFFFD")) continue;
    const r = spawnSync("bash", ["-n", path], { encoding: "utf8" });
    out.push({ path, text, bashError: r.status === 0 ? null : r.stderr.split("\n")[0] });
  }
  return out;
}
