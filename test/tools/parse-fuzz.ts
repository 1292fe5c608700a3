/**
 * A parser differential fuzz against real bash, by hand (needs bash; not part of npm test):
 * mutates the differential corpus's scripts (deleted characters, inserted tokens) and compares
 * `bash -n -c SCRIPT` (syntax only, nothing runs) with sandbash's parser: accepted or not, and
 * the first error line. [[ ]] errors are listed too though bash -n reports them with status 0.
 * With --system the scripts are 40-line windows of the shell scripts installed on this machine
 * (test/tools/system-scripts.ts), and lines are also deleted, swapped and repeated.
 *
 *   npx tsx test/tools/parse-fuzz.ts [SEED] [COUNT] [--system]
 */
import { spawnSync } from "node:child_process";
import { listFeatures, loadCases } from "../differential/cases.js";
import { Parser } from "../../src/parser/parser.js";
import { ParseError } from "../../src/parser/errors.js";
import { systemScripts } from "./system-scripts.js";

// Deterministic PRNG
let seed = Number(process.argv[2] ?? 1);
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const system = process.argv.includes("--system");
const scripts: string[] = [];
if (system) {
  for (const x of systemScripts()) if (x.bashError === null) scripts.push(x.text);
} else {
  for (const f of listFeatures()) for (const c of loadCases(f)) if (c.script.length < 400) scripts.push(c.script);
}
const TOKENS = [";", "&&", "||", "|", "(", ")", "{", "}", "do", "done", "fi", "then", "esac", ";;", "$(", "`", "'", '"', "${", "}", "<<", ">", "\n", "[[", "]]", "((", "))", "!", "&", "in", "case", "if", "for", "while"];
function mutate(s: string): string {
  const n = 1 + Math.floor(rnd() * 2);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rnd() * (s.length + 1));
    const r = rnd();
    if (r < 0.4) s = s.slice(0, i) + s.slice(i + 1);
    else s = s.slice(0, i) + " " + TOKENS[Math.floor(rnd() * TOKENS.length)] + " " + s.slice(i);
  }
  return s;
}
/** A 40-line window of a long script, with a line deleted, swapped with another or repeated, or mutate()'s edits. */
function mutateLines(text: string): string {
  const all = text.split("\n");
  const from = Math.floor(rnd() * Math.max(1, all.length - 40));
  const lines = all.slice(from, from + 40);
  const k = Math.floor(rnd() * lines.length);
  const j = Math.floor(rnd() * lines.length);
  const r = rnd();
  if (r < 0.15) lines.splice(k, 1);
  else if (r < 0.3) [lines[k], lines[j]] = [lines[j], lines[k]];
  else if (r < 0.4) lines.splice(k, 0, lines[j]);
  else return mutate(lines.join("\n"));
  return lines.join("\n");
}
function ours(s: string): { ok: boolean; msg: string } {
  const p = new Parser(s);
  p.extglob = false;
  try {
    while (p.parseNextLine()) {}
    return { ok: true, msg: "" };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, msg: `line ${e.line}: ${e.message}` };
    return { ok: false, msg: "CRASH " + String(e) };
  }
}
let diffs = 0, total = 0;
const N = Number(process.argv[3] ?? 300) || 300;
for (let t = 0; t < N; t++) {
  const base = scripts[Math.floor(rnd() * scripts.length)];
  const s = system ? mutateLines(base) : mutate(base);
  if (s.includes("\0")) continue;
  total++;
  const b = spawnSync("bash", ["-n", "-c", "--", s], { encoding: "utf8", env: { PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8" } });
  const bashOk = b.status === 0;
  // The first error (a here-document's end-of-file warning comes before it).
  const firstLine = (b.stderr.split("\n").find((l) => !l.includes(": warning: ")) ?? "").replace(/^bash: -c: /, "");
  const o = ours(s);
  if (bashOk !== o.ok || (!bashOk && firstLine !== o.msg)) {
    diffs++;
    if (diffs <= 25) console.log("----\n" + JSON.stringify(s) + "\n bash:", bashOk ? "OK" : firstLine, "\n ours:", o.ok ? "OK" : o.msg);
  }
}
console.log(`${diffs} differences in ${total}`);
