import type { ParamPart, Word } from "../parser/ast.js";
import { parse } from "../parser/parser.js";
import { printWord } from "../parser/print.js";
import { isName } from "../parser/scanner.js";
import { expandPrompt } from "./prompt.js";
import { evalArithText, evalSubscript } from "./arith.js";
import { ShellError } from "./errors.js";
import type { FdTable } from "./io.js";
import { matchPattern, removeAffix, replacePattern } from "./pattern.js";
import { declareKey, declareLine } from "./declare-format.js";
import { quoteDeclare, quoteForReuse, transformValue } from "./quote.js";
import { reportError } from "./report.js";
import type { Shell } from "./shell.js";
import { arrayIndices, assocEntries, Attr, isAssoc, isIndexed } from "./variables.js";
import { charLength } from "../io/utf8.js";

/**
 * Parameter expansion: ${name...} in all its forms. The result is a scalar, or a
 * list for $@, $*, ${a[@]}, ${a[*]} (which the caller joins or keeps as fields).
 */
/** $@, $*, ${a[@]}, ${a[*]}: a list joined or kept as fields by the caller. */
export type ListValue = { list: string[]; star: boolean };
/** A plain value: a string or a list. */
export type PlainValue = string | ListValue;
/** What an expansion yields; `word` is ${x:-word}'s word, expanded in place by the caller. */
export type ParamValue = PlainValue | { word: Word };

/** Expansion hooks the parameter code needs from expand.ts (avoids an import cycle). */
export interface WordExpander {
  expandString(sh: Shell, word: Word, io: FdTable, quoted?: boolean): Promise<string>;
  expandPattern(sh: Shell, word: Word, io: FdTable, quoted?: boolean): Promise<string>;
}

interface Lookup {
  /** undefined: unset. */
  value: PlainValue | undefined;
  /** For messages: the name as written (a, a[1], @). */
  label: string;
}

/** Arrays the shell computes on demand (no variable holds them). */
const ARRAY_SPECIALS = new Set(["FUNCNAME", "PIPESTATUS", "BASH_LINENO", "BASH_SOURCE", "DIRSTACK"]);

function isAtIndex(w: Word | null): "@" | "*" | null {
  if (!w || w.parts.length !== 1 || w.parts[0].type !== "Literal") return null;
  const v = w.parts[0].value;
  return v === "@" || v === "*" ? v : null;
}

/** Reads a parameter (no operator applied). */
async function lookup(sh: Shell, name: string, index: Word | null, io: FdTable, ex: WordExpander): Promise<Lookup> {
  if (name === "@" || name === "*") return { value: { list: sh.positional.slice(), star: name === "*" }, label: name };
  const raw = sh.vars.lookup(name);
  if (raw && raw.attrs & Attr.Nameref && sh.vars.namerefCycle(name)) {
    // bash warns and expands nothing.
    reportError(sh, io, `warning: ${name}: circular name reference`);
    return { value: undefined, label: name };
  }
  const at = isAtIndex(index);
  if (at) {
    const v = sh.resolve(name);
    let list: string[];
    if (!v || v.value === undefined) list = sh.values(name);
    else if (typeof v.value === "string") list = [v.value];
    else if (Array.isArray(v.value)) list = sh.values(name);
    else list = assocEntries(v.value).map(([, x]) => x);
    return { value: { list, star: at === "*" }, label: name };
  }
  if (index) {
    const v = sh.resolve(name);
    if (v && isAssoc(v)) {
      const key = await ex.expandString(sh, index, io);
      return { value: v.value.get(key), label: `${name}[${key}]` };
    }
    const text = await ex.expandString(sh, index, io, true);
    const i = evalSubscript(sh, text);
    if (v && isIndexed(v)) {
      const idx = i < 0 ? v.value.length + i : i;
      if (idx < 0) {
        // Not fatal: bash reports it and the element expands as unset.
        reportError(sh, io, `${name}: bad array subscript`);
        return { value: undefined, label: `${name}[${text}]` };
      }
      return { value: v.value[idx], label: `${name}[${text}]` };
    }
    if (!v && ARRAY_SPECIALS.has(name)) {
      const list = sh.values(name);
      return { value: list[i < 0 ? list.length + i : i], label: name };
    }
    if (i === 0 || i === -1) return { value: sh.get(name), label: name };
    return { value: undefined, label: `${name}[${text}]` };
  }
  switch (name) {
    case "#":
      return { value: String(sh.positional.length), label: name };
    case "?":
      return { value: String(sh.lastStatus), label: name };
    case "$":
      return { value: String(sh.rootPid), label: name };
    case "!":
      return { value: sh.lastBgPid ? String(sh.lastBgPid) : undefined, label: name };
    case "-":
      return { value: sh.flags(), label: name };
  }
  const c = name.charCodeAt(0);
  if (c >= 48 && c <= 57) return { value: sh.positionalAt(Number(name)), label: name };
  return { value: sh.get(name), label: name };
}

