import type { CommandContext, CommandDef } from "./types.js";
import type { FileStat } from "../src/fs/types.js";
import { modeString } from "./_lib/mode.js";
import { userName, groupName } from "./_lib/owner.js";
import { humanSize } from "./_lib/human.js";
import { localTime, strftime, zoneOf } from "./_lib/time.js";
import { compileFnmatch, type FnMatcher } from "./_lib/file-patterns.js";
import { compareVersion } from "./sort/version.js";

/**
 * tree (the `tree` program 2.1, output not a terminal: no colour, UTF-8 line
 * drawing). Parsed by hand: tree's own option syntax (-L level, -P pattern,
 * --long=value) and its error texts differ from GNU getopt's.
 */

const HELP = `usage: tree [-acdfghilnpqrstuvxACDFJQNSUX] [-L level [-R]] [-H  baseHREF]
\t[-T title] [-o filename] [-P pattern] [-I pattern] [--gitignore]
\t[--gitfile[=]file] [--matchdirs] [--metafirst] [--ignore-case]
\t[--nolinks] [--hintro[=]file] [--houtro[=]file] [--inodes] [--device]
\t[--sort[=]<name>] [--dirsfirst] [--filesfirst] [--filelimit #] [--si]
\t[--du] [--prune] [--charset[=]X] [--timefmt[=]format] [--fromfile]
\t[--fflinks] [--info] [--infofile[=]file] [--noreport] [--version] [--help]
\t[--] [directory ...]
`;

interface TreeOptions {
  all: boolean;
  dirsOnly: boolean;
  fullPath: boolean;
  indent: boolean;
  follow: boolean;
  classify: boolean;
  maxLevel: number;
  include: FnMatcher[];
  exclude: FnMatcher[];
  matchDirs: boolean;
  prune: boolean;
  report: boolean;
  sort: "name" | "version" | "mtime" | "ctime" | "size" | "none";
  reverse: boolean;
  dirsFirst: boolean;
  filesFirst: boolean;
  perms: boolean;
  size: boolean;
  human: "" | "iec" | "si";
  user: boolean;
  group: boolean;
  date: boolean;
  quote: boolean;
  fileLimit: number;
  timeFormat?: string;
}

interface Node {
  name: string;
  path: string;
  st: FileStat | null;
  lst: FileStat | null;
  target?: string;
  isDir: boolean;
}

class TreeRun {
  dirs = 0;
  files = 0;
  /** Entries listed so far. */
  printed = 0;
  out = "";

  constructor(
    private readonly ctx: CommandContext,
    private readonly o: TreeOptions,
  ) {}

  private attrs(n: Node): string {
    const o = this.o;
    const st = n.lst;
    if (!st) return "";
    const parts: string[] = [];
    if (o.perms) parts.push(modeString(st));
    if (o.user) parts.push(userName(this.ctx, st.uid).padEnd(8));
    if (o.group) parts.push(groupName(this.ctx, st.gid).padEnd(8));
    if (o.size) parts.push(o.human ? humanSize(st.size, o.human === "si").padStart(4) : String(st.size).padStart(11));
    if (o.date) {
      const t = localTime(st.mtimeMs, zoneOf(this.ctx));
      const now = this.ctx.sandbox.now();
      const recent = st.mtimeMs > now - 15778476000 && st.mtimeMs <= now;
      parts.push(strftime(o.timeFormat ?? (recent ? "%b %e %H:%M" : "%b %e  %Y"), t));
    }
    return parts.length ? `[${parts.join(" ")}]  ` : "";
  }

  private label(n: Node, top: boolean): string {
    const o = this.o;
    const q = (s: string) => (o.quote ? `"${s}"` : s);
    let s = this.attrs(n) + q(top || o.fullPath ? n.path : n.name);
    if (n.target !== undefined) {
      s += " -> " + q(n.target);
      if (o.classify && n.st?.type === "directory") s += "/";
    } else if (o.classify) {
      if (n.isDir) s += "/";
      else if (n.lst?.type === "fifo") s += "|";
      else if (n.lst?.type === "socket") s += "=";
      else if (n.lst && n.lst.mode & 0o111) s += "*";
    }
    return s;
  }

  private async node(name: string, path: string): Promise<Node> {
    const abs = this.ctx.resolve(path);
    const lst = await this.ctx.fs.lstat(abs).catch(() => null);
    let st = lst;
    let target: string | undefined;
    if (lst?.type === "symlink") {
      target = await this.ctx.fs.readlink(abs).catch(() => "");
      st = await this.ctx.fs.stat(abs).catch(() => null);
    }
    return { name, path, st, lst, target, isDir: st?.type === "directory" };
  }

