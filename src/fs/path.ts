/** POSIX path helpers for the virtual filesystem (pure string functions, no node:path). */

/** Normalises an absolute path: collapses //, resolves . and .. lexically, drops a trailing /. */
export function normalizePath(path: string): string {
  if (path === "/" || isNormal(path)) return path;
  const parts = path.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return "/" + out.join("/");
}

/** Already normal: absolute, no empty, "." or ".." component, no trailing "/" (most paths; no split). */
function isNormal(path: string): boolean {
  const n = path.length;
  if (n < 2 || path.charCodeAt(0) !== 47 || path.charCodeAt(n - 1) === 47) return false;
  for (let i = 0; i < n; i++) {
    if (path.charCodeAt(i) !== 47) continue;
    const c = path.charCodeAt(i + 1);
    if (c === 47) return false;
    if (c !== 46) continue;
    // "/." or "/.." as a whole component
    const d = i + 2 < n ? path.charCodeAt(i + 2) : 47;
    if (d === 47 || (d === 46 && (i + 3 >= n || path.charCodeAt(i + 3) === 47))) return false;
  }
  return true;
}

/** Makes `path` absolute against `cwd` and normalises it. */
export function resolvePath(cwd: string, path: string): string {
  if (path.startsWith("/")) return normalizePath(path);
  return normalizePath(cwd === "/" ? "/" + path : cwd + "/" + path);
}

/** The directory part, as dirname(1) prints it. */
export function dirname(path: string): string {
  if (path === "") return ".";
  let p = path.replace(/\/+$/, "");
  if (p === "") return "/";
  const i = p.lastIndexOf("/");
  if (i < 0) return ".";
  p = p.slice(0, i).replace(/\/+$/, "");
  return p === "" ? "/" : p;
}

/** The last component, as basename(1) prints it (without suffix removal). */
export function basename(path: string): string {
  const p = path.replace(/\/+$/, "");
  if (p === "") return path.startsWith("/") ? "/" : "";
  return p.slice(p.lastIndexOf("/") + 1);
}

/** Joins a directory and a name. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : dir + "/" + name;
}
