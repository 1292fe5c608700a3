/**
 * Differential cases: parsing test/cases/<feature>.cases, the fixture format the
 * recorder writes, and test/known-differences.txt. Shared by record.ts and
 * differential.test.ts so both read cases the same way (format: README.md here).
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const TEST_DIR = resolve(here, "..");
export const CASES_DIR = join(TEST_DIR, "cases");
export const FIXTURES_DIR = join(TEST_DIR, "fixtures");
export const KNOWN_DIFFERENCES_FILE = join(TEST_DIR, "known-differences.txt");

/** Home directory and cwd of both machines; relative file paths live under it. */
export const HOME = "/home/user";

/** The environment the recorder gives real bash (sandbox.sh); sandbash's default env is the same. */
export const RECORDER_ENV: Readonly<Record<string, string>> = {
  HOME,
  PATH: "/usr/local/bin:/usr/bin:/bin",
  LC_ALL: "C.UTF-8",
  TZ: "UTC",
  USER: "user",
  LOGNAME: "user",
  SHELL: "/bin/bash",
  TERM: "dumb",
};

export interface Case {
  feature: string;
  name: string;
  /** 1-based line of the `## case:` directive, for error messages. */
  line: number;
  script: string;
  /** Absolute path -> content, in the order given. */
  files: Map<string, string>;
  stdin?: string;
  /** Compare stderr exactly (else only empty vs non-empty). */
  exactStderr: boolean;
}

/** What real bash did for one case. Text fields are base64 when `<field>Encoding` says so. */
export interface FixtureEntry {
  /** sha256 of the case's inputs at recording time: a changed case needs re-recording. */
  hash: string;
  status: number;
  stderr: string;
  stderrEncoding?: "base64";
  stdout: string;
  stdoutEncoding?: "base64";
}

export type Fixture = Record<string, FixtureEntry>;

export class CaseFileError extends Error {}

type Section =
  | { kind: "script" }
  | { kind: "file"; path: string; finalNewline: boolean }
  | { kind: "stdin"; finalNewline: boolean };

/**
 * Parses one .cases file. A section (script, file, stdin) runs to the next
 * directive; its trailing blank lines are dropped unless it is closed with
 * `## end`, which keeps its lines exactly.
 */
export function parseCases(feature: string, text: string, fileName = `${feature}.cases`): Case[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const cases: Case[] = [];
  const names = new Set<string>();
  let current: Case | null = null;
  let section: Section | null = null;
  let body: string[] = [];
  let closed = false; // after `## end`: only blank lines until the next directive

  const fail = (lineNo: number, msg: string): never => {
    throw new CaseFileError(`${fileName}:${lineNo}: ${msg}`);
  };

  const flush = (exact: boolean) => {
    if (!current || !section) return;
    const content = exact ? body : trimTrailingBlank(body);
    if (section.kind === "script") {
      const joined = content.join("\n");
      current.script = current.script === "" ? joined : `${current.script}\n${joined}`;
    } else {
      let data = content.map((l) => `${l}\n`).join("");
      if (!section.finalNewline && data.endsWith("\n")) data = data.slice(0, -1);
      if (section.kind === "file") current.files.set(section.path, data);
      else current.stdin = (current.stdin ?? "") + data;
    }
    body = [];
    section = null;
  };

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (!line.startsWith("## ") && line !== "##") {
      if (!current) return; // header text before the first case
      if (closed) {
        if (line.trim() !== "") fail(lineNo, "text after `## end` (start a section with a directive)");
        return;
      }
      body.push(line);
      return;
    }
    const directive = line.slice(3).trim();
    const colon = directive.indexOf(":");
    const word = colon >= 0 ? directive.slice(0, colon).trim() : directive;
    const arg = colon >= 0 ? directive.slice(colon + 1).trim() : "";
    if (word === "end") {
      if (!section) fail(lineNo, "`## end` outside a section");
      flush(true);
      closed = true;
      return;
    }
    if (word === "stderr") {
      // A flag, not a section: the lines after it continue the current section.
      if (!current) fail(lineNo, "directive before the first case");
      if (arg) fail(lineNo, "`## stderr` takes no argument");
      current!.exactStderr = true;
      return;
    }
    flush(false);
    closed = false;
    switch (word) {
      case "case": {
        if (!arg) fail(lineNo, "case without a name");
        if (names.has(arg)) fail(lineNo, `duplicate case name '${arg}'`);
        if (/\s#/.test(arg)) fail(lineNo, "case names must not contain ' #' (known-differences comment marker)");
        names.add(arg);
        current = { feature, name: arg, line: lineNo, script: "", files: new Map(), exactStderr: false };
        cases.push(current);
        section = { kind: "script" };
        return;
      }
      case "file":
      case "file-nonl": {
        if (!current) fail(lineNo, "directive before the first case");
        if (!arg) fail(lineNo, `${word} without a path`);
        const path = absolutePath(arg);
        if (!path.startsWith(`${HOME}/`) && !path.startsWith("/tmp/")) {
          fail(lineNo, `file path must be relative, or under ${HOME}/ or /tmp/: ${arg}`);
        }
        if (current!.files.has(path)) fail(lineNo, `file ${arg} given twice`);
        section = { kind: "file", path, finalNewline: word === "file" };
        return;
      }
      case "stdin":
      case "stdin-nonl":
        if (!current) fail(lineNo, "directive before the first case");
        if (current!.stdin !== undefined) fail(lineNo, "stdin given twice");
        section = { kind: "stdin", finalNewline: word === "stdin" };
        return;
      case "script":
        if (!current) fail(lineNo, "directive before the first case");
        section = { kind: "script" };
        return;
      default:
        fail(lineNo, `unknown directive '## ${directive}'`);
    }
  });
  flush(false);
  for (const c of cases) {
    if (c.script.trim() === "") throw new CaseFileError(`${fileName}:${c.line}: case '${c.name}' has no script`);
  }
  return cases;
}