  private compare(a: Node, b: Node): number {
    const o = this.o;
    let c = 0;
    if (o.dirsFirst || o.filesFirst) {
      c = (a.isDir ? 0 : 1) - (b.isDir ? 0 : 1);
      if (o.filesFirst) c = -c;
      if (c) return c;
    }
    switch (o.sort) {
      case "version":
        c = compareVersion(a.name, b.name);
        break;
      case "mtime":
        c = (a.lst?.mtimeMs ?? 0) - (b.lst?.mtimeMs ?? 0);
        break;
      case "ctime":
        c = (a.lst?.ctimeMs ?? 0) - (b.lst?.ctimeMs ?? 0);
        break;
      case "size":
        c = (b.lst?.size ?? 0) - (a.lst?.size ?? 0);
        break;
      default:
        break;
    }
    if (!c) c = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    return o.reverse ? -c : c;
  }

  /** Whether a subtree holds anything that survives the filters (--prune). */
  private async hasContent(path: string, depth: number): Promise<boolean> {
    const kids = await this.children(path, depth);
    return kids !== null && kids.length > 0;
  }

  private async children(path: string, depth: number): Promise<Node[] | null> {
    const o = this.o;
    let entries;
    try {
      entries = await this.ctx.fs.readdir(this.ctx.resolve(path));
    } catch {
      return null;
    }
    const out: Node[] = [];
    for (const e of entries) {
      this.ctx.budget.step();
      if (!o.all && e.name.startsWith(".")) continue;
      if (o.exclude.some((m) => m.test(e.name))) continue;
      const n = await this.node(e.name, path.endsWith("/") ? path + e.name : path + "/" + e.name);
      if (o.dirsOnly && !n.isDir) continue;
      // A link to a directory is a file for -P unless links are followed.
      const realDir = n.isDir && (n.target === undefined || o.follow);
      if (o.include.length && (!realDir || o.matchDirs) && !o.include.some((m) => m.test(e.name))) {
        if (!realDir) continue;
      }
      if (o.prune && realDir && (depth + 1 >= o.maxLevel || !(await this.hasContent(n.path, depth + 1)))) continue;
      out.push(n);
    }
    if (o.sort !== "none") out.sort((a, b) => this.compare(a, b));
    return out;
  }

  private async walk(path: string, prefix: string, depth: number): Promise<void> {
    const kids = await this.children(path, depth);
    if (!kids) return;
    for (let i = 0; i < kids.length; i++) {
      const n = kids[i];
      const last = i === kids.length - 1;
      const lead = this.o.indent ? prefix + (last ? "└── " : "├── ") : "";
      if (n.isDir) this.dirs++;
      else this.files++;
      const line = lead + this.label(n, false);
      const descend = n.isDir && (n.target === undefined || this.o.follow) && depth + 1 < this.o.maxLevel;
      if (descend && this.o.fileLimit < Infinity) {
        const count = ((await this.children(n.path, depth + 1)) ?? []).length;
        if (count > this.o.fileLimit) {
          this.out += `${line}  [${count} entries exceeds filelimit, not opening dir]\n`;
          continue;
        }
      }
      this.out += line + "\n";
      this.printed++;
      // tree 2.x draws the continuation bar with two no-break spaces.
      if (descend) await this.walk(n.path, prefix + (last ? "    " : "│\u00a0\u00a0 "), depth + 1);
      if (this.out.length > 65536) {
        await this.ctx.stdout.write(this.out);
        this.out = "";
      }
    }
  }

  async top(path: string): Promise<boolean> {
    const n = await this.node(path, path);
    const label = this.label({ ...n, target: undefined, isDir: this.o.classify && n.isDir }, true);
    if (!n.isDir) {
      this.out += `${label}  [error opening dir]\n`;
      if (n.lst) this.files++;
      return n.lst !== null;
    }
    if (this.o.fileLimit < Infinity) {
      const kids = (await this.children(path, -1)) ?? [];
      if (kids.length > this.o.fileLimit) {
        this.out += `${label}  [${kids.length} entries exceeds filelimit, not opening dir]\n`;
        this.dirs++;
        return true;
      }
    }
    this.out += label + "\n";
    const before = this.printed;
    await this.walk(path, "", 0);
    // tree 2.1 counts a starting directory only when it listed something.
    if (this.printed > before) this.dirs++;
    return true;
  }
}

