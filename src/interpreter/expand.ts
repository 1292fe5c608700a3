import type { Word, WordPart } from "../parser/ast.js";
import { printWord } from "../parser/print.js";
import { evalArithExpr, evalArithText } from "./arith.js";
import { ShellError } from "./errors.js";
import type { FdTable } from "./io.js";
import type { PlainValue, WordExpander } from "./param.js";
import { escapeGlob, hasGlobChars, mayHaveGlobChars, patternEngineFor, unescapeGlob } from "./pattern.js";
import type { Shell } from "./shell.js";
import { Attr, scalarOf } from "./variables.js";
import { commandSubstitution, processSubstitution } from "./subst.js";
import { addScalar, addValue, Fields, ifsOf, type Field } from "./fields.js";
import { charLength } from "../io/utf8.js";
import { lazyModule } from "../lazy.js";

/**
 * ${name...} with operators (param.ts, ~9 KB) loads on the first expansion that is not a plain
 * $x / ${x} / ${#x} (those go through simpleParam): `echo hi` never compiles it (cold start).
 * Kept once loaded, so later expansions do not wait on a settled promise.
 */
const paramModule = lazyModule(() => import("./param.js"));
let param: typeof import("./param.js") | null = null;
/** Pathname expansion (glob.ts) likewise loads with the first word that has glob characters. */
const globModule = lazyModule(() => import("./glob.js"));
let glob: typeof import("./glob.js") | null = null;
/** And brace expansion (braces.ts) with the first word that has a {a,b} or {1..3}. */
const bracesModule = lazyModule(() => import("./braces.js"));
let braces: typeof import("./braces.js") | null = null;

async function globExpand(sh: Shell, pattern: string): Promise<string[] | null> {
  return (glob ??= await globModule()).globExpand(sh, pattern);
}

function hasBrace(w: Word): boolean {
  for (const p of w.parts) if (p.type === "Brace") return true;
  return false;
}

/**
 * Word expansion in bash's order: brace -> tilde -> parameter, arithmetic and
 * command substitution (left to right) -> word splitting -> pathname expansion ->
 * quote removal. Quote state travels with each piece of text (Fields), never as
 * sentinel characters.
 */

/** Expands command words into fields (the only path that splits and globs). */
export async function expandWords(sh: Shell, words: Word[], io: FdTable): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) {
    if (w.assign) {
      out.push(await declarationArg(sh, w, io));
      continue;
    }
    // Fast path: one plain literal without glob characters or braces.
    if (w.parts.length === 1 && w.parts[0].type === "Literal") {
      const v = w.parts[0].value;
      if (!hasGlobChars(v)) {
        out.push(v);
        continue;
      }
    }
    const list = hasBrace(w) && sh.options.has("braceexpand") ? (braces ??= await bracesModule()).expandBraces(w, sh) : [w];
    for (const bw of list) {
      const fields = new Fields(ifsOf(sh));
      await addParts(sh, bw.parts, fields, io, false, true);
      fields.end();
      for (const f of fields.out) {
        if (f.glob && !sh.options.has("noglob")) {
          const matches = await globExpand(sh, f.pat);
          if (matches) {
            out.push(...matches);
            continue;
          }
        }
        out.push(f.text);
      }
    }
  }
  return out;
}

/**
 * Whether a word expands without waiting (no substitutions, no operators that need them).
 * Not cached per word: the walk over a word's few parts costs less than a WeakMap entry,
 * and each exec parses its script anew.
 */
export function isSyncWord(w: Word): boolean {
  return !w.assign && partsSync(w.parts);
}

