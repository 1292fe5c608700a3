/**
 * Source positions for the nodes of a text parsed on its own: a backquote body (its escapes
 * removed) or a here-document body (`<<-` strips leading tabs). A sub-parser numbers its text
 * from 0; relocate() turns those offsets into offsets of the whole script, so every node's
 * `pos`/`end` points into the text the caller passed to parse().
 */

/**
 * Moves every node under `root` (objects with numeric `pos` and `end`) from text offsets to
 * source offsets. The text is the source from `base` on, less one character before each text
 * index in `removed` (ascending; an index repeats when several characters went there).
 */
export function relocate(root: object, base: number, removed: readonly number[]): void {
  // A plain walk: no node object is reachable twice (the objects parsed arithmetic shares have no
  // positions, and the shared empty list is frozen and empty).
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) {
      const e: unknown = root[i];
      if (e !== null && typeof e === "object") relocate(e, base, removed);
    }
    return;
  }
  const o = root as Record<string, unknown>;
  if (typeof o.pos === "number" && typeof o.end === "number") {
    o.pos = removed.length === 0 ? base + o.pos : sourceOffset(o.pos, base, removed, false);
    o.end = removed.length === 0 ? base + o.end : sourceOffset(o.end, base, removed, true);
  }
  for (const k in o) {
    const v = o[k];
    if (v !== null && typeof v === "object") relocate(v, base, removed);
  }
}

/**
 * The source offset of text offset `p`. A start counts the characters removed at `p` itself (they
 * come before it in the source); an end does not (they come after what ends there).
 */
export function sourceOffset(p: number, base: number, removed: readonly number[], isEnd: boolean): number {
  let n = 0;
  while (n < removed.length && (isEnd ? removed[n] < p : removed[n] <= p)) n++;
  return base + p + n;
}