function parseArgs(ctx: CommandContext): { o: TreeOptions; dirs: string[] } | number {
  const o: TreeOptions = {
    all: false, dirsOnly: false, fullPath: false, indent: true, follow: false, classify: false,
    maxLevel: Infinity, include: [], exclude: [], matchDirs: false, prune: false, report: true,
    sort: "name", reverse: false, dirsFirst: false, filesFirst: false, perms: false, size: false,
    human: "", user: false, group: false, date: false, quote: false, fileLimit: Infinity,
  };
  const dirs: string[] = [];
  const args = ctx.args;
  let ignoreCase = false;
  const includes: string[] = [];
  const excludes: string[] = [];
  const fail = (msg: string, usage = false) => {
    ctx.stderr.write(`tree: ${msg}\n${usage ? HELP : ""}`);
    return usage ? 1 : 1;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      dirs.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const value = (): string | undefined => (eq >= 0 ? a.slice(eq + 1) : args[++i]);
      switch (name) {
        case "help": ctx.stdout.write(HELP); return 0;
        case "version": ctx.stdout.write("tree v2.1.0 © 1996 - 2022 by Steve Baker, Thomas Moore, Francesc Rocher, Florian Sesser, Kyosuke Tokoro\n"); return 0;
        case "noreport": o.report = false; break;
        case "dirsfirst": o.dirsFirst = true; break;
        case "filesfirst": o.filesFirst = true; break;
        case "matchdirs": o.matchDirs = true; break;
        case "ignore-case": ignoreCase = true; break;
        case "prune": o.prune = true; break;
        case "si": o.human = "si"; o.size = true; break;
        case "filelimit": { const v = value(); if (v === undefined) return fail(`Missing argument to --filelimit option.`); o.fileLimit = Number(v); break; }
        case "timefmt": { const v = value(); if (v === undefined) return fail(`Missing argument to --timefmt option.`); o.timeFormat = v; o.date = true; break; }
        case "sort": {
          const v = value();
          const map: Record<string, TreeOptions["sort"]> = { name: "name", version: "version", mtime: "mtime", ctime: "ctime", size: "size", none: "none" };
          if (v === undefined || !map[v]) return fail(`Sort type '${v ?? ""}' not valid, should be one of: name,version,size,mtime,ctime,none`);
          o.sort = map[v];
          break;
        }
        case "charset": value(); break;
        case "nolinks": case "inodes": case "device": case "du": case "fflinks": case "metafirst": case "info": case "gitignore": break;
        default: return fail(`Invalid argument \`${a}'.`, true);
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const needArg = (what: string): string | null => {
          const rest = a.slice(j + 1);
          j = a.length;
          if (rest) return rest;
          if (i + 1 < args.length) return args[++i];
          return null;
        };
        switch (c) {
          case "a": o.all = true; break;
          case "d": o.dirsOnly = true; break;
          case "f": o.fullPath = true; break;
          case "i": o.indent = false; break;
          case "l": o.follow = true; break;
          case "F": o.classify = true; break;
          case "p": o.perms = true; break;
          case "s": o.size = true; break;
          case "h": o.size = true; o.human = "iec"; break;
          case "u": o.user = true; break;
          case "g": o.group = true; break;
          case "D": o.date = true; break;
          case "Q": o.quote = true; break;
          case "r": o.reverse = true; break;
          case "t": o.sort = "mtime"; break;
          case "c": o.sort = "ctime"; break;
          case "v": o.sort = "version"; break;
          case "U": o.sort = "none"; break;
          case "n": case "C": case "N": case "q": case "x": case "A": case "S": break;
          case "L": {
            const v = needArg("-L");
            if (v === null) return fail("Missing argument to -L option.");
            const n = Number(v);
            if (!/^\d+$/.test(v) || n < 1) return fail("Invalid level, must be greater than 0.");
            o.maxLevel = n;
            break;
          }
          case "P":
          case "I": {
            const v = needArg("-" + c);
            if (v === null) return fail(`Missing argument to -${c} option.`);
            (c === "P" ? includes : excludes).push(v);
            break;
          }
          default:
            return fail(`Invalid argument -\`${c}'.`, true);
        }
      }
      continue;
    }
    dirs.push(a);
  }
  const compile = (p: string) => p.split("|").map((x) => compileFnmatch(x, { ignoreCase }));
  o.include = includes.flatMap(compile);
  o.exclude = excludes.flatMap(compile);
  return { o, dirs };
}

export const tree: CommandDef = {
  name: "tree",
  help: HELP,
  async run(ctx) {
    const parsed = parseArgs(ctx);
    if (typeof parsed === "number") return parsed;
    const { o, dirs } = parsed;
    const run = new TreeRun(ctx, o);
    let status = 0;
    for (const d of dirs.length ? dirs : ["."]) {
      if (!(await run.top(d))) status = 2;
    }
    if (o.report) {
      const dw = run.dirs === 1 ? "directory" : "directories";
      const fw = run.files === 1 ? "file" : "files";
      run.out += o.dirsOnly ? `\n${run.dirs} ${dw}\n` : `\n${run.dirs} ${dw}, ${run.files} ${fw}\n`;
    }
    await ctx.stdout.write(run.out);
    return status;
  },
};
