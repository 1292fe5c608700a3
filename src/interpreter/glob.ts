import { joinPath } from "../fs/path.js";
import { hasGlobChars, patternEngineFor, patternRegex, unescapeGlob } from "./pattern.js";
import type { Shell } from "./shell.js";
import { ShellError } from "./errors.js";

/**
 * Pathname expansion against the virtual filesystem. Returns the sorted matches,
 * or null when nothing matched (the caller keeps the word, or drops it under
 * nullglob / fails under failglob).
 */
export async function globExpand(sh: Shell, pattern: string): Promise<string[] | null> {
  const loading = patternEngineFor("*");
  if (loading) await loading;
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/").filter((s, i) => s !== "" || i === 0);
  let bases: string[] = [absolute ? "/" : ""];
  if (absolute) segments.shift();
  // A non-empty GLOBIGNORE turns dotglob on and filters the matches.
  const ignore = sh.get("GLOBIGNORE") ?? "";
  const dotglob = sh.shopts.has("dotglob") || ignore !== "";
  const nocase = sh.shopts.has("nocaseglob");
  const globstar = sh.shopts.has("globstar");
  for (let si = 0; si < segments.length; si++) {
    const seg = segments[si];
    const last = si === segments.length - 1;
    const next: string[] = [];
    if (!hasGlobChars(seg)) {
      const name = unescapeGlob(seg);
      for (const b of bases) {
        const path = b === "" ? name : joinPath(b, name);
        if (last ? await sh.fs.exists(resolve(sh, path)) : await isDir(sh, path)) next.push(path);
      }
    } else if (globstar && seg === "**") {
      // ** matches any number of directories (zero included); last, it matches everything below.
      for (const b of bases) {
        // Last, the zero-directory match is the base itself, with a slash (d/** lists d/).
        if (!last) next.push(b);
        else if (b !== "") next.push(b.endsWith("/") ? b : b + "/");
        await walk(sh, b, next, dotglob, last);
      }
    } else {
      const re = patternRegex(seg, { nocase, pathname: true });
      const explicitDot = seg.startsWith(".") || seg.startsWith("\\.");
      for (const b of bases) {
        let entries;
        try {
          entries = await sh.fs.readdir(resolve(sh, b === "" ? "." : b));
        } catch {
          continue;
        }
        const names = entries.map((e) => e.name);
        // bash 5.2's globskipdots (on by default): . and .. never match.
        if (explicitDot && !sh.shopts.has("globskipdots")) names.push(".", "..");
        for (const name of names) {
          if (name.startsWith(".") && !explicitDot && !dotglob) continue;
          if ((name === "." || name === "..") && !explicitDot) continue;
          if (!re.test(name)) continue;
          const path = b === "" ? name : joinPath(b, name);
          if (!last && !(await isDir(sh, path))) continue;
          next.push(path);
        }
      }
    }
    bases = next;
    if (bases.length === 0) break;
  }
  if (pattern.endsWith("/")) {
    // A trailing slash matches directories only.
    const dirs: string[] = [];
    for (const b of bases) if (b.endsWith("/") || (await isDir(sh, b))) dirs.push(b.endsWith("/") ? b : b + "/");
    bases = dirs;
  }
  if (ignore !== "" && bases.length > 0) {
    const pats = ignore.split(":").filter((p) => p !== "").map(ignoreMatcher);
    bases = bases.filter((b) => !/(^|\/)\.\.?\/?$/.test(b) && !pats.some((m) => m(b)));
  }
  if (bases.length === 0) {
    if (sh.shopts.has("failglob")) throw new ShellError(`no match: ${unescapeGlob(pattern)}`, 1, true);
    if (sh.shopts.has("nullglob")) return [];
    return null;
  }
  return bases.sort(compareGlob);
}

/**
 * A GLOBIGNORE pattern as bash's strmatch(FNM_PATHNAME) applies it: `*` and `?` do
 * not match `/`, except that a `*` ending the pattern matches the rest, slashes included.
 */
function ignoreMatcher(p: string): (name: string) => boolean {
  const re = patternRegex(p, { pathname: true });
  const trailingStar = p.endsWith("*") && !p.endsWith("\\*");
  if (!trailingStar) return (name) => re.test(name);
  const head = patternRegex(p.slice(0, -1), { pathname: true });
  return (name) => {
    if (re.test(name)) return true;
    for (let i = name.length; i >= 0; i--) if (head.test(name.slice(0, i))) return true;
    return false;
  };
}

/** bash sorts matches with strcoll; in C.UTF-8 that is code point order. */
function compareGlob(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function resolve(sh: Shell, p: string): string {
  if (p.startsWith("/")) return p;
  return sh.cwd === "/" ? "/" + p : sh.cwd + "/" + p;
}

async function isDir(sh: Shell, p: string): Promise<boolean> {
  try {
    return (await sh.fs.stat(resolve(sh, p))).type === "directory";
  } catch {
    return false;
  }
}

async function walk(sh: Shell, base: string, out: string[], dotglob: boolean, all: boolean): Promise<void> {
  let entries;
  try {
    entries = await sh.fs.readdir(resolve(sh, base === "" ? "." : base));
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith(".") && !dotglob) continue;
    const path = base === "" ? e.name : joinPath(base, e.name);
    const dir = e.type === "directory";
    if (dir || all) out.push(path);
    if (dir) await walk(sh, path, out, dotglob, all);
  }
}
