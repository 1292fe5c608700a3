type GlobEngine = typeof import("../../builtins/_lib/regex/glob.js");

/**
 * Shell patterns (glob and extglob) as regular expressions, for case, [[ == ]],
 * ${x#pat} and friends, and pathname expansion. A pattern string marks quoted
 * characters with a backslash (see expand.ts), so `"*"` stays literal.
 */

const cache = new Map<string, { test(s: string): boolean }>();

/**
 * The pattern engine (the shared regex layer, ~25 KB) loads before the first pattern with
 * glob characters is matched, so a script without one never compiles it (cold start).
 * Matching is synchronous; the async code that produces a pattern (expandPattern,
 * globExpand, ...) awaits patternEngineFor(p) first.
 */
let engine: GlobEngine | null = null;

/** A promise to await before matching p, or undefined when nothing needs loading. */
export function patternEngineFor(p: string): Promise<void> | undefined {
  if (engine || !hasGlobChars(p)) return undefined;
  return import("../../builtins/_lib/regex/glob.js").then((m) => {
    engine = m;
  });
}

/** True when the pattern has unquoted glob characters. */
export function hasGlobChars(pattern: string): boolean {
  let bracket = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "*" || c === "?") return true;
    // As bash's glob_pattern_p: "[" makes a pattern only with a "]" after it, so
    // `[ $x -lt 1 ]`'s words stay plain and skip pathname expansion.
    if (c === "[") bracket = true;
    else if (c === "]" && bracket) return true;
    else if ((c === "+" || c === "@" || c === "!") && pattern[i + 1] === "(") return true;
  }
  return false;
}

/** Any character that may start a pattern (for a piece of a word: its "]" may come later). */
export function mayHaveGlobChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "*" || c === "?" || c === "[" || c === "]" || ((c === "+" || c === "@" || c === "!") && text[i + 1] === "(")) return true;
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

/**
 * A whole-string matcher for a pattern, cached. It runs on the shared regex
 * layer (builtins/_lib/regex), whose engines cannot backtrack exponentially, so
 * `case $long in *a*a*a*b)` cannot stall the host.
 */
export function patternRegex(p: string, opts: { nocase?: boolean; extglob?: boolean; pathname?: boolean } = {}): { test(s: string): boolean } {
  const key = (opts.nocase ? "i" : "-") + (opts.pathname ? "p" : "-") + p;
  let re = cache.get(key);
  if (!re) {
    if (engine) re = engine.compileGlob(p, { extglob: opts.extglob !== false, nocase: opts.nocase, pathname: opts.pathname });
    else if (hasGlobChars(p)) throw new Error(`sandbash: pattern engine not loaded before matching ${p}`);
    else {
      // No glob characters: the pattern is its own text, and equality needs no engine.
      const lit = unescapeGlob(p);
      const low = lit.toLowerCase();
      re = opts.nocase ? { test: (s: string) => s.toLowerCase() === low } : { test: (s: string) => s === lit };
    }
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
export function removeAffix(s: string, p: string, suffix: boolean, longest: boolean, nocase = false, poll?: () => void): string {
  const pr = patternRegex(p, { nocase });
  const re = poll ? polled(pr, poll) : pr;
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

/**
 * The matcher with `poll` (the time limit) called every 64 tests: affix removal
 * and substitution try up to n^2 substrings, which a long string and a pattern
 * with many stars turn into minutes of synchronous work.
 */
function polled(re: { test(s: string): boolean }, poll: () => void): { test(s: string): boolean } {
  let tests = 0;
  return {
    test(s: string) {
      if ((++tests & 63) === 0) poll();
      return re.test(s);
    },
  };
}

/** ${x/p/r}: replaces the first (or every) longest match; anchor # or % pins it. */
export function replacePattern(
  s: string,
  p: string,
  rep: string,
  all: boolean,
  anchor: "#" | "%" | null,
  nocase = false,
  tick?: () => void,
  poll?: () => void,
): string {
  // A pattern without glob characters is a plain substring: no quadratic search.
  if (!anchor && !nocase && p !== "" && !hasGlobChars(p)) {
    const lit = unescapeGlob(p);
    const at = s.indexOf(lit);
    if (at < 0) return s;
    return all ? s.split(lit).join(rep) : s.slice(0, at) + rep + s.slice(at + lit.length);
  }
  const pr = patternRegex(p, { nocase });
  const re = poll ? polled(pr, poll) : pr;
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
    tick?.();
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
