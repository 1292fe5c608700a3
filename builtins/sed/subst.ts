import type { CompiledRegex, RegexBudget } from "../_lib/regex/index.js";
import type { ReplPart, Subst } from "./types.js";

/**
 * The `s` command on one pattern space, as GNU sed's do_subst: matches are
 * leftmost-longest, an empty match right after the previous match is skipped,
 * `N` and `g` combine (replace the Nth match and every later one), and the
 * replacement applies \L \U \l \u \E case conversion.
 * Returns the new text, or null when nothing was replaced.
 */
export function substitute(
  re: CompiledRegex,
  text: string,
  sub: Subst,
  budget: RegexBudget,
  /** Told the first match's spans (sed --debug prints them). */
  onFirst?: (spans: ArrayLike<number>) => void,
): string | null {
  const lit = re.literal;
  if (lit && !onFirst && sub.nth === 1 && sub.repl.every((p) => p.t === "text")) return replaceLiteral(text, lit, sub);
  let out = "";
  let copied = 0;
  let pos = 0;
  let count = 0;
  let prevEnd = -1;
  let replaced = false;
  while (pos <= text.length) {
    const m = re.exec(text, pos);
    if (!m) break;
    if ((count & 255) === 255) budget.step();
    const empty = m.end === m.index;
    if (empty && m.index === prevEnd) {
      // GNU: no empty match adjacent to the previous match.
      if (m.index >= text.length) break;
      pos = m.index + charWidth(text, m.index);
      continue;
    }
    count++;
    if (count === 1 && onFirst) onFirst(m.spans);
    if (count >= sub.nth) {
      out += text.slice(copied, m.index) + expand(sub.repl, text, m.spans);
      copied = m.end;
      replaced = true;
      if (!sub.global) break;
    }
    prevEnd = m.end;
    if (empty) {
      if (m.index >= text.length) break;
      pos = m.index + charWidth(text, m.index);
    } else pos = m.end;
  }
  if (!replaced) return null;
  return out + text.slice(copied);
}

/** `s/literal/text/[g]`: V8's native search and split/join build the result in one piece. */
function replaceLiteral(text: string, lit: string, sub: Subst): string | null {
  const i = text.indexOf(lit);
  if (i < 0) return null;
  const repl = sub.repl.length === 0 ? "" : (sub.repl[0] as { s: string }).s + sub.repl.slice(1).map((p) => (p as { s: string }).s).join("");
  if (!sub.global) return text.slice(0, i) + repl + text.slice(i + lit.length);
  return text.split(lit).join(repl);
}

function charWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/** Builds the replacement of one match. */
export function expand(parts: ReplPart[], text: string, spans: ArrayLike<number>): string {
  if (parts.length === 1 && parts[0].t === "text") return parts[0].s;
  let out = "";
  let mode: "L" | "U" | "" = "";
  let once: "l" | "u" | "" = "";
  const add = (s: string) => {
    if (s === "") return;
    if (mode) s = mapCase(s, mode === "U");
    if (once) {
      const first = String.fromCodePoint(s.codePointAt(0)!);
      s = mapCase(first, once === "u") + s.slice(first.length);
      once = "";
    }
    out += s;
  };
  for (const p of parts) {
    if (p.t === "text") add(p.s);
    else if (p.t === "group") {
      const s = spans[2 * p.n];
      if (s >= 0) add(text.slice(s, spans[2 * p.n + 1]));
    } else if (p.op === "E") {
      mode = "";
      once = "";
    } else if (p.op === "L" || p.op === "U") {
      mode = p.op;
      once = "";
    } else once = p.op;
  }
  return out;
}

/** Case conversion one character at a time, as towupper/towlower: "ß" stays "ß". */
function mapCase(s: string, upper: boolean): string {
  const whole = upper ? s.toUpperCase() : s.toLowerCase();
  if (whole.length === s.length) return whole;
  let out = "";
  for (const ch of s) {
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    out += m.length === ch.length ? m : ch;
  }
  return out;
}
