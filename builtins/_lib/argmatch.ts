import type { CommandContext } from "../types.js";
import { UsageError } from "./options.js";
import { quoteValue } from "./quote.js";

/**
 * gnulib XARGMATCH, as coreutils uses it for words such as --sort=WORD or
 * --group[=METHOD]: an exact word, or a prefix that picks one meaning
 * (synonyms count once). Otherwise it reports
 *   sort: invalid argument ‘x’ for ‘--check’
 *   Valid arguments are:
 *     - ‘quiet’, ‘silent’
 *     - ‘diagnose-first’
 *   Try 'sort --help' for more information.
 * and throws UsageError(status) ("ambiguous argument" when several meanings match).
 */
export function argmatch<T>(
  ctx: CommandContext,
  option: string,
  value: string,
  table: ReadonlyArray<readonly [string, T]>,
  status = 1,
): T {
  for (const [word, v] of table) if (word === value) return v;
  const hits = new Set<T>();
  for (const [word, v] of table) if (word.startsWith(value)) hits.add(v);
  if (hits.size === 1) return [...hits][0];
  let list = "";
  table.forEach(([word, v], i) => {
    // Consecutive synonyms share one line.
    if (i > 0 && table[i - 1][1] === v) list += `, ${quoteValue(word)}`;
    else list += `${i > 0 ? "\n" : ""}  - ${quoteValue(word)}`;
  });
  ctx.stderr.write(
    `${ctx.name}: ${hits.size > 1 ? "ambiguous" : "invalid"} argument ${quoteValue(value)} for ${quoteValue(option)}\n` +
      `Valid arguments are:\n${list}\nTry '${ctx.name} --help' for more information.\n`,
  );
  throw new UsageError(status);
}
