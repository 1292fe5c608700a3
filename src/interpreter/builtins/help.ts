import { matchPattern, patternEngineFor } from "../pattern.js";
import { builtinError, invalidOption, out, type ShellBuiltin } from "./util.js";

const GLOB = /[*?]|\[.*\]/;

/** The end of `help -m`'s man-page layout. */
const MAN_TAIL =
  "SEE ALSO\n    bash(1)\n\nIMPLEMENTATION\n    GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\n" +
  "    Copyright (C) 2022 Free Software Foundation, Inc.\n    License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\n";

/**
 * help [-dms] [pattern...]: bash's own texts (help-text.ts, loaded on first use). A pattern
 * naming a topic exactly shows that topic; otherwise every topic it matches as a glob or a prefix.
 */
export const help: ShellBuiltin = async (sh, argv, fds) => {
  let i = 1;
  let mode = "";
  for (; i < argv.length && argv[i].startsWith("-") && argv[i] !== "-"; i++) {
    if (argv[i] === "--") {
      i++;
      break;
    }
    for (const c of argv[i].slice(1)) {
      if (c !== "d" && c !== "m" && c !== "s") return invalidOption(sh, fds, "help", `-${c}`, "help [-dms] [pattern ...]");
      mode = c;
    }
  }
  const { HELP_LIST, HELP_TOPICS } = await import("./help-text.js");
  const patterns = argv.slice(i);
  if (patterns.length === 0) {
    await out(fds, HELP_LIST);
    return 0;
  }
  const names = Object.keys(HELP_TOPICS);
  let text = "";
  let status = 0;
  for (const p of patterns) {
    await patternEngineFor(p);
    const hits = HELP_TOPICS[p] ? [p] : names.filter((n) => n.startsWith(p) || (GLOB.test(p) && matchPattern(n, p, false)));
    if (hits.length === 0) {
      builtinError(sh, fds, "help", `no help topics match \`${p}'.  Try \`help help' or \`man -k ${p}' or \`info ${p}'.`);
      status = 1;
      continue;
    }
    if (GLOB.test(p)) text += `Shell commands matching keyword \`${p}'\n\n`;
    for (const n of hits) {
      const t = HELP_TOPICS[n];
      if (mode === "d") text += `${n} - ${t.short}\n`;
      else if (mode === "s") text += `${n}: ${t.synopsis}\n`;
      else if (mode === "m") text += `NAME\n    ${n} - ${t.short}\n\nSYNOPSIS\n    ${t.synopsis}\n\nDESCRIPTION\n${t.body}\n${MAN_TAIL}`;
      else text += `${n}: ${t.synopsis}\n${t.body}`;
    }
  }
  if (text) await out(fds, text);
  return status;
};
