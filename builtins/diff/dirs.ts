import { encodeUtf8 } from "../../src/io/utf8.js";
import { isFsError } from "../../src/fs/types.js";
import { compareFiles, excluded, type DiffRun } from "./compare.js";
import { nameBytes, type Operand } from "./files.js";

/**
 * diff_dirs: the names of both directories merged in byte order; a name in
 * one only is "Only in DIR: NAME" (or, with -N, compared with nothing), a
 * name in both is compared (recursing with -r).
 */

function byteOrder(x: string, y: string): number {
  const a = encodeUtf8(x);
  const b = encodeUtf8(y);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function join(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

async function listNames(run: DiffRun, op: Operand, top: boolean): Promise<string[] | null> {
  if (op.nonexistent || !op.path) return [];
  try {
    let names = (await run.ctx.fs.readdir(op.path)).map((e) => e.name).filter((n) => !excluded(run.s, n));
    const start = run.s.startingFile;
    if (top && start !== null) names = names.filter((n) => byteOrder(n, start) >= 0);
    return names.sort(byteOrder);
  } catch (e) {
    if (!isFsError(e)) throw e;
    run.error(`${op.name}: ${e.message}`);
    return null;
  }
}

export async function diffDirs(run: DiffRun, a: Operand, b: Operand): Promise<number> {
  const top = run.depth === 0;
  const n0 = await listNames(run, a, top);
  const n1 = await listNames(run, b, top);
  if (!n0 || !n1) return 2;
  const s = run.s;
  let status = 0;
  let i = 0;
  let j = 0;
  run.depth++;
  try {
    while (i < n0.length || j < n1.length) {
      run.ctx.budget.step();
      const order = i >= n0.length ? 1 : j >= n1.length ? -1 : byteOrder(n0[i], n1[j]);
      const name0 = order <= 0 ? n0[i++] : null;
      const name1 = order >= 0 ? n1[j++] : null;
      let v: number;
      if (!(name0 !== null && name1 !== null) && !(s.unidirectionalNewFile && name1 !== null) && !s.newFile) {
        const only = name0 ?? name1!;
        run.emit(`Only in ${nameBytes(name0 !== null ? a.name : b.name)}: ${nameBytes(only)}\n`);
        v = 1;
      } else {
        const name = (name0 ?? name1)!;
        v = await compareFiles(run, join(a.name, name), join(b.name, name), true, [name0 === null, name1 === null]);
      }
      status = Math.max(status, v);
    }
  } finally {
    run.depth--;
  }
  return status;
}
