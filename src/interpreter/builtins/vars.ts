import type { Assignment, SimpleCommand } from "../../parser/ast.js";
import { isName } from "../../parser/scanner.js";
import { evalArithText, evalSubscript } from "../arith.js";
import { assignArray, checkCompoundTarget, expandCompound, storeCompound, traceCompound, type ExpandedElement } from "../arrays.js";
import { ShellError, SubscriptError, fatalSignal } from "../errors.js";
import { expandString } from "../expand.js";
import type { FdTable } from "../io.js";
import { quoteDeclare } from "../quote.js";
import type { Shell } from "../shell.js";
import { parse } from "../../parser/parser.js";
import { printFunction } from "../../parser/print.js";
import { deferredDeclarationTraces, traceLine, traceWord, tracing } from "../xtrace.js";
import { Attr, arrayIndices, assocEntries, isAssoc, isIndexed, type Variable } from "../variables.js";
import { reportError } from "../report.js";
import { attrLetters, declareLine } from "../declare-format.js";
import { builtinError, invalidOption, out, type ShellBuiltin } from "./util.js";
import { lazyModule } from "../../lazy.js";

const setModule = lazyModule(() => import("./set.js"));

const LETTER_ATTR: Record<string, number> = {
  a: Attr.Indexed, A: Attr.Assoc, i: Attr.Integer, l: Attr.Lower, u: Attr.Upper, n: Attr.Nameref,
  r: Attr.Readonly, t: Attr.Trace, x: Attr.Export, c: Attr.Capitalize,
};

interface DeclareOpts {
  on: number;
  off: number;
  print: boolean;
  functions: boolean;
  funcNames: boolean;
  global: boolean;
  /** local -I: start from the outer variable's value and attributes. */
  inherit?: boolean;
}