function partsSync(parts: WordPart[]): boolean {
  for (const p of parts) {
    switch (p.type) {
      case "Literal":
      case "Escaped":
      case "SingleQuoted":
        break;
      case "DoubleQuoted":
        if (!partsSync(p.parts)) return false;
        break;
      case "Param":
        if (p.indirect || p.index || (p.op && p.op.kind !== "length")) return false;
        if (p.name.length === 1 && "$!-".includes(p.name)) return false;
        break;
      case "ArithSubst":
        if (!p.expr.expr) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * The synchronous path for command words: null (nothing evaluated) when some
 * word needs the full path; a promise only when pathname expansion must read
 * the filesystem.
 */
export function expandWordsSync(sh: Shell, words: Word[]): string[] | Promise<string[]> | null {
  for (const w of words) if (!isSyncWord(w)) return null;
  const out: string[] = [];
  let pending: Field[] | null = null;
  let ifs: string | null = null;
  for (const w of words) {
    const parts = w.parts;
    if (parts.length === 1 && parts[0].type === "Literal" && !hasGlobChars(parts[0].value)) {
      if (pending) pending.push({ text: parts[0].value, pat: "", glob: false });
      else out.push(parts[0].value);
      continue;
    }
    // A lone unquoted $x whose value neither splits nor globs is one field, as is: no Fields
    // machinery (the `[ $i -lt $n ]` and `f $x` of every loop).
    if (parts.length === 1 && parts[0].type === "Param") {
      const v = simpleParam(sh, parts[0]);
      if (typeof v === "string" && v !== "" && !mayHaveGlobChars(v) && !hasAnyOf(v, (ifs ??= ifsOf(sh)))) {
        if (pending) pending.push({ text: v, pat: "", glob: false });
        else out.push(v);
        continue;
      }
      if (typeof v === "string") {
        const fields = new Fields(ifs ?? ifsOf(sh));
        addScalar(v, fields, false, true);
        fields.end();
        for (const f of fields.out) {
          if (!pending && f.glob && !sh.options.has("noglob")) pending = out.map((text) => ({ text, pat: "", glob: false }));
          if (pending) pending.push(f);
          else out.push(f.text);
        }
        continue;
      }
    }
    // No brace expansion here: a word with a Brace part is not a sync word.
    const fields = new Fields(ifsOf(sh));
    addPartsSync(sh, parts, fields, false, true);
    fields.end();
    for (const f of fields.out) {
      if (!pending && f.glob && !sh.options.has("noglob")) pending = out.map((text) => ({ text, pat: "", glob: false }));
      if (pending) pending.push(f);
      else out.push(f.text);
    }
  }
  if (!pending) return out;
  return globFields(sh, pending);
}

async function globFields(sh: Shell, fields: Field[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of fields) {
    if (f.glob && !sh.options.has("noglob")) {
      const m = await globExpand(sh, f.pat);
      if (m) {
        out.push(...m);
        continue;
      }
    }
    out.push(f.text);
  }
  return out;
}

function hasAnyOf(s: string, chars: string): boolean {
  if (chars === "") return false;
  for (let i = 0; i < s.length; i++) if (chars.includes(s[i])) return true;
  return false;
}

/** expandString's synchronous path; only for words where isSyncWord holds. */
export function expandStringSync(sh: Shell, word: Word): string {
  const parts = word.parts;
  if (parts.length === 1) {
    // i=$((i+1)), x=$y: one part needs no Fields (the same text addPartsSync would make).
    const p = parts[0];
    if (p.type === "Literal") return p.value;
    if (p.type === "ArithSubst") return String(evalArithExpr(sh, p.expr.expr!, p.expr.text));
    if (p.type === "Param") {
      const v = simpleParam(sh, p);
      if (typeof v === "string") return v;
    }
  }
  const fields = new Fields("");
  addPartsSync(sh, parts, fields, false, false);
  return fields.text;
}

function addPartsSync(sh: Shell, parts: WordPart[], f: Fields, quoted: boolean, split: boolean): void {
  for (const p of parts) {
    switch (p.type) {
      case "Literal":
        if (quoted) f.quoted(p.value);
        else f.literal(p.value);
        break;
      case "Escaped":
        f.quoted(p.value);
        break;
      case "SingleQuoted":
        if (quoted && !p.ansiC) f.quoted("'" + p.value + "'");
        else f.quoted(p.value);
        break;
      case "DoubleQuoted": {
        const wasStarted = f.started;
        const textBefore = f.text;
        f.atEmpty = false;
        f.started = true;
        addPartsSync(sh, p.parts, f, true, split);
        if (f.atEmpty && f.text === textBefore && p.parts.every((x) => x.type === "Param")) f.started = wasStarted;
        break;
      }
      case "Param":
        addValue(sh, simpleParam(sh, p), f, quoted, split);
        break;
      case "ArithSubst":
        addScalar(String(evalArithExpr(sh, p.expr.expr!, p.expr.text)), f, quoted, split);
        break;
    }
  }
}

/** $x, ${x}, ${#x}, $@, $* (isSyncWord has checked the form). */
function simpleParam(sh: Shell, p: Extract<WordPart, { type: "Param" }>): PlainValue {
  const name = p.name;
  let v: string | undefined;
  if (name === "@" || name === "*") {
    if (p.op) return String(sh.positional.length);
    return { list: sh.positional.slice(), star: name === "*" };
  }
  const c = name.charCodeAt(0);
  if (c >= 48 && c <= 57) v = sh.positionalAt(Number(name));
  else if (name === "#") v = String(sh.positional.length);
  else if (name === "?") v = String(sh.lastStatus);
  else {
    const raw = sh.vars.lookup(name);
    if (raw === undefined || !(raw.attrs & Attr.Nameref)) v = raw === undefined ? sh.get(name) : scalarOf(raw);
    else if (!sh.vars.namerefCycle(name)) v = sh.get(name);
    else {
      // As param.ts's lookup: bash warns and expands nothing. No stderr here, so the
      // caller (simple.ts) prints it right after the expansion.
      const warning = `warning: ${name}: circular name reference`;
      // bash looks ${#a} up twice, and warns twice.
      (sh.pendingWarnings ??= []).push(...(p.op ? [warning, warning] : [warning]));
      v = undefined;
    }
  }
  if (v === undefined && sh.options.has("nounset")) throw new ShellError(`${c >= 48 && c <= 57 ? "$" : ""}${name}: unbound variable`, 127, true);
  if (p.op) return String(charLength(v ?? ""));
  return v ?? "";
}

/** `declare name=value` arguments: the value expands like an assignment (no split, no glob). */
async function declarationArg(sh: Shell, w: Word, io: FdTable): Promise<string> {
  const a = w.assign!;
  const head = a.name + (a.index ? `[${await expandString(sh, a.index, io, true)}]` : "") + (a.append ? "+=" : "=");
  if (a.array) return head + "(...)";
  return head + (a.value ? await expandString(sh, a.value, io) : "");
}

/** Expands a word to one string: no splitting, no globbing (assignments, here-docs, [[ ]]). */
export async function expandString(sh: Shell, word: Word, io: FdTable, quoted = false): Promise<string> {
  const parts = word.parts;
  if (parts.length === 1 && parts[0].type === "Literal") return parts[0].value;
  if (parts.length === 0) return "";
  const fields = new Fields("");
  await addParts(sh, parts, fields, io, quoted, false);
  return fields.text;
}

/** Expands a word to a pattern: quoted characters escaped, unquoted ones live. */
export async function expandPattern(sh: Shell, word: Word, io: FdTable, quoted = false, casePattern = false): Promise<string> {
  const fields = new Fields("");
  fields.firstWordOnly = casePattern;
  await addParts(sh, word.parts, fields, io, quoted, false);
  const pat = quoted ? escapeGlob(fields.text) : fields.pat;
  const loading = patternEngineFor(pat);
  if (loading) await loading; // no await (a microtask) once loaded: case runs in hot loops
  return pat;
}

/** A redirection target: expanded, split and globbed; anything but one word is ambiguous. */
export async function expandRedirectTarget(sh: Shell, word: Word, io: FdTable): Promise<string> {
  const words = await expandWords(sh, [word], io);
  if (words.length !== 1) throw new ShellError(`${sourceText(word)}: ambiguous redirect`);
  return words[0];
}

function sourceText(w: Word): string {
  return printWord(w);
}

export const expander: WordExpander = { expandString, expandPattern };

/**
 * Adds parts to the fields. `quoted`: inside double quotes. `split`: unquoted
 * expansion results are split (command words) or kept whole (assignments).
 */
async function addParts(sh: Shell, parts: WordPart[], f: Fields, io: FdTable, quoted: boolean, split: boolean, splitLiterals = false): Promise<void> {
  for (const p of parts) {
    if (f.closed) return;
    switch (p.type) {
      case "Literal":
        if (quoted) f.quoted(p.value);
        else if (splitLiterals && split) f.splittable(p.value);
        else f.literal(p.value);
        break;
      case "Escaped":
        f.quoted(p.value);
        break;
      case "SingleQuoted":
        if (quoted && !p.ansiC) f.quoted("'" + p.value + "'");
        else f.quoted(p.value);
        break;
      case "DoubleQuoted": {
        const wasStarted = f.started;
        const textBefore = f.text;
        f.atEmpty = false;
        f.started = true;
        await addParts(sh, p.parts, f, io, true, split);
        // "$@" with no parameters makes no field at all (unlike "").
        if (f.atEmpty && f.text === textBefore && p.parts.every((x) => x.type === "Param")) f.started = wasStarted;
        break;
      }
      case "Tilde":
        if (quoted) f.quoted("~" + p.user);
        else f.quoted(await tildeValue(sh, p.user));
        break;
      case "Param": {
        const v = await (param ??= await paramModule()).expandParam(sh, p, quoted, io, expander);
        // ${x:-word} unquoted: the word's unquoted text is split too.
        if (typeof v !== "string" && "word" in v) await addParts(sh, v.word.parts, f, io, quoted, split, true);
        else addValue(sh, v, f, quoted, split);
        break;
      }
      case "CommandSubst": {
        const s = await commandSubstitution(sh, p.body, io, p.error);
        addScalar(s, f, quoted, split);
        break;
      }
      case "ArithSubst": {
        const a = p.expr;
        let n;
        if (a.expr) n = evalArithExpr(sh, a.expr, a.text);
        else if (a.error) n = evalArithText(sh, a.text);
        else n = evalArithText(sh, await expandString(sh, a.word, io, true));
        addScalar(String(n), f, quoted, split);
        break;
      }
      case "ProcSubst": {
        // (An empty body yields nothing, not an empty quoted word.)
        const path = await processSubstitution(sh, p, io);
        if (path) f.quoted(path);
        break;
      }
      case "Brace": {
        // Not expanded here (assignment values, quoted contexts): its source text.
        f.literal(braceText(p));
        break;
      }
    }
  }
}

function braceText(p: Extract<WordPart, { type: "Brace" }>): string {
  if (p.seq) return `{${p.seq.from}..${p.seq.to}${p.seq.step !== null ? ".." + p.seq.step : ""}}`;
  return "{" + (p.items ?? []).map((w) => w.parts.map((x) => ("value" in x ? x.value : "")).join("")).join(",") + "}";
}

async function tildeValue(sh: Shell, user: string): Promise<string> {
  if (user === "") return sh.get("HOME") ?? "/home/user";
  if (user === "+") return sh.get("PWD") ?? sh.cwd;
  if (user === "-") return sh.get("OLDPWD") ?? "~-";
  if (user === sh.services.sandbox.user) return "/home/" + user;
  if (user === "root") return "/root";
  return "~" + user;
}

export { unescapeGlob };
