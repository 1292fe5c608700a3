import type { CommandContext, CommandDef } from "../types.js";
import { compileFnmatch, type FnMatcher } from "../_lib/file-patterns.js";
import { LsExit, parseLsArgs, type LsConfig } from "./config.js";
import { fileFailure, gobble, isDirectory, sortFiles, type FileInfo, type Status } from "./entries.js";
import { Formatter, quoteName } from "./format.js";
import { quoteFile } from "../_lib/quote.js";
import { layout, type Cell } from "./layout.js";

/**
 * ls: GNU coreutils 9.1 as it behaves when stdout is not a terminal (one name per
 * line unless -C/-x/-m/-l, no colour, names unquoted unless asked).
 */

const HELP = `Usage: ls [OPTION]... [FILE]...
List information about the FILEs (the current directory by default).
Sort entries alphabetically if none of -cftuvSUX nor --sort is specified.

  -a, --all                  do not ignore entries starting with .
  -A, --almost-all           do not list implied . and ..
  -d, --directory            list directories themselves, not their contents
  -F, --classify[=WHEN]      append indicator (one of */=>@|) to entries WHEN
  -h, --human-readable       with -l and -s, print sizes like 1K 234M 2G etc.
  -l                         use a long listing format
  -r, --reverse              reverse order while sorting
  -R, --recursive            list subdirectories recursively
  -S                         sort by file size, largest first
  -t                         sort by time, newest first
  -1                         list one file per line

Exit status:
 0  if OK,
 1  if minor problems (e.g., cannot access subdirectory),
 2  if serious trouble (e.g., cannot access command-line argument).
`;

/** A directory to list, or (pop) the marker that its subtree is done (GNU's NULL-named entry). */
type PendingDir = { name: string; commandLine: boolean } | { pop: number };

class Lister {
  readonly status: Status = { code: 0 };
  private pending: PendingDir[] = [];
  private first = true;
  private printDirName = true;
  private readonly ignore: FnMatcher[];
  private readonly hide: FnMatcher[];
  /** Directories being listed (by inode) when links are followed: cycle detection. */
  private readonly active = new Set<number>();

  constructor(
    private readonly ctx: CommandContext,
    private readonly cfg: LsConfig,
  ) {
    const pats = [...cfg.ignorePatterns];
    if (cfg.ignoreBackups) pats.push("*~", ".*~");
    this.ignore = pats.map((p) => compileFnmatch(p, { period: true }));
    this.hide = cfg.hidePatterns.map((p) => compileFnmatch(p, { period: true }));
  }

  private write(text: string): void | Promise<void> {
    if (text) return this.ctx.stdout.write(text);
  }

  async run(operands: string[]): Promise<number> {
    const files: FileInfo[] = [];
    if (operands.length === 0) {
      if (this.cfg.immediateDirs) {
        const f = await gobble(this.ctx, this.cfg, this.status, ".", "", true);
        if (f) files.push(f);
      } else {
        this.pending.push({ name: ".", commandLine: true });
      }
    }
    for (const op of operands) {
      this.ctx.budget.step();
      const f = await gobble(this.ctx, this.cfg, this.status, op, "", true);
      if (f) files.push(f);
    }
    sortFiles(this.cfg, files);
    let shown = files;
    if (!this.cfg.immediateDirs) {
      const dirs = files.filter((f) => isDirectory(f));
      shown = files.filter((f) => !isDirectory(f));
      this.pending.unshift(...dirs.map((d) => ({ name: d.name, commandLine: true })));
    }
    if (shown.length > 0) {
      await this.printFiles(shown);
      if (this.pending.length > 0) await this.write("\n");
    } else if (operands.length <= 1 && this.pending.length === 1) {
      this.printDirName = false;
    }
    while (this.pending.length > 0) {
      const d = this.pending.shift()!;
      if ("pop" in d) this.active.delete(d.pop);
      else await this.printDir(d);
      this.printDirName = true;
    }
    return this.status.code;
  }

  private ignored(name: string): boolean {
    const mode = this.cfg.ignore;
    if (mode !== "minimal" && name.startsWith(".")) {
      if (mode === "default") return true;
      if (name === "." || name === "..") return true;
    }
    if (mode === "default" && this.hide.some((m) => m.test(name))) return true;
    return this.ignore.some((m) => m.test(name));
  }

  private async printDir(dir: { name: string; commandLine: boolean }): Promise<void> {
    const { ctx, cfg } = this;
    const path = ctx.resolve(dir.name);
    let entries;
    try {
      entries = await ctx.fs.readdir(path);
    } catch (e) {
      fileFailure(ctx, this.status, dir.commandLine, "cannot open directory", dir.name, e);
      return;
    }
    let ino: number | undefined;
    if (cfg.recursive) {
      ino = (await ctx.fs.stat(path).catch(() => undefined))?.ino;
      if (ino !== undefined && this.active.has(ino)) {
        ctx.stderr.write(`ls: ${quoteFile(dir.name)}: not listing already-listed directory\n`);
        this.status.code = 2;
        return;
      }
      if (ino !== undefined) this.active.add(ino);
    }
    if (cfg.recursive || this.printDirName) {
      let header = this.first ? "" : "\n";
      this.first = false;
      header += quoteName(cfg, dir.name) + ":\n";
      await this.write(header);
    }
    const names: Array<{ name: string; type?: FileInfo["type"] }> = [];
    if (cfg.ignore === "minimal") names.push({ name: "." }, { name: ".." });
    for (const e of entries) names.push({ name: e.name, type: e.type });
    const files: FileInfo[] = [];
    for (const n of names) {
      ctx.budget.step();
      if (this.ignored(n.name)) continue;
      const f = await gobble(ctx, cfg, this.status, n.name, dir.name, false, n.type ?? "directory");
      if (f) files.push(f);
    }
    sortFiles(cfg, files);
    if (cfg.format === "long" || cfg.printBlocks) {
      const fmt = new Formatter(ctx, cfg);
      await this.write(fmt.total(files) + cfg.eol);
    }
    await this.printFiles(files);
    if (cfg.recursive) {
      const subdirs: PendingDir[] = files
        .filter((f) => isDirectory(f) && f.name !== "." && f.name !== "..")
        .map((f) => ({ name: joinDir(dir.name, f.name), commandLine: false }));
      if (ino !== undefined) subdirs.push({ pop: ino });
      this.pending.unshift(...subdirs);
    }
  }

  private async printFiles(files: FileInfo[]): Promise<void> {
    const fmt = new Formatter(this.ctx, this.cfg);
    fmt.measure(files);
    if (this.cfg.format === "long") {
      let out = "";
      for (const f of files) out += fmt.longLine(f) + this.cfg.eol;
      await this.write(out);
      return;
    }
    const padded = this.cfg.format !== "commas";
    const cells: Cell[] = files.map((f) => fmt.shortEntry(f, padded));
    await this.write(layout(this.cfg, cells));
  }
}

/** dirname/name as GNU's file_name_concat builds it for recursion. */
function joinDir(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : dir + "/" + name;
}

export const ls: CommandDef = {
  name: "ls",
  help: HELP,
  async run(ctx) {
    let parsed;
    try {
      parsed = parseLsArgs(ctx, HELP);
    } catch (e) {
      if (e instanceof LsExit) return e.status;
      throw e;
    }
    if (typeof parsed === "number") return parsed;
    try {
      return await new Lister(ctx, parsed.config).run(parsed.operands);
    } catch (e) {
      if (e instanceof LsExit) return e.status;
      throw e;
    }
  },
};
