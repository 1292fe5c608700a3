/**
 * sub, gsub, gensub and match, with gawk's replacement rules (sub_common in
 * builtin.c): `&` is the match; `\&` a literal &; `\\&` a backslash and the
 * match; `\\\&` a literal \&; `\\\\` two backslashes; gensub's `\N` is group N.
 * An empty match right after a non-empty replaced match is skipped.
 */
import type { AwkArray } from "./array.js";
import type { Expr, LValue } from "./ast.js";
import { compileSplitBuiltin, SPLIT_BUILTINS } from "./builtins-array.js";
import type { Compiler, Ex } from "./compile.js";
import type { CompiledRegex, RegexMatch } from "./regex.js";
import type { Runtime } from "./runtime.js";
import { charIndex, charLength } from "./text.js";
import { Strnum, toNum } from "./values.js";

export const REGEX_BUILTINS = new Set(["sub", "gsub", "gensub", "match", ...SPLIT_BUILTINS]);

type Piece = { t: "lit"; s: string } | { t: "group"; n: number };

/** A replacement's pieces as they are read: literal text gathers until a group. */
class PieceList {
  readonly pieces: Piece[] = [];
  lit = "";

  group(n: number): void {
    if (this.lit) this.pieces.push({ t: "lit", s: this.lit });
    this.lit = "";
    this.pieces.push({ t: "group", n });
  }

  done(): Piece[] {
    if (this.lit) this.pieces.push({ t: "lit", s: this.lit });
    return this.pieces;
  }
}

/**
 * Reads a replacement: `&` is the match, any other character is itself, and
 * `escape` reads a backslash at r[i], returning the index of its last character.
 */
function parseRepl(r: string, escape: (i: number, out: PieceList) => number): Piece[] {
  const out = new PieceList();
  for (let i = 0; i < r.length; i++) {
    const c = r[i];
    if (c === "&") out.group(0);
    else if (c === "\\") i = escape(i, out);
    else out.lit += c;
  }
  return out.done();
}

/** Parses a sub/gsub replacement (gawk's default, non-POSIX rules). */
function parseSubRepl(r: string): Piece[] {
  return parseRepl(r, (i, out) => {
    if (r.startsWith("\\\\\\&", i) || r.startsWith("\\\\\\\\", i)) {
      out.lit += "\\" + r[i + 3];
      return i + 3;
    }
    if (r.startsWith("\\\\&", i)) {
      out.lit += "\\";
      out.group(0);
      return i + 2;
    }
    if (r[i + 1] === "&") {
      out.lit += "&";
      return i + 1;
    }
    out.lit += "\\";
    return i;
  });
}

/** Parses a gensub replacement: `\N` groups, `&` the match, `\q` is q. */
function parseGensubRepl(r: string): Piece[] {
  return parseRepl(r, (i, out) => {
    const d = r[i + 1];
    if (d !== undefined && d >= "0" && d <= "9") {
      out.group(d.charCodeAt(0) - 48);
      return i + 1;
    }
    if (d === undefined) {
      out.lit += "\\";
      return i;
    }
    out.lit += d;
    return i + 1;
  });
}

function expand(pieces: Piece[], text: string, m: RegexMatch): string {
  let s = "";
  for (const p of pieces) {
    if (p.t === "lit") s += p.s;
    else {
      const a = m.spans[2 * p.n];
      if (p.n < m.spans.length / 2 && a !== undefined && a >= 0) s += text.slice(a, m.spans[2 * p.n + 1]);
    }
  }
  return s;
}

/**
 * The substitution loop. `which` 0 replaces every match, n only the nth.
 * Returns the new text and the number of replacements.
 */
export function substitute(re: CompiledRegex, text: string, pieces: Piece[], which: number): [string, number] {
  let out = "";
  let pos = 0;
  let count = 0;
  let current = 0;
  let lastNonEmpty = false;
  let m = re.exec(text, 0);
  while (m) {
    current++;
    const start = m.index, end = m.end;
    out += text.slice(pos, start);
    if (which === 0 || current === which) {
      if (start === end && lastNonEmpty && start === pos) {
        lastNonEmpty = false;
      } else {
        out += expand(pieces, text, m);
        count++;
        if (start !== end) lastNonEmpty = true;
      }
    } else out += text.slice(start, end);
    let next = end;
    if (start === end && end < text.length) {
      const c = text.charCodeAt(end);
      const step = c >= 0xd800 && c <= 0xdbff && end + 1 < text.length ? 2 : 1;
      const ch = text.slice(end, end + step);
      next = end + step;
      if (c < 0x80 || (c >= 0xdc80 && c <= 0xdcff) || (which !== 0 && current >= which)) out += ch;
      else {
        // gawk 5.2 steps over an empty match one byte at a time, so the regex
        // matches empty again inside a multibyte character and the replacement
        // lands between its bytes.
        const bytes = new TextEncoder().encode(ch);
        for (let b = 0; b < bytes.length; b++) {
          out += String.fromCharCode(0xdc00 | bytes[b]);
          if (b + 1 < bytes.length) {
            current++;
            if (which === 0 || current === which) {
              out += expand(pieces, text, { index: next, end: next, spans: [next, next] });
              count++;
            }
          }
        }
      }
    }
    pos = next;
    if ((which !== 0 && current >= which) || (pos >= text.length && start === next)) break;
    m = re.exec(text, pos);
  }
  if (count === 0) return [text, 0];
  return [out + text.slice(pos), count];
}