/** declare / typeset / local / export / readonly share one implementation. */
function declareLike(kind: "declare" | "local" | "export" | "readonly"): ShellBuiltin {
  return async (sh, argv, fds, cmd) => {
    const name = argv[0];
    if (kind === "local" && sh.funcNames.length === 0) {
      builtinError(sh, fds, name, "can only be used in a function");
      return 1;
    }
    const o: DeclareOpts = { on: 0, off: 0, print: false, functions: false, funcNames: false, global: false };
    if (kind === "export") o.on |= Attr.Export;
    if (kind === "readonly") o.on |= Attr.Readonly;
    const allowed = kind === "export" ? "fnp" : kind === "readonly" ? "aAfp" : "aAfFgiIlnprtuxc";
    let i = 1;
    for (; i < argv.length; i++) {
      const a = argv[i];
      if (a === "--") {
        i++;
        break;
      }
      if (!/^[-+][A-Za-z]+$/.test(a)) break;
      const minus = a[0] === "-";
      for (const c of a.slice(1)) {
        if (!allowed.includes(c)) {
          const usage =
            kind === "export" ? "export [-fn] [name[=value] ...] or export -p"
              : kind === "readonly" ? "readonly [-aAf] [name[=value] ...] or readonly -p"
                : `${name} [-aAfFgiIlnrtux] [name[=value] ...]${kind === "declare" ? ` or ${name} -p [-aAfFilnrtux] [name ...]` : ""}`;
          return invalidOption(sh, fds, name, `${a[0]}${c}`, usage);
        }
        if (c === "p") o.print = true;
        else if (c === "f") o.functions = true;
        else if (c === "F") o.funcNames = true;
        else if (c === "g") o.global = true;
        else if (c === "I") o.inherit = true;
        else if (c === "n" && kind === "export") {
          if (minus) o.off |= Attr.Export;
          o.on &= ~Attr.Export;
        } else if (LETTER_ATTR[c] !== undefined) {
          if (minus) o.on |= LETTER_ATTR[c];
          else o.off |= LETTER_ATTR[c];
        }
      }
    }
    // -l and -u together cancel out (bash keeps neither).
    if ((o.on & (Attr.Lower | Attr.Upper)) === (Attr.Lower | Attr.Upper)) o.on &= ~(Attr.Lower | Attr.Upper);
    const args = argv.slice(i);
    const words = cmd ? cmd.words.slice(cmd.words.length - args.length) : [];
    if ((o.functions || o.funcNames) && o.on & Attr.Readonly) return readonlyFunctions(sh, fds, name, args);
    if (kind === "export" && o.functions && args.length) return exportFunctions(sh, fds, args, (o.off & Attr.Export) !== 0);
    if (o.functions || o.funcNames) return declareFunctions(sh, fds, args, o.funcNames);
    if (args.length === 0 || (o.print && args.every((a) => !a.includes("=")))) {
      return printVars(sh, fds, kind, args, o);
    }
    let status = 0;
    const where = kind === "local" || (kind === "declare" && sh.funcNames.length > 0 && !o.global) ? "local" : o.global ? "global" : "visible";
    // Compound assignments are expanded before any argument takes effect, as bash expands
    // all the words first; set -x shows each list, then the command line (simple.ts left it).
    const lists = new Map<number, ExpandedElement[]>();
    const failed = new Set<number>();
    for (let k = 0; k < args.length; k++) {
      const a = words[k]?.assign;
      if (!a?.array) continue;
      try {
        await checkCompoundTarget(sh, a, fds);
        const existing = sh.resolve(sh.resolveName(a.name));
        const elems = await expandCompound(sh, a, fds, !!(o.on & Attr.Assoc) || (existing !== undefined && isAssoc(existing)));
        lists.set(k, elems);
        if (tracing(sh)) traceLine(sh, fds, traceCompound(a, elems));
      } catch (e) {
        if (!(e instanceof ShellError) || e instanceof SubscriptError) throw e;
        builtinError(sh, fds, name, e.message);
        status = 1;
        failed.add(k);
      }
    }
    if (cmd && deferredDeclarationTraces.delete(cmd)) {
      const all = cmd.words.slice(cmd.words.length - argv.length);
      traceLine(sh, fds, argv.map((x, j) => (all[j]?.assign?.array ? all[j].assign!.name : traceWord(x))).join(" "));
    }
    for (let k = 0; k < args.length; k++) {
      if (failed.has(k)) continue;
      if (kind === "local" && args[k] === "-") {
        // local -: the function's option changes are undone when it returns.
        const frame = sh.vars.frames[sh.vars.frames.length - 1];
        const saved = (sh.savedOptions ??= new WeakMap());
        if (!saved.has(frame)) saved.set(frame, new Set(sh.options));
        continue;
      }
      const word = words[k]?.assign ? words[k] : undefined;
      try {
        if (!(await declareOne(sh, fds, name, args[k], word?.assign, lists.get(k), o, where as "local" | "global" | "visible", kind))) status = 1;
        // set -x: export and readonly also trace the assignment they make.
        else if ((kind === "export" || kind === "readonly") && tracing(sh) && !lists.has(k) && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[k])) {
          const eq = args[k].indexOf("=");
          traceLine(sh, fds, `${args[k].slice(0, eq)}=${traceWord(args[k].slice(eq + 1))}`);
        }
      } catch (e) {
        if (e instanceof SubscriptError) throw e;
        if (e instanceof ShellError) {
          builtinError(sh, fds, name, e.message);
          status = 1;
        } else throw e;
      }
    }
    return status;
  };
}

