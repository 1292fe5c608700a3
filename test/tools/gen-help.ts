/**
 * Writes src/interpreter/builtins/help-text.ts from the real bash's `help` (run on the host):
 *   npx tsx test/tools/gen-help.ts
 * Each builtin's synopsis (`help -s`), one-line description (`help -d`) and body (`help NAME`
 * after its first line), plus the topic list `help` prints without arguments.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const bash = (script: string) => execFileSync("/usr/bin/bash", ["--norc", "-c", script], { encoding: "utf8", env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8" } });
// Every topic in bash's order (builtins and keywords: "for ((", "[[ ... ]]", "variables"...).
const names = bash("help -d '*'")
  .split("\n")
  .slice(2)
  .filter(Boolean)
  .map((l) => l.slice(0, l.indexOf(" - ")));
const topics: Record<string, { synopsis: string; short: string; body: string }> = {};
for (const name of names) {
  const q = `'${name.replace(/'/g, "'\\''")}'`;
  const synopsis = bash(`help -s -- ${q}`).replace(/\n$/, "");
  const short = bash(`help -d -- ${q}`).replace(/\n$/, "");
  const full = bash(`help -- ${q}`);
  topics[name] = {
    synopsis: synopsis.slice(synopsis.indexOf(": ") + 2),
    short: short.slice(short.indexOf(" - ") + 3),
    body: full.slice(full.indexOf("\n") + 1),
  };
}
const list = bash("help");
const out = `/**
 * bash 5.2's help texts, generated from the real bash by test/tools/gen-help.ts (do not edit).
 * Loaded only when \`help\` runs.
 */
export const HELP_LIST = ${JSON.stringify(list)};

/** Topics in bash's order: synopsis (help -s), description (help -d), text after the first line. */
export const HELP_TOPICS: Record<string, { synopsis: string; short: string; body: string }> = {
${names.map((n) => `  ${JSON.stringify(n)}: ${JSON.stringify(topics[n])},`).join("\n")}
};
`;
writeFileSync(new URL("../../src/interpreter/builtins/help-text.ts", import.meta.url), out);
console.log(`${names.length} topics`);
