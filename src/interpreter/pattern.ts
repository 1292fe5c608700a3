/**
 * Shell patterns (glob and extglob) as regular expressions, for case, [[ == ]],
 * ${x#pat} and friends, and pathname expansion. A pattern string marks quoted
 * characters with a backslash (see expand.ts), so `"*"` stays literal.
 */

const CLASS_MAP: Record<string, string> = {
  alpha: "\\p{L}",
  digit: "0-9",
  alnum: "\\p{L}\\p{Nd}",
  upper: "\\p{Lu}",
  lower: "\\p{Ll}",
  space: "\\s",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: "\\P{C}",
  graph: "!-~\\u00a1-\\uffff",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
  word: "\\w",
};

const cache = new Map<string, RegExp>();

/** True when the pattern has unquoted glob characters. */
export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "*" || c === "?" || c === "[") return true;
    if ((c === "+" || c === "@" || c === "!") && pattern[i + 1] === "(") return true;
  }
  return false;
}

/** Backslash-escapes glob characters so a string matches only itself. */
export function escapeGlob(s: string): string {
  return s.replace(/[\\*?[\]+@!()|&]/g, "\\$&");
}

/** Removes pattern escapes (the literal text a non-matching glob stands for). */
export function unescapeGlob(p: string): string {
  return p.replace(/\\(.)/gs, "$1");
}

/** Translates a pattern to regex source (no anchors). */
export function patternToRegexSource(p: string, opts: { extglob?: boolean; pathname?: boolean } = {}): string {
  let out = "";
  const anyChar = opts.pathname ? "[^/]" : "[^]";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") {
      i++;
      if (i < p.length) out += escapeRegexChar(p[i]);
      else out += "\\\\";
      continue;
    }
    if (p[i + 1] === "(" && "?*+@!".includes(c) && opts.extglob !== false) {
      const close = findGroupEnd(p, i + 1);
      if (close > 0) {
        const alts = splitAlternatives(p.slice(i + 2, close)).map((a) => patternToRegexSource(a, opts));
        const group = `(?:${alts.join("|")})`;
        if (c === "?") out += group + "?";
        else if (c === "*") out += group + "*";
        else if (c === "+") out += group + "+";
        else if (c === "@") out += group;
        else {
          const rest = close + 1 >= p.length;
          out += rest ? `(?:(?!${group}$)${anyChar}*)` : `(?:(?!${group})${anyChar}*?)`;
        }
        i = close;
        continue;
      }
    }
    if (c === "*") {
      while (p[i + 1] === "*") i++;
      out += anyChar + "*";
    } else if (c === "?") out += anyChar;
    else if (c === "[") {
      const br = bracket(p, i);
      if (br) {
        out += br.source;
        i = br.end;
      } else out += "\\[";
    } else out += escapeRegexChar(c);
  }
  return out;
}

function escapeRegexChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? "\\" + c : c;
}

function findGroupEnd(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

function splitAlternatives(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      cur += c + (s[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")") depth--;
    if (c === "|" && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** A bracket expression at p[start] === "[", or null when it does not close. */
function bracket(p: string, start: number): { source: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (p[i] === "!" || p[i] === "^") {
    negate = true;
    i++;
  }
  let body = "";
  let first = true;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === "]" && !first) {
      if (body === "") return null;
      return { source: `[${negate ? "^" : ""}${body}]`, end: i };
    }
    first = false;
    if (c === "[" && p[i + 1] === ":") {
      const close = p.indexOf(":]", i + 2);
      if (close > 0) {
        const name = p.slice(i + 2, close);
        const cls = CLASS_MAP[name];
        if (cls !== undefined) {
          body += cls;
          i = close + 1;
          continue;
        }
      }
    }
    if (c === "[" && (p[i + 1] === "=" || p[i + 1] === ".")) {
      const end = p.indexOf(p[i + 1] + "]", i + 2);
      if (end > 0) {
        body += escapeClassChar(p.slice(i + 2, end));
        i = end + 1;
        continue;
      }
    }
    if (c === "\\") {
      i++;
      if (i < p.length) body += escapeClassChar(p[i]);
      continue;
    }
    if (c === "-" && body !== "" && p[i + 1] !== "]" && p[i + 1] !== undefined) {
      body += "-";
      continue;
    }
    body += escapeClassChar(c);
  }
  return null;
}

function escapeClassChar(c: string): string {
  return /[\\\]^\-[]/.test(c) ? "\\" + c : c;
}

/** A whole-string matcher for a pattern, cached. */
export function patternRegex(p: string, opts: { nocase?: boolean; extglob?: boolean; pathname?: boolean } = {}): RegExp {
  const key = (opts.nocase ? "i" : "-") + (opts.pathname ? "p" : "-") + p;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(`^(?:${patternToRegexSource(p, opts)})$`, opts.nocase ? "iu" : "u");
    if (cache.size > 2000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** Does the whole string match the pattern? */
export function matchPattern(s: string, p: string, nocase = false): boolean {
  if (!hasGlobChars(p)) return nocase ? s.toLowerCase() === unescapeGlob(p).toLowerCase() : s === unescapeGlob(p);
  return patternRegex(p, { nocase }).test(s);
}

/**
 * ${x#p} ${x##p} ${x%p} ${x%%p}: the string with the shortest/longest matching
 * prefix or suffix removed.
 */
export function removeAffix(s: string, p: string, suffix: boolean, longest: boolean, nocase = false): string {
  const re = patternRegex(p, { nocase });
  const n = s.length;
  if (!suffix) {
    if (longest) {
      for (let i = n; i >= 0; i--) if (re.test(s.slice(0, i))) return s.slice(i);
    } else {
      for (let i = 0; i <= n; i++) if (re.test(s.slice(0, i))) return s.slice(i);
    }
  } else if (longest) {
    for (let i = 0; i <= n; i++) if (re.test(s.slice(i))) return s.slice(0, i);
  } else {
    for (let i = n; i >= 0; i--) if (re.test(s.slice(i))) return s.slice(0, i);
  }
  return s;
}

/** ${x/p/r}: replaces the first (or every) longest match; anchor # or % pins it. */
export function replacePattern(s: string, p: string, rep: string, all: boolean, anchor: "#" | "%" | null, nocase = false): string {
  const re = patternRegex(p, { nocase });
  const n = s.length;
  if (anchor === "#") {
    for (let i = n; i >= 0; i--) if (re.test(s.slice(0, i))) return rep + s.slice(i);
    return s;
  }
  if (anchor === "%") {
    for (let i = 0; i <= n; i++) if (re.test(s.slice(i))) return s.slice(0, i) + rep;
    return s;
  }
  let out = "";
  let i = 0;
  let replaced = false;
  while (i <= n) {
    let matchEnd = -1;
    if (!(replaced && !all)) {
      for (let j = n; j >= i; j--) {
        if (re.test(s.slice(i, j))) {
          matchEnd = j;
          break;
        }
      }
    }
    if (matchEnd > i || (matchEnd === i && p !== "" && false)) {
      out += rep;
      i = matchEnd;
      replaced = true;
      if (!all) {
        out += s.slice(i);
        return out;
      }
      continue;
    }
    if (i < n) out += s[i];
    i++;
  }
  return out;
}