async function declareOne(
  sh: Shell, fds: FdTable, cmdName: string, arg: string, assign: Assignment | undefined, list: ExpandedElement[] | undefined,
  o: DeclareOpts, where: "local" | "global" | "visible", kind: string,
): Promise<boolean> {
  const eq = arg.indexOf("=");
  let name = eq < 0 ? arg : arg.slice(0, eq);
  let append = false;
  if (name.endsWith("+")) {
    name = name.slice(0, -1);
    append = true;
  }
  const bracket = name.indexOf("[");
  const base = bracket > 0 ? name.slice(0, bracket) : name;
  if (!isName(base)) {
    builtinError(sh, fds, cmdName, `\`${arg}': not a valid identifier`);
    return false;
  }
  if (o.on & Attr.Nameref && eq >= 0 && bracket < 0) {
    // A nameref must name a variable (or an array element); bash checks the value.
    const target = arg.slice(eq + 1);
    if (target === base) {
      builtinError(sh, fds, cmdName, `${base}: nameref variable self references not allowed`);
      return false;
    }
    if (target !== "" && !/^[A-Za-z_][A-Za-z0-9_]*(\[.*\])?$/s.test(target)) {
      builtinError(sh, fds, cmdName, `\`${target}': invalid variable name for name reference`);
      return false;
    }
  }
  const existing = where === "local" ? sh.vars.frames[sh.vars.frames.length - 1]?.get(base) : sh.resolve(base);
  const shadowed = where === "local" && kind === "local" ? sh.resolve(base) : existing;
  if (shadowed && shadowed.attrs & Attr.Readonly && (eq >= 0 || o.off & Attr.Readonly || shadowed !== existing)) {
    // export and readonly report it as an assignment error (no builtin name); export still exports.
    if (kind === "export" || kind === "readonly") {
      reportError(sh, fds, `${base}: readonly variable`);
      if (kind === "export") sh.resolve(base, true)!.attrs |= Attr.Export;
    } else builtinError(sh, fds, cmdName, `${base}: readonly variable`);
    return false;
  }
  const fresh = existing === undefined || existing.value === undefined;
  if (o.on & Attr.Assoc && existing && Array.isArray(existing.value) && !(existing.attrs & Attr.NoValue)) {
    builtinError(sh, fds, cmdName, `${base}: cannot convert indexed to associative array`);
    return false;
  }
  if (o.on & Attr.Indexed && existing && existing.value instanceof Map) {
    builtinError(sh, fds, cmdName, `${base}: cannot convert associative to indexed array`);
    return false;
  }
  const outer = o.inherit && where === "local" && !existing ? sh.resolve(base) : undefined;
  // bash's make_local_variable: a new local of a name exported outside stays exported.
  const visible = where === "local" && !existing ? sh.resolve(base) : undefined;
  const inheritsExport = visible !== undefined && !(visible.attrs & Attr.Nameref) && visible.attrs & Attr.Export;
  const v = sh.declare(base, 0, where === "visible" && kind !== "declare" ? "visible" : where);
  if (inheritsExport && v !== visible) v.attrs |= Attr.Export;
  if (outer && outer !== v) {
    v.attrs |= outer.attrs & ~(Attr.Readonly | Attr.Nameref);
    v.value = Array.isArray(outer.value) ? outer.value.slice() : outer.value instanceof Map ? new Map(outer.value) : outer.value;
  }
  if (fresh && eq < 0 && o.on & (Attr.Assoc | Attr.Indexed)) v.attrs |= Attr.NoValue;
  if (o.on & Attr.Assoc && !(v.value instanceof Map)) v.value = v.value === undefined ? new Map() : new Map([["0", String(v.value)]]);
  if (o.on & Attr.Indexed && v.value !== undefined && !Array.isArray(v.value) && !(v.value instanceof Map)) v.value = [v.value];
  if (o.on & Attr.Indexed && v.value === undefined) v.value = [];
  if (o.on & Attr.Upper) v.attrs &= ~Attr.Lower;
  if (o.on & Attr.Lower) v.attrs &= ~Attr.Upper;
  v.attrs = (v.attrs | (o.on & ~Attr.Readonly)) & ~o.off;
  if (eq >= 0) {
    const isArray = o.on & (Attr.Indexed | Attr.Assoc) || (v.value !== undefined && typeof v.value !== "string");
    const compound = !assign?.array && bracket < 0 && isArray ? compoundFromText(base, arg.slice(eq + 1), append) : null;
    if (assign?.array && list) storeCompound(sh, { ...assign, name: base }, list, where);
    else if (compound) {
      await assignArray(sh, compound, fds, where === "visible" ? "visible" : where);
    } else {
      const value = arg.slice(eq + 1);
      if (bracket > 0) {
        const key = name.slice(bracket + 1, -1);
        if (v.value instanceof Map) v.value.set(key, sh.applyAttrs(v, value, append ? v.value.get(key) ?? "" : null));
        else sh.setElement(base, evalSubscript(sh, key), value, append);
      } else if (Array.isArray(v.value)) {
        v.value[0] = sh.applyAttrs(v, value, append ? v.value[0] ?? "" : null);
      } else if (v.value instanceof Map) {
        v.value.set("0", sh.applyAttrs(v, value, null));
      } else {
        v.value = sh.applyAttrs(v, value, append ? (typeof v.value === "string" ? v.value : "") : null);
      }
    }
  } else if (v.attrs & Attr.Integer && typeof v.value === "string" && o.on & Attr.Integer) {
    v.value = String(evalArithText(sh, v.value));
  }
  if (o.on & Attr.Readonly) v.attrs |= Attr.Readonly;
  return true;
}

