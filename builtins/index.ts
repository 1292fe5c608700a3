import type { CommandDef } from "./types.js";
import { commands as text1 } from "./groups/text1.js";
import { commands as text2 } from "./groups/text2.js";
import { commands as grepSed } from "./groups/grep-sed.js";
import { commands as awk } from "./groups/awk.js";
import { commands as files } from "./groups/files.js";
import { commands as jq } from "./groups/jq.js";
import { commands as system } from "./groups/system.js";
import { commands as data } from "./groups/data.js";

/** Every built-in utility by name (shell builtins such as cd live in the interpreter). */
export function builtinCommands(): Map<string, CommandDef> {
  const map = new Map<string, CommandDef>();
  for (const group of [text1, text2, grepSed, awk, files, jq, system, data]) {
    for (const c of group) map.set(c.name, c);
  }
  return map;
}

export type { CommandDef, CommandContext } from "./types.js";
