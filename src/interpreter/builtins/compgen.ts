import { resolvePath } from "../../fs/path.js";
import type { DirEntry } from "../../fs/types.js";
import { matchPattern, patternEngineFor } from "../pattern.js";
import type { Shell } from "../shell.js";
import { SET_OPTIONS } from "../shell.js";
import { isAssoc, isIndexed } from "../variables.js";
import { SHELL_BUILTINS } from "./index.js";
import { SHOPT_NAMES } from "./set.js";
import { signalByNumber } from "./trap.js";
import { builtinError, out, type ShellBuiltin } from "./util.js";

/** bash's reserved words in its own order (compgen -k). */
const KEYWORDS = ["if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done", "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc"];

/** -A names and the letters that stand for them. */
const LETTERS: Record<string, string> = {
  a: "alias", b: "builtin", c: "command", d: "directory", e: "export", f: "file", g: "group", j: "job", k: "keyword", s: "service", u: "user", v: "variable",
};

/** The candidate words of one action, in bash's order. */
async function candidates(sh: Shell, action: string, word: string): Promise<string[] | null> {
  switch (action) {
    case "alias":
      return [...sh.aliases.keys()].sort();
    case "builtin":
      return [...SHELL_BUILTINS.keys()].sort();
    case "enabled":
      return [...SHELL_BUILTINS.keys()].filter((n) => sh.enabledBuiltin(n)).sort();
    case "disabled":
      return [...SHELL_BUILTINS.keys()].filter((n) => !sh.enabledBuiltin(n)).sort();
    case "command":
      return [...sh.aliases.keys(), ...SHELL_BUILTINS.keys(), ...sh.functions.keys(), ...KEYWORDS, ...[...sh.services.commands.keys()].sort()];
    case "function":
      return [...sh.functions.keys()].sort();
    case "keyword":
      return KEYWORDS;
    case "variable":
      return sh.vars.visibleNames();
    case "export":
      return [...sh.exportedEnv().keys()].sort();
    case "arrayvar":
      return sh.vars.visibleNames().filter((n) => {
        const v = sh.resolve(n);
        return !!v && (isIndexed(v) || isAssoc(v));
      });
    case "setopt":
      return SET_OPTIONS.map(([n]) => n);
    case "shopt":
      return [...SHOPT_NAMES];
    case "signal": {
      const names = ["EXIT"];
      for (let n = 1; n <= 64; n++) {
        const s = signalByNumber(n);
        if (s) names.push("SIG" + s);
      }
      return names;
    }
    case "user":
      return [sh.services.sandbox.user];
    case "file":
    case "directory":
      return files(sh, word, action === "directory");
    case "job":
    case "running":
    case "stopped":
    case "group":
    case "service":
    case "hostname":
      return [];
    default:
      return null;
  }
}

/** Names in the directory part of `word` that start with its last part (paths keep their directory). */
async function files(sh: Shell, word: string, dirsOnly: boolean): Promise<string[]> {
  const slash = word.lastIndexOf("/");
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : "";
  const dir = resolvePath(sh.cwd, dirPart || ".");
  let entries: DirEntry[];
  try {
    entries = await sh.fs.readdir(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    let isDir = e.type === "directory";
    if (e.type === "symlink") isDir = await sh.fs.stat(resolvePath(dir, e.name)).then((st) => st.type === "directory", () => false);
    if (dirsOnly && !isDir) continue;
    out.push(dirPart + e.name);
  }
  return out;
}

/**
 * compgen [-abcdefgjksuv] [-A action] [-W wordlist] [-X filterpat] [-P prefix] [-S suffix] [word]:
 * the completions bash would offer for word, one per line; status 1 when there are none.
 */
export const compgen: ShellBuiltin = async (sh, argv, fds) => {
  const actions: string[] = [];
  let wordlist: string | null = null;
  let filter: string | null = null;
  let prefix = "";
  let suffix = "";
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (LETTERS[c]) actions.push(LETTERS[c]);
      else if ("AWXPSGFCo".includes(c)) {
        const value = a.length > k + 1 ? a.slice(k + 1) : argv[++i];
        if (value === undefined) {
          builtinError(sh, fds, "compgen", `-${c}: option requires an argument`);
          return 2;
        }
        if (c === "A") actions.push(value);
        else if (c === "W") wordlist = value;
        else if (c === "X") filter = value;
        else if (c === "P") prefix = value;
        else if (c === "S") suffix = value;
        break;
      } else {
        builtinError(sh, fds, "compgen", `-${c}: invalid option`);
        fds[2]?.writer?.write("compgen: usage: compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]\n");
        return 2;
      }
    }
  }
  const word = argv[i] ?? "";
  let words: string[] = [];
  for (const action of actions) {
    const list = await candidates(sh, action, word);
    if (list === null) {
      builtinError(sh, fds, "compgen", `${action}: invalid action name`);
      return 2;
    }
    words.push(...list);
  }
  if (wordlist !== null) words.push(...wordlist.split(/[ \t\n]+/).filter(Boolean));
  words = words.filter((w) => w.startsWith(word));
  if (filter !== null) {
    // -X drops matches of the pattern; a leading ! keeps only the matches.
    const keep = filter.startsWith("!");
    const pat = keep ? filter.slice(1) : filter;
    await patternEngineFor(pat);
    words = words.filter((w) => matchPattern(w, pat, false) === keep);
  }
  if (words.length === 0) return 1;
  await out(fds, words.map((w) => prefix + w + suffix).join("\n") + "\n");
  return 0;
};
