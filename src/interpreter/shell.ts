import type { CommandDef, SandboxInfo } from "../../builtins/types.js";
import type { FileSystem } from "../fs/types.js";
import type { Budget } from "../limits/budget.js";
import type { FunctionDef } from "../parser/ast.js";
import { dynamicValue, nextRandom } from "./dynamic-vars.js";
import { ShellError } from "./errors.js";
import { exportedVariables } from "./environ.js";
import { evalArithText, evalSubscript } from "./arith.js";
import {
  arrayValues,
  assocEntries,
  Attr,
  copyMap,
  copySet,
  isAssoc,
  isIndexed,
  scalarOf,
  type Variable,
  VariableStore,
} from "./variables.js";

/** Services shared by a shell and all its subshells during one session. */
export interface ShellServices {
  fs: FileSystem;
  /** Built-in utilities and custom commands by name. */
  commands: Map<string, CommandDef>;
  sandbox: SandboxInfo;
  /** The budget of the exec in progress. */
  budget: Budget;
  signal: AbortSignal | undefined;
  /** Next pseudo process id for $!, BASHPID. */
  nextPid: number;
  /** This session's jq runner (BashOptions.jq); unset: the process-wide default. */
  jq?: import("../../builtins/jq/types.js").JqRunner;
  /** The allow-listed network (BashOptions.network); unset: no network, and no curl or wget. */
  network?: import("../network/policy.js").NetworkPolicy;
  /** Background jobs of the current exec, awaited at the end. */
  jobs: Map<number, Promise<number>>;
  /** Input pipes of running coprocesses, closed when the exec ends so they can finish. */
  coprocInputs?: Set<import("../io/streams.js").ByteWriter>;
  /** Statuses of jobs `wait` already collected: waiting for one again gives it back (bash). */
  finishedJobs?: Map<number, number>;
  /** Background jobs by job number, for `jobs` and %N (jobtable.ts). */
  jobTable?: Map<number, import("./jobtable.js").JobEntry>;
}

/** `set -o` options by long name, with their single-letter flags for $-. */
export const SET_OPTIONS: ReadonlyArray<[string, string]> = [
  ["allexport", "a"], ["braceexpand", "B"], ["emacs", ""], ["errexit", "e"], ["errtrace", "E"],
  ["functrace", "T"], ["hashall", "h"], ["histexpand", "H"], ["history", ""], ["ignoreeof", ""],
  ["interactive-comments", ""], ["keyword", "k"], ["monitor", "m"], ["noclobber", "C"],
  ["noexec", "n"], ["noglob", "f"], ["nolog", ""], ["notify", "b"], ["nounset", "u"],
  ["onecmd", "t"], ["physical", "P"], ["pipefail", ""], ["posix", ""], ["privileged", "p"],
  ["verbose", "v"], ["vi", ""], ["xtrace", "x"],
];

/** The order bash prints $- in. */
const FLAG_ORDER = "abefhkmnptuvxBCEHPT";

/** Dynamic variables that `unset` turns into ordinary (unset) names. */
const LOSABLE_SPECIALS = new Set(["RANDOM", "SRANDOM", "SECONDS", "LINENO", "EPOCHSECONDS", "EPOCHREALTIME", "BASHPID", "BASH_SUBSHELL", "BASH_COMMAND", "BASH_ARGV0"]);