function isNull(v: PlainValue | undefined, colon: boolean): boolean {
  if (v === undefined) return true;
  if (typeof v === "string") return colon && v === "";
  if (v.list.length === 0) return true;
  return colon && v.list.length === 1 && v.list[0] === "" ;
}

/** Expands one ${...} / $name part. `quoted`: inside double quotes. */
export async function expandParam(sh: Shell, p: ParamPart, quoted: boolean, io: FdTable, ex: WordExpander): Promise<ParamValue> {
  const v = await expandParamValue(sh, p, quoted, io, ex);
  // In a here-document bash joins $*, ${*:n} and ${a[*]:n}, ${!a[*]}, ${!pre*} with spaces, not
  // IFS; ${a[*]} and the case/pattern operators keep IFS (unless the body also has a "$@").
  if (sh.hereDocDepth !== 0 && typeof v === "object" && "list" in v && v.star) {
    const kind = p.op?.kind;
    if ((p.name === "*" && !p.op) || kind === "substring" || kind === "keys" || kind === "prefixNames") return v.list.join(" ");
  }
  return v;
}

async function expandParamValue(sh: Shell, p: ParamPart, quoted: boolean, io: FdTable, ex: WordExpander): Promise<ParamValue> {
  const op = p.op;
  if (op?.kind === "bad") throw new ShellError(op.report ?? `${op.quoted ?? op.text}: bad substitution`, 1, true);
  if (op?.kind === "prefixNames") {
    const names = sh.vars.visibleNames().filter((n) => n.startsWith(p.name) && sh.resolve(n)?.value !== undefined);
    return { list: names, star: op.star };
  }
  if (op?.kind === "keys") {
    const v = sh.resolve(p.name);
    let keys: string[] = [];
    if (v && Array.isArray(v.value)) keys = arrayIndices(v.value).map(String);
    else if (v && v.value instanceof Map) keys = assocEntries(v.value).map(([k]) => k);
    else if (v && v.value !== undefined) keys = ["0"];
    return { list: keys, star: op.star };
  }
  let name = p.name;
  let index = p.index;
  let looked: Lookup;
  const ref0 = p.indirect && !index ? sh.vars.lookup(name) : undefined;
  if (ref0 && ref0.attrs & Attr.Nameref && typeof ref0.value === "string") {
    // ${!ref} of a nameref is the name it refers to, not an indirection.
    looked = { value: ref0.value, label: name };
  } else if (p.indirect) {
    const ref = await lookup(sh, name, index, io, ex);
    // bash's errors about the target name the reference as written: `!ref: unbound variable`.
    const refLabel = `!${name}${index ? `[${printWord(index)}]` : ""}`;
    const target = typeof ref.value === "string" ? ref.value : ref.value ? ref.value.list.join(" ") : undefined;
    if (target === undefined) {
      // Only a variable never declared is an error (whatever the operator); an unset element,
      // an empty array or an unset positional parameter expands to nothing.
      if (isName(name) && !sh.vars.lookup(name)) {
        throw new ShellError(`${name}${index ? `[${printWord(index)}]` : ""}: invalid indirect expansion`, 1, true);
      }
      looked = { value: undefined, label: refLabel };
    } else {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/s.exec(target);
      if (!m && !/^(\d+|[@*#?$!-])$/.test(target)) throw new ShellError(`${target}: invalid variable name`, 1, true);
      name = m ? m[1] : target;
      index = m && m[2] !== undefined ? { pos: 0, end: 0, parts: [{ type: "Literal", pos: 0, end: 0, value: m[2] }] } : null;
      looked = { value: (await lookup(sh, name, index, io, ex)).value, label: refLabel };
    }
  } else {
    looked = await lookup(sh, name, index, io, ex);
  }
  let value = looked.value;
  if (!op) {
    if (value === undefined) checkUnbound(sh, looked.label, name);
    return value ?? "";
  }
  switch (op.kind) {
    case "default":
    case "alt":
    case "assign":
    case "error": {
      const nul = isNull(value, op.colon);
      if (op.kind === "alt") return nul ? "" : await altValue(sh, op.word, quoted, io, ex);
      if (!nul) return value!;
      if (op.kind === "default") return await altValue(sh, op.word, quoted, io, ex);
      if (op.kind === "assign") {
        const v = await ex.expandString(sh, op.word, io, quoted);
        if (!isName(name)) throw new ShellError(`$${name}: cannot assign in this way`, 1, true);
        if (index && !isAtIndex(index)) {
          const v0 = sh.resolve(name, true);
          if (v0 && isAssoc(v0)) v0.value.set(await ex.expandString(sh, index, io), v);
          else sh.setElement(name, evalSubscript(sh, await ex.expandString(sh, index, io, true)), v);
        } else sh.set(name, v);
        return v;
      }
      const msg = await ex.expandString(sh, op.word, io, quoted);
      throw new ShellError(`${looked.label}: ${msg || (op.colon ? "parameter null or not set" : "parameter not set")}`, 127, true);
    }
    case "length": {
      if (value === undefined) {
        checkUnbound(sh, looked.label, name);
        return "0";
      }
      if (typeof value !== "string") return String(name === "@" || name === "*" ? sh.positional.length : value.list.length);
      return String(charLength(value));
    }
  }
  if (value === undefined) {
    checkUnbound(sh, looked.label, name);
    // An unset variable transforms to nothing (${u@Q} is empty, not ''); @a still shows attributes.
    if (op.kind === "transform" && op.op !== "a") return "";
    // bash does not evaluate the offset and length of an unset one.
    if (op.kind === "substring") return "";
    value = "";
  }
  const each = async (f: (s: string) => string | Promise<string>): Promise<ParamValue> => {
    if (typeof value === "string") return f(value);
    const out: string[] = [];
    for (const s of value!.list) out.push(await f(s));
    return { list: out, star: value!.star };
  };
  const nocase = sh.shopts.has("nocasematch") && false;
  switch (op.kind) {
    case "removePrefix":
    case "removeSuffix": {
      const pat = await ex.expandPattern(sh, op.pattern, io, false);
      return each((s) => removeAffix(s, pat, op.kind === "removeSuffix", op.longest, nocase, () => sh.services.budget.checkTime()));
    }
    case "replace": {
      const pat = await ex.expandPattern(sh, op.pattern, io, false);
      const rep = op.replacement ? await ex.expandPattern(sh, op.replacement, io, false) : "";
      return each((s) => replaceWith(sh, s, pat, rep, op.all, op.anchor));
    }
    case "case": {
      const pat = op.pattern ? await ex.expandPattern(sh, op.pattern, io, false) : null;
      return each((s) => changeCase(s, op.toggle ? null : op.upper, op.all, pat));
    }
    case "substring": {
      // ${s[@]:1} of a scalar s slices its text, as bash does (not a one-element list).
      if (typeof value !== "string" && index && isAtIndex(index) && typeof sh.resolve(name)?.value === "string") value = value.list[0];
      // An empty array is skipped like an unset variable; $@ always has $0.
      if (typeof value !== "string" && !value.list.length && name !== "@" && name !== "*") return value;
      // bash names the parameter, as written, in an offset's or length's arithmetic error.
      const label = `${p.indirect ? "!" : ""}${p.name}${p.index ? `[${printWord(p.index)}]` : ""}: `;
      return substring(sh, value, name, op.offset, op.length, io, ex, label);
    }
    case "transform": {
      if (op.op.length !== 1 || !"QEPAaUuLKk".includes(op.op)) {
        if (typeof value !== "string" && value.list.length === 0) return value;
        throw new ShellError(`\${${p.indirect ? "!" : ""}${p.name}${p.index ? "[" + printWord(p.index) + "]" : ""}@${op.op}}: bad substitution`, 127, true);
      }
      if (op.op === "a") {
        const v = sh.resolve(name);
        return each(() => attrFlags(v?.attrs ?? 0, v));
      }
      if (op.op === "A") {
        if (name === "@" || name === "*") {
          if (typeof value === "string") return value;
          return `set -- ${value.list.map(quoteForReuse).join(" ")}`;
        }
        const v = sh.resolve(name);
        if (typeof value !== "string") return v && (isAssoc(v) || isIndexed(v)) ? declareLine(name, v) : value;
        if (!v) return "";
        const flags = attrFlags(v.attrs, v);
        return `${flags ? `declare -${flags} ` : ""}${name}=${quoteForReuse(value)}`;
      }
      if (op.op === "K" || op.op === "k") {
        const v = sh.resolve(name);
        if (v && (isAssoc(v) || isIndexed(v))) {
          const pairs: string[] = [];
          if (typeof value === "string") return op.op === "K" ? quoteForReuse(value) : value;
          if (op.op === "k") {
            if (isAssoc(v)) for (const [k, val] of assocEntries(v.value)) pairs.push(k, val);
            else for (const i of arrayIndices(v.value)) pairs.push(String(i), v.value[i]);
            return { list: pairs, star: value.star };
          }
          if (isAssoc(v)) for (const [k, val] of assocEntries(v.value)) pairs.push(declareKey(k), quoteDeclare(val));
          else for (const i of arrayIndices(v.value)) pairs.push(String(i), quoteDeclare(v.value[i]));
          return pairs.join(" ");
        }
      }
      if (op.op === "P" && sh.shopts.has("promptvars")) return each((s) => promptValue(sh, s, io, ex));
      return each((s) => transformValue(sh, s, op.op));
    }
  }
  return value;
}

/**
 * ${x@P} with promptvars (on by default): the decoded prompt is then expanded like a
 * here-document body (parameters, command substitution, arithmetic).
 */
async function promptValue(sh: Shell, s: string, io: FdTable, ex: WordExpander): Promise<string> {
  const decoded = expandPrompt(sh, s, true);
  if (!/[$`\\]/.test(decoded)) return decoded;
  const delim = "__SANDBASH_PROMPT_END__";
  let body: Word | undefined;
  try {
    const cmd = parse(`: <<${delim}\n${decoded}\n${delim}\n`)[0]?.command;
    body = cmd?.type === "Simple" ? cmd.redirects[0]?.heredoc?.body : undefined;
  } catch {
    body = undefined;
  }
  if (!body) return expandPrompt(sh, s);
  const text = await ex.expandString(sh, body, io, true);
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** The word of ${x:-word} / ${x:+word}: expanded in place, with its own quoting and splitting. */
async function altValue(_sh: Shell, word: Word, _quoted: boolean, _io: FdTable, _ex: WordExpander): Promise<ParamValue> {
  return { word };
}

function checkUnbound(sh: Shell, label: string, name: string): void {
  if (!sh.options.has("nounset")) return;
  if (name === "@" || name === "*") return;
  throw new ShellError(`${/^[0-9]+$/.test(label) ? "$" + label : label}: unbound variable`, 127, true);
}

function replaceWith(sh: Shell, s: string, pat: string, rep: string, all: boolean, anchor: "#" | "%" | null): string {
  // patsub_replacement: an unquoted & in the replacement stands for the matched text.
  const useAmp = sh.shopts.has("patsub_replacement") && /(^|[^\\])&/.test(rep);
  const tick = () => sh.services.budget.step();
  const poll = () => sh.services.budget.checkTime();
  if (!useAmp) return replacePattern(s, pat, rep.replace(/\\(.)/gs, "$1"), all, anchor, false, tick, poll);
  const marker = "\u0000AMP\u0000";
  const repMarked = rep.replace(/\\(.)|&/gs, (m, c) => (m === "&" ? marker : c));
  const parts = repMarked.split(marker);
  // Replace each match with a token, then substitute the matched text back in.
  let out = "";
  let rest = s;
  let first = true;
  while (rest.length >= 0) {
    const replaced = replacePattern(rest, pat, "\u0001", false, anchor, false, undefined, poll);
    if (replaced === rest || (!first && !all)) {
      out += rest;
      break;
    }
    const at = replaced.indexOf("\u0001");
    const tail = replaced.slice(at + 1);
    const matched = rest.slice(at, rest.length - tail.length);
    out += rest.slice(0, at) + parts.join(matched);
    if (matched === "" ) {
      out += tail;
      break;
    }
    rest = tail;
    first = false;
    if (!all || anchor) {
      out += rest;
      break;
    }
  }
  return out;
}

/** upper null: ${x~} / ${x~~} toggle each character's case. */
function changeCase(s: string, upper: boolean | null, all: boolean, pat: string | null): string {
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    if (!all && i > 0) break;
    if (pat !== null && !matchPattern(chars[i], pat)) continue;
    const c = chars[i];
    const up = upper ?? c === c.toLowerCase();
    chars[i] = up ? c.toUpperCase() : c.toLowerCase();
  }
  return chars.join("");
}

async function substring(
  sh: Shell, value: PlainValue, name: string, offW: Word, lenW: Word | null, io: FdTable, ex: WordExpander, label: string,
): Promise<ParamValue> {
  const offText = await ex.expandString(sh, offW, io, true);
  let off = Number(evalArithText(sh, offText, label));
  let len: number | null = null;
  if (lenW) {
    const lt = await ex.expandString(sh, lenW, io, true);
    len = Number(evalArithText(sh, lt, label));
  }
  if (typeof value === "string") {
    const chars = [...value];
    const n = chars.length;
    if (off < 0) off = Math.max(n + off, -1);
    if (off < 0 || off > n) return "";
    let end = n;
    if (len !== null) {
      end = len < 0 ? n + len : off + len;
      if (end < off) {
        if (len < 0) throw new ShellError(`${lenW ? (await ex.expandString(sh, lenW, io, true)).trim() : ""}: substring expression < 0`, 1, true);
        end = off;
      }
    }
    return chars.slice(off, end).join("");
  }
  // Arrays and positional parameters slice elements. $@ counts $0 as element 0.
  let list = value.list;
  if (name === "@" || name === "*") list = [sh.argv0, ...list];
  else if (!(name === "@" || name === "*")) {
    const v = sh.resolve(name);
    if (v && isIndexed(v)) {
      const idx = arrayIndices(v.value);
      const n = idx.length ? idx[idx.length - 1] + 1 : 0;
      let start = off < 0 ? n + off : off;
      if (start < 0) return { list: [], star: value.star };
      const out: string[] = [];
      for (const i of idx) {
        if (i < start) continue;
        if (len !== null && out.length >= len) break;
        out.push(v.value[i]);
      }
      if (len !== null && len < 0) throw new ShellError(`${len}: substring expression < 0`, 1, true);
      start = 0;
      return { list: out, star: value.star };
    }
  }
  const n = list.length;
  let start = off < 0 ? n + off : off;
  if (name === "@" || name === "*") {
    if (off < 0) start = n + off;
  }
  if (start < 0 || start > n) return { list: [], star: value.star };
  if (len !== null && len < 0) throw new ShellError(`${len}: substring expression < 0`, 1, true);
  const end = len === null ? n : Math.min(n, start + len);
  return { list: list.slice(start, end), star: value.star };
}

function attrFlags(attrs: number, v: ReturnType<Shell["resolve"]>): string {
  let s = "";
  if (v && isIndexed(v)) s += "a";
  if (v && isAssoc(v)) s += "A";
  if (attrs & Attr.Integer) s += "i";
  if (attrs & Attr.Lower) s += "l";
  if (attrs & Attr.Nameref) s += "n";
  if (attrs & Attr.Readonly) s += "r";
  if (attrs & Attr.Trace) s += "t";
  if (attrs & Attr.Upper) s += "u";
  if (attrs & Attr.Export) s += "x";
  return s;
}
