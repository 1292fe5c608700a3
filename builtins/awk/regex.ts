/**
 * awk's door to the shared regular-expression layer (builtins/_lib/regex):
 * EREs with gawk's escapes, `^`/`$` anchored at the ends of the string only and
 * `.` matching a newline. Compiled patterns are cached by source and case mode,
 * since dynamic regexps (strings used as patterns) recur per record.
 */
import { compileRegex, RegexSyntaxError, type CompiledRegex, type RegexBudget } from "../_lib/regex/index.js";
import { AwkFatal } from "./diagnostics.js";

export type { CompiledRegex, RegexMatch } from "../_lib/regex/index.js";

const MAX_CACHE = 500;

/**
 * awk has no back-references: `\1` and `\101` are octal escapes. The shared
 * parser reads `\N` as a back-reference first, so octal escapes are handed to
 * it as the equivalent `\xHH`.
 */
function octalToHex(source: string): string {
  if (!/\\[0-7]/.test(source)) return source;
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const d = source[i + 1];
    if (d !== undefined && d >= "0" && d <= "7") {
      let n = 0;
      let k = 1;
      while (k <= 3 && source[i + k] >= "0" && source[i + k] <= "7") n = n * 8 + (source.charCodeAt(i + k++) - 48);
      out += "\\x" + (n & 0xff).toString(16).padStart(2, "0");
      i += k - 1;
    } else {
      out += c + (d ?? "");
      i++;
    }
  }
  return out;
}

export class RegexCache {
  private readonly exact = new Map<string, CompiledRegex>();
  private readonly folded = new Map<string, CompiledRegex>();

  constructor(private readonly budget?: RegexBudget) {}

  get(source: string, ignoreCase: boolean): CompiledRegex {
    const cache = ignoreCase ? this.folded : this.exact;
    let re = cache.get(source);
    if (re) return re;
    try {
      re = compileRegex(octalToHex(source), { syntax: "ERE", escapes: "awk", ignoreCase, budget: this.budget });
    } catch (e) {
      if (e instanceof RegexSyntaxError) throw new AwkFatal(`invalid regexp: ${e.message}: /${source}/`);
      throw e;
    }
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(source, re);
    return re;
  }
}