/** The state of one shell: variables, functions, options, cwd, positional parameters. */
export class Shell {
  declare readonly services: ShellServices;
  declare vars: VariableStore;
  declare functions: Map<string, FunctionDef>;
  declare aliases: Map<string, string>;
  /**
   * set -o options that are on. Read-only here: a subshell shares its parent's sets until
   * either side changes one (most never do), so every change goes through ownOptions().
   */
  declare options: ReadonlySet<string>;
  /** shopt options that are on; changed through ownShopts() (see options). */
  declare shopts: ReadonlySet<string>;
  /** Whether options / shopts may be shared with another shell (copy before changing). */
  declare private optionsShared: boolean;
  declare private shoptsShared: boolean;
  declare cwd: string;
  declare positional: string[];
  declare argv0: string;
  declare lastStatus: number;
  declare lastBgPid: number;
  declare pid: number;
  declare readonly rootPid: number;
  declare subshellLevel: number;
  /** xtrace nesting ($(...), eval, source): PS4's first character is repeated this many extra times. */
  declare traceLevel: number;
  /** FUNCNAME stack, innermost first. */
  declare funcNames: string[];
  declare traps: Map<string, string>;
  /** What `trap` lists in a subshell that has set no trap yet: its parent's traps (as bash). */
  declare inheritedTraps: Map<string, string> | null;
  /** The simple command running now ($BASH_COMMAND, printed when asked for). */
  declare currentCommand: import("../parser/ast.js").Command | null;
  /** The last simple command of a `bash -c` string, which bash execs without a fork (script.ts). */
  declare lastCommandOfC: import("../parser/ast.js").SimpleCommand | null;
  /** Warnings of a synchronous expansion, which has no stderr: simple.ts prints them after it. */
  declare pendingWarnings: string[] | null;
  /** > 0 while a trap action runs: $BASH_COMMAND stays the command that was trapped. */
  declare inTrap: number;
  declare dirStack: string[];
  declare umask: number;
  /** Line of the command running now (LINENO, error messages). */
  declare line: number;
  /** > 0 while in an if/while condition, an && / || left side, or after `!`: set -e is ignored. */
  declare errexitIgnored: number;
  declare loopDepth: number;
  /** Seconds origin for $SECONDS. */
  declare secondsBase: number;
  declare randomState: number;
  /** The last $RANDOM handed out (bash never repeats it at once). */
  declare lastRandom: number;
  /** Here-document bodies being expanded now ($* joins with spaces there). Not inherited. */
  declare hereDocDepth: number;
  /** Dynamic variables unset by the script: they lose their special meaning (bash). */
  declare lostSpecials: Set<string>;
  /** Open fds made persistent by `exec` (fd -> entry), beyond the standard three. */
  declare persistentFds: Map<number, import("./io.js").FdEntry>;
  /** PIPESTATUS of the last pipeline; null: the last command was not a pipeline ([$?]). */
  declare pipeStatus: number[] | null;
  /** $_: the last argument of the previous simple command. */
  declare lastArg: string;
  /** A failure waiting for its ERR trap (see checkErrexit). */
  declare pendingErr: { status: number; exit: boolean } | null;
  /** Line the current function was called from (caller). */
  declare callerLine: number;
  /** BASH_LINENO: the line each active function was called from, innermost first. */
  declare callerLines: number[];
  /** Options saved by `local -` in a function frame, restored when the function returns. */
  declare savedOptions: WeakMap<Map<string, Variable>, Set<string>> | null;
  /** True while `source` runs a file (return is allowed). */
  declare sourcing: boolean;
  /** getopts state: index into a bundle like -abc, and the OPTIND it belongs to. */
  declare getoptsSub: number;
  declare getoptsLastInd: number;
  /** Builtins turned off by `enable -n`. */
  declare disabledBuiltins: Set<string>;
  /** `hash`'s table: command name -> where PATH found it. */
  declare hashed: Map<string, { path: string; hits: number }>;
  /** Functions marked by `export -f`: child shells get them. */
  declare exportedFunctions: Set<string>;
  /** The process substitutions open now, on /dev/fd/63 down (procsubst.ts). */
  declare procFds: import("./procsubst.js").ProcFd[] | null;
  /** Status of the last command substitution (for commands that are only assignments). */
  declare substStatus: number;
  /** The file being run or sourced (error prefix), null for a -c string. */
  declare sourceName: string | null;
  /** The file the running function was defined in (null: a -c string). */
  declare functionSource: string | null;
  /** Where each function was defined (null: a -c string). */
  declare functionSources: Map<string, string | null>;
  /** Functions made readonly (readonly -f, declare -rf): no redefining, no unset. */
  declare readonlyFunctions: Set<string>;