/** Reads and writes the target of sub/gsub. */
function targetOf(c: Compiler, t: Expr | undefined): { get: (rt: Runtime) => string; set: Ex | null; assign: (rt: Runtime, s: string) => void } {
  if (!t) {
    return { get: (rt) => rt.record, set: null, assign: (rt, s) => rt.setRecord(s) };
  }
  const inner = t.k === "group" ? t.e : t;
  if (inner.k === "var" || inner.k === "field" || inner.k === "index") {
    const lv = inner as LValue;
    const get = c.cs(lv);
    let pending = "";
    const write = c.assignTo(lv, () => pending);
    return {
      get,
      set: write,
      assign: (rt, s) => {
        pending = s;
        write(rt);
      },
    };
  }
  // Not an lvalue: gawk substitutes into a temporary.
  const get = c.cs(t);
  return { get, set: null, assign: () => {} };
}

export function compileRegexBuiltin(c: Compiler, e: Extract<Expr, { k: "builtin" }>): Ex {
  const args = e.args;
  switch (e.name) {
    case "sub":
    case "gsub": {
      const re = c.regexArg(args[0]);
      const repl = c.cs(args[1]);
      const target = targetOf(c, args[2]);
      const which = e.name === "sub" ? 1 : 0;
      let lastRepl = "";
      let lastPieces: Piece[] = [];
      return (rt) => {
        const r = re(rt);
        const rs = repl(rt);
        if (rs !== lastRepl || lastPieces.length === 0) {
          lastRepl = rs;
          lastPieces = parseSubRepl(rs);
        }
        const text = target.get(rt);
        const [result, n] = substitute(r, text, lastPieces, which);
        if (n > 0) target.assign(rt, result);
        return n;
      };
    }
    case "gensub": {
      const re = c.regexArg(args[0]);
      const repl = c.cs(args[1]);
      const how = c.cv(args[2]);
      const target = args[3] ? c.cs(args[3]) : (rt: Runtime) => rt.record;
      const line = e.line;
      return (rt) => {
        const r = re(rt);
        const pieces = parseGensubRepl(repl(rt));
        const h = how(rt);
        let which: number;
        const hs = rt.str(h);
        if (typeof h !== "number" && (hs[0] === "g" || hs[0] === "G")) which = 0;
        else {
          const n = typeof h === "number" || (h instanceof Strnum && h.isNum) ? Math.trunc(toNum(h)) : NaN;
          if (!(n >= 1)) {
            rt.warn(`gensub: third argument \`${hs}' treated as 1`, line);
            which = 1;
          } else which = n;
        }
        return substitute(r, target(rt), pieces, which)[0];
      };
    }
    case "match": {
      const s = c.cs(args[0]);
      const re = c.regexArg(args[1]);
      const arr = args[2] ? c.arrayExpr(args[2], "match: third argument is not an array") : null;
      const rstart = c.rt.slot("RSTART"), rlength = c.rt.slot("RLENGTH");
      return (rt) => {
        const text = s(rt);
        const r = re(rt);
        const a = arr ? arr(rt) : null;
        const m = r.exec(text, 0);
        if (a) a.clear();
        if (!m) {
          rt.g[rstart] = 0;
          rt.g[rlength] = -1;
          return 0;
        }
        // gawk quirk: an empty match at the very end of a multibyte string reports its byte offset.
        const start =
          m.index === text.length && m.end === m.index && /[^\x00-\x7f]/.test(text)
            ? utf8Length(text) + 1
            : charIndex(text, m.index) + 1;
        rt.g[rstart] = start;
        rt.g[rlength] = charLength(text.slice(m.index, m.end));
        if (a) fillMatchArray(rt, a, text, m, r.groups);
        return start;
      };
    }
  }
  return compileSplitBuiltin(c, e);
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c >= 0xdc80 && c <= 0xdcff ? 1 : c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function fillMatchArray(rt: Runtime, a: AwkArray, text: string, m: RegexMatch, groups: number): void {
  for (let g = 0; g <= groups; g++) {
    const s = m.spans[2 * g];
    if (s === undefined || s < 0) continue;
    const t = text.slice(s, m.spans[2 * g + 1]);
    a.set(String(g), new Strnum(t));
    a.set(`${g}${rt.subsep}start`, charIndex(text, s) + 1);
    a.set(`${g}${rt.subsep}length`, charLength(t));
  }
}

