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

export class RegexCache {
  private readonly exact = new Map<string, CompiledRegex>();
  private readonly folded = new Map<string, CompiledRegex>();

  constructor(private readonly budget?: RegexBudget) {}

  get(source: string, ignoreCase: boolean): CompiledRegex {
    const cache = ignoreCase ? this.folded : this.exact;
    let re = cache.get(source);
    if (re) return re;
    try {
      re = compileRegex(source, { syntax: "ERE", escapes: "awk", ignoreCase, budget: this.budget });
    } catch (e) {
      if (e instanceof RegexSyntaxError) throw new AwkFatal(`invalid regexp: ${e.message}: /${source}/`);
      throw e;
    }
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(source, re);
    return re;
  }
}