/** declare -a a='(1 2)': an array's value that reads as ( ... ) is a compound assignment (bash). */
function compoundFromText(name: string, value: string, append: boolean): Assignment | null {
  if (!value.startsWith("(") || !value.endsWith(")")) return null;
  try {
    const cmd = parse(`${name}${append ? "+" : ""}=${value}`)[0]?.command;
    const a = cmd && cmd.type === "Simple" && cmd.words.length === 0 ? cmd.assigns[0] : undefined;
    return a?.array ? a : null;
  } catch {
    return null;
  }
}

/** FUNCNAME, BASH_SOURCE, BASH_LINENO, PIPESTATUS, DIRSTACK: arrays the shell computes, for declare -p. */
function computedArray(sh: Shell, name: string): Variable | undefined {
  if (!["FUNCNAME", "BASH_SOURCE", "BASH_LINENO", "PIPESTATUS", "DIRSTACK"].includes(name)) return undefined;
  const values = sh.values(name);
  if (name === "FUNCNAME" && !values.length) return { value: [], attrs: Attr.Indexed | Attr.NoValue };
  return values.length ? { value: values, attrs: Attr.Indexed } : undefined;
}

/** readonly -f NAME... / declare -rf: marks functions; without names lists the readonly ones. */
async function readonlyFunctions(sh: Shell, fds: FdTable, cmdName: string, names: string[]): Promise<number> {
  let status = 0;
  if (names.length === 0) {
    let text = "";
    for (const n of [...sh.readonlyFunctions].sort()) {
      const fn = sh.functions.get(n);
      if (fn) text += `${printFunction(fn)}\ndeclare -fr ${n}\n`;
    }
    if (text) await out(fds, text);
    return 0;
  }
  for (const n of names) {
    if (!sh.functions.has(n)) {
      builtinError(sh, fds, cmdName, `${n}: not a function`);
      status = 1;
    } else sh.readonlyFunctions.add(n);
  }
  return status;
}

async function printVars(sh: Shell, fds: FdTable, kind: string, names: string[], o: DeclareOpts): Promise<number> {
  let status = 0;
  let text = "";
  if (kind === "local" && !names.length) {
    // local alone lists the function's own variables, declare -p style.
    const frame = sh.vars.frames[sh.vars.frames.length - 1];
    for (const n of [...frame.keys()].sort()) text += declareLine(n, frame.get(n)!) + "\n";
    if (text) await out(fds, text);
    return 0;
  }
  // SHELLOPTS and BASHOPTS are computed but listed like the readonly variables they are in bash.
  const list = names.length ? names : [...new Set([...sh.vars.visibleNames(), "BASHOPTS", "SHELLOPTS"])].sort();
  for (const n of list) {
    const v = sh.vars.lookup(n) ?? (n === "SHELLOPTS" || n === "BASHOPTS" ? { value: sh.get(n), attrs: Attr.Readonly } : names.length ? computedArray(sh, n) : undefined);
    if (!v) {
      if (names.length) {
        builtinError(sh, fds, kind === "local" ? "local" : "declare", `${n}: not found`);
        status = 1;
      }
      continue;
    }
    if (!names.length) {
      if (kind === "export" && !(v.attrs & Attr.Export)) continue;
      if (kind === "readonly" && !(v.attrs & Attr.Readonly)) continue;
      if (o.on && (v.attrs & o.on) !== o.on) continue;
    }
    if (!names.length && kind === "declare" && !o.print && !o.on) {
      const { setLine } = await setModule();
      const line = setLine(n, v);
      if (line !== null) text += line + "\n";
      continue;
    }
    text += declareLine(n, v) + "\n";
  }
  if (text) await out(fds, text);
  return status;
}

