import type { Assignment, Redirect, Word } from "./ast.js";

/**
 * The line bash gives a simple command ($LINENO, "line N:" in messages): the
 * parser's line once it has read the token after the first one (its look-ahead),
 * so `eval 'a<newline>b'` counts from the line where the quoted string ends.
 */
export function simpleCommandLine(p: { lineAt(offset: number): number }, assigns: Assignment[], words: Word[], redirects: Redirect[]): number {
  if (redirects.length === 0) {
    // Assignments come before words: the second token is found without searching.
    const tok = (assigns.length >= 2 ? assigns[1] : assigns.length === 1 ? words[0] : words[1]) ?? assigns[0] ?? words[0];
    return p.lineAt(Math.max(tok.pos, tok.end - 1));
  }
  // With redirections, the first two tokens in source order; a redirection is its operator, then its target.
  // (One loop over all of them, no closure: this runs for every command with a redirection.)
  let p1 = Infinity, e1 = 0, p2 = Infinity, e2 = 0;
  const na = assigns.length;
  const nw = na + words.length;
  const n = nw + 2 * redirects.length;
  for (let k = 0; k < n; k++) {
    let pos: number, end: number;
    if (k < na) {
      pos = assigns[k].pos;
      end = assigns[k].end;
    } else if (k < nw) {
      pos = words[k - na].pos;
      end = words[k - na].end;
    } else {
      const r = redirects[(k - nw) >> 1];
      const target = ((k - nw) & 1) === 1;
      pos = target ? r.target.pos : r.pos;
      end = target ? r.target.end : r.pos + 1;
    }
    if (pos < p1) {
      p2 = p1; e2 = e1; p1 = pos; e1 = end;
    } else if (pos < p2) {
      p2 = pos; e2 = end;
    }
  }
  return p2 !== Infinity ? p.lineAt(Math.max(p2, e2 - 1)) : p.lineAt(Math.max(p1, e1 - 1));
}
