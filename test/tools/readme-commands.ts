/**
 * Rewrites the command and builtin lists in README.md from the registries, so
 * the README stays true as commands land:  npx tsx test/tools/readme-commands.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { builtinCommands } from "../../builtins/index.js";
import { SHELL_BUILTINS } from "../../src/interpreter/builtins/index.js";

const readme = new URL("../../README.md", import.meta.url);
let text = readFileSync(readme, "utf8");
const commands = [...builtinCommands().keys()].sort().join(" ");
const builtins = [...SHELL_BUILTINS.keys()].sort().join(" ");
text = text.replace(/<!-- commands -->.*?<!-- \/commands -->/s, `<!-- commands -->\`${commands}\`<!-- /commands -->`);
text = text.replace(/<!-- builtins -->.*?<!-- \/builtins -->/s, `<!-- builtins -->\`${builtins}\`<!-- /builtins -->`);
writeFileSync(readme, text);
console.log(`${builtinCommands().size} commands, ${SHELL_BUILTINS.size} builtins`);