/** export -f NAME...: child shells get these functions (export -fn takes that back). */
function exportFunctions(sh: Shell, fds: FdTable, names: string[], off: boolean): number {
  let status = 0;
  for (const n of names) {
    if (!sh.functions.has(n)) {
      builtinError(sh, fds, "export", `${n}: not a function`);
      status = 1;
    } else if (off) sh.exportedFunctions.delete(n);
    else sh.exportedFunctions.add(n);
  }
  return status;
}

async function declareFunctions(sh: Shell, fds: FdTable, names: string[], namesOnly: boolean): Promise<number> {
  const list = names.length ? names : [...sh.functions.keys()].sort();
  let text = "";
  let status = 0;
  for (const n of list) {
    const fn = sh.functions.get(n);
    if (!fn) {
      status = 1;
      continue;
    }
    text += namesOnly ? (names.length ? `${n}\n` : `declare -f ${n}\n`) : printFunction(fn) + "\n";
  }
  if (text) await out(fds, text);
  return status;
}

export const declare = declareLike("declare");
export const local = declareLike("local");
export const exportBuiltin = declareLike("export");
export const readonly = declareLike("readonly");

export const unset: ShellBuiltin = async (sh, argv, fds) => {
  let mode: "v" | "f" | "n" | "" = "";
  let i = 1;
  for (; i < argv.length && /^-[fvn]+$/.test(argv[i]); i++) mode = argv[i].slice(-1) as "v" | "f" | "n";
  if (argv[i] === "--") i++;
  let status = 0;
  for (const arg of argv.slice(i)) {
    if (mode === "f" || (!mode && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(arg)) || (!mode && !sh.vars.lookup(arg) && sh.functions.has(arg))) {
      if (sh.readonlyFunctions.has(arg) && sh.functions.has(arg)) {
        builtinError(sh, fds, "unset", `${arg}: cannot unset: readonly function`);
        status = 1;
        continue;
      }
    }
    if (mode === "f") {
      sh.functions.delete(arg);
      continue;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/s.exec(arg);
    if (!m) {
      // Without -v, a name that cannot be a variable may still name a function.
      if (mode === "") {
        sh.functions.delete(arg);
        continue;
      }
      builtinError(sh, fds, "unset", `\`${arg}': not a valid identifier`);
      status = 1;
      continue;
    }
    const name = mode === "n" ? m[1] : sh.resolveName(m[1]);
    if (m[2] !== undefined) {
      const v = sh.resolve(name, true);
      if (!v) continue;
      if (v.attrs & Attr.Readonly) {
        builtinError(sh, fds, "unset", `${name}: cannot unset: readonly variable`);
        status = 1;
        continue;
      }
      if (m[2] === "@" || m[2] === "*") {
        sh.unset(name);
      } else if (isAssoc(v)) v.value.delete(m[2]);
      else if (isIndexed(v)) {
        let idx = evalSubscript(sh, m[2]);
        if (idx < 0) idx += v.value.length;
        delete v.value[idx];
        while (v.value.length && !(v.value.length - 1 in v.value)) v.value.length--;
      } else if (evalSubscript(sh, m[2]) === 0) sh.unset(name);
      continue;
    }
    if (!mode && !sh.vars.lookup(name) && sh.functions.has(name)) {
      sh.functions.delete(name);
      continue;
    }
    if (!sh.unset(name)) {
      builtinError(sh, fds, "unset", `${name}: cannot unset: readonly variable`);
      status = 1;
    }
  }
  return status;
};

export const letBuiltin: ShellBuiltin = (sh, argv, fds) => {
  if (argv.length < 2) {
    builtinError(sh, fds, "let", "expression expected");
    return 1;
  }
  let last: number | bigint = 0;
  for (const expr of argv.slice(1)) {
    try {
      last = evalArithText(sh, expr, "let: ");
    } catch (e) {
      if (e instanceof SubscriptError) {
        reportError(sh, fds, e);
        throw fatalSignal(e);
      }
      if (e instanceof ShellError) {
        const w = fds[2]?.writer;
        w?.write(`${sh.sourceName ?? sh.argv0}: line ${sh.line}: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }
  return last === 0 || last === 0n ? 1 : 0;
};

export type { SimpleCommand };
void expandString;