  // One assignment per field, in the same order for a new shell and a subshell (one hidden
  // class), rather than class fields, which make V8 compile this whole class body again when
  // the first instance is made (cold start, bench/startup.ts).
  constructor(services: ShellServices, init?: Shell, borrowVars = false) {
    this.services = services;
    this.vars = init ? (borrowVars ? init.vars.borrow() : init.vars.clone()) : new VariableStore();
    this.functions = init ? copyMap(init.functions) : new Map();
    this.aliases = init ? copyMap(init.aliases) : new Map();
    this.options = init ? init.options : new Set(["braceexpand", "hashall", "interactive-comments"]);
    this.shopts = init ? init.shopts : new Set(["checkwinsize", "cmdhist", "complete_fullquote", "extquote", "force_fignore", "globasciiranges", "globskipdots", "hostcomplete", "interactive_comments", "patsub_replacement", "progcomp", "promptvars", "sourcepath"]);
    this.optionsShared = this.shoptsShared = init !== undefined;
    this.cwd = init ? init.cwd : "/home/user";
    this.positional = init ? init.positional.slice() : [];
    this.argv0 = init ? init.argv0 : "bash";
    this.lastStatus = init ? init.lastStatus : 0;
    this.lastBgPid = init ? init.lastBgPid : 0;
    this.pid = services.nextPid++;
    this.rootPid = init ? init.rootPid : this.pid;
    this.subshellLevel = init ? init.subshellLevel + 1 : 0;
    this.traceLevel = init ? init.traceLevel : 0;
    this.funcNames = init ? init.funcNames.slice() : [];
    this.traps = init ? copyMap(init.traps) : new Map();
    // A subshell does not inherit traps other than ignored ones (bash resets them), but lists its parent's.
    this.inheritedTraps = init?.traps.size ? (init.inheritedTraps ?? new Map(init.traps)) : null;
    this.currentCommand = init ? init.currentCommand : null;
    this.lastCommandOfC = init ? init.lastCommandOfC : null;
    this.pendingWarnings = null;
    this.inTrap = init ? init.inTrap : 0;
    this.dirStack = init ? init.dirStack.slice() : [];
    this.umask = init ? init.umask : 0o022;
    this.line = init ? init.line : 1;
    this.errexitIgnored = init ? init.errexitIgnored : 0;
    this.loopDepth = 0;
    this.secondsBase = init ? init.secondsBase : services.sandbox.now();
    this.randomState = init ? (init.randomState * 1103515245 + 12345 + this.pid) >>> 0 : 1;
    this.lastRandom = 0;
    this.hereDocDepth = 0;
    this.lostSpecials = init ? copySet(init.lostSpecials) : new Set();
    this.persistentFds = init ? copyMap(init.persistentFds) : new Map();
    this.pipeStatus = init?.pipeStatus ? init.pipeStatus.slice() : null;
    this.lastArg = "";
    this.pendingErr = null;
    this.callerLine = 0;
    this.callerLines = init ? init.callerLines.slice() : [];
    this.savedOptions = null;
    this.sourcing = init ? init.sourcing : false;
    this.getoptsSub = 1;
    this.getoptsLastInd = 0;
    this.disabledBuiltins = init ? copySet(init.disabledBuiltins) : new Set();
    this.hashed = init ? copyMap(init.hashed) : new Map();
    this.exportedFunctions = init ? copySet(init.exportedFunctions) : new Set();
    this.procFds = init?.procFds ? init.procFds.slice() : null;
    this.substStatus = 0;
    this.sourceName = init ? init.sourceName : null;
    this.functionSource = init ? init.functionSource : null;
    this.functionSources = init ? copyMap(init.functionSources) : new Map();
    this.readonlyFunctions = init ? copySet(init.readonlyFunctions) : new Set();
    if (init) {
      init.optionsShared = init.shoptsShared = true;
      this.traps.delete("EXIT");
      if (!init.options.has("functrace")) this.traps.delete("DEBUG");
      if (!init.options.has("errtrace")) this.traps.delete("ERR");
    }
  }

  /** The set -o options, to change (a private copy when shared). */
  ownOptions(): Set<string> {
    if (this.optionsShared) {
      this.options = new Set(this.options);
      this.optionsShared = false;
    }
    return this.options as Set<string>;
  }

  /** The shopt options, to change (a private copy when shared). */
  ownShopts(): Set<string> {
    if (this.shoptsShared) {
      this.shopts = new Set(this.shopts);
      this.shoptsShared = false;
    }
    return this.shopts as Set<string>;
  }

  /** Replaces the set -o options with a set no other shell holds. */
  setOptions(options: Set<string>): void {
    this.options = options;
    this.optionsShared = false;
  }

  enabledBuiltin(name: string): boolean {
    return this.disabledBuiltins.size === 0 || !this.disabledBuiltins.has(name);
  }

  /** A copy for a subshell, pipeline stage or substitution; `waited`: may borrow variables (VariableStore.borrow). */
  subshell(waited = false): Shell {
    return new Shell(this.services, this, waited);
  }

  get fs(): FileSystem {
    return this.services.fs;
  }

  // ---------------------------------------------------------------- reading

  /** $name as a string, or undefined when unset. Resolves namerefs and dynamic variables. */
  get(name: string): string | undefined {
    const v = this.resolve(name);
    if (v === undefined) return this.dynamic(name);
    return scalarOf(v);
  }

  /** The variable object (after nameref resolution), or undefined. Read only (VariableStore) unless `write`. */
  resolve(name: string, write = false): Variable | undefined {
    const vars = this.vars;
    let v = write ? vars.writable(name) : vars.lookup(name);
    for (let hops = 0; v !== undefined && v.attrs & Attr.Nameref && hops < 16; hops++) {
      const target = typeof v.value === "string" ? v.value : "";
      if (!target) return v;
      const b = target.indexOf("[");
      const n = b > 0 ? target.slice(0, b) : target;
      v = write ? vars.writable(n) : vars.lookup(n);
    }
    return v;
  }

