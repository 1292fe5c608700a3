import type { CommandContext, CommandDef } from "./types.js";
import { COMMAND_GROUPS, type GroupName } from "./manifest.js";

/**
 * Loaders for the group modules. Literal import() calls, so bundlers split each group
 * into a chunk of its own and `new Bash()` + `echo hi` loads no command code at all.
 */
export const GROUP_LOADERS: Record<GroupName, () => Promise<{ commands: CommandDef[] }>> = {
  text1: () => import("./groups/text1.js"),
  text2: () => import("./groups/text2.js"),
  "grep-sed": () => import("./groups/grep-sed.js"),
  awk: () => import("./groups/awk.js"),
  files: () => import("./groups/files.js"),
  jq: () => import("./groups/jq.js"),
  system: () => import("./groups/system.js"),
  data: () => import("./groups/data.js"),
  network: () => import("./groups/network.js"),
  archive: () => import("./groups/archive.js"),
};

const loadedGroups = new Map<GroupName, Promise<Map<string, CommandDef>>>();

function loadGroup(group: GroupName): Promise<Map<string, CommandDef>> {
  let loading = loadedGroups.get(group);
  if (!loading) {
    loading = GROUP_LOADERS[group]().then((m) => new Map(m.commands.map((c) => [c.name, c])));
    // A failed import (a chunk missing from a broken deployment) is retried next time.
    loading.catch(() => loadedGroups.delete(group));
    loadedGroups.set(group, loading);
  }
  return loading;
}

/**
 * A stand-in that imports its group on first run, then calls the real command directly
 * (synchronously, as the real one would be called) ever after.
 */
function lazyCommand(name: string, group: GroupName): CommandDef {
  let real: CommandDef | undefined;
  return {
    name,
    run(ctx: CommandContext) {
      if (real) return real.run(ctx);
      return loadGroup(group).then((defs) => {
        const def = defs.get(name);
        if (!def) throw new Error(`sandbash: builtins/manifest.ts lists ${name} in group ${group}, which does not define it`);
        real = def;
        return def.run(ctx);
      });
    },
  };
}

/** One stand-in per name for the whole process: they hold no per-session state. */
const LAZY_COMMANDS: CommandDef[] = Object.entries(COMMAND_GROUPS).flatMap(([group, names]) =>
  names.map((name) => lazyCommand(name, group as GroupName)),
);

/** Every built-in utility by name (shell builtins such as cd live in the interpreter). */
export function builtinCommands(): Map<string, CommandDef> {
  const map = new Map<string, CommandDef>();
  for (const c of LAZY_COMMANDS) map.set(c.name, c);
  return map;
}

export type { CommandDef, CommandContext } from "./types.js";
