/**
 * Fields: the words a word expands into, built piece by piece with each piece's quoting (quoted
 * text never splits or globs), and how a parameter's value (scalar or list) is added to them.
 * Shared by the synchronous and asynchronous expansion paths of expand.ts.
 */
import type { PlainValue } from "./param.js";
import { escapeGlob, hasGlobChars, mayHaveGlobChars } from "./pattern.js";
import type { Shell } from "./shell.js";

export interface Field {
  text: string;
  /** The text as a pattern: quoted characters backslash-escaped. */
  pat: string;
  glob: boolean;
}

/** Accumulates fields while parts are expanded. */
export class Fields {
  declare private readonly ifs: string;
  declare out: Field[];
  declare text: string;
  declare glob: boolean;
  declare started: boolean;
  /** Set when a quoted "$@" expanded to nothing. */
  declare atEmpty: boolean;
  /**
   * A case pattern is the first word of its expansion (bash's case takes list->word):
   * after a quoted "$@" of several elements nothing more is added (see addValue).
   */
  declare firstWordOnly: boolean;
  declare closed: boolean;
  /**
   * The current field's pieces with their quoting, kept so the glob pattern
   * (quoted characters escaped) is built only for fields that need globbing.
   */
  declare private pieces: string[];
  declare private quotedPieces: boolean[];

  // Assigned, not class fields: a field makes V8 compile the class body again at the first instance.
  constructor(ifs: string) {
    this.ifs = ifs;
    this.out = [];
    this.text = "";
    this.glob = false;
    this.started = false;
    this.atEmpty = false;
    this.firstWordOnly = false;
    this.closed = false;
    this.pieces = [];
    this.quotedPieces = [];
  }

  /** The current field as a pattern (pattern text of a non-splitting expansion). */
  get pat(): string {
    let p = "";
    for (let i = 0; i < this.pieces.length; i++) p += this.quotedPieces[i] ? escapeGlob(this.pieces[i]) : this.pieces[i];
    return p;
  }

  quoted(s: string): void {
    this.text += s;
    this.pieces.push(s);
    this.quotedPieces.push(true);
    this.started = true;
  }

  literal(s: string): void {
    this.text += s;
    this.pieces.push(s);
    this.quotedPieces.push(false);
    if (!this.glob && mayHaveGlobChars(s)) this.glob = true;
    this.started = true;
  }

  end(): void {
    if (this.started) {
      const pat = this.glob ? this.pat : "";
      const glob = this.glob && hasGlobChars(pat);
      this.out.push({ text: this.text, pat: glob ? pat : "", glob });
    }
    this.text = "";
    this.pieces.length = 0;
    this.quotedPieces.length = 0;
    this.glob = false;
    this.started = false;
  }

  /** An unquoted expansion result: split on IFS, glob characters live. */
  splittable(s: string): void {
    const ifs = this.ifs;
    if (ifs === "") {
      if (s !== "") this.literal(s);
      return;
    }
    const n = s.length;
    let i = 0;
    const isWs = (c: string) => (c === " " || c === "\t" || c === "\n") && ifs.includes(c);
    while (i < n && isWs(s[i])) i++;
    if (i > 0) this.end();
    let chunkStart = i;
    // The default IFS is tested by character code: $(seq ...) and friends split fast.
    const defaultIfs = ifs === " \t\n";
    while (i < n) {
      if (defaultIfs) {
        const code = s.charCodeAt(i);
        if (code !== 32 && code !== 9 && code !== 10) {
          i++;
          continue;
        }
      } else if (!ifs.includes(s[i])) {
        i++;
        continue;
      }
      if (i > chunkStart) this.literal(s.slice(chunkStart, i));
      // A delimiter: ws* [one non-ws IFS char] ws*
      let nonWs = false;
      while (i < n && isWs(s[i])) i++;
      if (i < n && ifs.includes(s[i]) && !isWs(s[i])) {
        nonWs = true;
        i++;
        while (i < n && isWs(s[i])) i++;
      }
      if (nonWs) this.started = true;
      this.end();
      chunkStart = i;
    }
    if (chunkStart < n) this.literal(s.slice(chunkStart));
  }
}

export function ifsOf(sh: Shell): string {
  const v = sh.get("IFS");
  return v === undefined ? " \t\n" : v;
}

export function addScalar(s: string, f: Fields, quoted: boolean, split: boolean): void {
  if (quoted) f.quoted(s);
  else if (split) f.splittable(s);
  else f.literal(s);
}

export function addValue(sh: Shell, v: PlainValue, f: Fields, quoted: boolean, split: boolean): void {
  if (typeof v === "string") {
    addScalar(v, f, quoted, split);
    return;
  }
  const list = v.list;
  if (quoted) {
    if (v.star) {
      const ifs = ifsOf(sh);
      f.quoted(list.join(ifs.slice(0, 1)));
      return;
    }
    // Where no fields are made (assignments, [[ ]]), "$@" joins with spaces; a case
    // pattern keeps its first element and ends there.
    if (!split) {
      if (list.length === 0) f.atEmpty = true;
      else if (f.firstWordOnly && list.length > 1) {
        f.quoted(list[0]);
        f.closed = true;
      }
      else f.quoted(list.join(" "));
      return;
    }
    // "$@": one field per element; the first joins the text before, the last the text after.
    if (list.length === 0) {
      f.atEmpty = true;
      return;
    }
    for (let i = 0; i < list.length; i++) {
      if (i > 0) {
        f.started = true;
        f.end();
      }
      f.quoted(list[i]);
    }
    return;
  }
  if (!split) {
    const ifs = ifsOf(sh);
    f.literal(list.join(v.star ? ifs.slice(0, 1) : " "));
    return;
  }
  for (let i = 0; i < list.length; i++) {
    if (i > 0) f.end();
    f.splittable(list[i]);
  }
}