  /** The final name a nameref chain points to. */
  resolveName(name: string): string {
    let n = name;
    for (let hops = 0; hops < 16; hops++) {
      const v = this.vars.lookup(n);
      if (!v || !(v.attrs & Attr.Nameref) || typeof v.value !== "string" || !v.value) return n;
      n = v.value;
    }
    return n;
  }

  isSet(name: string): boolean {
    return this.get(name) !== undefined;
  }

  private dynamic(name: string): string | undefined {
    return dynamicValue(this, name);
  }

  /** bash's RANDOM: a 15-bit LCG, seedable by assigning RANDOM. */
  nextRandom(): number {
    return nextRandom(this);
  }

  /** All values of an array (or the scalar as a one-element list). */
  values(name: string): string[] {
    const v = this.resolve(name);
    if (v === undefined) {
      if (name === "FUNCNAME") return this.funcNames.slice();
      if (name === "DIRSTACK") return [this.cwd, ...this.dirStack];
      if (name === "BASH_SOURCE") return this.funcNames.map(() => this.functionSource ?? "environment").concat(this.sourceName ? [this.sourceName] : []);
      if (name === "BASH_LINENO") return this.callerLines.map(String);
      if (name === "PIPESTATUS") return (this.pipeStatus ?? [this.lastStatus]).map(String);
      const d = this.dynamic(name);
      return d === undefined ? [] : [d];
    }
    const val = v.value;
    if (val === undefined) return [];
    if (typeof val === "string") return [val];
    if (Array.isArray(val)) return arrayValues(val);
    return assocEntries(val).map(([, x]) => x);
  }

  // ---------------------------------------------------------------- writing

  /** Assigns a scalar (name=value), applying attributes. Throws ShellError on readonly. */
  set(name: string, value: string, opts: { append?: boolean; local?: boolean } = {}): void {
    name = this.resolveName(name);
    const b = name.indexOf("[");
    if (b > 0 && name.endsWith("]")) {
      // A nameref to an array element (declare -n r='a[1]').
      const base = name.slice(0, b);
      const key = name.slice(b + 1, -1);
      const t = this.vars.lookup(base);
      if (t && isAssoc(t)) this.setAssoc(base, key, value, opts.append);
      else this.setElement(base, evalSubscript(this, key), value, opts.append);
      return;
    }
    // The dynamic variables keep no value of their own: RANDOM seeds (bash's sbrand),
    // SECONDS restarts its count from the value, LINENO ignores it.
    if ((name === "RANDOM" || name === "SECONDS" || name === "LINENO") && !this.vars.lookup(name) && !this.lostSpecials.has(name)) {
      const n = Number.parseInt(value, 10) || 0;
      if (name === "RANDOM") {
        this.randomState = n >>> 0;
        this.lastRandom = 0;
      } else if (name === "SECONDS") this.secondsBase = this.services.sandbox.now() - n * 1000;
      return;
    }
    // bash keeps these two readonly; assigning $0's stand-in renames the shell.
    if (name === "SHELLOPTS" || name === "BASHOPTS") throw new ShellError(`${name}: readonly variable`);
    if (name === "BASH_ARGV0") this.argv0 = value;
    const owner = this.vars.ownerOf(name);
    let v = owner.get(name);
    if (v && v.attrs & Attr.Readonly) throw new ShellError(`${name}: readonly variable`);
    if (!v) {
      v = { value: undefined, attrs: this.options.has("allexport") ? Attr.Export : 0 };
      owner.set(name, v);
    }
    const cur = scalarOf(v);
    let next = this.applyAttrs(v, value, opts.append ? cur ?? "" : null);
    this.services.budget.checkString(next.length);
    if (isIndexed(v)) v.value[0] = next;
    else if (isAssoc(v)) v.value.set("0", next);
    else v.value = next;
    void next;
    next = "";
  }

