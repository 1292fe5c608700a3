import { describe, expect, it } from "vitest";
import { COMMAND_GROUPS, type GroupName } from "../../builtins/manifest.js";
import { builtinCommands, GROUP_LOADERS } from "../../builtins/index.js";
import { Bash } from "../../src/index.js";

describe("builtins/manifest.ts", () => {
  for (const group of Object.keys(COMMAND_GROUPS) as GroupName[]) {
    it(`lists exactly the commands of builtins/groups/${group}.ts`, async () => {
      const { commands } = await GROUP_LOADERS[group]();
      const real = commands.map((c) => c.name);
      // On failure: copy the group's names into builtins/manifest.ts (new commands are
      // only reachable once listed there).
      expect([...COMMAND_GROUPS[group]]).toEqual(real);
    });
  }

  it("names each command once, across all groups", () => {
    const all = Object.values(COMMAND_GROUPS).flat();
    expect(all.length).toBe(new Set(all).size);
    expect([...builtinCommands().keys()].sort()).toEqual([...all].sort());
  });

  it("runs a lazily loaded command, first and later calls alike", async () => {
    const bash = new Bash();
    const first = await bash.exec("printf 'b\\na\\n' | sort | tr a-z A-Z");
    const again = await bash.exec("printf 'b\\na\\n' | sort | tr a-z A-Z");
    expect(first).toEqual({ stdout: "A\nB\n", stderr: "", exitCode: 0, truncated: false });
    expect(again).toEqual(first);
  });
});
