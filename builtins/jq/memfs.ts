import type { EmscriptenFS } from "./vendor/jq-glue.js";
import type { JqRequest } from "./types.js";

/**
 * Copies the sandbox files a jq call needs into the instance's MEMFS at their
 * sandbox paths, so relative names, `input_filename` and error messages read
 * as in the sandbox, and removes them afterwards.
 */

/** What placeFiles created, to be removed in reverse order. */
export interface PlacedFiles {
  files: string[];
  dirs: string[];
}

/** The glue's own devices and process views; sandbox files never go there. */
function reserved(path: string): boolean {
  return path === "/dev" || path.startsWith("/dev/") || path === "/proc" || path.startsWith("/proc/");
}

function exists(fs: EmscriptenFS, path: string): boolean {
  return fs.analyzePath(path).exists;
}

/** mkdir -p that records each directory it creates. */
function makeDirs(fs: EmscriptenFS, path: string, placed: PlacedFiles): void {
  let at = "";
  for (const part of path.split("/")) {
    if (!part) continue;
    at += "/" + part;
    if (!exists(fs, at)) {
      fs.mkdir(at, 0o777);
      placed.dirs.push(at);
    }
  }
}

function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

/** Writes req.files (and /dev/stdin when argv names it), then enters req.cwd. */
export function placeFiles(fs: EmscriptenFS, req: JqRequest, stdin: Uint8Array): PlacedFiles {
  const placed: PlacedFiles = { files: [], dirs: [] };
  for (const f of req.files) {
    if (reserved(f.path) || f.path === "/") continue;
    if (f.type === "dir") {
      makeDirs(fs, f.path, placed);
      continue;
    }
    if (exists(fs, f.path)) continue;
    makeDirs(fs, parentOf(f.path), placed);
    fs.writeFile(f.path, f.data ?? new Uint8Array(0), { mode: f.mode ?? 0o644 });
    placed.files.push(f.path);
  }
  if (req.args.includes("/dev/stdin")) {
    fs.writeFile("/dev/stdin", stdin);
    placed.files.push("/dev/stdin");
  }
  if (!exists(fs, req.cwd)) makeDirs(fs, req.cwd, placed);
  fs.chdir(req.cwd);
  return placed;
}

/** Undoes placeFiles. */
export function removeFiles(fs: EmscriptenFS, placed: PlacedFiles): void {
  fs.chdir("/");
  for (const f of placed.files.reverse()) {
    try {
      fs.chmod(f, 0o644);
      fs.unlink(f);
    } catch {
      /* already gone */
    }
  }
  for (const d of placed.dirs.reverse()) {
    try {
      fs.rmdir(d);
    } catch {
      /* not empty: jq cannot write files, so this means a parent of a kept path */
    }
  }
}