  /** a[i]=value on an indexed (or associative, key = String(i)) array. */
  setElement(name: string, index: number, value: string, append = false): void {
    name = this.resolveName(name);
    const owner = this.vars.ownerOf(name);
    let v = owner.get(name);
    if (v && v.attrs & Attr.Readonly) throw new ShellError(`${name}: readonly variable`);
    if (!v) {
      v = { value: [], attrs: this.options.has("allexport") ? Attr.Export : 0 };
      owner.set(name, v);
    }
    v.attrs &= ~Attr.NoValue;
    if (isAssoc(v)) {
      const k = String(index);
      v.value.set(k, this.applyAttrs(v, value, append ? v.value.get(k) ?? "" : null));
      return;
    }
    if (!Array.isArray(v.value)) {
      const old = v.value as string | undefined;
      const fresh: string[] = [];
      if (old !== undefined) fresh[0] = old;
      v.value = fresh;
    }
    const arr = v.value as string[];
    const idx = index < 0 ? arr.length + index : index;
    if (idx < 0) throw new ShellError(`${name}[${index}]: bad array subscript`);
    const next = this.applyAttrs(v, value, append ? arr[idx] ?? "" : null);
    this.services.budget.checkString(next.length);
    arr[idx] = next;
  }

  /** a[key]=value on an associative array. */
  setAssoc(name: string, key: string, value: string, append = false): void {
    name = this.resolveName(name);
    const v = this.vars.writable(name);
    if (!v || !isAssoc(v)) {
      this.setElement(name, Number(key) || 0, value, append);
      return;
    }
    if (v.attrs & Attr.Readonly) throw new ShellError(`${name}: readonly variable`);
    v.attrs &= ~Attr.NoValue;
    v.value.set(key, this.applyAttrs(v, value, append ? v.value.get(key) ?? "" : null));
  }

  /** Value after integer/case attributes; `prev` is set for +=. */
  applyAttrs(v: Variable, value: string, prev: string | null): string {
    if (v.attrs & Attr.Integer) {
      const n = this.evalArith(value);
      if (prev !== null) return String(BigInt.asIntN(64, BigInt(this.evalArith(prev || "0")) + BigInt(n)));
      return String(n);
    }
    let out = prev !== null ? prev + value : value;
    if (v.attrs & Attr.Lower) out = out.toLowerCase();
    else if (v.attrs & Attr.Upper) out = out.toUpperCase();
    else if (v.attrs & Attr.Capitalize) out = out.charAt(0).toUpperCase() + out.slice(1).toLowerCase();
    return out;
  }

  /** Evaluates arithmetic text (for integer attributes). */
  evalArith(text: string): number | bigint {
    return evalArithText(this, text);
  }

  /** Marks a variable with attributes, creating it unset if needed. */
  declare(name: string, attrs: number, where: "local" | "global" | "visible" = "visible"): Variable {
    const vars = this.vars;
    const map = (where === "local" && vars.topFrame()) || (where === "global" ? vars.own(vars.globals) : vars.ownerOf(name));
    let v = map.get(name);
    if (!v) {
      // `a=1 local a`: the new local starts with the temporary variable's value, as in bash.
      const t = where === "local" && !(attrs & (Attr.Indexed | Attr.Assoc)) ? vars.temporary(name) : undefined;
      v = { value: t !== undefined && typeof t.value === "string" ? t.value : undefined, attrs: 0 };
      map.set(name, v);
    }
    v.attrs |= attrs;
    return v;
  }

  /** unset name: false (with a message from the caller) when readonly. */
  unset(name: string): boolean {
    const owner = this.vars.ownerOf(name);
    const v = owner.get(name);
    if (!v) {
      if (LOSABLE_SPECIALS.has(name)) this.lostSpecials.add(name);
      return true;
    }
    if (v.attrs & Attr.Readonly) return false;
    const frames = this.vars.frames;
    if (frames.length && owner === frames[frames.length - 1]) {
      // bash: a function unsetting its own local leaves it unset in that scope (the global stays
      // hidden); unsetting a caller's local removes it, revealing the outer one.
      owner.set(name, { value: undefined, attrs: 0 });
    } else owner.delete(name);
    return true;
  }

  /** Exported variables, as a command sees them in its environment. */
  exportedEnv(): Map<string, string> {
    return exportedVariables(this.vars.globals, this.vars.frames);
  }

  /** Positional parameter by number ($0, $1...). */
  positionalAt(n: number): string | undefined {
    if (n === 0) return this.argv0;
    return this.positional[n - 1];
  }

  /** The value of $- (single-letter flags of the options that are on). */
  flags(): string {
    let out = "";
    for (const letter of FLAG_ORDER) {
      const opt = SET_OPTIONS.find(([, l]) => l === letter);
      if (opt && this.options.has(opt[0])) out += letter;
    }
    return out + "c";
  }
}

/** Exported names tracked for `export -p`/`declare -x` and the environment of commands. */
export function isExported(v: Variable): boolean {
  return (v.attrs & Attr.Export) !== 0;
}