function trimTrailingBlank(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === "") end--;
  return lines.slice(0, end);
}

/** Resolves a case file path against the home directory, removing `.` and `..`. */
export function absolutePath(p: string): string {
  const parts: string[] = [];
  const full = p.startsWith("/") ? p : `${HOME}/${p}`;
  for (const seg of full.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join("/")}`;
}

/** Feature names (file names without .cases), sorted. */
export function listFeatures(): string[] {
  if (!existsSync(CASES_DIR)) return [];
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith(".cases"))
    .map((f) => f.slice(0, -".cases".length))
    .sort();
}

export function loadCases(feature: string): Case[] {
  const file = join(CASES_DIR, `${feature}.cases`);
  return parseCases(feature, readFileSync(file, "utf8"), `test/cases/${feature}.cases`);
}

export function fixturePath(feature: string): string {
  return join(FIXTURES_DIR, `${feature}.json`);
}

export function loadFixture(feature: string): Fixture | undefined {
  const file = fixturePath(feature);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as Fixture;
}

/** Hash of everything that determines a case's result. */
export function caseHash(c: Case): string {
  const h = createHash("sha256");
  h.update(JSON.stringify([c.script, [...c.files].sort(([a], [b]) => (a < b ? -1 : 1)), c.stdin ?? null]));
  return h.digest("hex").slice(0, 16);
}

/** Decodes a recorded stream to bytes. */
export function fixtureBytes(entry: FixtureEntry, field: "stdout" | "stderr"): Uint8Array {
  const enc = field === "stdout" ? entry.stdoutEncoding : entry.stderrEncoding;
  return enc === "base64" ? new Uint8Array(Buffer.from(entry[field], "base64")) : new TextEncoder().encode(entry[field]);
}

export interface KnownDifference {
  feature: string;
  name: string;
  reason: string;
  line: number;
}

/** Parses test/known-differences.txt: `feature: case name  # reason`, `#` comment lines, blanks. */
export function parseKnownDifferences(text: string): KnownDifference[] {
  const out: KnownDifference[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const colon = line.indexOf(":");
    if (colon < 0) throw new CaseFileError(`known-differences.txt:${i + 1}: expected 'feature: case name  # reason'`);
    const feature = line.slice(0, colon).trim();
    let rest = line.slice(colon + 1);
    let reason = "";
    const hash = rest.search(/\s#/);
    if (hash >= 0) {
      reason = rest.slice(hash).replace(/^\s*#\s*/, "");
      rest = rest.slice(0, hash);
    }
    out.push({ feature, name: rest.trim(), reason, line: i + 1 });
  });
  return out;
}

export function loadKnownDifferences(): KnownDifference[] {
  if (!existsSync(KNOWN_DIFFERENCES_FILE)) return [];
  return parseKnownDifferences(readFileSync(KNOWN_DIFFERENCES_FILE, "utf8"));
}
